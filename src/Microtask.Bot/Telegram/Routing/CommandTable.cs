using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microtask.Bot.Telegram.Routing;

/// <summary>Calls a command's handler, resolved from the update's scope.</summary>
internal delegate Task Invoker(IServiceProvider services, ICommand command, UpdateContext context, CancellationToken ct);

/// <summary>Where a command goes: who may use it, and the call to its handler.</summary>
internal sealed record Route(Access Access, bool WhileBanned, Invoker Invoke);

/// <summary>A command and its route, ready to run.</summary>
internal sealed record Routed(ICommand Command, Route Route);

/// <summary>
/// Every command the bot knows, filled at start by each feature's registration lines (<see cref="CommandRegistration"/>):
/// typed commands by their word, buttons by their prefix, and the router's own inputs (plain text, documents, refusals)
/// by their type. The router reads it; nothing else does.
/// </summary>
internal sealed class CommandTable
{
    private readonly Dictionary<string, List<(Func<string?, ICommand?> Parse, Route Route)>> typed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (Func<CallbackArgs, ICommand?> Parse, Route Route)> buttons = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, Route> inputs = [];

    /// <summary>Every typed command's word, for the menu and the tests.</summary>
    public IEnumerable<string> Triggers => typed.Keys;

    public void AddTyped(string trigger, Func<string?, ICommand?> parse, Route route)
    {
        if (!typed.TryGetValue(trigger, out var routes))
        {
            typed[trigger] = routes = [];
        }

        // A word several roles share is tried for the most particular role first: a requester's /projects lists their
        // own projects, and a worker's (any user's) lists the projects open to them.
        routes.Insert(routes.FindLastIndex(r => r.Route.Access >= route.Access) + 1, (parse, route));
    }

    public void AddButton(string prefix, Func<CallbackArgs, ICommand?> parse, Route route)
    {
        if (!buttons.TryAdd(prefix, (parse, route)))
        {
            throw new InvalidOperationException($"Two buttons use the prefix '{prefix}'.");
        }
    }

    public void AddInput(Type input, Route route)
    {
        if (!inputs.TryAdd(input, route))
        {
            throw new InvalidOperationException($"Two handlers take {input.Name}.");
        }
    }

    /// <summary>
    /// The typed command <paramref name="trigger"/> names for a sender allowed <paramref name="allowed"/>: the first of its
    /// commands the sender may use that takes these arguments; junk arguments when the sender may use the word but not
    /// with these words; unknown when the word is unknown or none of its commands is the sender's.
    /// </summary>
    public Routed Typed(string trigger, string? argument, Func<Access, bool> allowed)
    {
        var mayUse = false;
        foreach (var (parse, route) in typed.GetValueOrDefault(trigger) ?? [])
        {
            if (!allowed(route.Access))
            {
                continue;
            }

            mayUse = true;
            if (parse(argument) is { } command)
            {
                return new Routed(command, route);
            }
        }

        return mayUse ? Input(new JunkArguments(trigger)) : Input(new UnknownCommand(trigger));
    }

    /// <summary>The command a button's data names; an invalid button when it does not parse, unknown when it is not the sender's to press.</summary>
    public Routed Button(string? data, Func<Access, bool> allowed)
    {
        if (string.IsNullOrEmpty(data) || data.Length > Callback.MaxBytes)
        {
            return Input(new InvalidButton());
        }

        var parts = data.Split(':');
        if (!buttons.TryGetValue(parts[0], out var button) || button.Parse(new CallbackArgs(parts)) is not { } command)
        {
            return Input(new InvalidButton());
        }

        return allowed(button.Route.Access) ? new Routed(command, button.Route) : Input(new UnknownCommand(parts[0]));
    }

    /// <summary>One of the router's own inputs and the handler a feature registered for it.</summary>
    public Routed Input(ICommand input) =>
        new(input, inputs.TryGetValue(input.GetType(), out var route)
            ? route
            : throw new InvalidOperationException($"No handler takes {input.GetType().Name}."));
}

/// <summary>A feature's registration lines: one per command, naming the command and its handler.</summary>
internal static class CommandRegistration
{
    public static IServiceCollection AddCommand<TCommand, THandler>(this IServiceCollection services)
        where TCommand : class, ITypedCommand<TCommand>
        where THandler : class, IHandler<TCommand>
    {
        services.TryAddScoped<THandler>();
        Table(services).AddTyped(TCommand.Trigger, argument => TCommand.Parse(argument), new Route(TCommand.Access, TCommand.WhileBanned, Invoke<TCommand, THandler>));
        return services;
    }

    public static IServiceCollection AddButton<TCommand, THandler>(this IServiceCollection services)
        where TCommand : class, IButtonCommand<TCommand>
        where THandler : class, IHandler<TCommand>
    {
        services.TryAddScoped<THandler>();
        Table(services).AddButton(TCommand.Prefix, args => TCommand.Parse(args), new Route(TCommand.Access, TCommand.WhileBanned, Invoke<TCommand, THandler>));
        return services;
    }

    /// <summary>The handler of one of the router's own inputs (plain text, a document, a refusal).</summary>
    public static IServiceCollection AddInput<TInput, THandler>(this IServiceCollection services, Access access, bool whileBanned = false)
        where TInput : class, ICommand
        where THandler : class, IHandler<TInput>
    {
        services.TryAddScoped<THandler>();
        Table(services).AddInput(typeof(TInput), new Route(access, whileBanned, Invoke<TInput, THandler>));
        return services;
    }

    private static Task Invoke<TCommand, THandler>(IServiceProvider services, ICommand command, UpdateContext context, CancellationToken ct)
        where TCommand : class, ICommand
        where THandler : class, IHandler<TCommand> =>
        services.GetRequiredService<THandler>().HandleAsync((TCommand)command, context, ct);

    /// <summary>The one table of this service collection, made by the first registration.</summary>
    private static CommandTable Table(IServiceCollection services)
    {
        if (services.FirstOrDefault(d => d.ServiceType == typeof(CommandTable))?.ImplementationInstance is CommandTable table)
        {
            return table;
        }

        table = new CommandTable();
        services.AddSingleton(table);
        return table;
    }
}
