using System.Globalization;
using Microtask.Batches;
using Microtask.Bot.Resources;
using Microtask.Core;

namespace Microtask.Bot.Tests.Resources;

/// <summary>
/// Texts looked up by a code's name ("Reason_" + code): every code the batch parser, the template check and the HTML
/// check can give has its text in both languages, so no refusal ever reaches a requester as a missing resource.
/// </summary>
public sealed class CodeTextTests
{
    public static TheoryData<string> Keys()
    {
        var keys = new TheoryData<string>();
        foreach (var code in Enum.GetNames<RejectReason>()) keys.Add("Reason_" + code);
        foreach (var code in Enum.GetNames<FileErrorCode>()) keys.Add("File_" + code);
        foreach (var fault in Enum.GetNames<TaskTemplate.Fault>()) keys.Add("Template_" + fault);
        foreach (var fault in Enum.GetNames<TelegramHtml.Fault>()) keys.Add("Html_" + fault);
        return keys;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Has_a_text_in_english_and_in_indonesian(string key)
    {
        var english = RequesterMessages.ResourceManager.GetString(key, CultureInfo.GetCultureInfo("en"));
        var indonesian = RequesterMessages.ResourceManager.GetString(key, CultureInfo.GetCultureInfo("id"));

        Assert.False(string.IsNullOrWhiteSpace(english), $"{key} has no English text");
        Assert.False(string.IsNullOrWhiteSpace(indonesian), $"{key} has no Indonesian text");
        Assert.NotEqual(english, indonesian);
    }
}
