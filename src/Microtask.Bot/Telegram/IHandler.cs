using System.Collections.Concurrent;
using System.Reflection;

namespace Microtask.Bot.Telegram;

/// <summary>Handles one kind of command. Registered per feature; resolved by the router in the update's DI scope.</summary>
internal interface IHandler<in TCommand>
    where TCommand : Command
{
    Task HandleAsync(TCommand command, UpdateContext context, CancellationToken ct);
}

/// <summary>Whether plain text from this user answers an open conversation (a /newproject) rather than a task.</summary>
internal interface IConversations
{
    Task<bool> IsOpenAsync(Core.Worker worker, CancellationToken ct);
}

/// <summary>Calls the handler registered for a command's runtime type.</summary>
internal static class Handlers
{
    private static readonly ConcurrentDictionary<Type, Func<IServiceProvider, Command, UpdateContext, CancellationToken, Task>> Invokers = new();
    private static readonly MethodInfo InvokeOpen = typeof(Handlers).GetMethod(nameof(Invoke), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static Task HandleAsync(IServiceProvider services, Command command, UpdateContext context, CancellationToken ct) =>
        Invokers.GetOrAdd(command.GetType(), type => InvokeOpen.MakeGenericMethod(type)
                .CreateDelegate<Func<IServiceProvider, Command, UpdateContext, CancellationToken, Task>>())
            (services, command, context, ct);

    /// <summary>A command no feature handles (yet) gets the unknown-command reply, never a failure.</summary>
    private static Task Invoke<TCommand>(IServiceProvider services, Command command, UpdateContext context, CancellationToken ct)
        where TCommand : Command =>
        services.GetService<IHandler<TCommand>>() is { } handler
            ? handler.HandleAsync((TCommand)command, context, ct)
            : services.GetRequiredService<IHandler<UnknownCommand>>().HandleAsync(new UnknownCommand(command.GetType().Name), context, ct);
}
