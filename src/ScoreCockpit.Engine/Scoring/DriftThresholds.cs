namespace ScoreCockpit.Engine.Scoring;

/// <summary>PSI levels at which a score's or a feature's drift is worth a look (warning) or an alarm (alert).</summary>
public sealed record DriftThresholds
{
    public double Warning { get; init; } = 0.1;
    public double Alert { get; init; } = 0.25;

    public string Level(double? psi) => psi is not { } value ? "none" : value >= Alert ? "alert" : value >= Warning ? "warning" : "ok";

    public IEnumerable<string> Problems()
    {
        if (!double.IsFinite(Warning) || !double.IsFinite(Alert) || Warning <= 0 || Alert < Warning)
        {
            yield return $"Drift thresholds: warning must be above 0 and alert at least warning (for example 0.1 and 0.25), not {Warning} and {Alert}.";
        }
    }
}
