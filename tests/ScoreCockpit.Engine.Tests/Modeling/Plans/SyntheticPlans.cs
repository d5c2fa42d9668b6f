using ScoreCockpit.Engine.Modeling.Plans;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>
/// Tree plans made up for the SQL writer: six numbers (two with missing flags) and a category of three levels, over
/// slots 0–10; trees as deep as asked, with categorical splits and thresholds on the values the test rows hold.
/// </summary>
internal static class SyntheticPlans
{
    public static readonly string[] Numbers = ["x0", "x1", "x2", "x3", "x4", "x5"];
    public static readonly string[] Levels = ["a", "b", "c"];

    /// <param name="leafChance">Chance that a child is a leaf before the depth or the node budget is reached.</param>
    /// <param name="nodes">Split nodes per tree at most: the left-most paths, grown first, reach the depth.</param>
    public static ScoringPlan Make(int trees, int depth, double leafChance, int seed, bool calibrated = true, int nodes = 40)
    {
        var random = new Random(seed);
        List<PlanInput> inputs =
        [
            new() { Name = "x0", Kind = PlanInputKind.Number, Slot = 0, Impute = 0.5f, MissingSlot = 1 },
            new() { Name = "x1", Kind = PlanInputKind.Number, Slot = 2, Impute = -1.25f, MissingSlot = 3 },
            .. Enumerable.Range(2, 4).Select(i => new PlanInput { Name = $"x{i}", Kind = PlanInputKind.Number, Slot = 2 + i, Impute = i }),
            new() { Name = "cat", Kind = PlanInputKind.Category, Slot = 8, Levels = Levels },
        ];
        return new ScoringPlan
        {
            Algorithm = "FastTree",
            Slots = 11,
            Inputs = inputs,
            Ensemble = new PlanEnsemble(random.NextDouble() - 0.5, [.. Enumerable.Range(0, trees).Select(_ => Tree(random, depth, leafChance, nodes))]),
            Calibrator = calibrated ? new PlanCalibrator(-1.7 - random.NextDouble(), random.NextDouble() - 0.5) : null,
        };
    }

    /// <summary>A value a test row may hold: often one a threshold is made of, so rows fall on the thresholds.</summary>
    public static double Value(Random random) => random.Next(4) == 0 ? Grid(random) : Math.Round((random.NextDouble() * 20) - 10, 3);

    private static float Grid(Random random) => (random.Next(-40, 41) / 4f) + (random.Next(2) == 0 ? 0 : 1e-6f);

    private static PlanTree Tree(Random random, int depth, double leafChance, int nodes)
    {
        var (split, threshold, left, right, leaves) = (new List<int>(), new List<float>(), new List<int>(), new List<int>(), new List<double>());
        var categorical = new Dictionary<int, int[]>();

        int Grow(int level)
        {
            if (level > 0 && (level >= depth || split.Count >= nodes || random.NextDouble() < leafChance))
            {
                leaves.Add(Math.Round((random.NextDouble() - 0.5) * 2, 6) + (random.NextDouble() * 1e-9));
                return ~(leaves.Count - 1);
            }

            var node = split.Count;
            split.Add(random.Next(8));
            threshold.Add(Grid(random));
            if (random.Next(8) == 0)
            {
                categorical[node] = random.Next(2) == 0 ? [8, 9] : [10];
                split[node] = 8;
            }

            left.Add(0);
            right.Add(0);
            left[node] = Grow(level + 1);
            right[node] = Grow(level + 1);
            return node;
        }

        Grow(0);
        return new PlanTree
        {
            Weight = 0.75,
            Split = [.. split],
            Threshold = [.. threshold],
            Left = [.. left],
            Right = [.. right],
            Leaves = [.. leaves],
            CategoricalSplits = categorical.Count > 0 ? categorical : null,
        };
    }
}
