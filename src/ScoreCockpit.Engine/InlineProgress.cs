namespace ScoreCockpit.Engine;

/// <summary>
/// Reports on the caller's thread, in order. (Progress&lt;T&gt; posts to the thread pool, so its reports can
/// arrive late and out of order.)
/// </summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
