using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Per-feature PSI of the snapshot scored against the active version's newest training snapshot: deciles of the
/// training values for numbers, levels for categories. Each side is a <see cref="DriftSample"/>: the scored side is
/// taken from the batches the scoring run reads anyway, the reference side is read once, typed, on a session of its
/// own while the run scores.
/// </summary>
internal static class FeatureDriftMeasure
{
    public const int MaxRows = 200_000;

    /// <summary>The sample of <paramref name="table"/>'s features (those it holds), every k-th row read and no other.</summary>
    public static async Task<DriftSample> ReadAsync(WarehouseSession session, string table, IReadOnlyDictionary<string, ColumnKind> features,
        CancellationToken ct)
    {
        var held = (await session.TableColumnsAsync(table, ct)).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sample = new DriftSample(features.Where(f => held.Contains(f.Key)).ToDictionary(), await session.CountRowsAsync(table, ct));
        var uses = sample.Uses.ToDictionary(StringComparer.OrdinalIgnoreCase);
        if (uses.Count == 0)
        {
            return sample;
        }

        var q = session.Dialect.QuoteIdentifier;
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT {string.Join(", ", uses.Keys.Select(q))} FROM {q(table)}"), ct);
        long row = 0;
        // Rows between the sampled ones are skipped before any of their values is read.
        while (ColumnBatch.Read(reader, uses, 1 << 16, _ => row++ % sample.Step == 0, ct) is { } batch)
        {
            sample.AddSampled(batch);
        }

        return sample;
    }

    /// <summary>
    /// The PSI of each feature held by both samples, highest first; a feature of the version missing from the scored
    /// snapshot gets a warning instead.
    /// </summary>
    public static (List<FeatureDrift> Drift, List<string> Warnings) Measure(IReadOnlyDictionary<string, ColumnKind> features,
        DriftSample reference, DriftSample current)
    {
        var inCurrent = current.Features.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var inReference = reference.Features.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var warnings = features.Keys.Where(f => !inCurrent.Contains(f))
            .Select(f => $"The feature '{f}' is missing from the snapshot scored: no drift measured for it.").ToList();
        // Features are measured in parallel: each is a sort and a few hundred thousand lookups.
        var drift = features.Keys.Where(f => inCurrent.Contains(f) && inReference.Contains(f)).AsParallel().Select(f =>
        {
            double psi;
            if (features[f] == ColumnKind.Categorical)
            {
                var (expected, actual) = Psi.CategoryShares(reference.Texts(f), current.Texts(f));
                psi = Psi.Compute(expected, actual);
            }
            else
            {
                var edges = Psi.Edges(reference.Numbers(f));
                psi = Psi.Compute(Psi.Shares(reference.Numbers(f), edges), Psi.Shares(current.Numbers(f), edges));
            }

            return new FeatureDrift(f, Math.Round(psi, 6));
        }).OrderByDescending(d => d.Psi).ThenBy(d => d.Column, StringComparer.Ordinal).ToList();
        return (drift, warnings);
    }
}
