namespace ScoreCockpit.Engine.Warehouse;

/// <summary>Where one kind of warehouse's ADO.NET provider comes from: a DLL and its DbProviderFactory type.</summary>
public sealed record WarehouseProvider(WarehouseKind Kind, string? AssemblyPath, string? FactoryType)
{
    public string AssemblyKey => WarehouseProviders.Key(Kind, "Assembly");

    public string FactoryKey => WarehouseProviders.Key(Kind, "Factory");
}

/// <summary>
/// ADO.NET providers registered from configuration, no code change: <c>Warehouse:Providers:&lt;Kind&gt;:Assembly</c> (the
/// provider DLL's path; a relative path is taken from the folder of ScoreCockpit's binaries) and
/// <c>Warehouse:Providers:&lt;Kind&gt;:Factory</c> (its DbProviderFactory type, e.g. <c>Teradata.Client.Provider.TdFactory</c>).
/// In the environment the colons are double underscores. A kind without settings uses the provider ScoreCockpit ships.
/// </summary>
public sealed class WarehouseProviders
{
    private readonly Dictionary<WarehouseKind, WarehouseProvider> byKind;

    private WarehouseProviders(IEnumerable<WarehouseProvider> providers) => byKind = providers.ToDictionary(p => p.Kind);

    public static WarehouseProviders None { get; } = new([]);

    public static string Key(WarehouseKind kind, string part) => $"Warehouse:Providers:{kind}:{part}";

    public static WarehouseProviders Resolve(Func<string, string?> setting) =>
        new(Enum.GetValues<WarehouseKind>()
            .Select(kind => new WarehouseProvider(kind, Trimmed(setting(Key(kind, "Assembly"))), Trimmed(setting(Key(kind, "Factory")))))
            .Where(p => p.AssemblyPath is not null || p.FactoryType is not null));

    /// <summary>The provider configured for the kind, or null when the shipped one (or Teradata's registration) applies.</summary>
    public WarehouseProvider? For(WarehouseKind kind) => byKind.GetValueOrDefault(kind);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
