using System.Data;
using System.Globalization;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scoring;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Scoring;

/// <summary>A run's customers held compact: the keys read back as the model path reads them, and compare as their text.</summary>
public sealed class ScoredCustomersTests
{
    private static readonly string[] Edges =
        ["0", "9", "10", "100", "99", "-1", "-9", "-10", "-100", "1000000", long.MaxValue.ToString(CultureInfo.InvariantCulture),
         long.MinValue.ToString(CultureInfo.InvariantCulture), "1", "-1000000"];

    [Fact]
    public void Integer_keys_are_held_as_longs_and_read_back_as_their_text()
    {
        var customers = new ScoredCustomers();
        for (var i = 0; i < Edges.Length; i++)
        {
            customers.Add(Edges[i], i / 10.0);
        }

        Assert.False(customers.HoldsText);
        Assert.Equal(Edges, Enumerable.Range(0, customers.Count).Select(customers.KeyText));
        Assert.Equal(Enumerable.Range(0, Edges.Length).Select(i => i / 10.0), customers.Scores);
        Assert.Equal(0.3, customers.Score(3));
    }

    [Theory]
    [InlineData("007")]
    [InlineData("+5")]
    [InlineData("-0")]
    [InlineData("10.0")]
    [InlineData(" 1")]
    [InlineData("1e3")]
    [InlineData("9223372036854775808")]
    [InlineData("C-12")]
    [InlineData("")]
    public void A_key_whose_text_a_long_would_not_give_back_is_held_as_text(string key)
    {
        var customers = new ScoredCustomers();
        customers.Add("12", 0.5);
        customers.Add(key, 0.25);

        Assert.True(customers.HoldsText);
        Assert.Equal(new[] { "12", key }, new[] { customers.KeyText(0), customers.KeyText(1) });
    }

    [Fact]
    public void Text_keys_keep_every_character()
    {
        string[] keys = ["client-é", "", "ABC", "abc", "日本", "a\0b", "", "z"];
        var customers = new ScoredCustomers();
        foreach (var key in keys)
        {
            customers.Add(key, 1);
        }

        Assert.True(customers.HoldsText);
        Assert.Equal(keys, Enumerable.Range(0, customers.Count).Select(customers.KeyText));
    }

    [Fact]
    public void The_first_text_key_turns_the_integers_already_held_to_text_across_chunks()
    {
        var random = new Random(11);
        var expected = Enumerable.Range(0, 300).Select(_ => random.NextInt64(-50_000, 50_000).ToString(CultureInfo.InvariantCulture)).ToList();
        expected.Insert(137, "X-17");
        var customers = new ScoredCustomers(chunkLength: 32);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(i > 137, customers.HoldsText);
            customers.Add(expected[i], i);
        }

        Assert.True(customers.HoldsText);
        Assert.Equal(expected, Enumerable.Range(0, customers.Count).Select(customers.KeyText));
        Assert.Equal(Enumerable.Range(0, expected.Count).Select(i => (double)i), customers.Scores);
    }

    [Fact]
    public void Keys_read_from_a_reader_are_the_text_the_model_path_reads_and_a_null_key_is_empty()
    {
        using var table = new DataTable();
        table.Columns.Add("long_id", typeof(long));
        table.Columns.Add("int_id", typeof(int));
        table.Columns.Add("whole", typeof(decimal));
        table.Columns.Add("scaled", typeof(decimal));
        table.Columns.Add("huge", typeof(ulong));
        table.Columns.Add("real", typeof(double));
        table.Columns.Add("text", typeof(string));
        table.Rows.Add(42L, -7, 10m, 10.0m, 12UL, 3.0, "007");
        table.Rows.Add(-9_000_000_000L, 0, -3m, 2.5m, ulong.MaxValue, -2.0, "A1");
        table.Rows.Add(DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value, DBNull.Value);
        var columns = table.Columns.Count;
        var stores = Enumerable.Range(0, columns).Select(_ => new ScoredCustomers()).ToArray();
        var modelPath = Enumerable.Range(0, columns).Select(_ => new List<string>()).ToArray();
        var textBeforeTheNull = new bool[columns];
        using (var reader = table.CreateDataReader())
        {
            for (var row = 0; reader.Read(); row++)
            {
                for (var c = 0; c < columns; c++)
                {
                    stores[c].Add(reader, c, 0.5);
                    modelPath[c].Add(InputColumn.ReadText(reader, c));
                    textBeforeTheNull[c] = row == 1 ? stores[c].HoldsText : textBeforeTheNull[c];
                }
            }
        }

        for (var c = 0; c < columns; c++)
        {
            Assert.Equal(modelPath[c], Enumerable.Range(0, stores[c].Count).Select(stores[c].KeyText));
            Assert.Equal("", stores[c].KeyText(2));
            Assert.True(stores[c].HoldsText);
        }

        // Before the NULL row, whole numbers (also decimals of scale 0 and doubles written without a point) were longs.
        bool[] expected = [false, false, false, true, true, false, true];
        Assert.Equal(expected, textBeforeTheNull);
    }

    [Fact]
    public void Keys_and_scores_fill_chunk_after_chunk_and_a_batch_of_scores_follows_its_keys()
    {
        var random = new Random(5);
        var keys = Enumerable.Range(0, 2_000).Select(_ => RandomText(random, 32)).ToList();
        var scores = keys.Select(_ => random.NextDouble()).ToArray();
        var customers = new ScoredCustomers(chunkLength: 32);
        for (var start = 0; start < keys.Count; start += 37)
        {
            var batch = Math.Min(37, keys.Count - start);
            foreach (var key in keys.Skip(start).Take(batch))
            {
                customers.AddKey(key);
            }

            Assert.Equal((start, start + batch), (customers.Count, customers.KeyCount));
            customers.AddScores(scores.AsSpan(start, batch));
        }

        Assert.Equal(keys, Enumerable.Range(0, customers.Count).Select(customers.KeyText));
        Assert.Equal(scores, customers.Scores);
        Assert.Equal(scores, Enumerable.Range(0, customers.Count).Select(customers.Score));
        Assert.Throws<InvalidOperationException>(() => customers.AddKey(new string('k', 33)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredCustomers(chunkLength: 16));
    }

    [Fact]
    public void A_score_without_its_key_and_an_index_past_the_end_are_refused()
    {
        var customers = new ScoredCustomers();
        customers.AddKey("1");
        customers.AddKey("2");

        Assert.Throws<InvalidOperationException>(() => customers.AddScores([0.1, 0.2, 0.3]));
        customers.AddScore(0.1);
        Assert.Equal((1, 2), (customers.Count, customers.KeyCount));
        Assert.Throws<ArgumentOutOfRangeException>(() => customers.Score(1));
        Assert.Equal("2", customers.KeyText(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => customers.KeyText(2));
        customers.AddScore(0.2);
        Assert.Throws<InvalidOperationException>(() => customers.AddScore(0.3));
    }

    [Fact]
    public void Integer_keys_compare_as_their_text_ordinally()
    {
        var random = new Random(3);
        var keys = Edges.Concat(Enumerable.Range(0, 400).Select(i => (i % 4) switch
        {
            0 => random.Next(-120, 120),
            1 => random.NextInt64(-1_000_000, 1_000_000),
            2 => random.NextInt64(long.MinValue, long.MaxValue),
            _ => (long)Math.Pow(10, random.Next(0, 19)) * random.Next(-1, 2),
        }).Select(k => k.ToString(CultureInfo.InvariantCulture))).ToList();
        var customers = new ScoredCustomers();
        keys.ForEach(k => customers.Add(k, 0));

        Assert.False(customers.HoldsText);
        AssertComparesOrdinally(customers, keys);
        Assert.True(customers.CompareKeys(keys.IndexOf("10"), keys.IndexOf("9")) < 0);
        Assert.True(customers.CompareKeys(keys.IndexOf("-1"), keys.IndexOf("-10")) < 0);
    }

    [Fact]
    public void Text_keys_compare_as_their_text_ordinally_across_chunks()
    {
        var random = new Random(4);
        var keys = Edges.Concat(Enumerable.Range(0, 400).Select(_ => RandomText(random, 6))).Append("").Append("Ω").ToList();
        var customers = new ScoredCustomers(chunkLength: 32);
        keys.ForEach(k => customers.Add(k, 0));

        Assert.True(customers.HoldsText);
        AssertComparesOrdinally(customers, keys);
    }

    private static void AssertComparesOrdinally(ScoredCustomers customers, List<string> keys)
    {
        for (var a = 0; a < keys.Count; a++)
        {
            for (var b = 0; b < keys.Count; b++)
            {
                var expected = Math.Sign(string.CompareOrdinal(keys[a], keys[b]));
                if (Math.Sign(customers.CompareKeys(a, b)) != expected)
                {
                    Assert.Fail($"CompareKeys(\"{keys[a]}\", \"{keys[b]}\") should have the sign {expected}.");
                }
            }
        }
    }

    /// <summary>Short texts over a small alphabet, so prefixes, equal keys and digits are common.</summary>
    internal static string RandomText(Random random, int maxLength) =>
        new([.. Enumerable.Range(0, random.Next(0, maxLength + 1)).Select(_ => "-0129aAzé"[random.Next(9)])]);
}
