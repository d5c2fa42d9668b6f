using System.Text.Json;
using ScoreCockpit.Engine.Registry;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Registry;

public sealed class NoNewDataTests
{
    private static readonly DateTime TrainedAt = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly[] Window = [new(2025, 1, 31), new(2025, 2, 28)];
    private static readonly DateOnly Validation = new(2025, 3, 31);
    private static readonly Dictionary<string, double> Settings = new() { ["trees"] = 60, ["leaves"] = 31 };

    private static PlannedTraining Planned => new(null, Window, Validation, "LightGbm", Settings, TrainedAt.AddDays(-1));

    [Fact]
    public void The_same_window_and_settings_read_since_the_last_change_repeat_the_latest_such_version()
    {
        ModelVersion[] versions = [Version(3), Version(4), Version(5, validation: new DateOnly(2025, 4, 30))];

        Assert.Equal(4, NoNewData.SameWindow(versions, Planned)?.Number);
        Assert.Equal("no new data: same as v4", NoNewData.Note(4));
    }

    [Fact]
    public void A_new_labelled_date_other_settings_a_later_change_another_configuration_or_a_purge_mean_training()
    {
        ModelVersion[] versions = [Version(3)];

        Assert.Null(NoNewData.SameWindow(versions, Planned with { TrainingDates = [.. Window, Validation], ValidationDate = new(2025, 4, 30) }));
        Assert.Null(NoNewData.SameWindow(versions, Planned with { TrainingDates = Window[1..] }));
        Assert.Null(NoNewData.SameWindow(versions, Planned with { Algorithm = "FastTree" }));
        Assert.Null(NoNewData.SameWindow(versions, Planned with { Hyperparameters = new Dictionary<string, double>(Settings) { ["trees"] = 100 } }));
        Assert.Null(NoNewData.SameWindow(versions, Planned with { InputsChangedAt = TrainedAt.AddSeconds(1) }));
        Assert.Null(NoNewData.SameWindow(versions, Planned with { Challenger = "logistic" }));
        Assert.Null(NoNewData.SameWindow([Version(3, purged: true)], Planned));
    }

    [Fact]
    public void After_training_identical_bytes_point_at_the_live_version_of_the_same_configuration()
    {
        ModelVersion[] versions = [Version(3), Version(4, purged: true)];

        Assert.Equal(3, NoNewData.SameArtifact(versions, null, "sha-3")?.Number);
        Assert.Null(NoNewData.SameArtifact(versions, null, "sha-4"));
        Assert.Null(NoNewData.SameArtifact(versions, "logistic", "sha-3"));
    }

    private static ModelVersion Version(int number, DateOnly? validation = null, bool purged = false) => new()
    {
        Number = number,
        Algorithm = "LightGbm",
        HyperparametersJson = JsonSerializer.Serialize(Settings),
        TrainingDatesJson = JsonSerializer.Serialize(Window),
        ValidationDate = validation ?? Validation,
        TrainedAt = TrainedAt,
        TrainedBy = "system",
        ArtifactSha256 = $"sha-{number}",
        PurgedAt = purged ? TrainedAt : null,
    };
}
