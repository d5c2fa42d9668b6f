using System.Data.Common;
using System.Globalization;
using System.Numerics;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>How one warehouse column becomes one ML.NET column: a float (numeric, boolean, label) or text (categorical, key).</summary>
internal sealed record InputColumn(string Name, string Source, InputColumnType Type)
{
    public static InputColumn For(FeatureColumn feature) => new(feature.Name, feature.Name,
        feature.Kind == ColumnKind.Categorical ? InputColumnType.Text : InputColumnType.Number);

    /// <summary>Refuses a warehouse type the column cannot read, naming the column.</summary>
    public void Check(Type type, string where)
    {
        if (Type is InputColumnType.Number or InputColumnType.Label && !IsNumber(type))
        {
            throw new ModelInputException(
                $"The column '{Source}' of {where} holds {type.Name} values where the model reads numbers: its type changed since training.");
        }
    }

    public static bool IsNumber(Type type) => type == typeof(bool) || ColumnKindInference.IsNumeric(type);

    public static float ReadNumber(DbDataReader reader, int ordinal) =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? float.NaN : ToNumber(reader.GetValue(ordinal));

    /// <summary>A warehouse value as the float ML.NET reads: booleans are 0 or 1, a missing value is NaN.</summary>
    public static float ToNumber(object? value) => value switch
    {
        null or DBNull => float.NaN,
        bool b => b ? 1f : 0f,
        BigInteger i => (float)(double)i,
        var v => Convert.ToSingle(v, CultureInfo.InvariantCulture),
    };

    public static string ReadText(DbDataReader reader, int ordinal) =>
        ordinal < 0 || reader.IsDBNull(ordinal) ? "" : ToText(reader.GetValue(ordinal));

    /// <summary>A warehouse value as category text (invariant culture); a missing value is the empty text.</summary>
    public static string ToText(object? value) =>
        value is null or DBNull ? "" : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}

internal enum InputColumnType
{
    Number,
    Text,

    /// <summary>The 0/1 target as a boolean; rows without a target are skipped.</summary>
    Label,
}
