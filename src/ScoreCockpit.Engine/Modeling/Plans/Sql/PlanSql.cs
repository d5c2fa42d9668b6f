using System.Globalization;
using System.Text;
using ScoreCockpit.Engine.Warehouse;

namespace ScoreCockpit.Engine.Modeling.Plans.Sql;

/// <summary>
/// A plan written as SQL the warehouse runs: the key, the raw score and the probability, equal to the kernel's
/// floats (on Teradata within 1e-6: it has no 4-byte float). DuckDB, PostgreSQL, SQL Server and Teradata (see
/// docs/scoring-plans.md). Below, tree ensembles; linear models are summed in REAL by <see cref="PlanSqlLinear"/>.
/// <list type="bullet">
/// <item>Featurisation gives each slot as a double that is never NULL (<see cref="PlanSqlFeatures"/>).</item>
/// <item>A float threshold t is compared on the double value with the midpoint between t and the next float up, so the
/// routing is ML.NET's float32 comparison on every warehouse (<see cref="PlanSqlTrees"/>).</item>
/// <item>Trees are added in order, in double, with explicit parentheses, from the bias; the sum is rounded to REAL,
/// then calibrated in double and rounded again, as ML.NET does.</item>
/// <item>Trees are grouped into nested sub-selects, each carrying the running sum, so no expression nests more than a
/// group's trees and the order of additions stays the kernel's. Past a warehouse's statement limit the groups go into
/// scratch tables (<see cref="Script"/>).</item>
/// </list>
/// </summary>
public static class PlanSql
{
    /// <summary>Trees per sub-select where sub-selects may nest freely (see <see cref="PlanSqlLimits.TreesPerLayerFor"/>).</summary>
    public const int TreesPerLayer = PlanSqlLimits.TreesPerLayer;

    /// <summary>The plan as one SELECT; throws <see cref="PlanSqlLimitException"/> when it needs more (see <see cref="Script"/>).</summary>
    /// <param name="columns">The columns the table holds: an input it lacks is missing on every row, as the kernel scores it.</param>
    /// <param name="carry">Columns of the table passed through unchanged after the probability (a target beside its scores), named c0, c1…</param>
    /// <param name="booleans">Those columns of boolean type: read as 1 and 0, which not every warehouse casts to a double.</param>
    public static string Select(ScoringPlan plan, ISqlDialect dialect, string table, string key, IReadOnlyCollection<string> columns,
        IReadOnlyList<string>? carry = null, IReadOnlyCollection<string>? booleans = null) =>
        new PlanSqlWriter(plan, dialect, PlanSqlLimits.For(dialect.Kind), table, key, columns, carry, booleans).Write(scratchPrefix: null).Select;

    /// <summary>
    /// The plan as statements: one SELECT when it fits the warehouse's statement limit (then Setup and Cleanup are empty and
    /// Select is <see cref="Select"/>'s text); otherwise scratch tables named <paramref name="scratchPrefix"/>_1, _2…, each
    /// adding a group of trees to the running sum, and a final SELECT. Throws <see cref="PlanSqlLimitException"/> for a
    /// plan no statement of this warehouse can hold.
    /// </summary>
    public static PlanSqlScript Script(ScoringPlan plan, ISqlDialect dialect, string table, string key, IReadOnlyCollection<string> columns,
        IReadOnlyList<string>? carry = null, string scratchPrefix = "sc_plan", IReadOnlyCollection<string>? booleans = null) =>
        new PlanSqlWriter(plan, dialect, PlanSqlLimits.For(dialect.Kind), table, key, columns, carry, booleans).Write(scratchPrefix);

    /// <summary>As <see cref="Script"/> under other limits: a limited warehouse's forms tried on DuckDB.</summary>
    internal static PlanSqlScript ScriptUnder(ScoringPlan plan, ISqlDialect dialect, PlanSqlLimits limits, string table, string key,
        IReadOnlyCollection<string> columns, string scratchPrefix) =>
        new PlanSqlWriter(plan, dialect, limits, table, key, columns, null, null).Write(scratchPrefix);

    /// <summary>
    /// Keeps PostgreSQL from pulling a sub-select up into the one around it: it would then write each slot's featurisation
    /// (and each layer's sum) into every condition that reads it, and compute it there again, row after row. A sub-select
    /// with an OFFSET is computed once, as written.
    /// </summary>
    internal static string Fence(ISqlDialect dialect) => dialect.Kind == WarehouseKind.Postgres ? " OFFSET 0" : "";

    /// <summary>"The value, rounded to float, is ≤ t", written on the DOUBLE value.</summary>
    internal static string AtMost(string value, float threshold) => PlanSqlTrees.AtMost(value, threshold);

    /// <summary>A double as a literal that reads back to the same double (exponent form, so it is read as a double).</summary>
    internal static string Number(double value) => value.ToString("E17", CultureInfo.InvariantCulture);

    /// <summary>The raw score and the probability, from the running sum of the last layer.</summary>
    internal static (string Raw, string Probability) Outputs(PlanCalibrator? platt, ISqlDialect dialect, PlanSqlLimits limits)
    {
        if (PlanSqlFeatures.Classic(dialect))
        {
            const string raw = "CAST(running AS REAL)";
            if (platt is null)
            {
                return (raw, raw);
            }

            var exact = $"1.0 / (1.0 + EXP({Number(platt.Slope)} * CAST({raw} AS {dialect.FloatType}) + {Number(platt.Offset)}))";
            if (dialect.Kind == WarehouseKind.DuckDb)
            {
                return (raw, $"CAST({exact} AS REAL)");
            }

            // PostgreSQL raises an error where EXP passes 709 and where a double too small for a float is cast to REAL;
            // the kernel's probability is 0 there: below 2^-150 a double rounds to float 0.
            var logit = $"{Number(platt.Slope)} * CAST({raw} AS {dialect.FloatType}) + {Number(platt.Offset)}";
            return (raw, $"CASE WHEN {logit} > 7.0E+002 THEN CAST(0E0 AS REAL) WHEN {exact} <= {Number(Math.Pow(2, -150))} THEN CAST(0E0 AS REAL) " +
                $"ELSE CAST({exact} AS REAL) END");
        }

        // Teradata's REAL is its 8-byte FLOAT: the sum cannot be rounded to float32 there, so its scores equal the
        // kernel's within 1e-6 rather than bit for bit.
        var rounded = limits.HasFloat32 ? "CAST(running AS REAL)" : "running";
        if (platt is null)
        {
            return (rounded, rounded);
        }

        var z = $"{Number(platt.Slope)} * {(limits.HasFloat32 ? $"CAST({rounded} AS {dialect.FloatType})" : rounded)} + {Number(platt.Offset)}";
        // EXP past 709 is an overflow error there, where the kernel's gives infinity: from z = 104 on the probability is 0
        // in float anyway.
        var probability = $"CASE WHEN {z} > 7.0E+002 THEN 0E0 ELSE 1E0 / (1E0 + EXP({z})) END";
        return (rounded, limits.HasFloat32 ? $"CAST({probability} AS REAL)" : probability);
    }
}

/// <summary>One plan being written for one warehouse: the parts every statement of its script shares.</summary>
internal sealed class PlanSqlWriter
{
    private readonly ISqlDialect _dialect;
    private readonly PlanSqlLimits _limits;
    private readonly string _key;
    private readonly string _slotList;
    private readonly string _carried;
    private readonly string _featurised;
    private readonly string _raw;
    private readonly string _probability;
    private readonly List<string> _trees;
    private readonly int _perLayer;
    private readonly int _columns;
    private readonly bool _linear;

    public PlanSqlWriter(ScoringPlan plan, ISqlDialect dialect, PlanSqlLimits limits, string table, string key,
        IReadOnlyCollection<string> columns, IReadOnlyList<string>? carry, IReadOnlyCollection<string>? booleans)
    {
        _dialect = dialect;
        _limits = limits;
        var q = dialect.QuoteIdentifier;
        carry ??= [];
        _key = q(key);
        _carried = string.Concat(carry.Select((_, c) => $", c{c}"));
        _slotList = string.Join(", ", Enumerable.Range(0, plan.Slots).Select(s => $"s{s}")) + _carried;
        var slots = PlanSqlFeatures.Slots(plan, dialect, _limits, columns.ToHashSet(StringComparer.OrdinalIgnoreCase),
            (booleans ?? []).ToHashSet(StringComparer.OrdinalIgnoreCase));
        var inner = $"SELECT {q(key)} AS k, " +
            string.Join(", ", slots.Select((e, s) => $"{e} AS s{s}").Concat(carry.Select((c, i) => $"{q(c)} AS c{i}"))) + $" FROM {q(table)}";
        (_raw, _probability) = PlanSql.Outputs(plan.Calibrator, dialect, _limits);
        if (plan.Ensemble is { } ensemble)
        {
            _featurised = $"SELECT k, {_slotList}, {PlanSql.Number(ensemble.Bias)} AS running FROM ({inner}{PlanSql.Fence(dialect)}) featurised";
            _trees = ensemble.Trees.Select(t => PlanSqlTrees.Tree(t, _limits.TreeCaseNesting)).ToList();
        }
        else
        {
            var linear = plan.Linear ?? throw new PlanSqlLimitException($"This {plan.Algorithm} plan holds neither trees nor weights. Score this version in-process.");
            _featurised = PlanSqlLinear.Running(plan, linear, dialect, inner, _carried, LinearArithmetic.OfThisMachine);
            _trees = [];
            _linear = true;
        }

        _perLayer = _limits.TreesPerLayerFor(_trees.Count);
        _columns = plan.Slots + carry.Count + 2;
    }

    /// <param name="scratchPrefix">Null: one statement or a refusal.</param>
    public PlanSqlScript Write(string? scratchPrefix)
    {
        var whole = Final(Layers(_featurised, 0, _trees.Count));
        if (_limits.StatementBytes is not { } max || _limits.Measure(whole) <= max)
        {
            return new([], whole, []);
        }

        if (scratchPrefix is null || _linear)
        {
            throw Refused(_linear
                ? $"this linear plan's SELECT is {PlanSqlLimits.Describe(_limits.Measure(whole))}"
                : $"this plan's SELECT is {PlanSqlLimits.Describe(_limits.Measure(whole))}: write it as a script of several statements");
        }

        if (_limits.TableColumns is { } most && _columns > most)
        {
            throw new PlanSqlLimitException(
                $"{_limits.Name} holds at most {most:N0} columns in a table, and the scratch tables this plan needs would hold {_columns:N0}. " +
                "Score this version in-process.");
        }

        var setup = new List<string>();
        string? previous = null;
        var (next, part) = (0, 0);
        while (true)
        {
            var source = previous is null ? _featurised : $"SELECT k, {_slotList}, running FROM {_dialect.QuoteIdentifier(previous)}";
            var rest = Final(Layers(source, next, _trees.Count));
            if (_limits.Measure(rest) <= max)
            {
                // The loop starts with the whole plan, which did not fit: there is a scratch table by now.
                return new(setup, rest, [_dialect.DropTableIfExists(previous!)]);
            }

            var scratch = string.Create(CultureInfo.InvariantCulture, $"{scratchPrefix}_{++part}");
            var end = Fill(_limits.Measure(_dialect.CreateTableAs(scratch, source, "k")), next, max);
            if (end == next)
            {
                throw Refused(previous is null && _limits.Measure(Final(_featurised)) > max
                    ? $"this plan's featurisation alone is {PlanSqlLimits.Describe(_limits.Measure(Final(_featurised)))}"
                    : $"tree {next + 1} of this plan alone is written in {PlanSqlLimits.Describe(_limits.Measure(_trees[next]))}");
            }

            var statement = _dialect.CreateTableAs(scratch, Layers(source, next, end), "k");
            if (_limits.Measure(statement) > max)
            {
                throw Refused($"a group of trees came to {PlanSqlLimits.Describe(_limits.Measure(statement))}");
            }

            setup.Add(statement);
            if (previous is not null)
            {
                setup.Add(_dialect.DropTableIfExists(previous));
            }

            (previous, next) = (scratch, end);
        }
    }

    /// <summary>The trees from <paramref name="first"/> on that one statement of <paramref name="fixedBytes"/> besides them holds; returns the end.</summary>
    private int Fill(long fixedBytes, int first, long max)
    {
        // A layer's text around its trees, with room for a long layer number.
        var layer = _limits.Measure($"SELECT k, {_slotList}, " + " AS running FROM (" + ") layer999999");
        var size = fixedBytes;
        var end = first;
        while (end < _trees.Count)
        {
            var add = _limits.Measure(_trees[end]) + _limits.Measure("( + )") + ((end - first) % _perLayer == 0 ? layer : 0);
            if (size + add > max)
            {
                break;
            }

            size += add;
            end++;
        }

        return end;
    }

    /// <summary>Trees [first, end) added to the running sum of <paramref name="source"/>, in layers of nested sub-selects.</summary>
    private string Layers(string source, int first, int end)
    {
        var sql = new StringBuilder(source);
        var layer = 0;
        for (var start = first; start < end; start += _perLayer)
        {
            var sum = "running";
            for (var t = start; t < Math.Min(end, start + _perLayer); t++)
            {
                sum = $"({sum} + {_trees[t]})";
            }

            sql.Insert(0, $"SELECT k, {_slotList}, {sum} AS running FROM (").Append(CultureInfo.InvariantCulture, $"{PlanSql.Fence(_dialect)}) layer{layer++}");
        }

        return sql.ToString();
    }

    private string Final(string source) =>
        $"SELECT k AS {_key}, {_raw} AS raw_score, {_probability} AS probability{_carried} FROM ({source}{PlanSql.Fence(_dialect)}) scored";

    private PlanSqlLimitException Refused(string what) => new(
        $"{_limits.Name}'s {_limits.StatementLimit} is {PlanSqlLimits.Describe(_limits.StatementBytes!.Value)}, and {what}. " +
        "Score this version in-process.");
}
