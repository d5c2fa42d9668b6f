using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;

namespace ScoreCockpit.Cli.Evaluation;

/// <summary>
/// `scorecockpit evaluations SCORE [--version N] [--forward] [--json]`: every stored evaluation with its kind (forward,
/// validation, in-sample, back-test) and whether its date is thin, so a figure can be checked outside the portal; with
/// --forward, each date scored by the version in production then, beside the best other version.
/// </summary>
public static class EvaluationsCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose stored evaluations to list." };
        var version = new Option<int?>("--version") { Description = "Only this version's evaluations.", HelpName = "N" };
        var forward = new Option<bool>("--forward")
        {
            Description = "One row per evaluated date: the version in production then (active, or by as-of date before any activation), " +
                "its forward AUC and lift with their 95 % intervals, and the best other version on the same rows.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print JSON: version, challenger, date, kind, thin, rows, positives, auc, auc_lower, auc_upper, lift_K and capture_K per cut-off, ks, brier. " +
                "With --forward: date, version, chosen_by, auc, auc_lower, auc_upper, lift_10, lift_10_lower, lift_10_upper, best_other_version, " +
                "best_other_challenger, best_other_kind, best_other_auc, difference, thin, note.",
        };
        var command = new Command("evaluations",
            "List the stored evaluations of a score's versions, each with its kind and whether its date is thin; " +
            "with --forward, each evaluated date scored by the version in production then, beside the best other version.")
        { score, version, forward, json };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var name = parse.GetRequiredValue(score);
            if (parse.GetValue(forward))
            {
                if (parse.GetValue(version) is not null)
                {
                    throw new CockpitValidationException("--forward lists every date's production version: leave out --version.");
                }

                await ForwardEvaluations.WriteAsync(context, await host.Get<ForwardPerformance>().HandleAsync(name, ct), parse.GetValue(json));
                return;
            }

            var views = await host.Get<PerformanceQueries>().AllAsync(name, parse.GetValue(version), ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(views.Select(Entry), Json));
                return;
            }

            if (views.Count == 0)
            {
                await context.Console.Out.WriteLineAsync($"No evaluation of {name} yet: run 'scorecockpit evaluate {name}' once labels are known.");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["VERSION", "DATE", "KIND", "ROWS", "POSITIVES", "AUC", "95 % CI", "NOTE"],
                views.Select(v => new[]
                {
                    $"v{v.Version}{(v.ChallengerName is null ? "" : $" ({v.ChallengerName})")}",
                    v.Evaluation.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    v.Evaluation.Kind.Word(),
                    v.Evaluation.Rows.ToString(CultureInfo.InvariantCulture),
                    v.Evaluation.Positives.ToString(CultureInfo.InvariantCulture),
                    Number(v.Evaluation.Auc, "0.000"),
                    v.Evaluation.AucLower is null ? "-" : $"{Number(v.Evaluation.AucLower, "0.000")}–{Number(v.Evaluation.AucUpper, "0.000")}",
                    string.Join("; ", new[] { v.Evaluation.Thin ? "thin: too few rows or positives to count" : null, v.Evaluation.Failure }.OfType<string>()),
                }).ToList());
        });
        return command;
    }

    /// <summary>One evaluation as a flat object; lift and capture keys follow the score's cut-offs (lift_10, capture_2.5).</summary>
    private static Dictionary<string, object?> Entry(EvaluationView view)
    {
        var e = view.Evaluation;
        var entry = new Dictionary<string, object?>
        {
            ["version"] = view.Version,
            ["challenger"] = view.ChallengerName,
            ["date"] = e.EvaluationDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = e.Kind.Word(),
            ["thin"] = e.Thin,
            ["rows"] = e.Rows,
            ["positives"] = e.Positives,
            ["auc"] = e.Auc,
            ["auc_lower"] = e.AucLower,
            ["auc_upper"] = e.AucUpper,
        };
        foreach (var cutoff in view.Cutoffs)
        {
            entry[MetricKeys.Lift(cutoff.Percent)] = cutoff.Lift;
            entry[MetricKeys.Capture(cutoff.Percent)] = cutoff.Capture;
        }

        entry["ks"] = e.Ks;
        entry["brier"] = e.Brier;
        entry["failure"] = e.Failure;
        return entry;
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
