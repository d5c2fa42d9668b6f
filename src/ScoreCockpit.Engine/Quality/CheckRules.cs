using System.Globalization;

namespace ScoreCockpit.Engine.Quality;

public sealed record RuleOutcome(CheckStatus Status, string Message);

/// <summary>
/// The rules of the checks, free of I/O. A value on a bound is within it. A change with no previous value is OK
/// (a first measurement has nothing to compare with, and failing it would make every new metric start red).
/// </summary>
public static class CheckRules
{
    public static RuleOutcome Bounds(string what, double? value, double? warningMin, double? warningMax, double? errorMin, double? errorMax)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return new(CheckStatus.Error, $"{what} has no value to check (an empty dataset or only missing values).");
        }

        if (errorMin is { } emin && v < emin)
        {
            return new(CheckStatus.Error, $"{what} {Number(v)} is below the error minimum {Number(emin)}.");
        }

        if (errorMax is { } emax && v > emax)
        {
            return new(CheckStatus.Error, $"{what} {Number(v)} is above the error maximum {Number(emax)}.");
        }

        if (warningMin is { } wmin && v < wmin)
        {
            return new(CheckStatus.Warning, $"{what} {Number(v)} is below the warning minimum {Number(wmin)}.");
        }

        if (warningMax is { } wmax && v > wmax)
        {
            return new(CheckStatus.Warning, $"{what} {Number(v)} is above the warning maximum {Number(wmax)}.");
        }

        return new(CheckStatus.Ok, $"{what} {Number(v)} is within its bounds{Range(warningMin, warningMax, errorMin, errorMax)}.");
    }

    /// <summary>
    /// |value / reference − 1| in percent against its thresholds. <paramref name="against"/> names the reference in the
    /// message ("the previous reference date", "usage_202601").
    /// </summary>
    public static RuleOutcome Change(string what, double? value, double? reference, string against, double? warningPercent, double? errorPercent)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return new(CheckStatus.Error, $"{what} has no value to compare with {against}.");
        }

        if (reference is not { } r || !double.IsFinite(r))
        {
            return new(CheckStatus.Ok, $"{what} {Number(v)}: no previous value to compare with ({against} has none).");
        }

        var percent = ChangePercent(v, r);
        var status = percent is not { } p ? Worst(errorPercent, warningPercent)
            : errorPercent is { } e && p > e ? CheckStatus.Error
            : warningPercent is { } w && p > w ? CheckStatus.Warning
            : CheckStatus.Ok;
        var limit = status switch
        {
            CheckStatus.Error => $"error beyond ±{Percent(errorPercent!.Value)}",
            CheckStatus.Warning => $"warning beyond ±{Percent(warningPercent!.Value)}",
            _ => (warningPercent ?? errorPercent) is { } l ? $"within ±{Percent(l)}" : "no limit set",
        };
        if (percent is not { } change)
        {
            return new(status, $"{what} {Number(v)} while {against} had 0; {limit}.");
        }

        var direction = v >= r ? "above" : "below";
        return new(status, $"{what} {Number(v)} is {Percent(change)} {direction} {against} ({Number(r)}); {limit}.");
    }

    public const int DefaultHistory = 6;

    /// <summary>Fewer previous values than this make no usual range: the check says so and passes.</summary>
    public const int MinimumHistory = 3;

    /// <summary>
    /// The value against the median of the previous reference dates: one bad month (an incident) does not move the
    /// median, so the month after it is judged against the usual level, not against the incident.
    /// </summary>
    public static RuleOutcome UsualRange(string what, double? value, double? median, int count, string against, double? warningPercent, double? errorPercent) =>
        count < MinimumHistory && value is { } v && double.IsFinite(v)
            ? new(CheckStatus.Ok, $"{what} {Number(v)}: only {count} previous reference date(s), too few for a usual range (needs {MinimumHistory}).")
            : Change(what, value, median, against, warningPercent, errorPercent);

    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// |value / reference − 1| × 100; 0 when both are 0; null (no finite change) when only the reference is 0. Rounded to
    /// 9 decimals, so 1,100 against 1,000 is exactly 10 % and stays within a 10 % limit despite binary fractions.
    /// </summary>
    public static double? ChangePercent(double value, double reference) =>
        reference == 0 ? (value == 0 ? 0 : null) : Math.Round(Math.Abs((value / reference) - 1) * 100, 9);

    public static string Number(double value) => value.ToString(Math.Abs(value) >= 100 ? "#,0.#" : "#,0.####", CultureInfo.InvariantCulture);

    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + " %";

    // From 0 to anything is an infinite change: beyond whichever limit is set.
    private static CheckStatus Worst(double? errorPercent, double? warningPercent) =>
        errorPercent is not null ? CheckStatus.Error : warningPercent is not null ? CheckStatus.Warning : CheckStatus.Ok;

    private static string Range(double? warningMin, double? warningMax, double? errorMin, double? errorMax)
    {
        var parts = new List<string>();
        if (warningMin is not null || warningMax is not null)
        {
            parts.Add($"warning {Side(warningMin)}–{Side(warningMax)}");
        }

        if (errorMin is not null || errorMax is not null)
        {
            parts.Add($"error {Side(errorMin)}–{Side(errorMax)}");
        }

        return parts.Count == 0 ? "" : $" ({string.Join(", ", parts)})";
    }

    private static string Side(double? bound) => bound is { } b ? Number(b) : "…";
}
