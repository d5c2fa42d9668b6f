using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

public sealed class CsvColumnProfileTests
{
    private static (CsvColumnType Type, CsvDateOrder Order, string? Note) Infer(params string?[] values)
    {
        var profile = new CsvColumnProfile();
        foreach (var value in values)
        {
            profile.Observe(value);
        }

        return profile.Decide();
    }

    [Theory]
    [InlineData(CsvColumnType.Integer, "1", "-42", "0", "9223372036854775807")]
    [InlineData(CsvColumnType.Integer, "0", "1", "1", "0")]
    [InlineData(CsvColumnType.Integer, " 7 ", "8")]
    [InlineData(CsvColumnType.Double, "1", "2", "2.5")]
    [InlineData(CsvColumnType.Double, "1e5", "-0.25", "3")]
    [InlineData(CsvColumnType.Double, "9223372036854775808", "1")]
    [InlineData(CsvColumnType.Text, "1", "2", "two")]
    [InlineData(CsvColumnType.Text, "1", "+2")]
    [InlineData(CsvColumnType.Text, "1", ".5")]
    [InlineData(CsvColumnType.Text, "1", "5.")]
    [InlineData(CsvColumnType.Text, "1 000", "2")]
    [InlineData(CsvColumnType.Text, "3,14", "2")]
    [InlineData(CsvColumnType.Text, "NaN", "1.5")]
    [InlineData(CsvColumnType.Text, "1e999")]
    [InlineData(CsvColumnType.Boolean, "true", "FALSE", "Yes", "no")]
    [InlineData(CsvColumnType.Boolean, "yes", "0", "1")]
    [InlineData(CsvColumnType.Text, "yes", "2")]
    [InlineData(CsvColumnType.Text, "t", "f")]
    [InlineData(CsvColumnType.Date, "2024-01-31", "1999-12-01")]
    [InlineData(CsvColumnType.Text, "2024-02-30")]
    [InlineData(CsvColumnType.Text, "2024-1-31")]
    [InlineData(CsvColumnType.Timestamp, "2024-01-31 08:15:00", "2024-02-01T23:59:59.123456", "2024-02-02")]
    [InlineData(CsvColumnType.Text, "2024-01-31 24:00:00")]
    [InlineData(CsvColumnType.Text, "2024-01-31 08:15")]
    public void Every_value_decides_the_type(CsvColumnType expected, params string[] values)
    {
        Assert.Equal(expected, Infer(values).Type);
    }

    [Fact]
    public void A_column_of_integers_with_one_decimal_becomes_double_and_one_word_makes_it_text()
    {
        var integers = Enumerable.Range(0, 10_000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(CsvColumnType.Integer, Infer([.. integers]).Type);
        Assert.Equal(CsvColumnType.Double, Infer([.. integers, "0.5"]).Type);
        Assert.Equal(CsvColumnType.Text, Infer([.. integers, "0.5", "n/a"]).Type);
    }

    [Fact]
    public void Empty_and_blank_values_are_null_and_rule_nothing_out()
    {
        var profile = new CsvColumnProfile();
        foreach (var value in new[] { "1", null, "  ", "3" })
        {
            profile.Observe(value);
        }

        Assert.Equal(CsvColumnType.Integer, profile.Decide().Type);
        Assert.Equal(2, profile.NullCount(CsvColumnType.Integer));
        Assert.Equal(1, profile.NullCount(CsvColumnType.Text));
    }

    [Fact]
    public void A_column_without_values_is_text_with_a_note()
    {
        var (type, _, note) = Infer(null, null, " ");

        Assert.Equal(CsvColumnType.Text, type);
        Assert.Contains("no values", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Leading_zeros_keep_codes_as_text_and_say_why()
    {
        var (type, _, note) = Infer("007", "123", "0");

        Assert.Equal(CsvColumnType.Text, type);
        Assert.Contains("leading zeros", note, StringComparison.Ordinal);
        Assert.Equal(CsvColumnType.Double, Infer("0.5", "-0.25", "0").Type);
    }

    [Fact]
    public void Slash_dates_need_a_value_that_proves_which_part_is_the_day()
    {
        Assert.Equal((CsvColumnType.Date, CsvDateOrder.DayFirst), Pick(Infer("03/04/2024", "25/12/2023")));
        Assert.Equal((CsvColumnType.Date, CsvDateOrder.MonthFirst), Pick(Infer("03/04/2024", "12/25/2023")));
        Assert.Equal((CsvColumnType.Text, CsvDateOrder.Iso), Pick(Infer("03/04/2024", "01/02/2023")));
        Assert.Contains("day or the month", Infer("03/04/2024").Note, StringComparison.Ordinal);
        Assert.Equal(CsvColumnType.Text, Infer("25/12/2023", "12/25/2023").Type);
        Assert.Equal(CsvColumnType.Text, Infer("31/02/2024", "25/12/2023").Type);
        Assert.Equal(CsvColumnType.Text, Infer("3/4/2024", "25/12/2023").Type);

        static (CsvColumnType, CsvDateOrder) Pick((CsvColumnType Type, CsvDateOrder Order, string? Note) decided) =>
            (decided.Type, decided.Order);
    }
}
