using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using ScoreCockpit.Tests.Shared;

namespace ScoreCockpit.Benchmarks.Load;

/// <summary>
/// The real portal as a separate process, built in Release, on a free loopback port and a temporary data folder, with
/// the embedded demo at its normal size; and the real CLI on the same data folder, as an operator would use it.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    /// <summary>What <see cref="Engine.Demo.DemoHistory"/> logs when the demo's history is built: the portal is ready.</summary>
    private const string DemoReady = "Demo history built in";
    private const string DemoFailed = "The demo could not be installed";
    private const string Listening = "Now listening on";

    private readonly Process _process;
    private readonly ChildProcess.Lines _lines = new();

    private PortalProcess(Process process, string data, Uri address)
    {
        _process = process;
        Data = data;
        Address = address;
        _lines.Attach(process);
    }

    public string Data { get; }

    public Uri Address { get; }

    public int Id => _process.Id;

    private static string WebBinaries => Path.Combine(RepositoryRoot.Path, "src", "ScoreCockpit.Web", "bin", "Release", "net10.0");

    private static string CliBinaries => Path.Combine(RepositoryRoot.Path, "src", "ScoreCockpit.Cli", "bin", "Release", "net10.0");

    /// <summary>Builds the portal and the CLI in Release, as a release would ship them.</summary>
    public static async Task BuildAsync(TextWriter log)
    {
        foreach (var project in new[] { "ScoreCockpit.Web", "ScoreCockpit.Cli" })
        {
            await log.WriteLineAsync($"Building {project} (Release)…");
            var (exit, output, error) = await ChildProcess.RunAsync(ChildProcess.Dotnet(RepositoryRoot.Path,
                "build", "-c", "Release", "-v", "q", "--nologo", Path.Combine("src", project)));
            if (exit != 0)
            {
                throw new InvalidOperationException($"dotnet build of {project} failed ({exit}):\n{output}\n{error}");
            }
        }
    }

    /// <summary>Starts the portal on a new data folder: empty (the portal installs the demo) or a copy of <paramref name="demoFrom"/>.</summary>
    public static PortalProcess Start(string? demoFrom)
    {
        var dll = Path.Combine(WebBinaries, "ScoreCockpit.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: run without --no-build, or build src/ScoreCockpit.Web in Release first.");
        }

        var data = Directory.CreateTempSubdirectory("scorecockpit-load-").FullName;
        if (demoFrom is not null)
        {
            FolderCopy.Copy(demoFrom, data);
        }

        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = ChildProcess.Dotnet(data, dll, "--urls", address.ToString(), "--data", data);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The portal did not start.");
        return new PortalProcess(process, data, address);
    }

    /// <summary>Waits until the demo and its history are installed (the banner is gone); the portal's log says so.</summary>
    public Task WaitForDemoAsync(TimeSpan deadline) => WaitForLineAsync(DemoReady, DemoFailed, "the demo was ready", deadline);

    /// <summary>Waits until the portal listens; ASP.NET Core logs it once the server has bound its address.</summary>
    public Task WaitForHttpAsync(TimeSpan deadline) => WaitForLineAsync(Listening, null, "it listened", deadline);

    /// <summary>Waits for a line of the portal's log, failing at once on <paramref name="failed"/> or the process's exit.</summary>
    private async Task WaitForLineAsync(string ready, string? failed, string what, TimeSpan deadline)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _lines.Added += line =>
        {
            if (line.Contains(ready, StringComparison.Ordinal))
            {
                seen.TrySetResult();
            }
            else if (failed is not null && line.Contains(failed, StringComparison.Ordinal))
            {
                seen.TrySetException(new InvalidOperationException($"The portal failed before {what}:\n{_lines.Tail(40)}"));
            }
        };
        if (_lines.Any(ready))
        {
            return;
        }

        var exited = _process.WaitForExitAsync();
        var finished = await Task.WhenAny(seen.Task, exited, Task.Delay(deadline));
        if (finished == exited)
        {
            throw new InvalidOperationException($"The portal exited ({_process.ExitCode}) before {what}:\n{_lines.Tail(40)}");
        }

        if (finished != seen.Task)
        {
            throw new TimeoutException($"The portal had not logged that {what} after {deadline.TotalMinutes:0.#} minutes:\n{_lines.Tail(40)}");
        }

        await seen.Task;
    }

    /// <summary>`scorecockpit ARGS --data DATA`; the password, when given, on standard input.</summary>
    public Task<(int Exit, string Output, string Error)> CliAsync(IReadOnlyList<string> args, string? input = null, CancellationToken ct = default)
    {
        var dll = Path.Combine(CliBinaries, "scorecockpit.dll");
        return ChildProcess.RunAsync(ChildProcess.Dotnet(Data, [dll, .. args, "--data", Data]), input, ct);
    }

    /// <summary>Resident memory of the portal process in MB (VmRSS: managed heap, native memory and code alike).</summary>
    public double? ResidentMegabytes()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public string LogTail(int lines) => _lines.Tail(lines);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Data, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process: the temporary folder is cleaned by the OS later.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
