using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Snapshots;

/// <summary>A column's kind is decided once per score from its first snapshots, and changes only on a real type change.</summary>
public sealed class ColumnKindDecisionTests
{
    private static Snapshot Month(int month, params ColumnProfile[] columns) => new()
    {
        ReferenceDate = new DateOnly(2025, month, 1).AddMonths(1).AddDays(-1),
        TableName = $"snap_{month}",
        BuiltBy = "test",
        Columns = columns,
    };

    private static ColumnProfile Column(string name, ColumnKind kind, string type = "INTEGER", double max = 5) =>
        new(name, type, kind, 0, 3, 0, max, 1);

    [Fact]
    public void A_count_guessed_boolean_in_a_quiet_month_stays_numeric_month_after_month()
    {
        // care_calls held only 0 and 1 in February and May: the profile guessed Boolean there.
        var snapshots = new[]
        {
            Month(1, Column("care_calls", ColumnKind.Numeric)),
            Month(2, Column("care_calls", ColumnKind.Boolean, max: 1)),
            Month(3, Column("care_calls", ColumnKind.Numeric)),
            Month(5, Column("care_calls", ColumnKind.Boolean, max: 1)),
        };
        var decided = new Dictionary<string, ColumnKind>();
        foreach (var current in snapshots)
        {
            var result = ColumnKindDecision.Decide(decided, snapshots, current.Columns);
            decided = result.Kinds.ToDictionary();
            Assert.Equal(ColumnKind.Numeric, decided["care_calls"]);
        }
    }

    [Fact]
    public void The_first_snapshots_decide_and_later_ones_change_nothing_but_a_real_type_change()
    {
        var snapshots = new[]
        {
            Month(1, Column("plan", ColumnKind.Categorical, "VARCHAR"), Column("code", ColumnKind.Numeric)),
            Month(2, Column("plan", ColumnKind.Identifier, "VARCHAR"), Column("code", ColumnKind.Numeric)),
            Month(6, Column("plan", ColumnKind.Categorical, "VARCHAR"), Column("code", ColumnKind.Categorical, "VARCHAR")),
        };

        var first = ColumnKindDecision.Decide(new Dictionary<string, ColumnKind>(), snapshots[..2], snapshots[1].Columns);
        Assert.Equal(ColumnKind.Categorical, first.Kinds["plan"]);
        Assert.Equal(ColumnKind.Numeric, first.Kinds["code"]);
        Assert.Equal(["plan: Categorical", "code: Numeric"], first.Changes);

        // Nothing new in March: no change to record.
        Assert.Empty(ColumnKindDecision.Decide(first.Kinds, snapshots[..2], snapshots[0].Columns).Changes);

        // In June the extract delivers text where numbers were: that one column changes, and says why.
        var june = ColumnKindDecision.Decide(first.Kinds, snapshots, snapshots[2].Columns);
        Assert.Equal(ColumnKind.Categorical, june.Kinds["code"]);
        Assert.Equal(ColumnKind.Categorical, june.Kinds["plan"]);
        Assert.Equal(["code: Numeric → Categorical (VARCHAR where number values were)"], june.Changes);
    }

    [Fact]
    public void A_column_that_appears_later_is_decided_from_its_own_first_snapshots()
    {
        var snapshots = new[]
        {
            Month(1, Column("calls", ColumnKind.Numeric)),
            Month(7, Column("calls", ColumnKind.Numeric), Column("fiber_eligible", ColumnKind.Boolean, max: 1)),
            Month(8, Column("calls", ColumnKind.Numeric), Column("fiber_eligible", ColumnKind.Boolean, max: 1)),
        };
        var decided = new Dictionary<string, ColumnKind> { ["calls"] = ColumnKind.Numeric };

        var result = ColumnKindDecision.Decide(decided, snapshots, snapshots[2].Columns);

        Assert.Equal(ColumnKind.Boolean, result.Kinds["fiber_eligible"]);
        Assert.Equal(["fiber_eligible: Boolean"], result.Changes);
    }
}
