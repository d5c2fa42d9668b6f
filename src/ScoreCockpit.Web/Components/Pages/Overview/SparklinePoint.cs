namespace ScoreCockpit.Web.Components.Pages.Overview;

/// <summary>A point of a sparkline in SVG coordinates (y grows downwards).</summary>
public readonly record struct SparklinePoint(double X, double Y)
{
    private const double Pad = 3;

    /// <summary>
    /// The values spread evenly across the width and scaled between their own minimum and maximum, cut into runs at
    /// missing values. A flat series sits in the middle rather than on an edge.
    /// </summary>
    public static List<List<SparklinePoint>> Segments(IReadOnlyList<double?> values, double width, double height)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        var segments = new List<List<SparklinePoint>>();
        if (present.Count == 0)
        {
            return segments;
        }

        double min = present.Min(), max = present.Max();
        var step = values.Count > 1 ? (width - 2 * Pad) / (values.Count - 1) : 0;
        List<SparklinePoint>? run = null;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                run = null;
                continue;
            }

            var y = max > min ? Pad + (max - value) / (max - min) * (height - 2 * Pad) : height / 2;
            var x = values.Count > 1 ? Pad + i * step : width / 2;
            if (run is null)
            {
                run = [];
                segments.Add(run);
            }

            run.Add(new SparklinePoint(x, y));
        }

        return segments;
    }
}
