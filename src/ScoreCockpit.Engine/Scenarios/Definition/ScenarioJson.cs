using System.Text.Json;
using System.Text.Json.Serialization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scenarios.Definition;

/// <summary>The one JSON shape of a scenario definition, stored and edited as is.</summary>
public static class ScenarioJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        AllowTrailingCommas = true,
        // Hand-written definitions put "type" wherever they like, and a misspelt setting is refused rather than ignored.
        AllowOutOfOrderMetadataProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    public static string Write(ScenarioDefinition definition) => JsonSerializer.Serialize(definition, Options);

    /// <summary>Reads a definition; a syntax error or an unknown step type is reported with where it is.</summary>
    public static ScenarioDefinition Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ScenarioDefinition>(json, Options)
                ?? throw new CockpitValidationException("The scenario definition is empty: write a JSON object with \"steps\" and \"triggers\".");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
            var hint = e.Message.Contains("type discriminator", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("'type'", StringComparison.Ordinal)
                ? $" Step types are: {string.Join(", ", StepTypes.All)}; trigger types: weekly, monthly, daily, cron, manual."
                : "";
            throw new CockpitValidationException($"The scenario definition is not valid JSON{where}{line}: {FirstSentence(e.Message)}.{hint}");
        }
        catch (ArgumentException)
        {
            // Text that cannot be UTF-8 (a lone UTF-16 surrogate): only a program can send it, but it must not crash the reader.
            throw new CockpitValidationException(
                "The scenario definition is not valid JSON: it contains a broken character (half of a UTF-16 pair). Retype it as plain text.");
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.');
    }
}
