namespace Microtask.Bot.Telegram.Routing;

/// <summary>What a user asked for, parsed from an update. Handlers receive these, never an Update.</summary>
internal interface ICommand;

/// <summary>A command typed as <c>/word [arguments]</c>. The record says its word, who may use it and how it reads its arguments.</summary>
internal interface ITypedCommand<TSelf> : ICommand
    where TSelf : class, ITypedCommand<TSelf>
{
    /// <summary>The command's word, lower case with its slash: <c>/limit</c>.</summary>
    static abstract string Trigger { get; }

    static abstract Access Access { get; }

    /// <summary>Whether a user under a platform ban may still use it.</summary>
    static virtual bool WhileBanned => false;

    /// <summary>The command for the words after the trigger (null when there are none), or null when they are not its own.</summary>
    static abstract TSelf? Parse(string? argument);
}

/// <summary>A command an inline button carries: its compact data (at most 64 bytes) is only a claim by the client.</summary>
internal interface IButton : ICommand
{
    /// <summary>The callback data: the command's prefix and its fields, colon-separated.</summary>
    string Data { get; }
}

/// <summary>A button's command. The record says its prefix, who may press it, and how it formats and parses its data.</summary>
internal interface IButtonCommand<TSelf> : IButton
    where TSelf : class, IButtonCommand<TSelf>
{
    static abstract string Prefix { get; }

    static abstract Access Access { get; }

    static virtual bool WhileBanned => false;

    /// <summary>The command for the data's fields after the prefix, or null when they are malformed.</summary>
    static abstract TSelf? Parse(CallbackArgs args);
}

/// <summary>Handles one kind of command. Registered with the command; resolved by the router in the update's DI scope.</summary>
internal interface IHandler<in TCommand>
    where TCommand : ICommand
{
    Task HandleAsync(TCommand command, UpdateContext context, CancellationToken ct);
}

/// <summary>Whether plain text from this user answers an open conversation (a /newproject) rather than a task.</summary>
internal interface IConversations
{
    Task<bool> IsOpenAsync(Core.Worker worker, CancellationToken ct);
}
