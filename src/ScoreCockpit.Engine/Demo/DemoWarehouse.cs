using System.Diagnostics;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// Builds the demo telecom warehouse inside DuckDB: `customers`, `events` and one `usage_YYYYMM` extract per
/// reference date, then `demo_info`. Everything is built under staging names and swapped in by one
/// transaction that writes `demo_info` last, so a crash leaves the previous demo (or nothing) in place.
/// </summary>
public static class DemoWarehouse
{
    /// <summary>Bumped whenever the generator's output changes for the same options.</summary>
    public const int GeneratorVersion = 1;

    private const string StagingPrefix = "demo_stg_";

    public static async Task<DemoInfo> BuildAsync(
        WarehouseSession session, DemoOptions options, IProgress<string>? progress = null, CancellationToken ct = default)
    {
        options.Validate();
        if (session.Dialect.Kind != WarehouseKind.DuckDb)
        {
            throw new WarehouseException($"The demo warehouse is generated inside DuckDB; '{session.Info.Name}' is {session.Info.Kind}.");
        }

        var clock = Stopwatch.StartNew();
        var previous = await ReadInfoAsync(session, ct);
        var completed = false;
        try
        {
            await DropStagingAsync(session, ct);
            await RunAsync(session, DemoSql.Macros(options), ct);
            progress?.Report($"Customers: {options.Customers:N0} over {options.Months} months");
            await RunAsync(session, [DemoSql.Months(options), DemoSql.Base(options), DemoSql.FirstCycles(options)], ct);

            progress?.Report("Contracts: renewals cycle by cycle");
            for (var k = 1; k < 1000 && await session.ExecuteAsync(DemoSql.NextCycles(options, k), ct) > 0; k++)
            {
                ct.ThrowIfCancellationRequested();
            }

            progress?.Report("Events: churns, renewals, options");
            await RunAsync(session, [DemoSql.Draws(options), DemoSql.Churn(options), DemoSql.Events(options), DemoSql.Customers], ct);

            var tables = new List<string> { DemoStory.CustomersTable, DemoStory.EventsTable };
            foreach (var (date, month) in options.ReferenceDates().Select((d, i) => (d, i + 1)))
            {
                var table = DemoStory.UsageTable(date);
                progress?.Report($"{table} ({month}/{options.Months})");
                await session.ExecuteAsync(DemoSql.Usage(options, month, StagingPrefix + table), ct);
                tables.Add(table);
            }

            progress?.Report("Swapping the new tables in");
            var info = new DemoInfo(GeneratorVersion, options.Seed, options.Customers, options.Months,
                options.ReferenceDate(1), options.LastReferenceDate, tables);
            await session.ExecuteAtomicallyAsync(Swap(session.Dialect, previous, info), ct);
            completed = true;
            progress?.Report($"Demo warehouse ready in {clock.Elapsed.TotalSeconds:0.0} s");
            return info;
        }
        finally
        {
            await CleanUpAsync(session, dropStaging: !completed);
        }
    }

    /// <summary>The demo in this warehouse, or null when none was ever completed.</summary>
    public static async Task<DemoInfo?> ReadInfoAsync(WarehouseSession session, CancellationToken ct = default)
    {
        if (!await session.TableExistsAsync(DemoStory.InfoTable, ct))
        {
            return null;
        }

        await using var reader = await session.ReadAsync(RenderedSql.Plain(
            "SELECT generator_version, seed, customers, months, first_reference_date, last_reference_date, tables FROM " +
            DemoStory.InfoTable), ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return new DemoInfo(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
            DateOnly.FromDateTime(reader.GetDateTime(4)), DateOnly.FromDateTime(reader.GetDateTime(5)),
            reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries));
    }

    private static IEnumerable<string> Swap(ISqlDialect dialect, DemoInfo? previous, DemoInfo info)
    {
        yield return dialect.DropTableIfExists(DemoStory.InfoTable);
        foreach (var table in (previous?.Tables ?? []).Union(info.Tables, StringComparer.Ordinal))
        {
            yield return dialect.DropTableIfExists(table);
        }

        foreach (var table in info.Tables)
        {
            yield return $"ALTER TABLE {dialect.QuoteIdentifier(StagingPrefix + table)} RENAME TO {dialect.QuoteIdentifier(table)}";
        }

        yield return $"""
            CREATE TABLE {DemoStory.InfoTable} AS SELECT
                {info.GeneratorVersion} AS generator_version, {info.Seed} AS seed, {info.Customers} AS customers, {info.Months} AS months,
                {DemoSql.Date(info.FirstReferenceDate)} AS first_reference_date, {DemoSql.Date(info.LastReferenceDate)} AS last_reference_date,
                {DemoStory.DriftMonth} AS drift_month, {DemoStory.NewColumnMonth} AS new_column_month,
                {DemoStory.IncidentMonth} AS incident_month, {DemoStory.DroppedColumnMonth} AS dropped_column_month,
                '{string.Join(',', info.Tables)}' AS tables
            """;
    }

    private static async Task RunAsync(WarehouseSession session, IEnumerable<string> statements, CancellationToken ct)
    {
        foreach (var statement in statements)
        {
            await session.ExecuteAsync(statement, ct);
        }
    }

    private static async Task DropStagingAsync(WarehouseSession session, CancellationToken ct)
    {
        var leftovers = new List<string>();
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(
            $"SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND schema_name = 'main' AND starts_with(table_name, '{StagingPrefix}')"), ct))
        {
            while (await reader.ReadAsync(ct))
            {
                leftovers.Add(reader.GetString(0));
            }
        }

        await RunAsync(session, leftovers.Select(session.Dialect.DropTableIfExists), ct);
    }

    /// <summary>Frees the build's temporary tables and macros; after a failure also the staging tables. Never throws.</summary>
    private static async Task CleanUpAsync(WarehouseSession session, bool dropStaging)
    {
        try
        {
            await RunAsync(session, DemoSql.DropTemporaries(), CancellationToken.None);
            if (dropStaging)
            {
                await DropStagingAsync(session, CancellationToken.None);
            }
        }
        catch (WarehouseException)
        {
            // The build's own failure matters more; leftovers are dropped by the next build.
        }
    }
}
