namespace Microtask.Batches;

/// <summary>A row's cells beside the template's fields, each with the column it came from: gold, explanation, practice.</summary>
internal struct RowExtras
{
    public (string Value, string Column)? Gold;
    public (string Value, string Column)? Explanation;
    public (string Value, string Column)? Practice;

    public readonly bool Has(ColumnKind kind) => kind switch
    {
        ColumnKind.Gold => Gold is not null,
        ColumnKind.Explanation => Explanation is not null,
        ColumnKind.Practice => Practice is not null,
        _ => false,
    };

    public void Set(Column column, string? value)
    {
        if (value is null)
        {
            return;
        }

        switch (column.Kind)
        {
            case ColumnKind.Gold: Gold = (value, column.Name); break;
            case ColumnKind.Explanation: Explanation = (value, column.Name); break;
            case ColumnKind.Practice: Practice = (value, column.Name); break;
        }
    }
}

/// <summary>What a row knows beside its fields, once checked.</summary>
internal readonly record struct RowKnown(string? Answer, string? Explanation, bool Practice);

/// <summary>What a row says beside its fields: its gold answer's explanation and whether it is a practice task.</summary>
internal sealed partial class RowCollector
{
    /// <summary>The row's explanation and practice mark, checked: null (and the row rejected) when they do not hold.</summary>
    private RowKnown? Known(int line, string? answer, RowExtras extras)
    {
        var explanation = extras.Explanation is { } given && !string.IsNullOrWhiteSpace(given.Value) ? given.Value.Trim() : null;
        if (explanation is not null && explanation.Length > rules.MaxValueLength)
        {
            Reject(line, RejectReason.TooLong, extras.Explanation!.Value.Column);
            return null;
        }

        if (explanation is not null && answer is null)
        {
            Reject(line, RejectReason.ExplanationWithoutGold, extras.Explanation!.Value.Column);
            return null;
        }

        var practice = false;
        if (extras.Practice is { } mark && !string.IsNullOrWhiteSpace(mark.Value))
        {
            if (Yes(mark.Value) is not { } yes)
            {
                Reject(line, RejectReason.BadPractice, mark.Column, mark.Value.Trim());
                return null;
            }

            if (yes && !rules.PracticeAllowed)
            {
                Reject(line, RejectReason.PracticeNotAnswerable, mark.Column);
                return null;
            }

            if (yes && (answer is null || explanation is null))
            {
                Reject(line, RejectReason.PracticeWithoutGold, mark.Column);
                return null;
            }

            practice = yes;
        }

        return new RowKnown(answer, explanation, practice);
    }

    /// <summary>A yes or a no as a spreadsheet or a JSON file writes it, in English or Indonesian; null for anything else.</summary>
    private static bool? Yes(string value) => value.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "ya" => true,
        "no" or "n" or "false" or "0" or "tidak" => false,
        _ => null,
    };
}
