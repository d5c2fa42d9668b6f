using System.Data.Common;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>One scored row: the key as text, the raw score and, for calibrated models, the probability.</summary>
public sealed record ScoredRow(string Key, float Score, float? Probability);

/// <summary>
/// Scores rows with a trained model zip. A column the model reads but the data lacks is scored as missing (NaN for
/// numbers, empty for categories: the "other" level) and reported in <see cref="Scoring.Warnings"/>; a column whose
/// type changed (text where a number was trained) throws a <see cref="ModelInputException"/> naming it.
/// </summary>
public sealed class ModelScorer
{
    private const string KeyName = "__key";
    private readonly MLContext _ml = new(seed: 0);
    private readonly ITransformer _model;
    private readonly IReadOnlyList<InputColumn> _inputs;

    public ModelScorer(byte[] modelZip)
    {
        using var stream = new MemoryStream(modelZip, writable: false);
        _model = _ml.Model.Load(stream, out var schema);
        _inputs = schema.Select(c => new InputColumn(c.Name, c.Name,
            c.Type is TextDataViewType ? InputColumnType.Text : InputColumnType.Number)).ToList();
    }

    /// <summary>The columns the model reads, by name: true for numbers (numeric or boolean), false for categories.</summary>
    public IReadOnlyDictionary<string, bool> Inputs => _inputs.ToDictionary(i => i.Name, i => i.Type == InputColumnType.Number, StringComparer.Ordinal);

    /// <summary>The outcome of scoring a reader: warnings known up front, and the rows, streamed once as they are enumerated.</summary>
    public sealed record Scoring(IReadOnlyList<string> Warnings, IEnumerable<ScoredRow> Rows);

    /// <summary>
    /// Checks the reader's columns against the model (throwing on a changed type) and returns the rows to enumerate
    /// once. The reader is read to its end (and closed there) by the enumeration.
    /// </summary>
    public Scoring Score(DbDataReader reader, string keyColumn, string where = "the data")
    {
        var names = Enumerable.Range(0, reader.FieldCount)
            .ToDictionary(reader.GetName, i => i, StringComparer.OrdinalIgnoreCase);
        if (!names.ContainsKey(keyColumn))
        {
            throw new ModelInputException($"The key column '{keyColumn}' is not in {where}.");
        }

        var warnings = new List<string>();
        foreach (var input in _inputs)
        {
            if (names.TryGetValue(input.Source, out var ordinal))
            {
                input.Check(reader.GetFieldType(ordinal), where);
            }
            else
            {
                warnings.Add($"The column '{input.Source}' is missing from {where}: it is scored as missing.");
            }
        }

        return new Scoring(warnings, Rows(reader, keyColumn, where));
    }

    private IEnumerable<ScoredRow> Rows(DbDataReader reader, string keyColumn, string where)
    {
        var opened = false;
        IEnumerable<DbDataReader> Once()
        {
            if (opened)
            {
                throw new InvalidOperationException("A reader is forward-only: the rows of a scoring can be enumerated once.");
            }

            opened = true;
            yield return reader;
        }

        var view = new WarehouseRowsView([.. _inputs, new InputColumn(KeyName, keyColumn, InputColumnType.Text)], Once, where);
        var scored = _model.Transform(view);
        var score = scored.Schema["Score"];
        var probability = scored.Schema.GetColumnOrNull("Probability");
        var key = scored.Schema[KeyName];
        using var cursor = scored.GetRowCursor(probability is { } p ? [score, key, p] : [score, key]);
        var scoreGetter = cursor.GetGetter<float>(score);
        var keyGetter = cursor.GetGetter<ReadOnlyMemory<char>>(key);
        var probabilityGetter = probability is { } column ? cursor.GetGetter<float>(column) : null;
        float s = 0, pr = 0;
        ReadOnlyMemory<char> k = default;
        while (cursor.MoveNext())
        {
            scoreGetter(ref s);
            keyGetter(ref k);
            probabilityGetter?.Invoke(ref pr);
            yield return new ScoredRow(k.ToString(), s, probabilityGetter is null ? null : pr);
        }
    }
}
