using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Cli.Warehouse;

/// <summary>
/// `scorecockpit import-csv FILE --table NAME [--replace] [--max-rejected N] [--delimiter D] [--encoding E] [--decimal comma|point|auto]`:
/// a CSV file becomes a typed table of the warehouse, or nothing changes.
/// </summary>
public static class ImportCsvCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The CSV file: a header line naming the columns, then one line per row.",
        };
        var table = new Option<string>("--table")
        {
            Description = "The table to create: letters, digits and underscores, optionally schema.table.",
            HelpName = "NAME",
            Required = true,
        };
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace the table when it exists (readers see the old table or the new one, never half of it).",
        };
        var maxRejected = new Option<int>("--max-rejected")
        {
            Description = "Skip and report up to N malformed lines instead of refusing the file (default 0).",
            HelpName = "N",
        };
        var delimiter = new Option<string?>("--delimiter")
        {
            Description = "The field delimiter: , ; | or tab (default: detected from the header line).",
            HelpName = "D",
        };
        var encoding = new Option<string?>("--encoding")
        {
            Description = $"The file's text encoding: {CsvEncodings.NamesForHelp} (default utf-8).",
            HelpName = "E",
        };
        var decimalSeparator = new Option<string?>("--decimal")
        {
            Description = "The decimal separator of the file's numbers: comma, point or auto (default: a comma when the file is " +
                "delimited by semicolons, as Excel in French writes it, else a point; a file where it cannot be told is refused).",
            HelpName = "comma|point|auto",
        };
        var warehouseName = new Option<string>("--warehouse")
        {
            Description = "The warehouse connection to write to (default: demo, the DuckDB file of the data folder).",
            HelpName = "NAME",
            DefaultValueFactory = _ => WarehouseConnectionInfo.DemoName,
        };
        var command = new Command(
            "import-csv",
            "Import a CSV file into a new table of a warehouse (by default the demo warehouse of the data folder), inferring column types.")
        {
            file, table, replace, maxRejected, delimiter, encoding, decimalSeparator, warehouseName,
        };

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var options = new CsvImportOptions(parse.GetRequiredValue(table))
            {
                Replace = parse.GetValue(replace),
                MaxRejected = parse.GetValue(maxRejected),
                Delimiter = CsvDelimiters.Parse(parse.GetValue(delimiter)),
                Encoding = CsvEncodings.Parse(parse.GetValue(encoding)),
                DecimalSeparator = CsvDecimalSeparators.Parse(parse.GetValue(decimalSeparator)),
            };
            options.Validate();
            var path = parse.GetRequiredValue(file);
            await using var content = OpenFile(path);
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var warehouse = await host.Get<WarehouseConnections>().ResolveAsync(parse.GetRequiredValue(warehouseName), ct);
            var result = await host.Get<ImportCsvHandler>()
                .HandleAsync(new ImportCsv(warehouse, Path.GetFileName(path), options), content, Actor.System, ct);

            await ImportSummary.WriteAsync(context.Console.Out, result, warehouse.Name, options.MaxRejected);
        });
        return command;
    }

    private static FileStream OpenFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CockpitValidationException($"'{path}' is a folder; give the path of a CSV file.");
        }

        try
        {
            // No FileStream buffer: the importer reads in 64 KB chunks itself.
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CockpitValidationException($"The file '{path}' does not exist.");
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new CockpitValidationException($"The file '{path}' cannot be read: {e.Message}");
        }
    }
}
