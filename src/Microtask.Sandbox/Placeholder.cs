namespace Microtask.Sandbox; internal static class Placeholder { }
