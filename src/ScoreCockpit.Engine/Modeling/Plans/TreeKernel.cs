using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// A plan's trees packed into flat arrays shared by all trees, walked one tree at a time over a block of rows held
/// slot by slot (x[slot × rows + row]): the tree stays in L1 while every row of the block goes down it, and each row's
/// sum is added in tree order, in double, as ML.NET adds them.
/// </summary>
internal sealed class TreeKernel
{
    private readonly int[] _roots;
    private readonly int[] _split;
    private readonly float[] _threshold;
    private readonly int[] _left;
    private readonly int[] _right;
    private readonly double[] _leaves;
    private readonly bool[] _categoricalTree;
    private readonly int[]?[] _categorical;

    public TreeKernel(PlanEnsemble ensemble)
    {
        var trees = ensemble.Trees;
        var nodes = trees.Sum(t => t.Split.Length);
        var leaves = trees.Sum(t => t.Leaves.Length);
        (_split, _threshold, _left, _right) = (new int[nodes], new float[nodes], new int[nodes], new int[nodes]);
        (_leaves, _roots, _categoricalTree, _categorical) = (new double[leaves], new int[trees.Count], new bool[trees.Count], new int[]?[nodes]);
        var (node0, leaf0) = (0, 0);
        for (var t = 0; t < trees.Count; t++)
        {
            var tree = trees[t];
            int Global(int child) => child >= 0 ? node0 + child : ~(leaf0 + ~child);
            for (var i = 0; i < tree.Split.Length; i++)
            {
                (_split[node0 + i], _threshold[node0 + i]) = (tree.Split[i], tree.Threshold[i]);
                (_left[node0 + i], _right[node0 + i]) = (Global(tree.Left[i]), Global(tree.Right[i]));
            }

            foreach (var (node, slots) in tree.CategoricalSplits ?? new Dictionary<int, int[]>())
            {
                _categorical[node0 + node] = slots;
                _categoricalTree[t] = true;
            }

            for (var l = 0; l < tree.Leaves.Length; l++)
            {
                // A weight of 1 leaves the value as it is, so ML.NET's unweighted sum is matched bit for bit.
                _leaves[leaf0 + l] = tree.Weight * tree.Leaves[l];
            }

            _roots[t] = tree.Split.Length == 0 ? ~leaf0 : node0;
            (node0, leaf0) = (node0 + tree.Split.Length, leaf0 + tree.Leaves.Length);
        }

        Bias = ensemble.Bias;
    }

    public double Bias { get; }

    /// <summary>Adds each tree's leaf value to <paramref name="sums"/>[row] for the <paramref name="rows"/> rows of the block.</summary>
    public void Accumulate(ReadOnlySpan<float> block, int stride, int rows, Span<double> sums)
    {
        for (var t = 0; t < _roots.Length; t++)
        {
            if (_categoricalTree[t])
            {
                WalkCategorical(_roots[t], block, stride, rows, sums);
            }
            else
            {
                Walk(_roots[t], block, stride, rows, sums);
            }
        }
    }

    private void Walk(int root, ReadOnlySpan<float> block, int stride, int rows, Span<double> sums)
    {
        if (root < 0)
        {
            var value = _leaves[~root];
            for (var row = 0; row < rows; row++)
            {
                sums[row] += value;
            }

            return;
        }

        ref var x = ref MemoryMarshal.GetReference(block);
        ref var split = ref MemoryMarshal.GetArrayDataReference(_split);
        ref var threshold = ref MemoryMarshal.GetArrayDataReference(_threshold);
        ref var left = ref MemoryMarshal.GetArrayDataReference(_left);
        ref var right = ref MemoryMarshal.GetArrayDataReference(_right);
        ref var leaves = ref MemoryMarshal.GetArrayDataReference(_leaves);
        ref var sum = ref MemoryMarshal.GetReference(sums);

        // Four rows go down the tree side by side until all four reach a leaf (the sign bit of all four is set): their
        // walks are independent, so the processor overlaps them.
        var r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            int a = root, b = root, c = root, d = root;
            while ((a & b & c & d) >= 0)
            {
                a = Step(a, r, stride, ref x, ref split, ref threshold, ref left, ref right);
                b = Step(b, r + 1, stride, ref x, ref split, ref threshold, ref left, ref right);
                c = Step(c, r + 2, stride, ref x, ref split, ref threshold, ref left, ref right);
                d = Step(d, r + 3, stride, ref x, ref split, ref threshold, ref left, ref right);
            }

            Unsafe.Add(ref sum, r) += Unsafe.Add(ref leaves, ~a);
            Unsafe.Add(ref sum, r + 1) += Unsafe.Add(ref leaves, ~b);
            Unsafe.Add(ref sum, r + 2) += Unsafe.Add(ref leaves, ~c);
            Unsafe.Add(ref sum, r + 3) += Unsafe.Add(ref leaves, ~d);
        }

        for (; r < rows; r++)
        {
            var node = root;
            while (node >= 0)
            {
                node = Step(node, r, stride, ref x, ref split, ref threshold, ref left, ref right);
            }

            Unsafe.Add(ref sum, r) += Unsafe.Add(ref leaves, ~node);
        }
    }

    /// <summary>One step down: a leaf stays where it is, a node goes left when the value is ≤ its threshold (NaN goes right).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(int node, int row, int stride, ref float x, ref int split, ref float threshold, ref int left, ref int right)
    {
        if (node < 0)
        {
            return node;
        }

        var value = Unsafe.Add(ref x, (Unsafe.Add(ref split, node) * stride) + row);
        return value <= Unsafe.Add(ref threshold, node) ? Unsafe.Add(ref left, node) : Unsafe.Add(ref right, node);
    }

    private void WalkCategorical(int root, ReadOnlySpan<float> block, int stride, int rows, Span<double> sums)
    {
        for (var r = 0; r < rows; r++)
        {
            var node = root;
            while (node >= 0)
            {
                if (_categorical[node] is { } slots)
                {
                    var any = false;
                    foreach (var slot in slots)
                    {
                        if (block[(slot * stride) + r] > 0f)
                        {
                            any = true;
                            break;
                        }
                    }

                    node = any ? _right[node] : _left[node];
                }
                else
                {
                    node = block[(_split[node] * stride) + r] <= _threshold[node] ? _left[node] : _right[node];
                }
            }

            sums[r] += _leaves[~node];
        }
    }
}
