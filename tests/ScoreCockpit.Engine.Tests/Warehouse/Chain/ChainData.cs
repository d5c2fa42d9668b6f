using System.Globalization;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Warehouse.Chain;

/// <summary>
/// The same customer data for every warehouse: <see cref="Customers"/> customers over six month-ends in one
/// <c>customers_monthly</c> table, generated here from integer hashes (no random generator, so no platform detail),
/// and a dataprep that is plain SQL on both DuckDB and PostgreSQL.
/// </summary>
public static class ChainData
{
    public const int Customers = 3_000;
    public const string Table = "customers_monthly";

    /// <summary>Below the rows of the training snapshots, so trainings sample by key.</summary>
    public const int MaxTrainingRows = 5_000;

    public static IReadOnlyList<DateOnly> Months { get; } =
        [new(2025, 7, 31), new(2025, 8, 31), new(2025, 9, 30), new(2025, 10, 31), new(2025, 11, 30), new(2025, 12, 31)];

    public const string DataprepSql =
        "SELECT customer_id, ref_date AS date_ref, tenure_months, spend, calls, plan, region, has_app, discount, churned\n" +
        "FROM customers_monthly WHERE ref_date = ${date_ref}";

    private static readonly string[] Plans = ["basic", "plus", "pro"];
    private static readonly string[] Regions = ["north", "south", "east", "west"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static ScoreDefinition Definition(string connection) => new()
    {
        Name = "chain",
        Connection = connection,
        DataprepSql = DataprepSql,
        KeyColumn = "customer_id",
        TargetColumn = "churned",
        ReferenceDateColumn = "date_ref",
        HorizonMonths = 1,
        MaxTrainingRows = MaxTrainingRows,
    };

    public static async Task LoadAsync(WarehouseSession session)
    {
        var d = session.Dialect;
        await session.ExecuteAsync(
            $"CREATE TABLE {Table} (customer_id INTEGER NOT NULL, ref_date DATE NOT NULL, tenure_months INTEGER NOT NULL, " +
            $"spend {d.FloatType}, calls INTEGER NOT NULL, plan {d.TextType(10)}, region {d.TextType(10)} NOT NULL, " +
            $"has_app INTEGER NOT NULL, discount {d.FloatType}, churned INTEGER NOT NULL)", Ct);
        var rows = Months.SelectMany((month, m) => Enumerable.Range(1, Customers).Select(id => Row(d, id, month, m))).ToList();
        foreach (var batch in rows.Chunk(1_000))
        {
            await session.ExecuteAsync($"INSERT INTO {Table} VALUES {string.Join(",\n", batch)}", Ct);
        }
    }

    private static string Row(ISqlDialect d, int id, DateOnly month, int m)
    {
        var tenure = (int)(Draw(id, 1) % 72) + m;
        var spend = Draw(id, 2) % 10 == 0 ? (double?)null : Math.Round((Draw(id, 3) % 20_000 / 100.0) + (m * 1.25), 2);
        var calls = (int)((Draw(id, 4) + (ulong)m) % 15);
        var plan = Draw(id, 5) % 20 == 0 ? null : Plans[(int)(Draw(id, 6) % 3)];
        var region = Regions[(int)(Draw(id, 7) % 4)];
        var hasApp = (int)(Draw(id * 31 + m, 8) % 2);
        var discount = Draw(id * 31 + m, 9) % 4 == 0 ? (double?)null : Draw(id, 10) % 30 / 2.0;
        // The churn logit rises with calls and spend, falls with tenure and the app: a signal the models can learn.
        var logit = -2.0 + (calls * 0.18) - (tenure * 0.03) + ((spend ?? 100) / 200.0) - (hasApp * 0.6) + (plan == "basic" ? 0.5 : 0);
        var churned = Draw(id * 31 + m, 11) % 10_000 / 10_000.0 < 1 / (1 + Math.Exp(-logit)) ? 1 : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"({id}, {d.DateLiteral(month)}, {tenure}, {Number(spend)}, {calls}, {Text(d, plan)}, {Text(d, region)}, {hasApp}, {Number(discount)}, {churned})");
    }

    /// <summary>A well-mixed integer from a customer and a draw number.</summary>
    private static ulong Draw(int id, int k)
    {
        var x = ((ulong)id * 0x9E3779B97F4A7C15UL) + ((ulong)k * 0xD1B54A32D192ED03UL);
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL";

    private static string Text(ISqlDialect d, string? value) => value is null ? "NULL" : d.TextLiteral(value);
}
