using System.Text.Json;

namespace Microtask.Core;

/// <summary>
/// A multiple-choice answer. On the task's buttons it is a bit mask (bit i: option i, bit <see cref="NoneBit"/>:
/// "none of these"), so a toggle carries its whole state in the callback data and needs no storage; stored, it is the
/// chosen options as a JSON array in option order, <c>[]</c> for "none of these".
/// </summary>
public static class ChoiceSet
{
    /// <summary>The "none of these" bit: after the ten options a project may have.</summary>
    public const int NoneBit = 10;

    public const int NoneMask = 1 << NoneBit;

    /// <summary>Whether <paramref name="mask"/> could come from this project's buttons: known options only, none-of-these only alone and only when offered.</summary>
    public static bool Valid(Project project, int mask)
    {
        var options = mask & (NoneMask - 1);
        return mask >= 0 && mask < NoneMask << 1 && options >> project.Options.Count == 0
            && ((mask & NoneMask) == 0 || (options == 0 && project.Settings.NoneOption));
    }

    /// <summary>The mask after a press of option <paramref name="index"/> (<see cref="NoneBit"/> for none-of-these), which excludes the others.</summary>
    public static int Toggle(int mask, int index) =>
        index == NoneBit ? (mask & NoneMask) ^ NoneMask : (mask & ~NoneMask) ^ (1 << index);

    public static bool Has(int mask, int index) => (mask & (1 << index)) != 0;

    /// <summary>The answer to store for a mask Done was pressed with; null when nothing is chosen.</summary>
    public static string? Answer(Project project, int mask) =>
        mask == 0 ? null : JsonSerializer.Serialize(project.Options.Where((_, i) => Has(mask, i)).ToList());

    /// <summary>The options a stored answer holds (empty for none-of-these), or null when it is no such answer.</summary>
    public static IReadOnlyList<string>? Read(string stored)
    {
        try
        {
            return stored.StartsWith('[') ? JsonSerializer.Deserialize<List<string>>(stored) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
