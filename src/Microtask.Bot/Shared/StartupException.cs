namespace Microtask.Bot.Shared;

/// <summary>A reason the bot cannot start, worded for the operator: printed and logged as one line, without a stack trace.</summary>
internal sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The host logs a failed start with this; the operator needs the reason, not the frames (the inner exception keeps them).</summary>
    public override string ToString() => $"{GetType().Name}: {Message}";
}
