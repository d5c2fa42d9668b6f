using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Quality;

/// <summary>A small demo warehouse in a test store's data folder, with the churn score defined (no snapshot built).</summary>
internal static class QualityWarehouse
{
    public static readonly DemoOptions Options = new(new DateOnly(2026, 2, 28), Customers: 2_000);

    public static DateOnly Month(int month) => Options.ReferenceDate(month);

    public static async Task BuildAsync(TestStore store)
    {
        var ct = TestContext.Current.CancellationToken;
        await using (var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, ct))
        {
            await DemoWarehouse.BuildAsync(session, Options, ct: ct);
        }

        await store.Get<CreateScoreHandler>().HandleAsync(new CreateScore(DemoScores.Churn), Actor.System, ct);
    }

    /// <summary>The built-in variables of the date, plus the previous month's yyyymm to name the previous extract.</summary>
    public static IReadOnlyDictionary<string, Variable> Variables(DateOnly date)
    {
        var previous = date.AddMonths(-1);
        return BuiltInVariables.For(date, 3)
            .Append(Variable.Integer("previous_yyyymm", (previous.Year * 100) + previous.Month))
            .ToDictionary(v => v.Name);
    }

    public static async Task<long> RowsAsync(TestStore store, string table)
    {
        await using var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, TestContext.Current.CancellationToken);
        return await session.CountRowsAsync(table, TestContext.Current.CancellationToken);
    }
}
