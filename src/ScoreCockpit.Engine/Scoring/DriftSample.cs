using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// Every k-th row of a snapshot's features, as the model reads them (floats, NaN when missing; texts, empty when
/// missing), at most <see cref="FeatureDriftMeasure.MaxRows"/> of them: plenty for ten bins, bounded for any base.
/// </summary>
internal sealed class DriftSample
{
    private readonly Dictionary<string, List<double>> _numbers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _texts = new(StringComparer.OrdinalIgnoreCase);
    private long _seen;

    /// <param name="features">The features the snapshot holds, with their kind as trained.</param>
    /// <param name="rows">The snapshot's row count, which sets k.</param>
    public DriftSample(IReadOnlyDictionary<string, ColumnKind> features, long rows)
    {
        Step = Math.Max(1, (long)Math.Ceiling(rows / (double)FeatureDriftMeasure.MaxRows));
        foreach (var (name, kind) in features)
        {
            if (kind == ColumnKind.Categorical)
            {
                _texts[name] = [];
            }
            else
            {
                _numbers[name] = [];
            }
        }
    }

    public long Step { get; }

    public IEnumerable<string> Features => _numbers.Keys.Concat(_texts.Keys);

    public IReadOnlyList<double> Numbers(string feature) => _numbers[feature];

    public IReadOnlyList<string> Texts(string feature) => _texts[feature];

    public bool IsCategorical(string feature) => _texts.ContainsKey(feature);

    /// <summary>How each feature is read into a <see cref="ColumnBatch"/>.</summary>
    public IEnumerable<KeyValuePair<string, ColumnUse>> Uses =>
        _numbers.Keys.Select(n => KeyValuePair.Create(n, ColumnUse.Number)).Concat(_texts.Keys.Select(t => KeyValuePair.Create(t, ColumnUse.Text)));

    /// <summary>Keeps every k-th row of the rows seen so far, batch after batch in the snapshot's order.</summary>
    public void Add(ColumnBatch batch)
    {
        AddRows(batch, (int)((Step - (_seen % Step)) % Step), Step);
        _seen += batch.Rows;
    }

    /// <summary>Keeps every row of a batch already sampled while it was read.</summary>
    public void AddSampled(ColumnBatch batch) => AddRows(batch, 0, 1);

    /// <summary>Rows first, first + step, … of the batch; each feature's column is looked up once per batch.</summary>
    private void AddRows(ColumnBatch batch, int first, long step)
    {
        foreach (var (name, values) in _numbers)
        {
            // A column that holds no numbers is missing to the model, and so to its drift.
            var numbers = batch.Find(name)?.Numbers;
            for (long r = first; r < batch.Rows; r += step)
            {
                values.Add(numbers is null ? double.NaN : numbers[r]);
            }
        }

        foreach (var (name, values) in _texts)
        {
            var column = batch.Find(name);
            for (long r = first; r < batch.Rows; r += step)
            {
                values.Add(column is { Codes: { } codes, Texts: { } texts } ? texts[codes[r]] : "");
            }
        }
    }
}
