using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Import;

public sealed class CsvHeaderTests
{
    [Theory]
    [InlineData("customer_id", "customer_id")]
    [InlineData("Order Date", "order_date")]
    [InlineData("  Montant TTC (€) ", "montant_ttc")]
    [InlineData("Éligibilité", "eligibilite")]
    [InlineData("2024 sales", "c_2024_sales")]
    [InlineData("__id__", "id")]
    [InlineData("a--b..c", "a_b_c")]
    [InlineData("%", "column_3")]
    [InlineData("", "column_3")]
    public void Headers_become_lower_case_identifiers(string header, string expected)
    {
        Assert.Equal(expected, CsvHeader.Clean(header, 3));
    }

    [Fact]
    public void Duplicates_get_a_number_and_every_change_is_reported()
    {
        var (names, renames) = CsvHeader.Sanitise(["id", "Amount", "amount", "AMOUNT", "amount_2", null, "ok"]);

        Assert.Equal(["id", "amount", "amount_2", "amount_3", "amount_2_2", "column_6", "ok"], names);
        Assert.Equal(
            [
                new CsvColumnRename(2, "Amount", "amount"),
                new CsvColumnRename(3, "amount", "amount_2"),
                new CsvColumnRename(4, "AMOUNT", "amount_3"),
                new CsvColumnRename(5, "amount_2", "amount_2_2"),
                new CsvColumnRename(6, "", "column_6"),
            ],
            renames);
    }

    [Fact]
    public void Very_long_headers_are_cut_under_postgresqls_63_characters_with_room_for_a_suffix()
    {
        var (names, _) = CsvHeader.Sanitise([new string('x', 500), new string('x', 600)]);

        Assert.Equal([new string('x', 56), new string('x', 56) + "_2"], names);
        Assert.All(names, n => Assert.True(Identifiers.IsValid(n) && n.Length <= 63, n));
    }
}
