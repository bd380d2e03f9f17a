namespace Microtask.Storage; internal static class Placeholder { }
