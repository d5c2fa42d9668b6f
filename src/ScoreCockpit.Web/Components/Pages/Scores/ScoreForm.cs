using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Web.Scores;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>
/// The editable text of a definition, as the editor's fields hold it. Saving changes only what the person changed:
/// every setting the editor has no field for (algorithm, hyperparameters, challengers, reduction, drift, decided
/// kinds…) and every field left as it was comes back exactly as it was stored, not as its text would parse.
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
    public string FeatureInclude { get; set; } = "";
    public string FeatureExclude { get; set; } = "";
    public string OutputTable { get; set; } = "";
    public string LiftCutoffs { get; set; } = "1, 5, 10, 20";
    public string AlertRecipients { get; set; } = "";
    public int MinimumRows { get; set; } = ThinDateRule.DefaultMinimumRows;
    public int MinimumPositives { get; set; } = ThinDateRule.DefaultMinimumPositives;
    public List<VariableRow> Variables { get; set; } = [];
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds { get; set; } = new Dictionary<string, ColumnKind>();

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
        FeatureInclude = ListText.Join(d.FeatureInclude),
        FeatureExclude = ListText.Join(d.FeatureExclude),
        OutputTable = d.OutputTable,
        LiftCutoffs = ListText.Join(d.LiftCutoffs),
        AlertRecipients = ListText.Join(d.AlertRecipients),
        MinimumRows = d.ThinDates.MinimumRows,
        MinimumPositives = d.ThinDates.MinimumPositives,
        Variables = d.Variables.Select(v => new VariableRow { Name = v.Name, Type = v.Type, Value = v.Value }).ToList(),
        ColumnKinds = d.ColumnKinds,
    };

    public ScoreDefinition ToDefinition()
    {
        var (original, shown) = _original ?? (Blank, new ScoreForm());
        var fresh = _original is null;
        T Field<T>(Func<ScoreForm, object> text, Func<ScoreDefinition, T> stored, Func<T> parsed) =>
            !fresh && Equals(text(this), text(shown)) ? stored(original) : parsed();

        var variables = Variables.Select(v => (v.Name, v.Type, v.Value)).SequenceEqual(shown.Variables.Select(v => (v.Name, v.Type, v.Value)));
        return original with
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
            FeatureInclude = Field(f => f.FeatureInclude, d => d.FeatureInclude, () => ListText.Split(FeatureInclude)),
            FeatureExclude = Field(f => f.FeatureExclude, d => d.FeatureExclude, () => ListText.Split(FeatureExclude)),
            OutputTable = Field(f => f.OutputTable, d => d.OutputTable, () => OutputTable.Trim()),
            LiftCutoffs = Field(f => f.LiftCutoffs, d => d.LiftCutoffs, () => ListText.Percentages(LiftCutoffs)),
            AlertRecipients = Field(f => f.AlertRecipients, d => d.AlertRecipients, () => ListText.Split(AlertRecipients)),
            ThinDates = original.ThinDates with { MinimumRows = MinimumRows, MinimumPositives = MinimumPositives },
            Variables = !fresh && variables ? original.Variables : Variables.Where(v => !string.IsNullOrWhiteSpace(v.Name))
                .Select(v => new VariableSetting(v.Name.Trim(), v.Type, v.Value.Trim())).ToList(),
            ColumnKinds = ColumnKinds,
        };
    }

    /// <summary>What a new score starts from: the definition's own defaults for everything the editor does not show.</summary>
    private static readonly ScoreDefinition Blank = new() { Name = "", DataprepSql = "", KeyColumn = "", TargetColumn = "", ReferenceDateColumn = "" };

    public sealed class VariableRow
    {
        public string Name { get; set; } = "";
        public VariableType Type { get; set; } = VariableType.Text;
        public string Value { get; set; } = "";
    }
}
