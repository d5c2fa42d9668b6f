using System.Globalization;
using Microsoft.Extensions.Localization;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Scoring;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>
/// The settings every retrain of a score repeats, as the editor holds them: typed fields read from the definition and
/// written back as they are, so a setting nobody touched comes back exactly as stored. Empty means the default.
/// </summary>
public sealed class ModelSettingsForm
{
    public TrainingAlgorithm Algorithm { get; set; } = TrainingAlgorithm.LightGbm;

    /// <summary>One entry per hyperparameter of <see cref="Algorithm"/>; null is the default.</summary>
    public Dictionary<string, double?> Hyperparameters { get; set; } = new(StringComparer.Ordinal);

    public List<ChallengerRow> Challengers { get; set; } = [];
    public bool ReductionEnabled { get; set; } = true;
    public double MaxMissingShare { get; set; } = 0.95;
    public double MaxCorrelation { get; set; } = 0.95;
    public int? TopK { get; set; }
    public int TrainingWindow { get; set; } = Engine.Registry.LabelCalendar.DefaultWindow;
    public bool RefitOnValidation { get; set; }
    public int? MaxTrainingRows { get; set; }
    public Engine.PushDown.Execution Execution { get; set; }
    public double DriftWarning { get; set; } = new DriftThresholds().Warning;
    public double DriftAlert { get; set; } = new DriftThresholds().Alert;
    public List<KindRow> Kinds { get; set; } = [];

    public static ModelSettingsForm From(ScoreDefinition d) => new()
    {
        Algorithm = d.Algorithm,
        Hyperparameters = Engine.Modeling.Hyperparameters.Defaults(d.Algorithm).Keys
            .ToDictionary(k => k, k => d.Hyperparameters.TryGetValue(k, out var v) ? v : (double?)null, StringComparer.Ordinal),
        Challengers = [.. d.Challengers.Select(c => new ChallengerRow { Name = c.Name, Algorithm = c.Algorithm, Hyperparameters = HyperparameterText.Write(c.Hyperparameters), Stored = c })],
        ReductionEnabled = d.Reduction.Enabled,
        MaxMissingShare = d.Reduction.MaxMissingShare,
        MaxCorrelation = d.Reduction.MaxCorrelation,
        TopK = d.Reduction.TopK,
        TrainingWindow = d.TrainingWindow,
        RefitOnValidation = d.RefitOnValidation,
        MaxTrainingRows = d.MaxTrainingRows,
        Execution = d.Execution,
        DriftWarning = d.Drift.Warning,
        DriftAlert = d.Drift.Alert,
        Kinds = [.. d.ColumnKinds.Select(k => new KindRow { Column = k.Key, Kind = k.Value })],
    };

    /// <summary>Every field in one text: two equal fingerprints mean nothing was changed.</summary>
    public string Fingerprint() => string.Join("|",
        Algorithm, string.Join(",", Hyperparameters.Select(h => $"{h.Key}={h.Value}")),
        string.Join(";", Challengers.Select(c => $"{c.Name}/{c.Algorithm}/{c.Hyperparameters}")),
        ReductionEnabled, MaxMissingShare, MaxCorrelation, TopK, TrainingWindow, RefitOnValidation, MaxTrainingRows, Execution, DriftWarning, DriftAlert,
        string.Join(";", Kinds.Select(k => $"{k.Column}/{k.Kind}")));

    /// <summary>A new algorithm keeps the values of the hyperparameters it shares with the old one.</summary>
    public void ChangeAlgorithm(TrainingAlgorithm algorithm)
    {
        var kept = Hyperparameters;
        Algorithm = algorithm;
        Hyperparameters = Engine.Modeling.Hyperparameters.Defaults(algorithm).Keys
            .ToDictionary(k => k, k => kept.GetValueOrDefault(k), StringComparer.Ordinal);
    }

    /// <summary>
    /// Writes the settings onto a definition; <paramref name="problems"/> receives what cannot be read (a mistyped
    /// hyperparameter list), in the words of <paramref name="text"/>.
    /// </summary>
    public ScoreDefinition Apply(ScoreDefinition definition, List<string> problems, IStringLocalizer text) => definition with
    {
        Algorithm = Algorithm,
        Hyperparameters = Hyperparameters.Where(h => h.Value is not null).ToDictionary(h => h.Key, h => h.Value!.Value, StringComparer.Ordinal),
        Challengers = [.. Challengers.Select(c => c.ToSetting(problems, text))],
        Reduction = definition.Reduction with { Enabled = ReductionEnabled, MaxMissingShare = MaxMissingShare, MaxCorrelation = MaxCorrelation, TopK = TopK },
        TrainingWindow = TrainingWindow,
        RefitOnValidation = RefitOnValidation,
        MaxTrainingRows = MaxTrainingRows,
        Execution = Execution,
        Drift = definition.Drift with { Warning = DriftWarning, Alert = DriftAlert },
        ColumnKinds = Kinds.Where(k => !string.IsNullOrWhiteSpace(k.Column))
            .GroupBy(k => k.Column.Trim(), StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last().Kind),
    };

    public sealed class ChallengerRow
    {
        public string Name { get; set; } = "";
        public TrainingAlgorithm? Algorithm { get; set; }

        /// <summary>"trees=500, leaves=63": the overrides of the challenger's algorithm defaults.</summary>
        public string Hyperparameters { get; set; } = "";

        /// <summary>The challenger as stored, returned untouched while its fields are unchanged.</summary>
        public ChallengerSetting? Stored { get; init; }

        public ChallengerSetting ToSetting(List<string> problems, IStringLocalizer text)
        {
            if (Algorithm is not { } algorithm)
            {
                problems.Add(text["ChallengerNoAlgorithm", Name, string.Join(", ", Enum.GetNames<TrainingAlgorithm>())]);
                algorithm = TrainingAlgorithm.FastTree;
            }

            if (Stored is { } stored && stored.Name == Name && stored.Algorithm == algorithm && HyperparameterText.Write(stored.Hyperparameters) == Hyperparameters)
            {
                return stored;
            }

            return new ChallengerSetting { Name = Name.Trim(), Algorithm = algorithm, Hyperparameters = HyperparameterText.Read(Hyperparameters, Name, problems, text) };
        }
    }

    public sealed class KindRow
    {
        public string Column { get; set; } = "";
        public ColumnKind Kind { get; set; } = ColumnKind.Categorical;
    }
}

/// <summary>Hyperparameter overrides as one line of text, "trees=500, learning_rate=0.05", invariant numbers.</summary>
public static class HyperparameterText
{
    public static string Write(IReadOnlyDictionary<string, double> values) =>
        string.Join(", ", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value.ToString("R", CultureInfo.InvariantCulture)}"));

    public static Dictionary<string, double> Read(string text, string challenger, List<string> problems, IStringLocalizer words)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length != 2 || pair[0].Length == 0 || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                problems.Add(words["ChallengerNotPair", challenger, part]);
                continue;
            }

            values[pair[0]] = value;
        }

        return values;
    }
}
