using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Tests.Warehouse;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Evaluation;

/// <summary>What an evaluation reads of a snapshot: only the columns it needs, rows without a label left out.</summary>
public sealed class LabelledSnapshotTests(PostgresClusterFixture postgres)
{
    private static readonly DateOnly Date = new(2026, 1, 31);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task Only_the_target_and_held_inputs_are_held_and_rows_without_a_label_are_left_out(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        await CreateAsync(session, "(1, 0.5, 'a', 1), (2, 1.5, 'b', 0), (3, NULL, 'c', NULL), (4, 2.5, 'd', 1), (5, 3.5, 'e', NULL)");

        // The key is asked for as a category here only to see the row order; evaluations never hold it.
        var inputs = new Dictionary<string, ColumnUse> { ["X"] = ColumnUse.Number, ["gone_column"] = ColumnUse.Number, ["customer_id"] = ColumnUse.Text };
        var snapshot = await LabelledSnapshot.LoadAsync(session, Date, "snap", "churned", "customer_id", inputs, Ct);

        Assert.Equal(["customer_id", "x"], snapshot.Rows.Columns.Select(c => c.Name.ToLowerInvariant()).Order());
        Assert.Equal(2, snapshot.MissingLabels);
        var key = snapshot.Rows.Find("customer_id")!;
        var keys = key.Codes!.Select(c => key.Texts![c]).ToList();
        Assert.Equal([0.5f, 1.5f, 2.5f], snapshot.Rows.Find("x")!.Numbers!.Order());
        // The order of the key sample hash, the same on every warehouse.
        Assert.Equal(keys.OrderBy(k => KeySample.Hash(k, 0)), keys);
        Assert.Equal(["1", "2", "4"], keys.Order());
        Assert.Equal(keys.Select(k => k != "2"), snapshot.Labels);
    }

    [Theory]
    [MemberData(nameof(TestWarehouse.Kinds), MemberType = typeof(TestWarehouse))]
    public async Task A_label_other_than_0_or_1_is_refused(WarehouseKind kind)
    {
        await using var warehouse = await TestWarehouse.CreateAsync(kind, postgres);
        await using var session = await warehouse.OpenAsync();
        await CreateAsync(session, "(1, 0.5, 'a', 1), (2, 1.5, 'b', 2)");

        var error = await Assert.ThrowsAsync<CockpitValidationException>(
            () => LabelledSnapshot.LoadAsync(session, Date, "snap", "churned", "customer_id",
                new Dictionary<string, ColumnUse> { ["x"] = ColumnUse.Number }, Ct));

        Assert.Contains("labels must be 0 or 1", error.Message, StringComparison.Ordinal);
    }

    private static async Task CreateAsync(WarehouseSession session, string values)
    {
        await session.ExecuteAsync($"CREATE TABLE snap (customer_id INTEGER, x {session.Dialect.FloatType}, other VARCHAR(5), churned INTEGER)", Ct);
        await session.ExecuteAsync($"INSERT INTO snap VALUES {values}", Ct);
    }
}
