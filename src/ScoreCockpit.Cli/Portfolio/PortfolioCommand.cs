using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Portfolio;

namespace ScoreCockpit.Cli.Portfolio;

/// <summary>`scorecockpit portfolio [--json]`: every score's health, the Overview's figures and verdict, worst first.</summary>
public static class PortfolioCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static Command Create(CliContext context)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON: a list with each score's name, health, health_reason and figures." };
        var command = new Command("portfolio",
            "Every score's health (Healthy, Watch, Decaying or No data) with its reason and figures, worst first, as the Overview shows it.")
        { json };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await using var host = await CliHost.StartAsync(parse, context, ct);
            var rows = await host.Get<PortfolioQuery>().AllAsync(ct);
            if (parse.GetValue(json))
            {
                await context.Console.Out.WriteLineAsync(JsonSerializer.Serialize(rows.Select(Entry), Json));
                return;
            }

            if (rows.Count == 0)
            {
                await context.Console.Out.WriteLineAsync("No score yet. Create the demo with: scorecockpit init --demo");
                return;
            }

            await TextTable.WriteAsync(context.Console.Out, ["NAME", "HEALTH", "ACTIVE", "AUC", "ON", "CHANGE", "FIRST", "BEST OTHER", "PSI", "WHY"],
                rows.Select(r => new[]
                {
                    r.Name, HealthRules.Word(r.Health), r.ActiveVersion is { } v ? $"v{v}" : "-", Number(r.Auc, "0.000"),
                    r.AucDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-", Number(r.AucChange, "+0.000;-0.000;0.000"),
                    Number(r.FirstAuc, "0.000"), r.BestOther is null ? "-" : $"{r.BestOther} {Number(r.BestOtherAuc, "0.000")}",
                    Number(r.ScorePsi, "0.00"), r.HealthReason,
                }).ToList());
        });
        return command;
    }

    /// <summary>The JSON of one score: the verdict first, then the figures it was judged on.</summary>
    private static object Entry(ScoreHealthRow r) => new
    {
        r.Name,
        Health = HealthRules.Word(r.Health),
        HealthReason = r.HealthReason,
        r.Description,
        r.Owners,
        r.ActiveVersion,
        r.ActiveSince,
        r.Auc,
        AucDate = r.AucDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        r.AucChange,
        r.FirstAuc,
        r.Lift5,
        r.Lift10,
        r.BestOther,
        r.BestOtherAuc,
        r.Gap,
        r.ScorePsi,
        r.PsiLevel,
        LastRunStatus = r.LastRunStatus?.ToString(),
        r.LastRunAt,
        r.QualityStatus,
    };

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "-";
}
