using System.Globalization;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Variables;

/// <summary>A named, typed value substituted into SQL as `${name}`.</summary>
public sealed record Variable(string Name, VariableType Type, string Value)
{
    private static readonly string[] ForbiddenInText = ["'", ";", "--", "/*", "*/", "\\"];

    public static Variable Date(string name, DateOnly value) =>
        new(name, VariableType.Date, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    public static Variable Integer(string name, long value) =>
        new(name, VariableType.Integer, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The value parsed to its type, or a clear refusal naming the variable and the expected form.</summary>
    public object Parse()
    {
        var value = Value?.Trim() ?? "";
        switch (Type)
        {
            case VariableType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d):
                return d;
            case VariableType.Integer when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i):
                return i;
            // No thousands separators: "0,25" written the French way must be refused, not read as 25.
            case VariableType.Decimal when decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var m):
                return m;
            case VariableType.Text when !ForbiddenInText.Any(f => value.Contains(f, StringComparison.Ordinal)) && !value.Any(char.IsControl):
                return value;
            case VariableType.Identifier when Identifiers.IsValid(value):
                return value;
            default:
                throw new CockpitValidationException($"The variable {Name} = '{Value}' is not a valid {Describe(Type)}.");
        }
    }

    private static string Describe(VariableType type) => type switch
    {
        VariableType.Date => "date (write it yyyy-MM-dd, e.g. 2026-01-31)",
        VariableType.Integer => "whole number",
        VariableType.Decimal => "decimal number (with a dot, e.g. 0.25)",
        VariableType.Text => "text value (quotes, semicolons, backslashes and SQL comment markers are refused)",
        _ => "table or column name (letters, digits and underscores, starting with a letter)",
    };
}
