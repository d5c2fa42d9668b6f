namespace ScoreCockpit.Engine.Storage;

public enum StoreProvider
{
    Sqlite,
    Postgres,
    SqlServer,
}

/// <summary>Which database holds the cockpit store: `Store:Provider` and `Store:ConnectionString`.</summary>
public sealed record StoreSettings(StoreProvider Provider, string ConnectionString)
{
    public static StoreSettings Resolve(string? provider, string? connectionString, DataFolder data)
    {
        var parsed = ParseProvider(provider);
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new StoreSettings(parsed, connectionString);
        }

        if (parsed != StoreProvider.Sqlite)
        {
            throw new CockpitSetupException(
                $"Store:Provider is {parsed} but Store:ConnectionString is empty. " +
                "Set Store:ConnectionString (appsettings.json, or the environment variable Store__ConnectionString).");
        }

        return new StoreSettings(StoreProvider.Sqlite, $"Data Source={data.File("cockpit.db")}");
    }

    public static StoreProvider ParseProvider(string? provider)
    {
        if (string.IsNullOrWhiteSpace(provider))
        {
            return StoreProvider.Sqlite;
        }

        // By name only: Enum.TryParse would also take "1" or "Sqlite, Postgres" (flags) as a provider.
        var name = provider.Trim();
        return Enum.GetValues<StoreProvider>().Cast<StoreProvider?>()
            .FirstOrDefault(p => string.Equals(p.ToString(), name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CockpitSetupException(
                $"Store:Provider '{provider}' is not supported. Use Sqlite, Postgres or SqlServer.");
    }

    public string MigrationsAssembly => $"ScoreCockpit.Migrations.{Provider}";

    /// <summary>The connection string without its password, for messages and logs.</summary>
    public string Redacted => ConnectionStringRedactor.Redact(ConnectionString);
}
