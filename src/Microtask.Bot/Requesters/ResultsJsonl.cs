using System.Text.Json;
using Microtask.Core;
using Microtask.Core.Quality;
using Microtask.Storage;

namespace Microtask.Bot.Requesters;

/// <summary>
/// The results as JSON Lines: one object per task with the same values as a row of <see cref="ResultsCsv"/>, its input
/// fields as an object and the raw answers as a list under pseudonyms (with each voice or photo answer's file name and,
/// where the project asks, the photo's place). Written as it is read, like the CSV.
/// </summary>
internal static class ResultsJsonl
{
    public static async Task<ResultsCsv.Written> WriteAsync(Project project, ResultSnapshot source, string salt, Stream output, CancellationToken ct)
    {
        var keys = new Dictionary<long, string>();
        string Key(long workerId) =>
            keys.TryGetValue(workerId, out var key) ? key : keys[workerId] = Pseudonym.Of(salt, project.Id, workerId);

        var fields = TaskTemplate.Fields(project.Template);
        using var line = new MemoryStream();
        await using var json = new Utf8JsonWriter(line);
        int tasks = 0, answers = 0;
        var agreement = AgreementTally.For(project.Kind);
        await foreach (var (task, records, result) in AggregatedTasks.ReadAsync(project, source, Key, ct))
        {
            agreement?.Add(records, result);
            line.SetLength(0);
            json.Reset(line);
            json.WriteStartObject();
            json.WriteNumber("task_id", task.Id);
            json.WriteStartObject("fields");
            foreach (var field in fields)
            {
                json.WriteString(field, task.Fields.TryGetValue(field, out var value) ? value : "");
            }

            json.WriteEndObject();
            WriteResult(json, result);
            json.WriteStartArray("raw_answers");
            foreach (var record in records)
            {
                json.WriteStartObject();
                json.WriteString("worker", record.WorkerKey);
                json.WriteString("value", record.Value);
                if (project.Kind.UsesMedia() && MediaAnswer.Read(record.Value) is { } media)
                {
                    WriteFile(json, project, task.Id, record.WorkerKey, media);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(ct);
            line.WriteByte((byte)'\n');
            line.Position = 0;
            await line.CopyToAsync(output, ct);
            tasks++;
            answers += records.Count;
        }

        return new ResultsCsv.Written(tasks, answers, Agreement: agreement);
    }

    /// <summary>A voice or photo answer's file as /results N media names it, and where the photo was taken when the project asks.</summary>
    private static void WriteFile(Utf8JsonWriter json, Project project, long taskId, string worker, MediaAnswer media)
    {
        json.WriteString("file", MediaAnswer.FileName(project.Kind, taskId, worker));
        if (project.Kind == AnswerKind.Photo && project.Settings.PhotoLocation != PhotoLocation.None)
        {
            WriteNumberOrNull(json, "latitude", media.Latitude);
            WriteNumberOrNull(json, "longitude", media.Longitude);
        }
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteResult(Utf8JsonWriter json, AggregatedAnswer? result)
    {
        if (result is null)
        {
            json.WriteNull("answer");
            json.WriteNull("confidence");
            json.WriteNull("agreement");
            json.WriteNumber("answers", 0);
            json.WriteNull("method");
            json.WriteBoolean("tie", false);
            return;
        }

        json.WriteString("answer", result.Value);
        json.WriteNumber("confidence", Math.Round(result.Confidence, 3));
        json.WriteNumber("agreement", Math.Round(result.Agreement, 3));
        json.WriteNumber("answers", result.Answers);
        json.WriteString("method", result.Method);
        json.WriteBoolean("tie", result.Tie);
    }
}
