using System.CommandLine;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Demo;

namespace ScoreCockpit.Cli.Demo;

/// <summary>`scorecockpit init [--demo] [--customers N]`: prepare a data folder, with the demo if asked.</summary>
public static class InitCommand
{
    private const int MinimumMonths = DemoOptions.MinMonthsWithHistory;

    public static Command Create(CliContext context)
    {
        var demo = new Option<bool>("--demo") { Description = "Create the demo warehouse, the three demo scores and their snapshots." };
        var customers = new Option<int>("--customers")
        {
            Description = "Size of the demo customer base.",
            DefaultValueFactory = _ => DemoOptions.DefaultCustomers,
            HelpName = "N",
        };
        var noHistory = new Option<bool>("--no-history")
        {
            Description = "Skip the demo's history (the monthly versions since the start of its data, their evaluations and activations).",
        };
        var months = new Option<int>("--months")
        {
            Description = "How many monthly snapshots the demo has, ending at the last month-end.",
            DefaultValueFactory = _ => DemoOptions.DefaultMonths,
            HelpName = "N",
        };
        var command = new Command("init", "Create the cockpit store in the data folder; with --demo, install the demo and its history.")
        { demo, customers, noHistory, months };
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            var size = parse.GetValue(customers);
            if (parse.GetValue(demo) && size is < 100 or > DemoOptions.MaxCustomers)
            {
                throw new Engine.Accounts.CockpitValidationException(
                    $"--customers must be between 100 and {DemoOptions.MaxCustomers:N0}, not {size}.");
            }

            if (parse.GetValue(months) is var count and (< MinimumMonths or > DemoOptions.MaxMonths))
            {
                throw new Engine.Accounts.CockpitValidationException(
                    $"--months must be between {MinimumMonths} (a year of history for the first versions to learn from) and {DemoOptions.MaxMonths}, not {count}.");
            }

            await using var host = await CliHost.StartAsync(parse, context, ct);
            await context.Console.Out.WriteLineAsync($"Cockpit store ready in {host.Data.Path}");
            if (!parse.GetValue(demo))
            {
                return;
            }

            var last = "";
            var progress = new Engine.InlineProgress<DemoProgress>(p =>
            {
                if (p.Stage != last)
                {
                    last = p.Stage;
                    context.Console.Out.WriteLine($"[{p.Done,3}/{p.Total}] {p.Stage}");
                }
            });
            var elapsed = await host.Get<DemoInstaller>().InstallAsync(size, parse.GetValue(months), progress, ct);
            if (!parse.GetValue(noHistory))
            {
                elapsed += await host.Get<DemoHistory>().BuildAsync(parse.GetValue(months), progress, ct);
            }

            await context.Console.Out.WriteLineAsync($"Demo ready in {elapsed.TotalSeconds:0.0} s. Start the portal and open it in a browser.");
        });
        return command;
    }
}
