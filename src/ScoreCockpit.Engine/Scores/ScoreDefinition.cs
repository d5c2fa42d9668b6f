using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Scores;

/// <summary>Everything an analyst sets on a score; exported and imported as JSON for version control.</summary>
public sealed record ScoreDefinition
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public IReadOnlyList<string> Owners { get; init; } = [];

    /// <summary>The warehouse connection the dataprep runs on.</summary>
    public string Connection { get; init; } = WarehouseConnectionInfo.DemoName;

    /// <summary>One SELECT producing one row per customer for `${date_ref}`.</summary>
    public required string DataprepSql { get; init; }

    /// <summary>
    /// Optional: a SELECT giving the key and target columns for `${date_ref}`, read by a label refresh instead of the
    /// dataprep's target when the labels live elsewhere or the full dataprep is costly.
    /// </summary>
    public string LabelSql { get; init; } = "";

    public required string KeyColumn { get; init; }
    public required string TargetColumn { get; init; }
    public required string ReferenceDateColumn { get; init; }

    /// <summary>Months after the reference date until the label is known; 0 is the end of the same month.</summary>
    public int HorizonMonths { get; init; } = 3;

    /// <summary>Days after the reference date until the label is known; when set it replaces <see cref="HorizonMonths"/>.</summary>
    public int? HorizonDays { get; init; }

    /// <summary>How the score's reference dates are chosen: month-ends by default.</summary>
    public ReferenceDateRule ReferenceDates { get; init; } = new();

    /// <summary>Name patterns (* and ?) of the columns to use as features; empty means every column.</summary>
    public IReadOnlyList<string> FeatureInclude { get; init; } = [];

    public IReadOnlyList<string> FeatureExclude { get; init; } = [];

    /// <summary>Column kinds set by a person: they win over the decided ones.</summary>
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>
    /// Column kinds the engine decided once from the score's first snapshots, so a count that holds only 0 and 1 one
    /// month is not a boolean that month; changed only by a real type change (text where numbers were).
    /// </summary>
    public IReadOnlyDictionary<string, ColumnKind> DecidedKinds { get; init; } = new Dictionary<string, ColumnKind>();

    /// <summary>The warehouse table that receives the customers' scores; empty means `scores_{name}`.</summary>
    public string OutputTable { get; init; } = "";

    /// <summary>The algorithm every retrain repeats.</summary>
    public Modeling.TrainingAlgorithm Algorithm { get; init; } = Modeling.TrainingAlgorithm.LightGbm;

    /// <summary>Overrides of the algorithm's default hyperparameters (trees, leaves, learning_rate…).</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; init; } = new Dictionary<string, double>();

    /// <summary>Variable-reduction thresholds every training of this score applies.</summary>
    public Modeling.ReductionSettings Reduction { get; init; } = new();

    /// <summary>How many labelled snapshots before the validation date a training reads.</summary>
    public int TrainingWindow { get; init; } = Registry.LabelCalendar.DefaultWindow;

    /// <summary>
    /// Once the model is measured on the validation snapshot, train it again on the window and that snapshot, so a
    /// version trained on the 1st of M learns from M−1 too; its figure on the validation date is then in-sample.
    /// </summary>
    public bool RefitOnValidation { get; init; }

    /// <summary>Training rows above which a deterministic sample by key is drawn; null means 1,000,000.</summary>
    public int? MaxTrainingRows { get; init; }

    /// <summary>Models to compare: trained on the same data as each new version, marked as challengers.</summary>
    public IReadOnlyList<ChallengerSetting> Challengers { get; init; } = [];

    /// <summary>PSI thresholds for the drift of the score and of its features, measured at each scoring run.</summary>
    public Scoring.DriftThresholds Drift { get; init; } = new();

    /// <summary>The rows and positives a reference date needs for its figures to count.</summary>
    public ThinDateRule ThinDates { get; init; } = new();

    /// <summary>Where scoring runs and evaluations execute; auto leaves it to the connection's setting, then to what was measured.</summary>
    public PushDown.Execution Execution { get; init; } = PushDown.Execution.Auto;

    /// <summary>Top-of-list proportions, in percent, at which lift and capture are measured.</summary>
    public IReadOnlyList<decimal> LiftCutoffs { get; init; } = [1m, 5m, 10m, 20m];

    public IReadOnlyList<string> AlertRecipients { get; init; } = [];

    /// <summary>
    /// The language of the mails about this score (en, fr, or a region such as fr-BE); null means the installation's
    /// (<c>Cockpit:Culture</c>). Left out of the JSON when null, so definitions without it export as before.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? MailCulture { get; init; }

    /// <summary>Score-level variables; they override global ones of the same name.</summary>
    public IReadOnlyList<VariableSetting> Variables { get; init; } = [];

    /// <summary>The label horizon as the engine reads it: days when set, else months.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public LabelHorizon Horizon => HorizonDays is { } days ? LabelHorizon.Days(days) : LabelHorizon.Months(HorizonMonths);

    /// <summary>The dataprep as a query to wrap: without the trailing semicolons analysts often leave.</summary>
    public string DataprepQuery => DataprepSql.TrimEnd().TrimEnd(';').TrimEnd();

    /// <summary>The kind a column is used as: a person's choice, else the decided one; null when neither exists yet.</summary>
    public ColumnKind? KindOf(string column) =>
        ColumnKinds.TryGetValue(column, out var chosen) ? chosen : DecidedKinds.TryGetValue(column, out var decided) ? decided : null;

    public string EffectiveOutputTable => string.IsNullOrWhiteSpace(OutputTable) ? $"scores_{Name.Replace('-', '_')}" : OutputTable;
}

/// <summary>A variable as written in a definition or a settings page.</summary>
public sealed record VariableSetting(string Name, VariableType Type, string Value)
{
    public Variable ToVariable() => new(Name, Type, Value);
}
