using System.Buffers;
using System.Net;
using System.Threading.Channels;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Xunit;
using SmtpServiceProvider = SmtpServer.ComponentModel.ServiceProvider;

namespace ScoreCockpit.Tests.Shared;

/// <summary>
/// A real SMTP server on a free loopback port, in this process. It keeps every mail it receives; a test awaits
/// the next one instead of sleeping. With a user name, it refuses mail from clients that do not sign in with it.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer()
    {
    }

    public int Port { get; private set; }

    public static async Task<TestSmtpServer> StartAsync(string? userName = null, string? password = null)
    {
        var server = new TestSmtpServer();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0))
                .AuthenticationRequired(userName is not null)
                .AllowUnsecureAuthentication(userName is not null))
            .Build();

        // Port 0 lets the system pick a free port; the listener tells which once it listens, so no race and no sleep.
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var listeners = new EndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => listening.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServiceProvider();
        services.Add(listeners);
        services.Add(new Store(server._received.Writer));
        if (userName is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));
        }

        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        server.Port = await listening.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return server;
    }

    /// <summary>The next mail received, waiting for it at most <paramref name="timeout"/> (30 s by default).</summary>
    public async Task<MimeMessage> NextAsync(TimeSpan? timeout = null)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        wait.CancelAfter(timeout ?? TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(wait.Token);
    }

    /// <summary>Mails received and not yet taken by <see cref="NextAsync"/>.</summary>
    public int Waiting => _received.Reader.Count;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what the token is for.
        }

        _stop.Dispose();
    }

    private sealed class Store(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            await received.WriteAsync(message, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
