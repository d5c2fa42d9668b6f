using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Storage;

namespace ScoreCockpit.Engine.Tests.Support;

/// <summary>
/// A second engine over the same store and data folder as a <see cref="TestStore"/>, as the command line runs beside
/// the portal: its own service provider, so nothing is shared in memory (Data Protection keys included).
/// </summary>
public sealed class SecondHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private SecondHost(ServiceProvider services) => _services = services;

    public static SecondHost Over(TestStore store)
    {
        var services = new ServiceCollection();
        services.AddScoreCockpitEngine(store.Get<DataFolder>(), store.Settings);
        services.AddSingleton<TimeProvider>(store.Time);
        return new SecondHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }));
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
