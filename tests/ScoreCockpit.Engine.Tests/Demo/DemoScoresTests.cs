using System.Globalization;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Demo;

[Collection(DemoWarehouseCollection.Name)]
public sealed class DemoScoresTests(DemoWarehouseFixture demo)
{
    public static TheoryData<string> Scores => new("renewal", "churn", "cross-sell");

    [Fact]
    public void Three_scores_with_their_horizons_and_embedded_dataprep()
    {
        Assert.Equal(["renewal", "churn", "cross-sell"], DemoScores.All.Select(s => s.Name));
        Assert.Equal([3, 2, 3], DemoScores.All.Select(s => s.HorizonMonths));
        Assert.Equal(["renewed", "churned", "took_option"], DemoScores.All.Select(s => s.TargetColumn));
        Assert.All(DemoScores.All, s =>
        {
            Assert.Equal(s.Name, ScoreName.Validate(s.Name));
            Assert.Equal("customer_id", s.KeyColumn);
            Assert.Equal("date_ref", s.ReferenceDateColumn);
            Assert.Equal(BuiltInVariables.Names.Order(StringComparer.Ordinal), SqlTemplate.Names(s.DataprepSql).Order(StringComparer.Ordinal));
        });
        Assert.Equal(30, DemoScores.ReferenceDates(DemoWarehouseFixture.Options).Count);
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public async Task Each_dataprep_returns_one_row_per_customer_with_a_zero_one_target(string name)
    {
        var score = DemoScores.All.Single(s => s.Name == name);
        foreach (var month in new[] { 1, 17, 18, 21, 24, 30 })
        {
            var date = demo.Dates[month - 1];
            var sql = SqlTemplate.RenderLiterals(score.DataprepSql, DemoScores.Variables(score, date), demo.Session.Dialect).Sql;
            var stats = await ReadAsync($"""
                SELECT count(*), count(DISTINCT customer_id), count(*) FILTER (WHERE {score.TargetColumn} IN (0, 1)),
                       CAST(sum({score.TargetColumn}) AS BIGINT), count(*) FILTER (WHERE date_ref = DATE '{date:yyyy-MM-dd}')
                FROM ({sql})
                """);

            Assert.True(stats[0] > (name == "renewal" ? 200 : 4_000), $"{name} {date}: {stats[0]} rows");
            Assert.Equal(stats[0], stats[1]);
            Assert.Equal(stats[0], stats[2]);
            Assert.Equal(stats[0], stats[4]);
            if (month == 30)
            {
                Assert.Equal(0, stats[3]); // Nothing is known yet after the last reference date.
            }

            // Bound parameters (DuckDB's named $parameters) give the same snapshot as written literals.
            var bound = SqlTemplate.Render(score.DataprepSql, DemoScores.Variables(score, date), demo.Session.Dialect);
            Assert.NotEmpty(bound.Parameters);
            Assert.Equal(stats[3], Convert.ToInt64(await demo.Session.ScalarAsync(bound with { Sql = $"SELECT CAST(sum({score.TargetColumn}) AS BIGINT) FROM ({bound.Sql})" }),
                CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [MemberData(nameof(Scores))]
    public async Task Snapshots_follow_the_schema_changes(string name)
    {
        var score = DemoScores.All.Single(s => s.Name == name);
        async Task<List<string>> Columns(int month)
        {
            var date = demo.Dates[month - 1];
            var sql = SqlTemplate.RenderLiterals(score.DataprepSql, DemoScores.Variables(score, date), demo.Session.Dialect);
            return (await demo.Session.ColumnsAsync(sql)).Select(c => c.Name).ToList();
        }

        Assert.DoesNotContain("fiber_eligible", await Columns(17));
        Assert.Contains("fiber_eligible", await Columns(18));
        Assert.Contains("sms_count", await Columns(23));
        Assert.DoesNotContain("sms_count", await Columns(24));
        Assert.Contains(score.TargetColumn, await Columns(24));
    }

    [Theory]
    [InlineData("renewal", 0.50, 0.80)]
    [InlineData("churn", 0.015, 0.06)]
    [InlineData("cross-sell", 0.04, 0.12)]
    public async Task Base_rates_are_plausible_while_labels_are_known(string name, double low, double high)
    {
        var score = DemoScores.All.Single(s => s.Name == name);
        foreach (var month in Enumerable.Range(1, 30 - score.HorizonMonths))
        {
            var rate = await RateAsync(score, month, "1 = 1");
            Assert.InRange(rate, low, high);
        }

        // The last month's labels are only partly known: fewer positives than a month with a full horizon.
        Assert.True(await RateAsync(score, 30 - score.HorizonMonths + 1, "1 = 1") < 0.8 * await RateAsync(score, 30 - score.HorizonMonths, "1 = 1"));
    }

    [Fact]
    public async Task From_month_14_the_competitor_offer_changes_what_drives_churn()
    {
        var churn = DemoScores.Churn;
        async Task<double> Lift(IEnumerable<int> months, string condition) =>
            await RateAsync(churn, months, condition) / await RateAsync(churn, months, "1 = 1");

        int[] before = [2, 4, 6, 8, 10, 12];
        int[] after = [16, 18, 20, 22, 24, 26];
        var careBefore = await Lift(before, "care_calls_3m >= 2");
        var careAfter = await Lift(after, "care_calls_3m >= 2");
        var heavyBefore = await Lift(before, "data_gb >= 40");
        var heavyAfter = await Lift(after, "data_gb >= 40");
        // The new column shows who the offer targets: fibre-eligible customers leave far more once it is there.
        var fiber = await Lift([18, 20, 22, 24, 26], "fiber_eligible");

        Assert.True(careBefore > 1.4 && careAfter < careBefore - 0.2, $"care calls lift {careBefore:0.00} then {careAfter:0.00}");
        Assert.True(heavyBefore < 1.0 && heavyAfter > 1.25, $"heavy data lift {heavyBefore:0.00} then {heavyAfter:0.00}");
        Assert.True(fiber > 1.3, $"fibre-eligible lift {fiber:0.00}");
        var (rateBefore, rateAfter) = (await RateAsync(churn, before, "1 = 1"), await RateAsync(churn, after, "1 = 1"));
        Assert.True(rateAfter > 1.1 * rateBefore, $"churn rate {rateBefore:0.0000} then {rateAfter:0.0000}");
    }

    private Task<double> RateAsync(ScoreDefinition score, int month, string condition) => RateAsync(score, [month], condition);

    private async Task<double> RateAsync(ScoreDefinition score, IEnumerable<int> months, string condition)
    {
        var snapshots = string.Join(" UNION ALL BY NAME ", months.Select(m => SqlTemplate.RenderLiterals(
            score.DataprepSql, DemoScores.Variables(score, demo.Dates[m - 1]), demo.Session.Dialect).Sql));
        return await demo.DoubleAsync($"SELECT avg({score.TargetColumn}) FROM ({snapshots}) WHERE {condition}");
    }

    private async Task<long[]> ReadAsync(string sql)
    {
        await using var reader = await demo.Session.ReadAsync(RenderedSql.Plain(sql));
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? 0 : Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)).ToArray();
    }
}
