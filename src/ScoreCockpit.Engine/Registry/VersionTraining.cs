using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Registry;

/// <summary>What a training as of a date reads: the label-calendar window and the features of the newest snapshot.</summary>
internal sealed record TrainingPlan(Score Score, ScoreDefinition Definition, TrainingWindow Window, TrainingRequest Request)
{
    /// <summary>The dates the final model learnt from: the window, and the validation date too when it is refitted.</summary>
    public IReadOnlyList<DateOnly> LearntFrom => Request.RefitOnValidation ? [.. Window.TrainingDates, Window.ValidationDate] : Window.TrainingDates;
}

/// <summary>
/// The training shared by versions and challengers: the window by label calendar, features by the feature rules on
/// the newest training snapshot (new columns come in, vanished ones drop out), then the artifact and its metadata
/// with the schema difference against the previous version of the same configuration.
/// </summary>
public sealed class VersionTraining(
    IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, RegisterVersionHandler register, ScoringPlans plans, AuditLog audit,
    Settings.CockpitClock clock)
{
    internal async Task<TrainingPlan> PlanAsync(string scoreName, DateOnly asOf, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var scope = await ScoreScope.LoadAsync(db, scoreName, clock, ct);
        var (score, definition, snapshots) = (scope.Score, scope.Definition, scope.Snapshots);
        // Only snapshots whose labels are final: a pending one's target is incomplete, never a lesson to learn.
        var window = LabelCalendar.Window(scope.FinalDates, definition.Horizon, asOf, definition.TrainingWindow, scope.Thin);
        var newestRead = snapshots.Where(s => s.ReferenceDate <= window.ValidationDate).ToList();
        var byDate = snapshots.ToDictionary(s => s.ReferenceDate);
        var newest = byDate[window.TrainingDates[^1]];
        definition = await DecideKindsAsync(db, score, definition, newestRead, newest, ct);
        var columns = newest.Columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        var features = FeatureRules.Select(definition, newest.Columns.Select(c => c.Name).ToList())
            .Select(name => new FeatureColumn(name, definition.KindOf(name) ?? columns[name].InferredKind))
            .ToList();
        var request = new TrainingRequest
        {
            TrainingTables = window.TrainingDates.Select(d => byDate[d].TableName).ToList(),
            ValidationTable = byDate[window.ValidationDate].TableName,
            KeyColumn = definition.KeyColumn,
            TargetColumn = definition.TargetColumn,
            Features = features,
            Algorithm = definition.Algorithm,
            Hyperparameters = definition.Hyperparameters,
            Reduction = definition.Reduction,
            MaxTrainingRows = definition.MaxTrainingRows ?? TrainingRequest.DefaultMaxTrainingRows,
            RefitOnValidation = definition.RefitOnValidation,
        };
        return new TrainingPlan(score, definition, window, request);
    }

    /// <summary>
    /// Columns seen for the first time get the kind their first snapshots agree on, kept in the definition so every
    /// later version reads the same; a real type change updates it. Both are audited as the system's doing.
    /// </summary>
    private async Task<ScoreDefinition> DecideKindsAsync(CockpitDbContext db, Score score, ScoreDefinition definition,
        IReadOnlyList<Snapshot> known, Snapshot newest, CancellationToken ct)
    {
        var decided = ColumnKindDecision.Decide(definition.DecidedKinds, known, newest.Columns);
        if (decided.Changes.Count == 0)
        {
            return definition;
        }

        var updated = definition with { DecidedKinds = decided.Kinds.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary() };
        score.DefinitionJson = ScoreDefinitionJson.Write(updated);
        audit.Add(db, "system", AuditActions.ColumnKindsDecided, score.Name, string.Join("; ", decided.Changes));
        await db.SaveChangesAsync(ct);
        return updated;
    }

    /// <summary>
    /// Trains and registers a version, unless it would repeat one of the same configuration (see <see cref="NoNewData"/>):
    /// checked before training from the plan, and after it from the artifact's bytes.
    /// </summary>
    internal async Task<TrainingOutcome> TrainAsync(TrainingPlan plan, TrainingRequest request, DateOnly asOf, string? challenger, Actor actor, CancellationToken ct)
    {
        List<ModelVersion> configuration;
        DateTime inputsChangedAt;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            configuration = await db.ModelVersions.AsNoTracking()
                .Where(v => v.ScoreId == plan.Score.Id && v.ChallengerName == challenger).ToListAsync(ct);
            var read = plan.Window.TrainingDates.Append(plan.Window.ValidationDate).ToList();
            var built = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == plan.Score.Id && read.Contains(s.ReferenceDate))
                .Select(s => s.BuiltAt).ToListAsync(ct);
            inputsChangedAt = built.Append(plan.Score.UpdatedAt).Max();
        }

        var planned = new PlannedTraining(challenger, plan.LearntFrom, plan.Window.ValidationDate, request.Algorithm.ToString(),
            request.EffectiveHyperparameters(), inputsChangedAt);
        if (NoNewData.SameWindow(configuration, planned) is { } same)
        {
            return new TrainingOutcome(same, IsNew: false);
        }

        TrainedModel trained;
        await using (var session = await connections.OpenAsync(plan.Definition.Connection, ct))
        {
            trained = await ModelTrainer.TrainAsync(session, request, ct);
        }

        if (NoNewData.SameArtifact(configuration, challenger, ArtifactStore.Sha256Of(trained.ModelZip)) is { } identical)
        {
            return new TrainingOutcome(identical, IsNew: false);
        }

        var schema = trained.InputSchema.ToDictionary(f => f.Name, f => f.Kind);
        var previous = configuration.MaxBy(v => v.Number);
        var diff = previous is null
            ? SchemaDiff.None
            : SchemaDiff.Compare(VersionJson.Schema(previous.InputSchemaJson).ToDictionary(f => f.Name, f => f.Kind), schema);

        var version = new ModelVersion
        {
            ScoreId = plan.Score.Id,
            AsOfDate = asOf,
            ChallengerName = challenger,
            Algorithm = trained.Algorithm.ToString(),
            HyperparametersJson = JsonSerializer.Serialize(trained.Hyperparameters, Json),
            // A refitted version lists its validation date among its training dates: every figure there is in-sample.
            TrainingDatesJson = JsonSerializer.Serialize(plan.LearntFrom, Json),
            ValidationDate = plan.Window.ValidationDate,
            InputSchemaJson = JsonSerializer.Serialize(schema, Json),
            FeaturesJson = JsonSerializer.Serialize(trained.InputSchema.Select(f => f.Name), Json),
            DroppedFeaturesJson = JsonSerializer.Serialize(trained.DroppedFeatures, Json),
            FeatureImportanceJson = JsonSerializer.Serialize(trained.FeatureImportance, Json),
            TrainingNotesJson = JsonSerializer.Serialize(trained.Notes, Json),
            SchemaDiffJson = JsonSerializer.Serialize(new { diff.Added, diff.Removed, Changed = diff.TypeChanged.Select(t => new { t.Column, t.Before, t.After }) }, Json),
            ValidationAuc = trained.ValidationAuc,
            ValidationLift10 = trained.ValidationLift10,
            TrainingRows = trained.TrainingRows,
            DurationMs = (long)trained.Duration.TotalMilliseconds,
            ArtifactSha256 = "",
            // Compiled now: a model that cannot be compiled is refused before it becomes a version.
            PlanSha256 = await plans.DeriveAsync(trained.ModelZip, $"{plan.Score.Name} (the version being trained)", ct),
            TrainedBy = actor.Name,
        };
        return new TrainingOutcome(await register.HandleAsync(version, trained.ModelZip, actor.Name, ct), IsNew: true);
    }

    private static readonly JsonSerializerOptions Json = ScoreDefinitionJson.Options;
}
