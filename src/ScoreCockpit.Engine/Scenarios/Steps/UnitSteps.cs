using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Engine.Scenarios.Conditions;
using ScoreCockpit.Engine.Scenarios.Running;
using ScoreCockpit.Engine.Units;

namespace ScoreCockpit.Engine.Scenarios.Steps;

/// <summary>
/// A step that is a unit of work goes through the installation's executor: in this process by default, else a child
/// process or a Kubernetes Job. Its lines stream into the step's log, its outputs become the step's, and a unit that
/// did not finish its work fails the step with the unit's reason.
/// </summary>
internal static class UnitSteps
{
    public static async Task<UnitResult> RunAsync(UnitDispatcher units, UnitOfWork unit, StepContext context, CancellationToken ct)
    {
        var result = await units.RunAsync(unit, context.Actor, context.Log, scenarioRunId: context.Run.Id, ct: ct);
        if (!result.Succeeded)
        {
            // The unit's own words (a missing column, a score without snapshots) are what the person must read.
            throw new UnitFailedException(result.Where is null ? result.Message : $"{result.Message} ({result.Where})");
        }

        context.Log(result.Where is null ? result.Message : $"{result.Message} ({result.Where})");
        foreach (var (key, value) in result.Outputs)
        {
            context.Current[key] = Typed(value);
        }

        return result;
    }

    private static TypedValue Typed(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => TypedValue.Number(value.GetDouble()),
        JsonValueKind.True or JsonValueKind.False => TypedValue.Boolean(value.GetBoolean()),
        _ when DateOnly.TryParseExact(value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => TypedValue.Date(date),
        _ => TypedValue.Text(value.GetString() ?? ""),
    };
}
