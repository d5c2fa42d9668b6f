namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// The dot products of <see cref="LinearKernel"/> as SQL on REAL values, adding in the kernel's order: floats round
/// after every addition, so another order could move a score by one unit in the last place and swap two ranks.
/// Each method takes the products as expressions and returns their sum as one expression; <c>zero</c> is a REAL 0.
/// </summary>
internal static class PlanSqlDot
{
    /// <summary>
    /// The tensor library's dense dot product: vectors of <paramref name="width"/> lanes from the start, a first
    /// vector and a last one that overlap (the overlap masked to 0), blocks of eight vectors past eight vectors' worth,
    /// then the lanes summed in halves down to four, added as (a + b) + (c + d). Shorter than a vector: the halves of
    /// the smaller vectors, or one by one from the end below four.
    /// </summary>
    public static string Dense(IReadOnlyList<string> products, int width, string zero)
    {
        var n = products.Count;
        if (width == 0)
        {
            return Sequential(products, zero);
        }

        if (n < width)
        {
            return Short(products, zero);
        }

        var lanes = Enumerable.Repeat(zero, width).ToArray();
        var start = 0;
        var remainder = n;
        var pastBlocks = n > 8 * width;
        if (pastBlocks)
        {
            (start, remainder) = (width, n - width);
            while (remainder >= 8 * width)
            {
                for (var v = 0; v < 8; v++)
                {
                    AddVector(lanes, products, start + (v * width));
                }

                start += 8 * width;
                remainder -= 8 * width;
            }
        }

        AddVector(lanes, products, 0);
        var (blocks, trailing) = Math.DivRem(remainder, width);
        if (!pastBlocks)
        {
            blocks--;
        }

        var end = start + remainder - trailing;
        for (var b = blocks; b >= 1; b--)
        {
            AddVector(lanes, products, end - (b * width));
        }

        for (var l = 0; l < width; l++)
        {
            lanes[l] = Add(lanes[l], l >= width - trailing ? products[n - width + l] : zero);
        }

        return Halves(lanes);
    }

    /// <summary>Added one after the other from <paramref name="zero"/>, as a scalar loop adds.</summary>
    public static string Sequential(IEnumerable<string> products, string zero) => products.Aggregate(zero, Add);

    /// <summary>
    /// The sparse dot product over 16 entries or more (<see cref="LinearKernel"/>'s SparseDot with AVX): entry p goes to
    /// lane p mod 8 while whole groups of eight remain, multiplied and added with one rounding when
    /// <paramref name="fused"/>; the lanes are folded pairwise; four more entries are added as (a + b) + (c + d), the
    /// rest one by one, and that sum is added to the lanes'. <paramref name="exact"/> are the products in double, which
    /// hold a product of two floats exactly, so rounding the sum once to REAL is the fused multiply-add.
    /// </summary>
    public static string Lanes(IReadOnlyList<string> exact, bool fused, string zero, string doubleType)
    {
        string Real(string e) => $"CAST({e} AS REAL)";
        var count = exact.Count;
        var lanes = Enumerable.Repeat(zero, 8).ToArray();
        var p = 0;
        for (; p + 8 <= count; p += 8)
        {
            for (var l = 0; l < 8; l++)
            {
                lanes[l] = fused ? Real($"{exact[p + l]} + CAST({lanes[l]} AS {doubleType})") : Add(Real(exact[p + l]), lanes[l]);
            }
        }

        var eights = Add(Add(Add(lanes[0], lanes[1]), Add(lanes[2], lanes[3])), Add(Add(lanes[4], lanes[5]), Add(lanes[6], lanes[7])));
        var fours = zero;
        if (p + 4 <= count)
        {
            fours = Add(Add(Real(exact[p]), Real(exact[p + 1])), Add(Real(exact[p + 2]), Real(exact[p + 3])));
            p += 4;
        }

        for (; p < count; p++)
        {
            fours = Add(fours, Real(exact[p]));
        }

        return Add(fours, eights);
    }

    /// <summary>Fewer products than one vector: two overlapping vectors of 8 (9 to 15) or of 4 (5 to 7), or one by one backwards.</summary>
    private static string Short(IReadOnlyList<string> products, string zero)
    {
        var n = products.Count;
        if (n >= 4)
        {
            var width = n >= 8 ? 8 : 4;
            if (n == width)
            {
                return Halves([.. products]);
            }

            var trailing = n % width;
            return Halves([.. Enumerable.Range(0, width).Select(l => Add(products[l], l >= width - trailing ? products[n - width + l] : zero))]);
        }

        var sum = zero;
        for (var i = n - 1; i >= 0; i--)
        {
            sum = Add(sum, products[i]);
        }

        return sum;
    }

    private static void AddVector(string[] lanes, IReadOnlyList<string> products, int from)
    {
        for (var l = 0; l < lanes.Length; l++)
        {
            lanes[l] = Add(lanes[l], products[from + l]);
        }
    }

    /// <summary>A vector's lanes summed: each half summed, down to four lanes added as (a + b) + (c + d).</summary>
    private static string Halves(string[] lanes) => lanes.Length == 4
        ? Add(Add(lanes[0], lanes[1]), Add(lanes[2], lanes[3]))
        : Add(Halves(lanes[..(lanes.Length / 2)]), Halves(lanes[(lanes.Length / 2)..]));

    private static string Add(string a, string b) => $"({a} + {b})";
}
