using System.Data.Common;

namespace ScoreCockpit.Engine.Storage;

/// <summary>Hides secrets in a connection string before it reaches a message, a log or a page.</summary>
public static class ConnectionStringRedactor
{
    private static readonly string[] SecretKeys = ["password", "pwd", "user password"];

    public static string Redact(string connectionString)
    {
        try
        {
            var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
            foreach (var key in builder.Keys.Cast<string>().ToList())
            {
                if (SecretKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
                {
                    builder[key] = "***";
                }
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            // A string that does not even parse is shown as a shape only: it may hold a secret anywhere.
            return "(unparseable connection string)";
        }
    }
}
