using Microtask.Sandbox;

namespace Microtask.Bot.Tests;

/// <summary>A test playing one Telegram user: it types, taps, and reads its chat as the user sees it.</summary>
public sealed class Player(BotHarness harness, SandboxUser user)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    public SandboxUser User { get; } = user;
    public long Id => User.Id;

    /// <summary>Sends a message and returns once the bot has handled it; returns the bot's latest message then.</summary>
    public async Task<ChatMessage> SendAsync(string text)
    {
        var update = harness.Emulator.SendText(Id, text);
        await harness.Emulator.WaitUntilConfirmedAsync(update, Wait);
        return Last();
    }

    /// <summary>Presses a button that is on the message; returns the bot's latest message once handled.</summary>
    public async Task<ChatMessage> PressAsync(ChatMessage message, string callbackData)
    {
        var update = harness.Emulator.PressButton(Id, message.MessageId, callbackData);
        await harness.Emulator.WaitUntilConfirmedAsync(update, Wait);
        return Last();
    }

    /// <summary>Sends callback data no button carries (a forged or replayed press).</summary>
    public async Task<ChatMessage> ForgeAsync(long messageId, string callbackData)
    {
        var update = harness.Emulator.SendCallback(Id, messageId, callbackData);
        await harness.Emulator.WaitUntilConfirmedAsync(update, Wait);
        return Last();
    }

    /// <summary>Taps the first answer button of the current task message.</summary>
    public Task<ChatMessage> AnswerAsync(ChatMessage task, int option = 0) => PressAsync(task, task.Keyboard[0][option].CallbackData!);

    public ChatMessage Last() => harness.Emulator.Transcript(Id).Last(m => m.FromBot);

    public ChatMessage Message(long messageId) => harness.Emulator.Transcript(Id).Single(m => m.MessageId == messageId);

    public IReadOnlyList<ChatMessage> BotMessages() => harness.Emulator.Transcript(Id).Where(m => m.FromBot).ToList();

    public string? LastToast() => harness.Emulator.CallbackAnswers(Id) is [.., var last] ? last.Text : null;
}
