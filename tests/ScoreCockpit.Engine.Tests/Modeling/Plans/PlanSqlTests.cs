using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

public sealed class PlanSqlTests(PostgresClusterFixture postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The written comparison, evaluated here on doubles, routes every value as ML.NET's float comparison does.</summary>
    [Fact]
    public void A_threshold_on_the_double_value_routes_as_the_float_comparison()
    {
        var random = new Random(5);
        float[] edges = [0f, -0f, float.Epsilon, -float.Epsilon, 1f, -1f, 0.1f, float.MaxValue, -float.MaxValue, 16777216f, 16777217f];
        var thresholds = edges.Concat(Enumerable.Range(0, 2_000).Select(_ => (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-40, 39))))).ToList();
        foreach (var t in thresholds)
        {
            var (op, bound) = Parse(PlanSql.AtMost("x", t));
            var up = MathF.BitIncrement(t);
            var mid = float.IsPositiveInfinity(up) ? 3.4028235677973366E+38 : ((double)t + up) / 2;
            // Around the threshold, on the midpoint and one double either side of it, and far away.
            double[] values = [t, up, MathF.BitDecrement(t), mid, Math.BitIncrement(mid), Math.BitDecrement(mid), double.MaxValue, -double.MaxValue, 1e300, -1e300, random.NextDouble()];
            foreach (var x in values)
            {
                var written = op == "<=" ? x <= bound : x < bound;
                Assert.True((float)x <= t == written, $"x={x:R} t={t:R}: float says {(float)x <= t}, SQL says {written}");
            }
        }
    }

    [Fact]
    public async Task Every_demo_version_scored_in_DuckDB_gives_the_kernels_floats()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Sqlite, postgres);
        await store.Get<DemoInstaller>().InstallAsync(1_000, ct: Ct);
        await store.Get<DemoHistory>().BuildAsync(ct: Ct);
        await using var db = await store.Get<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.PurgedAt == null).ToListAsync(Ct);
        await using var session = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct);
        var plans = store.Get<ScoringPlans>();
        var checkedVersions = 0;
        foreach (var version in versions)
        {
            var score = await db.Scores.AsNoTracking().SingleAsync(s => s.Id == version.ScoreId, Ct);
            var definition = Engine.Scores.ScoreRecords.Definition(score);
            var table = (await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).OrderBy(s => s.ReferenceDate).LastAsync(Ct)).TableName;
            var model = await plans.GetAsync(version, score.Name, Ct);
            if (model.Plan.Ensemble is null)
            {
                continue;
            }

            var wanted = model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase);
            wanted[definition.KeyColumn] = ColumnUse.Text;
            ColumnBatch batch;
            await using (var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT * FROM {table}"), Ct))
            {
                batch = ColumnBatch.Read(reader, wanted, int.MaxValue, ct: Ct)!;
            }

            var (raw, probability) = (new float[batch.Rows], new float[batch.Rows]);
            model.Score(batch, raw, probability);
            var keys = batch.Find(definition.KeyColumn)!;
            var kernel = Enumerable.Range(0, batch.Rows).ToDictionary(i => keys.Texts![keys.Codes![i]], i => model.GivesProbabilities ? probability[i] : raw[i]);

            var inWarehouse = new Dictionary<string, float>();
            await using (var reader = await session.ReadAsync(RenderedSql.Plain(PlanSql.Select(model.Plan, session.Dialect, table, definition.KeyColumn,
                [.. (await session.TableColumnsAsync(table, Ct)).Select(c => c.Name)])), Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    inWarehouse[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = reader.GetFloat(2);
                }
            }

            Assert.Equal(kernel.Count, inWarehouse.Count);
            var differing = kernel.Count(p => BitConverter.SingleToInt32Bits(p.Value) != BitConverter.SingleToInt32Bits(inWarehouse[p.Key]));
            Assert.True(differing == 0, $"{score.Name} v{version.Number}: {differing} of {kernel.Count} rows differ");
            checkedVersions++;
        }

        Assert.True(checkedVersions >= 6, $"Only {checkedVersions} versions were checked.");
    }

    private static (string Op, double Bound) Parse(string predicate)
    {
        var parts = predicate.Split(' ');
        return parts.Length == 3 ? (parts[1], double.Parse(parts[2], CultureInfo.InvariantCulture)) : ("<=", double.PositiveInfinity);
    }
}
