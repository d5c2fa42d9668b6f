using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Cli.Evaluation;

/// <summary>`scorecockpit evaluations SCORE --forward`: the forward-performance table, as text or JSON.</summary>
internal static class ForwardEvaluations
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task WriteAsync(CliContext context, ForwardPerformanceTable table, bool json)
    {
        var output = context.Console.Out;
        if (json)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(table.Rows.Select(r => Entry(r, MetricKeys.Lift(table.LiftPercent))), Json));
            return;
        }

        if (table.Rows.Count == 0)
        {
            await output.WriteLineAsync($"No evaluation of {table.Score} yet: run 'scorecockpit evaluate {table.Score}' once labels are known.");
            return;
        }

        var lift = $"LIFT {table.LiftPercent.ToString("0.##", CultureInfo.InvariantCulture)} %";
        await TextTable.WriteAsync(output, ["DATE", "VERSION", "CHOSEN BY", "AUC (95 % CI)", $"{lift} (95 % CI)", "BEST OTHER", "ITS AUC", "DIFFERENCE", "NOTE"],
            table.Rows.Select(r => new[]
            {
                r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                r.Version is { } v ? $"v{v}" : "-",
                r.ChosenBy switch { ChosenBy.Active => "active", ChosenBy.AsOf => "by as-of date", _ => "-" },
                WithInterval(r.Auc, r.AucLower, r.AucUpper, "0.000"),
                WithInterval(r.Lift, r.LiftLower, r.LiftUpper, "0.00"),
                r.BestOtherVersion is { } b ? $"v{b}{(r.BestOtherChallenger is { } c ? $" ({c})" : "")} {r.BestOtherKind?.Word()}" : "-",
                Number(r.BestOtherAuc, "0.000"),
                Number(r.Difference, "+0.000;-0.000;0.000"),
                string.Join("; ", new[] { r.Thin ? "thin: too few rows or positives to count" : null, r.Note }.OfType<string>()),
            }).ToList());
    }

    /// <summary>One row as a flat object; the lift keys follow the cut-off shown (lift_10 unless the score has no 10 %).</summary>
    private static Dictionary<string, object?> Entry(ForwardPerformanceRow row, string lift) => new()
    {
        ["date"] = row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["version"] = row.Version,
        ["chosen_by"] = row.ChosenBy switch { ChosenBy.Active => "active", ChosenBy.AsOf => "as_of", _ => null },
        ["auc"] = row.Auc,
        ["auc_lower"] = row.AucLower,
        ["auc_upper"] = row.AucUpper,
        [lift] = row.Lift,
        [$"{lift}_lower"] = row.LiftLower,
        [$"{lift}_upper"] = row.LiftUpper,
        ["best_other_version"] = row.BestOtherVersion,
        ["best_other_challenger"] = row.BestOtherChallenger,
        ["best_other_kind"] = row.BestOtherKind?.Word(),
        ["best_other_auc"] = row.BestOtherAuc,
        ["difference"] = row.Difference,
        ["thin"] = row.Thin,
        ["note"] = row.Note,
    };

    private static string WithInterval(double? value, double? lower, double? upper, string format) =>
        value is null ? "-" : lower is null || upper is null ? Number(value, format) : $"{Number(value, format)} ({Number(lower, format)}–{Number(upper, format)})";

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
