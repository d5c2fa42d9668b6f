using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Reporting;

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

    /// <summary>
    /// Writes beside the target under a temporary name and moves it into place only when complete: an unknown score or
    /// a failure never leaves half a file, nor destroys the previous report.
    /// </summary>
    private static async Task WriteAtomicallyAsync(string target, Func<Stream, Task> write)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await write(stream);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CockpitValidationException($"--out: cannot write {target}: {e.Message}");
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
