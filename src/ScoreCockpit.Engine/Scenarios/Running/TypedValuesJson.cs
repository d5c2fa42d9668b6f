using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Engine.Scenarios.Conditions;

namespace ScoreCockpit.Engine.Scenarios.Running;

/// <summary>Typed outputs and variables stored as {"name": {"kind": "number", "value": "0.812"}}: read back with their type.</summary>
public static class TypedValuesJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private sealed record Stored(string Kind, string Value);

    public static string Write(IReadOnlyDictionary<string, TypedValue> values) =>
        JsonSerializer.Serialize(values.ToDictionary(p => p.Key, p => new Stored(p.Value.Kind.ToString().ToLowerInvariant(), p.Value.ToString())), Options);

    public static IReadOnlyDictionary<string, TypedValue> Read(string json)
    {
        var stored = JsonSerializer.Deserialize<Dictionary<string, Stored>>(json, Options) ?? [];
        return stored.ToDictionary(p => p.Key, p => Parse(p.Value));
    }

    private static TypedValue Parse(Stored stored) => Enum.Parse<ValueKind>(stored.Kind, true) switch
    {
        ValueKind.Number => TypedValue.Number(double.Parse(stored.Value, CultureInfo.InvariantCulture)),
        ValueKind.Date => TypedValue.Date(DateOnly.ParseExact(stored.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ValueKind.Boolean => TypedValue.Boolean(stored.Value == "true"),
        ValueKind.Status => TypedValue.Status(CheckLevels.TryParse(stored.Value, out var level) ? level : CheckLevel.Error),
        _ => TypedValue.Text(stored.Value),
    };
}
