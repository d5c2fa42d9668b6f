using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

public sealed class SnapshotTablesTests
{
    [Theory]
    [InlineData("churn", "2026-01-31", "snap_churn_20260131")]
    [InlineData("cross-sell", "2025-12-01", "snap_cross_sell_20251201")]
    public void A_snapshot_table_is_named_after_the_score_and_the_date(string score, string date, string expected)
    {
        var table = SnapshotTables.For(score, DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, table);
        Assert.Equal(expected + "_stg", SnapshotTables.Staging(table));
    }

    [Fact]
    public void Long_score_names_give_distinct_tables_that_postgres_keeps_whole()
    {
        var prefix = new string('a', 50);
        string[] names = [prefix + "-one", prefix + "-two", new string('z', ScoreName.MaxLength)];
        DateOnly[] dates = [new(2026, 1, 31), new(2026, 2, 28)];

        var tables = names.SelectMany(n => dates.Select(d => SnapshotTables.For(n, d))).ToList();

        Assert.Equal(tables.Count, tables.Distinct(StringComparer.Ordinal).Count());
        Assert.All(tables, t => Assert.InRange(SnapshotTables.Staging(t).Length, 1, 63));
        Assert.All(tables, t => Assert.Matches("^snap_[a-z_]+_[0-9a-f]{8}_20260(131|228)$", t));
        Assert.Equal(tables[0], SnapshotTables.For(names[0], dates[0]));
    }
}
