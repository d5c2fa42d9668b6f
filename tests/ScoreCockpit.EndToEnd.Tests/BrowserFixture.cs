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

    private readonly PortalFactory _portal = new();
    private readonly Lock _start = new();
    private IPlaywright? _playwright;
    private bool _started;

    /// <summary>The portal, started on first use so that <see cref="InstallDemoAsync"/> can fill its data folder first.</summary>
    public PortalFactory Portal
    {
        get
        {
            lock (_start)
            {
                if (!_started && MissingChromium is null)
                {
                    _portal.StartServer();
                    _started = true;
                }
            }

            return _portal;
        }
    }
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
        _portal.UseKestrel(port);
        BaseUrl = $"http://127.0.0.1:{port}";

        // Every expectation waits for what the page shows and ends as soon as it holds: the bound only turns a page that
        // never gets there into a failure. Playwright's 5 s default is too short for a circuit on a busy machine.
        Assertions.SetDefaultExpectTimeout(PageBound);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A new browser context (own cookies) on a page of the given size; skips or fails without Chromium.</summary>
    public async Task<IPage> NewPageAsync(int width = 1366, int height = 850, string locale = "en-GB")
    {
        if (MissingChromium is not null)
        {
            ServiceRequirement.Missing($"Chromium ({MissingChromium})",
                $"apt-get install chromium, or point {ChromiumVariable} at a Chromium binary");
        }

        _ = Portal;
        var context = await Browser!.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = BaseUrl,
            Locale = locale,
        });
        // Before any page script: records every chart marked drawn while it held no drawn Plotly plot, which the
        // chart waits then refuse. An observer's callback runs right after the marking, before Plotly could catch up.
        await context.AddInitScriptAsync(EarlyDrawnCharts);
        await context.AddInitScriptAsync(ShownSnackbars);
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

    /// <summary>
    /// Puts the demo of <paramref name="customers"/> customers in the portal's data folder before it starts: a copy of
    /// one installed once per test run (<see cref="DemoTemplate"/>), in milliseconds rather than the install's seconds.
    /// </summary>
    public async Task InstallDemoAsync(int customers)
    {
        var template = await DemoTemplate.GetAsync(customers);
        lock (_start)
        {
            if (_started)
            {
                throw new InvalidOperationException("The demo is copied into the data folder before the portal starts: install it first.");
            }

            FolderCopy.Copy(template, _portal.DataPath);
        }
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    /// <summary>
    /// Waits until the chart with this id (a ScoringChart) has finished drawing its current data: Plotly's drawing
    /// promise resolved, signalled by the chart itself. The bound is generous because the wait ends as soon as the chart
    /// says so; it only turns a chart that never draws into a failure rather than a hung test.
    /// </summary>
    public static async Task ChartDrawnAsync(IPage page, string chartId)
    {
        var chart = page.Locator($"#{chartId}");
        await Assertions.Expect(chart).ToHaveAttributeAsync("data-drawn", "true", new() { Timeout = ChartBound });
        await Assertions.Expect(chart.Locator(".main-svg").First).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("window.scorecockpitEarlyCharts ?? []"));
    }

    /// <summary>
    /// Waits until the page has shown a snackbar containing the text. Snackbars hide themselves after a few seconds,
    /// which a busy machine can spend before a test looks: the page records each one as it appears, and the test reads
    /// that record.
    /// </summary>
    public static Task SnackbarShownAsync(IPage page, string text) => page.WaitForFunctionAsync(
        "text => window.scorecockpitSnackbars.some(shown => shown.includes(text))", text, new() { Timeout = PageBound });

    private const string ShownSnackbars = """
        window.scorecockpitSnackbars = [];
        new MutationObserver(() => {
            for (const snackbar of document.querySelectorAll('.mud-snackbar')) {
                const text = snackbar.textContent;
                if (text && !window.scorecockpitSnackbars.includes(text)) window.scorecockpitSnackbars.push(text);
            }
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    private const string EarlyDrawnCharts = """
        window.scorecockpitEarlyCharts = [];
        new MutationObserver(records => {
            for (const record of records) {
                const chart = record.target;
                if (chart.dataset.drawn !== 'true') continue;
                const plot = chart.querySelector('.js-plotly-plot');
                if (!plot?._fullLayout || !plot.querySelector('.main-svg')) window.scorecockpitEarlyCharts.push(chart.id);
            }
        }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-drawn'] });
        """;

    /// <summary>
    /// Does something that redraws the chart (a theme toggle, another series) and waits for the new drawing, not the
    /// one already on screen: every drawing has an element id of its own, so the wait is for a new id, drawn.
    /// </summary>
    public static async Task ChartRedrawnAsync(IPage page, string chartId, Func<Task> redraw)
    {
        await ChartDrawnAsync(page, chartId);
        var before = await PlotIdAsync(page, chartId);
        await redraw();
        await page.WaitForFunctionAsync(
            "([id, before]) => { const chart = document.getElementById(id); const plot = chart?.querySelector('.js-plotly-plot');"
            + " return chart?.dataset.drawn === 'true' && plot != null && plot.id !== before; }",
            new object[] { chartId, before }, new() { Timeout = ChartBound });
        await ChartDrawnAsync(page, chartId);
    }

    private static async Task<string> PlotIdAsync(IPage page, string chartId) =>
        await page.Locator($"#{chartId} .js-plotly-plot").First.GetAttributeAsync("id") ?? "";

    private const float ChartBound = 120_000;
    private const float PageBound = 60_000;

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

    /// <summary>
    /// Picks an option of a MudSelect. A click that lands while the page re-renders (a busy machine widens that
    /// moment) can leave the list closed, so the click is repeated until the option shows, then the option is clicked.
    /// </summary>
    public static async Task ChooseAsync(IPage page, string select, string option)
    {
        var choice = page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
        for (var attempt = 1; ; attempt++)
        {
            await page.ClickAsync(select);
            try
            {
                await Assertions.Expect(choice).ToBeVisibleAsync(new() { Timeout = 10_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }

        await choice.ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await _portal.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
