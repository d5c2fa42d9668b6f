using Xunit;

namespace ScoreCockpit.Engine.Tests.Support;

/// <summary>Waiting for something another thread or process does: a condition polled on a real timer, with a bound.</summary>
public static class Wait
{
    /// <param name="bound">How long before the test fails saying what it waited for; 30 s unless given.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null)
    {
        var limit = bound ?? TimeSpan.FromSeconds(30);
        var started = TimeProvider.System.GetTimestamp();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!await condition())
        {
            Assert.True(TimeProvider.System.GetElapsedTime(started) < limit, $"Waited {limit.TotalSeconds:0} s for {what}.");
            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
    }
}
