using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Quality;

/// <summary>Measure metrics of one dataset for one reference date (a scenario's "compute metrics" step).</summary>
public sealed record ComputeMetrics(
    string? ScoreName, DatasetDefinition Dataset, IReadOnlyList<MetricDefinition> Metrics, DateOnly ReferenceDate,
    IReadOnlyDictionary<string, Variable> Variables, long? ScenarioRunId = null);

public sealed record MetricValue(string Name, double? Value, string Dataset);

/// <summary>
/// Measures every simple metric of the dataset in one query inside the warehouse (only the aggregates come back), each
/// SQL metric with its own query, and records them in quality_metrics. Measuring a (score, metric, date) again replaces it.
/// </summary>
public sealed class ComputeMetricsHandler(IDbContextFactory<CockpitDbContext> contexts, WarehouseConnections connections, TimeProvider time)
{
    public async Task<IReadOnlyList<MetricValue>> ComputeAsync(ComputeMetrics request, CancellationToken ct = default)
    {
        var problems = QualityValidation.Validate(request.Metrics, [], request.Variables.Keys.ToHashSet());
        if (problems.Count > 0)
        {
            throw new CockpitValidationException(string.Join(" ", problems));
        }

        await using var db = await contexts.CreateDbContextAsync(ct);
        var score = request.ScoreName is null ? null : await ScoreRecords.FindAsync(db, request.ScoreName, ct);
        var dataset = await Datasets.ResolveAsync(db, score, request.Dataset, request.ReferenceDate, request.Variables, ct);
        await using var session = await connections.OpenAsync(dataset.Connection, ct);
        var values = await MeasureAsync(session, dataset, request.Metrics, request.Variables, ct);

        var scoreId = score?.Id;
        var names = request.Metrics.Select(m => m.Name).ToList();
        var stored = await db.QualityMeasurements
            .Where(m => m.ScoreId == scoreId && m.ReferenceDate == request.ReferenceDate && names.Contains(m.MetricName))
            .ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var results = new List<MetricValue>(request.Metrics.Count);
        foreach (var metric in request.Metrics)
        {
            var row = stored.FirstOrDefault(m => m.MetricName == metric.Name)
                ?? db.QualityMeasurements.Add(new QualityMeasurement { ScoreId = scoreId, MetricName = metric.Name, Dataset = "" }).Entity;
            row.ReferenceDate = request.ReferenceDate;
            row.Dataset = Shorten(dataset.Display);
            row.Value = values[metric.Name];
            row.MeasuredAt = now;
            row.ScenarioRunId = request.ScenarioRunId;
            results.Add(new MetricValue(metric.Name, row.Value, row.Dataset));
        }

        await db.SaveChangesAsync(ct);
        return results;
    }

    private static async Task<Dictionary<string, double?>> MeasureAsync(
        WarehouseSession session, ResolvedDataset dataset, IReadOnlyList<MetricDefinition> metrics,
        IReadOnlyDictionary<string, Variable> variables, CancellationToken ct)
    {
        var q = session.Dialect;
        var values = new Dictionary<string, double?>(StringComparer.Ordinal);
        var simple = metrics.Where(m => m.Kind != MetricKind.Sql).ToList();
        if (simple.Count > 0)
        {
            var columns = await Datasets.ColumnsAsync(session, dataset, ct);
            // Position 0 is always the row count: the null rate needs it, and it is cheap.
            var expressions = new List<string> { "COUNT(*)" };
            expressions.AddRange(simple.Select(m => Expression(m, Column(columns, m, dataset), q)));
            await using (var reader = await session.ReadAsync(Datasets.Select(dataset, expressions, variables, q), ct))
            {
                await reader.ReadAsync(ct);
                var row = new double?[expressions.Count];
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] = await reader.IsDBNullAsync(i, ct) ? null : Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
                }

                for (var i = 0; i < simple.Count; i++)
                {
                    var value = row[i + 1];
                    values[simple[i].Name] = simple[i].Kind == MetricKind.NullRate
                        ? row[0] is { } rows && rows > 0 ? 1.0 - ((value ?? 0) / rows) : null
                        : value;
                }
            }
        }

        foreach (var metric in metrics.Where(m => m.Kind == MetricKind.Sql))
        {
            var scalar = await session.ScalarAsync(SqlTemplate.Render(metric.Sql!, variables, q), ct);
            values[metric.Name] = scalar is null ? null : ToDouble(scalar, metric.Name);
        }

        return values;
    }

    private static string Expression(MetricDefinition metric, string? name, ISqlDialect q)
    {
        var column = name is null ? null : q.QuoteIdentifier(name);
        return metric.Kind switch
        {
            MetricKind.RowCount => "COUNT(*)",
            MetricKind.NullRate => $"COUNT({column})",
            MetricKind.DistinctCount => $"COUNT(DISTINCT {column})",
            // Times 1.0 so an integer column's mean is not truncated (PostgreSQL, SQL Server) and every engine returns a number.
            MetricKind.Min => $"MIN({column} * 1.0)",
            MetricKind.Max => $"MAX({column} * 1.0)",
            _ => $"AVG({column} * 1.0)",
        };
    }

    private static string? Column(IReadOnlyList<WarehouseColumn> columns, MetricDefinition metric, ResolvedDataset dataset)
    {
        if (metric.Kind == MetricKind.RowCount)
        {
            return null;
        }

        var found = columns.FirstOrDefault(c => string.Equals(c.Name, metric.Column, StringComparison.OrdinalIgnoreCase))
            ?? throw new CockpitValidationException(
                $"The metric {metric.Name} reads the column '{metric.Column}', which {dataset.Table} does not have. " +
                $"Its columns: {string.Join(", ", columns.Select(c => c.Name))}.");
        return Identifiers.IsValid(found.Name) ? found.Name : throw new CockpitValidationException(
            $"The column '{found.Name}' of {dataset.Table} has a name that cannot be measured; give it a plain name (letters, digits, underscores).");
    }

    private static double ToDouble(object value, string metric)
    {
        try
        {
            return Convert.ToDouble(value, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException)
        {
            throw new CockpitValidationException($"The SQL of the metric {metric} returned '{value}', which is not a number. Make it return one number.");
        }
    }

    private static string Shorten(string text) => text.Length <= 400 ? text : text[..397] + "…";
}
