using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units;

namespace ScoreCockpit.Web.Scores;

/// <summary>
/// A button that starts heavy work sends it through the installation's executor, like a scenario step, and shows
/// the unit's own reason when it did not finish its work, where the page shows any refusal.
/// </summary>
public static class UnitButtons
{
    public static async Task<UnitResult> RunAsync(this UnitDispatcher units, UnitOfWork unit, Actor actor)
    {
        actor.Require(Roles.Analyst, unit.Describe());
        UnitResult result;
        try
        {
            result = await units.RunAsync(unit, actor, _ => { });
        }
        catch (CockpitSetupException e)
        {
            throw new CockpitValidationException($"The executor cannot run it: {e.Message}");
        }

        return result.Succeeded ? result : throw new CockpitValidationException(result.Message);
    }
}
