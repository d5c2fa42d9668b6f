using ScoreCockpit.Engine.Quality;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

public sealed class QualityValidationTests
{
    private static readonly HashSet<string> Known = ["date_ref", "date_ref_yyyymm"];

    private static readonly MetricDefinition RowCount = new() { Name = "row_count", Kind = MetricKind.RowCount };

    [Fact]
    public void A_sound_set_has_no_problem()
    {
        var problems = QualityValidation.Validate(
            [RowCount, new() { Name = "null_rate_tenure", Kind = MetricKind.NullRate, Column = "tenure" },
                new() { Name = "late", Kind = MetricKind.Sql, Sql = "SELECT count(*) FROM payments WHERE due < ${date_ref}" }],
            [new() { Name = "volumetry", Kind = CheckKind.Change, Metric = "row_count", WarningChangePercent = 10, ErrorChangePercent = 20 },
                new() { Name = "tenure_filled", Kind = CheckKind.Bounds, Metric = "null_rate_tenure", WarningMax = 0.05, ErrorMax = 0.1 },
                new()
                {
                    Name = "extract_complete", Kind = CheckKind.CompareRowCounts, ErrorChangePercent = 5,
                    Dataset = new() { Table = "usage_${date_ref_yyyymm}" }, OtherDataset = new() { Table = "customers", Where = "signup <= ${date_ref}" },
                },
                new() { Name = "score_drift", Kind = CheckKind.ScorePsi }],
            Known);

        Assert.Empty(problems);
    }

    [Fact]
    public void Each_mistake_is_named_with_what_to_do()
    {
        var problems = QualityValidation.Validate(
            [RowCount, RowCount, new() { Name = "nulls", Kind = MetricKind.NullRate }, new() { Name = "Bad Name", Kind = (MetricKind)42 },
                new() { Name = "q", Kind = MetricKind.Sql, Sql = "SELECT ${month_key}" }],
            [new() { Name = "volumetry", Kind = CheckKind.Bounds, Metric = "rows" },
                new() { Name = "inverted", Kind = CheckKind.Bounds, Metric = "row_count", WarningMin = 50, ErrorMin = 60 },
                new() { Name = "growth", Kind = CheckKind.Change, Metric = "row_count", WarningChangePercent = 30, ErrorChangePercent = 20 },
                new() { Name = "compare", Kind = CheckKind.CompareRowCounts, ErrorChangePercent = 5, Dataset = new() { Table = "usage_${nope}", Where = "x = ${other}" } }],
            Known);

        Assert.Contains(problems, p => p.Contains("'row_count' is used twice", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Metric nulls is of kind null-rate: give the \"column\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'Bad Name' is not allowed", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Metric Bad Name has an unknown kind", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Metric q uses ${month_key}, which is not defined. Known variables: ${date_ref}, ${date_ref_yyyymm}.", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check volumetry checks the metric 'rows', which is not defined. Known metrics:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check volumetry has no bounds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check inverted: the warning bounds must lie inside the error bounds", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check growth: warningChangePercent (30) must not exceed errorChangePercent (20)", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check compare uses ${nope}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check compare uses ${other}", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Check compare (other dataset) needs a dataset", StringComparison.Ordinal));
    }

    [Fact]
    public void Definitions_read_from_camel_case_json_with_kebab_kinds()
    {
        const string json = """
            { "name": "extract_complete", "kind": "compare-row-counts", "errorChangePercent": 20,
              "dataset": { "table": "usage_${date_ref_yyyymm}" }, "otherDataset": { "snapshot": true } }
            """;
        var check = System.Text.Json.JsonSerializer.Deserialize<CheckDefinition>(json, System.Text.Json.JsonSerializerOptions.Web)!;
        var metric = System.Text.Json.JsonSerializer.Deserialize<MetricDefinition>(
            """{ "name": "n", "kind": "null-rate", "column": "c" }""", System.Text.Json.JsonSerializerOptions.Web)!;

        Assert.Equal((CheckKind.CompareRowCounts, 20.0, true), (check.Kind, check.ErrorChangePercent!.Value, check.OtherDataset!.Snapshot));
        Assert.Equal(MetricKind.NullRate, metric.Kind);
        Assert.Contains("\"kind\":\"distinct-count\"",
            System.Text.Json.JsonSerializer.Serialize(new MetricDefinition { Name = "d", Kind = MetricKind.DistinctCount }, System.Text.Json.JsonSerializerOptions.Web),
            StringComparison.Ordinal);
    }
}
