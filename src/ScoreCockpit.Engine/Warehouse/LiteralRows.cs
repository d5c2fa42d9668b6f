using System.Text;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// One request of INSERT statements that carry their rows as literals, for warehouses that limit bound parameters:
/// <see cref="ISqlDialect.LiteralRowsPerStatement"/> rows per INSERT, statements separated by semicolons. Built row by row
/// so a writer knows the request's exact length before it grows past what the warehouse accepts.
/// </summary>
internal sealed class LiteralRows(ISqlDialect dialect, string table, IReadOnlyList<string> columns)
{
    private readonly string head =
        $"INSERT INTO {dialect.QuoteIdentifier(table)} ({string.Join(", ", columns.Select(dialect.QuoteIdentifier))}) VALUES ";
    private readonly StringBuilder sql = new();
    private int inStatement;

    public int Rows { get; private set; }

    public int Length => sql.Length;

    /// <summary>The whole request for <paramref name="rows"/>, as a writer would send it.</summary>
    public static string Insert(ISqlDialect dialect, string table, IReadOnlyList<string> columns, IEnumerable<string?[]> rows)
    {
        var request = new LiteralRows(dialect, table, columns);
        foreach (var row in rows)
        {
            request.Add(row);
        }

        return request.ToString();
    }

    public void Add(IReadOnlyList<string?> row)
    {
        if (inStatement == dialect.LiteralRowsPerStatement)
        {
            sql.Append(";\n");
            inStatement = 0;
        }

        sql.Append(inStatement == 0 ? head : ", ");
        sql.Append('(');
        for (var c = 0; c < row.Count; c++)
        {
            if (c > 0)
            {
                sql.Append(", ");
            }

            sql.Append(row[c] is { } value ? dialect.TextLiteral(value) : "NULL");
        }

        sql.Append(')');
        inStatement++;
        Rows++;
    }

    public void Clear()
    {
        sql.Clear();
        inStatement = 0;
        Rows = 0;
    }

    public override string ToString() => sql.ToString();
}
