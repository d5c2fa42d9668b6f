namespace ScoreCockpit.Engine.Modeling;

/// <summary>What a training produced: the ML.NET model zip and what is known of it.</summary>
public sealed record TrainedModel
{
    /// <summary>The ML.NET model (featurisation and trainer): the zip <c>MLContext.Model.Save</c> writes, made reproducible by <see cref="Modeling.ModelZip"/>.</summary>
    public required byte[] ModelZip { get; init; }

    /// <summary>The columns the model reads, with their kind, in order.</summary>
    public required IReadOnlyList<FeatureColumn> InputSchema { get; init; }

    /// <summary>Requested features the model does not use (identifiers, dates, variable reduction…), each with its reason.</summary>
    public required IReadOnlyList<DroppedFeature> DroppedFeatures { get; init; }

    /// <summary>What the training could not do as configured, e.g. look for correlations on a warehouse without corr().</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public required TrainingAlgorithm Algorithm { get; init; }
    public required IReadOnlyDictionary<string, double> Hyperparameters { get; init; }
    public required double? ValidationAuc { get; init; }
    public required double? ValidationLift10 { get; init; }
    public required long ValidationRows { get; init; }

    /// <summary>Share of the model's total importance per input column (sums to 1), largest first.</summary>
    public required IReadOnlyList<FeatureImportance> FeatureImportance { get; init; }

    public required long TrainingRows { get; init; }
    public required long TrainingPositives { get; init; }
    public required TimeSpan Duration { get; init; }
}

public sealed record FeatureImportance(string Column, double Share);
