using ScoreCockpit.Engine.Demo;

namespace ScoreCockpit.Web.Hosting;

/// <summary>
/// On a brand-new data folder, installs the demo in the background so the portal is usable at once.
/// `Demo:Enabled=false` turns it off; `Demo:Customers` sizes it.
/// </summary>
internal sealed class DemoStartupService(
    DemoInstaller installer, DemoStatus status, IConfiguration configuration, ILogger<DemoStartupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Demo:Enabled", true) || !await installer.IsFreshAsync(stoppingToken))
        {
            return;
        }

        var customers = configuration.GetValue("Demo:Customers", DemoOptions.DefaultCustomers);
        logger.LogInformation("Empty data folder: installing the demo ({Customers} customers) in the background", customers);
        try
        {
            await installer.InstallAsync(customers, new ScoreCockpit.Engine.InlineProgress<DemoProgress>(status.Report), stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped with the portal; the next start resumes from what is there.
        }
        catch (Exception e)
        {
            logger.LogError(e, "The demo could not be installed");
            status.Report(new DemoProgress("The demo could not be installed", 0, 0, Failure: e.Message));
        }
    }
}
