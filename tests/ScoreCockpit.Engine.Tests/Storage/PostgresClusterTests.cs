using Npgsql;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Storage;

/// <summary>The throwaway cluster the store tests rely on.</summary>
public sealed class PostgresClusterTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_created_database_is_separate_utf8_and_served_on_the_loopback()
    {
        var cluster = await postgres.GetClusterAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"Cluster on port {cluster.Port}, started in {cluster.StartupTime.TotalMilliseconds:F0} ms.");
        var first = await cluster.CreateDatabaseAsync($"first_{Guid.NewGuid():N}", Ct);
        var second = await cluster.CreateDatabaseAsync($"second_{Guid.NewGuid():N}", Ct);

        await ExecuteAsync(first, "CREATE TABLE only_here (id int)");

        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"));
        Assert.Equal("UTF8", await ScalarAsync(second, "SHOW server_encoding"));
        Assert.Equal("127.0.0.1", await ScalarAsync(second, "SELECT host(inet_server_addr())"));
        Assert.Equal(cluster.Port, await ScalarAsync(second, "SELECT inet_server_port()"));
        Assert.Equal("off", await ScalarAsync(second, "SHOW fsync"));
    }

    [Theory]
    [InlineData("Bad")]
    [InlineData("x\"; DROP DATABASE postgres; --")]
    [InlineData("")]
    public async Task A_database_name_that_would_need_quoting_is_refused(string name)
    {
        var cluster = await postgres.GetClusterAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => cluster.CreateDatabaseAsync(name, Ct));

        Assert.Contains($"'{name}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_highest_installed_version_with_both_tools_is_chosen()
    {
        using var temp = new TempFolder();
        foreach (var (version, complete) in new[] { ("9.6", true), ("13", true), ("15", true), ("16", false), ("latest", true) })
        {
            var bin = Directory.CreateDirectory(Path.Combine(temp.Path, version, "bin")).FullName;
            File.WriteAllText(Path.Combine(bin, "initdb"), "");
            if (complete)
            {
                File.WriteAllText(Path.Combine(bin, "pg_ctl"), "");
            }
        }

        Assert.Equal(Path.Combine(temp.Path, "15", "bin"), PostgresCluster.FindBinaries(null, temp.Path));
        Assert.Equal(Path.Combine(temp.Path, "9.6", "bin"), PostgresCluster.FindBinaries(Path.Combine(temp.Path, "9.6", "bin"), temp.Path));
        Assert.Null(PostgresCluster.FindBinaries(null, Path.Combine(temp.Path, "absent")));
        Assert.Throws<InvalidOperationException>(() => PostgresCluster.FindBinaries(Path.Combine(temp.Path, "16", "bin"), temp.Path));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
