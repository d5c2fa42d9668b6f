using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Tests.Support;
using Xunit;

namespace ScoreCockpit.Engine.Tests.ScoreDefinitions;

/// <summary>Which snapshot columns are features: all but key, target and date, narrowed by include and exclude patterns.</summary>
public sealed class FeatureRulesTests
{
    private static readonly string[] Columns =
        ["Customer_ID", "date_ref", "usage_calls", "usage_minutes", "usage_raw", "has_app", "has_tv", "has_mobile", "region", "CHURNED"];

    [Fact]
    public void By_default_every_column_but_key_target_and_date_is_a_feature_whatever_its_case()
    {
        var features = FeatureRules.Select(TestDefinitions.Sample("churn"), Columns);

        Assert.Equal(["usage_calls", "usage_minutes", "usage_raw", "has_app", "has_tv", "has_mobile", "region"], features);
    }

    [Fact]
    public void Include_patterns_keep_only_the_columns_they_match()
    {
        var features = FeatureRules.Select(Rules(include: ["usage_*", "has_??"]), Columns);

        Assert.Equal(["usage_calls", "usage_minutes", "usage_raw", "has_tv"], features);
    }

    [Fact]
    public void Exclude_patterns_remove_columns_after_the_includes()
    {
        var features = FeatureRules.Select(Rules(include: ["usage_*", "has_*"], exclude: ["usage_raw", "*_MOBILE"]), Columns);

        Assert.Equal(["usage_calls", "usage_minutes", "has_app", "has_tv"], features);
    }

    [Fact]
    public void Including_the_key_target_or_date_by_name_does_not_make_them_features()
    {
        var features = FeatureRules.Select(Rules(include: ["customer_id", "churned", "date_ref", "region"]), Columns);

        Assert.Equal(["region"], features);
    }

    [Fact]
    public void A_pattern_that_matches_nothing_is_allowed_and_selects_nothing()
    {
        Assert.Empty(FeatureRules.Select(Rules(include: ["score_*"]), Columns));
        Assert.Equal(7, FeatureRules.Select(Rules(exclude: ["zz?"]), Columns).Count);
    }

    [Theory]
    [InlineData("usage_seconds", true)]
    [InlineData("regoin", false)]
    public void A_plain_column_name_that_is_not_in_the_snapshot_is_refused_listing_its_columns(string rule, bool asInclude)
    {
        var definition = asInclude ? Rules(include: ["usage_*", rule]) : Rules(exclude: [rule]);

        var error = Assert.Throws<CockpitValidationException>(() => FeatureRules.Select(definition, Columns));

        Assert.Equal($"The feature rule '{rule}' names no column of the snapshot. Its columns are: {string.Join(", ", Columns)}.", error.Message);
    }

    [Fact]
    public void A_plain_name_matches_columns_whatever_their_case()
    {
        Assert.Equal(["region"], FeatureRules.Select(Rules(include: ["REGION"]), Columns));
    }

    [Theory]
    [InlineData("usage_*", "usage_", true)]
    [InlineData("usage_*", "usage", false)]
    [InlineData("has_?", "has_a", true)]
    [InlineData("has_?", "has_ab", false)]
    [InlineData("a_b", "axb", false)]
    [InlineData("*id", "customer_id", true)]
    [InlineData("*", "anything", true)]
    public void Patterns_use_star_and_question_mark_only(string pattern, string column, bool matches)
    {
        Assert.Equal(matches, FeatureRules.Matches(pattern, column));
    }

    private static ScoreDefinition Rules(string[]? include = null, string[]? exclude = null) => TestDefinitions.Sample("churn") with
    {
        FeatureInclude = include ?? [],
        FeatureExclude = exclude ?? [],
    };
}
