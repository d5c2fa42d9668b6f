using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>One version of a score, by its number.</summary>
public sealed record GetVersion(string Score, int Number);

public sealed record Hyperparameter(string Name, string Value);

/// <summary>Everything recorded about one version, with its JSON columns parsed.</summary>
public sealed record VersionDetails
{
    public required string Score { get; init; }
    public required int Number { get; init; }
    public required DateOnly AsOfDate { get; init; }
    public required string Algorithm { get; init; }
    public string? ChallengerName { get; init; }
    public required IReadOnlyList<DateOnly> TrainingDates { get; init; }
    public DateOnly? ValidationDate { get; init; }

    /// <summary>The columns the model reads, with their kind, in the model's order.</summary>
    public required IReadOnlyList<FeatureColumn> InputSchema { get; init; }
    public required IReadOnlyList<string> Features { get; init; }
    public required IReadOnlyList<DroppedFeature> DroppedFeatures { get; init; }

    /// <summary>Share of the total importance per column, largest first.</summary>
    public required IReadOnlyList<FeatureImportance> Importance { get; init; }
    public required IReadOnlyList<Hyperparameter> Hyperparameters { get; init; }

    /// <summary>The difference recorded at training against <see cref="PreviousNumber"/>.</summary>
    public required SchemaDiff SchemaDiff { get; init; }

    /// <summary>The score's own version trained just before this one (what the schema difference compares with).</summary>
    public int? PreviousNumber { get; init; }
    public double? ValidationAuc { get; init; }
    public double? ValidationLift10 { get; init; }
    public long TrainingRows { get; init; }
    public long DurationMs { get; init; }
    /// <summary>The compiled scoring plan's SHA-256; null until a version trained before plans is first used.</summary>
    public string? PlanSha256 { get; init; }

    public required string ArtifactSha256 { get; init; }
    public long ArtifactBytes { get; init; }
    public DateTime? PurgedAt { get; init; }
    public DateTime TrainedAt { get; init; }
    public required string TrainedBy { get; init; }

    /// <summary>Scores customers now.</summary>
    public bool Active { get; init; }

    /// <summary>Was active at some point but is not now.</summary>
    public bool WasActive { get; init; }
}

/// <summary>A version's details for its page. Anyone signed in may read them, like the version list.</summary>
public sealed class GetVersionHandler(IDbContextFactory<CockpitDbContext> contexts)
{
    public async Task<VersionDetails> HandleAsync(GetVersion request, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var v = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(m => m.ScoreId == score.Id && m.Number == request.Number, ct)
            ?? throw new CockpitValidationException($"{score.Name} has no version {request.Number}.");
        var current = await ActiveVersions.CurrentAsync(db, score.Id, ct);
        var everActive = await db.Activations.AsNoTracking().AnyAsync(a => a.VersionId == v.Id, ct);
        // The same rule as training: the schema is compared with the latest earlier version of the score's own algorithm.
        var previous = await db.ModelVersions.AsNoTracking()
            .Where(m => m.ScoreId == score.Id && m.ChallengerName == null && m.Number < v.Number)
            .MaxAsync(m => (int?)m.Number, ct);

        return new VersionDetails
        {
            Score = score.Name,
            Number = v.Number,
            AsOfDate = v.AsOfDate,
            Algorithm = v.Algorithm,
            ChallengerName = v.ChallengerName,
            TrainingDates = VersionJson.Dates(v.TrainingDatesJson),
            ValidationDate = v.ValidationDate,
            InputSchema = VersionJson.Schema(v.InputSchemaJson),
            Features = VersionJson.Names(v.FeaturesJson),
            DroppedFeatures = VersionJson.Dropped(v.DroppedFeaturesJson),
            Importance = VersionJson.Importance(v.FeatureImportanceJson),
            Hyperparameters = VersionJson.Hyperparameters(v.HyperparametersJson),
            SchemaDiff = VersionJson.Diff(v.SchemaDiffJson),
            PreviousNumber = previous,
            ValidationAuc = v.ValidationAuc,
            ValidationLift10 = v.ValidationLift10,
            TrainingRows = v.TrainingRows,
            DurationMs = v.DurationMs,
            ArtifactSha256 = v.ArtifactSha256,
            PlanSha256 = v.PlanSha256,
            ArtifactBytes = v.ArtifactBytes,
            PurgedAt = v.PurgedAt,
            TrainedAt = v.TrainedAt,
            TrainedBy = v.TrainedBy,
            Active = v.Id == current?.Id,
            WasActive = everActive && v.Id != current?.Id,
        };
    }
}

/// <summary>
/// Lenient readers of a version's JSON columns: rows written by older builds stay readable, and dropped features
/// are read both as strings ("name (reason)") and as objects ({"column", "reason"}).
/// </summary>
public static class VersionJson
{
    public static IReadOnlyList<DateOnly> Dates(string json) =>
        Items(json).Select(e => DateOnly.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToList();

    public static IReadOnlyList<string> Names(string json) =>
        Items(json).Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : Text(e, "name") ?? Text(e, "column") ?? "").ToList();

    public static IReadOnlyList<FeatureColumn> Schema(string json) =>
        Properties(json).Select(p => new FeatureColumn(p.Name, p.Value.ValueKind == JsonValueKind.Number
            ? (ColumnKind)p.Value.GetInt32()
            : Enum.Parse<ColumnKind>(p.Value.GetString()!, ignoreCase: true))).ToList();

    public static IReadOnlyList<DroppedFeature> Dropped(string json) => Items(json).Select(e =>
    {
        if (e.ValueKind == JsonValueKind.Object)
        {
            return new DroppedFeature(Text(e, "column") ?? Text(e, "name") ?? "", Text(e, "reason") ?? "");
        }

        var text = e.GetString() ?? "";
        var match = Regex.Match(text, @"^(?<column>.+?)\s*\((?<reason>.*)\)\s*$");
        return match.Success ? new DroppedFeature(match.Groups["column"].Value, match.Groups["reason"].Value) : new DroppedFeature(text, "");
    }).ToList();

    public static IReadOnlyList<FeatureImportance> Importance(string json) =>
        Items(json).Select(e => new FeatureImportance(Text(e, "column") ?? "", Number(e, "share")))
            .OrderByDescending(i => i.Share).ThenBy(i => i.Column, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<Hyperparameter> Hyperparameters(string json) =>
        Properties(json).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new Hyperparameter(p.Name, p.Value.ValueKind switch
        {
            JsonValueKind.Number => p.Value.GetDouble().ToString("G", CultureInfo.InvariantCulture),
            JsonValueKind.String => p.Value.GetString()!,
            _ => p.Value.GetRawText(),
        })).ToList();

    public static SchemaDiff Diff(string json)
    {
        var root = Properties(json).ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
        IReadOnlyList<string> Columns(string name) =>
            root.TryGetValue(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray().Select(n => n.GetString()!).ToList() : [];
        var changed = root.TryGetValue("changed", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().Select(t => (Text(t, "column") ?? "", Kind(t, "before"), Kind(t, "after"))).ToList()
            : [];
        return new SchemaDiff(Columns("added"), Columns("removed"), changed);
    }

    private static ColumnKind Kind(JsonElement e, string name) => Property(e, name) is { } p && p.ValueKind == JsonValueKind.Number
        ? (ColumnKind)p.GetInt32()
        : Enum.Parse<ColumnKind>(Text(e, name) ?? nameof(ColumnKind.Numeric), ignoreCase: true);

    private static List<JsonElement> Items(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return document.RootElement.ValueKind == JsonValueKind.Array ? document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList() : [];
    }

    private static List<JsonProperty> Properties(string json)
    {
        using var document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "{}" : json);
        return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone().EnumerateObject().ToList() : [];
    }

    // Property names are matched case-insensitively: the columns were written with camelCase and PascalCase over time.
    private static JsonElement? Property(JsonElement e, string name) => e.ValueKind == JsonValueKind.Object
        ? e.EnumerateObject().Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(p => (JsonElement?)p.Value).FirstOrDefault()
        : null;

    private static string? Text(JsonElement e, string name) => Property(e, name) is { ValueKind: JsonValueKind.String } p ? p.GetString() : null;

    private static double Number(JsonElement e, string name) => Property(e, name) is { ValueKind: JsonValueKind.Number } p ? p.GetDouble() : 0;
}
