using ScoreCockpit.Engine.Demo;

namespace ScoreCockpit.Web.Hosting;

/// <summary>
/// On a brand-new data folder, installs the demo in the background so the portal is usable at once.
/// Then its history: the monthly versions, their evaluations and the replayed activations (<see cref="DemoHistory"/>).
/// `Demo:Enabled=false` turns it off; `Demo:Customers` and `Demo:Months` size it.
/// </summary>
internal sealed class DemoStartupService(
    DemoInstaller installer, DemoHistory history, DemoStatus status, IConfiguration configuration, ILogger<DemoStartupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Demo:Enabled", true) || !await installer.IsFreshAsync(stoppingToken))
        {
            return;
        }

        var customers = configuration.GetValue("Demo:Customers", DemoOptions.DefaultCustomers);
        var months = configuration.GetValue("Demo:Months", DemoOptions.DefaultMonths);
        if (months is < DemoOptions.MinMonthsWithHistory or > DemoOptions.MaxMonths)
        {
            var message = $"Demo:Months must be between {DemoOptions.MinMonthsWithHistory} and {DemoOptions.MaxMonths}, not {months}.";
            logger.LogError("The demo was not installed: {Problem}", message);
            status.Report(new DemoProgress("The demo could not be installed", 0, 0, Failure: message));
            return;
        }

        logger.LogInformation("Empty data folder: installing the demo ({Customers} customers, {Months} months) in the background", customers, months);
        try
        {
            // The banner stays up until the history is there too: the install's "ready" is only half the way.
            await installer.InstallAsync(customers, months, new ScoreCockpit.Engine.InlineProgress<DemoProgress>(p =>
                status.Report(p with { Finished = false, Done = p.Done / 2, Total = p.Total })), stoppingToken);
            await history.BuildAsync(months, new ScoreCockpit.Engine.InlineProgress<DemoProgress>(p =>
                status.Report(p with { Done = (p.Total + p.Done) / 2 })), stoppingToken);
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
