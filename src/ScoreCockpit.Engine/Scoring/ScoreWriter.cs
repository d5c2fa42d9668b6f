using System.Data.Common;
using DuckDB.NET.Data;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Engine.Warehouse.Import;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>Ranks the scored customers and writes them through the staging table, then swaps them in (see <see cref="ScoreOutput"/>).</summary>
internal static class ScoreWriter
{
    public static async Task WriteAsync(WarehouseSession session, string output, string key, DateOnly date, int version,
        ScoredCustomers customers, int[] order, IProgress<string>? progress, CancellationToken ct)
    {
        var staging = ScoreOutput.Staging(output);
        // A staging table left by a crashed run is garbage: it was never swapped in.
        await session.DropTableIfExistsAsync(staging, ct);
        var n = order.Length;
        progress?.Report($"Writing {n} rows to {staging}…");
        if (session.Connection is DuckDBConnection duck)
        {
            // DuckDB's appender takes typed values: the staging table has the output's types, and no number becomes text.
            await session.ExecuteAsync(ScoreOutput.CreateTable(session, staging, key), ct);
            try
            {
                AppendTyped(duck, staging, date, version, customers, order);
            }
            catch (DbException e)
            {
                throw new WarehouseException($"The warehouse '{session.Info.Name}' refused the scores written to {staging}: {e.Message.Trim()}", e);
            }
        }
        else
        {
            await session.ExecuteAsync(ScoreOutput.CreateStaging(session, output, key), ct);
            await WriteTextAsync(session, staging, key, date, version, customers, order, ct);
        }

        await SwapAsync(session, output, key, date, progress, ct);
    }

    /// <summary>Puts the staged rows in place of the date's rows, creating the output table on the first run.</summary>
    public static async Task SwapAsync(WarehouseSession session, string output, string key, DateOnly date, IProgress<string>? progress,
        CancellationToken ct)
    {
        if (!await session.TableExistsAsync(output, ct))
        {
            await session.ExecuteAsync(ScoreOutput.CreateTable(session, output, key), ct);
        }

        progress?.Report($"Swapping them into {output}…");
        await session.ExecuteAtomicallyAsync(ScoreOutput.Swap(session, output, key, date), ct);
    }

    private static void AppendTyped(DuckDBConnection duck, string staging, DateOnly date, int version, ScoredCustomers customers, int[] order)
    {
        var n = order.Length;
        using var appender = DuckDbAppenderWriter.Open(duck, staging);
        for (var rank = 1; rank <= n; rank++)
        {
            var i = order[rank - 1];
            appender.CreateRow()
                .AppendValue(customers.KeyText(i))
                .AppendValue(customers.Score(i))
                .AppendValue((long)rank)
                .AppendValue(ScoreDistribution.Decile(rank, n))
                .AppendValue(ScoreDistribution.Percentile(rank, n))
                .AppendValue(version)
                .AppendValue(date)
                .EndRow();
        }

        appender.Close();
    }

    private static async Task WriteTextAsync(WarehouseSession session, string staging, string key, DateOnly date, int version,
        ScoredCustomers customers, int[] order, CancellationToken ct)
    {
        var n = order.Length;
        var dateText = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var versionText = ScoreOutput.Text(version);
        await using (var writer = StagingWriter.Create(session, staging, ScoreOutput.AllColumns(key)))
        {
            var row = new string?[7];
            for (var rank = 1; rank <= n; rank++)
            {
                var i = order[rank - 1];
                // One key's text at a time: the run holds its keys compact, never as strings.
                row[0] = customers.KeyText(i);
                row[1] = ScoreOutput.Text(customers.Score(i));
                row[2] = ScoreOutput.Text(rank);
                row[3] = ScoreOutput.Text(ScoreDistribution.Decile(rank, n));
                row[4] = ScoreOutput.Text(ScoreDistribution.Percentile(rank, n));
                row[5] = versionText;
                row[6] = dateText;
                await writer.WriteAsync(row, ct);
            }

            await writer.CompleteAsync(ct);
        }
    }
}
