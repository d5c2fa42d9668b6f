using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Units;

/// <summary>How a unit ended. Only <see cref="Interrupted"/> (its process was lost: evicted, killed) is worth a retry.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<UnitStatus>))]
public enum UnitStatus
{
    Succeeded,
    Failed,
    Interrupted,
}

/// <summary>
/// What a unit reports, printed by `unit run` as one JSON line on standard output (its progress goes to standard
/// error), so a parent process or a Job's log carries it back. <see cref="Outputs"/> are what a scenario step exposes to
/// later steps: numbers, booleans and dates (as yyyy-MM-dd text).
/// </summary>
public sealed record UnitResult(
    [property: JsonPropertyName("unit")] string Kind, string Score, UnitStatus Status, string Message,
    IReadOnlyDictionary<string, JsonElement> Outputs, double Seconds)
{
    public bool Succeeded => Status == UnitStatus.Succeeded;

    /// <summary>Where it ran ("process", "kubernetes job scorecockpit-unit-42"), for the log; not part of the line.</summary>
    [JsonIgnore]
    public string? Where { get; init; }

    public static UnitResult Failed(UnitOfWork unit, string message, double seconds, UnitStatus status = UnitStatus.Failed) =>
        new(unit.Kind.Name(), unit.Score, status, message, new Dictionary<string, JsonElement>(), seconds);

    public string ToLine() => JsonSerializer.Serialize(this, Options);

    /// <summary>The result line among a unit's output lines (a pod's log mixes both streams): the last one that parses.</summary>
    public static UnitResult? Find(IEnumerable<string> lines)
    {
        UnitResult? found = null;
        foreach (var line in lines)
        {
            if (TryParse(line, out var result))
            {
                found = result;
            }
        }

        return found;
    }

    public static bool TryParse(string line, out UnitResult result)
    {
        result = null!;
        var text = line.Trim();
        if (!text.StartsWith("{\"unit\":", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            result = JsonSerializer.Deserialize<UnitResult>(text, Options)!;
            return result is not null;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public double Number(string key) => Outputs[key].GetDouble();

    public bool Flag(string key) => Outputs[key].GetBoolean();

    public string Text(string key) => Outputs[key].GetString()!;

    public DateOnly Date(string key) => DateOnly.ParseExact(Text(key), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool Has(string key) => Outputs.ContainsKey(key);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { WriteIndented = false };
}

/// <summary>Collects a unit's outputs as it runs, in their JSON form.</summary>
public sealed class UnitOutputs
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, JsonElement> Values => values;

    public void Set(string key, double value) => values[key] = JsonSerializer.SerializeToElement(value);

    public void Set(string key, bool value) => values[key] = JsonSerializer.SerializeToElement(value);

    public void Set(string key, string value) => values[key] = JsonSerializer.SerializeToElement(value);

    public void Set(string key, DateOnly value) => Set(key, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
}
