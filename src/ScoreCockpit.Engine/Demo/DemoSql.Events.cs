namespace ScoreCockpit.Engine.Demo;

internal static partial class DemoSql
{
    /// <summary>
    /// Each customer's first contract cycle in the window: committed customers' current commitment, or a
    /// cycle without end for those who never committed. Existing customers are met part-way through it.
    /// </summary>
    public static string FirstCycles(DemoOptions o) =>
        "CREATE OR REPLACE TEMP TABLE demo_cycles AS\n" + Cycles(o, $"""
            SELECT customer_id, 1 AS k, start_date, initial_term AS term,
                CASE WHEN initial_term = 0 THEN NULL ELSE CAST(start_date + to_months(initial_term) AS DATE) END AS end_date
            FROM (SELECT customer_id, initial_term,
                      CASE WHEN initial_term = 0 OR is_new THEN signup_date
                           ELSE greatest(signup_date, CAST({Date(o.ReferenceDate(0))} - to_months(initial_term) AS DATE) - 90
                                                      + CAST(floor(cycle_phase * initial_term * 30.4) AS INTEGER)) END AS start_date
                  FROM demo_base)
            """);

    /// <summary>The cycles that follow the renewals of cycle <paramref name="k"/>; none once no renewal is left before the last reference date.</summary>
    public static string NextCycles(DemoOptions o, int k) =>
        "INSERT INTO demo_cycles\n" + Cycles(o, $"""
            SELECT customer_id, k + 1 AS k, renewal_date AS start_date, next_term AS term,
                CAST(renewal_date + to_months(next_term) AS DATE) AS end_date
            FROM demo_cycles WHERE k = {k} AND renewal_date IS NOT NULL
            """);

    /// <summary>
    /// The renewal decision of each cycle: satisfied, loyal, engaged customers with options re-commit; price-sensitive,
    /// financially fragile ones and those with a service problem just before the end do not. Renewals fall from
    /// about 2 months before to 2 months after the commitment end; those after the last reference date are unknown.
    /// </summary>
    private static string Cycles(DemoOptions o, string proto) =>
        $"""
        SELECT customer_id, k, start_date, end_date, term,
            CASE WHEN renews AND candidate <= {Date(o.LastReferenceDate)} THEN candidate END AS renewal_date, next_term
        FROM (
            SELECT p.customer_id, p.k, p.start_date, p.end_date, p.term,
                p.end_date IS NOT NULL AND demo_u(p.customer_id, p.k, {Draw.Renew}) < demo_sigmoid(
                    -0.2 + 1.0 * b.sat - 0.7 * b.price - 1.2 * b.fin + 0.6 * b.eng
                    + 0.7 * ln(1.0 + greatest(0, p.end_date - b.signup_date) / 365.25)
                    + 0.6 * b.initial_options + 0.6 * CAST(b.device_offset = 0 AS INTEGER) + 0.4 * CAST(p.term = 24 AS INTEGER)
                    - 0.6 * CAST(b.channel = 'Telesales' AS INTEGER)
                    - 1.2 * CAST(demo_episode(p.customer_id, demo_month(p.end_date) - 1) AS INTEGER)
                    - 0.6 * CAST(b.fiber_eligible AND demo_month(p.end_date) >= {DemoStory.DriftMonth} AS INTEGER)) AS renews,
                p.end_date + CAST(least(60, greatest(-75, -60 - 15 * b.eng
                    + 110 * (demo_u(p.customer_id, p.k, {Draw.RenewOffset1}) + demo_u(p.customer_id, p.k, {Draw.RenewOffset2})) / 2)) AS INTEGER) AS candidate,
                CASE WHEN demo_u(p.customer_id, p.k, {Draw.NextTerm}) < 0.6 THEN 24 ELSE 12 END AS next_term
            FROM ({proto}) p JOIN demo_base b ON b.customer_id = p.customer_id
        )
        """;

    /// <summary>
    /// Every customer-month at risk, streamed and folded per customer: the churn and option hazards are drawn
    /// from the state at the start of the month (the end of the month before). From <see cref="DemoStory.DriftMonth"/>
    /// a competitor's fibre offer makes fibre-eligible heavy data users, price-sensitive and young customers
    /// leave, while service problems matter less. (Aggregating rather than filtering keeps DuckDB from
    /// evaluating the hazards twice.)
    /// </summary>
    public static string Draws(DemoOptions o) =>
        $"""
        CREATE OR REPLACE TEMP TABLE demo_draws AS
        WITH cb AS (
            SELECT c.customer_id, c.k, c.start_date, c.end_date,
                b.signup_date, b.care_ln_q0, b.care_ln_q1, b.pay_p, b.churn_logit, b.competitor_p, b.option_p, b.option_p_after_renewal,
                greatest(1, demo_month(c.start_date) + 1, demo_month(b.signup_date) + 1) AS t_from,
                CASE WHEN c.renewal_date IS NULL THEN {o.Months} ELSE least({o.Months}, demo_month(c.renewal_date)) END AS t_to
            FROM demo_cycles c JOIN demo_base b ON b.customer_id = c.customer_id
        ), g AS (
            SELECT *, unnest(generate_series(t_from, t_to)) AS t FROM cb WHERE t_from <= t_to
        ), h AS (
            SELECT g.*, m.prev_ref AS x,
                demo_episode(customer_id, g.t) AS episode,
                demo_u(customer_id, g.t, {Draw.CareCalls}) AS care_draw,
                greatest(demo_pay(customer_id, g.t - 1, pay_p), demo_pay(customer_id, g.t - 2, pay_p)) AS pay_recent,
                CAST(g.t >= {DemoStory.DriftMonth} AS INTEGER) AS drift
            FROM g JOIN demo_months m ON m.t = g.t
        ), i AS (
            SELECT *,
                demo_care(care_ln_q0, care_ln_q1, episode, care_draw) AS care,
                demo_u(customer_id, t, {Draw.Churn}) AS churn_draw,
                CAST(end_date IS NULL OR end_date <= x AS INTEGER) AS out_of_commitment,
                CAST(end_date IS NOT NULL AND end_date <= x AND end_date > x - 120 AS INTEGER) AS recently_lapsed
            FROM h
        ), p AS (
            SELECT customer_id, t, pay_recent, churn_draw,
                -- Leaving for the usual reasons: service problems, no commitment, payment trouble, price.
                demo_sigmoid(
                    churn_logit - 0.2 * ln(1.0 + (x - signup_date) / 365.25)
                    + 1.0 * out_of_commitment + 0.5 * recently_lapsed + 1.0 * pay_recent
                    + (1.0 - 0.5 * drift) * (0.45 * care + 1.2 * CAST(episode AS INTEGER))) AS usual,
                -- Leaving for the competitor's fibre-and-mobile offer: fibre-eligible heavy data users, price-sensitive, young.
                drift * competitor_p AS competitor,
                -- Options sell best in the first months of a renewed contract (with the new device).
                CASE WHEN k > 1 AND t - demo_month(start_date) <= 3 THEN option_p_after_renewal ELSE option_p END AS option_p
            FROM i
        ), q AS (
            SELECT customer_id, t, pay_recent,
                churn_draw < usual + competitor AS churns,
                churn_draw >= usual AS to_competitor,
                demo_u(customer_id, t, {Draw.Option}) < option_p AS takes_option
            FROM p
        )
        SELECT customer_id,
            min(t) FILTER (WHERE churns) AS churn_month,
            arg_min(pay_recent, t) FILTER (WHERE churns) AS churn_after_payment_incident,
            arg_min(to_competitor, t) FILTER (WHERE churns) AS churn_to_competitor,
            list(t ORDER BY t) FILTER (WHERE takes_option) AS option_months
        FROM q GROUP BY customer_id
        """;

    public static string Churn(DemoOptions o) =>
        $"""
        CREATE OR REPLACE TEMP TABLE demo_churn AS
        SELECT d.customer_id, d.churn_month, d.churn_to_competitor,
            m.month_start + CAST(floor(demo_u(d.customer_id, d.churn_month, {Draw.ChurnDay}) * m.days) AS INTEGER) AS churn_date,
            CASE WHEN d.churn_to_competitor THEN 'competitor offer' WHEN d.churn_after_payment_incident = 1 THEN 'non-payment'
                 ELSE 'port-out' END AS churn_reason
        FROM demo_draws d
        JOIN demo_months m ON m.t = d.churn_month
        WHERE d.churn_month IS NOT NULL
        """;

    /// <summary>What happened, as the warehouse records it: churns, renewals and options taken, none after a churn.</summary>
    public static string Events(DemoOptions o) =>
        $"""
        CREATE TABLE demo_stg_events AS
        WITH options AS (
            SELECT customer_id, unnest(option_months) AS t FROM demo_draws WHERE len(option_months) > 0
        )
        SELECT customer_id, event_date, event_type, detail FROM (
            SELECT customer_id, churn_date AS event_date, 'churn' AS event_type, churn_reason AS detail FROM demo_churn
            UNION ALL
            SELECT c.customer_id, c.renewal_date, 'renewal', CAST(c.next_term AS VARCHAR) || ' months'
            FROM demo_cycles c LEFT JOIN demo_churn ch ON ch.customer_id = c.customer_id
            WHERE c.renewal_date IS NOT NULL AND (ch.churn_date IS NULL OR c.renewal_date < ch.churn_date)
            UNION ALL
            SELECT customer_id, option_date, 'option_added', option_name FROM (
                SELECT o.customer_id, ch.churn_date,
                    m.month_start + CAST(floor(demo_u(o.customer_id, o.t, {Draw.OptionDay}) * m.days) AS INTEGER) AS option_date,
                    CASE WHEN b.data_ratio > 0.85 AND demo_u(o.customer_id, o.t, {Draw.OptionKind}) < 0.5 THEN 'Data boost'
                         ELSE ['TV', 'Cloud storage', 'International calls', 'Device insurance', 'Data boost'][
                              1 + CAST(floor(demo_u(o.customer_id, o.t, {Draw.OptionPick}) * 5) AS INTEGER)] END AS option_name
                FROM options o
                JOIN demo_months m ON m.t = o.t
                JOIN demo_base b ON b.customer_id = o.customer_id
                LEFT JOIN demo_churn ch ON ch.customer_id = o.customer_id)
            WHERE churn_date IS NULL OR option_date < churn_date
        )
        ORDER BY event_date, customer_id, event_type
        """;

    public const string Customers =
        """
        CREATE TABLE demo_stg_customers AS
        SELECT customer_id, signup_date, birth_year, region, channel FROM demo_base ORDER BY customer_id
        """;
}
