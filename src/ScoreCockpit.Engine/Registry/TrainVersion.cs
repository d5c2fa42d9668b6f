using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>Train a new version of a score as of a date (a unit of work). Never activates it.</summary>
public sealed record TrainVersion(string Score, DateOnly AsOf);

/// <summary>
/// Repeats the score's algorithm and hyperparameters on the snapshots whose labels were known on the
/// as-of date: the latest one validates, up to twelve before it train. Features follow the feature rules
/// on the newest training snapshot, so new columns come in and vanished ones drop out; the difference
/// with the previous version's schema is recorded.
/// </summary>
public sealed class TrainVersionHandler(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, RegisterVersionHandler register)
{
    public async Task<ModelVersion> HandleAsync(TrainVersion request, Actor actor, CancellationToken ct = default)
    {
        actor.Require(Roles.Analyst, "train model versions");
        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = await ScoreRecords.FindAsync(db, request.Score, ct);
        var definition = ScoreRecords.Definition(score);
        var snapshots = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).ToListAsync(ct);
        var window = LabelCalendar.Window(snapshots.Select(s => s.ReferenceDate), definition.HorizonMonths, request.AsOf);
        var byDate = snapshots.ToDictionary(s => s.ReferenceDate);
        var newest = byDate[window.TrainingDates[^1]];
        var columns = newest.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var features = FeatureRules.Select(definition, newest.Columns.Select(c => c.Name).ToList())
            .Select(name => new FeatureColumn(name,
                definition.ColumnKinds.TryGetValue(name, out var chosen) ? chosen : columns[name].InferredKind))
            .ToList();

        var trainingRequest = new TrainingRequest
        {
            TrainingTables = window.TrainingDates.Select(d => byDate[d].TableName).ToList(),
            ValidationTable = byDate[window.ValidationDate].TableName,
            KeyColumn = definition.KeyColumn,
            TargetColumn = definition.TargetColumn,
            Features = features,
            Algorithm = definition.Algorithm,
            Hyperparameters = definition.Hyperparameters,
        };
        TrainedModel trained;
        await using (var session = await connections.OpenAsync(definition.Connection, ct))
        {
            trained = await ModelTrainer.TrainAsync(session, trainingRequest, ct);
        }

        var schema = trained.InputSchema.ToDictionary(f => f.Name, f => f.Kind);
        var previous = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ScoreId == score.Id && v.ChallengerName == null)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);
        var diff = previous is null
            ? SchemaDiff.None
            : SchemaDiff.Compare(JsonSerializer.Deserialize<Dictionary<string, ColumnKind>>(previous.InputSchemaJson, Json)!, schema);

        var version = new ModelVersion
        {
            ScoreId = score.Id,
            AsOfDate = request.AsOf,
            Algorithm = trained.Algorithm.ToString(),
            HyperparametersJson = JsonSerializer.Serialize(trained.Hyperparameters, Json),
            TrainingDatesJson = JsonSerializer.Serialize(window.TrainingDates, Json),
            ValidationDate = window.ValidationDate,
            InputSchemaJson = JsonSerializer.Serialize(schema, Json),
            FeaturesJson = JsonSerializer.Serialize(trained.InputSchema.Select(f => f.Name), Json),
            DroppedFeaturesJson = JsonSerializer.Serialize(trained.DroppedFeatures, Json),
            FeatureImportanceJson = JsonSerializer.Serialize(trained.FeatureImportance, Json),
            SchemaDiffJson = JsonSerializer.Serialize(new { diff.Added, diff.Removed, Changed = diff.TypeChanged.Select(t => new { t.Column, t.Before, t.After }) }, Json),
            ValidationAuc = trained.ValidationAuc,
            ValidationLift10 = trained.ValidationLift10,
            TrainingRows = trained.TrainingRows,
            DurationMs = (long)trained.Duration.TotalMilliseconds,
            ArtifactSha256 = "",
            TrainedBy = actor.Name,
        };
        return await register.HandleAsync(version, trained.ModelZip, actor.Name, ct);
    }

    private static readonly JsonSerializerOptions Json = ScoreDefinitionJson.Options;
}
