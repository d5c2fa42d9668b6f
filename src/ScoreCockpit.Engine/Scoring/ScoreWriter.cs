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
        await session.ExecuteAsync(ScoreOutput.CreateStaging(session, output, key), ct);
        var n = order.Length;
        var dateText = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var versionText = ScoreOutput.Text(version);
        progress?.Report($"Writing {n} rows to {staging}…");
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

        if (!await session.TableExistsAsync(output, ct))
        {
            await session.ExecuteAsync(ScoreOutput.CreateTable(session, output, key), ct);
        }

        progress?.Report($"Swapping them into {output}…");
        await session.ExecuteAtomicallyAsync(ScoreOutput.Swap(session, output, key, date), ct);
    }
}
