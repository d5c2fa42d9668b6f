using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Fuzzing;

/// <summary>
/// Runs a parser on generated inputs for a fixed budget: each case must return, or throw one of the documented
/// exceptions with a message, within a deadline. The seed is fixed so a failure is replayed exactly;
/// SCORECOCKPIT_FUZZ_CASES raises the budget (release builds) and SCORECOCKPIT_FUZZ_SEED explores or replays another seed.
/// </summary>
public static class Fuzz
{
    public const string CasesVariable = "SCORECOCKPIT_FUZZ_CASES";
    public const string SeedVariable = "SCORECOCKPIT_FUZZ_SEED";
    public const ulong DefaultSeed = 20_261_205;

    /// <summary>Far above what any case needs (milliseconds): only a loop that never ends gets there.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(2);

    private const int Batch = 50;

    public static int Cases(int suiteDefault) =>
        int.TryParse(Environment.GetEnvironmentVariable(CasesVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var cases) && cases > 0
            ? cases
            : suiteDefault;

    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : DefaultSeed;

    /// <param name="allowed">The exceptions the target documents for bad input; anything else is a bug.</param>
    public static async Task RunAsync<T>(string target, Gen<T> cases, Func<T, Task> body, Func<T, string> show,
        int suiteDefault, params Type[] allowed)
    {
        var total = Cases(suiteDefault);
        var seed = Seed;
        for (var batch = 0; batch * Batch < total; batch++)
        {
            // Sizes sweep from tiny to large so both short edge cases and long inputs come up in a small budget.
            var size = 1 + (batch * 37 % 120);
            var samples = cases.Sample(size, new Rnd(seed + (ulong)batch), Math.Min(Batch, total - batch * Batch));
            for (var i = 0; i < samples.Length; i++)
            {
                var problem = await CheckAsync(samples[i], body, allowed);
                if (problem is not null)
                {
                    Assert.Fail($"Fuzzing {target}: {problem}\nReplay: {SeedVariable}={seed} (batch {batch}, case {i}, size {size}).\n"
                        + $"Input: {Escape(show(samples[i]))}");
                }
            }
        }
    }

    private static async Task<string?> CheckAsync<T>(T sample, Func<T, Task> body, Type[] allowed)
    {
        var run = Task.Run(() => body(sample));
        var finished = await Task.WhenAny(run, Task.Delay(Deadline, TestContext.Current.CancellationToken));
        if (finished != run)
        {
            return $"no answer after {Deadline.TotalSeconds:0} s (a hang)";
        }

        if (run.Exception?.InnerException is not { } error)
        {
            return null;
        }

        if (!allowed.Contains(error.GetType()))
        {
            return $"threw {error.GetType().Name} (not a documented validation error): {error}";
        }

        return string.IsNullOrWhiteSpace(error.Message) ? $"threw {error.GetType().Name} with an empty message" : null;
    }

    /// <summary>Text built from fragments that matter to the grammar, mixed with arbitrary characters.</summary>
    public static Gen<string> Soup(string[] fragments) =>
        Gen.Frequency(
                (8, Gen.Elements(fragments)),
                (2, AnyChar.Select(c => c.ToString())))
            .ListOf()
            .Select(parts => string.Concat(parts));

    /// <summary>Any UTF-16 code unit, lone surrogates included.</summary>
    public static Gen<char> AnyChar { get; } = Gen.Choose(0, 0xFFFF).Select(i => (char)i);

    public static Gen<string> AnyText { get; } = AnyChar.ArrayOf().Select(chars => new string(chars));

    /// <summary>Control characters and non-ASCII shown as escapes, so the failing input can be pasted into a test.</summary>
    public static string Escape(string text)
    {
        var shown = new StringBuilder("\"");
        foreach (var c in text.Length > 2000 ? text[..2000] + "…" : text)
        {
            shown.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                _ when c < 0x20 || c > 0x7E => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return shown.Append(text.Length > 2000 ? $"\" ({text.Length} characters)" : "\"").ToString();
    }
}
