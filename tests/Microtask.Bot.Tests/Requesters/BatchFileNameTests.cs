using Microtask.Bot.Requesters;
using Microtask.Bot.Shared;
using Microtask.Bot.Telegram.Routing;
using Microtask.Bot.Telegram.Sending;
using Microtask.Bot.Telegram.Transport;
using Microtask.Bot.Workers;
using Microtask.Bot.Money;
using Microtask.Bot.Views;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>The name an uploaded file goes by (<see cref="BatchFiles.NameOf"/>): the same whatever the backend.</summary>
public sealed class BatchFileNameTests
{
    [Theory]
    [InlineData(null, "batch")]
    [InlineData("  ", "batch")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("tasks\u0000.csv", "tasks.csv")]
    [InlineData("<b>x</b>.csv", "b>.csv")]
    [InlineData("report 2026.jsonl", "report 2026.jsonl")]
    [InlineData("fake\u2028line.csv", "fakeline.csv")]
    [InlineData("rtl\u202Evsc.exe", "rtlvsc.exe")]
    [InlineData("family \U0001F469\u200D\U0001F469\u200D\U0001F467.csv", "family \U0001F469\u200D\U0001F469\u200D\U0001F467.csv")]
    public void A_sent_file_name_loses_folders_and_invisible_characters(string? sent, string expected) =>
        Assert.Equal(expected, BatchFiles.NameOf(sent));

    [Fact]
    public void A_long_name_is_cut_before_its_extension_and_never_through_an_emoji()
    {
        // 80 characters at most: 74 of the name, "…", ".json"; the 74th would be the first half of the emoji.
        Assert.Equal(new string('a', 73) + "….json", BatchFiles.NameOf(new string('a', 73) + "😀😀😀" + ".json"));
        Assert.Equal(new string('a', 74) + "….json", BatchFiles.NameOf(new string('a', 80) + ".json"));
        // An extension too long to be one is not kept.
        Assert.Equal(new string('b', 79) + "…", BatchFiles.NameOf(new string('b', 100) + "." + new string('e', 20)));
    }
}
