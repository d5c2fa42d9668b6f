using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Scenarios;

public static class ScenarioRecords
{
    public static async Task<Scenario> FindAsync(CockpitDbContext db, string name, CancellationToken ct)
    {
        var scenario = await db.Scenarios.SingleOrDefaultAsync(s => s.Name == name, ct);
        if (scenario is not null)
        {
            return scenario;
        }

        var names = await db.Scenarios.AsNoTracking().OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        throw new CockpitValidationException(names.Count == 0
            ? $"There is no scenario named '{name}': none exists yet (the Scenarios page or `scorecockpit scenario save` creates one)."
            : $"There is no scenario named '{name}'. Scenarios: {string.Join(", ", names)}.");
    }
}
