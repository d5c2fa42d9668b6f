using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scoring.Export;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Cli.Scoring;

/// <summary>`scorecockpit export-scores SCORE --format csv|xlsx --out FILE [--date DATE] [--csv-culture fr|invariant]`.</summary>
public static class ExportScoresCommand
{
    public static Command Create(CliContext context)
    {
        var score = new Argument<string>("SCORE") { Description = "The score whose customers to export." };
        var format = new Option<string>("--format") { Description = "csv or xlsx.", HelpName = "FORMAT", Required = true };
        var output = new Option<string>("--out") { Description = "The file to write; replaced if it exists.", HelpName = "FILE", Required = true };
        var date = new Option<DateOnly?>("--date")
        {
            Description = "The reference date to export (yyyy-MM-dd). Default: the latest in the score's output table.",
            HelpName = "DATE",
        };
        var csvCulture = new Option<string>("--csv-culture")
        {
            Description = "The CSV file's convention: invariant (commas between fields, decimal points; the default, what " +
                "scripts read) or fr (semicolons and decimal commas, what Excel in French opens into columns). UTF-8 with a BOM either way.",
            HelpName = "fr|invariant",
            DefaultValueFactory = _ => CsvConvention.Invariant.Name,
        };
        var command = new Command("export-scores",
            "Write a score's customers for one reference date, ordered by rank, to a CSV or Excel file " +
            "(Excel sheets continue on \"scores 2\"… past 1,048,575 rows).")
        { score, format, output, date, csvCulture };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var request = new ExportScores(parse.GetRequiredValue(score), ScoreFileFormats.Parse(parse.GetRequiredValue(format)), parse.GetValue(date),
                CsvConvention.Parse(parse.GetValue(csvCulture)));
            var target = Path.GetFullPath(parse.GetRequiredValue(output));
            if (!Directory.Exists(Path.GetDirectoryName(target)))
            {
                throw new CockpitValidationException($"--out: the folder of {target} does not exist.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            var clock = Stopwatch.StartNew();
            var export = await AtomicFile.WriteAsync(target, stream => host.Get<ExportScoresHandler>().HandleAsync(request, stream, ct));
            await context.Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Exported {export.Rows:N0} {export.Score} scores of {export.Date:yyyy-MM-dd} to {target} " +
                $"({export.Extension}{(export.Format == ScoreFileFormat.Csv && export.Csv != CsvConvention.Invariant ? $" {export.Csv.Name}" : "")}, {new FileInfo(target).Length / 1_048_576.0:0.0} MB, {clock.Elapsed.TotalSeconds:0.0} s)."));
        });
        return command;
    }
}
