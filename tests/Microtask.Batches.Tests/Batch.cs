using System.Text;

namespace Microtask.Batches.Tests;

/// <summary>Parses test files: text is written as UTF-8 without a BOM unless the test adds one.</summary>
internal static class Batch
{
    public static readonly BatchRules Rules = new(["text", "image"], ["cat", "dog"]);

    public static Task<BatchReport> ParseAsync(string text, string fileName = "tasks.csv", BatchRules? rules = null) =>
        ParseAsync(Encoding.UTF8.GetBytes(text), fileName, rules);

    public static Task<BatchReport> ParseAsync(byte[] bytes, string fileName = "tasks.csv", BatchRules? rules = null) =>
        BatchParser.ParseAsync(new MemoryStream(bytes), fileName, rules ?? Rules);

    /// <summary>Asserts the whole file was refused with <paramref name="code"/> and nothing came through.</summary>
    public static BatchFileError Refused(BatchReport report, FileErrorCode code)
    {
        Assert.NotNull(report.Problem);
        Assert.Equal(code, report.Problem.Code);
        Assert.False(string.IsNullOrWhiteSpace(report.FileError));
        Assert.Empty(report.Accepted);
        Assert.Empty(report.Rejected);
        return report.Problem;
    }
}

/// <summary>A source that hands out a few bytes per read, as a network stream may, to split UTF-8 sequences across reads.</summary>
internal sealed class TrickleStream(byte[] bytes, int chunk) : ForwardOnlyStream
{
    private int position;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = Math.Min(Math.Min(count, chunk), bytes.Length - position);
        Array.Copy(bytes, position, buffer, offset, n);
        position += n;
        return n;
    }
}
