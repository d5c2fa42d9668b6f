using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Tests.Shared;

/// <summary>The real portal over its own temporary data folder (SQLite store), deleted on dispose.</summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly CapturedLogs _logs = new();

    public PortalFactory()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "scorecockpit-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataPath { get; }

    /// <summary>
    /// The lowest level kept in <see cref="LogLines"/>; Information unless a test wants more. Set it before the first request.
    /// </summary>
    public LogLevel CapturedLevel { get; init; } = LogLevel.Information;

    /// <summary>Every log line the portal wrote so far ("Level Category: message" then any exception's full text), for scanning.</summary>
    public IReadOnlyList<string> LogLines => [.. _logs.Lines];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("data", DataPath);
        // Tests that want the demo install it themselves, at the size they need.
        builder.UseSetting("Demo:Enabled", "false");
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging =>
        {
            logging.AddProvider(_logs);
            logging.AddFilter<CapturedLogs>(null, CapturedLevel);
            if (CapturedLevel < LogLevel.Information)
            {
                logging.SetMinimumLevel(CapturedLevel);
            }
        });
    }

    public async Task<CockpitUser> AddUserAsync(string email, string password, params string[] roles)
    {
        var handler = Services.GetRequiredService<AddUserHandler>();
        return await handler.HandleAsync(new AddUser(email, password, roles), Actor.System);
    }

    /// <summary>The number of rows of every table of the store: equal before and after means nothing was written.</summary>
    public async Task<IReadOnlyDictionary<string, long>> RowCountsAsync()
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(DataPath, "cockpit.db")};Mode=ReadOnly");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }

        return counts;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the temp folder is cleaned by the OS later.
        }
    }

    /// <summary>Keeps every line in memory: a test portal lives for one test class.</summary>
    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                // The structured values too: a template may leave a secret out of the message but still carry it.
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                    ? string.Join("; ", pairs.Select(p => $"{p.Key}={p.Value}"))
                    : "";
                lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}]{(exception is null ? "" : "\n" + exception)}");
            }
        }
    }
}
