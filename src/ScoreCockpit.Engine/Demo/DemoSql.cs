using System.Globalization;

namespace ScoreCockpit.Engine.Demo;

/// <summary>
/// The generator's SQL (DuckDB). Every random draw is `demo_u(customer, month, draw)`: the seeded
/// `hash()` of those values mapped to [0, 1), so the tables do not depend on threads or row order.
/// Hidden traits (satisfaction, price sensitivity, engagement, financial fragility) drive both the
/// features a snapshot shows and the events its label is read from; the events follow from per-month
/// hazards, contract cycles are unrolled one renewal at a time.
/// </summary>
internal static partial class DemoSql
{
    /// <summary>Draw identifiers: each random quantity has its own, so changing one leaves the others alone.</summary>
    private static class Draw
    {
        public const int Satisfaction = 1, Price = 2, Engagement = 3, Fragility = 4, Age1 = 5, Age2 = 6, Age3 = 7;
        public const int IsNew = 8, Tenure = 9, SignupMonth = 10, SignupDay = 11, Region = 12, Fiber = 13, Web = 14;
        public const int Channel = 15, Plan = 16, DataRatio = 17, NoCommitment = 18, Term = 19, CyclePhase = 20;
        public const int Discount = 21, Options = 22, OwnDevice = 23, DeviceAge = 24, Voice = 25, Sms = 26;
        public const int Renew = 40, RenewOffset1 = 41, RenewOffset2 = 42, NextTerm = 43;
        public const int Episode = 60, CareCalls = 61, Payment = 62, Churn = 63, ChurnDay = 64, Option = 65, OptionDay = 66;
        public const int OptionKind = 67, OptionPick = 68, Data = 69, VoiceMonth = 70, SmsMonth = 71, App = 72, Incident = 73;
    }

    /// <summary>The customer-level draws (month 0), each named for the column `u_{name}` of the base query.</summary>
    private static readonly (string Name, int Id)[] CustomerDraws =
    [
        ("sat", Draw.Satisfaction), ("price", Draw.Price), ("eng", Draw.Engagement), ("fin", Draw.Fragility),
        ("age1", Draw.Age1), ("age2", Draw.Age2), ("age3", Draw.Age3), ("new", Draw.IsNew), ("tenure", Draw.Tenure),
        ("signup_month", Draw.SignupMonth), ("signup_day", Draw.SignupDay), ("region", Draw.Region), ("fiber", Draw.Fiber),
        ("web", Draw.Web), ("channel", Draw.Channel), ("plan", Draw.Plan), ("data_ratio", Draw.DataRatio),
        ("no_commitment", Draw.NoCommitment), ("term", Draw.Term), ("cycle_phase", Draw.CyclePhase), ("discount", Draw.Discount),
        ("options", Draw.Options), ("own_device", Draw.OwnDevice), ("device_age", Draw.DeviceAge), ("voice", Draw.Voice), ("sms", Draw.Sms),
    ];

    internal static string Date(DateOnly date) => $"DATE '{date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}'";

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Connection-scoped helpers; the seed is written into them so every query draws from the same streams.</summary>
    public static IEnumerable<string> Macros(DemoOptions o) =>
    [
        $"""
        CREATE OR REPLACE TEMP MACRO demo_u(cid, t, k) AS
            CAST(hash(hash(CAST({o.Seed} AS BIGINT), CAST(cid AS BIGINT), CAST(t AS BIGINT), CAST(k AS BIGINT))) >> 11 AS DOUBLE)
            / 9007199254740992.0
        """,
        // A standard-normal-like draw (the logistic law scaled to unit variance): one hash instead of Box-Muller's two.
        "CREATE OR REPLACE TEMP MACRO demo_logistic(uu) AS 0.5513 * ln(((uu) + 1e-12) / (1.0 - (uu) + 1e-12))",
        "CREATE OR REPLACE TEMP MACRO demo_z(cid, t, k) AS demo_logistic(demo_u(cid, t, k))",
        "CREATE OR REPLACE TEMP MACRO demo_sigmoid(x) AS 1.0 / (1.0 + exp(-(x)))",
        // The window month a date falls in: 1 for the first reference date's month, 0 and below before.
        $"CREATE OR REPLACE TEMP MACRO demo_month(d) AS (year(d) - {FirstMonthStart(o).Year}) * 12 + month(d) - {FirstMonthStart(o).Month} + 1",
        // A service problem starts in 3.5 % of customer-months and lasts two months.
        $"CREATE OR REPLACE TEMP MACRO demo_episode(cid, t) AS (demo_u(cid, t, {Draw.Episode}) < 0.035 OR demo_u(cid, t - 1, {Draw.Episode}) < 0.035)",
        // Calls to customer care in a month: about 0.2 on average, four times more during a service problem.
        // (A geometric law of mean m has ln q = ln(m / (1 + m)); both values are kept per customer.)
        "CREATE OR REPLACE TEMP MACRO demo_care(ln_q0, ln_q1, episode, uu) AS CAST(least(12, floor(ln(1.0 - (uu)) / CASE WHEN episode THEN ln_q1 ELSE ln_q0 END)) AS INTEGER)",
        // A payment incident in a month, with the customer's monthly probability (from financial fragility).
        $"CREATE OR REPLACE TEMP MACRO demo_pay(cid, t, pay_p) AS CAST(demo_u(cid, t, {Draw.Payment}) < (pay_p) AS INTEGER)",
        // Customers about to leave use their line less in the two months before.
        "CREATE OR REPLACE TEMP MACRO demo_decline(churn_month, t) AS CASE (churn_month) - (t) WHEN 1 THEN 0.7 WHEN 2 THEN 0.85 ELSE 1.0 END",
        $"""
        CREATE OR REPLACE TEMP MACRO demo_data(cid, t, base_gb, churn_month) AS
            (base_gb) * exp(0.22 * demo_z(cid, t, {Draw.Data}) - 0.0242) * (1.0 + 0.012 * (t)) * demo_decline(churn_month, t)
        """,
    ];

    private static readonly string[] TemporaryTables = ["demo_churn", "demo_draws", "demo_cycles", "demo_base", "demo_months"];

    private static readonly string[] TemporaryMacros =
        ["demo_data", "demo_decline", "demo_pay", "demo_care", "demo_episode", "demo_sigmoid", "demo_z", "demo_logistic", "demo_u", "demo_month"];

    public static IEnumerable<string> DropTemporaries() =>
    [
        .. TemporaryTables.Select(t => $"DROP TABLE IF EXISTS temp.main.{t}"),
        .. TemporaryMacros.Select(m => $"DROP MACRO IF EXISTS temp.main.{m}"),
    ];

    /// <summary>Month t: its first day, its end (the reference date) and the end of the month before; history from t = -8.</summary>
    public static string Months(DemoOptions o) =>
        $"""
        CREATE OR REPLACE TEMP TABLE demo_months AS
        SELECT CAST(t AS INTEGER) AS t, month_start, CAST(last_day(month_start) AS DATE) AS ref_date,
               CAST(month_start - 1 AS DATE) AS prev_ref, day(last_day(month_start)) AS days
        FROM (SELECT t, CAST({Date(FirstMonthStart(o))} + to_months(CAST(t - 1 AS INTEGER)) AS DATE) AS month_start
              FROM range(-8, {o.Months + 1}) r(t))
        """;

    private static DateOnly FirstMonthStart(DemoOptions o) => o.ReferenceDate(0).AddDays(1);

    /// <summary>One row per customer: what the warehouse shows (signup, region, plan…) and the hidden traits behind it.</summary>
    public static string Base(DemoOptions o)
    {
        var newShare = Number(o.Months / (o.Months + 105.0));
        var firstStart = Date(FirstMonthStart(o));
        var anchorYear = o.LastReferenceDate.Year;
        return $"""
            CREATE OR REPLACE TEMP TABLE demo_base AS
            WITH r AS (
                SELECT i AS customer_id,
                    {string.Join(", ", CustomerDraws.Select(d => $"demo_u(i, 0, {d.Id}) AS u_{d.Name}"))}
                FROM range(1, {o.Customers + 1}) r(i)
            ), d AS (
                SELECT *,
                    demo_logistic(u_sat) AS sat, demo_logistic(u_price) AS price, demo_logistic(u_eng) AS eng_raw, demo_logistic(u_fin) AS fin,
                    18 + CAST(floor(46 * (u_age1 + u_age2) / 2 + 12 * u_age3) AS INTEGER) AS age,
                    u_new < {newShare} AS is_new,
                    CASE WHEN u_new < {newShare}
                         THEN CAST({firstStart} + to_months(CAST(floor(u_signup_month * {o.Months}) AS INTEGER)) AS DATE) + CAST(floor(u_signup_day * 28) AS INTEGER)
                         ELSE {Date(o.ReferenceDate(0))} - 30 - CAST(least(9000, floor(-ln(1.0 - u_tenure) * 1400)) AS INTEGER)
                    END AS signup_date,
                    CASE WHEN u_region < 0.19 THEN 'Capital' WHEN u_region < 0.33 THEN 'North' WHEN u_region < 0.46 THEN 'East'
                         WHEN u_region < 0.61 THEN 'West' WHEN u_region < 0.72 THEN 'South-West' WHEN u_region < 0.88 THEN 'South-East'
                         ELSE 'Centre' END AS region
                FROM r
            ), e AS (
                SELECT *, 0.8 * eng_raw - 0.035 * (age - 45) AS eng,
                    u_fiber < CASE region WHEN 'Capital' THEN 0.8 WHEN 'South-East' THEN 0.55 ELSE 0.28 END AS fiber_eligible
                FROM d
            ), f AS (
                SELECT *,
                    least(3, greatest(0, CAST(floor(1.6 + 0.8 * eng + 0.7 * demo_logistic(u_plan)) AS INTEGER))) AS plan_index,
                    CASE WHEN u_web < demo_sigmoid(-0.7 + 0.9 * eng) THEN 'Web' WHEN u_channel < 0.55 THEN 'Shop'
                         WHEN u_channel < 0.80 THEN 'Telesales' ELSE 'Partner' END AS channel,
                    1.15 * demo_sigmoid(-0.2 + 0.9 * eng + 0.7 * demo_logistic(u_data_ratio)) AS data_ratio,
                    least(4, CAST(floor(-ln(1.0 - u_options) * (0.4 + 0.6 * demo_sigmoid(eng))) AS INTEGER)) AS initial_options,
                    exp(-1.8 - 0.8 * sat) AS care_mean
                FROM e
            ), g AS (
                SELECT *,
                    ['S', 'M', 'L', 'XL'][plan_index + 1] AS plan,
                    [5.0, 20.0, 60.0, 150.0][plan_index + 1] AS plan_gb,
                    CAST([9.99, 17.99, 24.99, 34.99][plan_index + 1] AS DOUBLE) AS plan_price,
                    -4.4 + 0.6 * eng + 1.5 * CAST(data_ratio > 0.85 AS INTEGER) + 0.3 * sat - 0.5 * initial_options
                        + 0.4 * CAST(channel = 'Web' AS INTEGER) AS option_logit
                FROM f
            )
            SELECT customer_id, signup_date, {anchorYear} - age AS birth_year, age, region, channel, is_new, fiber_eligible,
                sat, price, eng, fin, plan, plan_gb, plan_price, data_ratio, plan_gb * data_ratio AS data_base_gb, initial_options,
                CASE WHEN u_no_commitment < demo_sigmoid(-1.3 + 0.7 * price + 0.4 * CAST(channel = 'Web' AS INTEGER)) THEN 0
                     WHEN u_term < 0.6 THEN 24 ELSE 12 END AS initial_term,
                u_cycle_phase AS cycle_phase,
                CASE WHEN price > 0.9 AND u_discount < 0.6 THEN 5.0 WHEN price > 0.3 AND u_discount < 0.3 THEN 3.0 ELSE 0.0 END AS discount,
                CASE WHEN u_own_device < 0.7 THEN 0 ELSE 1 + CAST(floor(u_device_age * 24) AS INTEGER) END AS device_offset,
                -- Per-customer parts of the monthly laws, computed once: calls to customer care (outside and during
                -- a service problem, exp(1.5) = 4.4817 times more), payment incidents, churn, the competitor, options.
                ln(care_mean / (1.0 + care_mean)) AS care_ln_q0,
                ln(4.4817 * care_mean / (1.0 + 4.4817 * care_mean)) AS care_ln_q1,
                demo_sigmoid(-4.0 + 1.4 * fin) AS pay_p,
                -5.0 - 0.4 * sat + 0.25 * price AS churn_logit,
                demo_sigmoid(-6.9 + 2.5 * CAST(fiber_eligible AS INTEGER) + 0.7 * ln(plan_gb * data_ratio / 10.0) + 0.5 * price
                             + 0.5 * CAST(age < 35 AS INTEGER)) AS competitor_p,
                demo_sigmoid(option_logit) AS option_p,
                demo_sigmoid(option_logit + 0.9) AS option_p_after_renewal,
                4.9 + 0.4 * demo_logistic(u_voice) AS voice_level,
                2.8 - 0.03 * (age - 45) + 0.5 * demo_logistic(u_sms) AS sms_level
            FROM g
            ORDER BY customer_id
            """;
    }
}
