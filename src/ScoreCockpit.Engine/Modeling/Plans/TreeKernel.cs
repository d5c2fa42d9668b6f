using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// A plan's trees packed into flat arrays shared by all trees, walked one tree at a time over a block of rows held
/// slot by slot (x[slot × rows + row]): the tree stays in L1 while every row of the block goes down it, and each row's
/// sum is added in tree order, in double, as ML.NET adds them. Leaves are nodes that lead to themselves, so a row can
/// take more steps than its path, level by level over the block, without a branch to mispredict: a step is two loads,
/// a comparison and a third load, and the rows of a level are independent, so the processor overlaps them. Past the
/// first levels only the rows still at inner nodes go on (<see cref="Shallow"/>).
/// </summary>
internal sealed class TreeKernel
{
    private readonly int[] _roots;
    private readonly int[] _depths;

    /// <summary>Per tree, its first leaf: a tree's inner nodes come before its leaves, so a node below it is inner.</summary>
    private readonly nint[] _firstLeaves;

    /// <summary>
    /// Levels every row of a block walks. Leaf-wise trees are uneven (31 leaves: 11 levels deep on average, a leaf at 7),
    /// so below this level the walk goes on only with the rows not yet at a leaf, listed once and then again every
    /// <see cref="Relist"/> levels. Measured on 24 LightGBM versions: 1.3× the rows per second of walking every row to
    /// the deepest leaf; listing after 3 levels was slower than not listing at all, after 4 no faster.
    /// </summary>
    private const int Shallow = 6;

    private const int Relist = 3;
    // Offsets, children and the nodes of a walk are native integers: the walk indexes with them as they are, without
    // widening each one first (three instructions fewer per row and level).
    private readonly nint[] _slot;
    private readonly float[] _threshold;

    /// <summary>Node n goes to _children[2n] when its value is ≤ its threshold, else to _children[2n + 1].</summary>
    private readonly nint[] _children;

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
        (_slot, _threshold, _children, _values) = (new nint[nodes], new float[nodes], new nint[2 * nodes], new double[nodes]);
        (_roots, _depths, _firstLeaves) = (new int[trees.Count], new int[trees.Count], new nint[trees.Count]);
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
            _firstLeaves[t] = first + inner;
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
    public void Accumulate(Span<float> block, int rows, Span<double> sums, Span<nint> nodes)
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
            Walk(_roots[t], _depths[t], _firstLeaves[t], block, rows, sums, nodes);
        }
    }

    private void Walk(nint root, int depth, nint firstLeaf, ReadOnlySpan<float> block, nint rows, Span<double> sums, Span<nint> scratch)
    {
        var nodes = scratch[..(int)rows];
        ref var active = ref MemoryMarshal.GetReference(scratch[(scratch.Length / 2)..]);
        ref var x = ref MemoryMarshal.GetReference(block);
        ref var slot = ref MemoryMarshal.GetArrayDataReference(_slot);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_threshold);
        ref var children = ref MemoryMarshal.GetArrayDataReference(_children);
        ref var node = ref MemoryMarshal.GetReference(nodes);
        for (nint r = 0; r < rows; r++)
        {
            Unsafe.Add(ref node, r) = root;
        }

        var shallow = Math.Min(depth, Shallow);
        for (var level = 0; level < shallow; level++)
        {
            for (nint r = 0; r < rows; r++)
            {
                var n = Unsafe.Add(ref node, r);
                var value = Unsafe.Add(ref x, Unsafe.Add(ref slot, n) + r);
                // Right when not ≤ the threshold: NaN goes right, as in ML.NET.
                nint right = Unsafe.BitCast<bool, byte>(!(value <= Unsafe.Add(ref threshold, n)));
                Unsafe.Add(ref node, r) = Unsafe.Add(ref children, (2 * n) + right);
            }
        }

        if (shallow < depth)
        {
            // Every row is written and counted only when it is at an inner node: no branch to mispredict.
            nint count = 0;
            for (nint r = 0; r < rows; r++)
            {
                Unsafe.Add(ref active, count) = r;
                count += Unsafe.Add(ref node, r) < firstLeaf ? 1 : 0;
            }

            for (var level = shallow; level < depth; level++)
            {
                if (level > shallow && (level - shallow) % Relist == 0)
                {
                    nint kept = 0;
                    for (nint i = 0; i < count; i++)
                    {
                        var r = Unsafe.Add(ref active, i);
                        Unsafe.Add(ref active, kept) = r;
                        kept += Unsafe.Add(ref node, r) < firstLeaf ? 1 : 0;
                    }

                    count = kept;
                }

                // The step of the first levels, written again: as a shared inlined method it measured 20 % slower.
                for (nint i = 0; i < count; i++)
                {
                    var r = Unsafe.Add(ref active, i);
                    var n = Unsafe.Add(ref node, r);
                    var value = Unsafe.Add(ref x, Unsafe.Add(ref slot, n) + r);
                    nint right = Unsafe.BitCast<bool, byte>(!(value <= Unsafe.Add(ref threshold, n)));
                    Unsafe.Add(ref node, r) = Unsafe.Add(ref children, (2 * n) + right);
                }
            }
        }

        for (var r = 0; r < (int)rows; r++)
        {
            sums[r] += _values[nodes[r]];
        }
    }
}
