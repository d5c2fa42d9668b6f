using System.Text.Json.Serialization;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Modeling;

[JsonConverter(typeof(JsonStringEnumConverter<TrainingAlgorithm>))]
public enum TrainingAlgorithm
{
    FastTree,
    LightGbm,
    LogisticRegression,
    FastForest,
}

/// <summary>A snapshot column a model reads, with how it is used.</summary>
public sealed record FeatureColumn(string Name, ColumnKind Kind);

/// <summary>
/// One training unit, small and serialisable: which snapshot tables to learn from and validate on, the columns, the
/// algorithm with its hyperparameters, the seed, and a cap on training rows (a deterministic sample by key above it).
/// </summary>
public sealed record TrainingRequest
{
    public const int DefaultMaxTrainingRows = 1_000_000;

    public required IReadOnlyList<string> TrainingTables { get; init; }
    public required string ValidationTable { get; init; }
    public required string KeyColumn { get; init; }
    public required string TargetColumn { get; init; }

    /// <summary>The features with their kind; identifiers and dates are not used (see <see cref="ModelPipeline"/>).</summary>
    public required IReadOnlyList<FeatureColumn> Features { get; init; }

    public TrainingAlgorithm Algorithm { get; init; } = TrainingAlgorithm.LightGbm;

    /// <summary>Overrides of <see cref="Hyperparameters.Defaults"/>; unknown names are refused.</summary>
    public IReadOnlyDictionary<string, double> Hyperparameters { get; init; } = new Dictionary<string, double>();

    public int Seed { get; init; } = 42;

    public int MaxTrainingRows { get; init; } = DefaultMaxTrainingRows;

    /// <summary>Once measured on the validation table, fit again on the training tables and the validation table.</summary>
    public bool RefitOnValidation { get; init; }

    /// <summary>
    /// Reads every row and samples in memory, as a warehouse without MD5 does: only for measuring the warehouse's sample
    /// against it. Not part of the serialised request.
    /// </summary>
    internal bool SamplesInMemory { get; init; }

    /// <summary>Which features to drop before and after a first fit (constant, mostly missing, correlated, outside the top k).</summary>
    public ReductionSettings Reduction { get; init; } = new();

    /// <summary>The defaults of the algorithm with this request's overrides.</summary>
    public IReadOnlyDictionary<string, double> EffectiveHyperparameters() => Modeling.Hyperparameters.Resolve(Algorithm, Hyperparameters);
}

/// <summary>The hyperparameters each algorithm takes, with sensible defaults.</summary>
public static class Hyperparameters
{
    public const string Trees = "trees";
    public const string Leaves = "leaves";
    public const string LearningRate = "learning_rate";
    public const string MinExamplesPerLeaf = "min_examples_per_leaf";
    public const string L1 = "l1";
    public const string L2 = "l2";
    public const string MaxIterations = "max_iterations";

    public static IReadOnlyDictionary<string, double> Defaults(TrainingAlgorithm algorithm) => algorithm switch
    {
        TrainingAlgorithm.FastTree or TrainingAlgorithm.LightGbm => new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Trees] = 100,
            [Leaves] = 31,
            [LearningRate] = 0.1,
            [MinExamplesPerLeaf] = 20,
        },
        TrainingAlgorithm.FastForest => new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [Trees] = 100,
            [Leaves] = 31,
            [MinExamplesPerLeaf] = 20,
        },
        TrainingAlgorithm.LogisticRegression => new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [L1] = 0,
            [L2] = 1,
            [MaxIterations] = 100,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown algorithm."),
    };

    /// <summary>The values a hyperparameter accepts: wide enough for any sensible search, narrow enough to refuse a typo.</summary>
    public sealed record Range(double Min, double Max, bool Whole, string Meaning)
    {
        public bool Holds(double value) => double.IsFinite(value) && value >= Min && value <= Max && (!Whole || value == Math.Floor(value));

        public string Describe() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{(Whole ? "a whole number" : "a number")} from {Min} to {Max}");
    }

    public static Range RangeOf(string name) => name switch
    {
        Trees => new(1, 10_000, true, "trees in the ensemble"),
        Leaves => new(2, 4_096, true, "leaves per tree"),
        LearningRate => new(0.0001, 1, false, "shrinkage of each tree"),
        MinExamplesPerLeaf => new(1, 1_000_000, true, "fewest training rows in a leaf"),
        L1 => new(0, 1_000, false, "L1 regularisation"),
        L2 => new(0, 1_000, false, "L2 regularisation"),
        MaxIterations => new(1, 100_000, true, "optimiser iterations"),
        _ => new(0, double.MaxValue, false, name),
    };

    public static IReadOnlyDictionary<string, double> Resolve(TrainingAlgorithm algorithm, IReadOnlyDictionary<string, double> overrides)
    {
        var values = new Dictionary<string, double>(Defaults(algorithm), StringComparer.Ordinal);
        foreach (var (name, value) in overrides)
        {
            if (!values.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"{algorithm} takes no hyperparameter '{name}'. It takes: {string.Join(", ", values.Keys)}.", nameof(overrides));
            }

            values[name] = value;
        }

        return values;
    }
}
