using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Quality;

/// <summary>
/// Everything wrong with a set of metrics and checks, each message naming the metric or check and what to do. Called
/// when a scenario is saved, so a mistake shows then rather than at 6 a.m. on the first of the month.
/// </summary>
public static partial class QualityValidation
{
    public static IReadOnlyList<string> Validate(
        IReadOnlyList<MetricDefinition> metrics, IReadOnlyList<CheckDefinition> checks, IReadOnlySet<string> knownVariables)
    {
        var problems = new List<string>();
        Names(metrics.Select(m => m.Name), "metric", problems);
        foreach (var metric in metrics)
        {
            problems.AddRange(Metric(metric, knownVariables));
        }

        Names(checks.Select(c => c.Name), "check", problems);
        var metricNames = metrics.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var check in checks)
        {
            problems.AddRange(Check(check, metricNames, knownVariables));
        }

        return problems;
    }

    /// <summary>The problems of one dataset: its table name and the ${variables} of its name and filter.</summary>
    public static IEnumerable<string> Dataset(DatasetDefinition? dataset, string owner, IReadOnlySet<string> knownVariables)
    {
        if (dataset is null)
        {
            yield return $"{owner} needs a dataset: a table (\"table\": \"usage_${{date_ref_yyyymm}}\") or \"snapshot\": true.";
            yield break;
        }

        if (!dataset.Snapshot && !Warehouse.Identifiers.IsValid(SqlTemplate.Fill(dataset.Table, _ => "x")))
        {
            yield return $"{owner}: the table '{dataset.Table}' is not a table name (letters, digits and underscores, optionally schema.table; " +
                "${variables} allowed).";
        }

        foreach (var problem in Unknown(dataset.Table + " " + dataset.Where, owner, knownVariables))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> Metric(MetricDefinition metric, IReadOnlySet<string> known)
    {
        var owner = $"Metric {metric.Name}";
        if (!Enum.IsDefined(metric.Kind))
        {
            yield return $"{owner} has an unknown kind: use row-count, null-rate, distinct-count, min, max, mean or sql.";
        }
        else if (metric.Kind == MetricKind.Sql)
        {
            if (string.IsNullOrWhiteSpace(metric.Sql))
            {
                yield return $"{owner} is of kind sql: give \"sql\", a query returning one number.";
            }
            else
            {
                foreach (var problem in Unknown(metric.Sql, owner, known))
                {
                    yield return problem;
                }
            }
        }
        else if (metric.Kind != MetricKind.RowCount && string.IsNullOrWhiteSpace(metric.Column))
        {
            yield return $"{owner} is of kind {QualityNames.Of(metric.Kind)}: give the \"column\" it measures.";
        }
    }

    private static IEnumerable<string> Check(CheckDefinition check, HashSet<string> metrics, IReadOnlySet<string> known)
    {
        var owner = $"Check {check.Name}";
        if (!Enum.IsDefined(check.Kind))
        {
            yield return $"{owner} has an unknown kind: use bounds, change, usual-range, compare-row-counts or score-psi.";
            yield break;
        }

        if (check.Kind is CheckKind.Bounds or CheckKind.Change or CheckKind.UsualRange)
        {
            if (string.IsNullOrWhiteSpace(check.Metric))
            {
                yield return $"{owner} needs the \"metric\" it checks.";
            }
            else if (!metrics.Contains(check.Metric))
            {
                yield return $"{owner} checks the metric '{check.Metric}', which is not defined. " +
                    (metrics.Count == 0 ? "Define it in a compute-metrics step." : $"Known metrics: {string.Join(", ", metrics.Order())}.");
            }
        }

        var problems = check.Kind switch
        {
            CheckKind.Bounds => Bounds(check, owner, required: true),
            CheckKind.ScorePsi => Bounds(check, owner, required: false),
            CheckKind.Change => Percents(check, owner),
            CheckKind.UsualRange => Percents(check, owner).Concat(check.History is < CheckRules.MinimumHistory or > 120
                ? [$"{owner}: history {check.History} is not possible: give between {CheckRules.MinimumHistory} and 120 previous reference dates."] : []),
            _ => Percents(check, owner).Concat(Dataset(check.Dataset, owner, known)).Concat(Dataset(check.OtherDataset, owner + " (other dataset)", known)),
        };
        foreach (var problem in problems)
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> Bounds(CheckDefinition c, string owner, bool required)
    {
        if (required && c.WarningMin is null && c.WarningMax is null && c.ErrorMin is null && c.ErrorMax is null)
        {
            yield return $"{owner} has no bounds: give at least one of warningMin, warningMax, errorMin, errorMax.";
        }

        if (c.WarningMin > c.WarningMax || c.ErrorMin > c.ErrorMax)
        {
            yield return $"{owner}: a minimum is above its maximum.";
        }

        if (c.WarningMin < c.ErrorMin || c.WarningMax > c.ErrorMax)
        {
            yield return $"{owner}: the warning bounds must lie inside the error bounds (a value gets a warning before an error), " +
                $"not warning {c.WarningMin}…{c.WarningMax} with error {c.ErrorMin}…{c.ErrorMax}.";
        }
    }

    private static IEnumerable<string> Percents(CheckDefinition c, string owner)
    {
        if (c.WarningChangePercent is null && c.ErrorChangePercent is null)
        {
            yield return $"{owner} needs warningChangePercent or errorChangePercent (e.g. 10 and 20).";
        }

        if (c.WarningChangePercent < 0 || c.ErrorChangePercent < 0)
        {
            yield return $"{owner}: change percents are sizes of a change and cannot be negative.";
        }

        if (c.WarningChangePercent > c.ErrorChangePercent)
        {
            yield return $"{owner}: warningChangePercent ({c.WarningChangePercent}) must not exceed errorChangePercent ({c.ErrorChangePercent}).";
        }
    }

    private static IEnumerable<string> Unknown(string? text, string owner, IReadOnlySet<string> known) =>
        SqlTemplate.Names(text ?? "").Where(n => !known.Contains(n))
            .Select(n => $"{owner} uses ${{{n}}}, which is not defined. Known variables: " +
                (known.Count == 0 ? "none." : string.Join(", ", known.Order().Select(k => "${" + k + "}")) + "."));

    private static void Names(IEnumerable<string> names, string what, List<string> problems)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (!NameShape().IsMatch(name ?? ""))
            {
                problems.Add($"The {what} name '{name}' is not allowed: use lower-case letters, digits and underscores, starting with a letter (e.g. row_count).");
            }
            else if (!seen.Add(name!))
            {
                problems.Add($"The {what} name '{name}' is used twice: each {what} of a score needs its own name.");
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,99}\\z")]
    private static partial Regex NameShape();
}
