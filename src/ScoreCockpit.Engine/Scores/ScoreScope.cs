using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// A score as the engine works on it, loaded once: its definition, its snapshots with the state of their labels, the
/// dates that may be used (labels final, per <see cref="LabelMaturity"/>; thin or not) and its variables for a
/// reference date. Snapshot building, label refresh, training, evaluation, comparison and backfill read it, so they
/// cannot disagree on which dates count.
/// </summary>
public sealed class ScoreScope
{
    private readonly IReadOnlyList<Variable> _globals;
    private readonly Dictionary<DateOnly, DateOnly> _readOn;

    private ScoreScope(Score score, ScoreDefinition definition, IReadOnlyList<Snapshot> snapshots, IReadOnlyList<Variable> globals, CockpitClock clock)
    {
        Score = score;
        Definition = definition;
        Snapshots = snapshots;
        _globals = globals;
        Today = clock.Today;
        _readOn = snapshots.ToDictionary(s => s.ReferenceDate, s => clock.DayOf(s.LabelsReadAt));
        Labels = snapshots.ToDictionary(s => s.ReferenceDate, s => LabelMaturity.State(s.ReferenceDate, definition.Horizon, _readOn[s.ReferenceDate]));
        Thin = snapshots.Where(s => definition.ThinDates.IsThin(s.Rows, s.Positives)).Select(s => s.ReferenceDate).ToHashSet();
    }

    public Score Score { get; }
    public ScoreDefinition Definition { get; }
    public IReadOnlyList<Snapshot> Snapshots { get; }
    public DateOnly Today { get; }

    /// <summary>Each snapshot date's label state, as of <see cref="Today"/>.</summary>
    public IReadOnlyDictionary<DateOnly, LabelState> Labels { get; }

    /// <summary>Dates with too few rows or positives for their figures to count.</summary>
    public IReadOnlySet<DateOnly> Thin { get; }

    /// <summary>Dates whose labels are final: the only ones training, validation and evaluation may read.</summary>
    public IReadOnlyList<DateOnly> FinalDates =>
        [.. Snapshots.Where(s => Labels[s.ReferenceDate] == LabelState.Final).Select(s => s.ReferenceDate).Order()];

    /// <summary>Pending snapshots whose final day has come: a label refresh now reads their final target.</summary>
    public IReadOnlyList<Snapshot> DueForRefresh =>
        [.. Snapshots.Where(s => LabelMaturity.IsDue(s.ReferenceDate, Definition.Horizon, _readOn[s.ReferenceDate], Today)).OrderBy(s => s.ReferenceDate)];

    public DateOnly FinalOn(DateOnly referenceDate) => LabelMaturity.FinalOn(referenceDate, Definition.Horizon);

    public Snapshot? At(DateOnly referenceDate) => Snapshots.FirstOrDefault(s => s.ReferenceDate == referenceDate);

    /// <summary>The dates a training or evaluation as of <paramref name="asOf"/> may use: labelled then, and final now.</summary>
    public IReadOnlyList<DateOnly> LabelledOn(DateOnly asOf) => LabelCalendar.Labelled(FinalDates, Definition.Horizon, asOf);

    /// <summary>Global, then score, then run variables, with the built-ins of the reference date.</summary>
    public IReadOnlyDictionary<string, Variable> Variables(DateOnly referenceDate, IEnumerable<Variable>? run = null) =>
        BuiltInVariables.Resolve(_globals, Definition.Variables.Select(v => v.ToVariable()), run ?? [],
            BuiltInVariables.For(referenceDate, Definition.Horizon));

    public static async Task<ScoreScope> LoadAsync(CockpitDbContext db, string scoreName, CockpitClock clock, CancellationToken ct)
    {
        var score = await ScoreRecords.FindAsync(db, scoreName, ct);
        var snapshots = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).ToListAsync(ct);
        var globals = await db.Variables.AsNoTracking().ToListAsync(ct);
        return new ScoreScope(score, ScoreRecords.Definition(score), snapshots, [.. globals.Select(g => g.ToVariable())], clock);
    }
}
