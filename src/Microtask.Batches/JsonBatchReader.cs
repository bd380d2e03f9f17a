using System.Text;
using System.Text.Json;

namespace Microtask.Batches;

/// <summary>
/// Reads a JSON array of objects (streamed element by element; the line of a row is its element number) or JSON Lines
/// (one object per physical line). Values may be text, numbers or booleans; null is an absent value.
/// </summary>
internal static class JsonBatchReader
{
    private static readonly JsonSerializerOptions SerializerOptions = new()
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static async Task ReadArrayAsync(GuardedInput input, RowCollector rows, CancellationToken ct)
    {
        var index = 0;
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(input, SerializerOptions, ct))
            {
                Row(element, ++index, rows);
            }
        }
        catch (JsonException e)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.InvalidJson, (int?)e.LineNumber + 1, Detail: e.Message));
        }
    }

    /// <param name="arrayExpected">The file is named .json: a single object (pretty-printed or not) is refused as "not an array".</param>
    public static async Task ReadLinesAsync(GuardedInput input, RowCollector rows, bool arrayExpected, CancellationToken ct)
    {
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        int line = 0, objects = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                rows.Empty();
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, DocumentOptions);
            }
            catch (JsonException e)
            {
                if (objects == 0)
                {
                    throw new BatchFileException(arrayExpected
                        ? new BatchFileError(FileErrorCode.NotJsonArray, line)
                        : new BatchFileError(FileErrorCode.InvalidJson, line, Detail: e.Message));
                }

                rows.Reject(line, RejectReason.InvalidJson);
                continue;
            }

            using (document)
            {
                objects++;
                Row(document.RootElement, line, rows);
            }
        }

        if (objects == 0)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.Empty));
        }

        if (arrayExpected && objects == 1)
        {
            throw new BatchFileException(new BatchFileError(FileErrorCode.NotJsonArray, 1));
        }
    }

    private static void Row(JsonElement element, int line, RowCollector rows)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            rows.Reject(line, RejectReason.NotAnObject);
            return;
        }

        var values = new string?[rows.FieldCount];
        var given = new bool[rows.FieldCount];
        var extras = new RowExtras();
        foreach (var property in element.EnumerateObject())
        {
            var column = rows.Classify(property.Name);
            if (column.Kind is ColumnKind.Unknown or ColumnKind.Unnamed)
            {
                rows.Unknown(property.Name, line);
                continue;
            }

            if (column.Kind == ColumnKind.Field ? given[column.Field] : extras.Has(column.Kind))
            {
                rows.Reject(line, RejectReason.DuplicateField, column.Name);
                return;
            }

            if (property.Value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
            {
                rows.Reject(line, RejectReason.NestedValue, column.Name);
                return;
            }

            var value = Text(property.Value);
            if (column.Kind == ColumnKind.Field)
            {
                (values[column.Field], given[column.Field]) = (value, true);
            }
            else
            {
                extras.Set(column, value ?? string.Empty);
            }
        }

        rows.Add(line, values, extras);
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };
}
