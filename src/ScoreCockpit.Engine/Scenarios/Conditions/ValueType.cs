using System.Globalization;

namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>The types a condition compares. A check status is ordered OK &lt; WARNING &lt; ERROR.</summary>
public enum ValueKind
{
    Number,
    Text,
    Date,
    Boolean,
    Status,
}

/// <summary>A typed value in a condition or a step output.</summary>
public sealed record TypedValue(ValueKind Kind, object Value)
{
    public static TypedValue Number(double value) => new(ValueKind.Number, value);
    public static TypedValue Text(string value) => new(ValueKind.Text, value);
    public static TypedValue Date(DateOnly value) => new(ValueKind.Date, value);
    public static TypedValue Boolean(bool value) => new(ValueKind.Boolean, value);
    public static TypedValue Status(CheckLevel value) => new(ValueKind.Status, value);

    public override string ToString() => Value switch
    {
        double d => d.ToString("0.######", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        CheckLevel l => l.ToString().ToUpperInvariant(),
        _ => Value.ToString() ?? "",
    };
}

/// <summary>A check's outcome as conditions see it.</summary>
public enum CheckLevel
{
    Ok,
    Warning,
    Error,
}

public static class CheckLevels
{
    public static bool TryParse(string text, out CheckLevel level)
    {
        switch (text.Trim().ToUpperInvariant())
        {
            case "OK": level = CheckLevel.Ok; return true;
            case "WARNING": level = CheckLevel.Warning; return true;
            case "ERROR": level = CheckLevel.Error; return true;
            default: level = CheckLevel.Ok; return false;
        }
    }
}
