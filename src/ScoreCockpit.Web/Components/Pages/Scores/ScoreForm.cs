using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Web.Scores;

namespace ScoreCockpit.Web.Components.Pages.Scores;

/// <summary>The editable text of a definition, as the editor's fields hold it.</summary>
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
    public List<VariableRow> Variables { get; set; } = [];
    public IReadOnlyDictionary<string, ColumnKind> ColumnKinds { get; set; } = new Dictionary<string, ColumnKind>();

    public static ScoreForm From(ScoreDefinition d) => new()
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
        Variables = d.Variables.Select(v => new VariableRow { Name = v.Name, Type = v.Type, Value = v.Value }).ToList(),
        ColumnKinds = d.ColumnKinds,
    };

    public ScoreDefinition ToDefinition() => new()
    {
        Name = Name.Trim(),
        Description = Description,
        Owners = ListText.Split(Owners),
        Connection = Connection,
        DataprepSql = DataprepSql,
        KeyColumn = KeyColumn.Trim(),
        TargetColumn = TargetColumn.Trim(),
        ReferenceDateColumn = ReferenceDateColumn.Trim(),
        HorizonMonths = HorizonMonths,
        FeatureInclude = ListText.Split(FeatureInclude),
        FeatureExclude = ListText.Split(FeatureExclude),
        OutputTable = OutputTable.Trim(),
        LiftCutoffs = ListText.Percentages(LiftCutoffs),
        AlertRecipients = ListText.Split(AlertRecipients),
        Variables = Variables.Where(v => !string.IsNullOrWhiteSpace(v.Name))
            .Select(v => new VariableSetting(v.Name.Trim(), v.Type, v.Value.Trim())).ToList(),
        ColumnKinds = ColumnKinds,
    };

    public sealed class VariableRow
    {
        public string Name { get; set; } = "";
        public VariableType Type { get; set; } = VariableType.Text;
        public string Value { get; set; } = "";
    }
}
