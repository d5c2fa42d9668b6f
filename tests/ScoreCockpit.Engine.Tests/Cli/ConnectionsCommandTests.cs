using Npgsql;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit connections add|list|test|remove` in a temporary data folder; connection strings come from standard input.</summary>
public sealed class ConnectionsCommandTests(PostgresClusterFixture postgres) : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task A_connection_added_from_standard_input_is_listed_without_its_secret()
    {
        var added = await sandbox.RunAsync("Host=dwh.example.com;Username=analyst;Password=S3cret-Value\n",
            "connections", "add", "dwh", "--provider", "postgres");
        var listed = await sandbox.RunAsync("", "connections", "list");

        Assert.Equal(ExitCodes.Ok, added.ExitCode);
        Assert.StartsWith("Saved connection dwh (postgres).", added.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Ok, listed.ExitCode);
        var lines = listed.Output.TrimEnd().Split('\n');
        Assert.Matches(@"^NAME\s+PROVIDER\s+BUILT-IN\s+UPDATED \(UTC\)$", lines[0]);
        Assert.Matches(@"^demo\s+duckdb\s+yes$", lines[1]);
        Assert.Matches(@"^dwh\s+postgres\s+no\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2} by system$", lines[2]);
        Assert.DoesNotContain("S3cret", added.Output + listed.Output + added.Error + listed.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("dwh.example.com", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Testing_a_DuckDb_file_connection_runs_select_1()
    {
        await sandbox.RunAsync($"Data Source={Path.Combine(sandbox.Root, "other.duckdb")}", "connections", "add", "files", "--provider", "duckdb");

        var result = await sandbox.RunAsync("", "connections", "test", "files");

        Assert.Equal("", result.Error);
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("Connected to files (DuckDb", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_Postgres_login_names_the_connection_and_exits_2()
    {
        // The test cluster trusts its own superuser whatever the password, so the login is refused through a user that
        // does not exist, with a wrong password: the server says no and the command must say which connection failed.
        var cluster = await postgres.GetClusterAsync();
        var builder = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync($"cli_{Guid.NewGuid():N}", TestContext.Current.CancellationToken))
        {
            Username = "nobody_here",
            Password = "Wrong-Password-1",
        };
        await sandbox.RunAsync(builder.ConnectionString, "connections", "add", "pgbad", "--provider", "postgres");

        var result = await sandbox.RunAsync("", "connections", "test", "pgbad");

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.StartsWith("error: Cannot connect to the warehouse pgbad (Postgres, ", result.Error, StringComparison.Ordinal);
        Assert.Contains("nobody_here", result.Error, StringComparison.Ordinal);
        Assert.Contains("Check its connection string", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Wrong-Password-1", result.Error + result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_connection_is_gone_and_removing_it_again_is_refused()
    {
        await sandbox.RunAsync("Data Source=x.duckdb", "connections", "add", "old", "--provider", "duckdb");

        var removed = await sandbox.RunAsync("", "connections", "remove", "old");
        var listed = await sandbox.RunAsync("", "connections", "list");
        var again = await sandbox.RunAsync("", "connections", "remove", "old");

        Assert.Equal(ExitCodes.Ok, removed.ExitCode);
        Assert.Equal("Removed connection old.", removed.Output.Trim());
        Assert.DoesNotContain("old", listed.Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.BadInput, again.ExitCode);
        Assert.Contains("There is no connection named 'old'", again.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("oracle", "", "'oracle' is not a warehouse provider")]
    [InlineData("duckdb", "", "No connection string on standard input")]
    public async Task A_bad_provider_or_no_connection_string_is_refused(string provider, string stdin, string message)
    {
        var result = await sandbox.RunAsync(stdin, "connections", "add", "x", "--provider", provider);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
