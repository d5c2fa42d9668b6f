namespace ScoreCockpit.Engine.Units;

/// <summary>A unit that was dispatched ended without doing its work; the message names it and says why.</summary>
public sealed class UnitFailedException(string message) : Exception(message)
{
    public static void ThrowIfAny(IEnumerable<(UnitOfWork Unit, UnitResult Result)> outcomes)
    {
        var failed = outcomes.Where(o => !o.Result.Succeeded).ToList();
        if (failed.Count > 0)
        {
            throw new UnitFailedException(string.Join("; ", failed.Select(f =>
                $"{f.Unit.Describe()} {(f.Result.Status == UnitStatus.Interrupted ? "was interrupted" : "failed")}" +
                (f.Result.Where is { } where ? $" ({where})" : "") + $": {f.Result.Message}")));
        }
    }
}
