using System.CommandLine;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Cli.Reporting;

/// <summary>
/// `scorecockpit report SCORE --out FILE.xlsx [--culture fr]`: the score's Excel report, as the portal's download gives it,
/// in English or French (default: the installation's language, Cockpit:Culture).
/// </summary>
public static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score to report on." };
        var output = new Option<string>("--out") { Description = "The .xlsx file to write; replaced if it exists.", HelpName = "FILE", Required = true };
        var culture = new Option<string>("--culture")
        {
            Description = $"The report's language: {SupportedCultures.Described}. Default: the installation's language (setting {CockpitCulture.Setting}, else en).",
            HelpName = "LANGUAGE",
        };
        var command = new Command("report",
            "Write a score's Excel report: cover and health, one sheet per metric (versions × evaluation dates), deciles, " +
            "activations and scoring runs, in English or French (--culture).")
        { score, output, culture };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var name = parse.GetRequiredValue(score);
            var target = Path.GetFullPath(parse.GetRequiredValue(output));
            var asked = parse.GetValue(culture);
            var language = asked is null ? null : SupportedCultures.Find(asked, "--culture");
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                throw new CockpitValidationException($"--out: the folder of {target} does not exist.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            await WriteAtomicallyAsync(target, stream => host.Get<ScoreReportHandler>().WriteAsync(name, stream, Actor.System, language ?? host.Get<CockpitCulture>().Culture, ct));
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
