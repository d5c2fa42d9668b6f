-- Churn (demo warehouse, DuckDB). One row per customer active at the reference date.
-- Label: churned = 1 when the customer leaves (a 'churn' event) in the 2 months after ${date_ref}, up to ${label_end}.
-- The features are the month's extract as it stands (fiber_eligible appears from the demo's month 18,
-- sms_count is gone from month 24), the customer's profile and a few derived measures.
SELECT
    u.* EXCLUDE (month_end, commitment_end),
    CAST(${date_ref} AS DATE) AS date_ref,
    c.region,
    c.channel,
    year(CAST(${date_ref} AS DATE)) - c.birth_year AS age,
    date_sub('month', c.signup_date, CAST(${date_ref} AS DATE)) AS tenure_months,
    -- Negative once the commitment is over; empty for customers who never committed.
    date_sub('month', CAST(${date_ref} AS DATE), u.commitment_end) AS months_to_commitment_end,
    round(u.data_gb / nullif(u.data_gb_prev_3m, 0) - 1, 3) AS data_trend_3m,
    CAST(CASE WHEN churn.customer_id IS NULL THEN 0 ELSE 1 END AS INTEGER) AS churned
FROM usage_${date_ref_yyyymm} AS u
JOIN customers AS c ON c.customer_id = u.customer_id
LEFT JOIN (
    SELECT DISTINCT customer_id
    FROM events
    WHERE event_type = 'churn' AND event_date > ${date_ref} AND event_date <= ${label_end}
) AS churn ON churn.customer_id = u.customer_id
