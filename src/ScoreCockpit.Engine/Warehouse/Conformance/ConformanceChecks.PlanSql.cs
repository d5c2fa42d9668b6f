using System.Globalization;
using ScoreCockpit.Engine.Modeling.Plans;
using ScoreCockpit.Engine.Modeling.Plans.Sql;

namespace ScoreCockpit.Engine.Warehouse.Conformance;

/// <summary>The shapes a plan written as SQL relies on (<see cref="PlanSql"/>), each tried alone, then a small plan in scratch layers.</summary>
internal sealed partial class ConformanceChecks
{
    private PlanSqlLimits Limits => PlanSqlLimits.For(d.Kind);

    /// <summary>CASE nested as deep as the plan SQL nests it: the warehouse's limit, or 30 levels where it has none.</summary>
    private async Task NestedCaseAsync(CancellationToken ct)
    {
        var depth = Limits.CaseNesting ?? 30;
        var expression = "7";
        for (var level = 0; level < depth; level++)
        {
            expression = $"CASE WHEN id > {Text(-level)} THEN {expression} ELSE {Text(level)} END";
        }

        Expect($"CASE nested {depth} levels", 7L, await LongAsync($"SELECT {expression} FROM {Q(typedTable)} WHERE id = 1", ct));
    }

    /// <summary>Literals in the plan's exponent form read back to the very double, at the ends of the ranges too.</summary>
    private async Task FloatLiteralsAsync(CancellationToken ct)
    {
        double[] values = [0.1 + 0.2, 1.0 / 3, -2.5, 3.4028235677973366E+38, 1.7976931348623157E+308, 2.2250738585072014E-308, -1e-300];
        await using var reader = await session.ReadAsync(RenderedSql.Plain(
            $"SELECT {string.Join(", ", values.Select((v, i) => $"CAST({PlanSql.Number(v)} AS {d.FloatType}) AS f{i}"))} FROM {Q(typedTable)} WHERE id = 1"), ct);
        Expect("a row", true, await reader.ReadAsync(ct));
        for (var i = 0; i < values.Length; i++)
        {
            Expect($"literal {PlanSql.Number(values[i])}", values[i], Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The threshold test on the double value, on the midpoint and one double either side, against float32 routing.</summary>
    private async Task MidpointAsync(CancellationToken ct)
    {
        var cases = new List<(double Value, float Threshold)>();
        foreach (var t in new[] { 0.1f, -1.5f, 16777217f, 1e-30f, 3.5f })
        {
            var mid = ((double)t + MathF.BitIncrement(t)) / 2;
            cases.AddRange([(t, t), (mid, t), (Math.BitIncrement(mid), t), (Math.BitDecrement(mid), t)]);
        }

        var columns = cases.Select((c, i) =>
            $"CASE WHEN {PlanSql.AtMost($"CAST({PlanSql.Number(c.Value)} AS {d.FloatType})", c.Threshold)} THEN 1 ELSE 0 END AS r{i}");
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT {string.Join(", ", columns)} FROM {Q(typedTable)} WHERE id = 1"), ct);
        Expect("a row", true, await reader.ReadAsync(ct));
        for (var i = 0; i < cases.Count; i++)
        {
            var (value, threshold) = cases[i];
            Expect($"{value:R} ≤ {threshold:R} as float", (float)value <= threshold ? 1L : 0L, WarehouseValues.Long(reader.GetValue(i)));
        }
    }

    /// <summary>The calibration (EXP in double, rounded to REAL where the warehouse has a 4-byte float), and REAL's ties to even.</summary>
    private async Task ExpAndRealAsync(CancellationToken ct)
    {
        // -500 takes SQL Server's and Teradata's guard against EXP's overflow error.
        double[] scores = PlanSqlFeatures.Classic(d) ? [-3.25, 0, 0.7, 12.5] : [-3.25, 0, 0.7, 12.5, -500];
        var calibrator = new PlanCalibrator(-1.5, 0.25);
        var (_, probability) = PlanSql.Outputs(calibrator, d, Limits);
        var reals = Limits.HasFloat32 ? new[] { 1 + Math.Pow(2, -24), 1 + (3 * Math.Pow(2, -24)), 0.1 } : [];
        // The double first: PostgreSQL reads an exponent literal as NUMERIC, whose cast to REAL rounds its decimal digits.
        var scored = scores.Select((s, i) => $"{probability.Replace("running", $"CAST({PlanSql.Number(s)} AS {d.FloatType})", StringComparison.Ordinal)} AS p{i}");
        var columns = scored.Concat(reals.Select((r, i) => $"CAST(CAST({PlanSql.Number(r)} AS {d.FloatType}) AS REAL) AS r{i}"));
        await using var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT {string.Join(", ", columns)} FROM {Q(typedTable)} WHERE id = 1"), ct);
        Expect("a row", true, await reader.ReadAsync(ct));
        for (var i = 0; i < scores.Length; i++)
        {
            var read = Convert.ToDouble(reader.GetValue(i), CultureInfo.InvariantCulture);
            var raw = Limits.HasFloat32 ? (float)scores[i] : scores[i];
            var kernel = 1 / (1 + Math.Exp((calibrator.Slope * raw) + calibrator.Offset));
            if (Limits.HasFloat32 ? (float)read != (float)kernel : Math.Abs(read - kernel) > 1e-12)
            {
                throw new ConformanceFailure($"probability of score {scores[i]:R}: expected {kernel:R}, read {read:R}.");
            }
        }

        for (var i = 0; i < reals.Length; i++)
        {
            Expect($"CAST({reals[i]:R} AS REAL)", (float)reals[i], Convert.ToSingle(reader.GetValue(scores.Length + i), CultureInfo.InvariantCulture));
        }
    }

    /// <summary>A missing value is imputed (NULL, and NaN where FLOAT holds it); levels compare case-sensitively.</summary>
    private async Task NullRoutingAsync(CancellationToken ct)
    {
        var x = Q("x");
        var missing = Limits.HoldsNaN ? $"({x} IS NULL OR {PlanSqlFeatures.IsNaN(x, d)})" : $"{x} IS NULL";
        Expect("the NULL imputed", 1.5, Convert.ToDouble(await ScalarAsync(
            $"SELECT CASE WHEN {missing} THEN 1.5E0 ELSE {x} END FROM {Q(valuesTable)} WHERE k = {Text(Values.Length + 1)}", ct), CultureInfo.InvariantCulture));
        if (Limits.HoldsNaN)
        {
            Expect("NaN taken as missing", 1L, await LongAsync(
                $"SELECT CASE WHEN {PlanSqlFeatures.IsNaN($"CAST('NaN' AS {d.FloatType})", d)} THEN 1 ELSE 0 END FROM {Q(valuesTable)} WHERE k = 1", ct));
        }

        Expect("levels that differ in case only", 0L, await LongAsync(
            $"SELECT CASE WHEN {PlanSqlFeatures.TextEquals(d, d.TextLiteral("Level"), "level")} THEN 1 ELSE 0 END FROM {Q(valuesTable)} WHERE k = 1", ct));
        Expect("the same level", 1L, await LongAsync(
            $"SELECT CASE WHEN {PlanSqlFeatures.TextEquals(d, d.TextLiteral("café"), "café")} THEN 1 ELSE 0 END FROM {Q(valuesTable)} WHERE k = 1", ct));
    }

    /// <summary>
    /// A small plan on the typed table, split into a scratch table and a final SELECT as a plan past the statement limit
    /// is: the same scores as the kernel (bit for bit, or within 1e-6 without a 4-byte float).
    /// </summary>
    private async Task ScratchLayerAsync(CancellationToken ct)
    {
        var plan = ConformancePlan();
        var whole = PlanSql.Script(plan, d, typedTable, "id", ["id", "v", "name"]);
        var prefix = scratch.Name("plan");
        var limits = Limits with { StatementBytes = Limits.Measure(whole.Select) - 1, StatementLimit = "conformance limit" };
        var script = PlanSql.ScriptUnder(plan, d, limits, typedTable, "id", ["id", "v", "name"], prefix);
        for (var part = 1; part <= script.Setup.Count; part++)
        {
            scratch.Name(string.Create(CultureInfo.InvariantCulture, $"plan_{part}"));
        }

        Expect("scratch tables made", true, script.Setup.Count > 0);
        foreach (var statement in script.Setup)
        {
            await session.ExecuteAsync(statement, ct);
        }

        var inWarehouse = new Dictionary<string, double>();
        await using (var reader = await session.ReadAsync(RenderedSql.Plain(script.Select), ct))
        {
            while (await reader.ReadAsync(ct))
            {
                inWarehouse[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
            }
        }

        foreach (var statement in script.Cleanup)
        {
            await session.ExecuteAsync(statement, ct);
        }

        await AssertKernelsAsync(plan, inWarehouse, ct);
    }

    /// <summary>
    /// Linear plans in REAL, through the one-by-one sum and the short dense sum (four slots), and through the eight fused
    /// lanes (forty slots, most of them zero): the kernel's floats, bit for bit where REAL is 4 bytes.
    /// </summary>
    private async Task LinearPlanAsync(CancellationToken ct)
    {
        foreach (var plan in new[] { LinearPlan(0), LinearPlan(36) })
        {
            var inWarehouse = new Dictionary<string, double>();
            await using (var reader = await session.ReadAsync(RenderedSql.Plain(PlanSql.Select(plan, d, typedTable, "id", ["id", "v", "name"])), ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    inWarehouse[Convert.ToString(reader.GetValue(0), CultureInfo.InvariantCulture)!] = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
                }
            }

            await AssertKernelsAsync(plan, inWarehouse, ct);
        }
    }

    /// <summary>The plan's probabilities by the kernel on the typed table, against those the warehouse gave.</summary>
    private async Task AssertKernelsAsync(ScoringPlan plan, Dictionary<string, double> inWarehouse, CancellationToken ct)
    {
        var model = new CompiledModel(plan);
        ColumnBatch batch;
        await using (var reader = await session.ReadAsync(RenderedSql.Plain($"SELECT id, v, name FROM {Q(typedTable)}"), ct))
        {
            batch = ColumnBatch.Read(reader, new Dictionary<string, ColumnUse>(StringComparer.OrdinalIgnoreCase)
            {
                ["id"] = ColumnUse.Text,
                ["v"] = ColumnUse.Number,
                ["name"] = ColumnUse.Text,
            }, int.MaxValue, ct: ct)!;
        }

        var (raw, probability) = (new float[batch.Rows], new float[batch.Rows]);
        model.Score(batch, raw, probability);
        var keys = batch.Find("id")!;
        Expect("rows scored", batch.Rows, inWarehouse.Count);
        for (var i = 0; i < batch.Rows; i++)
        {
            var key = keys.Texts![keys.Codes![i]];
            var read = inWarehouse.GetValueOrDefault(key, double.NaN);
            if (Limits.HasFloat32 ? (float)read != probability[i] : !(Math.Abs(read - probability[i]) <= 1e-6))
            {
                throw new ConformanceFailure($"probability of id {key}: the kernel gives {probability[i]:R}, the warehouse {read:R}.");
            }
        }
    }

    /// <summary>
    /// Weights on v (with a missing flag) and name (two levels), min-max scaled, then <paramref name="absent"/> inputs the
    /// table lacks, imputed: half of them to 0, so a row has fewer than half its slots non-zero and takes the lanes.
    /// </summary>
    private static ScoringPlan LinearPlan(int absent) => new()
    {
        Algorithm = "LogisticRegression",
        Slots = 4 + absent,
        Inputs =
        [
            new() { Name = "v", Kind = PlanInputKind.Number, Slot = 0, Impute = 0.25f, MissingSlot = 1 },
            new() { Name = "name", Kind = PlanInputKind.Category, Slot = 2, Levels = ["customer 3", "customer 4"] },
            .. Enumerable.Range(0, absent).Select(i => new PlanInput
            {
                Name = string.Create(CultureInfo.InvariantCulture, $"absent_{i}"), Kind = PlanInputKind.Number, Slot = 4 + i,
                Impute = i % 2 == 0 ? 0f : 0.1f * (i + 1),
            }),
        ],
        Scaling = new PlanScaling([0.00137f, 1f, 1f, 1f, .. Enumerable.Range(0, absent).Select(i => 1f / (i + 3))], null),
        Linear = new PlanLinear([0.731f, -0.42f, 0.3f, -1.1f, .. Enumerable.Range(0, absent).Select(i => (i % 3) - 0.77f)], -0.123f, null),
        Calibrator = new PlanCalibrator(-1.3, 0.2),
    };

    /// <summary>Three trees on v (a number with a missing flag) and name (two levels), with a calibrator.</summary>
    private static ScoringPlan ConformancePlan() => new()
    {
        Algorithm = "FastTree",
        Slots = 4,
        Inputs =
        [
            new() { Name = "v", Kind = PlanInputKind.Number, Slot = 0, Impute = 0.25f, MissingSlot = 1 },
            new() { Name = "name", Kind = PlanInputKind.Category, Slot = 2, Levels = ["customer 3", "customer 4"] },
        ],
        Ensemble = new PlanEnsemble(0.125,
        [
            new() { Split = [0, 1], Threshold = [300.5f, 0.5f], Left = [~0, ~1], Right = [1, ~2], Leaves = [0.1, 0.2, -0.3] },
            new() { Split = [2], Threshold = [0f], Left = [~0], Right = [~1], Leaves = [0.05, -0.7], CategoricalSplits = new Dictionary<int, int[]> { [0] = [2, 3] } },
            new() { Split = [0, 0], Threshold = [10f, 600.25f], Left = [~0, ~1], Right = [1, ~2], Leaves = [-0.011, 0.4, 1.3], Weight = 0.5 },
        ]),
        Calibrator = new PlanCalibrator(-1.3, 0.2),
    };
}
