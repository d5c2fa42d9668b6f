using System.Data.Common;
using System.Net.Sockets;
using System.Runtime.CompilerServices;

namespace ScoreCockpit.Web.Health;

/// <summary>
/// Why a store or a warehouse did not answer, in a few words a probe may show. Never the exception's own message: a
/// driver's message can name the host, the port, the user or the connection string.
/// </summary>
internal static class FailureReasons
{
    public static string Of(Exception failure, TimeSpan timeout)
    {
        var chain = Chain(failure).ToList();
        // The most telling cause wins, wherever it is in the chain: a socket error under a driver's own exception.
        if (chain.Any(e => e is OperationCanceledException or TimeoutException))
        {
            return $"no answer within {timeout.TotalSeconds:0.#} s";
        }

        return chain.OfType<SocketException>().Select(Socket).FirstOrDefault()
            ?? chain.Select(Driver).FirstOrDefault(r => r is not null)
            ?? (chain.Any(e => e is IOException) ? "the connection was cut" : null)
            ?? $"it could not be reached ({failure.GetType().Name})";
    }

    private static IEnumerable<Exception> Chain(Exception failure)
    {
        for (var e = failure; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }

    private static string Socket(SocketException e) => e.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "its host name is not known",
        SocketError.TimedOut => "the connection timed out",
        SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown or SocketError.HostDown => "the network cannot reach it",
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => "the connection was cut",
        var code => $"network error {code}",
    };

    // Each driver's exception is looked at by name first, so a portal on PostgreSQL never loads SqlClient to read one.
    private static string? Driver(Exception e) => e.GetType().FullName switch
    {
        "Microsoft.Data.Sqlite.SqliteException" => Sqlite(e),
        "Microsoft.Data.SqlClient.SqlException" => SqlServer(e),
        _ when e is DbException { SqlState: { Length: 5 } state } => SqlState(state),
        _ when e is Engine.Storage.CockpitSetupException => "its connection string cannot be decrypted with this store's keys: an Admin must enter it again",
        _ => null,
    };

    private static string SqlState(string state) => state switch
    {
        "28P01" or "28000" => "the user name or password was refused",
        "3D000" => "the database does not exist",
        "57P01" or "57P02" => "the server is shutting down",
        "57P03" => "the server is starting up or shutting down",
        "53300" => "the server has too many connections",
        "42501" => "permission denied",
        _ when state.StartsWith("08", StringComparison.Ordinal) => "the connection failed",
        _ => $"it answered with error {state}",
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Sqlite(Exception e) => ((Microsoft.Data.Sqlite.SqliteException)e).SqliteErrorCode switch
    {
        5 or 6 => "its file is locked by another process",
        8 => "its file is read-only",
        10 => "the disk reported an input/output error",
        11 or 26 => "its file is damaged or is not a SQLite database",
        13 => "the disk is full",
        14 => "its file cannot be opened",
        var code => $"SQLite error {code}",
    };

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string SqlServer(Exception e) => ((Microsoft.Data.SqlClient.SqlException)e).Number switch
    {
        18456 => "the user name or password was refused",
        4060 => "the database cannot be opened (it may not exist)",
        -2 => "the query timed out",
        -1 or 2 or 40 or 53 => "the server cannot be reached",
        var number => $"SQL Server error {number}",
    };
}
