using System.Globalization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

/// <summary>
/// Streams a CSV file into a new warehouse table in one pass: every row goes to a staging table as text while
/// each column's type is inferred from all of its values; the typed table is then built from the staging table
/// with casts and swapped in atomically. On any failure both staging tables are dropped, so the warehouse is
/// as it was. Bad input is a <see cref="CockpitValidationException"/>; a warehouse failure a <see cref="WarehouseException"/>.
/// </summary>
public sealed class CsvImporter(TimeProvider time)
{
    /// <summary>How many rejected lines an error message and a result list in detail.</summary>
    public const int RejectedLinesShown = 10;

    /// <summary>Rejected lines kept in a result beyond those shown (their count is always exact).</summary>
    public const int RejectedLinesKept = 1000;

    /// <summary>Tests use this to run the batched-INSERT path (other warehouses) on DuckDB.</summary>
    internal bool PreferInserts { get; init; }

    public async Task<CsvImportResult> ImportAsync(
        WarehouseSession session, Stream csv, CsvImportOptions options, CancellationToken ct = default)
    {
        var started = time.GetTimestamp();
        options.Validate();
        var target = options.Table;
        RefuseExisting(session, options, await session.TableExistsAsync(target, ct));

        var parser = new CsvParser(new CsvTextSource(csv, options.Encoding, options.MaxBytes), options.Delimiter);
        var (names, renames) = CsvHeader.Sanitise(await ReadHeaderAsync(parser, ct));
        var staging = StagingNames.For(target);
        try
        {
            var dialect = session.Dialect;
            await session.ExecuteAsync(ImportSql.CreateTextTable(dialect, staging.Raw, names), ct);
            var load = await LoadAsync(session, parser, staging.Raw, names, options, ct);
            var reading = Reading(options.DecimalSeparator, parser.Delimiter);
            var decided = load.Profiles.Select(p => p.Decide(reading)).ToList();
            RefuseAmbiguous(names, renames, decided);
            var decimals = Decimals(options.DecimalSeparator, parser.Delimiter, decided);
            var columns = names.Select((name, i) => new CsvImportedColumn(name, HeaderOf(i, name, renames), decided[i].Type,
                ImportSql.TypeName(decided[i].Type, dialect), load.Profiles[i].NullCount(decided[i].Type),
                decided[i].PointDecimals && decimals.IsComma ? "decimals written with a point in this column" : decided[i].Note)).ToList();
            var typed = ImportSql.SelectTyped(dialect, staging.Raw,
                [.. names.Select((name, i) => (name, decided[i].Type, decided[i].DateOrder, decided[i].DecimalComma))]);
            await session.CreateTableAsAsync(staging.Typed, RenderedSql.Plain(typed), key: null, ct);
            await session.DropTableIfExistsAsync(staging.Raw, ct);

            // Checked again just before the swap: the table may have appeared while the file was read.
            var replacing = await session.TableExistsAsync(target, ct);
            RefuseExisting(session, options, replacing);
            await session.ReplaceTableAsync(staging.Typed, target, ct);
            return new CsvImportResult(target, load.Rows, columns, load.Rejected.Count, load.Rejected.Kept, renames,
                parser.Delimiter, replacing, time.GetElapsedTime(started))
            {
                Decimal = decimals,
            };
        }
        catch
        {
            await DropQuietlyAsync(session, staging.Raw);
            await DropQuietlyAsync(session, staging.Typed);
            throw;
        }
    }

    /// <summary>Asked for, or decided by the delimiter: semicolons go with decimal commas (Excel in French), anything else with points.</summary>
    private static CsvDecimalReading Reading(CsvDecimalSeparator asked, char delimiter) => asked switch
    {
        CsvDecimalSeparator.Point => CsvDecimalReading.Point,
        CsvDecimalSeparator.Comma => CsvDecimalReading.Comma,
        _ => delimiter == ';' ? CsvDecimalReading.AutoSemicolons : CsvDecimalReading.AutoPoint,
    };

    /// <summary>
    /// What the import reports: the separator asked for; in a semicolon file a comma, unless its decimals are all
    /// written with a point (then it reads as it always did); otherwise a point.
    /// </summary>
    private static CsvDecimalDecision Decimals(CsvDecimalSeparator asked, char delimiter, IReadOnlyList<CsvColumnDecision> columns) => asked switch
    {
        CsvDecimalSeparator.Point => new('.', CsvDecimalReason.Asked),
        CsvDecimalSeparator.Comma => new(',', CsvDecimalReason.Asked),
        _ when delimiter == ';' && (columns.Any(c => c.DecimalComma) || !columns.Any(c => c.PointDecimals)) =>
            new(',', CsvDecimalReason.Semicolons),
        _ => CsvDecimalDecision.Point,
    };

    /// <summary>A column whose decimal separator cannot be told stops the import: a guess would silently change its numbers.</summary>
    private static void RefuseAmbiguous(IReadOnlyList<string> names, IReadOnlyList<CsvColumnRename> renames, List<CsvColumnDecision> columns)
    {
        var index = columns.FindIndex(c => c.Ambiguity is not null);
        if (index >= 0)
        {
            throw new CockpitValidationException(
                $"The decimal separator is ambiguous: the column \"{HeaderOf(index, names[index], renames)}\" {columns[index].Ambiguity}. " +
                "Say which the file uses: a decimal comma (\"1,5\" is one and a half) or a decimal point (\"1.5\" is; values with a comma stay text), " +
                "with --decimal comma or --decimal point on the command line, or the decimal separator choice on the import page.");
        }
    }

    private static void RefuseExisting(WarehouseSession session, CsvImportOptions options, bool exists)
    {
        if (exists && !options.Replace)
        {
            throw new CockpitValidationException(
                $"The table '{options.Table}' already exists in the warehouse '{session.Info.Name}'. " +
                "Choose another name, or ask to replace it.");
        }
    }

    private static async Task<IReadOnlyList<string?>> ReadHeaderAsync(CsvParser parser, CancellationToken ct)
    {
        switch (await parser.ReadAsync(ct))
        {
            case CsvRead.End:
                throw new CockpitValidationException(
                    "The file is empty. Its first line must name the columns, and the lines after it hold the rows.");
            case CsvRead.Malformed:
                throw new CockpitValidationException(
                    $"The header (line {parser.StartLine}) {parser.Problem}. Fix it: the first line names the columns.");
            default:
                return [.. parser.Fields];
        }
    }

    private sealed record Load(long Rows, CsvColumnProfile[] Profiles, RejectedLines Rejected);

    private async Task<Load> LoadAsync(WarehouseSession session, CsvParser parser, string table,
        IReadOnlyList<string> names, CsvImportOptions options, CancellationToken ct)
    {
        var profiles = names.Select(_ => new CsvColumnProfile()).ToArray();
        var rejected = new RejectedLines(options.MaxRejected);
        long rows = 0;
        await using (var writer = StagingWriter.Create(session, table, names, PreferInserts ? StagingWay.Parameters : StagingWay.Best))
        {
            for (var read = await parser.ReadAsync(ct); read != CsvRead.End && !rejected.Enough; read = await parser.ReadAsync(ct))
            {
                if ((rows & 4095) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }

                if (read == CsvRead.Malformed || parser.Fields.Count != names.Count)
                {
                    rejected.Add(parser.StartLine, parser.EndLine, read == CsvRead.Malformed
                        ? parser.Problem
                        : string.Create(CultureInfo.InvariantCulture, $"has {parser.Fields.Count} fields, the header has {names.Count}"));
                    continue;
                }

                rows++;
                if (rejected.TooMany)
                {
                    continue;
                }

                for (var i = 0; i < profiles.Length; i++)
                {
                    profiles[i].Observe(parser.Fields[i]);
                }

                await writer.WriteAsync(parser.Fields, ct);
            }

            rejected.ThrowIfTooMany();
            if (rows == 0)
            {
                throw new CockpitValidationException(rejected.Count == 0
                    ? "The file has a header but no rows: nothing to import."
                    : $"No row could be imported: every line after the header was rejected ({rejected.Describe()}).");
            }

            await writer.CompleteAsync(ct);
        }

        return new Load(rows, profiles, rejected);
    }

    private static string HeaderOf(int index, string name, IReadOnlyList<CsvColumnRename> renames) =>
        renames.FirstOrDefault(r => r.Position == index + 1)?.Header ?? name;

    private static async Task DropQuietlyAsync(WarehouseSession session, string table)
    {
        try
        {
            await session.DropTableIfExistsAsync(table, CancellationToken.None);
        }
        catch (WarehouseException)
        {
            // The original failure matters more; a leftover staging table carries the _import_ prefix.
        }
    }
}
