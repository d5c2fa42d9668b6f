using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

/// <summary>Decimal commas: read in semicolon files or when asked, reported, and an ambiguous column refused by name.</summary>
public sealed class CsvDecimalTests
{
    [Fact]
    public async Task A_semicolon_file_is_read_with_decimal_commas_and_says_so()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var result = await warehouse.ImportAsync("ville;taux;n\nLyon;1,5;3\nNice;-0,25e1;4\n", new CsvImportOptions("taux"));

        Assert.Equal("comma (the file uses semicolons)", result.Decimal.Describe());
        Assert.Equal([CsvColumnType.Text, CsvColumnType.Double, CsvColumnType.Integer], result.Columns.Select(c => c.Type));
        Assert.Equal([[1.5], [-2.5]], await warehouse.RowsAsync("SELECT taux FROM taux ORDER BY ville"));
    }

    [Fact]
    public async Task Commas_are_read_when_asked_and_points_stay_as_they_were()
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var asked = await warehouse.ImportAsync("a\tb\n1,5\tx\n", new CsvImportOptions("asked") { DecimalSeparator = CsvDecimalSeparator.Comma });
        var points = await warehouse.ImportAsync("a,b\n1.5,\"x,y\"\n", new CsvImportOptions("points"));

        Assert.Equal(("comma, as asked", CsvColumnType.Double), (asked.Decimal.Describe(), asked.Columns[0].Type));
        Assert.Equal([[1.5]], await warehouse.RowsAsync("SELECT a FROM asked"));
        Assert.Equal(("point", CsvColumnType.Double), (points.Decimal.Describe(), points.Columns[0].Type));
        Assert.Equal(CsvDecimalSeparator.Point, CsvDecimalSeparators.Parse("POINT"));
        Assert.Contains("Use comma, point, auto.", Assert.Throws<CockpitValidationException>(() => CsvDecimalSeparators.Parse("dot")).Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,Montant\n1,\"1,5\"\n2,\"2,25\"\n", "the column \"Montant\" has values such as \"1,5\"")]
    [InlineData("id;Montant\n1;1.5\n2;1,5\n", "the column \"Montant\" mixes decimal points and decimal commas (\"1.5\" and \"1,5\")")]
    [InlineData("id;Montant\n1;1,234\n2;12,500\n", "the column \"Montant\" has values such as \"1,234\" only, which could be a whole number")]
    public async Task An_ambiguous_decimal_separator_is_refused_naming_the_column(string csv, string expected)
    {
        await using var warehouse = await ImportWarehouse.CreateAsync();

        var refused = await Assert.ThrowsAsync<CockpitValidationException>(() => warehouse.ImportAsync(csv, new CsvImportOptions("t")));

        Assert.StartsWith("The decimal separator is ambiguous: " + expected, refused.Message, StringComparison.Ordinal);
        Assert.Contains("--decimal comma", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--decimal point", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await warehouse.UserTablesAsync());

        var asked = await warehouse.ImportAsync(csv, new CsvImportOptions("t") { DecimalSeparator = CsvDecimalSeparator.Point });
        Assert.Equal("point, as asked", asked.Decimal.Describe());
    }
}
