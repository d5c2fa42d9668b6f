using System.Globalization;
using System.Text.Json;
using ScoreCockpit.Cli.Hosting;
using ScoreCockpit.Engine.Tests.Evaluation;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Cli;

/// <summary>`scorecockpit evaluate-file` against the scikit-learn oracles, and every refused input.</summary>
public sealed class EvaluateFileCommandTests : IDisposable
{
    private readonly CliSandbox sandbox = new();

    public void Dispose() => sandbox.Dispose();

    [Fact]
    public async Task Every_shared_oracle_case_passes_through_the_file()
    {
        var cases = MetricOracle.Shared();
        foreach (var oracle in cases)
        {
            var result = await EvaluateAsync(WriteCsv(oracle), "--label", "label", "--score", "score");
            AssertMatches(oracle, result);
        }

        Assert.True(cases.Count > 10);
    }

    [Fact]
    public async Task Every_generated_case_passes_with_its_cutoffs_and_deciles()
    {
        foreach (var oracle in MetricOracle.Extra())
        {
            var cutoffs = string.Join(',', oracle.Cutoffs.Select(c => c.ToString(CultureInfo.InvariantCulture)));
            var result = await EvaluateAsync(WriteCsv(oracle, ';'), "--label", "label", "--score", "score", "--cutoffs", cutoffs, "--delimiter", ";");
            AssertMatches(oracle, result);
        }
    }

    [Fact]
    public async Task Labels_may_be_true_or_false_in_any_case_and_fields_quoted()
    {
        var path = Write("id,\"outcome\",p\n1,TRUE,0.9\n2,false,\"0.25\"\n3,True,1e-1\n\n");
        using var json = JsonDocument.Parse((await EvaluateAsync(path, "--label", "outcome", "--score", "p")).Output);

        Assert.Equal(3, json.RootElement.GetProperty("rows").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("positives").GetInt64());
        Assert.Equal(0.5, json.RootElement.GetProperty("auc").GetDouble());
        Assert.Equal(10, json.RootElement.GetProperty("deciles").GetArrayLength());
        Assert.False(json.RootElement.TryGetProperty("undefined_reason", out _));
    }

    [Theory]
    [InlineData("label,score\n1,0.5\n2,0.1\n", "line 3, column 'label': the label '2'")]
    [InlineData("label,score\n1,0.5\nyes,0.1\n", "line 3, column 'label': the label 'yes'")]
    [InlineData("label,score\n1,NaN\n", "line 2, column 'score': the score 'NaN' is not a finite number")]
    [InlineData("label,score\n1,0.5\n0,Infinity\n", "line 3, column 'score': the score 'Infinity' is not a finite number")]
    [InlineData("label,score\n1,0.5\n0,inf\n", "line 3, column 'score': the score 'inf' is not a number")]
    [InlineData("label,score\n1,high\n", "line 2, column 'score': the score 'high' is not a number")]
    [InlineData("label,score\n1,\n", "line 2, column 'score': the score '' is not a number")]
    [InlineData("label,score\n1\n", "line 2 has 1 field(s)")]
    [InlineData("label,score\n", "the file has a header line but no rows")]
    [InlineData("", "the file is empty")]
    [InlineData("outcome,p\n1,0.5\n", "there is no column 'label'; the columns are: 'outcome', 'p'")]
    public async Task Bad_input_exits_2_with_one_line_naming_file_line_and_column(string content, string message)
    {
        var path = Write(content);
        var result = await sandbox.RunRawAsync(new StringReader(""), ["evaluate-file", path, "--label", "label", "--score", "score"]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith($"error: {path}: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("5,ten")]
    public async Task A_bad_cutoff_exits_2(string cutoffs)
    {
        var result = await sandbox.RunRawAsync(
            new StringReader(""), ["evaluate-file", Write("label,score\n1,0.5\n"), "--label", "label", "--score", "score", "--cutoffs", cutoffs]);

        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains("--cutoffs", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_built_process_prints_json_without_any_data_folder()
    {
        var oracle = MetricOracle.Shared()[0];
        var good = await CliProcess.RunAsync(["evaluate-file", WriteCsv(oracle), "--label", "label", "--score", "score"], workingDirectory: sandbox.Root);
        var bad = await CliProcess.RunAsync(["evaluate-file", Write("label,score\n1,x\n"), "--label", "label", "--score", "score"], workingDirectory: sandbox.Root);

        Assert.True(good.ExitCode == ExitCodes.Ok, good.Error);
        AssertMatches(oracle, good);
        Assert.False(Directory.Exists(sandbox.DataPath));
        Assert.Equal(ExitCodes.BadInput, bad.ExitCode);
        Assert.Equal("", bad.Output);
        Assert.Contains("line 2, column 'score'", bad.Error, StringComparison.Ordinal);
    }

    private async Task<CliResult> EvaluateAsync(string path, params string[] options)
    {
        var result = await sandbox.RunRawAsync(new StringReader(""), ["evaluate-file", path, .. options]);
        Assert.True(result.ExitCode == ExitCodes.Ok, $"{path}: exit {result.ExitCode}: {result.Error}");
        return result;
    }

    private static void AssertMatches(OracleCase oracle, CliResult result)
    {
        using var json = JsonDocument.Parse(result.Output);
        var actual = json.RootElement;
        foreach (var expected in oracle.Expected.EnumerateObject().Where(p => p.Name != "deciles" && !p.Name.StartsWith("delong", StringComparison.Ordinal)))
        {
            Assert.True(actual.TryGetProperty(expected.Name, out _), $"{oracle.Name}: the output lacks '{expected.Name}'");
            MetricOracle.AssertClose(MetricOracle.Number(oracle.Expected, expected.Name), MetricOracle.Number(actual, expected.Name), $"{oracle.Name} {expected.Name}");
        }

        Assert.Equal(actual.GetProperty("auc").ValueKind == JsonValueKind.Null, actual.TryGetProperty("undefined_reason", out _));
        if (oracle.Expected.TryGetProperty("deciles", out var deciles))
        {
            foreach (var (want, got) in deciles.EnumerateArray().Zip(actual.GetProperty("deciles").EnumerateArray()))
            {
                foreach (var key in new[] { "decile", "rows", "positives", "response_rate", "cumulative_capture", "lift" })
                {
                    MetricOracle.AssertClose(MetricOracle.Number(want, key), MetricOracle.Number(got, key), $"{oracle.Name} decile {key}");
                }
            }
        }
    }

    private string WriteCsv(OracleCase oracle, char delimiter = ',')
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        writer.Write($"label{delimiter}score\n");
        for (var i = 0; i < oracle.Labels.Length; i++)
        {
            writer.Write($"{(oracle.Labels[i] ? 1 : 0)}{delimiter}{oracle.Scores[i].ToString("R", CultureInfo.InvariantCulture)}\n");
        }

        return Write(writer.ToString());
    }

    private string Write(string content)
    {
        var path = Path.Combine(sandbox.Root, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }
}
