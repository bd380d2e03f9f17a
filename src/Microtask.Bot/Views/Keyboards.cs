using global::Telegram.Bot.Types.ReplyMarkups;
using Microtask.Bot.Telegram.Routing;

namespace Microtask.Bot.Views;

/// <summary>Inline buttons from commands: a button carries its command's data.</summary>
internal static class Keyboards
{
    public static InlineKeyboardButton Button(string text, IButton command) => InlineKeyboardButton.WithCallbackData(text, command.Data);

    /// <summary>One button alone.</summary>
    public static InlineKeyboardMarkup Single(string text, IButton command) => new(Button(text, command));
}
