using System.Collections.Concurrent;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>Every timed request of every virtual user, and what went wrong.</summary>
public sealed class LoadRecorder
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _times = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private int _errorCount;

    public int ErrorCount => _errorCount;

    /// <summary>The first errors, enough to see what they are without flooding the report.</summary>
    public IReadOnlyList<string> FirstErrors => [.. _errors];

    public IReadOnlyDictionary<string, IReadOnlyList<double>> Times =>
        _times.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)[.. p.Value.Order()], StringComparer.Ordinal);

    public void Time(string page, double milliseconds) => _times.GetOrAdd(page, _ => []).Add(milliseconds);

    public void Error(string what)
    {
        if (Interlocked.Increment(ref _errorCount) <= 20)
        {
            _errors.Enqueue(what);
        }
    }
}
