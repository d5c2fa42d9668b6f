using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// The malformed records met so far. They are counted in lines (a record whose quoted field spans three lines
/// counts three), against the number allowed; once there are too many, reading goes on only until enough are
/// known to show.
/// </summary>
internal sealed class RejectedLines(int allowed)
{
    private readonly List<CsvRejectedLine> kept = [];

    public long Count { get; private set; }

    public IReadOnlyList<CsvRejectedLine> Kept => kept;

    public bool TooMany => Count > allowed;

    /// <summary>True when the import is bound to fail and the error can already show its first lines.</summary>
    public bool Enough => TooMany && kept.Count >= CsvImporter.RejectedLinesShown;

    public void Add(long line, long endLine, string reason)
    {
        var rejected = new CsvRejectedLine(line, endLine, reason);
        Count += rejected.LineCount;
        if (kept.Count < CsvImporter.RejectedLinesKept)
        {
            kept.Add(rejected);
        }
    }

    public string Describe() => string.Join("; ", kept.Take(CsvImporter.RejectedLinesShown));

    public void ThrowIfTooMany()
    {
        if (!TooMany)
        {
            return;
        }

        var what = allowed == 0
            ? "The file has malformed lines, so nothing was imported"
            : $"More lines are malformed than the {allowed} allowed, so nothing was imported";
        var first = kept.Count > 1 ? $"the first {Math.Min(kept.Count, CsvImporter.RejectedLinesShown)}: " : "";
        throw new CockpitValidationException(
            $"{what} ({first}{Describe()}). Fix {(kept.Count > 1 ? "them" : "it")}, or allow more rejected lines.");
    }
}

/// <summary>The two staging tables of one import, beside the target (same schema) so the rename stays in place.</summary>
internal sealed record StagingNames(string Raw, string Typed)
{
    public const string Prefix = "_import_";

    public static StagingNames For(string target)
    {
        var parts = Identifiers.Validate(target, "table name");
        var schema = parts.Length == 2 ? parts[0] + "." : "";
        var id = Guid.NewGuid().ToString("N")[..12];
        return new StagingNames($"{schema}{Prefix}{id}_raw", $"{schema}{Prefix}{id}_typed");
    }
}
