using System.Globalization;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>What the pipeline needs to know of a feature before training, asked of the warehouse in SQL.</summary>
internal static class FeatureProfile
{
    public static async Task<ModelPipeline.FeatureStats> StatsAsync(
        WarehouseSession session, FeatureColumn feature, IEnumerable<string> tables, bool absentSomewhere, CancellationToken ct)
    {
        var column = session.Dialect.QuoteIdentifier(feature.Name);
        var tableList = tables.ToList();
        if (feature.Kind != ColumnKind.Categorical)
        {
            long missing = 0;
            foreach (var table in tableList)
            {
                missing += Convert.ToInt64(await session.ScalarAsync(RenderedSql.Plain(
                    $"SELECT COUNT(*) - COUNT({column}) FROM {session.Dialect.QuoteIdentifier(table)}"), ct), CultureInfo.InvariantCulture);
            }

            // A column absent from one of the training snapshots is missing there too.
            return new ModelPipeline.FeatureStats(feature, absentSomewhere || missing > 0, []);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long rows = 0;
        foreach (var table in tableList)
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
