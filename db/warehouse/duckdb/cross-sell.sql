-- Cross-sell (demo warehouse, DuckDB). One row per customer active at the reference date.
-- Label: took_option = 1 when the customer adds an option (an 'option_added' event) in the 3 months after
-- ${date_ref}, up to ${label_end}.
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
    -- Share of the plan's data allowance used this month (S 5 GB, M 20 GB, L 60 GB, XL 150 GB).
    round(u.data_gb / CASE u.plan WHEN 'S' THEN 5 WHEN 'M' THEN 20 WHEN 'L' THEN 60 ELSE 150 END, 3) AS allowance_used,
    CAST(CASE WHEN opt.customer_id IS NULL THEN 0 ELSE 1 END AS INTEGER) AS took_option
FROM usage_${date_ref_yyyymm} AS u
JOIN customers AS c ON c.customer_id = u.customer_id
LEFT JOIN (
    SELECT DISTINCT customer_id
    FROM events
    WHERE event_type = 'option_added' AND event_date > ${date_ref} AND event_date <= ${label_end}
) AS opt ON opt.customer_id = u.customer_id
