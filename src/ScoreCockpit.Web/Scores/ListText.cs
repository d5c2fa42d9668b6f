using System.Globalization;
using ScoreCockpit.Engine.Accounts;

namespace ScoreCockpit.Web.Scores;

/// <summary>Lists typed in one text field, comma- or line-separated.</summary>
public static class ListText
{
    public static IReadOnlyList<string> Split(string? text) =>
        (text ?? "").Split([',', '\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Join(IEnumerable<string> items) => string.Join(", ", items);

    public static IReadOnlyList<decimal> Percentages(string? text) =>
        Split(text).Select(item => decimal.TryParse(item.TrimEnd('%'), NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CockpitValidationException($"'{item}' is not a percentage; write cut-offs like 1, 5, 10, 20.")).ToList();

    public static string Join(IEnumerable<decimal> items) =>
        string.Join(", ", items.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
