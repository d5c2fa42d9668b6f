using System.Buffers;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Engine.Warehouse.Import;

internal enum CsvRead
{
    Record,
    Malformed,
    End,
}

/// <summary>
/// RFC 4180 records from a <see cref="CsvTextSource"/>, one at a time: quoted fields may hold delimiters, doubled
/// quotes and line breaks; spaces around a quoted field are ignored; an empty field (quoted or not) is null;
/// empty lines are skipped. A quote inside an unquoted field, text after a closing quote, or a quote never closed
/// makes the record <see cref="CsvRead.Malformed"/> with a reason, and reading resumes on the next line.
/// </summary>
internal sealed partial class CsvParser(CsvTextSource source, char? delimiter)
{
    /// <summary>A longer record is almost always a quote that is never closed; it stops the import.</summary>
    public const int MaxRecordChars = 16 * 1024 * 1024;

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
        AfterQuoted,
        SkipLine,
    }

    private readonly List<string?> fields = [];
    private char[] buffer = new char[CsvTextSource.ChunkBytes];
    private char[] field = new char[256];
    private int fieldLength;
    private int pos;
    private int len;
    private long bufferStart;
    private long recordStart;
    private long line = 1;
    private bool ended;
    private State state;
    private SearchValues<char>? unquotedStops;

    public char Delimiter { get; private set; } = delimiter ?? ',';

    public IReadOnlyList<string?> Fields => fields;

    public long StartLine { get; private set; } = 1;

    public long EndLine { get; private set; }

    /// <summary>Why the last <see cref="CsvRead.Malformed"/> record was refused.</summary>
    public string Problem { get; private set; } = "";

    public async ValueTask<CsvRead> ReadAsync(CancellationToken ct)
    {
        if (unquotedStops is null)
        {
            if (delimiter is null)
            {
                Delimiter = await DetectDelimiterAsync(ct);
            }

            unquotedStops = SearchValues.Create([Delimiter, '\n', '"']);
        }

        fields.Clear();
        fieldLength = 0;
        state = State.FieldStart;
        StartLine = line;
        recordStart = bufferStart + pos;
        while (!ended)
        {
            if (pos == len && !await FillAsync(ct))
            {
                return FinishAtEnd();
            }

            if (Step() is { } done)
            {
                return done;
            }
        }

        return CsvRead.End;
    }

    /// <summary>Consumes characters of the buffer in the current state; a result when a record ends.</summary>
    private CsvRead? Step()
    {
        var span = buffer.AsSpan(pos, len - pos);
        switch (state)
        {
            case State.FieldStart:
                return FieldStart(span[0]);
            case State.Unquoted:
                var stop = span.IndexOfAny(unquotedStops!);
                Append(stop < 0 ? span : span[..stop]);
                pos += stop < 0 ? span.Length : stop;
                return stop < 0 ? null : AfterUnquoted(span[stop]);
            case State.Quoted:
                var quote = span.IndexOf('"');
                var text = quote < 0 ? span : span[..quote];
                line += text.Count('\n');
                Append(text);
                pos += quote < 0 ? span.Length : quote + 1;
                state = quote < 0 ? State.Quoted : State.QuoteInQuoted;
                return null;
            case State.QuoteInQuoted when span[0] == '"':
                Append("\"");
                pos++;
                state = State.Quoted;
                return null;
            case State.QuoteInQuoted or State.AfterQuoted:
                return AfterQuoted(span[0]);
            default:
                var lineEnd = span.IndexOf('\n');
                pos += lineEnd < 0 ? span.Length : lineEnd + 1;
                return lineEnd < 0 ? null : EndLineWith(CsvRead.Malformed);
        }
    }

    private CsvRead? FieldStart(char c)
    {
        if (c == '"')
        {
            pos++;
            state = State.Quoted;
        }
        else if (c == '\n' && fields.Count == 0)
        {
            pos++;
            line++;
            StartLine = line;
            recordStart = bufferStart + pos;
        }
        else if (c == Delimiter || c == '\n')
        {
            return AfterUnquoted(c);
        }
        else
        {
            state = State.Unquoted;
        }

        return null;
    }

    private CsvRead? AfterUnquoted(char c)
    {
        if (c == '"')
        {
            if (field.AsSpan(0, fieldLength).ContainsAnyExcept(' '))
            {
                return Refuse("has a quote inside an unquoted field (quote the whole field and double the quotes inside it)");
            }

            fieldLength = 0;
            pos++;
            state = State.Quoted;
            return null;
        }

        pos++;
        EndField();
        return c == Delimiter ? null : EndLineWith(CsvRead.Record);
    }

    private CsvRead? AfterQuoted(char c)
    {
        if (c == ' ')
        {
            pos++;
            state = State.AfterQuoted;
            return null;
        }

        if (c != Delimiter && c != '\n')
        {
            return Refuse("has text after a closing quote (a quote inside a quoted field must be doubled: \"\")");
        }

        pos++;
        EndField();
        return c == Delimiter ? null : EndLineWith(CsvRead.Record);
    }

    private CsvRead? Refuse(string problem)
    {
        Problem = problem;
        state = State.SkipLine;
        return null;
    }

    private CsvRead EndLineWith(CsvRead result)
    {
        EndLine = line;
        line++;
        state = State.FieldStart;
        return result;
    }

    private CsvRead FinishAtEnd()
    {
        ended = true;
        EndLine = line;
        switch (state)
        {
            case State.FieldStart when fields.Count == 0:
                return CsvRead.End;
            case State.Quoted:
                // A final line break belongs to the last line, it does not start another.
                EndLine -= fieldLength > 0 && field[fieldLength - 1] == '\n' ? 1 : 0;
                Problem = $"has a quote that is never closed: everything from line {StartLine} to the end of the file is inside it";
                return CsvRead.Malformed;
            case State.SkipLine:
                return CsvRead.Malformed;
            default:
                EndField();
                return CsvRead.Record;
        }
    }

    private void EndField()
    {
        fields.Add(fieldLength == 0 ? null : new string(field, 0, fieldLength));
        fieldLength = 0;
        state = State.FieldStart;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        if (fieldLength + text.Length > field.Length)
        {
            Array.Resize(ref field, Math.Max(field.Length * 2, fieldLength + text.Length));
        }

        text.CopyTo(field.AsSpan(fieldLength));
        fieldLength += text.Length;
    }

    /// <summary>Keeps the unread characters, grows the buffer when they fill it, and reads more; false at the end.</summary>
    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (bufferStart + len - recordStart > MaxRecordChars)
        {
            throw new CockpitValidationException(
                $"Line {StartLine} starts a record longer than {MaxRecordChars:N0} characters: usually a quote that is never closed. " +
                "Fix the quotes in the file.");
        }

        if (pos > 0)
        {
            buffer.AsSpan(pos, len - pos).CopyTo(buffer);
            bufferStart += pos;
            len -= pos;
            pos = 0;
        }

        // Room for a few characters at least: a character outside the BMP decodes into two.
        if (buffer.Length - len < 1024)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
        }

        try
        {
            var read = await source.ReadAsync(buffer.AsMemory(len), ct);
            len += read;
            return read > 0;
        }
        catch (CsvTextException e)
        {
            var badLine = line + buffer.AsSpan(pos, len - pos).Count('\n');
            throw new CockpitValidationException($"Line {badLine} {e.Message}.");
        }
    }
}
