using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScoreCockpit.Engine;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Benchmarks.Store;

/// <summary>
/// The overview's sign-in chart over a store holding a year of audit entries, against the bare
/// indexed count the same store can answer (the floor any grouping must add to).
/// </summary>
[MemoryDiagnoser]
public class SignInsPerDayBenchmarks
{
    private string _folder = "";
    private ServiceProvider? _services;
    private SignInsPerDayHandler? _handler;
    private IDbContextFactory<CockpitDbContext>? _contexts;

    [Params(10_000, 100_000)]
    public int AuditEntries { get; set; }

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        _folder = Directory.CreateTempSubdirectory("scorecockpit-bench-").FullName;
        var data = new DataFolder(_folder);
        var services = new ServiceCollection().AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddScoreCockpitEngine(data, StoreSettings.Resolve(null, null, data));
        _services = services.BuildServiceProvider();
        await _services.PrepareCockpitStoreAsync();
        _handler = _services.GetRequiredService<SignInsPerDayHandler>();
        _contexts = _services.GetRequiredService<IDbContextFactory<CockpitDbContext>>();

        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var db = await _contexts.CreateDbContextAsync();
        var random = new Random(42);
        for (var i = 0; i < AuditEntries; i++)
        {
            db.AuditEntries.Add(new AuditEntry
            {
                At = now.AddMinutes(-random.Next(0, 365 * 24 * 60)),
                Actor = $"user{random.Next(0, 200)}@example.com",
                Action = random.Next(0, 10) == 0 ? AuditActions.SignInFailed : AuditActions.SignIn,
            });
        }

        await db.SaveChangesAsync();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> CountLast30DaysAsync()
    {
        var from = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-30);
        await using var db = await _contexts!.CreateDbContextAsync();
        return await db.AuditEntries.CountAsync(e => e.At >= from && e.Action == AuditActions.SignIn);
    }

    [Benchmark]
    public async Task<int> SignInsPerDayAsync() => (await _handler!.HandleAsync(30)).Count;

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
