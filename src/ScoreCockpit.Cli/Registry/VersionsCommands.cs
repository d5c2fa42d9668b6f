using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;

namespace ScoreCockpit.Cli.Registry;

/// <summary>
/// `scorecockpit train SCORE [--as-of DATE]`, `scorecockpit versions SCORE [--json]`, `scorecockpit versions verify SCORE [N]`
/// and `scorecockpit versions sql SCORE N [--dialect D] [--table T]`.
/// </summary>
public static class VersionsCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Train(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score to train." };
        var asOf = new Option<DateOnly?>("--as-of")
        {
            Description = "Train as if on this date (yyyy-MM-dd): only snapshots whose labels were known then are read. Default: today.",
            HelpName = "DATE",
        };
        var noChallengers = new Option<bool>("--no-challengers") { Description = "Train the score's own version only, not its challengers." };
        var command = new Command("train",
            "Train a new version of a score with its algorithm and settings, and its challengers on the same data. Nothing is activated.")
        { score, asOf, noChallengers };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var date = parse.GetValue(asOf) ?? host.Get<ScoreCockpit.Engine.Settings.CockpitClock>().Today;
            var outcome = await host.Get<TrainVersionHandler>().HandleAsync(new TrainVersion(parse.GetRequiredValue(score), date), Actor.System, ct);
            var version = outcome.Version;
            await context.Console.Out.WriteLineAsync(outcome.Note is { } note
                ? $"{parse.GetRequiredValue(score)} as of {date:yyyy-MM-dd}: {note}. Nothing trained."
                : $"Trained {parse.GetRequiredValue(score)} v{version.Number} as of {date:yyyy-MM-dd}: {version.Algorithm}, " +
                $"validation AUC {version.ValidationAuc?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}, " +
                $"lift at 10 % {version.ValidationLift10?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-"}, {version.TrainingRows:N0} rows. Not activated.");
            if (parse.GetValue(noChallengers))
            {
                return;
            }

            foreach (var (challenger, isNew) in await host.Get<TrainChallengersHandler>().HandleAsync(new TrainChallengers(parse.GetRequiredValue(score), date), Actor.System, ct))
            {
                await context.Console.Out.WriteLineAsync(isNew
                    ? $"Trained challenger {challenger.ChallengerName} as v{challenger.Number}: {challenger.Algorithm}, " +
                    $"validation AUC {challenger.ValidationAuc?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-"}."
                    : $"Challenger {challenger.ChallengerName}: {NoNewData.Note(challenger.Number)}. Nothing trained.");
            }
        });
        return command;
    }

    public static Command Versions(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose versions to list." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("versions", "List a score's versions, newest first; * marks the active one.") { score, json, Verify(context), Sql(context) };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var versions = await host.Get<ListVersionsHandler>().HandleAsync(parse.GetRequiredValue(score), ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(versions, Json));
                return;
            }

            if (versions.Count == 0)
            {
                await context.Console.Out.WriteLineAsync($"No version yet. Train one with: scorecockpit train {parse.GetRequiredValue(score)}");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["", "VERSION", "AS OF", "ALGORITHM", "FEATURES", "AUC", "LIFT@10", "SCHEMA CHANGE"],
                versions.Select(v => new[]
                {
                    v.Active ? "*" : "",
                    $"v{v.Number}{(v.Purged ? " (purged)" : "")}",
                    v.AsOfDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    v.ChallengerName is null ? v.Algorithm : $"{v.Algorithm} ({v.ChallengerName})",
                    v.Features.ToString(CultureInfo.InvariantCulture),
                    v.ValidationAuc?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-",
                    v.ValidationLift10?.ToString("0.00", CultureInfo.InvariantCulture) ?? "-",
                    v.SchemaDiff,
                }).ToList());
        });
        return command;
    }

    /// <summary>`scorecockpit versions verify SCORE [N]`: the compiled plans against ML.NET; exit 3 when one differs by more than 1e-6.</summary>
    private static Command Verify(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose versions to verify." };
        var number = new Argument<int?>("N") { Description = "Only this version (default: every version whose model is kept).", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("verify",
            "Score the latest labelled snapshot with each version's compiled plan and with ML.NET, and print the largest difference per version. " +
            "Exits 3 when a version differs by more than 1e-6 or cannot be checked.")
        { score, number, json };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var checks = await host.Get<ScoreCockpit.Engine.Evaluation.VerifyVersionsHandler>()
                .HandleAsync(new ScoreCockpit.Engine.Evaluation.VerifyVersions(parse.GetRequiredValue(score), parse.GetValue(number)), Actor.System, ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(checks, Json));
            }
            else
            {
                var inv = CultureInfo.InvariantCulture;
                await TextTable.WriteAsync(context.Console.Out, ["VERSION", "DATE", "ROWS", "LARGEST DIFFERENCE", "ROWS DIFFERING", "RANKS", "RESULT"],
                    checks.Select(c => new[]
                    {
                        c.Challenger is null ? $"v{c.Number}" : $"v{c.Number} ({c.Challenger})",
                        c.Date?.ToString("yyyy-MM-dd", inv) ?? "-",
                        c.Rows.ToString("N0", inv),
                        c.LargestDifference?.ToString("0.###E+0", inv) ?? "-",
                        c.DifferingRows.ToString("N0", inv),
                        c.SameRanks is null ? "-" : c.SameRanks.Value ? "identical" : "DIFFER",
                        c.Passed ? "ok" : c.Problem ?? "FAIL",
                    }).ToList());
            }

            if (checks.Any(c => !c.Passed))
            {
                await context.Console.Error.WriteLineAsync(
                    $"{checks.Count(c => !c.Passed)} of {checks.Count} version(s) do not score as ML.NET does within {ScoreCockpit.Engine.Evaluation.VersionCheck.Tolerance:0E+0}.");
                return ExitCodes.RunFailed;
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>`scorecockpit versions sql SCORE N [--dialect D] [--table T]`: the plan as SQL, ready to run by hand.</summary>
    private static Command Sql(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score." };
        var number = new Argument<int>("N") { Description = "The version." };
        var dialect = new Option<string?>("--dialect")
        {
            Description = $"The warehouse to write for: {string.Join(", ", VersionSqlHandler.DialectNames)}. Default: the kind of the score's connection.",
            HelpName = "DIALECT",
        };
        var table = new Option<string?>("--table") { Description = "The table to score. Default: the score's latest snapshot.", HelpName = "TABLE" };
        var command = new Command("sql",
            "Print a version's scoring plan as SQL for a warehouse: a script that returns the key, raw_score and probability of every row of the table.")
        { score, number, dialect, table };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var kind = parse.GetValue(dialect) is { } name ? VersionSqlHandler.Parse(name) : (ScoreCockpit.Engine.Warehouse.WarehouseKind?)null;
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var sql = await host.Get<VersionSqlHandler>().HandleAsync(
                new VersionSql(parse.GetRequiredValue(score), parse.GetRequiredValue(number), kind, parse.GetValue(table)), ct);
            await context.Console.Out.WriteAsync(sql.Text);
        });
        return command;
    }
}
