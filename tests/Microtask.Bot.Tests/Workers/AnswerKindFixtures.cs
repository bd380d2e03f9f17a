using System.Globalization;
using System.Text;
using Microtask.Core;
using Microtask.Sandbox;
using Microtask.Storage;

namespace Microtask.Bot.Tests.Workers;

/// <summary>What the tests of the new answer kinds share: a requester's project with its settings, buttons found by label, results read back.</summary>
internal static class AnswerKindFixtures
{
    /// <summary>The first user a fresh emulator makes: the tests' requester.</summary>
    public const long RequesterId = 100001;

    public static Dictionary<string, string?> Settings => new() { ["Microtask:Requesters:0"] = RequesterId.ToString(CultureInfo.InvariantCulture) };

    /// <summary>An active project of <paramref name="requester"/>'s with one task per row of fields.</summary>
    public static async Task<long> ProjectAsync(
        BotHarness bot, Player requester, AnswerKind kind, string template, IReadOnlyList<IReadOnlyDictionary<string, string>> rows,
        IReadOnlyList<string>? options = null, AnswerSettings? settings = null, int overlap = 3)
    {
        var owner = (await bot.Get<WorkerStore>().FindAsync(requester.Id))!.Id;
        return await bot.Get<ProjectStore>().CreateAsync(
            new NewProject($"{kind} project", "Do it well", kind, options ?? [], template, 0, overlap, TimeSpan.FromMinutes(5), owner) { Settings = settings },
            rows.Select(r => new NewTask(r)).ToList(),
            ProjectState.Active);
    }

    public static IReadOnlyDictionary<string, string> Row(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    public static InlineButton Button(ChatMessage message, string label) =>
        message.Keyboard.SelectMany(r => r).Single(b => b.Text.EndsWith(label, StringComparison.Ordinal) || b.Text == label);

    public static Task<ChatMessage> TapAsync(this Player player, ChatMessage message, string label) => player.PressAsync(message, Button(message, label).CallbackData!);

    /// <summary>The latest task message the worker holds (the one with a Skip button).</summary>
    public static ChatMessage Task(Player player) =>
        player.BotMessages().Last(m => m.Keyboard.SelectMany(r => r).Any(b => b.Text.Contains("Skip", StringComparison.Ordinal)));

    /// <summary>The CSV of a document the bot sent, without its byte-order mark, as rows of cells.</summary>
    public static List<string[]> Csv(BotHarness bot, Player requester, ChatMessage document) =>
        Requesters.CsvRows.Parse(Encoding.UTF8.GetString(bot.Emulator.DownloadDocument(requester.Id, document.MessageId)!.AsSpan(3)));

    /// <summary>The cell of <paramref name="column"/> in <paramref name="row"/>, by the header's name.</summary>
    public static string Cell(List<string[]> csv, int row, string column) => csv[row][Array.IndexOf(csv[0], column)];

    public static async Task<ChatMessage> AfterAsync(this Player player, BotHarness bot, long update)
    {
        await bot.Emulator.WaitUntilConfirmedAsync(update, TimeSpan.FromSeconds(15));
        return player.Last();
    }
}
