using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>Variables as conditions see them.</summary>
public static class Values
{
    public static ValueKind KindOf(VariableType type) => type switch
    {
        VariableType.Date => ValueKind.Date,
        VariableType.Integer or VariableType.Decimal => ValueKind.Number,
        _ => ValueKind.Text,
    };

    public static TypedValue Of(Variable variable) => variable.Parse() switch
    {
        DateOnly d => TypedValue.Date(d),
        long l => TypedValue.Number(l),
        decimal m => TypedValue.Number((double)m),
        var other => TypedValue.Text((string)other),
    };
}
