using Microtask.Sandbox.Wire;

namespace Microtask.Sandbox.State;

/// <summary>A message's public view and its wire form, replaced together on every edit.</summary>
internal sealed record StoredMessage(ChatMessage View, WireMessage Wire)
{
    public long Id => View.MessageId;
}
