using Microsoft.EntityFrameworkCore;
using ScoreCockpit.Engine.Accounts;
using ScoreCockpit.Engine.Connections;
using ScoreCockpit.Engine.Demo;
using ScoreCockpit.Engine.Evaluation;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;
using ScoreCockpit.Engine.Registry;
using ScoreCockpit.Engine.Storage;
using ScoreCockpit.Engine.Tests.Support;
using ScoreCockpit.Engine.Warehouse;
using ScoreCockpit.Tests.Shared;
using Xunit;

namespace ScoreCockpit.Engine.Tests.Modeling.Plans;

/// <summary>
/// Every version and challenger the demo trains, compiled and checked against ML.NET on its latest labelled snapshot;
/// then what a broken plan does: refused with the version's name and what to do. Run at the end of
/// <see cref="EvaluationStore.DemoHistoryTests"/>, on its demo and history (building them again would cost minutes).
/// </summary>
internal static class DemoPlans
{
    private static readonly Actor Ana = Actor.Of("ana@example.com", Roles.Analyst);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task EveryVersionScoresAsMLNetDoesAndABrokenPlanFailsItsVersionAloneAsync(TestStore store, PostgresClusterFixture postgres)
    {
        var verify = store.Get<VerifyVersionsHandler>();
        var checkedVersions = 0;
        foreach (var score in DemoScores.All)
        {
            var checks = await verify.HandleAsync(new VerifyVersions(score.Name), Ana, Ct);

            Assert.All(checks, c => Assert.True(c.Passed, $"{score.Name} v{c.Number}: {c.Problem} largest {c.LargestDifference:R}, {c.DifferingRows} rows differ"));
            Assert.All(checks, c => Assert.Equal(0, c.DifferingRows));
            Assert.All(checks, c => Assert.True(c.Rows > 0));
            checkedVersions += checks.Count;
        }

        await using var db = await store.Get<IDbContextFactory<CockpitDbContext>>().CreateDbContextAsync(Ct);
        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.PurgedAt == null).ToListAsync(Ct);
        Assert.Equal(versions.Count, checkedVersions);
        Assert.True(checkedVersions >= 6, $"Only {checkedVersions} versions were checked.");
        Assert.Contains(versions, v => v.IsChallenger);
        Assert.All(versions, v => Assert.NotNull(v.PlanSha256));
        await using (var duck = await store.Get<WarehouseConnections>().OpenAsync(WarehouseConnectionInfo.DemoName, Ct))
        {
            Assert.Equal(versions.Count, await ScoredInWarehouseAsync(duck, store, db, versions));
            // The same versions evaluated inside the warehouse: the in-process evaluations, metrics and intervals, to 1e-9.
            Assert.Equal(versions.Count, await Evaluation.InWarehouse.DemoInWarehouseEvaluations.AssertEqualAsync(duck, store, db, versions));

            // And in the tests' PostgreSQL, on copies of the snapshots they read: its arithmetic and text are not DuckDB's.
            await using var pg = await InPostgresAsync(store, duck, db, postgres);
            Assert.Equal(versions.Count, await ScoredInWarehouseAsync(pg, store, db, versions));
            Assert.Equal(versions.Count, await Evaluation.InWarehouse.DemoInWarehouseEvaluations.AssertEqualAsync(pg, store, db, versions));
        }

        var churn = await db.Scores.AsNoTracking().SingleAsync(s => s.Name == "churn", Ct);
        var victim = versions.Where(v => v.ScoreId == churn.Id).MaxBy(v => v.Number)!;
        var artifacts = store.Get<ArtifactStore>();
        // The plan as people download it is the plan the kernel scores with.
        var published = ScoringPlanJson.Read(await store.Get<ScoringPlans>().JsonAsync("churn", victim.Number, Ct), "download");
        Assert.Equal(ScoringPlan.CurrentFormat, published.Format);
        Assert.Equal(victim.Algorithm, published.Algorithm);
        Assert.Equal(ArtifactStore.Sha256Of(ScoringPlanJson.Write(published)), victim.PlanSha256);

        // A plan from a newer format: refused naming the version.
        var json = System.Text.Encoding.UTF8.GetString(await artifacts.GetAsync(victim.PlanSha256!, ArtifactKind.Plan, Ct))
            .Replace("\"format\":1", "\"format\":99", StringComparison.Ordinal);
        var (newer, _) = await artifacts.PutAsync(System.Text.Encoding.UTF8.GetBytes(json), ArtifactKind.Plan, Ct);
        await db.ModelVersions.Where(v => v.Id == victim.Id).ExecuteUpdateAsync(v => v.SetProperty(x => x.PlanSha256, newer), Ct);
        victim.PlanSha256 = newer;
        // Another service container: the first one holds the good plan compiled in memory.
        var fresh = new ScoringPlans(store.Get<IDbContextFactory<CockpitDbContext>>(), artifacts,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<ScoringPlans>.Instance);
        var refused = await Assert.ThrowsAsync<ScoringPlanException>(() => fresh.GetAsync(victim, "churn", Ct));
        Assert.Contains($"churn v{victim.Number}", refused.Message, StringComparison.Ordinal);
        Assert.Contains("format 99", refused.Message, StringComparison.Ordinal);
        Assert.Contains("upgrade", refused.Message, StringComparison.Ordinal);

        // A plan file whose bytes changed on disk: refused as corrupt, with what to do.
        File.WriteAllText(artifacts.PathOf(newer, ArtifactKind.Plan), "{\"format\":1,");
        var corrupt = await Assert.ThrowsAsync<ScoringPlanException>(() => fresh.GetAsync(victim, "churn", Ct));
        Assert.Contains($"churn v{victim.Number}", corrupt.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt", corrupt.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The snapshots the checks read (each score's newest, and the snapshot of its newest evaluation date) copied from
    /// the demo's DuckDB to a database of the tests' PostgreSQL; returns a session on that database.
    /// </summary>
    private static async Task<WarehouseSession> InPostgresAsync(TestStore store, WarehouseSession duck, CockpitDbContext db, PostgresClusterFixture postgres)
    {
        var cluster = await postgres.GetClusterAsync();
        var info = new WarehouseConnectionInfo("pg", WarehouseKind.Postgres, await cluster.CreateDatabaseAsync($"demo_plans_{Guid.NewGuid():N}"[..24], Ct));
        var pg = await store.Get<WarehouseConnector>().OpenAsync(info, Ct);
        var folder = Directory.CreateTempSubdirectory("scorecockpit-demo-plans-");
        try
        {
            foreach (var score in await db.Scores.AsNoTracking().ToListAsync(Ct))
            {
                var newest = await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).OrderBy(s => s.ReferenceDate).LastAsync(Ct);
                var evaluated = await db.Evaluations.AsNoTracking().Where(e => e.ScoreId == score.Id).MaxAsync(e => e.EvaluationDate, Ct);
                var labelled = await db.Snapshots.AsNoTracking().SingleAsync(s => s.ScoreId == score.Id && s.ReferenceDate == evaluated, Ct);
                foreach (var table in new[] { newest.TableName, labelled.TableName }.Distinct())
                {
                    await PostgresCopy.CopyAsync(duck, pg, table, folder.FullName, Ct);
                }
            }

            return pg;
        }
        catch
        {
            await pg.DisposeAsync();
            throw;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Each version's plan, trees or linear, written as SQL (<see cref="PlanSql"/>) and run by the warehouse on its
    /// score's latest snapshot gives the kernel's floats, read from the same table, bit for bit; on DuckDB, its text for
    /// SQL Server and Teradata keeps within their limits too. Returns how many versions were checked.
    /// </summary>
    private static async Task<int> ScoredInWarehouseAsync(WarehouseSession session, TestStore store, CockpitDbContext db, List<ModelVersion> versions)
    {
        var plans = store.Get<ScoringPlans>();
        var checkedVersions = 0;
        foreach (var version in versions)
        {
            var score = await db.Scores.AsNoTracking().SingleAsync(s => s.Id == version.ScoreId, Ct);
            var key = Engine.Scores.ScoreRecords.Definition(score).KeyColumn;
            var table = (await db.Snapshots.AsNoTracking().Where(s => s.ScoreId == score.Id).OrderBy(s => s.ReferenceDate).LastAsync(Ct)).TableName;
            var model = await plans.GetAsync(version, score.Name, Ct);
            var wanted = model.Columns.ToDictionary(StringComparer.OrdinalIgnoreCase);
            wanted[key] = ColumnUse.Text;
            ColumnBatch batch;
            await using (var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT * FROM {table}"), Ct))
            {
                batch = ColumnBatch.Read(reader, wanted, int.MaxValue, ct: Ct)!;
            }

            var (raw, probability) = (new float[batch.Rows], new float[batch.Rows]);
            model.Score(batch, raw, probability);
            var keys = batch.Find(key)!;
            var kernel = Enumerable.Range(0, batch.Rows).ToDictionary(i => keys.Texts![keys.Codes![i]], i => model.GivesProbabilities ? probability[i] : raw[i]);

            var described = await session.TableColumnsAsync(table, Ct);
            var columns = described.Select(c => c.Name).ToList();
            if (session.Dialect.Kind == WarehouseKind.DuckDb)
            {
                // The text checks depend on the plan alone: once, on the first warehouse's pass.
                foreach (var kind in new[] { WarehouseKind.SqlServer, WarehouseKind.Teradata })
                {
                    PlanSqlText.AssertWithinLimits(model.Plan, Dialects.For(kind), table, key, columns);
                }
            }

            var inWarehouse = new Dictionary<string, float>();
            await using (var reader = await session.ReadAsync(RenderedSql.Plain(PlanSql.Select(model.Plan, session.Dialect, table, key, columns,
                booleans: [.. described.Where(Engine.PushDown.PushDownSql.IsBoolean).Select(c => c.Name)])), Ct))
            {
                while (await reader.ReadAsync(Ct))
                {
                    inWarehouse[Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!] = reader.GetFloat(2);
                }
            }

            Assert.Equal(kernel.Count, inWarehouse.Count);
            var differing = kernel.Count(p => BitConverter.SingleToInt32Bits(p.Value) != BitConverter.SingleToInt32Bits(inWarehouse[p.Key]));
            Assert.True(differing == 0, $"{score.Name} v{version.Number} in {session.Dialect.Kind}: {differing} of {kernel.Count} rows differ");
            checkedVersions++;
        }

        return checkedVersions;
    }
}
