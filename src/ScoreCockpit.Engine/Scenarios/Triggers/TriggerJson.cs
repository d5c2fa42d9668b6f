using System.Text.Json;
using System.Text.Json.Serialization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>The JSON form of a trigger: camelCase, a "type" property, days as lower-case names.</summary>
public static class TriggerJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Hand-written files put "type" wherever they like.
        AllowOutOfOrderMetadataProperties = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
    };

    public static string Write(TriggerDefinition trigger) => JsonSerializer.Serialize(trigger, Options);

    public static TriggerDefinition Read(string json)
    {
        var typeProblem = TypeProblem(json);
        if (typeProblem is not null)
            throw new CockpitValidationException(typeProblem);
        try
        {
            return JsonSerializer.Deserialize<TriggerDefinition>(json, Options)
                ?? throw new CockpitValidationException("The trigger is empty: give an object with a \"type\", e.g. {\"type\": \"manual\"}.");
        }
        catch (JsonException e)
        {
            throw new CockpitValidationException($"The trigger is not valid: {e.Message}");
        }
    }

    // The serializer's own words for a wrong discriminator name a .NET type; users need the list of kinds instead.
    private static string? TypeProblem(string json)
    {
        var kinds = $"use one of {string.Join(", ", TriggerDefinition.TypeNames)}";
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return $"The trigger must be a JSON object with a \"type\" ({kinds}).";
            if (!root.TryGetProperty("type", out var type))
                return $"The trigger has no \"type\": {kinds}.";
            var name = type.ValueKind == JsonValueKind.String ? type.GetString() : type.GetRawText();
            return TriggerDefinition.TypeNames.Contains(name, StringComparer.Ordinal)
                ? null
                : $"The trigger type \"{name}\" is unknown: {kinds}.";
        }
        catch (JsonException e)
        {
            return $"The trigger is not valid JSON: {e.Message}";
        }
        catch (ArgumentException)
        {
            // Text that cannot be UTF-8 (a lone UTF-16 surrogate): only a program can send it, but it must not crash the reader.
            return "The trigger is not valid JSON: it contains a broken character (half of a UTF-16 pair). Retype it as plain text.";
        }
    }
}
