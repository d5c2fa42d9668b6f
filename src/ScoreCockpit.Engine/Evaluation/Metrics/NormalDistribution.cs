namespace ScoreCockpit.Engine.Evaluation;

/// <summary>The standard normal CDF and its inverse, written here because .NET has neither and two functions do not justify a package.</summary>
internal static class NormalDistribution
{
    private static readonly double SqrtTwoPi = Math.Sqrt(2 * Math.PI);

    // Hart's algorithm 5666 as given by West (2004), "Better approximations to cumulative normal functions".
    private static readonly double[] HartNumerator =
        [0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871, 221.213596169931, 220.206867912376];

    private static readonly double[] HartDenominator =
        [0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674, 637.333633378831, 793.826512519948, 440.413735824752];

    // Acklam's rational approximation of the inverse (relative error 1.15e-9 before the Halley step).
    private static readonly double[] CentralNumerator =
        [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];

    private static readonly double[] CentralDenominator =
        [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01, 1];

    private static readonly double[] TailNumerator =
        [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];

    private static readonly double[] TailDenominator =
        [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00, 1];

    /// <summary>Φ(x) to double precision (absolute error below 1e-14).</summary>
    public static double Cdf(double x)
    {
        var z = Math.Abs(x);
        double tail;
        if (z > 37)
        {
            tail = 0;
        }
        else if (z < 7.07106781186547)
        {
            tail = Math.Exp(-z * z / 2) * Horner(HartNumerator, z) / Horner(HartDenominator, z);
        }
        else
        {
            var b = z + (1 / (z + (2 / (z + (3 / (z + (4 / (z + 0.65))))))));
            tail = Math.Exp(-z * z / 2) / b / SqrtTwoPi;
        }

        return x > 0 ? 1 - tail : tail;
    }

    /// <summary>Φ⁻¹(p): Acklam's approximation polished by one Halley step on <see cref="Cdf"/> (error near 1e-15).</summary>
    public static double Quantile(double p)
    {
        if (!(p > 0 && p < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "A probability strictly between 0 and 1 is needed.");
        }

        const double low = 0.02425;
        double x;
        if (p < low || p > 1 - low)
        {
            var q = Math.Sqrt(-2 * Math.Log(Math.Min(p, 1 - p)));
            x = Horner(TailNumerator, q) / Horner(TailDenominator, q);
            x = p < low ? x : -x;
        }
        else
        {
            var q = p - 0.5;
            x = q * Horner(CentralNumerator, q * q) / Horner(CentralDenominator, q * q);
        }

        var u = (Cdf(x) - p) * SqrtTwoPi * Math.Exp(x * x / 2);
        return x - (u / (1 + (x * u / 2)));
    }

    /// <summary>The two-sided critical value of a confidence level, e.g. 1.959964 for 0.95.</summary>
    public static double Critical(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "The confidence level must be strictly between 0 and 1.");
        }

        return Quantile(1 - ((1 - level) / 2));
    }

    private static double Horner(double[] coefficients, double x)
    {
        var sum = 0.0;
        foreach (var c in coefficients)
        {
            sum = (sum * x) + c;
        }

        return sum;
    }
}
