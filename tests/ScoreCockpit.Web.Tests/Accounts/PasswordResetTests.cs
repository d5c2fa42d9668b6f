using System.Net;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>"Forgot your password?" through the real portal and a real SMTP server.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "Fresh2026pass";
    private readonly ClockedPortal _portal = new();
    private TestSmtpServer _smtp = null!;

    public async ValueTask InitializeAsync()
    {
        _smtp = await TestSmtpServer.StartAsync();
        await _portal.AddUserAsync("ana@example.com", ClockedPortal.Password, Roles.Analyst);
    }

    [Fact]
    public async Task The_mailed_link_resets_the_password_once()
    {
        await _portal.UseMailServerAsync(_smtp.Port);
        var signInPage = await new PortalClient(_portal).Http.GetStringAsync("/account/signin");
        Assert.Contains("href=\"account/forgot\"", signInPage, StringComparison.Ordinal);

        var answer = await RequestAsync("ana@example.com");
        Assert.Contains("If an account uses this address, a mail with a link is on its way", answer, StringComparison.Ordinal);
        var mail = await _smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] Reset your password", mail.Subject);
        var link = ClockedPortal.ResetLinkIn(mail.TextBody);

        var client = new PortalClient(_portal);
        var done = await client.PostFormAsync(link, NewPasswordFields(NewPassword));
        Assert.Contains("Your password is changed. Sign in with it.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await client.SignInOrFailAsync("ana@example.com", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await new PortalClient(_portal).SignInAsync("ana@example.com", ClockedPortal.Password)).StatusCode);

        var reopened = await new PortalClient(_portal).Http.GetStringAsync(link);
        Assert.Contains("This link does not work any more", reopened, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.NewPassword\"", reopened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        await _portal.UseMailServerAsync(_smtp.Port);
        await RequestAsync("ana@example.com");
        var link = ClockedPortal.ResetLinkIn((await _smtp.NextAsync()).TextBody);
        var client = new PortalClient(_portal);
        var page = await client.Http.GetStringAsync(link);
        Assert.Contains("name=\"Input.NewPassword\"", page, StringComparison.Ordinal);

        _portal.Time.Advance(ResetTokenOptions.DefaultLifetime + TimeSpan.FromSeconds(1));
        var posted = await client.PostFormAsync(link, NewPasswordFields(NewPassword));

        Assert.Contains("This reset link does not work any more", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await new PortalClient(_portal).SignInOrFailAsync("ana@example.com", ClockedPortal.Password);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        await _portal.UseMailServerAsync(_smtp.Port);

        var unknown = await RequestAsync("nobody@example.com");
        var known = await RequestAsync("ana@example.com");

        Assert.Equal(known, unknown);
        Assert.Equal("ana@example.com", (await _smtp.NextAsync()).To.Mailboxes.Single().Address);
        Assert.Equal(0, _smtp.Waiting);
    }

    [Fact]
    public async Task Without_a_mail_server_the_page_says_to_ask_an_admin()
    {
        var page = await new PortalClient(_portal).Http.GetStringAsync("/account/forgot");

        Assert.Contains("Resetting a password by mail needs a mail server, and none is set. Ask an Admin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Email\"", page, StringComparison.Ordinal);
    }

    /// <summary>The page's answer to a request, without the parts that differ on every page (form tokens).</summary>
    private async Task<string> RequestAsync(string email)
    {
        var response = await new PortalClient(_portal).PostFormAsync("/account/forgot", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Dictionary<string, string> NewPasswordFields(string password) => new()
    {
        ["Input.NewPassword"] = password,
        ["Input.ConfirmPassword"] = password,
    };

    public async ValueTask DisposeAsync()
    {
        await _portal.DisposeAsync();
        await _smtp.DisposeAsync();
    }
}
