namespace ScoreCockpit.Engine.Warehouse;

/// <summary>What to do about the Teradata errors people meet most; the warehouse's own message is always kept beside it.</summary>
public static class TeradataErrors
{
    public static string? Advice(int? code) => code switch
    {
        3807 => "An object the SQL names does not exist, or this user cannot see it: check the table and database names " +
            "and qualify tables with their database (database.table).",
        3706 => "Teradata could not read the SQL: fix it where the message points (Teradata writes TOP n, not LIMIT, " +
            "and has no ILIKE or boolean type).",
        3524 => "This user lacks an access right: ask the database administrator to grant the right on the object the message names.",
        2646 => "The query ran out of spool space: make it handle less data (filter earlier, fewer columns, join on indexed " +
            "columns with collected statistics) or ask the database administrator for more spool.",
        8017 => "Teradata refused the login: check the user name, password and logon mechanism (LOGMECH) in the connection string.",
        3932 or 3722 => "Teradata allows a DDL statement (CREATE, DROP, RENAME) only as the last statement of a transaction: " +
            "run it on its own.",
        _ => null,
    };
}
