using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// A plan's trees packed into flat arrays shared by all trees, walked one tree at a time over a block of rows held
/// slot by slot (x[slot × rows + row]): the tree stays in L1 while every row of the block goes down it, and each row's
/// sum is added in tree order, in double, as ML.NET adds them. Leaves are nodes that lead to themselves, so every row
/// takes exactly the tree's depth in steps, level by level over the block, without a branch to mispredict: a step is
/// two loads, a comparison and a third load, and the rows of a level are independent, so the processor overlaps them.
/// </summary>
internal sealed class TreeKernel
{
    private readonly int[] _roots;
    private readonly int[] _depths;
    private readonly int[] _slot;
    private readonly float[] _threshold;

    /// <summary>Node n goes to _children[2n] when its value is ≤ its threshold, else to _children[2n + 1].</summary>
    private readonly int[] _children;

    /// <summary>The value of each leaf node (weight × leaf value), 0 for inner nodes.</summary>
    private readonly double[] _values;

    /// <summary>Per derived slot, the block offsets of the slots whose any-above-0 it holds.</summary>
    private readonly int[][] _derived;

    public TreeKernel(PlanEnsemble ensemble, int slotCount, int stride)
    {
        var sets = new Dictionary<string, int>(StringComparer.Ordinal);
        var derivedSets = new List<int[]>();
        var trees = ensemble.Trees;
        var nodes = trees.Sum(t => t.Split.Length + t.Leaves.Length);
        (_slot, _threshold, _children, _values) = (new int[nodes], new float[nodes], new int[2 * nodes], new double[nodes]);
        (_roots, _depths) = (new int[trees.Count], new int[trees.Count]);
        var first = 0;
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            var inner = tree.Split.Length;
            int Global(int child) => first + (child >= 0 ? child : inner + ~child);
            for (var i = 0; i < inner; i++)
            {
                (_slot[first + i], _threshold[first + i]) = (tree.Split[i] * stride, tree.Threshold[i]);
                (_children[2 * (first + i)], _children[(2 * (first + i)) + 1]) = (Global(tree.Left[i]), Global(tree.Right[i]));
            }

            for (var l = 0; l < tree.Leaves.Length; l++)
            {
                var leaf = first + inner + l;
                // A weight of 1 leaves the value as it is, so ML.NET's unweighted sum is matched bit for bit.
                _values[leaf] = tree.Weight * tree.Leaves[l];
                (_children[2 * leaf], _children[(2 * leaf) + 1], _threshold[leaf]) = (leaf, leaf, float.PositiveInfinity);
            }

            // A categorical node tests whether any of its slots holds a value above 0: that answer, 1 or 0, is computed
            // once per row into a slot of its own after the plan's, and the node compares it with ½ like any other.
            foreach (var (node, slots) in tree.CategoricalSplits ?? new Dictionary<int, int[]>())
            {
                var key = string.Join(',', slots);
                if (!sets.TryGetValue(key, out var derived))
                {
                    derived = slotCount + derivedSets.Count;
                    sets[key] = derived;
                    derivedSets.Add([.. slots.Select(s => s * stride)]);
                }

                (_slot[first + node], _threshold[first + node]) = (derived * stride, 0.5f);
            }

            _roots[t] = first;
            _depths[t] = Depth(tree, 0);
            first += inner + tree.Leaves.Length;
        }

        Bias = ensemble.Bias;
        _derived = [.. derivedSets];
        Width = slotCount + _derived.Length;
    }

    /// <summary>Slots of a row in the block: the plan's, then one per distinct categorical split.</summary>
    public int Width { get; }

    public double Bias { get; }

    private static int Depth(PlanTree tree, int node) => tree.Split.Length == 0 ? 0
        : 1 + Math.Max(tree.Left[node] >= 0 ? Depth(tree, tree.Left[node]) : 0, tree.Right[node] >= 0 ? Depth(tree, tree.Right[node]) : 0);

    /// <summary>Adds each tree's leaf value to <paramref name="sums"/>[row] for the <paramref name="rows"/> rows of the block.</summary>
    public void Accumulate(Span<float> block, int rows, Span<double> sums, Span<int> nodes)
    {
        var stride = block.Length / Width;
        for (var d = 0; d < _derived.Length; d++)
        {
            var target = block.Slice((Width - _derived.Length + d) * stride, rows);
            target.Clear();
            foreach (var offset in _derived[d])
            {
                var source = block.Slice(offset, rows);
                for (var r = 0; r < rows; r++)
                {
                    // Categories are one-hot, but any value above 0 counts, as in ML.NET.
                    target[r] = source[r] > 0f || target[r] > 0f ? 1f : 0f;
                }
            }
        }

        for (var t = 0; t < _roots.Length; t++)
        {
            Walk(_roots[t], _depths[t], block, rows, sums, nodes);
        }
    }

    private void Walk(int root, int depth, ReadOnlySpan<float> block, int rows, Span<double> sums, Span<int> nodes)
    {
        ref var x = ref MemoryMarshal.GetReference(block);
        ref var slot = ref MemoryMarshal.GetArrayDataReference(_slot);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_threshold);
        ref var children = ref MemoryMarshal.GetArrayDataReference(_children);
        ref var node = ref MemoryMarshal.GetReference(nodes);
        for (var r = 0; r < rows; r++)
        {
            Unsafe.Add(ref node, r) = root;
        }

        for (var level = 0; level < depth; level++)
        {
            for (var r = 0; r < rows; r++)
            {
                var n = Unsafe.Add(ref node, r);
                var value = Unsafe.Add(ref x, Unsafe.Add(ref slot, n) + r);
                // Right when not ≤ the threshold: NaN goes right, as in ML.NET.
                var right = Unsafe.BitCast<bool, byte>(!(value <= Unsafe.Add(ref threshold, n)));
                Unsafe.Add(ref node, r) = Unsafe.Add(ref children, (2 * n) + right);
            }
        }

        for (var r = 0; r < rows; r++)
        {
            sums[r] += _values[nodes[r]];
        }
    }
}
