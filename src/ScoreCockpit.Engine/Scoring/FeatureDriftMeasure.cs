using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Per-feature PSI of the snapshot scored against the active version's newest training snapshot: deciles of the
/// training values for numbers, levels for categories. Each side is read once, at most <see cref="MaxRows"/>
/// rows of it (every k-th row), which is plenty for ten bins and keeps a million-row base in bounded memory.
/// </summary>
internal static class FeatureDriftMeasure
{
    public const int MaxRows = 200_000;

    public static async Task<(List<FeatureDrift> Drift, List<string> Warnings)> MeasureAsync(WarehouseSession session,
        IReadOnlyDictionary<string, ColumnKind> features, string reference, string current, CancellationToken ct)
    {
        var warnings = new List<string>();
        var present = (await session.TableColumnsAsync(current, ct)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inReference = (await session.TableColumnsAsync(reference, ct)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var measured = features.Where(f => present.Contains(f.Key) && inReference.Contains(f.Key)).ToDictionary();
        warnings.AddRange(features.Keys.Where(f => !present.Contains(f)).Select(f => $"The feature '{f}' is missing from the snapshot scored: no drift measured for it."));
        if (measured.Count == 0)
        {
            return ([], warnings);
        }

        var before = await ReadAsync(session, reference, measured, ct);
        var now = await ReadAsync(session, current, measured, ct);
        var drift = measured.Select(f =>
        {
            double psi;
            if (f.Value == ColumnKind.Categorical)
            {
                var (expected, actual) = Psi.CategoryShares(before.Texts[f.Key], now.Texts[f.Key]);
                psi = Psi.Compute(expected, actual);
            }
            else
            {
                var edges = Psi.Edges(before.Numbers[f.Key]);
                psi = Psi.Compute(Psi.Shares(before.Numbers[f.Key], edges), Psi.Shares(now.Numbers[f.Key], edges));
            }

            return new FeatureDrift(f.Key, Math.Round(psi, 6));
        }).OrderByDescending(d => d.Psi).ThenBy(d => d.Column, StringComparer.Ordinal).ToList();
        return (drift, warnings);
    }

    private sealed record Columns(Dictionary<string, List<double>> Numbers, Dictionary<string, List<string>> Texts);

    private static async Task<Columns> ReadAsync(WarehouseSession session, string table, IReadOnlyDictionary<string, ColumnKind> features, CancellationToken ct)
    {
        var step = Math.Max(1, (long)Math.Ceiling(await session.CountRowsAsync(table, ct) / (double)MaxRows));
        var columns = new Columns(new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        var names = features.Keys.ToList();
        foreach (var name in names)
        {
            if (features[name] == ColumnKind.Categorical)
            {
                columns.Texts[name] = [];
            }
            else
            {
                columns.Numbers[name] = [];
            }
        }

        var sql = $"SELECT {string.Join(", ", names.Select(session.Dialect.QuoteIdentifier))} FROM {session.Dialect.QuoteIdentifier(table)}";
        await using var reader = await session.ReadAsync(RenderedSql.Plain(sql), ct);
        long row = 0;
        while (await reader.ReadAsync(ct))
        {
            if (row++ % step != 0)
            {
                continue;
            }

            for (var i = 0; i < names.Count; i++)
            {
                if (columns.Texts.TryGetValue(names[i], out var texts))
                {
                    texts.Add(InputColumn.ReadText(reader, i));
                }
                else
                {
                    // NaN for missing: Psi gives missing values a bin of their own.
                    columns.Numbers[names[i]].Add(InputColumn.ReadNumber(reader, i));
                }
            }
        }

        return columns;
    }
}
