using Microsoft.AspNetCore.Http;
using Microtask.Sandbox.State;

namespace Microtask.Sandbox.Api;

/// <summary>One Bot API call being answered.</summary>
internal sealed record MethodContext(EmulatorState State, ApiArgs Args, HttpContext Http)
{
    public CancellationToken Aborted => Http.RequestAborted;
}

/// <summary>A result already serialized (updates are stored as JSON), written into the envelope as is.</summary>
internal sealed record RawJsonArray(IReadOnlyList<string> Items);

internal delegate ValueTask<object> MethodHandler(MethodContext context);
