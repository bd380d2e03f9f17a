namespace Microtask.Core.Tests;

public class DigitsTests
{
    [Theory]
    [InlineData("٣m", "3m")]
    [InlineData("１h", "1h")]
    [InlineData("٣٠s", "30s")]
    [InlineData("#३", "#3")]
    [InlineData("𝟗𝟎 s", "90 s")]
    [InlineData("50.000", "50.000")]
    [InlineData("½ ² Ⅻ", "½ ² Ⅻ")]
    public void Any_scripts_decimal_digits_read_as_ascii_and_nothing_else_changes(string typed, string read) =>
        Assert.Equal(read, Digits.Ascii(typed));
}
