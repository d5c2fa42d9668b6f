using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Cli.Evaluation;

/// <summary>
/// `scorecockpit evaluate-file FILE.csv --label COL --score COL [--cutoffs 1,5,10,20] [--delimiter ,]`: the metrics of
/// any prediction file as JSON on standard output. Needs no store and no data folder, so it runs anywhere.
/// </summary>
public static class EvaluateFileCommand
{
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file: a header line naming the columns, then one line per row." };
        var label = new Option<string>("--label")
        {
            Description = "The column of known outcomes: 0/1 or true/false.",
            HelpName = "COL",
            Required = true,
        };
        var score = new Option<string>("--score")
        {
            Description = "The column of scores (higher means more likely positive), with a dot for decimals.",
            HelpName = "COL",
            Required = true,
        };
        var cutoffs = new Option<string>("--cutoffs")
        {
            Description = "Comma-separated percentages of the top scores for lift and capture (default 1,5,10,20).",
            HelpName = "K,K,...",
        };
        var delimiter = new Option<string?>("--delimiter")
        {
            Description = "The field delimiter: , ; | or tab (default ,).",
            HelpName = "D",
        };
        var command = new Command(
            "evaluate-file",
            "Print AUC, Gini, KS, lift, capture, deciles, Brier and log-loss of a prediction file as JSON.")
        {
            file, label, score, cutoffs, delimiter,
        };

        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var cuts = ParseCutoffs(parse.GetValue(cutoffs));
            var data = PredictionFile.Read(
                parse.GetRequiredValue(file), parse.GetRequiredValue(label), parse.GetRequiredValue(score),
                CsvDelimiters.Parse(parse.GetValue(delimiter)) ?? ',');
            ct.ThrowIfCancellationRequested();
            MetricSet metrics;
            try
            {
                metrics = Metrics.Compute(data.Scores, data.Labels, cuts);
            }
            catch (MetricInputException e)
            {
                throw new CockpitValidationException($"{parse.GetRequiredValue(file)}: {e.Message}");
            }

            await context.Console.Out.WriteLineAsync(ToJson(metrics).AsMemory(), ct);
        });
        return command;
    }

    private static List<decimal> ParseCutoffs(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [.. Metrics.DefaultCutoffs];
        }

        var cuts = new List<decimal>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!decimal.TryParse(part, NumberStyles.Number, CultureInfo.InvariantCulture, out var cut) || cut <= 0 || cut > 100)
            {
                throw new CockpitValidationException(
                    $"--cutoffs: '{part}' is not a percentage in (0, 100]; give a list such as 1,5,10,20 (a dot for decimals).");
            }

            cuts.Add(cut);
        }

        return cuts;
    }

    /// <summary>The cut-off as written in a key: 10 → "10", 2.50 → "2.5".</summary>
    public static string CutName(decimal percent) =>
        (percent / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);

    public static string ToJson(MetricSet metrics)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("rows", metrics.Rows);
            json.WriteNumber("positives", metrics.Positives);
            Write(json, "base_rate", metrics.BaseRate);
            Write(json, "auc", metrics.Auc);
            Write(json, "gini", metrics.Gini);
            Write(json, "ks", metrics.Ks);
            foreach (var cut in metrics.Cutoffs)
            {
                Write(json, $"lift_{CutName(cut.Percent)}", cut.Lift);
                Write(json, $"capture_{CutName(cut.Percent)}", cut.Capture);
            }

            Write(json, "brier", metrics.Brier);
            Write(json, "log_loss", metrics.LogLoss);
            json.WriteStartArray("deciles");
            foreach (var decile in metrics.Deciles)
            {
                json.WriteStartObject();
                json.WriteNumber("decile", decile.Decile);
                json.WriteNumber("rows", decile.Rows);
                json.WriteNumber("positives", decile.Positives);
                Write(json, "response_rate", decile.ResponseRate);
                Write(json, "cumulative_capture", decile.CumulativeCapture);
                Write(json, "lift", decile.Lift);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            if (metrics.UndefinedReason is { } reason)
            {
                json.WriteString("undefined_reason", reason);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(Utf8JsonWriter json, string key, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(key, number);
        }
        else
        {
            json.WriteNull(key);
        }
    }
}
