using System.Globalization;

namespace ScoreCockpit.Engine.Registry;

/// <summary>What a training as of a date would read and how: its configuration, window and settings.</summary>
public sealed record PlannedTraining(
    string? Challenger, IReadOnlyList<DateOnly> TrainingDates, DateOnly ValidationDate, string Algorithm,
    IReadOnlyDictionary<string, double> Hyperparameters, DateTime InputsChangedAt);

/// <summary>
/// When a training would only repeat an existing version: a month that brought no newly labelled snapshot plans the
/// same window as the month before, and trainings are reproducible, so it would give the same model byte for byte.
/// Such a version is not registered again; the existing one stands and people read "no new data: same as vN". Pure.
/// </summary>
public static class NoNewData
{
    public static string Note(int version) => $"no new data: same as v{version}";

    /// <summary>
    /// Before training: the latest live version of the same configuration (same challenger name, or none) with the
    /// same training dates, validation date, algorithm and hyperparameters, trained after the definition was last
    /// saved and after the window's snapshots were built. The timestamp stands for the settings a version does not
    /// record (feature rules, column kinds, variable reduction, row cap): after an edit the training runs, and
    /// <see cref="SameArtifact"/> catches a model that came out identical anyway.
    /// </summary>
    public static ModelVersion? SameWindow(IEnumerable<ModelVersion> versions, PlannedTraining planned) => versions
        .Where(v => v.ChallengerName == planned.Challenger && v.PurgedAt is null)
        .Where(v => v.ValidationDate == planned.ValidationDate && v.TrainedAt >= planned.InputsChangedAt)
        .Where(v => v.Algorithm == planned.Algorithm && SameHyperparameters(VersionJson.Hyperparameters(v.HyperparametersJson), planned.Hyperparameters))
        .Where(v => VersionJson.Dates(v.TrainingDatesJson).SequenceEqual(planned.TrainingDates))
        .MaxBy(v => v.Number);

    /// <summary>After training, the safety net: a live version of the same configuration whose artifact has these very bytes.</summary>
    public static ModelVersion? SameArtifact(IEnumerable<ModelVersion> versions, string? challenger, string sha256) => versions
        .Where(v => v.ChallengerName == challenger && v.PurgedAt is null && v.ArtifactSha256 == sha256)
        .MaxBy(v => v.Number);

    // Read back as the version page shows them, so the comparison holds for versions written by older builds too.
    private static bool SameHyperparameters(IReadOnlyList<Hyperparameter> stored, IReadOnlyDictionary<string, double> planned) =>
        stored.SequenceEqual(planned.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new Hyperparameter(p.Key, p.Value.ToString("G", CultureInfo.InvariantCulture))));
}
