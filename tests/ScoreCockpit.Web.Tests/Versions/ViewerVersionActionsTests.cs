using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Web.Tests.Versions;

/// <summary>
/// The handlers the Versions tab calls, wired as the portal wires them: a viewer is refused and the store, the audit
/// log and the artifacts are exactly as before; the active version survives any purge.
/// </summary>
public sealed class ViewerVersionActionsTests : IAsyncLifetime
{
    private static readonly Actor Vic = Actor.Of("vic@example.com", Roles.Viewer);
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);
    private readonly PortalFactory _portal = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await VersionSeed.ChurnAsync(_portal.Services, 3, Ct);

    [Fact]
    public async Task A_viewer_can_neither_train_activate_nor_purge_and_nothing_changes()
    {
        await Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion(VersionSeed.Score, 3, "in production"), Ana, Ct);
        var before = await StateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(
            () => Get<TrainVersionHandler>().HandleAsync(new TrainVersion(VersionSeed.Score, new DateOnly(2025, 6, 30)), Vic, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion(VersionSeed.Score, 1, "a viewer tries"), Vic, Ct));
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => Get<PurgeVersionsHandler>().HandleAsync(new PurgeVersions(VersionSeed.Score, new DateOnly(2025, 12, 31), DryRun: false), Vic, Ct));
        // Even the dry run is an analyst's tool: it says which models exist and could go.
        await Assert.ThrowsAsync<AccessDeniedException>(
            () => Get<PurgeVersionsHandler>().HandleAsync(new PurgeVersions(VersionSeed.Score, new DateOnly(2025, 12, 31)), Vic, Ct));

        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_purge_that_reaches_only_the_active_version_deletes_nothing()
    {
        await Get<ActivateVersionHandler>().HandleAsync(new ActivateVersion(VersionSeed.Score, 1, "first model"), Ana, Ct);
        var before = await StateAsync();

        var plan = await Get<PurgeVersionsHandler>().HandleAsync(new PurgeVersions(VersionSeed.Score, new DateOnly(2025, 1, 31), DryRun: false), Ana, Ct);

        Assert.Empty(plan.Purged);
        Assert.Equal([(1, "active")], plan.Kept);
        Assert.Equal(before, await StateAsync());
        var v1 = await Get<GetVersionHandler>().HandleAsync(new GetVersion(VersionSeed.Score, 1), Ct);
        Assert.True(Get<ArtifactStore>().Exists(v1.ArtifactSha256));
    }

    private T Get<T>()
        where T : notnull => _portal.Services.GetRequiredService<T>();

    /// <summary>Everything a version action could change, as one comparable string.</summary>
    private async Task<string> StateAsync()
    {
        await using var db = await Get<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var versions = await db.ModelVersions.OrderBy(v => v.Number).Select(v => new { v.Number, v.PurgedAt, v.ArtifactSha256 }).ToListAsync(Ct);
        var activations = await db.Activations.CountAsync(Ct);
        var audit = await db.AuditEntries.CountAsync(Ct);
        var files = versions.Select(v => Get<ArtifactStore>().Exists(v.ArtifactSha256));
        return $"{string.Join(",", versions.Select(v => $"v{v.Number}:{v.PurgedAt}"))} | activations {activations} | audit {audit} | files {string.Join(",", files)}";
    }

    public async ValueTask DisposeAsync() => await _portal.DisposeAsync();
}
