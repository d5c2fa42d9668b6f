using System.Globalization;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Support;

/// <summary>
/// A small churn warehouse written into a test store's demo DuckDB: one <c>usage_YYYYMM</c> table per month-end
/// for three months (200 customers each) and an <c>events</c> table. The rows are generated here, in C#, so tests
/// compute the expected snapshot profile from the same rows without asking the warehouse.
/// </summary>
public static class ChurnWarehouse
{
    public const int Customers = 200;
    public const string ChurnEvent = "churn";

    /// <summary>The month-ends that have a usage table.</summary>
    public static IReadOnlyList<DateOnly> Months { get; } = [new(2025, 12, 31), new(2026, 1, 31), new(2026, 2, 28)];

    /// <summary>
    /// The dataprep of the churn score: every built-in variable and one score variable. The target is 1 when a churn
    /// event falls in (date_ref, label_end].
    /// </summary>
    public const string DataprepSql =
        "SELECT u.customer_id, ${date_ref} AS date_ref, u.contract_id, u.phone, u.minutes, u.plan, u.has_app,\n" +
        "       u.tenure_months, u.last_call,\n" +
        "       CASE WHEN EXISTS (SELECT 1 FROM events e WHERE e.customer_id = u.customer_id AND e.event_type = ${churn_event}\n" +
        "                         AND e.event_date > ${date_ref} AND e.event_date <= ${label_end}) THEN 1 ELSE 0 END AS churned\n" +
        "FROM usage_${date_ref_yyyymm} AS u";

    /// <summary>Every column of a churn snapshot, in the order of the dataprep.</summary>
    public static IReadOnlyList<string> SnapshotColumns { get; } =
        ["customer_id", "date_ref", "contract_id", "phone", "minutes", "plan", "has_app", "tenure_months", "last_call", "churned"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static ScoreDefinition Definition(string name = "churn", int horizonMonths = 3) => new()
    {
        Name = name,
        Description = "Who leaves within the horizon",
        DataprepSql = DataprepSql,
        KeyColumn = "customer_id",
        TargetColumn = "churned",
        ReferenceDateColumn = "date_ref",
        HorizonMonths = horizonMonths,
        Variables = [new VariableSetting("churn_event", VariableType.Text, ChurnEvent)],
    };

    public sealed record UsageRow(
        int CustomerId, long ContractId, string Phone, double? Minutes, string? Plan, int HasApp, int TenureMonths, DateOnly? LastCall);

    public sealed record EventRow(int CustomerId, DateOnly Date, string Type);

    public static IReadOnlyList<UsageRow> Usage(DateOnly month)
    {
        var m = Index(month);
        string[] plans = ["basic", "plus", "pro"];
        return Enumerable.Range(1, Customers).Select(id => new UsageRow(
            id,
            100_000L + (id * 3L),
            $"+33 6 {id:D4} {m}",
            (id + m) % 10 == 0 ? null : Math.Round((id * 1.5) + (m * 7) + (id % 13 * 0.25), 2),
            id % 25 == 0 ? null : plans[(id + m) % 3],
            ((id * 7) + m) % 2,
            (id % 48) + m,
            id % 17 == 0 ? null : month.AddDays(-(id % 20)))).ToList();
    }

    public static IReadOnlyList<EventRow> Events() =>
    [
        .. Enumerable.Range(1, Customers).Where(id => id % 6 == 0)
            .Select(id => new EventRow(id, new DateOnly(2026, 1, 1).AddDays(id * 5 % 150), ChurnEvent)),
        .. Enumerable.Range(1, Customers).Where(id => id % 4 == 1)
            .Select(id => new EventRow(id, new DateOnly(2026, 1, 10).AddDays(id % 60), "call")),
    ];

    /// <summary>The label, computed here from the generated events.</summary>
    public static int Churned(int customerId, DateOnly dateRef, DateOnly labelEnd, string eventType = ChurnEvent) =>
        Events().Any(e => e.CustomerId == customerId && e.Type == eventType && e.Date > dateRef && e.Date <= labelEnd) ? 1 : 0;

    /// <summary>Writes the usage tables and the events into the store's demo warehouse.</summary>
    public static async Task SeedAsync(TestStore store)
    {
        await using var session = await OpenDemoAsync(store);
        foreach (var month in Months)
        {
            var table = $"usage_{month:yyyyMM}";
            await session.ExecuteAsync(
                $"CREATE TABLE {table} (customer_id INTEGER NOT NULL, contract_id BIGINT NOT NULL, phone VARCHAR NOT NULL, " +
                "minutes DOUBLE, plan VARCHAR, has_app INTEGER NOT NULL, tenure_months INTEGER NOT NULL, last_call DATE)", Ct);
            var values = Usage(month).Select(r => string.Create(CultureInfo.InvariantCulture,
                $"({r.CustomerId}, {r.ContractId}, '{r.Phone}', {Literal(r.Minutes)}, {Literal(r.Plan)}, {r.HasApp}, {r.TenureMonths}, {Literal(r.LastCall)})"));
            await session.ExecuteAsync($"INSERT INTO {table} VALUES {string.Join(",\n", values)}", Ct);
        }

        await session.ExecuteAsync("CREATE TABLE events (customer_id INTEGER NOT NULL, event_date DATE NOT NULL, event_type VARCHAR NOT NULL)", Ct);
        await session.ExecuteAsync(
            "INSERT INTO events VALUES " +
            string.Join(",\n", Events().Select(e => $"({e.CustomerId}, {Literal(e.Date)}, '{e.Type}')")), Ct);
    }

    public static Task<WarehouseSession> OpenDemoAsync(TestStore store) =>
        store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);

    /// <summary>The tables of the demo warehouse, by name.</summary>
    public static async Task<IReadOnlyList<string>> TablesAsync(TestStore store)
    {
        var rows = await QueryAsync(store,
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name");
        return rows.Select(r => (string)r[0]!).ToList();
    }

    /// <summary>Every row a query returns on the demo warehouse, values as the provider gives them.</summary>
    public static async Task<IReadOnlyList<object?[]>> QueryAsync(TestStore store, string sql)
    {
        await using var session = await OpenDemoAsync(store);
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), Ct);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(Ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = await reader.IsDBNullAsync(i, Ct) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }

    public static async Task ExecuteAsync(TestStore store, string sql)
    {
        await using var session = await OpenDemoAsync(store);
        await session.ExecuteAsync(sql, Ct);
    }

    public static async Task<long> CountAsync(TestStore store, string table)
    {
        await using var session = await OpenDemoAsync(store);
        return await session.CountRowsAsync(table, Ct);
    }

    private static int Index(DateOnly month)
    {
        for (var i = 0; i < Months.Count; i++)
        {
            if (Months[i] == month)
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(month), month, "No usage table for that month.");
    }

    private static string Literal(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "NULL";

    private static string Literal(string? value) => value is null ? "NULL" : $"'{value}'";

    private static string Literal(DateOnly? value) =>
        value is { } d ? $"DATE '{d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'" : "NULL";
}
