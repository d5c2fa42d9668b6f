using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// A linear model scored the way ML.NET scores it, to the last bit: the vector is scaled slot by slot, its zeros
/// dropped, and kept dense only when at least half its slots are non-zero; the dot product then follows ML.NET's own
/// order of additions — the tensor library's dense dot product, or its sparse one (sequential below 16 entries,
/// eight lanes with fused multiply-adds above). A different order could round a score one unit differently, enough
/// to swap two customers' ranks.
/// </summary>
internal sealed class LinearKernel
{
    internal const int SparseVectorThreshold = 16;
    private readonly float[] _weights;
    private readonly float _bias;
    private readonly float[] _scale;
    private readonly float[]? _offset;
    private readonly int[]? _weightIndices;
    private readonly float[]? _weightValues;

    public LinearKernel(PlanLinear linear, PlanScaling? scaling)
    {
        (_weights, _bias) = (linear.Weights, linear.Bias);
        _scale = scaling?.Scale ?? [.. Enumerable.Repeat(1f, linear.Weights.Length)];
        _offset = scaling?.Offset;
        if (linear.WeightSlots is { } held)
        {
            _weightIndices = held;
            _weightValues = [.. held.Select(i => _weights[i])];
        }
    }

    /// <summary>The raw score of one row from its unscaled slots; <paramref name="values"/> and <paramref name="indices"/> are work space of one slot each.</summary>
    public float Score(ReadOnlySpan<float> slots, Span<float> values, Span<int> indices)
    {
        var n = slots.Length;
        var nonZero = 0;
        for (var i = 0; i < n; i++)
        {
            var z = _offset is null ? slots[i] * _scale[i] : (slots[i] - _offset[i]) * _scale[i];
            values[i] = z;
            if (z != 0)
            {
                nonZero++;
            }
        }

        if (nonZero == 0)
        {
            return _bias + 0f;
        }

        float dot;
        if (nonZero >= n / 2)
        {
            var dense = values[..n];
            dot = _weightIndices is null
                ? TensorPrimitives.Dot(_weights, dense)
                : SparseDot(dense, _weightValues!, _weightIndices);
        }
        else
        {
            var k = 0;
            for (var i = 0; i < n; i++)
            {
                if (values[i] != 0)
                {
                    (values[k], indices[k]) = (values[i], i);
                    k++;
                }
            }

            dot = SparseDot(_weights, values[..k], indices[..k]);
        }

        return _bias + dot;
    }

    /// <summary>Σ dense[indices[i]] × sparse[i], added as ML.NET's sparse dot product adds them.</summary>
    private static float SparseDot(ReadOnlySpan<float> dense, ReadOnlySpan<float> sparse, ReadOnlySpan<int> indices)
    {
        var count = sparse.Length;
        if (count < SparseVectorThreshold || !Avx.IsSupported)
        {
            var result = 0f;
            for (var i = 0; i < count; i++)
            {
                result += dense[indices[i]] * sparse[i];
            }

            return result;
        }

        // Eight lanes accumulate with fused multiply-adds where the processor has them, then are folded pairwise.
        var lanes = Vector256<float>.Zero;
        var p = 0;
        for (; p + 8 <= count; p += 8)
        {
            var gathered = Vector256.Create(dense[indices[p]], dense[indices[p + 1]], dense[indices[p + 2]], dense[indices[p + 3]],
                dense[indices[p + 4]], dense[indices[p + 5]], dense[indices[p + 6]], dense[indices[p + 7]]);
            var weights = Vector256.Create(sparse.Slice(p, 8));
            lanes = Fma.IsSupported ? Fma.MultiplyAdd(weights, gathered, lanes) : Avx.Add(Avx.Multiply(gathered, weights), lanes);
        }

        var folded = Avx.HorizontalAdd(lanes, lanes);
        folded = Avx.HorizontalAdd(folded, folded);
        var eights = folded.GetElement(0) + folded.GetElement(4);

        var fours = 0f;
        if (p + 4 <= count)
        {
            var a = dense[indices[p]] * sparse[p];
            var b = dense[indices[p + 1]] * sparse[p + 1];
            var c = dense[indices[p + 2]] * sparse[p + 2];
            var d = dense[indices[p + 3]] * sparse[p + 3];
            fours = (a + b) + (c + d);
            p += 4;
        }

        for (; p < count; p++)
        {
            fours += dense[indices[p]] * sparse[p];
        }

        return fours + eights;
    }
}
