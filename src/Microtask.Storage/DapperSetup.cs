using System.Runtime.CompilerServices;

namespace Microtask.Storage;

internal static class DapperSetup
{
    // Columns are snake_case; row classes are PascalCase. A library may not have a module initializer by
    // the analyzer's rule of thumb, but this one only sets Dapper's mapping, which every store relies on.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Init() => Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;
}
