namespace ScoreCockpit.Engine.Audit;

/// <summary>One line of the audit log: who did what, when, with details.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Subject { get; set; }
    public string? Details { get; set; }
}

/// <summary>The actions written to the audit log, as stable strings that reports can filter on.</summary>
public static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string LockedOut = "locked-out";
    public const string SignOut = "sign-out";
    public const string UserCreated = "user-created";
    public const string RolesChanged = "roles-changed";
    public const string ScoreCreated = "score-created";
    public const string ScoreUpdated = "score-updated";
    public const string ColumnKindsDecided = "column-kinds-decided";
    public const string VariableChanged = "variable-changed";
    public const string ConnectionChanged = "connection-changed";
    public const string SnapshotBuilt = "snapshot-built";
    public const string SnapshotDeleted = "snapshot-deleted";
    public const string LabelsRefreshed = "labels-refreshed";
    public const string SettingChanged = "setting-changed";
    public const string DataImported = "data-imported";
    public const string VersionTrained = "version-trained";
    public const string VersionActivated = "version-activated";
    public const string VersionsPurged = "versions-purged";
    public const string ScenarioSaved = "scenario-saved";
    public const string ScenarioDeleted = "scenario-deleted";
    public const string ScoreArchived = "score-archived";
    public const string ScoreUnarchived = "score-unarchived";
    public const string ScoreDeleted = "score-deleted";
    public const string SignInDisabled = "sign-in-disabled";
    public const string PasswordChanged = "password-changed";
    public const string PasswordResetRequested = "password-reset-requested";
    public const string PasswordReset = "password-reset";
    public const string PasswordSet = "password-set";
    public const string UserDisabled = "user-disabled";
    public const string UserEnabled = "user-enabled";
    public const string UserUnlocked = "user-unlocked";
    public const string TokenCreated = "token-created";
    public const string TokenRevoked = "token-revoked";
    public const string CompanySignInRefused = "company-sign-in-refused";
    public const string CompanyLoginLinked = "company-login-linked";

    /// <summary>Every action, for filters.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignIn, SignInFailed, LockedOut, SignOut, UserCreated, RolesChanged, ScoreCreated, ScoreUpdated, VariableChanged,
        ConnectionChanged, SnapshotBuilt, SnapshotDeleted, SettingChanged, DataImported, VersionTrained, VersionActivated, VersionsPurged,
        ScenarioSaved, ScenarioDeleted, ScoreArchived, ScoreUnarchived, ScoreDeleted,
        SignInDisabled, PasswordChanged, PasswordResetRequested, PasswordReset, PasswordSet, UserDisabled, UserEnabled, UserUnlocked,
        TokenCreated, TokenRevoked,
        CompanySignInRefused, CompanyLoginLinked,
    ];
}
