using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScoreCockpit.Engine.Modeling.Plans;

/// <summary>
/// Which additions <see cref="LinearKernel"/> makes on this machine: they follow the processor's vector width, so a
/// linear version written as SQL reproduces them to give the kernel's floats bit for bit here.
/// </summary>
/// <param name="DotWidth">Floats per vector of the dense dot product (16, 8 or 4); 0: added one by one.</param>
/// <param name="SparseLanes">Whether the sparse dot product adds 16 entries or more in eight lanes (AVX).</param>
/// <param name="Fused">Whether those lanes multiply and add with one rounding (FMA).</param>
public sealed record LinearArithmetic(int DotWidth, bool SparseLanes, bool Fused)
{
    public static LinearArithmetic OfThisMachine { get; } = new(
        Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 0,
        Avx.IsSupported,
        Fma.IsSupported);

    /// <summary>For people reading the SQL.</summary>
    public string Describe() =>
        (DotWidth == 0 ? "dense sums one by one" : $"dense sums in vectors of {DotWidth} floats") +
        (SparseLanes ? Fused ? ", sparse sums in 8 fused lanes" : ", sparse sums in 8 lanes" : ", sparse sums one by one");
}
