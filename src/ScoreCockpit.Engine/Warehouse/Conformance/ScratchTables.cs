using System.Security.Cryptography;

namespace ScoreCockpit.Engine.Warehouse.Conformance;

/// <summary>
/// The tables one conformance run may create, all named <c>sc_check_&lt;random&gt;_…</c> so they cannot meet real tables or
/// another run's, and all dropped at the end whatever happened.
/// </summary>
internal sealed class ScratchTables(WarehouseSession session)
{
    public const string Prefix = "sc_check_";

    private readonly string run = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private readonly List<string> names = [];

    /// <summary>A scratch table name, remembered for the clean-up.</summary>
    public string Name(string purpose)
    {
        var name = $"{run}_{purpose}";
        if (!names.Contains(name))
        {
            names.Add(name);
        }

        return name;
    }

    public async Task DropAllAsync()
    {
        foreach (var name in names)
        {
            try
            {
                await session.DropTableIfExistsAsync(name, CancellationToken.None);
            }
            catch (WarehouseException)
            {
                // The next name may still go; a leftover carries the sc_check_ prefix and can be dropped by hand.
            }
        }
    }
}
