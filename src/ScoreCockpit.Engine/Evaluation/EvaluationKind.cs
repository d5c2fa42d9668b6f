namespace ScoreCockpit.Engine.Evaluation;

/// <summary>Where an evaluation date stands against the version's training: only forward figures judge a version.</summary>
public enum EvaluationKind
{
    /// <summary>A date after the version's validation date: what the version does in production.</summary>
    Forward,

    /// <summary>The date the training held out to validate the version (its latest labelled date then).</summary>
    Validation,

    /// <summary>A date of the version's training data.</summary>
    InSample,

    /// <summary>A date before the training window: the past the version never saw, but never its future either.</summary>
    BackTest,
}

/// <summary>The one rule that classifies an evaluation, and the words every surface uses for it. Pure.</summary>
public static class EvaluationKinds
{
    public static EvaluationKind Of(IReadOnlyCollection<DateOnly> trainingDates, DateOnly? validationDate, DateOnly date)
    {
        if (trainingDates.Contains(date))
        {
            return EvaluationKind.InSample;
        }

        if (validationDate is { } validation)
        {
            return date == validation ? EvaluationKind.Validation : date > validation ? EvaluationKind.Forward : EvaluationKind.BackTest;
        }

        // A version without a validation date: forward once past its training data.
        return trainingDates.Count > 0 && date < trainingDates.Max() ? EvaluationKind.BackTest : EvaluationKind.Forward;
    }

    /// <summary>A forward figure on a date that is not thin: the only kind that judges a version (health, medians, sparklines).</summary>
    public static bool Counts(EvaluationKind kind, bool thin) => kind == EvaluationKind.Forward && !thin;

    /// <summary>A figure fit to set versions side by side: forward, or the validation date, and not thin (chart lines, comparisons).</summary>
    public static bool Compares(EvaluationKind kind, bool thin) => kind is EvaluationKind.Forward or EvaluationKind.Validation && !thin;

    /// <summary>forward, validation, in-sample, back-test: the word of the CLI, the exports and the pages.</summary>
    public static string Word(this EvaluationKind kind) => kind switch
    {
        EvaluationKind.Forward => "forward",
        EvaluationKind.Validation => "validation",
        EvaluationKind.InSample => "in-sample",
        _ => "back-test",
    };

    /// <summary>Why such a figure is not the version's performance, for legends and notes; null for forward.</summary>
    public static string? Caveat(this EvaluationKind kind) => kind switch
    {
        EvaluationKind.Validation => "its validation date, held out by the training",
        EvaluationKind.InSample => "in its training data",
        EvaluationKind.BackTest => "before its training window: a back-test, not its performance since",
        _ => null,
    };
}
