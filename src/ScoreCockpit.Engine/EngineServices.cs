using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Audit;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Portfolio;
using ScoreCockpit.Engine.Quality;
using ScoreCockpit.Engine.Reporting;
using ScoreCockpit.Engine.Scenarios;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Settings;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Units;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine;

public static class EngineServices
{
    /// <summary>
    /// Registers the cockpit store and every engine handler. Returns the Identity builder so a host
    /// can add what it needs on top (the portal adds sign-in).
    /// </summary>
    /// <param name="leases">How runs renew their leases; null: every 30 s for 2 min (<see cref="Scoring.RunLeaseSettings.Default"/>).</param>
    /// <param name="providers">ADO.NET providers set in configuration (Warehouse:Providers:…); null: the shipped ones only.</param>
    /// <param name="units">Where units of work run; null: in this process (<see cref="Units.UnitSettings.Default"/>).</param>
    /// <param name="setting">Reads a setting by key (Units:Kubernetes:Image…); null: from the environment (Units__Kubernetes__Image…).</param>
    public static IdentityBuilder AddScoreCockpitEngine(this IServiceCollection services, DataFolder data, StoreSettings store,
        Scoring.RunLeaseSettings? leases = null, WarehouseProviders? providers = null, Units.UnitSettings? units = null,
        Func<string, string?>? setting = null)
    {
        services.AddSingleton(data);
        services.AddSingleton(store);
        services.AddSingleton(leases ?? Scoring.RunLeaseSettings.Default);
        services.AddSingleton<Scoring.RunLeases>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(CockpitTimeZone.Default);
        services.AddSingleton(Localization.CockpitCulture.Default);
        services.AddSingleton<CockpitClock>();
        services.AddDbContextFactory<CockpitDbContext>(o => o.UseCockpitStore(store));

        services.AddSingleton<AuditLog>();
        services.AddSingleton<ListAuditEntriesHandler>();
        services.AddSingleton<SignInsPerDayHandler>();
        services.AddSingleton<AddUserHandler>();
        services.AddSingleton<CreateFirstAdminHandler>();
        services.AddSingleton<ChangeUserRolesHandler>();
        services.AddSingleton<ListUsersHandler>();
        services.AddSingleton<ChangePasswordHandler>().AddSingleton<RequestPasswordResetHandler>().AddSingleton<ResetPasswordHandler>();
        services.AddSingleton<DisableUserHandler>().AddSingleton<EnableUserHandler>().AddSingleton<UnlockUserHandler>().AddSingleton<SetPasswordHandler>();
        services.AddSingleton<CreateScoreHandler>();
        services.AddSingleton<UpdateScoreHandler>();
        services.AddSingleton<GetScoreHandler>();
        services.AddSingleton<CloneScoreHandler>();
        services.AddSingleton<ImportScoreHandler>();
        services.AddSingleton<ListScoresHandler>();
        services.AddSingleton<DeleteScoreHandler>().AddSingleton<ArchiveScoreHandler>().AddSingleton<AccountActor>();
        services.AddSingleton<PreviewScoreHandler>();
        services.AddSingleton<GlobalVariablesHandler>();
        services.AddSingleton(providers ?? WarehouseProviders.None);
        services.AddSingleton<WarehouseConnector>();
        services.AddSingleton<WarehouseConnections>();
        services.AddSingleton<BuildSnapshotHandler>();
        services.AddSingleton<BuildSnapshotRangeHandler>();
        services.AddSingleton<DeleteSnapshotHandler>();
        services.AddSingleton<ReferenceDatesHandler>();
        services.AddSingleton<ListSnapshotsHandler>();
        services.AddSingleton<RefreshLabelsHandler>();
        services.AddSingleton<PortalSettings>();
        services.AddSingleton<Demo.DemoInstaller>();
        services.AddSingleton<Registry.ArtifactStore>();
        services.AddSingleton<Registry.ScoringPlans>();
        services.AddSingleton<Registry.RegisterVersionHandler>();
        services.AddSingleton<Registry.VersionTraining>();
        services.AddSingleton<Registry.TrainVersionHandler>();
        services.AddSingleton<Registry.TrainChallengersHandler>();
        services.AddSingleton<Registry.ListVersionsHandler>();
        services.AddSingleton<Registry.GetVersionHandler>();
        services.AddSingleton<Registry.VersionSqlHandler>();
        services.AddSingleton<Registry.ActivateVersionHandler>();
        services.AddSingleton<Registry.ActiveVersions>();
        services.AddSingleton<Registry.PurgeVersionsHandler>();
        services.AddSingleton<Evaluation.EvaluateAllVersionsHandler>();
        services.AddSingleton<Evaluation.VerifyVersionsHandler>();
        services.AddSingleton<Evaluation.EvaluationRowsCache>();
        services.AddSingleton<Evaluation.PerformanceQueries>();
        services.AddSingleton<Evaluation.ForwardPerformance>();
        Evaluation.Comparison.ComparisonServices.AddComparison(services);
        services.AddSingleton<Registry.BackfillHandler>();
        services.AddSingleton<Scoring.RunScoringHandler>();
        services.AddSingleton<Scoring.ListScoringRunsHandler>();
        services.AddSingleton<Scoring.Export.ExportScoresHandler>();
        services.AddSingleton<Demo.DemoHistory>();
        services.AddSingleton<Demo.DemoScenarios>();
        services.AddSingleton<Warehouse.Import.CsvImporter>();
        services.AddSingleton<Warehouse.Import.ImportCsvHandler>();
        services.AddScenarios();
        Alerts.AlertServices.AddAlerts(services);
        services.AddQuality();
        services.AddPortfolio();
        services.AddReporting();
        Accounts.Tokens.TokenServices.AddPersonalAccessTokens(services);
        services.AddUnits(store, units ?? Units.UnitSettings.Default,
            setting ?? (key => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal))));

        // Keys live in the cockpit store so the portal and the command line read the same secrets.
        services.AddDataProtection().SetApplicationName("ScoreCockpit").PersistKeysToDbContext<CockpitDbContext>();

        return services.AddIdentityCore<CockpitUser>(ConfigureIdentity)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<CockpitDbContext>()
            .AddTokenProvider<ResetTokenProvider>(ResetTokenProvider.Name);
    }

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.User.RequireUniqueEmail = true;
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Tokens.PasswordResetTokenProvider = ResetTokenProvider.Name;
    }
}
