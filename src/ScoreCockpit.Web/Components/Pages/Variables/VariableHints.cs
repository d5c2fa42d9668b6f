using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Web.Components.Pages.Variables;

/// <summary>What the Variables page tells people about each type and each built-in variable.</summary>
public static class VariableHints
{
    public const string Precedence =
        "When a score runs, a run variable overrides a score variable of the same name, which overrides the global one. " +
        "Built-in variables cannot be overridden.";

    /// <summary>How to write a value of the type, with an example.</summary>
    public static string For(VariableType type) => type switch
    {
        VariableType.Date => "A date written yyyy-MM-dd, e.g. 2026-01-31",
        VariableType.Integer => "A whole number, e.g. 12 or -3",
        VariableType.Decimal => "A dot before the decimals and no thousands separator, e.g. 0.25",
        VariableType.Text => "Plain text, e.g. RETAIL; quotes, semicolons, backslashes and SQL comment markers are refused",
        VariableType.Identifier => "A table or column name, optionally schema.table, e.g. dwh.customers",
        _ => "",
    };

    public static string Label(VariableType type) => type switch
    {
        VariableType.Identifier => "Table or column name",
        _ => type.ToString(),
    };

    /// <summary>A built-in variable: its type and what the engine puts in it.</summary>
    public sealed record BuiltIn(string Name, VariableType Type, string Holds);

    public static IReadOnlyList<BuiltIn> BuiltIns { get; } = [.. BuiltInVariables.Names.Select(Describe)];

    private static BuiltIn Describe(string name) => name switch
    {
        BuiltInVariables.DateRef => new(name, VariableType.Date,
            "The reference date of the snapshot being built, e.g. 2026-01-31."),
        BuiltInVariables.DateRefYearMonth => new(name, VariableType.Integer,
            "The month of the reference date as yyyymm, e.g. 202601."),
        BuiltInVariables.LabelEnd => new(name, VariableType.Date,
            "The end of the label window: the reference date plus the score's label horizon in months " +
            "(a month-end stays a month-end), e.g. 2026-04-30 for a 3-month horizon."),
        _ => new(name, VariableType.Text, "Set by the engine for each reference date."),
    };
}
