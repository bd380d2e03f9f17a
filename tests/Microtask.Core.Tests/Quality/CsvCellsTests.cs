using Microtask.Core.Quality;

namespace Microtask.Core.Tests.Quality;

public class CsvCellsTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=1")]
    [InlineData("\r=1")]
    [InlineData("-")]
    [InlineData("-1\n")]
    public void Prefixes_a_quote_to_cells_a_spreadsheet_would_treat_as_a_formula(string cell) =>
        Assert.Equal("'" + cell, CsvCells.Safe(cell));

    [Theory]
    [InlineData("")]
    [InlineData("kucing")]
    [InlineData("a=b")]
    [InlineData(" =1")]
    [InlineData("-12.5")]
    [InlineData("+3")]
    [InlineData("42")]
    public void Leaves_ordinary_text_and_plain_numbers_alone(string cell) =>
        Assert.Equal(cell, CsvCells.Safe(cell));
}
