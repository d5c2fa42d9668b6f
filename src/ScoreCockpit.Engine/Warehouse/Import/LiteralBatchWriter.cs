namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// Rows sent as literals, thousands per round trip (SQL Server, Teradata): a bound-parameter INSERT there carries only a
/// few hundred rows (SQL Server binds at most 2,100 parameters; Teradata's provider about 2,500 and one row per INSERT).
/// </summary>
internal sealed class LiteralBatchWriter(WarehouseSession session, string table, IReadOnlyList<string> columns) : StagingWriter
{
    /// <summary>Rows per request; enough to make round trips cheap, few enough to keep the statement's compilation short.</summary>
    public const int MaxRows = 5000;

    /// <summary>
    /// Characters per request: Teradata accepts about 1 MB of request text. Literals outside ASCII are written as escapes,
    /// so a character is a byte in a UTF-8 session and two in a UTF-16 one.
    /// </summary>
    public const int MaxChars = 400_000;

    private readonly LiteralRows request = new(session.Dialect, table, columns);

    public override async ValueTask WriteAsync(IReadOnlyList<string?> row, CancellationToken ct)
    {
        request.Add(row);
        if (request.Rows >= MaxRows || request.Length >= MaxChars)
        {
            await FlushAsync(ct);
        }
    }

    public override async ValueTask CompleteAsync(CancellationToken ct) => await FlushAsync(ct);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task FlushAsync(CancellationToken ct)
    {
        if (request.Rows == 0)
        {
            return;
        }

        await session.ExecuteAsync(RenderedSql.Plain(request.ToString()), ct);
        request.Clear();
    }
}
