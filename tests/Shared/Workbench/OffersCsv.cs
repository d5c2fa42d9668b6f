using System.Globalization;
using System.Text;

namespace ScoreCockpit.Tests.Shared.Workbench;

/// <summary>
/// An analyst's own data as a CSV file: 24 monthly reference dates (month-ends of 2024 and 2025) with uneven volumes,
/// a few features and a 0/1 response that depends on them, generated from a fixed formula so every run is the same.
/// </summary>
public static class OffersCsv
{
    public const string Table = "offers";

    public const string Dataprep = "SELECT customer_id, ref_date, spend, visits, plan, tenure, responded FROM offers WHERE ref_date = ${date_ref}";

    public static IReadOnlyList<DateOnly> Dates { get; } =
        [.. Enumerable.Range(0, 24).Select(m => new DateOnly(2024, 1, 1).AddMonths(m + 1).AddDays(-1))];

    /// <summary>Between 90 and 149 customers a month, unevenly.</summary>
    public static int Volume(int month) => 90 + (month * 37 % 60);

    public static string Text()
    {
        var text = new StringBuilder("customer_id,ref_date,spend,visits,plan,tenure,responded\n");
        string[] plans = ["basic", "plus", "pro"];
        for (var m = 0; m < Dates.Count; m++)
        {
            for (var i = 1; i <= Volume(m); i++)
            {
                var spend = ((i * 37) + (m * 11)) % 200 + (0.5 * (i % 7));
                var visits = ((i * 13) + m) % 15;
                var plan = plans[(i + m) % 3];
                var lean = -2.0 + (0.015 * spend) - (0.08 * visits) + (plan == "pro" ? 1.0 : 0.0);
                var chance = 1 / (1 + Math.Exp(-lean));
                var draw = (((i * 2654435761L) + (m * 40503L)) % 10007) / 10007.0;
                text.Append(CultureInfo.InvariantCulture,
                    $"{i},{Dates[m]:yyyy-MM-dd},{spend.ToString("0.0", CultureInfo.InvariantCulture)},{visits},{plan},{(i % 60) + m},{(draw < chance ? 1 : 0)}\n");
            }
        }

        return text.ToString();
    }
}
