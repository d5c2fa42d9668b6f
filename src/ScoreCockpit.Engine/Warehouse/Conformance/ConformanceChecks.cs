using System.Globalization;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Engine.Warehouse.Conformance;

/// <summary>
/// The checks, on a table of <see cref="Rows"/> rows written the way scores and CSV rows are written: text with quotes,
/// comment markers, non-ASCII characters and NULLs; then typed by CREATE TABLE AS as snapshots are.
/// </summary>
internal sealed partial class ConformanceChecks(WarehouseSession session, ScratchTables scratch)
{
    /// <summary>More than one request of the literal writer carries (5,000) would take long on a slow link; enough for several of the parameter writer's.</summary>
    public const int Rows = 2500;

    private const string CreateTable = "create table";
    private const string BatchedInsert = "batched insert";
    private const string CreateAsSelect = "create table as select (key)";
    private const string DateAndFloat = "date and float round trip";

    private static readonly string[] RowColumns = ["id", "grp", "name", "v"];

    private readonly ISqlDialect d = session.Dialect;
    private readonly string rowsTable = scratch.Name("rows");
    private readonly string typedTable = scratch.Name("typed");

    public IEnumerable<ConformanceCheck> All() =>
    [
        new(CreateTable, [], CreateTableAsync),
        new(BatchedInsert, [CreateTable], BatchedInsertAsync),
        new(CreateAsSelect, [BatchedInsert], CreateAsSelectAsync),
        new("drop missing table", [], DropMissingAsync),
        new("drop present table", [CreateAsSelect], DropPresentAsync),
        new("swap onto missing target", [CreateAsSelect], ct => SwapAsync(10, ct)),
        new("swap onto existing target", ["swap onto missing target"], ct => SwapAsync(20, ct)),
        new("profile", [CreateAsSelect], ProfileAsync),
        new("correlation", [CreateAsSelect], CorrelationAsync),
        new("WITH dataprep", [CreateAsSelect], WithDataprepAsync),
        new("window function", [CreateAsSelect], WindowAsync),
        new(DateAndFloat, [], DateAndFloatAsync),
        new("nulls round trip", [DateAndFloat, BatchedInsert], NullsAsync),
        new("plan: nested CASE", [CreateAsSelect], NestedCaseAsync),
        new("plan: float literals", [CreateAsSelect], FloatLiteralsAsync),
        new("plan: midpoint comparison", [CreateAsSelect], MidpointAsync),
        new("plan: EXP and REAL", [CreateAsSelect], ExpAndRealAsync),
        new("plan: NULL routing and levels", [DateAndFloat], NullRoutingAsync),
        new("plan: scratch layer", [CreateAsSelect], ScratchLayerAsync),
        new("plan: linear sums in REAL", [CreateAsSelect], LinearPlanAsync),
    ];

    private static string? Name(int i) => (i % 3) switch
    {
        0 => null,
        _ when i == 1 => "O'Brien ☃ -- not a comment; \"quoted\"",
        _ => string.Create(CultureInfo.InvariantCulture, $"customer {i}"),
    };

    private static double? Value(int i) => i % 10 == 0 ? null : i * 0.5;

    private async Task CreateTableAsync(CancellationToken ct) =>
        await session.ExecuteAsync(d.CreateTable(rowsTable, RowColumns.Select(c => $"{d.QuoteIdentifier(c)} {d.TextType(200)}"), "id"), ct);

    private async Task BatchedInsertAsync(CancellationToken ct)
    {
        await using (var writer = StagingWriter.Create(session, rowsTable, RowColumns))
        {
            var row = new string?[4];
            for (var i = 0; i < Rows; i++)
            {
                row[0] = Text(i + 1);
                row[1] = Text(i % 2);
                row[2] = Name(i);
                row[3] = Value(i) is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : null;
                await writer.WriteAsync(row, ct);
            }

            await writer.CompleteAsync(ct);
        }

        Expect("rows written", Rows, await LongAsync($"SELECT COUNT(*) FROM {Q(rowsTable)}", ct));
        Expect("NULL names", Enumerable.Range(0, Rows).Count(i => Name(i) is null), await LongAsync($"SELECT COUNT(*) - COUNT(name) FROM {Q(rowsTable)}", ct));
        Expect("the name with quotes and a snowman", Name(1), await ScalarAsync($"SELECT name FROM {Q(rowsTable)} WHERE id = '2'", ct));
    }

    private async Task CreateAsSelectAsync(CancellationToken ct)
    {
        await session.CreateTableAsAsync(typedTable, RenderedSql.Plain(
            $"SELECT CAST(id AS {d.IntegerType}) AS id, CAST(grp AS {d.IntegerType}) AS grp, name, CAST(v AS {d.FloatType}) AS v\n" +
            $"FROM {Q(rowsTable)}"), "id", ct);
        Expect("rows", Rows, await session.CountRowsAsync(typedTable, ct));
    }

    private Task DropMissingAsync(CancellationToken ct) => session.DropTableIfExistsAsync(scratch.Name("never_created"), ct);

    private async Task DropPresentAsync(CancellationToken ct)
    {
        var table = scratch.Name("dropped");
        await session.CreateTableAsAsync(table, RenderedSql.Plain($"SELECT id FROM {Q(typedTable)}"), "id", ct);
        await session.DropTableIfExistsAsync(table, ct);
        Expect("table still there after the drop", false, await session.TableExistsAsync(table, ct));
    }

    /// <summary>Staging with the first <paramref name="rows"/> ids swapped into the target: readers then see those rows.</summary>
    private async Task SwapAsync(int rows, CancellationToken ct)
    {
        var (staging, target) = (scratch.Name("staging"), scratch.Name("target"));
        await session.CreateTableAsAsync(staging, RenderedSql.Plain($"SELECT id FROM {Q(typedTable)} WHERE id <= {Text(rows)}"), "id", ct);
        await session.ReplaceTableAsync(staging, target, ct);
        Expect("rows read from the target after the swap", rows, await session.CountRowsAsync(target, ct));
        Expect("staging table still there after the swap", false, await session.TableExistsAsync(staging, ct));
    }

    private string Q(string identifier) => d.QuoteIdentifier(identifier);

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Expect<T>(string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            throw new ConformanceFailure($"{what}: expected {expected?.ToString() ?? "NULL"}, read {actual?.ToString() ?? "NULL"}.");
        }
    }
}
