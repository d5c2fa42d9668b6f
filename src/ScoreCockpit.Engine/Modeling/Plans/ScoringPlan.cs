using System.Text.Json.Serialization;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// Everything needed to score with one trained version, read from its ML.NET model: how each input column becomes
/// slots of the feature vector, the trees or the linear weights, and the calibrator. Stored as JSON beside the model
/// zip, content-addressed; <see cref="Format"/> changes whenever a reader of an older format would score differently.
/// The arithmetic it implies is ML.NET's own, float for float: see docs/scoring-plans.md.
/// </summary>
public sealed record ScoringPlan
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The training algorithm, for people reading the plan; the kernel reads the sections below.</summary>
    public required string Algorithm { get; init; }

    /// <summary>Length of the feature vector the model reads.</summary>
    public required int Slots { get; init; }

    /// <summary>The input columns in the model's order, each with the slots it fills.</summary>
    public required IReadOnlyList<PlanInput> Inputs { get; init; }

    /// <summary>Min-max scaling of the whole vector (logistic regression), applied before the model.</summary>
    public PlanScaling? Scaling { get; init; }

    /// <summary>A tree ensemble (FastTree, LightGBM, FastForest); exclusive with <see cref="Linear"/>.</summary>
    public PlanEnsemble? Ensemble { get; init; }

    /// <summary>A linear model (logistic regression); exclusive with <see cref="Ensemble"/>.</summary>
    public PlanLinear? Linear { get; init; }

    /// <summary>Turns the raw score into a probability; null when the model gives raw scores only (FastForest).</summary>
    public PlanCalibrator? Calibrator { get; init; }
}

public static class PlanInputKind
{
    public const string Number = "number";
    public const string Category = "category";
}

/// <summary>
/// One input column. A number fills <see cref="Slot"/> with its value as float, or <see cref="Impute"/> when missing,
/// and <see cref="MissingSlot"/> (when trained with one) with 1 when missing, else 0. A category fills one slot per
/// level, <see cref="Slot"/> + the level's index, with 1 when the value is that level; any other value — rare, unseen,
/// empty or missing — is the "other" level: every slot 0.
/// </summary>
public sealed record PlanInput
{
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required int Slot { get; init; }
    public float? Impute { get; init; }
    public int? MissingSlot { get; init; }
    public IReadOnlyList<string>? Levels { get; init; }

    [JsonIgnore]
    public bool IsNumber => Kind == PlanInputKind.Number;

    /// <summary>How many slots of the vector this column fills.</summary>
    [JsonIgnore]
    public int Width => IsNumber ? (MissingSlot is null ? 1 : 2) : Levels?.Count ?? 0;
}

/// <summary>ML.NET's affine normaliser: slot i becomes (x − Offset[i]) × Scale[i] in float; no offset keeps zeros at zero.</summary>
public sealed record PlanScaling(float[] Scale, float[]? Offset);

/// <summary>The raw score is Bias + Σ Weight × leaf value in double, trees in order, then rounded to float.</summary>
public sealed record PlanEnsemble(double Bias, IReadOnlyList<PlanTree> Trees);

/// <summary>
/// One tree as flat node arrays (ML.NET's layout): node i splits on slot <see cref="Split"/>[i], going to
/// <see cref="Left"/>[i] when the value ≤ <see cref="Threshold"/>[i] in float (NaN goes right), else to
/// <see cref="Right"/>[i]. A child ≥ 0 is a node, a child &lt; 0 is the leaf ~child. A node listed in
/// <see cref="CategoricalSplits"/> goes right when any of its slots holds a value above 0, else left.
/// A tree without nodes is one leaf.
/// </summary>
public sealed record PlanTree
{
    public double Weight { get; init; } = 1;
    public required int[] Split { get; init; }
    public required float[] Threshold { get; init; }
    public required int[] Left { get; init; }
    public required int[] Right { get; init; }
    public required double[] Leaves { get; init; }
    public IReadOnlyDictionary<int, int[]>? CategoricalSplits { get; init; }
}

/// <summary>
/// Raw score = Bias + Σ Weights[i] × slot i, in float with ML.NET's summation: its dense dot product when the vector
/// is dense, its sparse one over the non-zero entries otherwise. <see cref="WeightSlots"/> lists the slots ML.NET holds
/// when it keeps the weights sparse (null when dense), which changes the order of the sums.
/// </summary>
public sealed record PlanLinear(float[] Weights, float Bias, int[]? WeightSlots);

/// <summary>Platt: probability = 1 / (1 + exp(Slope × score + Offset)), in double, rounded to float.</summary>
public sealed record PlanCalibrator(double Slope, double Offset);
