using ScoreCockpit.Engine.Demo;

namespace ScoreCockpit.Web.Hosting;

/// <summary>The demo installation's progress, shared with every open page.</summary>
public sealed class DemoStatus
{
    public DemoProgress? Current { get; private set; }

    public event Action? Changed;

    public bool Running => Current is { Finished: false, Failure: null };

    public void Report(DemoProgress progress)
    {
        Current = progress;
        Changed?.Invoke();
    }
}
