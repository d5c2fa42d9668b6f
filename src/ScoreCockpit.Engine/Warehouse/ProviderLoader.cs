using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using System.Runtime.Loader;

namespace ScoreCockpit.Engine.Warehouse;

/// <summary>
/// Loads a configured ADO.NET provider: its DLL into a load context of its own, then the static <c>Instance</c> of its
/// DbProviderFactory type (the ADO.NET convention). Every mistake in the settings is a <see cref="WarehouseException"/>
/// naming the connection and the setting to fix.
/// </summary>
internal static class ProviderLoader
{
    private static readonly ConcurrentDictionary<(string Path, string Type), DbProviderFactory> Loaded = new();

    public static DbProviderFactory Load(WarehouseConnectionInfo info, WarehouseProvider provider)
    {
        var problem = $"The warehouse connection '{info.Name}' ({info.Kind}) cannot load its ADO.NET provider:";
        if (provider.AssemblyPath is null || provider.FactoryType is null)
        {
            throw new WarehouseException(
                $"{problem} set both {provider.AssemblyKey} (the provider DLL's path) and {provider.FactoryKey} (its DbProviderFactory " +
                "type, e.g. Teradata.Client.Provider.TdFactory).");
        }

        var path = Path.GetFullPath(provider.AssemblyPath, AppContext.BaseDirectory);
        if (!File.Exists(path))
        {
            throw new WarehouseException($"{problem} the file '{path}' set in {provider.AssemblyKey} does not exist.");
        }

        return Loaded.GetOrAdd((path, provider.FactoryType), key => Create(key.Path, key.Type, provider, problem));
    }

    private static DbProviderFactory Create(string path, string typeName, WarehouseProvider provider, string problem)
    {
        Assembly assembly;
        try
        {
            assembly = new ProviderLoadContext(path).LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new WarehouseException($"{problem} '{path}' set in {provider.AssemblyKey} is not a .NET assembly.");
        }
        catch (FileLoadException e)
        {
            throw new WarehouseException($"{problem} '{path}' set in {provider.AssemblyKey} cannot be loaded: {e.Message}", e);
        }

        var type = assembly.GetType(typeName, throwOnError: false)
            ?? throw new WarehouseException(
                $"{problem} '{path}' has no type '{typeName}' (set in {provider.FactoryKey}). Give the full name of the provider's " +
                "DbProviderFactory, e.g. Teradata.Client.Provider.TdFactory.");
        const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
        var instance = type.GetField("Instance", Static)?.GetValue(null) ?? type.GetProperty("Instance", Static)?.GetValue(null);
        return instance as DbProviderFactory
            ?? throw new WarehouseException(
                $"{problem} '{typeName}' (set in {provider.FactoryKey}) is not an ADO.NET provider: it has no static Instance that " +
                "is a DbProviderFactory. Give the provider's factory type, e.g. Teradata.Client.Provider.TdFactory.");
    }

    /// <summary>
    /// The provider and the DLLs beside it, isolated from ScoreCockpit's own copies; any assembly ScoreCockpit has is shared,
    /// System.Data.Common above all, so the provider's factory is the DbProviderFactory the engine knows.
    /// </summary>
    private sealed class ProviderLoadContext(string mainPath) : AssemblyLoadContext($"Warehouse provider {Path.GetFileName(mainPath)}")
    {
        private readonly string folder = Path.GetDirectoryName(mainPath)!;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                var beside = Path.Combine(folder, assemblyName.Name + ".dll");
                return File.Exists(beside) ? LoadFromAssemblyPath(beside) : null;
            }
        }
    }
}
