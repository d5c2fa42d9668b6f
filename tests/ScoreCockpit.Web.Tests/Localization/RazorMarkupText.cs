using System.Text;
using System.Text.RegularExpressions;

namespace ScoreCockpit.Web.Tests.Localization;

/// <summary>
/// Finds literal words people would read in a component's markup: element text and the attributes that render as
/// text. Razor code (<c>@code</c> blocks, <c>@(…)</c>, <c>@x.Y</c>, control flow) is skipped, so what is left is
/// text that no resource file can translate.
/// </summary>
internal static partial class RazorMarkupText
{
    /// <summary>Attributes whose value people read (labels, tooltips, accessible names).</summary>
    private static readonly HashSet<string> ReadAttributes = new(StringComparer.Ordinal)
    {
        "Label", "Title", "Placeholder", "HelperText", "Text", "aria-label", "title", "alt", "placeholder", "label",
        "DataLabel", "InfoFormat", "RowsPerPageString", "ConfirmText", "ButtonText", "Tooltip", "AdornmentAriaLabel",
    };

    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "if", "foreach", "for", "while", "switch", "using", "lock" };

    private static readonly HashSet<string> Directives = new(StringComparer.Ordinal)
    {
        "page", "using", "inject", "attribute", "layout", "inherits", "implements", "rendermode", "typeparam", "namespace",
        "preservewhitespace",
    };

    /// <summary>The literal texts of a component, each with its line.</summary>
    public static IReadOnlyList<(int Line, string Text)> Find(string razor, IReadOnlySet<string> allowed)
    {
        var found = new List<(int, string)>();
        var scanner = new Scanner(Blank(razor), (line, text) =>
        {
            var words = Words().Matches(text).Select(m => m.Value).Where(w => !allowed.Contains(w)).ToList();
            if (words.Count > 0)
            {
                found.Add((line, Spaces().Replace(text.Trim(), " ")));
            }
        });
        scanner.Run();
        return found;
    }

    /// <summary>Comments, code blocks, styles, scripts and directive lines replaced by spaces, lines kept.</summary>
    private static string Blank(string razor)
    {
        var text = RazorComment().Replace(razor, m => Keep(m.Value));
        text = StyleOrScript().Replace(text, m => Keep(m.Value));
        // Code samples (a condition, a cron line) read the same in every language.
        text = CodeSample().Replace(text, m => Keep(m.Value));
        text = DirectiveLine().Replace(text, m => Directives.Contains(m.Groups[1].Value) ? Keep(m.Value) : m.Value);
        foreach (Match block in CodeBlock().Matches(text))
        {
            var open = text.IndexOf('{', block.Index);
            var close = Scanner.Balanced(text, open, '{', '}');
            text = string.Concat(text.AsSpan(0, block.Index), Keep(text[block.Index..close]), text.AsSpan(close));
        }

        return text;
    }

    private static string Keep(string removed) => new(removed.Select(c => c == '\n' ? '\n' : ' ').ToArray());

    private sealed class Scanner(string text, Action<int, string> report)
    {
        private readonly StringBuilder _segment = new();
        private int _segmentLine;
        private int _i;

        public void Run()
        {
            while (_i < text.Length)
            {
                var c = text[_i];
                if (c == '<' && _i + 1 < text.Length && (char.IsLetter(text[_i + 1]) || text[_i + 1] is '/' or '!'))
                {
                    Flush();
                    Tag();
                }
                else if (c == '@')
                {
                    Flush();
                    Expression();
                }
                else if (c is '{' or '}')
                {
                    // Braces of Razor control flow; "} else {" and "else if (…)" go with them.
                    Flush();
                    _i++;
                    SkipElse();
                }
                else
                {
                    if (_segment.Length == 0)
                    {
                        _segmentLine = Line(_i);
                    }

                    _segment.Append(c);
                    _i++;
                }
            }

            Flush();
        }

        /// <summary>The index just after the bracket that closes the one at <paramref name="open"/>, skipping C# strings.</summary>
        public static int Balanced(string s, int open, char opening, char closing)
        {
            var depth = 0;
            for (var i = open; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '"' || c == '\'')
                {
                    i = EndOfString(s, i);
                    continue;
                }

                if (c == opening)
                {
                    depth++;
                }
                else if (c == closing && --depth == 0)
                {
                    return i + 1;
                }
            }

            return s.Length;
        }

        private static int EndOfString(string s, int start)
        {
            var quote = s[start];
            var verbatim = start > 0 && s[start - 1] == '@';
            for (var i = start + 1; i < s.Length; i++)
            {
                if (!verbatim && s[i] == '\\')
                {
                    i++;
                }
                else if (s[i] == quote)
                {
                    return i;
                }
                else if (s[i] == '\n' && quote == '\'')
                {
                    return i;
                }
            }

            return s.Length;
        }

        private void Tag()
        {
            if (string.CompareOrdinal(text, _i, "<!--", 0, 4) == 0)
            {
                var end = text.IndexOf("-->", _i, StringComparison.Ordinal);
                _i = end < 0 ? text.Length : end + 3;
                return;
            }

            _i++;
            while (_i < text.Length && text[_i] != '>')
            {
                if (text[_i] == '@' && _i + 1 < text.Length && text[_i + 1] == '(')
                {
                    _i = Balanced(text, _i + 1, '(', ')');
                    continue;
                }

                var name = AttributeName().Match(text, _i);
                if (name.Success && name.Index == _i && name.Length > 0)
                {
                    _i += name.Length;
                    if (_i < text.Length && text[_i] == '=' && _i + 1 < text.Length && text[_i + 1] is '"' or '\'')
                    {
                        var quote = text[_i + 1];
                        var start = _i + 2;
                        var end = ValueEnd(start, quote);
                        if (ReadAttributes.Contains(name.Value))
                        {
                            var value = WithoutExpressions(text[start..end]);
                            report(Line(start), value);
                        }

                        _i = end + 1;
                    }

                    continue;
                }

                _i++;
            }

            _i++;
        }

        private int ValueEnd(int start, char quote)
        {
            for (var i = start; i < text.Length; i++)
            {
                if (text[i] == '@')
                {
                    // @x.Join(" ", …) may hold the quote itself: skip the whole expression.
                    var save = _i;
                    _i = i;
                    Expression();
                    i = Math.Max(i, _i - 1);
                    _i = save;
                }
                else if (text[i] == quote)
                {
                    return i;
                }
            }

            return text.Length;
        }

        /// <summary>An attribute value with its Razor expressions taken out.</summary>
        private static string WithoutExpressions(string value)
        {
            var kept = new StringBuilder();
            var inner = new Scanner(value, (_, t) => kept.Append(t).Append(' '));
            inner.RunAsValue();
            return kept.ToString();
        }

        private void RunAsValue()
        {
            while (_i < text.Length)
            {
                if (text[_i] == '@')
                {
                    Flush();
                    Expression();
                }
                else
                {
                    _segment.Append(text[_i++]);
                }
            }

            Flush();
        }

        private void Expression()
        {
            _i++;
            if (_i >= text.Length)
            {
                return;
            }

            switch (text[_i])
            {
                case '@':
                    _segment.Append('@');
                    _i++;
                    return;
                case '(':
                    _i = Balanced(text, _i, '(', ')');
                    return;
                case '{':
                    _i = Balanced(text, _i, '{', '}');
                    return;
                case '*':
                    var end = text.IndexOf("*@", _i, StringComparison.Ordinal);
                    _i = end < 0 ? text.Length : end + 2;
                    return;
            }

            var word = Identifier().Match(text, _i);
            if (!word.Success || word.Index != _i)
            {
                return;
            }

            _i += word.Length;
            if (Keywords.Contains(word.Value))
            {
                SkipSpaces();
                if (_i < text.Length && text[_i] == '(')
                {
                    _i = Balanced(text, _i, '(', ')');
                }

                return;
            }

            if (word.Value is "else" or "try" or "do")
            {
                return;
            }

            // An implicit expression: @a.b(c)[d]?.e — stops at a space or at markup.
            while (_i < text.Length)
            {
                var c = text[_i];
                if (c == '(')
                {
                    _i = Balanced(text, _i, '(', ')');
                }
                else if (c == '[')
                {
                    _i = Balanced(text, _i, '[', ']');
                }
                else if ((c == '.' || c == '?') && _i + 1 < text.Length && (char.IsLetter(text[_i + 1]) || text[_i + 1] == '.'))
                {
                    _i++;
                }
                else if (c == '!' && _i + 1 < text.Length && text[_i + 1] == '.')
                {
                    _i++;
                }
                else if (char.IsLetterOrDigit(c) || c == '_')
                {
                    _i++;
                }
                else
                {
                    return;
                }
            }
        }

        private void SkipElse()
        {
            var save = _i;
            SkipSpaces();
            if (string.CompareOrdinal(text, _i, "else", 0, 4) == 0 && (_i + 4 >= text.Length || !char.IsLetterOrDigit(text[_i + 4])))
            {
                _i += 4;
                SkipSpaces();
                if (string.CompareOrdinal(text, _i, "if", 0, 2) == 0)
                {
                    _i += 2;
                    SkipSpaces();
                    if (_i < text.Length && text[_i] == '(')
                    {
                        _i = Balanced(text, _i, '(', ')');
                    }
                }

                return;
            }

            _i = save;
        }

        private void SkipSpaces()
        {
            while (_i < text.Length && char.IsWhiteSpace(text[_i]))
            {
                _i++;
            }
        }

        private void Flush()
        {
            if (_segment.Length == 0)
            {
                return;
            }

            var segment = Entity().Replace(_segment.ToString(), " ");
            _segment.Clear();
            // C# statements inside Razor blocks (case X:, break;, var x = …;) are code, not text.
            if (Statement().IsMatch(segment.Trim()))
            {
                return;
            }

            report(_segmentLine, segment);
        }

        private int Line(int index) => text.AsSpan(0, Math.Min(index, text.Length)).Count('\n') + 1;
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<(style|script)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex StyleOrScript();

    [GeneratedRegex(@"<(code|pre|kbd)\b[^>]*>.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex CodeSample();

    [GeneratedRegex(@"^[ \t]*@(\w+)\b[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex DirectiveLine();

    [GeneratedRegex(@"^[ \t]*@(code|functions)\s*\{", RegexOptions.Multiline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"[@:]?[A-Za-z_][\w\-:.]*")]
    private static partial Regex AttributeName();

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"&[#\w]+;")]
    private static partial Regex Entity();

    [GeneratedRegex(@"^(\s*((case\s+[^:]+|default)\s*:|break\s*;|(var|return|await)\s[^;]*;|[\w.]+\s*[+\-]?=[^;]*;|[\w.]+\([^;]*\);))*\s*$")]
    private static partial Regex Statement();

    // Two letters or more: "v", "x" and symbols are not words.
    [GeneratedRegex(@"\p{L}[\p{L}'’\-]*\p{L}")]
    private static partial Regex Words();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
