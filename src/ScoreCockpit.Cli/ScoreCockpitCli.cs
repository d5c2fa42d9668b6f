using System.CommandLine;
using ScoreCockpit.Cli.Accounts;
using ScoreCockpit.Cli.Hosting;

namespace ScoreCockpit.Cli;

/// <summary>The `scorecockpit` command line, callable in-process so tests can supply the console.</summary>
public static class ScoreCockpitCli
{
    /// <summary>Runs one command with the given streams; standard input counts as redirected.</summary>
    public static Task<int> RunAsync(
        string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken ct = default) =>
        RunAsync(args, new CliConsole(stdin, stdout, stderr), ct);

    /// <summary>Runs one command; the exit code is 0 on success, 1 on a usage error, 2 on bad input or set-up.</summary>
    public static Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct = default)
    {
        var root = BuildRootCommand(new CliContext(console));
        var invocation = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return root.Parse(args).InvokeAsync(invocation, ct);
    }

    public static RootCommand BuildRootCommand(CliContext context) =>
        new("ScoreCockpit headless commands: accounts, scores, data import and the demo.")
        {
            context.Data,
            UsersCommand.Create(context),
            Scores.ScoresCommand.Create(context),
            Demo.InitCommand.Create(context),
            Registry.VersionsCommands.Train(context),
            Registry.VersionsCommands.Versions(context),
            Registry.ActivateCommand.Create(context),
            Registry.PurgeCommand.Create(context),
            Variables.VariablesCommand.Create(context),
            Registry.BackfillCommand.Create(context),
            Scoring.ExportScoresCommand.Create(context),
            Scoring.ScoreCommand.Create(context),
            Evaluation.EvaluateCommand.Create(context),
            Evaluation.EvaluationsCommand.Create(context),
            Portfolio.PortfolioCommand.Create(context),
            Snapshots.SnapshotsCommand.Create(context),
            Warehouse.ImportCsvCommand.Create(context),
            Warehouse.WarehouseCheckCommand.Create(context),
            Connections.ConnectionsCommand.Create(context),
            Evaluation.EvaluateFileCommand.Create(context),
            Scenarios.ScenarioCommands.Create(context),
            Scenarios.SchedulerCommand.Create(context),
            Units.UnitCommand.Create(context),
            Reporting.ReportCommand.Create(context),
        };
}
