using ScoreCockpit.Engine.Localization;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scenarios.Definition;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>
/// Writes the score's Excel report to the data folder's reports/SCORE/ (or the step's folder), named by the run's
/// day, in the installation's language (Cockpit:Culture); written beside and moved into place, so a reader never opens
/// half a file and a re-run replaces it.
/// </summary>
public sealed class ExportReportExecutor(ScoreReportHandler reports, DataFolder data, CockpitCulture culture) : IStepExecutor
{
    public string Type => StepTypes.ExportReport;

    public async Task ExecuteAsync(StepDefinition step, StepContext context, CancellationToken ct)
    {
        var score = context.ScoreOf(step);
        var folder = ((ExportReportStep)step).Folder is { Length: > 0 } chosen
            ? Path.GetFullPath(chosen, data.Path)
            : Path.Combine(data.Path, "reports", score);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{score}-report-{StepContext.Day(context.Today)}.xlsx");
        await AtomicFile.WriteAsync(path, file => reports.WriteAsync(score, file, context.Actor, culture.Culture, ct));

        context.Log($"Report written to {path} ({new FileInfo(path).Length / 1024.0:0} KB)");
        context.Output("path", path);
    }
}
