using System.Diagnostics;
using Xunit;

namespace ScoreCockpit.Web.Tests.Http;

/// <summary>The portal started as a process with bad settings says what is wrong and exits, with no stack trace.</summary>
public sealed class StartupProblemTests
{
    [Fact]
    public async Task An_unwritable_data_folder_is_named()
    {
        var file = Path.GetTempFileName();
        try
        {
            var (exit, output) = await RunPortalAsync("--data", Path.Combine(file, "data"));

            Assert.Equal(2, exit);
            Assert.Contains("ScoreCockpit cannot start: The data folder", output, StringComparison.Ordinal);
            Assert.Contains("--data DIR", output, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_store_provider_is_named()
    {
        var (exit, output) = await RunPortalOnEmptyDataAsync("--Store:Provider", "Oracle");

        Assert.Equal(2, exit);
        Assert.Contains("Store:Provider 'Oracle' is not supported", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_store_is_named_without_its_password()
    {
        var (exit, output) = await RunPortalOnEmptyDataAsync("--Store:Provider", "Postgres",
            "--Store:ConnectionString", "Host=127.0.0.1;Port=1;Database=x;Username=u;Password=TopSecret;Timeout=3");

        Assert.Equal(2, exit);
        Assert.Contains("Cannot open the cockpit store (Postgres", output, StringComparison.Ordinal);
        Assert.DoesNotContain("TopSecret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsupported_culture_is_refused_with_the_supported_ones()
    {
        var (exit, output) = await RunPortalOnEmptyDataAsync("--Cockpit:Culture", "de-DE");

        Assert.Equal(2, exit);
        Assert.Contains("Cockpit:Culture = 'de-DE' is not a supported culture", output, StringComparison.Ordinal);
        Assert.Contains("en (English), fr (français)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    /// <summary>Runs the portal on a new, empty data folder with <paramref name="settings"/>, then removes the folder.</summary>
    internal static async Task<(int Exit, string Output)> RunPortalOnEmptyDataAsync(params string[] settings)
    {
        var data = Directory.CreateTempSubdirectory("scorecockpit-tests-").FullName;
        try
        {
            return await RunPortalAsync(["--data", data, .. settings]);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    internal static async Task<(int Exit, string Output)> RunPortalAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ScoreCockpit.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
