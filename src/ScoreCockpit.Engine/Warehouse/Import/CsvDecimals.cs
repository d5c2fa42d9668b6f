using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>Which character separates the decimals of the file's numbers: asked for, or decided from the file.</summary>
public enum CsvDecimalSeparator
{
    /// <summary>A comma when the file is delimited by semicolons (Excel in French), else a point; an ambiguous file is refused.</summary>
    Auto,

    Point,

    Comma,
}

/// <summary>Why an import read decimals the way it did.</summary>
public enum CsvDecimalReason
{
    /// <summary>The usual decimal point: the file is not delimited by semicolons, or its decimals are all written with a point.</summary>
    Default,

    /// <summary>A decimal comma, because the file is delimited by semicolons.</summary>
    Semicolons,

    /// <summary>The separator the person asked for.</summary>
    Asked,
}

/// <summary>The decimal separator an import read numbers with, and why.</summary>
public sealed record CsvDecimalDecision(char Separator, CsvDecimalReason Reason)
{
    public static CsvDecimalDecision Point { get; } = new('.', CsvDecimalReason.Default);

    public bool IsComma => Separator == ',';

    /// <summary>"comma (the file uses semicolons)", "point", "comma, as asked", "point, as asked".</summary>
    public string Describe() => (IsComma ? "comma" : "point") + Reason switch
    {
        CsvDecimalReason.Semicolons => " (the file uses semicolons)",
        CsvDecimalReason.Asked => ", as asked",
        _ => "",
    };

    public override string ToString() => Describe();
}

public static class CsvDecimalSeparators
{
    public static string NamesForHelp => "comma, point, auto";

    /// <summary>comma, point or auto (any case; empty is auto), or a refusal listing them.</summary>
    public static CsvDecimalSeparator Parse(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "AUTO" => CsvDecimalSeparator.Auto,
        "COMMA" or "," => CsvDecimalSeparator.Comma,
        "POINT" or "." => CsvDecimalSeparator.Point,
        _ => throw new CockpitValidationException($"Unknown decimal separator '{name}'. Use {NamesForHelp}."),
    };
}
