using System.Data.Common;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Warehouse rows as an ML.NET <see cref="IDataView"/>, streamed: each cursor opens its readers (one per table) and
/// reads row by row, so nothing is held but the current row. ML.NET caches what a trainer needs to pass over twice.
/// Rows can be filtered by a predicate (the in-memory key sample of <see cref="TrainingRows"/>).
/// </summary>
internal sealed class WarehouseRowsView : IDataView
{
    private readonly Func<IEnumerable<DbDataReader>> _readers;
    private readonly IReadOnlyList<InputColumn> _columns;
    private readonly Func<DbDataReader, int[], bool>? _keep;
    private readonly string _where;
    private readonly CancellationToken _ct;

    public WarehouseRowsView(IReadOnlyList<InputColumn> columns, Func<IEnumerable<DbDataReader>> readers, string where,
        Func<DbDataReader, int[], bool>? keep = null, CancellationToken ct = default)
    {
        _ct = ct;
        _columns = columns;
        _readers = readers;
        _where = where;
        _keep = keep;
        var builder = new DataViewSchema.Builder();
        foreach (var column in columns)
        {
            builder.AddColumn(column.Name, column.Type switch
            {
                InputColumnType.Number => NumberDataViewType.Single,
                InputColumnType.Label => BooleanDataViewType.Instance,
                _ => TextDataViewType.Instance,
            });
        }

        Schema = builder.ToSchema();
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => null;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded.Select(c => c.Index).ToHashSet());

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor(WarehouseRowsView view, HashSet<int> active) : DataViewRowCursor
    {
        private readonly IEnumerator<DbDataReader> _readers = view._readers().GetEnumerator();
        private readonly float[] _numbers = new float[view._columns.Count];
        private readonly string[] _texts = new string[view._columns.Count];
        private readonly bool[] _labels = new bool[view._columns.Count];
        private DbDataReader? _reader;
        private int[] _ordinals = [];
        private int[] _readOrder = [];
        private long _position = -1;

        public override DataViewSchema Schema => view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => active.Contains(column.Index);

        public override bool MoveNext()
        {
            while (true)
            {
                if (_reader is null)
                {
                    if (!_readers.MoveNext())
                    {
                        return false;
                    }

                    Open(_readers.Current);
                }

                if ((_position & 0xFFF) == 0)
                {
                    view._ct.ThrowIfCancellationRequested();
                }

                if (!_reader!.Read())
                {
                    _reader.Dispose();
                    _reader = null;
                    continue;
                }

                if (view._keep is { } keep && !keep(_reader, _ordinals))
                {
                    continue;
                }

                if (!ReadRow())
                {
                    continue;
                }

                _position++;
                return true;
            }
        }

        private void Open(DbDataReader reader)
        {
            _reader = reader;
            var names = Enumerable.Range(0, reader.FieldCount).Select(i => (Name: reader.GetName(i), Index: i))
                .ToDictionary(c => c.Name, c => c.Index, StringComparer.OrdinalIgnoreCase);
            _ordinals = view._columns.Select(c => names.GetValueOrDefault(c.Source, -1)).ToArray();
            _readOrder = Enumerable.Range(0, _ordinals.Length).OrderBy(i => _ordinals[i]).ToArray();
            for (var i = 0; i < _ordinals.Length; i++)
            {
                if (_ordinals[i] >= 0)
                {
                    view._columns[i].Check(reader.GetFieldType(_ordinals[i]), view._where);
                }
            }
        }

        /// <summary>Reads the row's values in column order of the reader (sequential access allows no other).</summary>
        private bool ReadRow()
        {
            foreach (var i in _readOrder)
            {
                var column = view._columns[i];
                switch (column.Type)
                {
                    case InputColumnType.Number:
                        _numbers[i] = InputColumn.ReadNumber(_reader!, _ordinals[i]);
                        break;
                    case InputColumnType.Label:
                        var label = InputColumn.ReadNumber(_reader!, _ordinals[i]);
                        if (float.IsNaN(label))
                        {
                            return false;
                        }

                        _labels[i] = label > 0.5f;
                        break;
                    default:
                        _texts[i] = InputColumn.ReadText(_reader!, _ordinals[i]);
                        break;
                }
            }

            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            var i = column.Index;
            ValueGetter<TValue> getter = view._columns[i].Type switch
            {
                InputColumnType.Number => (ValueGetter<TValue>)(Delegate)(ValueGetter<float>)((ref float v) => v = _numbers[i]),
                InputColumnType.Label => (ValueGetter<TValue>)(Delegate)(ValueGetter<bool>)((ref bool v) => v = _labels[i]),
                _ => (ValueGetter<TValue>)(Delegate)(ValueGetter<ReadOnlyMemory<char>>)((ref ReadOnlyMemory<char> v) => v = _texts[i].AsMemory()),
            };
            return getter;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _reader?.Dispose();
                _readers.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
