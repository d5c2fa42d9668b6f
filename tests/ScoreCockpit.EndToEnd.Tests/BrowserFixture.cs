using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.EndToEnd.Tests;

/// <summary>
/// The portal on real Kestrel at a free loopback port over a temporary data folder, and Debian's
/// Chromium driven by Playwright. No browser is ever downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumVariable = "SCORECOCKPIT_CHROMIUM";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
    ];

    private IPlaywright? _playwright;

    public PortalFactory Portal { get; } = new();
    public IBrowser? Browser { get; private set; }
    public string BaseUrl { get; private set; } = "";
    public string? MissingChromium { get; private set; }

    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async ValueTask InitializeAsync()
    {
        var chromium = Environment.GetEnvironmentVariable(ChromiumVariable) ?? "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            MissingChromium = chromium;
            return;
        }

        var port = FreePort();
        Portal.UseKestrel(port);
        Portal.StartServer();
        BaseUrl = $"http://127.0.0.1:{port}";

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context (own cookies) on a page of the given size; skips or fails without Chromium.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 850)
    {
        if (MissingChromium is not null)
        {
            ServiceRequirement.Missing($"Chromium ({MissingChromium})",
                $"apt-get install chromium, or point {ChromiumVariable} at a Chromium binary");
        }

        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
            Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        // Script errors in the page go to the test output: a chart that never draws usually says why there.
        page.PageError += (_, error) => Console.Error.WriteLine($"[browser error] {page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                Console.Error.WriteLine($"[browser {message.Type}] {page.Url}: {message.Text}");
            }
        };
        return page;
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Opens a tab of a MudTabs and waits until it is the selected one. A click that lands while the page re-renders
    /// its tabs (a busy machine widens that moment) can miss its handler, so the click is repeated until it takes.
    /// </summary>
    public static async Task OpenTabAsync(IPage page, string name)
    {
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await tab.ClickAsync();
            try
            {
                await Assertions.Expect(tab).ToHaveAttributeAsync("aria-selected", "true", new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Portal.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
