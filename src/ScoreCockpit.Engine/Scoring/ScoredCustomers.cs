using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace ScoreCockpit.Engine.Scoring;

/// <summary>
/// The customers of one scoring run, (key, score) in the order they were scored, kept compact enough for tens of
/// millions: a run must not hold one string per customer. A key's identity is its invariant text, exactly what the
/// model path reads (<c>InputColumn.ReadText</c>: a NULL key is ""), so ranks and the written keys do not change with
/// the storage. While every key's text is the canonical text of a long ("42", "-7", not "007", "+5", "-0" or "10.0")
/// keys are held as longs, 8 bytes each; the first other key turns the store to text for good: UTF-16 chars in
/// chunks plus one end position per key. Keys and scores may be appended apart (a batch of keys read, then their
/// scores), so <see cref="Count"/> is the customers that have both. Not thread-safe.
/// </summary>
internal sealed class ScoredCustomers
{
    /// <summary>Elements per chunk: 8 MB of longs or doubles, 2 MB of chars; also the longest key held.</summary>
    public const int DefaultChunkLength = 1 << 20;

    // 10^0 … 10^19: every ulong has at most 20 digits.
    private static readonly ulong[] PowersOfTen = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000,
        1_000_000_000, 10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000];

    private readonly int _chunkLength;
    private readonly Chunks<double> _scores;
    private Chunks<long>? _integers;
    private Chunks<char>? _chars;

    // End of each key in _chars; its start is derived (see TextKey), which saves a second position per key.
    private Chunks<long>? _ends;
    private int _keys;

    public ScoredCustomers()
        : this(DefaultChunkLength)
    {
    }

    /// <summary>Tests pass small chunks to cross chunk boundaries without allocating gigabytes.</summary>
    internal ScoredCustomers(int chunkLength)
    {
        // A chunk must hold any long's text, which the switch to text writes for every integer key.
        if (chunkLength < 32 || !int.IsPow2(chunkLength))
        {
            throw new ArgumentOutOfRangeException(nameof(chunkLength), chunkLength, "A chunk length is a power of two, at least 32.");
        }

        _chunkLength = chunkLength;
        _scores = new Chunks<double>(chunkLength);
        _integers = new Chunks<long>(chunkLength);
    }

    /// <summary>Customers with a key and a score.</summary>
    public int Count => _scores.Count;

    /// <summary>Keys appended, scored or not yet.</summary>
    public int KeyCount => _keys;

    /// <summary>Whether the keys are held as text (some key was not an integer), rather than as longs.</summary>
    public bool HoldsText => _integers is null;

    /// <summary>The scores in order, read in place.</summary>
    public IReadOnlyList<double> Scores => _scores;

    public double Score(int i) => _scores[CheckScored(i)];

    public void Add(ReadOnlySpan<char> key, double score)
    {
        AddKey(key);
        AddScore(score);
    }

    public void Add(DbDataReader reader, int keyOrdinal, double score)
    {
        AddKey(reader, keyOrdinal);
        AddScore(score);
    }

    public void AddKey(ReadOnlySpan<char> key)
    {
        if (_integers is not null && TryParseCanonical(key, out var value))
        {
            _integers.Add(value);
        }
        else
        {
            SwitchToText();
            AppendText(key);
        }

        _keys++;
    }

    public void AddKey(long key)
    {
        if (_integers is not null)
        {
            _integers.Add(key);
            _keys++;
            return;
        }

        Span<char> text = stackalloc char[20];
        key.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
        AddKey(text[..length]);
    }

    /// <summary>
    /// Reads the key of the reader's current row as the model path would, without a string for integer columns
    /// (including unsigned ones up to long.MaxValue and decimals of scale 0); other types go through their text.
    /// </summary>
    public void AddKey(DbDataReader reader, int ordinal)
    {
        if (ordinal < 0 || reader.IsDBNull(ordinal))
        {
            AddKey([]);
            return;
        }

        var type = reader.GetFieldType(ordinal);
        if (TryReadInteger(reader, ordinal, type, out var integer))
        {
            AddKey(integer);
        }
        else if (type == typeof(decimal))
        {
            // "10.0" (scale 1) is the key's text as the model reads it, so it stays text; the canonical check decides.
            Span<char> text = stackalloc char[32];
            reader.GetDecimal(ordinal).TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
            AddKey(text[..length]);
        }
        else
        {
            AddKey(Convert.ToString(reader.GetValue(ordinal), CultureInfo.InvariantCulture) ?? "");
        }
    }

    private static bool TryReadInteger(DbDataReader reader, int ordinal, Type type, out long value)
    {
        (var read, value) = type switch
        {
            _ when type == typeof(long) => (true, reader.GetInt64(ordinal)),
            _ when type == typeof(int) => (true, reader.GetInt32(ordinal)),
            _ when type == typeof(short) => (true, reader.GetInt16(ordinal)),
            _ when type == typeof(byte) => (true, reader.GetByte(ordinal)),
            _ when type == typeof(sbyte) => (true, reader.GetFieldValue<sbyte>(ordinal)),
            _ when type == typeof(ushort) => (true, reader.GetFieldValue<ushort>(ordinal)),
            _ when type == typeof(uint) => (true, reader.GetFieldValue<uint>(ordinal)),
            _ when type == typeof(ulong) && reader.GetFieldValue<ulong>(ordinal) is var unsigned && unsigned <= long.MaxValue =>
                (true, (long)unsigned),
            _ => (false, 0L),
        };
        return read;
    }

    /// <summary>Scores the oldest key without one.</summary>
    public void AddScore(double score)
    {
        if (_scores.Count >= _keys)
        {
            throw new InvalidOperationException("Every key already has its score: add the key first.");
        }

        _scores.Add(score);
    }

    /// <summary>Scores the oldest keys without one, in order: the keys of a batch, then the batch's scores.</summary>
    public void AddScores(ReadOnlySpan<double> scores)
    {
        if (_scores.Count + (long)scores.Length > _keys)
        {
            throw new InvalidOperationException(
                $"{scores.Length} scores for {_keys - _scores.Count} keys without one: add the keys first.");
        }

        _scores.AddRange(scores);
    }

    /// <summary>One key's text, allocated: for writing it out, not for comparing.</summary>
    public string KeyText(int i)
    {
        CheckKey(i);
        return _integers is { } integers ? integers[i].ToString(CultureInfo.InvariantCulture) : new string(TextKey(i));
    }

    /// <summary>The sign of <see cref="string.CompareOrdinal(string, string)"/> of the two keys' texts, without allocating.</summary>
    public int CompareKeys(int a, int b)
    {
        CheckKey(a);
        CheckKey(b);
        return CompareKeysUnchecked(a, b);
    }

    /// <summary>Ranking order: the higher score first, ties by ordinal key, as <see cref="ScoreDistribution.Order(IReadOnlyList{double}, IReadOnlyList{string})"/>.</summary>
    internal int CompareRanks(int a, int b)
    {
        var byScore = _scores[b].CompareTo(_scores[a]);
        return byScore != 0 ? byScore : CompareKeysUnchecked(a, b);
    }

    private int CompareKeysUnchecked(int a, int b) => _integers is { } integers
        ? CompareIntegerTexts(integers[a], integers[b])
        : Math.Sign(TextKey(a).SequenceCompareTo(TextKey(b)));

    /// <summary>
    /// A key never straddles two chunks, so it starts where the previous one ended unless that left too little room
    /// in the chunk: then it starts at the chunk of its last char. An empty key ends where the previous one did.
    /// </summary>
    private ReadOnlySpan<char> TextKey(int i)
    {
        var end = _ends![i];
        var previous = i == 0 ? 0 : _ends[i - 1];
        var start = Math.Max(previous, _chars!.ChunkStart(end - 1));
        return _chars.Slice(start, (int)(end - start));
    }

    private void AppendText(ReadOnlySpan<char> key)
    {
        if (key.Length > _chunkLength)
        {
            throw new InvalidOperationException(
                $"A customer key of {key.Length} characters is longer than the {_chunkLength} a scoring run holds.");
        }

        key.CopyTo(_chars!.Reserve(key.Length, out var start));
        _ends!.Add(start + key.Length);
    }

    private void SwitchToText()
    {
        if (_integers is not { } integers)
        {
            return;
        }

        (_chars, _ends, _integers) = (new Chunks<char>(_chunkLength), new Chunks<long>(_chunkLength), null);
        Span<char> text = stackalloc char[20];
        for (var i = 0; i < integers.Count; i++)
        {
            integers[i].TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
            AppendText(text[..length]);
        }
    }

    /// <summary>
    /// Ordinal order of the two numbers' invariant texts, from their digits: '-' sorts before every digit, texts of
    /// equal length sort as their numbers, and a shorter text sorts as its prefix-length head of the longer one, or
    /// before it when that head is equal (a prefix sorts first).
    /// </summary>
    private static int CompareIntegerTexts(long x, long y)
    {
        if (x == y)
        {
            return 0;
        }

        if (x < 0 != y < 0)
        {
            return x < 0 ? -1 : 1;
        }

        var (a, b) = (Magnitude(x), Magnitude(y));
        var (digitsA, digitsB) = (Digits(a), Digits(b));
        return digitsA == digitsB ? a.CompareTo(b)
            : digitsA < digitsB ? (a <= b / PowersOfTen[digitsB - digitsA] ? -1 : 1)
            : (a / PowersOfTen[digitsA - digitsB] < b ? -1 : 1);
    }

    // Negating long.MinValue overflows; its magnitude still fits a ulong.
    private static ulong Magnitude(long x) => x < 0 ? (ulong)(-(x + 1)) + 1 : (ulong)x;

    private static int Digits(ulong x)
    {
        var digits = 1;
        while (digits < PowersOfTen.Length && x >= PowersOfTen[digits])
        {
            digits++;
        }

        return digits;
    }

    private static bool TryParseCanonical(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > 20 || !(char.IsAsciiDigit(text[0]) || text[0] == '-')
            || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        // Only a round trip keeps the text: leading zeros, "-0" or a sign the parser accepts would not come back.
        Span<char> back = stackalloc char[20];
        return value.TryFormat(back, out var length, default, CultureInfo.InvariantCulture) && back[..length].SequenceEqual(text);
    }

    private int CheckScored(int i) => (uint)i < (uint)_scores.Count ? i
        : throw new ArgumentOutOfRangeException(nameof(i), i, $"There are {_scores.Count} scored customers.");

    private void CheckKey(int i)
    {
        if ((uint)i >= (uint)_keys)
        {
            throw new ArgumentOutOfRangeException(nameof(i), i, $"There are {_keys} keys.");
        }
    }

    /// <summary>Append-only chunked array: no single huge array, no copy of everything when it grows.</summary>
    private sealed class Chunks<T>(int chunkLength) : IReadOnlyList<T>
    {
        private const int FirstCapacity = 256;
        private readonly int _shift = int.Log2(chunkLength);
        private readonly List<T[]> _chunks = [];
        private long _length;

        public int Count => checked((int)_length);

        public T this[int index] => this[(long)index];

        public T this[long index] => _chunks[(int)(index >> _shift)][(int)(index & (chunkLength - 1))];

        public long ChunkStart(long index) => index >> _shift << _shift;

        public ReadOnlySpan<T> Slice(long start, int length) => length == 0 ? []
            : _chunks[(int)(start >> _shift)].AsSpan((int)(start & (chunkLength - 1)), length);

        public void Add(T value) => Reserve(1, out _)[0] = value;

        public void AddRange(ReadOnlySpan<T> values)
        {
            while (!values.IsEmpty)
            {
                var room = chunkLength - (int)(_length & (chunkLength - 1));
                var part = Math.Min(room, values.Length);
                values[..part].CopyTo(Reserve(part, out _));
                values = values[part..];
            }
        }

        /// <summary>Room for <paramref name="length"/> elements within one chunk; the rest of a full chunk is skipped.</summary>
        public Span<T> Reserve(int length, out long start)
        {
            start = _length;
            if (length == 0)
            {
                return [];
            }

            var offset = (int)(_length & (chunkLength - 1));
            if (offset + length > chunkLength)
            {
                _length += chunkLength - offset;
                (start, offset) = (_length, 0);
            }

            var chunk = (int)(_length >> _shift);
            if (chunk == _chunks.Count)
            {
                _chunks.Add(new T[Math.Min(chunkLength, Math.Max(FirstCapacity, length))]);
            }

            // Only the last chunk grows, doubling up to the chunk length, so a small run stays small.
            var last = _chunks[chunk];
            if (offset + length > last.Length)
            {
                var grown = new T[Math.Min(chunkLength, Math.Max(offset + length, 2 * last.Length))];
                last.AsSpan(0, offset).CopyTo(grown);
                _chunks[chunk] = last = grown;
            }

            _length += length;
            return last.AsSpan(offset, length);
        }

        public IEnumerator<T> GetEnumerator()
        {
            for (long i = 0; i < _length; i++)
            {
                yield return this[i];
            }
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
