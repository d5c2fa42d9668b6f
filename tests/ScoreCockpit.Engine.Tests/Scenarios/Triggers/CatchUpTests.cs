using Microsoft.Extensions.Time.Testing;
using ScoreCockpit.Engine.Scenarios.Triggers;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scenarios.Triggers;

public sealed class CatchUpTests
{
    private static readonly DailyTrigger SixInParis = new() { Time = "06:00" };

    // 06:00 in Paris in November is 05:00 UTC.
    private static DateTimeOffset Fire(int day) => new(2026, 11, day, 5, 0, 0, TimeSpan.Zero);

    /// <summary>The portal's last tick was before the 20th's fire; it comes back <paramref name="restartAfterLastTick"/> later.</summary>
    private static (IReadOnlyList<DateTimeOffset> Due, DateTimeOffset Now) ThreeDaysDown(TimeSpan restartAfterLastTick)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 4, 0, 0, TimeSpan.Zero));
        var lastTick = time.GetUtcNow();
        time.Advance(restartAfterLastTick);
        var now = time.GetUtcNow();
        return (TriggerSchedule.Between(SixInParis, lastTick, now), now);
    }

    [Theory]
    [InlineData(CatchUpPolicy.None, new[] { 23 }, new[] { 20, 21, 22 })]
    [InlineData(CatchUpPolicy.Latest, new[] { 23 }, new[] { 20, 21, 22 })]
    [InlineData(CatchUpPolicy.All, new[] { 20, 21, 22, 23 }, new int[0])]
    public void Back_two_minutes_after_a_fire_time_the_on_time_fire_runs_under_every_policy(CatchUpPolicy policy, int[] run, int[] dropped)
    {
        var (due, now) = ThreeDaysDown(TimeSpan.FromDays(3) + TimeSpan.FromMinutes(62));

        var plan = CatchUp.Plan(due, now, policy);

        Assert.Equal([Fire(20), Fire(21), Fire(22), Fire(23)], due);
        Assert.Equal(run.Select(Fire), plan.Run);
        Assert.Equal(dropped.Select(Fire), plan.Dropped);
    }

    [Theory]
    [InlineData(CatchUpPolicy.None, new int[0], new[] { 20, 21, 22 })]
    [InlineData(CatchUpPolicy.Latest, new[] { 22 }, new[] { 20, 21 })]
    [InlineData(CatchUpPolicy.All, new[] { 20, 21, 22 }, new int[0])]
    public void Back_before_a_fire_time_only_missed_fires_are_due(CatchUpPolicy policy, int[] run, int[] dropped)
    {
        var (due, now) = ThreeDaysDown(TimeSpan.FromDays(3) - TimeSpan.FromMinutes(30));

        var plan = CatchUp.Plan(due, now, policy);

        Assert.Equal(run.Select(Fire), plan.Run);
        Assert.Equal(dropped.Select(Fire), plan.Dropped);
    }

    [Fact]
    public void Five_minutes_late_is_on_time_and_one_tick_more_is_missed()
    {
        var due = Fire(20);

        Assert.Equal([due], CatchUp.Plan([due], due + CatchUp.DefaultGrace, CatchUpPolicy.None).Run);
        Assert.Equal([due], CatchUp.Plan([due], due + CatchUp.DefaultGrace + TimeSpan.FromTicks(1), CatchUpPolicy.None).Dropped);
        Assert.Equal([due], CatchUp.Plan([due], due + TimeSpan.FromMinutes(20), CatchUpPolicy.None, TimeSpan.FromMinutes(30)).Run);
    }

    [Fact]
    public void Due_times_are_planned_in_order_once_each()
    {
        var plan = CatchUp.Plan([Fire(22), Fire(20), Fire(22), Fire(21)], Fire(23), CatchUpPolicy.All);

        Assert.Equal([Fire(20), Fire(21), Fire(22)], plan.Run);
        Assert.Empty(plan.Dropped);
    }

    [Fact]
    public void Nothing_due_plans_nothing_and_a_time_after_now_is_refused()
    {
        var empty = CatchUp.Plan([], Fire(20), CatchUp.DefaultPolicy);

        Assert.Empty(empty.Run);
        Assert.Empty(empty.Dropped);
        Assert.Equal(CatchUpPolicy.Latest, CatchUp.DefaultPolicy);
        Assert.Throws<ArgumentOutOfRangeException>(() => CatchUp.Plan([Fire(21)], Fire(20), CatchUpPolicy.All));
    }
}
