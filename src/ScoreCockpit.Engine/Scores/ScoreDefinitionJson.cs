using System.Text.Json;
using System.Text.Json.Serialization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scores;

/// <summary>The one JSON form of a definition, used in the store and in exported files.</summary>
public static class ScoreDefinitionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        // A file with "owners": null (or any null list) is refused by name instead of failing later with a NullReferenceException.
        RespectNullableAnnotations = true,
    };

    public static string Write(ScoreDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static ScoreDefinition Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ScoreDefinition>(json, Options)
                ?? throw new CockpitValidationException("The score definition file is empty.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1})" : "";
            throw new CockpitValidationException($"The score definition file is not valid{where}: {e.Message}");
        }
    }
}
