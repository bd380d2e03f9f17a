namespace Microtask.Core.Tests;

public class CallbackDataTests
{
    public static TheoryData<CallbackData> Every_kind() =>
    [
        new CallbackData.Next(),
        new CallbackData.Consent(),
        new CallbackData.Language("id"),
        new CallbackData.Answer(long.MaxValue, 999),
        new CallbackData.Skip(1),
        new CallbackData.Report(42),
        new CallbackData.ReportReason(42, 3),
        new CallbackData.PayoutApprove(long.MaxValue),
        new CallbackData.PayoutReject(7),
    ];

    [Theory]
    [MemberData(nameof(Every_kind))]
    public void Formats_within_64_bytes_and_parses_back_to_the_same_record(CallbackData data)
    {
        var text = data.Format();

        Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(text), 1, CallbackData.MaxBytes);
        Assert.Equal(data, CallbackData.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("a:1")]
    [InlineData("a:0:1")]
    [InlineData("a:-5:1")]
    [InlineData("a:12:1000")]
    [InlineData("a:1:2:3")]
    [InlineData("s:abc")]
    [InlineData("pya:0")]
    [InlineData("pyr:-3")]
    [InlineData("pya:1:2")]
    [InlineData("s:99999999999999999999")]
    [InlineData("l:fr")]
    [InlineData("n:extra")]
    public void Refuses_garbage(string? data) => Assert.Null(CallbackData.Parse(data));

    [Fact]
    public void Refuses_data_over_64_bytes() =>
        Assert.Null(CallbackData.Parse("s:" + new string('1', CallbackData.MaxBytes)));
}
