using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Variables;

/// <summary>
/// Substitutes `${name}` in SQL. Dates, decimals and text are bound as parameters where the dialect
/// has named parameters and the statement allows them; otherwise they are written as literals, which is
/// safe only because every value was parsed to its type first (text refuses quotes and comment markers).
/// Integers are written as digits and identifiers quoted, so both may also form parts of names. A negative
/// number is written in parentheses, so <c>a-${n}</c> cannot become the comment marker <c>a--1</c>.
/// </summary>
public static partial class SqlTemplate
{
    /// <summary>The variable names a SQL text uses, in order of first use.</summary>
    public static IReadOnlyList<string> Names(string sql) =>
        Placeholder().Matches(sql).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each <c>${name}</c> of a text replaced by <paramref name="value"/>'s answer; a name it answers null for stays as
    /// written. For names and for people (a table name, a mail's subject), never for SQL values.
    /// </summary>
    public static string Fill(string text, Func<string, string?> value) =>
        Placeholder().Replace(text, m => value(m.Groups[1].Value) ?? m.Value);

    /// <summary>Renders for a statement that may bind parameters (queries).</summary>
    public static RenderedSql Render(string sql, IReadOnlyDictionary<string, Variable> variables, ISqlDialect dialect) =>
        Render(sql, variables, dialect, bind: dialect.ParameterMarker("p") is not null);

    /// <summary>Renders with every value written into the text (DDL such as CREATE TABLE AS, which cannot bind).</summary>
    public static RenderedSql RenderLiterals(string sql, IReadOnlyDictionary<string, Variable> variables, ISqlDialect dialect) =>
        Render(sql, variables, dialect, bind: false);

    private static RenderedSql Render(string sql, IReadOnlyDictionary<string, Variable> variables, ISqlDialect dialect, bool bind)
    {
        var missing = Names(sql).Where(n => !variables.ContainsKey(n)).ToList();
        if (missing.Count > 0)
        {
            throw new CockpitValidationException(
                $"The SQL uses {string.Join(", ", missing.Select(n => "${" + n + "}"))}, which " +
                (missing.Count == 1
                    ? "is not defined. Define it as a global, score or run variable."
                    : "are not defined. Define them as global, score or run variables."));
        }

        var parameters = new List<SqlParameterValue>();
        var text = new StringBuilder();
        var last = 0;
        foreach (Match match in Placeholder().Matches(sql))
        {
            text.Append(sql, last, match.Index - last);
            var variable = variables[match.Groups[1].Value];
            text.Append(Substitute(variable, variable.Parse(), dialect, bind, parameters));
            last = match.Index + match.Length;
        }

        text.Append(sql, last, sql.Length - last);
        return new RenderedSql(text.ToString(), parameters);
    }

    private static string Substitute(Variable variable, object value, ISqlDialect dialect, bool bind, List<SqlParameterValue> parameters)
    {
        switch (value)
        {
            case long integer:
                return Number(integer.ToString(CultureInfo.InvariantCulture));
            case string identifier when variable.Type == VariableType.Identifier:
                return dialect.QuoteIdentifier(identifier);
        }

        if (bind && dialect.ParameterMarker(variable.Name) is { } marker)
        {
            if (!parameters.Any(p => p.Name == variable.Name))
            {
                // A date is bound as DateOnly, which the providers send as a date: bound as a DateTime it would
                // be a timestamp, and `${date_ref} - 30` or a CREATE TABLE AS column would change type.
                parameters.Add(new SqlParameterValue(variable.Name, value));
            }

            return marker;
        }

        return value switch
        {
            DateOnly date => dialect.DateLiteral(date),
            decimal number => Number(number.ToString(CultureInfo.InvariantCulture)),
            string textValue => "'" + textValue + "'",
            _ => throw new InvalidOperationException($"No literal form for {value.GetType().Name}"),
        };
    }

    private static string Number(string digits) => digits.StartsWith('-') ? "(" + digits + ")" : digits;

    [GeneratedRegex(@"\$\{([a-z][a-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
