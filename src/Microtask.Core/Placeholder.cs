namespace Microtask.Core; internal static class Placeholder { }
