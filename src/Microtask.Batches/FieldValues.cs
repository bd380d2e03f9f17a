namespace Microtask.Batches;

/// <summary>A row's template values in template order: compared whole to find duplicates, then kept as the task's fields.</summary>
internal static class FieldValues
{
    public static IEqualityComparer<string[]> Comparer { get; } = new ValuesComparer();

    public static Dictionary<string, string> ToDictionary(IReadOnlyList<string> names, string[] values)
    {
        var fields = new Dictionary<string, string>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            fields[names[i]] = values[i];
        }

        return fields;
    }

    private sealed class ValuesComparer : IEqualityComparer<string[]>
    {
        public bool Equals(string[]? x, string[]? y) =>
            x is not null && y is not null && x.AsSpan().SequenceEqual(y);

        public int GetHashCode(string[] values)
        {
            var hash = new HashCode();
            foreach (var value in values)
            {
                hash.Add(value, StringComparer.Ordinal);
            }

            return hash.ToHashCode();
        }
    }
}
