-- Renewal (demo warehouse, DuckDB). One row per active customer whose commitment ends in the 3 months
-- after the reference date and who has not re-committed yet.
-- Label: renewed = 1 when the customer re-commits (a 'renewal' event) within those 3 months, up to ${label_end};
-- a customer who renews later, lets the commitment lapse or leaves counts 0.
-- The features are the month's extract as it stands (fiber_eligible appears from the demo's month 18,
-- sms_count is gone from month 24), the customer's profile and a few derived measures.
SELECT
    u.* EXCLUDE (month_end, commitment_end),
    CAST(${date_ref} AS DATE) AS date_ref,
    c.region,
    c.channel,
    year(CAST(${date_ref} AS DATE)) - c.birth_year AS age,
    date_sub('month', c.signup_date, CAST(${date_ref} AS DATE)) AS tenure_months,
    u.commitment_end - CAST(${date_ref} AS DATE) AS days_to_commitment_end,
    round(u.data_gb / nullif(u.data_gb_prev_3m, 0) - 1, 3) AS data_trend_3m,
    CAST(CASE WHEN renewal.customer_id IS NULL THEN 0 ELSE 1 END AS INTEGER) AS renewed
FROM usage_${date_ref_yyyymm} AS u
JOIN customers AS c ON c.customer_id = u.customer_id
LEFT JOIN (
    SELECT DISTINCT customer_id
    FROM events
    WHERE event_type = 'renewal' AND event_date > ${date_ref} AND event_date <= ${label_end}
) AS renewal ON renewal.customer_id = u.customer_id
WHERE u.commitment_end > ${date_ref} AND u.commitment_end <= ${label_end}
