using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Modeling;
using ScoreCockpit.Engine.Scores;
using ScoreCockpit.Engine.Snapshots;
using ScoreCockpit.Engine.Tests.Demo;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Variables;
using ScoreCockpit.Engine.Warehouse;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling;

/// <summary>
/// A small demo warehouse (3,000 customers, 10 months) with the churn snapshots of months 1 to 8 written as
/// <c>snap_churn_yyyymmdd</c> tables: months 1–6 to train on, month 7 to validate on (its labels are known).
/// </summary>
public sealed class ChurnSnapshotsFixture : IAsyncLifetime
{
    public static readonly DemoOptions Options = new(new DateOnly(2026, 10, 31), Customers: 3_000, Months: 10);

    private readonly TempFolder _folder = new();

    public WarehouseSession Session { get; private set; } = null!;

    public IReadOnlyList<string> TrainingTables { get; private set; } = [];

    public string ValidationTable { get; private set; } = "";

    public IReadOnlyList<FeatureColumn> Features { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        Session = await DemoWarehouseFixture.OpenAsync(_folder, "modeling.duckdb");
        await DemoWarehouse.BuildAsync(Session, Options);
        var score = DemoScores.Churn;
        var tables = new List<string>();
        foreach (var date in Options.ReferenceDates().Take(7))
        {
            var table = SnapshotTables.For(score.Name, date);
            var sql = SqlTemplate.RenderLiterals(score.DataprepSql, DemoScores.Variables(score, date), Session.Dialect).Sql;
            await Session.ExecuteAsync($"CREATE TABLE {table} AS {sql}");
            tables.Add(table);
        }

        TrainingTables = tables.Take(6).ToList();
        ValidationTable = tables[6];
        var columns = await Session.TableColumnsAsync(ValidationTable);
        var features = FeatureRules.Select(score, columns.Select(c => c.Name).ToList());
        Features = features.Select(name => new FeatureColumn(name, Kind(columns.Single(c => c.Name == name).ClrType))).ToList();
    }

    public TrainingRequest Request(TrainingAlgorithm algorithm) => new()
    {
        TrainingTables = TrainingTables,
        ValidationTable = ValidationTable,
        KeyColumn = DemoScores.KeyColumn,
        TargetColumn = DemoScores.Churn.TargetColumn,
        Features = Features,
        Algorithm = algorithm,
        Seed = 7,
    };

    private static ColumnKind Kind(Type type) =>
        type == typeof(bool) ? ColumnKind.Boolean
        : ColumnKindInference.IsDate(type) ? ColumnKind.Date
        : ColumnKindInference.IsNumeric(type) ? ColumnKind.Numeric
        : ColumnKind.Categorical;

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class ChurnSnapshotsCollection : ICollectionFixture<ChurnSnapshotsFixture>
{
    public const string Name = "Churn snapshots";
}
