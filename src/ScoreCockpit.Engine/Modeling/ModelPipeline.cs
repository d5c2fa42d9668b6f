using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Microsoft.ML.Transforms;
using ScoreCockpit.Engine.Scores;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// The ML.NET pipeline a training builds from the column kinds:
/// numeric and boolean → float, missing replaced by the training mean, plus a 0/1 "was missing" column when the
/// training data had any missing value; categorical → one-hot over the kept levels (the 20 most frequent holding at
/// least 1 % of the rows), every other level — rare, unseen or empty — is the all-zero "other";
/// date → not used (the snapshot's dates are mostly the reference date itself or label-window leaks; a derived age
/// belongs in the dataprep SQL); identifier → never used.
/// </summary>
internal static class ModelPipeline
{
    public const string Label = "Label";
    public const string Features = "Features";
    public const int MaxLevels = 20;
    public const double MinLevelShare = 0.01;

    /// <summary>What the training data says of a feature: whether it has missing values, its kept levels.</summary>
    public sealed record FeatureStats(FeatureColumn Feature, bool HasMissing, IReadOnlyList<string> Levels);

    /// <summary>One block of slots of the feature vector and the input column it comes from.</summary>
    public sealed record Slots(string Column, int Count);

    public static (IEstimator<ITransformer> Estimator, IReadOnlyList<Slots> Slots) Build(
        MLContext ml, IReadOnlyList<FeatureStats> features, TrainingAlgorithm algorithm, IReadOnlyDictionary<string, double> hp, int seed)
    {
        var estimators = new List<IEstimator<ITransformer>>();
        var outputs = new List<string>();
        var slots = new List<Slots>();
        var replaced = new List<InputOutputColumnPair>();
        for (var i = 0; i < features.Count; i++)
        {
            var (feature, stats) = (features[i].Feature, features[i]);
            if (feature.Kind == ColumnKind.Categorical)
            {
                var keys = ml.Data.LoadFromEnumerable(stats.Levels.Select(l => new Level { Value = l }));
                estimators.Add(ml.Transforms.Categorical.OneHotEncoding($"c{i}", feature.Name, OneHotEncodingEstimator.OutputKind.Indicator,
                    keyData: keys));
                outputs.Add($"c{i}");
                slots.Add(new Slots(feature.Name, stats.Levels.Count));
                continue;
            }

            replaced.Add(new InputOutputColumnPair($"f{i}", feature.Name));
            outputs.Add($"f{i}");
            slots.Add(new Slots(feature.Name, 1));
            if (stats.HasMissing)
            {
                estimators.Add(ml.Transforms.IndicateMissingValues($"m{i}", feature.Name));
                estimators.Add(ml.Transforms.Conversion.ConvertType($"n{i}", $"m{i}", DataKind.Single));
                outputs.Add($"n{i}");
                slots.Add(new Slots(feature.Name, 1));
            }
        }

        // One estimator for every numeric column: the means are learnt in a single pass over the warehouse rows.
        if (replaced.Count > 0)
        {
            estimators.Insert(0, ml.Transforms.ReplaceMissingValues([.. replaced], MissingValueReplacingEstimator.ReplacementMode.Mean));
        }

        estimators.Add(ml.Transforms.Concatenate(Features, [.. outputs]));
        if (algorithm == TrainingAlgorithm.LogisticRegression)
        {
            estimators.Add(ml.Transforms.NormalizeMinMax(Features));
        }

        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        foreach (var estimator in estimators)
        {
            chain = chain.Append(estimator);
        }

        return (chain.AppendCacheCheckpoint(ml).Append(Trainer(ml, algorithm, hp, seed)), slots);
    }

    private static IEstimator<ITransformer> Trainer(MLContext ml, TrainingAlgorithm algorithm, IReadOnlyDictionary<string, double> hp, int seed)
    {
        int Int(string name) => (int)Math.Round(hp[name]);
        var trainers = ml.BinaryClassification.Trainers;
        return algorithm switch
        {
            TrainingAlgorithm.FastTree => trainers.FastTree(new FastTreeBinaryTrainer.Options
            {
                LabelColumnName = Label,
                FeatureColumnName = Features,
                NumberOfTrees = Int(Hyperparameters.Trees),
                NumberOfLeaves = Int(Hyperparameters.Leaves),
                LearningRate = hp[Hyperparameters.LearningRate],
                MinimumExampleCountPerLeaf = Int(Hyperparameters.MinExamplesPerLeaf),
                NumberOfThreads = 1,
                Seed = seed,
                FeatureSelectionSeed = seed,
            }),
            TrainingAlgorithm.FastForest => trainers.FastForest(new FastForestBinaryTrainer.Options
            {
                LabelColumnName = Label,
                FeatureColumnName = Features,
                NumberOfTrees = Int(Hyperparameters.Trees),
                NumberOfLeaves = Int(Hyperparameters.Leaves),
                MinimumExampleCountPerLeaf = Int(Hyperparameters.MinExamplesPerLeaf),
                NumberOfThreads = 1,
                Seed = seed,
                FeatureSelectionSeed = seed,
            }),
            TrainingAlgorithm.LightGbm => trainers.LightGbm(new LightGbmBinaryTrainer.Options
            {
                LabelColumnName = Label,
                FeatureColumnName = Features,
                NumberOfIterations = Int(Hyperparameters.Trees),
                NumberOfLeaves = Int(Hyperparameters.Leaves),
                LearningRate = hp[Hyperparameters.LearningRate],
                MinimumExampleCountPerLeaf = Int(Hyperparameters.MinExamplesPerLeaf),
                NumberOfThreads = 1,
                Seed = seed,
            }),
            TrainingAlgorithm.LogisticRegression => trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = Label,
                FeatureColumnName = Features,
                L1Regularization = (float)hp[Hyperparameters.L1],
                L2Regularization = (float)hp[Hyperparameters.L2],
                MaximumNumberOfIterations = Int(Hyperparameters.MaxIterations),
                NumberOfThreads = 1,
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unknown algorithm."),
        };
    }

    private sealed class Level
    {
        public string Value { get; set; } = "";
    }
}
