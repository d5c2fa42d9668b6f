using System.Globalization;

namespace ScoreCockpit.Engine.Scenarios.Conditions;

/// <summary>
/// Reads conditions such as <c>check('volumetry') != 'ERROR' and metric('row_count') &gt; 1000</c>.
/// Grammar: or-expressions of and-expressions of [not] comparisons; operands are numbers, 'text', true/false,
/// <c>${variable}</c>, or calls: check('name') / check('score', 'name'), metric(…), output('step', 'key'),
/// status('step'), date('2026-01-31'), today(). check() and metric() read the result for the run's <c>${date_ref}</c>,
/// or for a date written last: check('score', 'name', date('2026-10-31')), metric('name', ${date_ref_appli}).
/// </summary>
public sealed class ConditionParser
{
    public const string Example = "check('volumetry') != 'ERROR' and metric('row_count') > 1000";

    /// <summary>Far beyond any real condition; a deeper one would exhaust the stack, which no catch can recover from.</summary>
    private const int MaxDepth = 200;

    private static readonly HashSet<string> Functions = ["check", "metric", "output", "status", "date", "today"];
    private readonly string text;
    private readonly List<Token> tokens;
    private int index;
    private int depth;

    private ConditionParser(string text)
    {
        this.text = text;
        tokens = Tokenize(text);
    }

    public static ConditionNode Parse(string condition)
    {
        if (string.IsNullOrWhiteSpace(condition))
        {
            throw new ConditionException($"The condition is empty: write one, e.g. {Example}.");
        }

        var parser = new ConditionParser(condition);
        var node = parser.Or();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Error(parser.Peek, $"unexpected {parser.Describe(parser.Peek)} after a complete condition (a missing 'and' or 'or'?)");
        }

        return node;
    }

    private Token Peek => tokens[index];

    private Token Next() => tokens[index++];

    private ConditionNode Or()
    {
        var left = And();
        while (Peek.Kind == TokenKind.Word && Peek.Text == "or" || Peek is { Kind: TokenKind.Operator, Text: "||" })
        {
            var op = Next();
            left = new LogicNode(op.Position, "or", left, And());
        }

        return left;
    }

    private ConditionNode And()
    {
        var left = Not();
        while (Peek.Kind == TokenKind.Word && Peek.Text == "and" || Peek is { Kind: TokenKind.Operator, Text: "&&" })
        {
            var op = Next();
            left = new LogicNode(op.Position, "and", left, Not());
        }

        return left;
    }

    private ConditionNode Not()
    {
        Descend();
        try
        {
            return NotOrComparison();
        }
        finally
        {
            depth--;
        }
    }

    private ConditionNode Operand()
    {
        Descend();
        try
        {
            return Value();
        }
        finally
        {
            depth--;
        }
    }

    private void Descend()
    {
        if (++depth > MaxDepth)
        {
            throw Error(Peek, $"the condition is nested more than {MaxDepth} levels deep; write it with fewer parentheses, 'not' and nested calls");
        }
    }

    private ConditionNode NotOrComparison()
    {
        if (Peek.Kind == TokenKind.Word && Peek.Text == "not" || Peek is { Kind: TokenKind.Operator, Text: "!" })
        {
            var op = Next();
            return new NotNode(op.Position, Not());
        }

        var left = Operand();
        if (Peek is { Kind: TokenKind.Operator, Text: "==" or "!=" or "<" or "<=" or ">" or ">=" })
        {
            var op = Next();
            return new CompareNode(op.Position, op.Text, left, Operand());
        }

        return left;
    }

    private ConditionNode Value()
    {
        var token = Next();
        switch (token.Kind)
        {
            case TokenKind.Number:
                return new LiteralNode(token.Position, TypedValue.Number(double.Parse(token.Text, CultureInfo.InvariantCulture)));
            case TokenKind.Text:
                return new LiteralNode(token.Position, TypedValue.Text(token.Text));
            case TokenKind.Variable:
                return new VariableNode(token.Position, token.Text);
            case TokenKind.Open:
                var inner = Or();
                Expect(TokenKind.Close, "')' to close the '(' at position " + (token.Position + 1));
                return inner;
            case TokenKind.Word when token.Text is "true" or "false":
                return new LiteralNode(token.Position, TypedValue.Boolean(token.Text == "true"));
            case TokenKind.Word when Functions.Contains(token.Text):
                return Call(token);
            case TokenKind.Word:
                throw Error(token, $"unknown name '{token.Text}'; use ${{{token.Text}}} for a variable, or one of check(), metric(), output(), status(), date(), today()");
            default:
                throw Error(token, $"expected a value but found {Describe(token)}");
        }
    }

    private CallNode Call(Token name)
    {
        Expect(TokenKind.Open, $"'(' after {name.Text}");
        var arguments = new List<string>();
        ConditionNode? on = null;
        if (Peek.Kind != TokenKind.Close)
        {
            do
            {
                if (on is not null)
                {
                    throw Error(Peek, $"the date comes last in {name.Text}(), e.g. {name.Text}('churn', 'volumetry', date('2026-10-31'))");
                }

                if (Peek.Kind == TokenKind.Text)
                {
                    arguments.Add(Next().Text);
                }
                else if (name.Text is "check" or "metric" && arguments.Count > 0)
                {
                    // The reference date to read: any date operand (date('…'), ${variable}, today()); the types say if it is one.
                    on = Operand();
                }
                else
                {
                    throw Error(Peek, $"the arguments of {name.Text}() are quoted names, e.g. {name.Text}('volumetry')");
                }
            }
            while (Peek.Kind == TokenKind.Comma && Next() is not null);
        }

        Expect(TokenKind.Close, $"')' to close {name.Text}(");
        return new CallNode(name.Position, name.Text, arguments, on);
    }

    private void Expect(TokenKind kind, string what)
    {
        var token = Next();
        if (token.Kind != kind)
        {
            throw Error(token, $"expected {what} but found {Describe(token)}");
        }
    }

    private string Describe(Token token) => token.Kind == TokenKind.End ? "the end of the condition" : $"'{text.Substring(token.Position, token.Length)}'";

    private ConditionException Error(Token token, string why) =>
        new($"Condition `{text}`: {why} (at character {token.Position + 1}). Example of a condition: {Example}.");

    private enum TokenKind { Number, Text, Variable, Word, Operator, Open, Close, Comma, End }

    private sealed record Token(TokenKind Kind, string Text, int Position, int Length);

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsDigit(c) || c == '-' && i + 1 < text.Length && char.IsDigit(text[i + 1]) || c == '.' && i + 1 < text.Length && char.IsDigit(text[i + 1]))
            {
                var start = i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var number = text[start..i];
                if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                {
                    throw new ConditionException($"Condition `{text}`: '{number}' is not a number (at character {start + 1}). Write numbers like 1000 or 0.05.");
                }

                tokens.Add(new Token(TokenKind.Number, number, start, i - start));
            }
            else if (c is '\'' or '"')
            {
                var end = text.IndexOf(c, i + 1);
                if (end < 0)
                {
                    throw new ConditionException($"Condition `{text}`: the text starting at character {i + 1} has no closing {c}.");
                }

                tokens.Add(new Token(TokenKind.Text, text[(i + 1)..end], i, end - i + 1));
                i = end + 1;
            }
            else if (c == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var end = text.IndexOf('}', i);
                if (end < 0)
                {
                    throw new ConditionException($"Condition `{text}`: the variable starting at character {i + 1} has no closing }}.");
                }

                tokens.Add(new Token(TokenKind.Variable, text[(i + 2)..end].Trim(), i, end - i + 1));
                i = end + 1;
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i].ToLowerInvariant(), start, i - start));
            }
            else
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                if (two is "==" or "!=" or "<=" or ">=" or "&&" or "||")
                {
                    tokens.Add(new Token(TokenKind.Operator, two, i, 2));
                    i += 2;
                    continue;
                }

                var kind = c switch
                {
                    '(' => TokenKind.Open,
                    ')' => TokenKind.Close,
                    ',' => TokenKind.Comma,
                    '<' or '>' or '!' => TokenKind.Operator,
                    '=' => throw new ConditionException($"Condition `{text}`: a single '=' at character {i + 1}; compare with '=='."),
                    _ => throw new ConditionException($"Condition `{text}`: unexpected character '{c}' at character {i + 1}."),
                };
                tokens.Add(new Token(kind, c.ToString(), i, 1));
                i++;
            }
        }

        tokens.Add(new Token(TokenKind.End, "", text.Length, 0));
        return tokens;
    }
}
