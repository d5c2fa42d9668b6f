using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;

namespace ScoreCockpit.Engine.Modeling;

/// <summary>
/// Feature importance from the trained model itself: split gain for tree ensembles, |weight| of the min-max
/// normalised features for logistic regression; slots (one-hot levels, missing flags) are summed per input column.
/// Every split counts, numeric or categorical (LightGBM's splits on a column's one-hot levels), so a column that
/// only ever splits on a set of levels gets its share.
/// </summary>
internal static class Importance
{
    public static IReadOnlyList<FeatureImportance> Of(ITransformer model, IReadOnlyList<ModelPipeline.Slots> slots)
    {
        var weights = Weights(model, slots.Sum(s => s.Count));
        if (weights is null)
        {
            return [];
        }

        var perColumn = new Dictionary<string, double>(StringComparer.Ordinal);
        var slot = 0;
        foreach (var block in slots)
        {
            for (var i = 0; i < block.Count && slot < weights.Length; i++, slot++)
            {
                perColumn[block.Column] = perColumn.GetValueOrDefault(block.Column) + Math.Abs(weights[slot]);
            }

            perColumn.TryAdd(block.Column, 0);
        }

        var total = perColumn.Values.Sum();
        return perColumn.Select(c => new FeatureImportance(c.Key, total > 0 ? c.Value / total : 0))
            .OrderByDescending(c => c.Share).ThenBy(c => c.Column, StringComparer.Ordinal).ToList();
    }

    private static float[]? Weights(ITransformer model, int slotCount)
    {
        var last = model is TransformerChain<ITransformer> chain ? chain.LastTransformer : model;
        if (last is not ISingleFeaturePredictionTransformer<object> prediction)
        {
            return null;
        }

        object? parameters = prediction.Model;
        for (var depth = 0; depth < 3 && parameters is not null; depth++)
        {
            // Summed split gains, computed here: TreeEnsembleModelParameters.GetFeatureWeights throws
            // IndexOutOfRangeException on some LightGBM models (ML.NET 5.0.1, seen on 1M rows) whose trees hold
            // fewer gains than splits.
            if (parameters is TreeEnsembleModelParametersBasedOnRegressionTree regression)
            {
                return Gains(regression.TrainedTreeEnsemble.Trees, slotCount);
            }

            if (parameters is TreeEnsembleModelParametersBasedOnQuantileRegressionTree quantile)
            {
                return Gains(quantile.TrainedTreeEnsemble.Trees, slotCount);
            }

            if (parameters is LinearModelParameters linear)
            {
                return [.. linear.Weights];
            }

            // A calibrated model (CalibratedModelParametersBase<TSubModel, TCalibrator>) wraps the trained one.
            parameters = parameters.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.Name == "SubModel").Select(p => p.GetValue(parameters)).FirstOrDefault(v => v is not null);
        }

        return null;
    }

    private static float[] Gains(IEnumerable<RegressionTreeBase> trees, int slotCount)
    {
        var gains = new float[slotCount];
        foreach (var tree in trees)
        {
            var (numerical, categorical, splitGains) = (tree.NumericalSplitFeatureIndexes, tree.CategoricalSplitFlags, tree.SplitGains);
            for (var node = 0; node < tree.NumberOfNodes; node++)
            {
                var slot = node < categorical.Count && categorical[node] ? CategoricalSlot(tree, node) : numerical[node];
                if (slot >= 0 && slot < slotCount)
                {
                    // LightGBM trees imported by ML.NET may carry fewer gains than splits: a split then counts 1.
                    gains[slot] += node < splitGains.Count ? (float)splitGains[node] : 1f;
                }
            }
        }

        return gains;
    }

    /// <summary>
    /// A slot of the input column a categorical split tests. LightGBM splits one-hot slots as one categorical feature
    /// (a set of levels one way, the rest the other): ML.NET then records no numeric feature for the node (-1) but the
    /// slots of the levels sent one way, all within the one-hot block of a single column, so any of them names it.
    /// </summary>
    private static int CategoricalSlot(RegressionTreeBase tree, int node)
    {
        var levels = tree.GetCategoricalSplitFeaturesAt(node);
        if (levels.Count > 0)
        {
            return levels[0];
        }

        var range = tree.GetCategoricalCategoricalSplitFeatureRangeAt(node);
        return range.Count > 0 ? range[0] : -1;
    }
}
