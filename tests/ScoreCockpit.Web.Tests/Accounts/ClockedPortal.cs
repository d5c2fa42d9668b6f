using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Alerts;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>
/// The real portal on a fake clock: a test moves time past a reset link's lifetime or a session's stamp validation
/// instead of waiting for it.
/// </summary>
public sealed class ClockedPortal : PortalFactory
{
    public const string Password = "Portal2026ok";

    public FakeTimeProvider Time { get; } = new(TimeProvider.System.GetUtcNow());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Mails go to the test server on <paramref name="port"/>; links point at http://cockpit.example.</summary>
    public Task UseMailServerAsync(int port) => Get<MailSettingsHandler>().SaveAsync(new MailSettingsInput(
        "127.0.0.1", port, MailSecurity.None, null, null, "ScoreCockpit <cockpit@example.com>", "http://cockpit.example", []),
        Actor.System, TestContext.Current.CancellationToken);

    /// <summary>The path and query of the reset link in a mail, as the portal serves it.</summary>
    public static string ResetLinkIn(string? text)
    {
        var match = Regex.Match(text ?? "", @"http://cockpit\.example(?<path>/account/reset\?\S+)");
        Assert.True(match.Success, $"No reset link in the mail: {text}");
        return match.Groups["path"].Value;
    }
}
