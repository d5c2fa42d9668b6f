using System.Globalization;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>What the pipeline needs to know of a feature before training, asked of the warehouse in SQL.</summary>
internal static class FeatureProfile
{
    /// <param name="hasMissing">Whether the training rows miss the feature anywhere, measured once for all features by <see cref="ColumnCensus"/>.</param>
    public static async Task<ModelPipeline.FeatureStats> StatsAsync(
        WarehouseSession session, FeatureColumn feature, IEnumerable<string> tables, bool hasMissing, CancellationToken ct)
    {
        if (feature.Kind != ColumnKind.Categorical)
        {
            return new ModelPipeline.FeatureStats(feature, hasMissing, []);
        }

        var column = session.Dialect.QuoteIdentifier(feature.Name);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var table in tables)
        {
            await using var reader = await session.ReadAsync(RenderedSql.Plain(
                $"SELECT {column}, COUNT(*) FROM {session.Dialect.QuoteIdentifier(table)} GROUP BY {column}"), ct);
            while (await reader.ReadAsync(ct))
            {
                var level = InputColumn.ReadText(reader, 0);
                var count = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
                counts[level] = counts.GetValueOrDefault(level) + count;
                rows += count;
            }
        }

        var levels = counts.Where(c => c.Value >= ModelPipeline.MinLevelShare * rows)
            .OrderByDescending(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Take(ModelPipeline.MaxLevels).Select(c => c.Key).ToList();
        return new ModelPipeline.FeatureStats(feature, false, levels);
    }
}
