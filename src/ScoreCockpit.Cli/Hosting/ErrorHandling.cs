using System.CommandLine;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Cli.Hosting;

/// <summary>Turns the errors a person must fix into one line on standard error and exit code 2, never a stack trace.</summary>
public static class ErrorHandling
{
    public static void SetGuardedAction(
        this Command command, CliContext context, Func<ParseResult, CancellationToken, Task> action) =>
        command.SetGuardedAction(context, async (parse, ct) =>
        {
            await action(parse, ct);
            return ExitCodes.Ok;
        });

    /// <summary>As above, for a verb that chooses its own exit code.</summary>
    public static void SetGuardedAction(
        this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> action) =>
        command.SetAction(async (parse, ct) =>
        {
            try
            {
                return await action(parse, ct);
            }
            catch (Exception e) when (e is CockpitSetupException or CockpitValidationException or AccessDeniedException or WarehouseException
                or Engine.Modeling.ModelInputException or Engine.Modeling.Plans.ScoringPlanException)
            {
                await context.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.BadInput;
            }
            catch (Engine.Units.UnitFailedException e)
            {
                // The command was fine; a unit it dispatched did not finish its work.
                await context.Console.Error.WriteLineAsync($"error: {e.Message}");
                return ExitCodes.RunFailed;
            }
        });
}
