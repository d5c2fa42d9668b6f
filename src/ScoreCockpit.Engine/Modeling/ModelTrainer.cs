using System.Data.Common;
using System.Diagnostics;
using Microsoft.ML;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Trains one model from snapshot tables: profiles the features in SQL, streams the (sampled) training rows into the
/// ML.NET pipeline of <see cref="ModelPipeline"/>, then measures AUC and lift at 10 % on the validation snapshot.
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

        var hp = request.EffectiveHyperparameters();
        string[] reserved = [request.KeyColumn, request.TargetColumn];
        var dropped = new List<string>();
        var used = new List<FeatureColumn>();
        foreach (var feature in request.Features.Where(f => !reserved.Contains(f.Name, StringComparer.OrdinalIgnoreCase)))
        {
            if (feature.Kind is ColumnKind.Identifier or ColumnKind.Date)
            {
                dropped.Add($"{feature.Name} ({feature.Kind.ToString().ToLowerInvariant()}: not used by models)");
            }
            else
            {
                used.Add(feature);
            }
        }

        var tables = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var table in request.TrainingTables.Append(request.ValidationTable).Distinct(StringComparer.Ordinal))
        {
            var columns = await session.TableColumnsAsync(table, ct);
            foreach (var column in columns)
            {
                if (used.FirstOrDefault(f => string.Equals(f.Name, column.Name, StringComparison.OrdinalIgnoreCase)) is { } feature)
                {
                    InputColumn.For(feature).Check(column.ClrType, $"the snapshot {table}");
                }
            }

            tables[table] = columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        var stats = new List<ModelPipeline.FeatureStats>();
        foreach (var feature in used.ToList())
        {
            var holding = request.TrainingTables.Where(t => tables[t].Contains(feature.Name)).ToList();
            var profile = holding.Count == 0 ? null
                : await FeatureProfile.StatsAsync(session, feature, holding, holding.Count < request.TrainingTables.Count, ct);
            if (profile is null || (feature.Kind == ColumnKind.Categorical && profile.Levels.Count == 0))
            {
                dropped.Add(profile is null
                    ? $"{feature.Name} (in no training snapshot)"
                    : $"{feature.Name} (categorical: no level holds {ModelPipeline.MinLevelShare:0%} of the rows)");
                used.Remove(feature);
                continue;
            }

            stats.Add(profile);
        }

        long total = 0;
        foreach (var table in request.TrainingTables)
        {
            total += await session.CountRowsAsync(table, ct);
        }

        var fraction = total > request.MaxTrainingRows ? (double)request.MaxTrainingRows / total : 1;
        var ml = new MLContext(request.Seed);
        var label = new InputColumn(ModelPipeline.Label, request.TargetColumn, InputColumnType.Label);
        var inputs = used.Select(InputColumn.For).ToList();
        var training = new WarehouseRowsView([.. inputs, label], () => Readers(session, request.TrainingTables, tables, [.. inputs, label], request.KeyColumn),
            "the training snapshots", fraction < 1 ? Sample(request, fraction) : null, ct);

        var (estimator, slots) = ModelPipeline.Build(ml, stats, request.Algorithm, hp, request.Seed);
        var model = await Task.Run(() => estimator.Fit(training), ct);
        var (rows, positives) = await Task.Run(() => CountLabels(training), ct);

        var validation = new WarehouseRowsView([.. inputs, label], () => Readers(session, [request.ValidationTable], tables, [.. inputs, label], null),
            $"the validation snapshot {request.ValidationTable}", ct: ct);
        var (scores, labels) = await Task.Run(() => Predictions(model.Transform(validation)), ct);

        var featureSchema = new WarehouseRowsView(inputs, () => [], "").Schema;
        using var zip = new MemoryStream();
        ml.Model.Save(model, featureSchema, zip);
        return new TrainedModel
        {
            ModelZip = ModelZip.Normalize(zip.ToArray()),
            InputSchema = used,
            DroppedFeatures = dropped,
            Algorithm = request.Algorithm,
            Hyperparameters = hp,
            ValidationAuc = ModelMetrics.Auc(scores, labels),
            ValidationLift10 = ModelMetrics.Lift(scores, labels, 10),
            ValidationRows = labels.Count,
            FeatureImportance = Importance.Of(model, slots),
            TrainingRows = rows,
            TrainingPositives = positives,
            Duration = clock.Elapsed,
        };
    }

    private static Func<DbDataReader, int[], bool> Sample(TrainingRequest request, double fraction)
    {
        DbDataReader? last = null;
        var key = -1;
        return (reader, _) =>
        {
            if (!ReferenceEquals(reader, last))
            {
                (last, key) = (reader, reader.GetOrdinal(request.KeyColumn));
            }

            return KeySample.Keeps(InputColumn.ReadText(reader, key), request.Seed, fraction);
        };
    }

    /// <summary>One reader per table, opened when the cursor reaches it, on the session's connection.</summary>
    internal static IEnumerable<DbDataReader> Readers(WarehouseSession session, IEnumerable<string> tables,
        IReadOnlyDictionary<string, HashSet<string>> columns, IReadOnlyList<InputColumn> inputs, string? keyColumn)
    {
        foreach (var table in tables)
        {
            var wanted = inputs.Select(i => i.Source).Append(keyColumn).OfType<string>()
                .Where(columns[table].Contains).Distinct(StringComparer.OrdinalIgnoreCase);
            using var command = session.Connection.CreateCommand();
            command.CommandText = $"SELECT {string.Join(", ", wanted.Select(session.Dialect.QuoteIdentifier))} FROM {session.Dialect.QuoteIdentifier(table)}";
            command.CommandTimeout = 0;
            using var reader = command.ExecuteReader();
            yield return reader;
        }
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
