using System.Diagnostics;
using Microsoft.ML;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Trains one model from snapshot tables: profiles the features and reduces them in SQL (<see cref="FeatureSelection"/>),
/// streams the training rows, sampled by key in the warehouse (<see cref="TrainingRows"/>), into the ML.NET pipeline of <see cref="ModelPipeline"/> — twice when only the
/// top k features are kept — then measures AUC and lift at 10 % on the validation snapshot.
/// Deterministic: the same request on the same data gives the same predictions (one thread, seeded).
/// </summary>
public static class ModelTrainer
{
    public static async Task<TrainedModel> TrainAsync(WarehouseSession session, TrainingRequest request, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        if (request.TrainingTables.Count == 0)
        {
            throw new ArgumentException("A training needs at least one training snapshot.", nameof(request));
        }

        if (request.Reduction.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(request));
        }

        var hp = request.EffectiveHyperparameters();
        var selection = await FeatureSelection.SelectAsync(session, request, ct);
        var (stats, dropped) = (selection.Stats, selection.Dropped);
        var fraction = selection.Rows > request.MaxTrainingRows ? (double)request.MaxTrainingRows / selection.Rows : 1;
        var fit = await FitAsync(session, request, selection.Columns, stats, hp, fraction, ct);
        if (request.Reduction is { Enabled: true, TopK: { } k } && stats.Count > k)
        {
            // Importance needs a model: the first fit ranks the features, the second learns from the k best only.
            var outside = VariableReduction.OutsideTop(Importance.Of(fit.Model, fit.Slots), k);
            if (outside.Count > 0)
            {
                dropped.AddRange(outside);
                stats = [.. stats.Where(s => !outside.Any(d => string.Equals(d.Column, s.Feature.Name, StringComparison.OrdinalIgnoreCase)))];
                fit = await FitAsync(session, request, selection.Columns, stats, hp, fraction, ct);
            }
            else
            {
                selection.Notes.Add($"The top {k} features were not chosen: {request.Algorithm} gives no feature importance.");
            }
        }

        var label = new InputColumn(ModelPipeline.Label, request.TargetColumn, InputColumnType.Label);
        var validation = TrainingRows.View(session, request, [request.ValidationTable], selection.Columns, [.. fit.Inputs, label], 1,
            $"the validation snapshot {request.ValidationTable}", ct);
        var (scores, labels) = await Task.Run(() => Predictions(fit.Model.Transform(validation)), ct);
        var (auc, lift) = (ModelMetrics.Auc(scores, labels), ModelMetrics.Lift(scores, labels, 10));
        if (request.RefitOnValidation)
        {
            // Measured first, on rows it had not seen; then the same features and settings learn from the newest month too.
            var refit = request with { TrainingTables = [.. request.TrainingTables, request.ValidationTable] };
            var total = selection.Rows + labels.Count;
            var refitFraction = total > request.MaxTrainingRows ? (double)request.MaxTrainingRows / total : 1;
            fit = await FitAsync(session, refit, selection.Columns, stats, hp, refitFraction, ct);
            selection.Notes.Add(
                $"Refitted on the validation snapshot {request.ValidationTable} too once measured: the validation AUC " +
                $"{auc?.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} was measured before the refit; " +
                "the final model has seen that date, so its figure there is in-sample.");
        }

        var (rows, positives) = await Task.Run(() => CountLabels(fit.Training), ct);

        var featureSchema = new WarehouseRowsView(fit.Inputs, () => [], "").Schema;
        using var zip = new MemoryStream();
        fit.Ml.Model.Save(fit.Model, featureSchema, zip);
        return new TrainedModel
        {
            ModelZip = ModelZip.Normalize(zip.ToArray()),
            InputSchema = [.. stats.Select(s => s.Feature)],
            DroppedFeatures = dropped,
            Notes = selection.Notes,
            Algorithm = request.Algorithm,
            Hyperparameters = hp,
            ValidationAuc = auc,
            ValidationLift10 = lift,
            ValidationRows = labels.Count,
            FeatureImportance = Importance.Of(fit.Model, fit.Slots),
            TrainingRows = rows,
            TrainingPositives = positives,
            Duration = clock.Elapsed,
        };
    }

    private sealed record Fit(MLContext Ml, ITransformer Model, IReadOnlyList<ModelPipeline.Slots> Slots, List<InputColumn> Inputs, WarehouseRowsView Training);

    /// <summary>Streams the (sampled) training rows into the pipeline; a fresh seeded context per fit keeps each fit reproducible.</summary>
    private static async Task<Fit> FitAsync(WarehouseSession session, TrainingRequest request, TrainingColumns columns,
        IReadOnlyList<ModelPipeline.FeatureStats> stats, IReadOnlyDictionary<string, double> hp, double fraction, CancellationToken ct)
    {
        var ml = new MLContext(request.Seed);
        var label = new InputColumn(ModelPipeline.Label, request.TargetColumn, InputColumnType.Label);
        var inputs = stats.Select(s => InputColumn.For(s.Feature)).ToList();
        var training = TrainingRows.View(session, request, request.TrainingTables, columns, [.. inputs, label], fraction,
            "the training snapshots", ct);
        var (estimator, slots) = ModelPipeline.Build(ml, stats, request.Algorithm, hp, request.Seed);
        var model = await Task.Run(() => estimator.Fit(training), ct);
        return new Fit(ml, model, slots, inputs, training);
    }

    private static (long Rows, long Positives) CountLabels(WarehouseRowsView view)
    {
        var column = view.Schema[ModelPipeline.Label];
        using var cursor = view.GetRowCursor([column]);
        var getter = cursor.GetGetter<bool>(column);
        long rows = 0, positives = 0;
        var value = false;
        while (cursor.MoveNext())
        {
            getter(ref value);
            rows++;
            positives += value ? 1 : 0;
        }

        return (rows, positives);
    }

    private static (List<double> Scores, List<bool> Labels) Predictions(IDataView scored)
    {
        var (scoreColumn, labelColumn) = (scored.Schema["Score"], scored.Schema[ModelPipeline.Label]);
        using var cursor = scored.GetRowCursor([scoreColumn, labelColumn]);
        var (scoreGetter, labelGetter) = (cursor.GetGetter<float>(scoreColumn), cursor.GetGetter<bool>(labelColumn));
        var (scores, labels) = (new List<double>(), new List<bool>());
        float score = 0;
        var label = false;
        while (cursor.MoveNext())
        {
            scoreGetter(ref score);
            labelGetter(ref label);
            scores.Add(score);
            labels.Add(label);
        }

        return (scores, labels);
    }
}
