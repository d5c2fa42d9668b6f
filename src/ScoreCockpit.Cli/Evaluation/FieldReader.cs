namespace ScoreCockpit.Cli.Evaluation;

/// <summary>
/// The fields of one delimited line, without allocating: a field in double quotes may hold the delimiter, and a
/// doubled quote inside it stands for one (returned as is: labels and numbers never contain quotes).
/// </summary>
public ref struct FieldReader(ReadOnlySpan<char> line, char delimiter)
{
    private ReadOnlySpan<char> _rest = line;
    private bool _done;

    public ReadOnlySpan<char> Current { get; private set; }

    public readonly FieldReader GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_done)
        {
            return false;
        }

        var start = _rest.TrimStart(' ');
        if (start.Length > 0 && start[0] == '"')
        {
            var close = 1;
            while (close < start.Length && (start[close] != '"' || (close + 1 < start.Length && start[close + 1] == '"')))
            {
                close += start[close] == '"' ? 2 : 1;
            }

            Current = start[1..Math.Min(close, start.Length)];
            var after = close + 1 < start.Length ? start[(close + 1)..] : [];
            var next = after.IndexOf(delimiter);
            _done = next < 0;
            _rest = next < 0 ? [] : after[(next + 1)..];
            return true;
        }

        var end = _rest.IndexOf(delimiter);
        Current = end < 0 ? _rest : _rest[..end];
        _done = end < 0;
        _rest = end < 0 ? [] : _rest[(end + 1)..];
        return true;
    }
}
