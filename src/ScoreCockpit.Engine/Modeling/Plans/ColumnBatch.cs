using System.Data.Common;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>How a column is wanted: as numbers, as text (categories), or both when versions disagree on its kind.</summary>
[Flags]
public enum ColumnUse
{
    Number = 1,
    Text = 2,
}

/// <summary>
/// Rows held as one typed array per column, read once from a warehouse reader and then scored by every version.
/// Numbers are floats as ML.NET reads them (NaN when missing); text is a code per row into a dictionary of the
/// distinct values (a missing value reads as the empty text), so no string is built per row and scoring maps each
/// distinct value to a level once.
/// </summary>
public sealed class ColumnBatch
{
    private readonly Dictionary<string, BatchColumn> _columns;

    private ColumnBatch(int rows, Dictionary<string, BatchColumn> columns) => (Rows, _columns) = (rows, columns);

    public int Rows { get; }

    public IEnumerable<BatchColumn> Columns => _columns.Values;

    public BatchColumn? Find(string name) => _columns.GetValueOrDefault(name);

    /// <summary>An empty batch over no column: every input is missing.</summary>
    public static ColumnBatch Empty(int rows) => new(rows, new Dictionary<string, BatchColumn>(StringComparer.OrdinalIgnoreCase));

    /// <summary>
    /// Reads up to <paramref name="maxRows"/> rows of the wanted columns (those the reader has), in the reader's column
    /// order as sequential access requires. <paramref name="onRow"/> sees each row first and may skip it (a missing
    /// label) or read other fields of it (the key). Returns null when the reader had no row left.
    /// </summary>
    public static ColumnBatch? Read(DbDataReader reader, IReadOnlyDictionary<string, ColumnUse> wanted, int maxRows,
        Func<DbDataReader, bool>? onRow = null, CancellationToken ct = default)
    {
        var builders = new List<(int Ordinal, BatchColumn.Builder Builder)>();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            if (wanted.TryGetValue(reader.GetName(i), out var use))
            {
                builders.Add((i, new BatchColumn.Builder(reader.GetName(i), reader.GetFieldType(i), use)));
            }
        }

        var rows = 0;
        while (rows < maxRows && reader.Read())
        {
            if ((rows & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            if (onRow is not null && !onRow(reader))
            {
                continue;
            }

            foreach (var (ordinal, builder) in builders)
            {
                builder.Add(reader, ordinal);
            }

            rows++;
        }

        if (rows == 0)
        {
            return null;
        }

        return new ColumnBatch(rows, builders.ToDictionary(b => b.Builder.Name, b => b.Builder.Build(), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>Builds a batch from arrays already in memory (tests, benchmarks).</summary>
    public static ColumnBatch Of(int rows, IEnumerable<BatchColumn> columns) =>
        new(rows, columns.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase));
}

/// <summary>One column of a batch: its warehouse type and the values in the representations asked for.</summary>
public sealed class BatchColumn
{
    public BatchColumn(string name, Type sourceType, float[]? numbers, int[]? codes, IReadOnlyList<string>? texts) =>
        (Name, SourceType, Numbers, Codes, Texts) = (name, sourceType, numbers, codes, texts);

    public string Name { get; }

    /// <summary>The type the warehouse gave, checked against what a model reads.</summary>
    public Type SourceType { get; }

    /// <summary>The values as floats (NaN when missing); null when the column holds no numbers or they were not asked for.</summary>
    public float[]? Numbers { get; }

    /// <summary>Per row, the index of its text in <see cref="Texts"/>; null when text was not asked for.</summary>
    public int[]? Codes { get; }

    public IReadOnlyList<string>? Texts { get; }

    public bool HoldsNumbers => InputColumn.IsNumber(SourceType);

    public static BatchColumn OfNumbers(string name, float[] values) => new(name, typeof(float), values, null, null);

    public static BatchColumn OfTexts(string name, IReadOnlyList<string> values)
    {
        var builder = new Builder(name, typeof(string), ColumnUse.Text);
        foreach (var value in values)
        {
            builder.AddText(value);
        }

        return builder.Build();
    }

    internal sealed class Builder(string name, Type type, ColumnUse use)
    {
        private readonly bool _numbers = use.HasFlag(ColumnUse.Number) && InputColumn.IsNumber(type);
        private readonly bool _texts = use.HasFlag(ColumnUse.Text);
        private readonly List<float> _values = [];
        private readonly List<int> _codes = [];
        private readonly Dictionary<string, int> _dictionary = new(StringComparer.Ordinal);
        private readonly List<string> _distinct = [];

        public string Name => name;

        public void Add(DbDataReader reader, int ordinal)
        {
            if (_numbers && _texts)
            {
                // Both read from one value: a sequential reader gives each field once.
                var value = reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
                _values.Add(InputColumn.ToNumber(value));
                AddText(InputColumn.ToText(value));
            }
            else if (_numbers)
            {
                _values.Add(reader.IsDBNull(ordinal) ? float.NaN : _number(reader, ordinal));
            }
            else if (_texts)
            {
                AddText(reader.IsDBNull(ordinal) ? "" : type == typeof(string) ? reader.GetString(ordinal) : InputColumn.ReadText(reader, ordinal));
            }
        }

        /// <summary>The typed getter of the column's type, unboxed; each gives the float <see cref="InputColumn.ToNumber"/> gives.</summary>
        private readonly Func<DbDataReader, int, float> _number = type switch
        {
            _ when type == typeof(double) => (r, o) => (float)r.GetDouble(o),
            _ when type == typeof(float) => (r, o) => r.GetFloat(o),
            _ when type == typeof(long) => (r, o) => r.GetInt64(o),
            _ when type == typeof(int) => (r, o) => r.GetInt32(o),
            _ when type == typeof(short) => (r, o) => r.GetInt16(o),
            _ when type == typeof(bool) => (r, o) => r.GetBoolean(o) ? 1f : 0f,
            _ when type == typeof(decimal) => (r, o) => Convert.ToSingle(r.GetDecimal(o)),
            _ => (r, o) => InputColumn.ToNumber(r.GetValue(o)),
        };

        public void AddText(string text)
        {
            if (!_dictionary.TryGetValue(text, out var code))
            {
                code = _distinct.Count;
                _dictionary.Add(text, code);
                _distinct.Add(text);
            }

            _codes.Add(code);
        }

        public BatchColumn Build() => new(name, type,
            _numbers ? [.. _values] : null,
            _texts ? [.. _codes] : null,
            _texts ? [.. _distinct] : null);
    }
}
