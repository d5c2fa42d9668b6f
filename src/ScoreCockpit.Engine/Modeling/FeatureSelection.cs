using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>Which columns each snapshot of a training holds, and the warehouse type of each feature.</summary>
internal sealed record TrainingColumns(
    IReadOnlyList<string> TrainingTables, IReadOnlyDictionary<string, HashSet<string>> ByTable, IReadOnlyDictionary<string, Type> Types)
{
    public bool Holds(string table, string column) => ByTable[table].Contains(column);
}

/// <summary>The features a training fits on, what the pipeline must know of them, and every dropped feature with its reason.</summary>
internal sealed record FeatureSelection(
    TrainingColumns Columns, List<ModelPipeline.FeatureStats> Stats, List<DroppedFeature> Dropped, long Rows, List<string> Notes)
{
    /// <summary>
    /// Drops, in order: identifiers and dates, features in no training snapshot, then — when reduction is on — constant
    /// and mostly-missing features and one of each correlated pair, all measured in SQL over the training snapshots;
    /// last, categorical features without a frequent level. Top-k needs a fit and is left to <see cref="ModelTrainer"/>.
    /// </summary>
    public static async Task<FeatureSelection> SelectAsync(WarehouseSession session, TrainingRequest request, CancellationToken ct)
    {
        string[] reserved = [request.KeyColumn, request.TargetColumn];
        var dropped = new List<DroppedFeature>();
        var used = new List<FeatureColumn>();
        foreach (var feature in request.Features.Where(f => !reserved.Contains(f.Name, StringComparer.OrdinalIgnoreCase)))
        {
            if (feature.Kind is ColumnKind.Identifier or ColumnKind.Date)
            {
                dropped.Add(new DroppedFeature(feature.Name, $"{feature.Kind.ToString().ToLowerInvariant()}: not used by models"));
            }
            else
            {
                used.Add(feature);
            }
        }

        var columns = await ColumnsAsync(session, request, used, ct);
        dropped.AddRange(Drop(used, used.Where(f => !columns.TrainingTables.Any(t => columns.Holds(t, f.Name)))
            .Select(f => new DroppedFeature(f.Name, "in no training snapshot"))));

        var (rows, facts) = await ColumnCensus.ReadAsync(session, columns, used, ct);
        var notes = new List<string>();
        var reduction = request.Reduction;
        if (reduction.Enabled)
        {
            dropped.AddRange(Drop(used, VariableReduction.Sparse(used, rows, facts, reduction)));
            var numeric = used.Where(f => f.Kind is ColumnKind.Numeric or ColumnKind.Boolean).ToList();
            if (!ColumnCensus.MeasuresCorrelation(session.Dialect))
            {
                notes.Add($"Correlated features were not looked for: {session.Dialect.Kind} has no corr() aggregate.");
            }
            else if (numeric.Count > 1)
            {
                var pairs = await ColumnCensus.CorrelationsAsync(session, columns, numeric, ct);
                dropped.AddRange(Drop(used, VariableReduction.Correlated(pairs, facts, reduction.MaxCorrelation)));
            }
        }

        var stats = new List<ModelPipeline.FeatureStats>();
        foreach (var feature in used.ToList())
        {
            var holding = request.TrainingTables.Where(t => columns.Holds(t, feature.Name)).ToList();
            // Missing counts come from the census, which reads a feature absent from a snapshot as missing there.
            var profile = await FeatureProfile.StatsAsync(session, feature, holding, facts[feature.Name].Missing > 0, ct);
            if (feature.Kind == ColumnKind.Categorical && profile.Levels.Count == 0)
            {
                dropped.AddRange(Drop(used, [new DroppedFeature(feature.Name,
                    $"categorical: no level holds {ModelPipeline.MinLevelShare:0%} of the rows")]));
                continue;
            }

            stats.Add(profile);
        }

        return new FeatureSelection(columns, stats, dropped, rows, notes);
    }

    private static List<DroppedFeature> Drop(List<FeatureColumn> used, IEnumerable<DroppedFeature> drops)
    {
        var list = drops.ToList();
        used.RemoveAll(f => list.Any(d => string.Equals(d.Column, f.Name, StringComparison.OrdinalIgnoreCase)));
        return list;
    }

    /// <summary>The columns of every snapshot; a feature whose type the model cannot read is refused here, naming the snapshot.</summary>
    private static async Task<TrainingColumns> ColumnsAsync(
        WarehouseSession session, TrainingRequest request, IReadOnlyList<FeatureColumn> used, CancellationToken ct)
    {
        var byTable = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var types = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in request.TrainingTables.Append(request.ValidationTable).Distinct(StringComparer.Ordinal))
        {
            var columns = await session.TableColumnsAsync(table, ct);
            foreach (var column in columns)
            {
                if (used.FirstOrDefault(f => string.Equals(f.Name, column.Name, StringComparison.OrdinalIgnoreCase)) is { } feature)
                {
                    InputColumn.For(feature).Check(column.ClrType, $"the snapshot {table}");
                    types.TryAdd(feature.Name, column.ClrType);
                }
            }

            byTable[table] = columns.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        return new TrainingColumns(request.TrainingTables, byTable, types);
    }
}
