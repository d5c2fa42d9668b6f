using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Scenarios.Triggers;

/// <summary>
/// Days of the week as lower-case names ("wednesday") whatever enum settings the caller's JSON options carry, so a
/// trigger reads the same inside a scenario file as on its own.
/// </summary>
public sealed class DayNamesJsonConverter : JsonConverter<IReadOnlyList<DayOfWeek>>
{
    public override IReadOnlyList<DayOfWeek> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("The days must be a list of day names, e.g. [\"monday\", \"wednesday\"].");
        var days = new List<DayOfWeek>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            // Enum.TryParse would also take "3"; only names are meant here.
            if (name is null || name.Length == 0 || char.IsDigit(name[0]) || name[0] == '-'
                || !Enum.TryParse<DayOfWeek>(name, ignoreCase: true, out var day))
                throw new JsonException($"\"{name}\" is not a day of the week: use monday, tuesday, wednesday, thursday, friday, saturday or sunday.");
            days.Add(day);
        }
        return days;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<DayOfWeek> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var day in value)
            writer.WriteStringValue(day.ToString().ToLowerInvariant());
        writer.WriteEndArray();
    }
}
