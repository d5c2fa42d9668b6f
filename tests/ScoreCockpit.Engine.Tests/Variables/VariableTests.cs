using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Variables;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Variables;

public sealed class VariableTests
{
    [Theory]
    [InlineData(VariableType.Date, "2026-01-31")]
    [InlineData(VariableType.Date, " 2024-02-29 ")]
    [InlineData(VariableType.Integer, "202601")]
    [InlineData(VariableType.Integer, "-12")]
    [InlineData(VariableType.Decimal, "0.25")]
    [InlineData(VariableType.Decimal, "-3")]
    [InlineData(VariableType.Decimal, ".5")]
    [InlineData(VariableType.Text, "gold")]
    [InlineData(VariableType.Text, "Île-de-France / Nord (sud) 50% \"x\" $1 @a")]
    [InlineData(VariableType.Identifier, "customers")]
    [InlineData(VariableType.Identifier, "work.customers_2026")]
    public void A_well_formed_value_parses_to_its_type(VariableType type, string value)
    {
        var parsed = new Variable("v", type, value).Parse();

        Assert.IsType(type switch
        {
            VariableType.Date => typeof(DateOnly),
            VariableType.Integer => typeof(long),
            VariableType.Decimal => typeof(decimal),
            _ => typeof(string),
        }, parsed);
    }

    [Fact]
    public void Values_are_parsed_with_the_invariant_culture()
    {
        Assert.Equal(new DateOnly(2026, 1, 31), new Variable("d", VariableType.Date, "2026-01-31").Parse());
        Assert.Equal(0.25m, new Variable("m", VariableType.Decimal, "0.25").Parse());
        Assert.Equal(-12L, new Variable("n", VariableType.Integer, "-12").Parse());
        Assert.Equal("work.customers", new Variable("t", VariableType.Identifier, " work.customers ").Parse());
    }

    public static TheoryData<VariableType, string, string> BadValues => new()
    {
        { VariableType.Date, "31/01/2026", "date (write it yyyy-MM-dd, e.g. 2026-01-31)" },
        { VariableType.Date, "2026-02-30", "yyyy-MM-dd" },
        { VariableType.Date, "2026-1-31", "yyyy-MM-dd" },
        { VariableType.Date, "2026-01-31 00:00", "yyyy-MM-dd" },
        { VariableType.Date, "", "yyyy-MM-dd" },
        { VariableType.Integer, "12.5", "whole number" },
        { VariableType.Integer, "1e3", "whole number" },
        { VariableType.Integer, "1,000", "whole number" },
        { VariableType.Integer, "12abc", "whole number" },
        { VariableType.Integer, "99999999999999999999", "whole number" },
        { VariableType.Decimal, "0,25", "decimal number (with a dot, e.g. 0.25)" },
        { VariableType.Decimal, "1,000.5", "with a dot" },
        { VariableType.Decimal, "1e5", "with a dot" },
        { VariableType.Decimal, "abc", "with a dot" },
        { VariableType.Decimal, "NaN", "with a dot" },
        { VariableType.Text, "O'Brien", "quotes, semicolons, backslashes and SQL comment markers are refused" },
        { VariableType.Text, "a;b", "are refused" },
        { VariableType.Text, "a--b", "are refused" },
        { VariableType.Text, "a/*b", "are refused" },
        { VariableType.Text, "a*/b", "are refused" },
        { VariableType.Text, "a\\b", "are refused" },
        { VariableType.Text, "line\nbreak", "are refused" },
        { VariableType.Text, "nul\0byte", "are refused" },
        { VariableType.Identifier, "1customers", "table or column name (letters, digits and underscores, starting with a letter)" },
        { VariableType.Identifier, "my customers", "table or column name" },
        { VariableType.Identifier, "a.b.c", "table or column name" },
        { VariableType.Identifier, "customers; DROP TABLE x", "table or column name" },
        { VariableType.Identifier, "\"customers\"", "table or column name" },
        { VariableType.Identifier, "", "table or column name" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_malformed_value_is_refused_naming_the_variable_and_the_expected_form(VariableType type, string value, string expected)
    {
        var error = Assert.Throws<CockpitValidationException>(() => new Variable("date_ref", type, value).Parse());

        Assert.StartsWith($"The variable date_ref = '{value}' is not a valid ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_factories_write_values_in_the_invariant_form()
    {
        Assert.Equal(new Variable("d", VariableType.Date, "2026-01-31"), Variable.Date("d", new DateOnly(2026, 1, 31)));
        Assert.Equal(new Variable("n", VariableType.Integer, "-7"), Variable.Integer("n", -7));
    }
}
