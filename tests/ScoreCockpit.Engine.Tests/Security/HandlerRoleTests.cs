using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Security;

/// <summary>
/// Every public engine method that takes an <see cref="Actor"/> is found by reflection and called as a Viewer with
/// placeholder arguments: it must throw <see cref="AccessDeniedException"/> before it validates or looks anything up,
/// and leave the store as it was. A new handler is covered without anyone listing it; only the calls a Viewer may
/// make are named below, each with its reason.
/// </summary>
public sealed class HandlerRoleTests(PostgresClusterFixture postgres)
{
    /// <summary>"Type.Method" → why a Viewer may call it.</summary>
    private static readonly Dictionary<string, string> ViewerMayCall = new(StringComparer.Ordinal)
    {
        ["ForwardPerformanceWorkbook.WriteAsync"] = "Viewers download reports; the actor only names who asked in the file",
        ["ScoreReportHandler.WriteAsync"] = "Viewers download reports; the actor only names who asked in the file",
        ["CreateTokenHandler.HandleAsync"] = "everyone may make read tokens for their own account; the run scope demands Analyst",
        ["ListMyTokensHandler.HandleAsync"] = "everyone lists their own tokens, and only theirs",
        ["RevokeTokenHandler.HandleAsync"] = "everyone revokes their own tokens; another person's needs Admin",
    };

    private static readonly Actor Viewer = Actor.Of("viewer@example.com", Roles.Viewer);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IReadOnlyList<MethodInfo> ActorMethods { get; } = typeof(Actor).Assembly.GetExportedTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && m.GetParameters().Any(p => p.ParameterType == typeof(Actor)))
        .OrderBy(Key, StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void The_search_finds_the_handlers_that_change_things()
    {
        var keys = ActorMethods.Select(Key).ToList();
        Assert.Contains("CreateScoreHandler.HandleAsync", keys);
        Assert.Contains("AddUserHandler.HandleAsync", keys);
        Assert.Contains("WarehouseConnections.SaveAsync", keys);
        Assert.All(ViewerMayCall.Keys, k => Assert.Contains(k, keys));
    }

    [Fact]
    public async Task Every_handler_refuses_a_viewer_first_and_changes_nothing()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        var before = await RowCountsAsync(store);
        var problems = new List<string>();

        foreach (var method in ActorMethods.Where(m => !ViewerMayCall.ContainsKey(Key(m))))
        {
            var started = TimeProvider.System.GetTimestamp();
            var outcome = await CallAsViewerAsync(store.Services, method);
            TestContext.Current.TestOutputHelper?.WriteLine($"{Key(method)}: {TimeProvider.System.GetElapsedTime(started).TotalMilliseconds:0} ms");
            if (outcome is not AccessDeniedException)
            {
                problems.Add($"{Key(method)}: {(outcome is null ? "completed" : $"{outcome.GetType().Name}: {outcome.Message}")}");
            }
        }

        Assert.True(problems.Count == 0,
            "These calls by a Viewer did not end in AccessDeniedException first (put actor.Require(...) at the top, "
            + "or allow-list a read-only one in ViewerMayCall with its reason):\n" + string.Join("\n", problems));
        Assert.Equal(before, await RowCountsAsync(store));
    }

    private static string Key(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    private static async Task<Exception?> CallAsViewerAsync(IServiceProvider services, MethodInfo method)
    {
        object target;
        try
        {
            target = ActivatorUtilities.GetServiceOrCreateInstance(services, method.DeclaringType!);
        }
        catch (InvalidOperationException e)
        {
            return new InvalidOperationException($"cannot be built from the engine's services ({e.Message})");
        }

        var arguments = method.GetParameters().Select(Placeholder).ToArray();
        try
        {
            var task = (Task)method.Invoke(target, arguments)!;
            await task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    // Values that are wrong or empty on purpose: a handler that looks at them before the role gets caught.
    private static object? Placeholder(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        if (type == typeof(Actor))
        {
            return Viewer;
        }

        if (type == typeof(CancellationToken))
        {
            return Ct;
        }

        if (type == typeof(string))
        {
            return "placeholder";
        }

        if (type == typeof(Stream))
        {
            return new MemoryStream();
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        if (type.IsArray)
        {
            return Array.CreateInstance(type.GetElementType()!, 0);
        }

        if (parameter.HasDefaultValue || type.IsAbstract || type.IsInterface || typeof(Delegate).IsAssignableFrom(type))
        {
            return parameter.HasDefaultValue ? parameter.DefaultValue : null;
        }

        return RuntimeHelpers.GetUninitializedObject(type);
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync(TestStore store)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var connection = new SqliteConnection(store.Settings.ConnectionString);
        await connection.OpenAsync(Ct);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var reader = await list.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)(await count.ExecuteScalarAsync(Ct))!;
        }

        Assert.Contains(counts.Keys, t => t.Contains("Audit", StringComparison.OrdinalIgnoreCase));
        return counts;
    }
}
