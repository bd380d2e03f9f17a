using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Api;

/// <summary>One Bot API call being answered: a request of its own, or a method in the bot's answer to a webhook POST.</summary>
internal sealed record MethodContext(EmulatorState State, ApiArgs Args, CancellationToken Aborted);

/// <summary>A result already serialized (updates are stored as JSON), written into the envelope as is.</summary>
internal sealed record RawJsonArray(IReadOnlyList<string> Items);

internal delegate ValueTask<object> MethodHandler(MethodContext context);
