using System.Collections.Immutable;
using System.Data;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Transforms;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// Reads a scoring plan out of a trained ML.NET model zip: the trees, weights and calibrator the model exposes, the
/// normaliser's scales, and the featurisation observed by passing probe rows through the model's own transforms
/// (imputed values, missing flags, which slot each level lights). Never from training data. Before it is returned the
/// plan scores the probe rows and must give ML.NET's scores and probabilities bit for bit.
/// </summary>
public static class PlanExtractor
{
    private const string Features = ModelPipeline.Features;

    /// <param name="what">Names the model in messages, e.g. "churn v3".</param>
    public static ScoringPlan FromModelZip(byte[] zip, string what)
    {
        var ml = new MLContext(seed: 0);
        ITransformer model;
        DataViewSchema inputSchema;
        using (var stream = new MemoryStream(zip, writable: false))
        {
            model = ml.Model.Load(stream, out inputSchema);
        }

        var steps = Flatten(model).ToList();
        if (steps.Count == 0 || steps[^1] is not IPredictionTransformer<object> predictor)
        {
            throw Refused(what, "it does not end with a predictor");
        }

        var normalizer = steps.OfType<NormalizingTransformer>().SingleOrDefault();
        var featurizer = new TransformerChain<ITransformer>([.. steps.Take(steps.Count - 1).Where(s => s is not NormalizingTransformer)]);
        var inputs = inputSchema.Select(c => (c.Name, Number: c.Type is not TextDataViewType)).ToList();
        var (layout, slots) = Layout(inputs, featurizer.GetOutputSchema(inputSchema), what);
        var plan = new ScoringPlan
        {
            Algorithm = AlgorithmOf(predictor.Model),
            Slots = slots,
            Inputs = layout,
            Scaling = Scaling(normalizer),
            Calibrator = Calibrator(predictor.Model, what),
        };
        plan = SubModel(predictor.Model) switch
        {
            TreeEnsembleModelParametersBasedOnRegressionTree trees => plan with { Ensemble = Ensemble(trees.TrainedTreeEnsemble) },
            TreeEnsembleModelParametersBasedOnQuantileRegressionTree forest => plan with { Ensemble = Ensemble(forest.TrainedTreeEnsemble) },
            LinearBinaryModelParameters linear => plan with { Linear = Linear(linear) },
            var other => throw Refused(what, $"its model {other.GetType().Name} has no compiled form"),
        };

        // Imputed values are what the model's own transforms write into a missing number's slot.
        var probes = ProbeRows(plan, inputs, seed: zip.Length);
        var observed = FeatureVectors(featurizer, inputSchema, probes, plan.Slots);
        plan = plan with
        {
            Inputs = [.. plan.Inputs.Select(i => i.IsNumber ? i with { Impute = observed[0][i.Slot] } : i)],
        };

        if (ScoringPlanJson.Problems(plan).FirstOrDefault() is { } problem)
        {
            throw Refused(what, problem);
        }

        SelfCheck(model, inputSchema, plan, probes, observed, what);
        return plan;
    }

    private static IEnumerable<ITransformer> Flatten(ITransformer transformer) => transformer is IEnumerable<ITransformer> chain
        ? chain.SelectMany(Flatten)
        : [transformer];

    private static ScoringPlanException Refused(string what, string reason) =>
        new($"The model of {what} cannot be compiled into a scoring plan: {reason}.");

    private static object SubModel(object model) => model is CalibratedModelParametersBase calibrated ? calibrated.SubModel : model;

    private static string AlgorithmOf(object model) => SubModel(model) switch
    {
        FastTreeBinaryModelParameters => nameof(TrainingAlgorithm.FastTree),
        FastForestBinaryModelParameters => nameof(TrainingAlgorithm.FastForest),
        LinearBinaryModelParameters => nameof(TrainingAlgorithm.LogisticRegression),
        var other when other.GetType().Name.StartsWith("LightGbm", StringComparison.Ordinal) => nameof(TrainingAlgorithm.LightGbm),
        var other => other.GetType().Name,
    };

    private static PlanCalibrator? Calibrator(object model, string what) => model switch
    {
        CalibratedModelParametersBase { Calibrator: PlattCalibrator platt } => new PlanCalibrator(platt.Slope, platt.Offset),
        CalibratedModelParametersBase { Calibrator: var other } => throw Refused(what, $"its calibrator {other?.GetType().Name} has no compiled form"),
        _ => null,
    };

    /// <summary>
    /// The slots of each input, by the pipeline's naming (<see cref="ModelPipeline"/>): input i is one-hot as c{i}, or a
    /// number replaced as f{i} with its missing flag as n{i} when the training data had missing values.
    /// </summary>
    private static (List<PlanInput> Inputs, int Slots) Layout(List<(string Name, bool Number)> inputs, DataViewSchema featurised, string what)
    {
        var result = new List<PlanInput>();
        var slot = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var (name, number) = inputs[i];
            if (number)
            {
                var flagged = featurised.GetColumnOrNull($"n{i}") is not null;
                result.Add(new PlanInput { Name = name, Kind = PlanInputKind.Number, Slot = slot, MissingSlot = flagged ? slot + 1 : null });
                slot += flagged ? 2 : 1;
                continue;
            }

            if (featurised.GetColumnOrNull($"c{i}") is not { } oneHot || !oneHot.HasSlotNames())
            {
                throw Refused(what, $"the category '{name}' has no one-hot levels");
            }

            var names = default(VBuffer<ReadOnlyMemory<char>>);
            oneHot.GetSlotNames(ref names);
            var levels = names.DenseValues().Select(n => n.ToString()).ToList();
            result.Add(new PlanInput { Name = name, Kind = PlanInputKind.Category, Slot = slot, Levels = levels });
            slot += levels.Count;
        }

        var size = featurised[Features].Type is VectorDataViewType vector ? vector.Size : 1;
        return size == slot ? (result, slot) : throw Refused(what, $"its feature vector has {size} slots where its inputs fill {slot}");
    }

    private static PlanScaling? Scaling(NormalizingTransformer? normalizer)
    {
        if (normalizer is null)
        {
            return null;
        }

        return normalizer.GetNormalizerModelParameters(0) switch
        {
            NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine =>
                new PlanScaling([.. affine.Scale], affine.Offset.IsDefaultOrEmpty ? null : [.. affine.Offset]),
            var other => throw new ScoringPlanException($"The normaliser {other.GetType().Name} has no compiled form."),
        };
    }

    private static PlanEnsemble Ensemble<T>(TreeEnsemble<T> ensemble) where T : RegressionTreeBase =>
        new(ensemble.Bias, [.. ensemble.Trees.Select((tree, t) => Tree(tree, ensemble.TreeWeights[t]))]);

    private static PlanTree Tree(RegressionTreeBase tree, double weight)
    {
        // ML.NET scores a tree whose root points to itself (a constant tree it stored empty) as 0.
        if (tree.NumberOfNodes == 0 || tree.LeftChild[0] == 0)
        {
            return new PlanTree { Weight = weight, Split = [], Threshold = [], Left = [], Right = [], Leaves = [tree.NumberOfNodes == 0 ? tree.LeafValues[0] : 0] };
        }

        var categorical = new Dictionary<int, int[]>();
        for (var node = 0; node < tree.NumberOfNodes; node++)
        {
            if (tree.CategoricalSplitFlags[node])
            {
                categorical[node] = [.. tree.GetCategoricalSplitFeaturesAt(node)];
            }
        }

        return new PlanTree
        {
            Weight = weight,
            Split = [.. tree.NumericalSplitFeatureIndexes],
            Threshold = [.. tree.NumericalSplitThresholds],
            Left = [.. tree.LeftChild],
            Right = [.. tree.RightChild],
            Leaves = [.. tree.LeafValues],
            CategoricalSplits = categorical.Count > 0 ? categorical : null,
        };
    }

    private static PlanLinear Linear(LinearBinaryModelParameters linear)
    {
        // Whether ML.NET holds the weights sparse decides its order of additions; it does not say so publicly.
        var held = typeof(LinearModelParameters).GetField("Weight", BindingFlags.Instance | BindingFlags.NonPublic)?.GetValue(linear);
        int[]? slots = held is VBuffer<float> { IsDense: false } sparse ? [.. sparse.GetIndices()] : null;
        return new PlanLinear([.. linear.Weights], linear.Bias, slots);
    }

    /// <summary>
    /// Rows that pass through every part of the featurisation: all missing, all unseen, each level of each category,
    /// then values around and exactly on the trees' thresholds and far outside them.
    /// </summary>
    private static DataTable ProbeRows(ScoringPlan plan, List<(string Name, bool Number)> inputs, int seed)
    {
        var table = new DataTable { Locale = System.Globalization.CultureInfo.InvariantCulture };
        foreach (var (name, number) in inputs)
        {
            table.Columns.Add(name, number ? typeof(double) : typeof(string));
        }

        var random = new Random(seed);
        var thresholds = plan.Ensemble?.Trees.SelectMany(t => t.Split.Zip(t.Threshold)).ToLookup(p => p.First, p => p.Second);
        var maxLevels = plan.Inputs.Max(i => i.Levels?.Count ?? 0);
        var rows = 2 + maxLevels + 48;
        for (var r = 0; r < rows; r++)
        {
            var values = new object[inputs.Count];
            for (var c = 0; c < inputs.Count; c++)
            {
                var input = plan.Inputs[c];
                values[c] = (r, input.IsNumber) switch
                {
                    (0, _) => DBNull.Value,
                    (1, true) => 0d,
                    (1, false) => "\u0001 unseen",
                    (_, false) when r - 2 < input.Levels!.Count => input.Levels[r - 2],
                    (_, false) => random.Next(4) == 0 ? DBNull.Value : input.Levels!.Count > 0 && random.Next(3) > 0
                        ? input.Levels[random.Next(input.Levels.Count)] : "",
                    _ => NumberProbe(random, thresholds?[input.Slot].ToList() ?? []),
                };
            }

            table.Rows.Add(values);
        }

        return table;
    }

    private static object NumberProbe(Random random, List<float> thresholds) => random.Next(10) switch
    {
        0 => DBNull.Value,
        1 => random.Next(2) == 0 ? -1e30 : 1e30,
        < 6 when thresholds.Count > 0 => (double)thresholds[random.Next(thresholds.Count)],
        < 8 when thresholds.Count > 0 => (double)MathF.BitIncrement(thresholds[random.Next(thresholds.Count)]),
        _ => Math.Round((random.NextDouble() - 0.3) * 200, random.Next(4)),
    };

    private static List<float[]> FeatureVectors(TransformerChain<ITransformer> featurizer, DataViewSchema inputSchema, DataTable probes, int slots)
    {
        var featurised = featurizer.Transform(View(inputSchema, probes));
        var column = featurised.Schema[Features];
        using var cursor = featurised.GetRowCursor([column]);
        var getter = cursor.GetGetter<VBuffer<float>>(column);
        var vectors = new List<float[]>();
        var vector = default(VBuffer<float>);
        while (cursor.MoveNext())
        {
            getter(ref vector);
            var dense = new float[slots];
            vector.CopyTo(dense);
            vectors.Add(dense);
        }

        return vectors;
    }

    private static WarehouseRowsView View(DataViewSchema inputSchema, DataTable rows) => new(
        [.. inputSchema.Select(c => new InputColumn(c.Name, c.Name, c.Type is TextDataViewType ? InputColumnType.Text : InputColumnType.Number))],
        () => [rows.CreateDataReader()], "the probe rows");

    /// <summary>The plan must featurise and score the probe rows exactly as the model does, or it is not used.</summary>
    private static void SelfCheck(ITransformer model, DataViewSchema inputSchema, ScoringPlan plan, DataTable probes,
        List<float[]> observed, string what)
    {
        var batch = Batch(probes, plan);
        var compiled = new CompiledModel(plan);
        var raw = new float[batch.Rows];
        var probability = compiled.GivesProbabilities ? new float[batch.Rows] : null;
        compiled.Score(batch, raw, probability);

        var scored = model.Transform(View(inputSchema, probes));
        var scoreColumn = scored.Schema["Score"];
        var probabilityColumn = scored.Schema.GetColumnOrNull("Probability");
        if ((probabilityColumn is null) != (probability is null))
        {
            throw Refused(what, "the model and the plan disagree on giving probabilities");
        }

        using var cursor = scored.GetRowCursor(probabilityColumn is { } p ? [scoreColumn, p] : [scoreColumn]);
        var scoreGetter = cursor.GetGetter<float>(scoreColumn);
        var probabilityGetter = probabilityColumn is { } column ? cursor.GetGetter<float>(column) : null;
        float s = 0, pr = 0;
        for (var r = 0; cursor.MoveNext(); r++)
        {
            scoreGetter(ref s);
            probabilityGetter?.Invoke(ref pr);
            if (BitConverter.SingleToInt32Bits(s) != BitConverter.SingleToInt32Bits(raw[r])
                || probability is not null && BitConverter.SingleToInt32Bits(pr) != BitConverter.SingleToInt32Bits(probability[r]))
            {
                throw Refused(what, $"on a probe row it scores {raw[r]:R} where the model scores {s:R} (slots {string.Join(' ', observed[r])})");
            }
        }
    }

    /// <summary>The probe rows as a batch, read as the warehouse's rows are.</summary>
    private static ColumnBatch Batch(DataTable probes, ScoringPlan plan)
    {
        using var reader = probes.CreateDataReader();
        var wanted = plan.Inputs.ToDictionary(i => i.Name, i => i.IsNumber ? ColumnUse.Number : ColumnUse.Text, StringComparer.OrdinalIgnoreCase);
        return ColumnBatch.Read(reader, wanted, int.MaxValue) ?? ColumnBatch.Empty(0);
    }
}
