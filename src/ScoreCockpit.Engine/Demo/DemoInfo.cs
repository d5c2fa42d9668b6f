namespace ScoreCockpit.Engine.Demo;

/// <summary>What the last complete build of the demo warehouse made (the `demo_info` row).</summary>
public sealed record DemoInfo(
    int GeneratorVersion, int Seed, int Customers, int Months, DateOnly FirstReferenceDate, DateOnly LastReferenceDate,
    IReadOnlyList<string> Tables)
{
    public DemoOptions Options => new(LastReferenceDate, Customers, Months, Seed);
}
