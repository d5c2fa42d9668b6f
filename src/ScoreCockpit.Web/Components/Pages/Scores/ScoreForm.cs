using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Web.Scores;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>
/// The editable text of a definition, as the editor's fields hold it. Saving changes only what the person changed:
/// every setting the editor has no field for (decided kinds, label SQL…) and every field left as it was comes back
/// exactly as it was stored, not as its text would parse.
/// </summary>
public sealed class ScoreForm
{
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public string Owners { get; set; } = "";
    public string Connection { get; set; } = WarehouseConnectionInfo.DemoName;
    public string DataprepSql { get; set; } = "SELECT\n    customer_id,\n    ${date_ref} AS date_ref,\n    -- features…\n    target\nFROM my_table\nWHERE snapshot_date = ${date_ref}";
    public string KeyColumn { get; set; } = "customer_id";
    public string TargetColumn { get; set; } = "target";
    public string ReferenceDateColumn { get; set; } = "date_ref";
    public int HorizonMonths { get; set; } = 3;

    /// <summary>The horizon counted in days instead of months.</summary>
    public bool HorizonInDays { get; set; }

    public int HorizonDays { get; set; } = 30;
    public ReferenceDateKind ReferenceDateKind { get; set; } = ReferenceDateKind.MonthEnd;
    public DayOfWeek Weekday { get; set; } = DayOfWeek.Monday;
    public string ReferenceDateTable { get; set; } = "";
    public ModelSettingsForm Model { get; set; } = ModelSettingsForm.From(Blank);
    public string FeatureInclude { get; set; } = "";
    public string FeatureExclude { get; set; } = "";
    public string OutputTable { get; set; } = "";
    public string LiftCutoffs { get; set; } = "1, 5, 10, 20";
    public string AlertRecipients { get; set; } = "";

    /// <summary>The alert mails' language (en, fr, fr-BE…); null: the installation's.</summary>
    public string? MailCulture { get; set; }

    public int MinimumRows { get; set; } = ThinDateRule.DefaultMinimumRows;
    public int MinimumPositives { get; set; } = ThinDateRule.DefaultMinimumPositives;
    public List<VariableRow> Variables { get; set; } = [];

    /// <summary>The definition the form was opened on, and the form as it stood then; null for a new score.</summary>
    private (ScoreDefinition Definition, ScoreForm Shown)? _original;

    public static ScoreForm From(ScoreDefinition d)
    {
        var form = Fields(d);
        form._original = (d, Fields(d));
        return form;
    }

    private static ScoreForm Fields(ScoreDefinition d) => new()
    {
        Name = d.Name,
        Description = d.Description,
        Owners = ListText.Join(d.Owners),
        Connection = d.Connection,
        DataprepSql = d.DataprepSql,
        KeyColumn = d.KeyColumn,
        TargetColumn = d.TargetColumn,
        ReferenceDateColumn = d.ReferenceDateColumn,
        HorizonMonths = d.HorizonMonths,
        HorizonInDays = d.HorizonDays is not null,
        HorizonDays = d.HorizonDays ?? 30,
        ReferenceDateKind = d.ReferenceDates.Kind,
        Weekday = d.ReferenceDates.Weekday,
        ReferenceDateTable = d.ReferenceDates.Table,
        Model = ModelSettingsForm.From(d),
        FeatureInclude = ListText.Join(d.FeatureInclude),
        FeatureExclude = ListText.Join(d.FeatureExclude),
        OutputTable = d.OutputTable,
        LiftCutoffs = ListText.Join(d.LiftCutoffs),
        AlertRecipients = ListText.Join(d.AlertRecipients),
        MailCulture = d.MailCulture,
        MinimumRows = d.ThinDates.MinimumRows,
        MinimumPositives = d.ThinDates.MinimumPositives,
        Variables = d.Variables.Select(v => new VariableRow { Name = v.Name, Type = v.Type, Value = v.Value }).ToList(),
    };

    /// <summary>
    /// The definition as typed; throws with every problem when the form cannot be read or the definition is not valid.
    /// The form's own problems are worded by <paramref name="text"/>, else by the resources in the current UI culture.
    /// </summary>
    public ScoreDefinition ToDefinition(IStringLocalizer? text = null)
    {
        var problems = new List<string>();
        var definition = Read(problems, text ?? DefaultText);
        return problems.Count == 0 ? definition : throw new Engine.Accounts.CockpitValidationException(string.Join("\n", problems));
    }

    /// <summary>
    /// Every problem of the form as it stands, the validator's included, for the editor to show while a person types;
    /// empty when the definition would be accepted.
    /// </summary>
    public IReadOnlyList<string> Problems(IReadOnlyCollection<string> globalVariableNames, IStringLocalizer? text = null)
    {
        var problems = new List<string>();
        var definition = Read(problems, text ?? DefaultText);
        try
        {
            ScoreDefinitionValidator.Validate(definition, globalVariableNames);
        }
        catch (Engine.Accounts.CockpitValidationException e)
        {
            problems.AddRange(e.Message.Split('\n'));
        }

        return problems;
    }

    /// <summary>The definition as typed so far, problems or not: what pickers and Try read while a person edits.</summary>
    public ScoreDefinition Draft() => Read([], DefaultText);

    private ScoreDefinition Read(List<string> problems, IStringLocalizer text)
    {
        var (original, shown) = _original ?? (Blank, new ScoreForm());
        var fresh = _original is null;
        T Field<T>(Func<ScoreForm, object> text, Func<ScoreDefinition, T> stored, Func<T> parsed) =>
            !fresh && Equals(text(this), text(shown)) ? stored(original) : parsed();

        var variables = Variables.Select(v => (v.Name, v.Type, v.Value)).SequenceEqual(shown.Variables.Select(v => (v.Name, v.Type, v.Value)));
        var typed = original with
        {
            Name = Field(f => f.Name, d => d.Name, () => Name.Trim()),
            Description = Field(f => f.Description, d => d.Description, () => Description),
            Owners = Field(f => f.Owners, d => d.Owners, () => ListText.Split(Owners)),
            Connection = Field(f => f.Connection, d => d.Connection, () => Connection),
            DataprepSql = Field(f => f.DataprepSql, d => d.DataprepSql, () => DataprepSql),
            KeyColumn = Field(f => f.KeyColumn, d => d.KeyColumn, () => KeyColumn.Trim()),
            TargetColumn = Field(f => f.TargetColumn, d => d.TargetColumn, () => TargetColumn.Trim()),
            ReferenceDateColumn = Field(f => f.ReferenceDateColumn, d => d.ReferenceDateColumn, () => ReferenceDateColumn.Trim()),
            HorizonMonths = HorizonMonths,
            HorizonDays = HorizonInDays ? HorizonDays : null,
            ReferenceDates = Field(f => (f.ReferenceDateKind, f.Weekday, f.ReferenceDateTable), d => d.ReferenceDates,
                () => new ReferenceDateRule { Kind = ReferenceDateKind, Weekday = Weekday, Table = ReferenceDateTable.Trim() }),
            FeatureInclude = Field(f => f.FeatureInclude, d => d.FeatureInclude, () => ListText.Split(FeatureInclude)),
            FeatureExclude = Field(f => f.FeatureExclude, d => d.FeatureExclude, () => ListText.Split(FeatureExclude)),
            OutputTable = Field(f => f.OutputTable, d => d.OutputTable, () => OutputTable.Trim()),
            LiftCutoffs = Field(f => f.LiftCutoffs, d => d.LiftCutoffs, () => ListText.Percentages(LiftCutoffs)),
            AlertRecipients = Field(f => f.AlertRecipients, d => d.AlertRecipients, () => ListText.Split(AlertRecipients)),
            MailCulture = MailCulture,
            ThinDates = original.ThinDates with { MinimumRows = MinimumRows, MinimumPositives = MinimumPositives },
            Variables = !fresh && variables ? original.Variables : Variables.Where(v => !string.IsNullOrWhiteSpace(v.Name))
                .Select(v => new VariableSetting(v.Name.Trim(), v.Type, v.Value.Trim())).ToList(),
        };
        return Model.Apply(typed, problems, text);
    }

    /// <summary>The score pages' words, for callers without a localizer (tests, tools): read in the current UI culture at each use.</summary>
    private static readonly IStringLocalizer DefaultText =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance).Create(typeof(ScoresText));

    /// <summary>What a new score starts from: the definition's own defaults for everything the editor does not show.</summary>
    private static readonly ScoreDefinition Blank = new() { Name = "", DataprepSql = "", KeyColumn = "", TargetColumn = "", ReferenceDateColumn = "" };

    public sealed class VariableRow
    {
        public string Name { get; set; } = "";
        public VariableType Type { get; set; } = VariableType.Text;
        public string Value { get; set; } = "";
    }
}
