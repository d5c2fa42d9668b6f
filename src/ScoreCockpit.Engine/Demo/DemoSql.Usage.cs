namespace ScoreCockpit.Engine.Demo;

internal static partial class DemoSql
{
    /// <summary>
    /// The monthly extract of month <paramref name="t"/>: one row per customer active at its end, with the
    /// month's usage, the last months' aggregates and the contract as it stands. The schema changes and the
    /// incident of <see cref="DemoStory"/> happen here. Each month's draws are computed once, then combined.
    /// </summary>
    public static string Usage(DemoOptions o, int t, string table)
    {
        var x = Date(o.ReferenceDate(t));
        string Active(int back) => $"signup_date <= {Date(o.ReferenceDate(t - back))}";
        string Columns(int count, Func<int, string> column) => string.Join(",\n        ", Enumerable.Range(0, count).Select(column));
        var incident = t == DemoStory.IncidentMonth
            ? $"AND demo_u(b.customer_id, {t}, {Draw.Incident}) >= {Number(DemoStory.IncidentLoss)}"
            : "";
        var sms = t < DemoStory.DroppedColumnMonth
            ? $"\n    CAST(round(exp(sms_level - 0.02 * {t} + 0.3 * demo_z(customer_id, {t}, {Draw.SmsMonth}))) AS INTEGER) AS {DemoStory.DroppedColumn},"
            : "";
        var fiber = t >= DemoStory.NewColumnMonth ? $",\n    fiber_eligible AS {DemoStory.NewColumn}" : "";
        return $"""
            CREATE TABLE {table} AS
            WITH a AS (
                SELECT b.*, c.start_date AS cycle_start, c.end_date, c.term,
                    -- Usage fades before a churn, except for those who leave abruptly for the competitor.
                    CASE WHEN ch.churn_to_competitor THEN NULL ELSE ch.churn_month END AS fading_month,
                    b.initial_options + coalesce(o.added, 0) AS options_count
                FROM demo_base b
                JOIN demo_cycles c ON c.customer_id = b.customer_id AND c.start_date <= {x} AND (c.renewal_date IS NULL OR c.renewal_date > {x})
                LEFT JOIN demo_churn ch ON ch.customer_id = b.customer_id
                LEFT JOIN (SELECT customer_id, count(*) AS added FROM demo_stg_events
                           WHERE event_type = 'option_added' AND event_date <= {x} GROUP BY customer_id) o ON o.customer_id = b.customer_id
                WHERE b.signup_date <= {x} AND (ch.churn_date IS NULL OR ch.churn_date > {x}) {incident}
            ), draws AS (
                SELECT *,
                    {Columns(4, back => $"CASE WHEN {Active(back)} THEN demo_data(customer_id, {t - back}, data_base_gb, fading_month) END AS data_{back}")},
                    {Columns(4, back => $"demo_u(customer_id, {t - back}, {Draw.Episode}) < 0.035 AS started_{back}")},
                    {Columns(3, back => $"demo_u(customer_id, {t - back}, {Draw.CareCalls}) AS care_draw_{back}")},
                    {string.Join(" + ", Enumerable.Range(0, 6).Select(back => $"CASE WHEN {Active(back)} THEN demo_pay(customer_id, {t - back}, pay_p) ELSE 0 END"))}
                        AS payments,
                    end_date IS NOT NULL AND end_date > {x} AS committed
                FROM a
            ), care AS (
                SELECT *,
                    {Columns(3, back => $"CASE WHEN {Active(back)} THEN demo_care(care_ln_q0, care_ln_q1, started_{back} OR started_{back + 1}, care_draw_{back}) ELSE 0 END AS care_{back}")}
                FROM draws
            )
            SELECT
                customer_id,
                {x} AS month_end,
                CASE WHEN committed THEN CAST(term AS VARCHAR) || ' months' ELSE 'No commitment' END AS contract_type,
                end_date AS commitment_end,
                plan,
                round(plan_price + 5.0 * options_count - discount - CASE WHEN committed AND term = 24 THEN 2.0 ELSE 0.0 END
                      + CASE WHEN data_0 > plan_gb THEN 10.0 ELSE 0.0 END, 2) AS monthly_charges,
                round(data_0, 2) AS data_gb,
                round((coalesce(data_1, 0) + coalesce(data_2, 0) + coalesce(data_3, 0))
                      / nullif(CAST(data_1 IS NOT NULL AS INTEGER) + CAST(data_2 IS NOT NULL AS INTEGER) + CAST(data_3 IS NOT NULL AS INTEGER), 0), 2)
                    AS data_gb_prev_3m,
                CAST(round(exp(voice_level + 0.25 * demo_z(customer_id, {t}, {Draw.VoiceMonth}))) AS INTEGER) AS voice_minutes,{sms}
                CAST(round(exp(1.8 + 0.6 * eng + 0.3 * demo_z(customer_id, {t}, {Draw.App})) * demo_decline(fading_month, {t})) AS INTEGER) AS app_sessions,
                care_0 AS care_calls,
                care_0 + care_1 + care_2 AS care_calls_3m,
                payments AS payment_incidents_6m,
                CAST(date_sub('month', cycle_start, {x}) + device_offset AS INTEGER) AS device_age_months,
                CAST(options_count AS INTEGER) AS options_count{fiber}
            FROM care
            ORDER BY customer_id
            """;
    }
}
