using System.Text;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Requesters;

/// <summary>
/// Every requester command fed what a careless or hostile user types (very long text, other scripts' digits, direction
/// marks, emoji) answers with a clear message that fits Telegram, never with the generic failure; digits of any script
/// name a project as ASCII ones do.
/// </summary>
public abstract class RequesterHostileInputTests(string backend) : BotTest(backend, new Dictionary<string, string?>
{
    ["Microtask:Requesters:0"] = RequesterId.ToString(),
    ["Microtask:Sender:PerChatPerSecond"] = "100", // a hundred replies to one chat, without a second's wait each
})
{
    private const long RequesterId = 100001;
    private const string Failure = "something went wrong";
    private static readonly string Long = string.Concat(Enumerable.Repeat("ب🎉<b>&", 1500));
    private const string Marks = "\u202E\u200F\u2066";
    private Player requester = null!;
    private long projectId;

    protected override async Task StartedAsync()
    {
        requester = await Bot.WorkerAsync("Rini", "en");
        var owner = (await Bot.Get<WorkerStore>().FindAsync(RequesterId))!.Id;
        await Bot.Get<LedgerStore>().TopupAsync(owner, 1_000_000);
        projectId = await Bot.Get<ProjectStore>().CreateAsync(
            new NewProject("Animals", "Pick one", AnswerKind.YesNo, [], "{{text}}", 100, 1, TimeSpan.FromMinutes(5), owner),
            [new NewTask(new Dictionary<string, string> { ["text"] = "a cat" })],
            ProjectState.Active);
    }

    [Fact]
    public async Task Every_requester_command_answers_hostile_arguments_clearly()
    {
        var arabic = ArabicIndic(projectId);
        string[] arguments = [Long, arabic + Long, Marks, Marks + projectId, "🎉👨‍👩‍👧", "99999999999999999999999", "-1", "#", "٣.٥", "３", $"{projectId} {Long}", $"{projectId} {Marks}🎉 ٧٠%"];
        foreach (var command in new[] { "/projects", "/progress", "/results", "/rules", "/digest", "/cancel", "/newproject", "/pause", "/resume", "/close", "/bonus", "/notify" })
        {
            foreach (var argument in arguments)
            {
                var replies = await RepliesAsync($"{command} {argument}");
                Assert.True(replies.Count > 0, $"{command} {argument[..Math.Min(argument.Length, 20)]}: no reply");
            }
        }

        // Another script's digits name the project as ASCII ones do.
        Assert.NotNull(Assert.Single(await RepliesAsync($"/progress {arabic}")).Photo);
        Assert.Equal($"project-{projectId}-results.csv", Assert.Single(await RepliesAsync($"/results #{arabic}")).DocumentFileName);
        Assert.Contains("accuracy", Assert.Single(await RepliesAsync($"/rules {arabic} akurasi ٧٠%")).PlainText);

        // A quoted argument is cut, so the rest of the reply (how to write it right) is still there.
        var rules = Assert.Single(await RepliesAsync($"/rules {projectId} {Long}")).PlainText;
        Assert.StartsWith("I could not read ب🎉<b>&", rules);
        Assert.EndsWith("Or send default.", rules);

        // A file's caption in another script's digits, or as long as Telegram allows, with marks and emoji.
        Assert.Contains($"for project #{projectId}", (await UploadAsync($"{Marks}#{arabic} 🎉")).PlainText);
        Assert.Contains("Which project is this file for?", (await UploadAsync(Long[..1022])).PlainText);

        AssertAllFit();
    }

    [Fact]
    public async Task The_new_project_questions_answer_hostile_text_clearly_and_read_any_digits()
    {
        var arabic = ArabicIndic(1);
        await RepliesAsync("/newproject");
        (string Hostile, string Expected)[] refused =
        [
            (Long, "A title is one line"), (Marks, "A title is one line"), (Marks + " \u200B ", "A title is one line"),
        ];
        foreach (var (hostile, expected) in refused)
        {
            Assert.Contains(expected, Assert.Single(await RepliesAsync(hostile)).PlainText);
        }

        Assert.Contains("2/11", Assert.Single(await RepliesAsync($"{Marks}Hewan 🎉")).PlainText);
        Assert.Contains("Instructions are 1 to 1,000 characters", Assert.Single(await RepliesAsync(Long)).PlainText);
        Assert.Contains("3/11", Assert.Single(await RepliesAsync("Pilih 👨‍👩‍👧 " + Marks)).PlainText);
        Assert.Contains("Press one of the buttons", Assert.Single(await RepliesAsync(Long)).PlainText);
        Assert.Contains("task template", Assert.Single(await RepliesAsync("٣")).PlainText); // rating, typed in Arabic-Indic digits
        Assert.Contains("at most 1,500 characters", Assert.Single(await RepliesAsync(Long + "{{text}}")).PlainText);
        Assert.Contains("5/11", Assert.Single(await RepliesAsync($"{Marks}🎉 {{{{text}}}}")).PlainText);
        Assert.Contains("from 0 to 100,000,000", Assert.Single(await RepliesAsync("99999999999999999999999")).PlainText);
        Assert.Contains("6/11", Assert.Single(await RepliesAsync("١٠٠")).PlainText);
        Assert.Contains("a bare number is seconds", Assert.Single(await RepliesAsync(Long)).PlainText);
        Assert.Contains("7/11", Assert.Single(await RepliesAsync("٢٠s")).PlainText);
        Assert.Contains("8/11", Assert.Single(await RepliesAsync("３")).PlainText);
        Assert.Contains("9/11", Assert.Single(await RepliesAsync("٩٠s")).PlainText);
        Assert.Contains("from 1 to 100,000", Assert.Single(await RepliesAsync(Long)).PlainText);
        Assert.Contains("10/11", Assert.Single(await RepliesAsync("١٢")).PlainText);
        var quality = Assert.Single(await RepliesAsync(Long)).PlainText;
        Assert.StartsWith("I could not read ب🎉<b>&", quality);
        Assert.EndsWith("Or send default.", quality);
        Assert.Contains("11/11", Assert.Single(await RepliesAsync($"akurasi ٧٠% setelah {arabic}٠")).PlainText);
        Assert.Contains("at least one reward", Assert.Single(await RepliesAsync(Marks + "🎉")).PlainText);
        var done = await RepliesAsync("١٠٠٠");
        Assert.Equal(2, done.Count); // the preview and the summary
        Assert.Contains("Hewan 🎉", done[0].PlainText);
        Assert.Contains("pays for 10 answers", done[1].PlainText);
        Assert.Contains("daily cap 12", done[1].PlainText);

        AssertAllFit();
    }

    /// <summary>What the bot sent back to one message of the requester's.</summary>
    private async Task<IReadOnlyList<ChatMessage>> RepliesAsync(string text)
    {
        var before = requester.BotMessages().Count;
        await requester.SendAsync(text);
        return requester.BotMessages().Skip(before).ToList();
    }

    private async Task<ChatMessage> UploadAsync(string caption)
    {
        var update = Bot.Emulator.SendDocument(requester.Id, "tasks.csv", Encoding.UTF8.GetBytes("text\nx\n"), caption: caption);
        await Bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return requester.Last();
    }

    /// <summary>No reply was the generic failure, and each fits Telegram's limits.</summary>
    private void AssertAllFit()
    {
        foreach (var message in requester.BotMessages())
        {
            Assert.DoesNotContain(Failure, message.PlainText, StringComparison.OrdinalIgnoreCase);
            Assert.True(message.PlainText.Length <= (message.DocumentFileName is null && message.Photo is null ? TelegramLimits.Message : TelegramLimits.Caption), message.PlainText[..Math.Min(message.PlainText.Length, 100)]);
        }
    }

    private static string ArabicIndic(long number) => string.Concat(number.ToString().Select(d => (char)('٠' + (d - '0'))));
}

public sealed class EmbeddedRequesterHostileInputTests() : RequesterHostileInputTests("Embedded");

public sealed class PostgresRequesterHostileInputTests() : RequesterHostileInputTests("Postgres");
