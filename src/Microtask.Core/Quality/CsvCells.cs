using System.Text.RegularExpressions;

namespace Microtask.Core.Quality;

/// <summary>
/// Guards export cells against spreadsheet formula injection (CSV injection): a worker who types
/// <c>=HYPERLINK(...)</c> as an answer must not get a live formula into the requester's Excel or Sheets.
/// </summary>
public static partial class CsvCells
{
    // A plain number like "-12.5" or "+3" is never evaluated as a formula, and a median column full of "'-12.5"
    // would be useless to the requester, so those stay as they are. Anything else starting with a trigger is escaped.
    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?\z")]
    private static partial Regex PlainNumber();

    /// <summary>
    /// Following OWASP's CSV injection guidance, a cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>,
    /// a tab or a carriage return gets a leading single quote, which spreadsheets read as "this is text".
    /// Plain signed decimal numbers are the one exception (see above). Quoting of separators, quotes and
    /// newlines is the CSV writer's job, not this method's.
    /// </summary>
    public static string Safe(string cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.Length == 0 || cell[0] is not ('=' or '+' or '-' or '@' or '\t' or '\r'))
        {
            return cell;
        }

        return PlainNumber().IsMatch(cell) ? cell : "'" + cell;
    }
}
