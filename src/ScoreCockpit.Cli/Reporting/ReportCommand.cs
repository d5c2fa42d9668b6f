using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Cli.Reporting;

/// <summary>`scorecockpit report SCORE --out FILE.xlsx`: the score's Excel report, as the portal's download gives it.</summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score to report on." };
        var output = new Option<string>("--out") { Description = "The .xlsx file to write; replaced if it exists.", HelpName = "FILE", Required = true };
        var command = new Command("report",
            "Write a score's Excel report: cover and health, one sheet per metric (versions × evaluation dates), deciles, " +
            "activations and scoring runs.")
        { score, output };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var name = parse.GetRequiredValue(score);
            var target = Path.GetFullPath(parse.GetRequiredValue(output));
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                throw new CockpitValidationException($"--out: the folder of {target} does not exist.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            await WriteAtomicallyAsync(target, stream => host.Get<ScoreReportHandler>().WriteAsync(name, stream, Actor.System, ct));
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Wrote the {name} report to {target} ({new FileInfo(target).Length / 1024.0:0} KB)."));
        });
        return command;
    }

    /// <summary>A folder that cannot be written is the user's to fix: said in one line, the previous report kept.</summary>
    private static async Task WriteAtomicallyAsync(string target, Func<Stream, Task> write)
    {
        try
        {
            await AtomicFile.WriteAsync(target, write);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CockpitValidationException($"--out: cannot write {target}: {e.Message}");
        }
    }
}
