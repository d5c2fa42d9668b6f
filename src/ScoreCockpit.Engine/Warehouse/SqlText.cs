namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Just enough reading of an analyst's SQL to wrap it in a statement: whether it starts with WITH, and where its WITH
/// clause ends and its main query begins. Strings, quoted names and comments are skipped, so parentheses or keywords
/// inside them never count.
/// </summary>
public static class SqlText
{
    /// <summary>True when the first word of the SQL, after blanks and comments, is WITH.</summary>
    public static bool StartsWithWith(string sql) => SplitWith(sql) is not null;

    /// <summary>
    /// The WITH clause (everything up to the main query, comments included) and the main query; null when the SQL does
    /// not start with WITH or its clause cannot be read to its end.
    /// </summary>
    public static (string With, string Main)? SplitWith(string sql)
    {
        var at = SkipBlanks(sql, 0);
        if (!IsWord(sql, at, "WITH"))
        {
            return null;
        }

        var depth = 0;
        var i = at + 4;
        while (i < sql.Length)
        {
            var next = Skip(sql, i);
            if (next != i)
            {
                i = next;
                continue;
            }

            var c = sql[i];
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                // A closing parenthesis at the top ends a column list (AS follows), a named query (a comma follows), or the
                // last named query: then the main query starts at the next word.
                var after = SkipBlanks(sql, i + 1);
                if (after < sql.Length && sql[after] != ',' && !IsWord(sql, after, "AS"))
                {
                    return (sql[..after], sql[after..]);
                }
            }

            i++;
        }

        return null;
    }

    private static int SkipBlanks(string sql, int i)
    {
        while (i < sql.Length)
        {
            if (char.IsWhiteSpace(sql[i]))
            {
                i++;
            }
            else if (IsCommentStart(sql, i))
            {
                i = Skip(sql, i);
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static bool IsCommentStart(string sql, int i) =>
        (sql[i] == '-' && At(sql, i + 1, '-')) || (sql[i] == '/' && At(sql, i + 1, '*'));

    /// <summary>The index after a comment, string or quoted name starting at <paramref name="i"/>; <paramref name="i"/> itself when none starts there.</summary>
    private static int Skip(string sql, int i)
    {
        var c = sql[i];
        if (c == '-' && At(sql, i + 1, '-'))
        {
            var end = sql.IndexOf('\n', i);
            return end < 0 ? sql.Length : end + 1;
        }

        if (c == '/' && At(sql, i + 1, '*'))
        {
            var end = sql.IndexOf("*/", i + 2, StringComparison.Ordinal);
            return end < 0 ? sql.Length : end + 2;
        }

        var close = c switch
        {
            '\'' => '\'',
            '"' => '"',
            '[' => ']',
            _ => '\0',
        };
        if (close == '\0')
        {
            return i;
        }

        // A doubled closing quote stands for itself and does not end the string.
        for (var j = i + 1; j < sql.Length; j++)
        {
            if (sql[j] == close)
            {
                if (At(sql, j + 1, close))
                {
                    j++;
                    continue;
                }

                return j + 1;
            }
        }

        return sql.Length;
    }

    private static bool At(string sql, int i, char c) => i < sql.Length && sql[i] == c;

    private static bool IsWord(string sql, int i, string word) =>
        i + word.Length <= sql.Length
        && string.Compare(sql, i, word, 0, word.Length, StringComparison.OrdinalIgnoreCase) == 0
        && (i + word.Length == sql.Length || !(char.IsLetterOrDigit(sql[i + word.Length]) || sql[i + word.Length] == '_'));
}
