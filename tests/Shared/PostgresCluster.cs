using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;
using Xunit;

namespace ScoreCockpit.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL cluster: <c>initdb</c> into a fresh temp folder, <c>pg_ctl start</c> on a free
/// loopback port, and on dispose <c>pg_ctl stop -m immediate</c> and the folder deleted. Durability is
/// switched off (fsync, synchronous_commit, full_page_writes): nothing here must survive a crash.
/// initdb refuses to run as root, so under root the server runs as the <c>postgres</c> system user.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    public const string BinEnvironmentVariable = "SCORECOCKPIT_PG_BIN";
    private const string SuperUser = "postgres";
    private const string SystemUser = "postgres";
    private const int StartAttempts = 3;
    private static readonly TimeSpan ToolTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _bin;
    private readonly string _root;
    private readonly string[] _runAs;
    private int _disposed;

    private PostgresCluster(string bin, string root, string[] runAs)
    {
        _bin = bin;
        _root = root;
        _runAs = runAs;
    }

    public int Port { get; private set; }

    /// <summary>How long initdb plus start-up took, for reports.</summary>
    public TimeSpan StartupTime { get; private set; }

    public string DataDirectory => Path.Combine(_root, "data");

    private string SocketDirectory => Path.Combine(_root, "s");

    private string LogFile => Path.Combine(_root, "server.log");

    /// <summary>
    /// The bin folder holding initdb and pg_ctl: SCORECOCKPIT_PG_BIN if set, else the highest version
    /// under /usr/lib/postgresql/*/bin (Debian's layout); null when PostgreSQL is not installed.
    /// </summary>
    public static string? FindBinaries() => OperatingSystem.IsWindows()
        ? null
        : FindBinaries(Environment.GetEnvironmentVariable(BinEnvironmentVariable), "/usr/lib/postgresql");

    /// <summary>The override folder if given (it must hold the tools), else the highest version/bin under <paramref name="versionsFolder"/>.</summary>
    public static string? FindBinaries(string? overridden, string versionsFolder)
    {
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return HasTools(overridden)
                ? overridden
                : throw new InvalidOperationException(
                    $"{BinEnvironmentVariable} is '{overridden}', but that folder does not hold both initdb and pg_ctl.");
        }

        if (!Directory.Exists(versionsFolder))
        {
            return null;
        }

        return Directory.EnumerateDirectories(versionsFolder)
            .Select(dir => (Version: ParseVersion(Path.GetFileName(dir)), Bin: Path.Combine(dir, "bin")))
            .Where(candidate => candidate.Version is not null && HasTools(candidate.Bin))
            .OrderByDescending(candidate => candidate.Version)
            .Select(candidate => candidate.Bin)
            .FirstOrDefault();
    }

    /// <summary>Creates, starts and waits for a new cluster. Throws with pg_ctl's output and the server log on failure.</summary>
    public static async Task<PostgresCluster> StartAsync(string bin, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var runAsPostgres = Environment.IsPrivilegedProcess;
        var root = CreateRoot(runAsPostgres);
        var cluster = new PostgresCluster(bin, root, runAsPostgres ? SwitchUserPrefix() : []);
        try
        {
            Directory.CreateDirectory(cluster.SocketDirectory);
            if (runAsPostgres)
            {
                await cluster.RunAsync("chown", ["-R", $"{SystemUser}:", root], asServerUser: false, ct);
            }

            await cluster.RunToolAsync("initdb",
                ["-D", cluster.DataDirectory, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-sync"],
                ct);
            await cluster.StartServerAsync(ct);
            await cluster.WaitUntilReadyAsync(ct);
            cluster.StartupTime = clock.Elapsed;
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A connection string to one database of this cluster, over TCP on the loopback.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        Timeout = 15,
    }.ConnectionString;

    /// <summary>Creates an empty database (lower-case letters, digits, underscores) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException(
                $"Database name '{name}' must be lower-case letters, digits and underscores, starting with a letter or underscore (at most 63).",
                nameof(name));
        }

        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        // The name is checked against DatabaseName() above; CREATE DATABASE takes no parameters.
#pragma warning disable CA2100
        command.CommandText = $"CREATE DATABASE \"{name}\"";
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(ct);
        return ConnectionString(name);
    }

    /// <summary>A loopback TCP port that was free a moment ago.</summary>
    public static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            try
            {
                await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"], CancellationToken.None);
            }
            catch (Exception)
            {
                // Already gone, or cannot be stopped: the folder is still removed below.
            }
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover folder in the temp area is harmless; failing a test run over it is not.
        }
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>): open sessions are cut, as when a database server goes down.</summary>
    public async Task StopAsync(CancellationToken ct = default) =>
        await RunToolAsync("pg_ctl", ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"], ct);

    /// <summary>Starts a stopped server again on the same port, and waits until it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        var result = await RunAsync(ToolPath("pg_ctl"), ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "30", "-o", ServerOptions()],
            asServerUser: true, ct, throwOnFailure: false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL did not start again (pg_ctl exit code {result.ExitCode}, port {Port}, folder {_root}).\n" +
                $"--- pg_ctl output ---\n{result.Output}\n--- server log ---\n{ReadLog()}");
        }

        await WaitUntilReadyAsync(ct);
    }

    private string ServerOptions() => string.Join(' ',
        $"-p {Port}",
        "-c listen_addresses=127.0.0.1",
        $"-k '{SocketDirectory}'",
        "-c max_connections=300",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c log_min_messages=warning");

    private async Task StartServerAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = FindFreePort();
            var options = ServerOptions();
            var result = await RunAsync(ToolPath("pg_ctl"),
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "30", "-o", options],
                asServerUser: true, ct, throwOnFailure: false);
            if (result.ExitCode == 0)
            {
                return;
            }

            var log = ReadLog();
            if (attempt < StartAttempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the port between probing and binding: try another one.
                File.Delete(LogFile);
                continue;
            }

            throw new InvalidOperationException(
                $"PostgreSQL did not start (pg_ctl exit code {result.ExitCode}, port {Port}, folder {_root}).\n" +
                $"--- pg_ctl output ---\n{result.Output}\n--- server log ---\n{log}");
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken ct)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString()) { Timeout = 5, Pooling = false };
        var deadline = Stopwatch.StartNew();
        Exception? last = null;
        while (deadline.Elapsed < ReadyTimeout)
        {
            try
            {
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(ct);
                return;
            }
            catch (NpgsqlException e)
            {
                last = e;
            }

            // pg_ctl -w normally returns only once the server is ready; this is the rare slow path.
            await Task.Delay(TimeSpan.FromMilliseconds(50), ct);
        }

        throw new InvalidOperationException(
            $"PostgreSQL on port {Port} did not accept connections within {ReadyTimeout.TotalSeconds} s: {last?.Message}\n" +
            $"--- server log ---\n{ReadLog()}", last);
    }

    private Task<ToolResult> RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken ct) =>
        RunAsync(ToolPath(tool), arguments, asServerUser: true, ct);

    private string ToolPath(string tool) => Path.Combine(_bin, tool);

    private async Task<ToolResult> RunAsync(string fileName, IReadOnlyList<string> arguments, bool asServerUser,
        CancellationToken ct, bool throwOnFailure = true)
    {
        var prefix = asServerUser ? _runAs : [];
        var info = new ProcessStartInfo
        {
            FileName = prefix.Length > 0 ? prefix[0] : fileName,
            // initdb and pg_ctl look up the current folder, which must be readable by the server user.
            WorkingDirectory = _root,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in prefix.Skip(1).Concat(prefix.Length > 0 ? [fileName] : []).Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["LC_ALL"] = "C";
        var commandLine = string.Join(' ', info.ArgumentList.Prepend(info.FileName));
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException($"Could not start {commandLine}.");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ToolTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{commandLine} did not finish within {ToolTimeout.TotalSeconds} s.");
        }

        var output = (await stdout + await stderr).Trim();
        if (throwOnFailure && process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{commandLine} failed with exit code {process.ExitCode}:\n{output}" +
                (File.Exists(LogFile) ? $"\n--- server log ---\n{ReadLog()}" : ""));
        }

        return new ToolResult(process.ExitCode, output);
    }

    private string ReadLog()
    {
        try
        {
            return File.Exists(LogFile) ? File.ReadAllText(LogFile) : "(no server log was written)";
        }
        catch (IOException e)
        {
            return $"(the server log could not be read: {e.Message})";
        }
    }

    /// <summary>
    /// A fresh folder with a short path (the Unix socket path is limited to ~100 bytes). Under root it
    /// must be reachable by the postgres user, so every parent must be traversable by others.
    /// </summary>
    private static string CreateRoot(bool forOtherUser)
    {
        var name = $"scorecockpit-pg-{Guid.NewGuid():N}"[..28];
        var parent = Path.GetTempPath();
        if ((forOtherUser && !TraversableByOthers(parent)) || parent.Length + name.Length > 70)
        {
            parent = "/tmp";
        }

        var root = Path.Combine(parent, name);
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool TraversableByOthers(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            if (!dir.Exists || (dir.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>How to run a command as the postgres system user: setpriv (no PAM needed), else runuser.</summary>
    private static string[] SwitchUserPrefix()
    {
        if (FindExecutable("setpriv") is { } setpriv)
        {
            return [setpriv, $"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups", "--"];
        }

        if (FindExecutable("runuser") is { } runuser)
        {
            return [runuser, "-u", SystemUser, "--"];
        }

        throw new InvalidOperationException(
            "The tests run as root, which initdb refuses, and neither setpriv nor runuser is available " +
            "to run PostgreSQL as the postgres user (apt-get install util-linux), or run the tests as another user.");
    }

    private static string? FindExecutable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Concat(["/usr/bin", "/usr/sbin", "/bin", "/sbin"])
            .Where(dir => dir.Length > 0)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static bool HasTools(string bin) =>
        File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl"));

    private static Version? ParseVersion(string folderName) =>
        Version.TryParse(folderName.Contains('.', StringComparison.Ordinal) ? folderName : folderName + ".0", out var version)
            ? version
            : int.TryParse(folderName, NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? new Version(major, 0) : null;

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();

    private sealed record ToolResult(int ExitCode, string Output);
}

/// <summary>
/// One cluster for the whole test assembly (<c>[assembly: AssemblyFixture(typeof(PostgresClusterFixture))]</c>),
/// or for a collection. It starts on first use, so runs that need no PostgreSQL never pay for it; each test
/// class or test then creates its own database with <see cref="PostgresCluster.CreateDatabaseAsync"/>.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    private readonly Lazy<Task<PostgresCluster>> _cluster = new(
        () => PostgresCluster.StartAsync(PostgresCluster.FindBinaries()
            ?? throw new InvalidOperationException("PostgreSQL binaries were not found.")),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>
    /// The running cluster. When PostgreSQL is not installed the calling test is skipped (failed under CI);
    /// when it is installed but does not start, every caller gets the same exception with the server log.
    /// </summary>
    public async Task<PostgresCluster> GetClusterAsync()
    {
        if (PostgresCluster.FindBinaries() is null)
        {
            ServiceRequirement.Missing("PostgreSQL",
                $"apt-get install postgresql (or set {PostgresCluster.BinEnvironmentVariable} to a folder holding initdb and pg_ctl)");
        }

        return await _cluster.Value;
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (!_cluster.IsValueCreated)
        {
            return;
        }

        try
        {
            await (await _cluster.Value).DisposeAsync();
        }
        catch (Exception)
        {
            // It never started; StartAsync already cleaned up after itself.
        }
    }
}
