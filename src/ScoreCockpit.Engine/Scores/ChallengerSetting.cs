using System.Globalization;
using System.Text.RegularExpressions;
using ScoreCockpit.Engine.Modeling;

namespace ScoreCockpit.Engine.Scores;

/// <summary>
/// A "model to compare": another algorithm or other hyperparameters, trained on the same data as each new
/// version of the score and stored as a challenger version, never activated by a step.
/// </summary>
public sealed record ChallengerSetting
{
    public required string Name { get; init; }
    /// <summary>Required: a challenger is there to try another algorithm or other settings, never a silent default.</summary>
    public required TrainingAlgorithm Algorithm { get; init; }
    public IReadOnlyDictionary<string, double> Hyperparameters { get; init; } = new Dictionary<string, double>();
}

/// <summary>The model settings of a definition (the algorithm's hyperparameters and the challengers), checked up front.</summary>
internal static partial class ModelSettingsValidation
{
    public static IEnumerable<string> Problems(ScoreDefinition definition)
    {
        if (Unknown(definition.Algorithm, definition.Hyperparameters) is { } own)
        {
            yield return own;
        }

        foreach (var problem in definition.Drift.Problems())
        {
            yield return problem;
        }

        if (definition.MaxTrainingRows is < 1000)
        {
            yield return $"The training-row cap must be at least 1000 rows, not {definition.MaxTrainingRows}; leave it empty for 1,000,000.";
        }

        foreach (var challenger in definition.Challengers)
        {
            if (!ChallengerName().IsMatch(challenger.Name ?? ""))
            {
                yield return $"The challenger name '{challenger.Name}' must be 1 to 40 lower-case letters, digits or dashes (for example forest-500).";
            }

            if (Unknown(challenger.Algorithm, challenger.Hyperparameters) is { } problem)
            {
                yield return $"Challenger '{challenger.Name}': {problem}";
            }
        }

        foreach (var twice in definition.Challengers.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"Two challengers are named '{twice.Key}': give each its own name.";
        }
    }

    private static string? Unknown(TrainingAlgorithm algorithm, IReadOnlyDictionary<string, double> hyperparameters)
    {
        try
        {
            var resolved = Modeling.Hyperparameters.Resolve(algorithm, hyperparameters);
            return resolved.Where(h => !Modeling.Hyperparameters.RangeOf(h.Key).Holds(h.Value)).Select(h => string.Create(CultureInfo.InvariantCulture,
                $"The hyperparameter {h.Key} of {algorithm} ({Modeling.Hyperparameters.RangeOf(h.Key).Meaning}) must be {Modeling.Hyperparameters.RangeOf(h.Key).Describe()}, not {h.Value}."))
                .FirstOrDefault();
        }
        catch (ArgumentException e)
        {
            return e.Message.Split(" (Parameter")[0];
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex ChallengerName();
}
