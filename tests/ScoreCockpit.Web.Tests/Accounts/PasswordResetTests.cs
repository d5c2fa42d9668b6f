using System.Net;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Tests.Shared;
using ScoreCockpit.Web.Tests.Http;
using Xunit;

namespace ScoreCockpit.Web.Tests.Accounts;

/// <summary>
/// "Forgot your password?" through the real portal and a real SMTP server: one of each for the class (its tests run
/// one after the other), each test with an account of its own, so the two-minute throttle never joins them.
/// </summary>
public sealed class PasswordResetTests(MailedPortal mailed) : IClassFixture<MailedPortal>
{
    private const string NewPassword = "Fresh2026pass";
    private readonly ClockedPortal _portal = mailed.Portal;
    private readonly TestSmtpServer _smtp = mailed.Smtp;

    [Fact]
    public async Task The_mailed_link_resets_the_password_once()
    {
        await _portal.AddUserAsync("once@example.com", ClockedPortal.Password, Roles.Analyst);
        var signInPage = await new PortalClient(_portal).Http.GetStringAsync("/account/signin");
        Assert.Contains("href=\"account/forgot\"", signInPage, StringComparison.Ordinal);

        var answer = await RequestAsync("once@example.com");
        Assert.Contains("If an account uses this address, a mail with a link is on its way", answer, StringComparison.Ordinal);
        var mail = await _smtp.NextAsync();
        Assert.Equal("[ScoreCockpit] Reset your password", mail.Subject);
        var link = ClockedPortal.ResetLinkIn(mail.TextBody);

        var client = new PortalClient(_portal);
        var done = await client.PostFormAsync(link, NewPasswordFields(NewPassword));
        Assert.Contains("Your password is changed. Sign in with it.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await client.SignInOrFailAsync("once@example.com", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await new PortalClient(_portal).SignInAsync("once@example.com", ClockedPortal.Password)).StatusCode);

        var reopened = await new PortalClient(_portal).Http.GetStringAsync(link);
        Assert.Contains("This link does not work any more", reopened, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.NewPassword\"", reopened, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_link_is_refused()
    {
        await _portal.AddUserAsync("late@example.com", ClockedPortal.Password, Roles.Analyst);
        await RequestAsync("late@example.com");
        var link = ClockedPortal.ResetLinkIn((await _smtp.NextAsync()).TextBody);
        var client = new PortalClient(_portal);
        var page = await client.Http.GetStringAsync(link);
        Assert.Contains("name=\"Input.NewPassword\"", page, StringComparison.Ordinal);

        // The form was opened in time and is sent after the link expired.
        _portal.Time.Advance(ResetTokenOptions.DefaultLifetime + TimeSpan.FromSeconds(1));
        var fields = NewPasswordFields(NewPassword);
        fields["__RequestVerificationToken"] = PortalClient.Hidden(page, "__RequestVerificationToken");
        fields["_handler"] = PortalClient.Hidden(page, "_handler");
        var posted = await client.Http.PostAsync(link, new FormUrlEncodedContent(fields));

        Assert.Contains("This reset link does not work any more", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await new PortalClient(_portal).SignInOrFailAsync("late@example.com", ClockedPortal.Password);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_and_no_mail()
    {
        await _portal.AddUserAsync("known@example.com", ClockedPortal.Password, Roles.Analyst);

        var unknown = await RequestAsync("nobody@example.com");
        var known = await RequestAsync("known@example.com");

        Assert.Equal(known, unknown);
        Assert.Equal("known@example.com", (await _smtp.NextAsync()).To.Mailboxes.Single().Address);
        Assert.Equal(0, _smtp.Waiting);
    }

    [Fact]
    public async Task Without_a_mail_server_the_page_says_to_ask_an_admin()
    {
        await using var bare = new ClockedPortal();
        var page = await new PortalClient(bare).Http.GetStringAsync("/account/forgot");

        Assert.Contains("Resetting a password by mail needs a mail server, and none is set. Ask an Admin", page, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Input.Email\"", page, StringComparison.Ordinal);
    }

    /// <summary>The page's answer to a request, without what differs on every page (data-protected form tokens).</summary>
    private async Task<string> RequestAsync(string email)
    {
        var response = await new PortalClient(_portal).PostFormAsync("/account/forgot", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("forgot-error", html, StringComparison.Ordinal);
        return Regex.Replace(html, "CfDJ8[A-Za-z0-9+/=_-]+", "(token)");
    }

    private static Dictionary<string, string> NewPasswordFields(string password) => new()
    {
        ["Input.NewPassword"] = password,
        ["Input.ConfirmPassword"] = password,
    };

}

/// <summary>A clocked portal whose mails go to a test SMTP server.</summary>
public sealed class MailedPortal : IAsyncLifetime
{
    public ClockedPortal Portal { get; } = new();

    public TestSmtpServer Smtp { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await TestSmtpServer.StartAsync();
        await Portal.UseMailServerAsync(Smtp.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await Portal.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
