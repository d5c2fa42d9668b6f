using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;

namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// The three scores of the demo telecom warehouse. Their dataprep is the SQL in db/warehouse/duckdb/,
/// embedded in the engine, and uses the built-in variables `${date_ref}`, `${date_ref_yyyymm}` and `${label_end}`.
/// </summary>
public static class DemoScores
{
    public const string KeyColumn = "customer_id";
    public const string ReferenceDateColumn = "date_ref";

    public static ScoreDefinition Renewal { get; } = Define(
        "renewal",
        "Customers whose commitment ends in the next 3 months: who re-commits within those 3 months?",
        "renewed", 3) with
    {
        // The smallest population carries the demo's challenger, so the history stays quick.
        Challengers = [new ChallengerSetting { Name = "logistic", Algorithm = Modeling.TrainingAlgorithm.LogisticRegression }],
    };

    public static ScoreDefinition Churn { get; } = Define(
        "churn",
        "Active customers: who leaves in the next 2 months? From month 14 a competitor's fibre offer changes who leaves.",
        "churned", 2);

    public static ScoreDefinition CrossSell { get; } = Define(
        "cross-sell",
        "Active customers: who takes a new option (TV, data boost, cloud storage…) in the next 3 months?",
        "took_option", 3);

    public static IReadOnlyList<ScoreDefinition> All { get; } = [Renewal, Churn, CrossSell];

    /// <summary>The demo's reference dates: the month-ends of its window, oldest first.</summary>
    public static IReadOnlyList<DateOnly> ReferenceDates(DemoOptions options) => options.ReferenceDates();

    /// <summary>The variables the engine sets for a snapshot of <paramref name="score"/> at <paramref name="referenceDate"/>.</summary>
    public static IReadOnlyDictionary<string, Variable> Variables(ScoreDefinition score, DateOnly referenceDate) =>
        BuiltInVariables.For(referenceDate, score.Horizon).ToDictionary(v => v.Name, StringComparer.Ordinal);

    /// <summary>The dataprep SQL of a demo score, as shipped in db/warehouse/duckdb/{name}.sql.</summary>
    public static string DataprepSql(string name)
    {
        var resource = $"ScoreCockpit.Engine.Demo.Sql.{name}.sql";
        using var stream = typeof(DemoScores).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The demo dataprep '{resource}' is not embedded in the engine.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static ScoreDefinition Define(string name, string description, string target, int horizonMonths) => new()
    {
        Name = name,
        Description = description,
        DataprepSql = DataprepSql(name),
        KeyColumn = KeyColumn,
        TargetColumn = target,
        ReferenceDateColumn = ReferenceDateColumn,
        HorizonMonths = horizonMonths,

        // Small enough for the demo's whole history (some 80 versions, 2,000 evaluations) to build in two minutes on
        // two cores; real scores keep the defaults (100 trees, 1,000,000 training rows).
        Hyperparameters = new Dictionary<string, double> { [Modeling.Hyperparameters.Trees] = 60 },
        MaxTrainingRows = 60_000,
    };
}
