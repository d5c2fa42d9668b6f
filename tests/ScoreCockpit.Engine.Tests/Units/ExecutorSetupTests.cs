using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Cli;
using ScoreCockpit.Engine.Units;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Units;

/// <summary>Set-ups that cannot run units are refused when the host starts, naming what to set.</summary>
public sealed class ExecutorSetupTests : IDisposable
{
    private readonly CliSandbox _cli = new();

    [Fact]
    public void Kubernetes_mode_refuses_a_sqlite_store_at_start_up_saying_why_and_what_to_use()
    {
        var units = UnitSettings.Resolve(key => key == UnitSettings.ExecutorKey ? "kubernetes" : null);
        var store = new StoreSettings(StoreProvider.Sqlite, $"Data Source={Path.Combine(_cli.Root, "cockpit.db")}");

        var refused = Assert.Throws<CockpitSetupException>(() => new ServiceCollection().AddScoreCockpitEngine(
            new DataFolder(_cli.Root), store, units: units, setting: key => key == "Units:Kubernetes:Image" ? "registry.example.com/scorecockpit:1" : null));

        Assert.Contains("Units cannot run as Kubernetes Jobs on a SQLite cockpit store", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Use PostgreSQL (Store:Provider=Postgres, Store:ConnectionString)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubernetes_mode_without_an_image_names_the_setting()
    {
        var units = UnitSettings.Resolve(key => key == UnitSettings.ExecutorKey ? "kubernetes" : null);
        var store = new StoreSettings(StoreProvider.Postgres, "Host=127.0.0.1;Database=cockpit");

        var refused = Assert.Throws<CockpitSetupException>(() => new ServiceCollection().AddScoreCockpitEngine(
            new DataFolder(_cli.Root), store, units: units, setting: _ => null));

        Assert.StartsWith("Units:Kubernetes:Image is not set", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UnitSettings.ExecutorKey, "cluster", "Units:Executor is 'cluster': use in-process, process or kubernetes.")]
    [InlineData(UnitSettings.WorkersKey, "0", "Units:Workers is '0': give a whole number of at least 1.")]
    [InlineData(UnitSettings.RetriesKey, "-1", "Units:Retries is '-1': give a whole number of at least 0.")]
    public void A_bad_unit_setting_names_the_key_and_what_to_give(string key, string value, string message) =>
        Assert.Equal(message, Assert.Throws<CockpitSetupException>(() => UnitSettings.Resolve(k => k == key ? value : null)).Message);

    [Fact]
    public async Task The_command_line_refuses_a_kubernetes_run_on_a_sqlite_store_and_a_bad_executor_without_writing_anything()
    {
        Assert.Equal(0, (await _cli.RunAsync("", "init")).ExitCode);
        _cli.Environment["Units__Executor"] = "kubernetes";
        _cli.Environment["Units__Kubernetes__Image"] = "registry.example.com/scorecockpit:1";

        var refused = await _cli.RunAsync("", "evaluate", "churn");

        Assert.Equal(2, refused.ExitCode);
        Assert.StartsWith("error: Units cannot run as Kubernetes Jobs on a SQLite cockpit store", refused.Error, StringComparison.Ordinal);
        _cli.Environment.Clear();
        var unknown = await _cli.RunAsync("", "evaluate", "churn", "--executor", "cloud");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--executor is 'cloud': use in-process, process or kubernetes.", unknown.Error, StringComparison.Ordinal);
        var none = await _cli.RunAsync("", "evaluate", "churn", "--workers", "0");
        Assert.Equal(2, none.ExitCode);
        Assert.Contains("--workers is 0: give how many units run at once, 1 or more.", none.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
