extension CentralSchema {
    /// Version 7: the projection checks a batch's rows as a set, not row by row.
    ///
    /// Version 6 kept each order's day with a row trigger on `orders`, two statements per order
    /// stored; the projection now adds a batch's order days at once and then checks every
    /// order of the batch against them. The trigger goes.
    ///
    /// It also refuses a row journaled under another key than its own (the id its snapshot
    /// names, as the café writes numbers): the projection replaced rows by the entry's key and
    /// wrote them by the snapshot's id, so a café could delete one of its rows by sending
    /// another under its key. That is a `check_violation` (SQLSTATE class 23): the batch is
    /// refused as rows no café writes, kept as evidence with an alarm, and nothing of it is
    /// stored.
    ///
    /// A rebuild (and so an acceptance) clears the café's order days with its other rows. Dates
    /// and times are read in ISO order, UTC and the default zone abbreviations whatever the
    /// session or role says, so a rebuild reads a snapshot as the ingest did.
    static let setWiseProjection: [String] = [
        "DROP TRIGGER orders_held_on_one_day ON orders;",
        "DROP FUNCTION kasir_order_day();",
        """
        CREATE OR REPLACE FUNCTION kasir_project(p_cafe text, p_after bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET DateStyle = 'ISO, YMD' SET TimeZone = 'UTC'
            SET timezone_abbreviations = 'Default' AS $$
            DECLARE
                first_day date;
                last_day date;
                months text[];
                earliest date;
            BEGIN
                DELETE FROM projection_work WHERE cafe = p_cafe;
                INSERT INTO projection_work
                    SELECT DISTINCT ON (row_table, row_key) p_cafe, row_table, row_key, snapshot::jsonb FROM journal
                    WHERE cafe = p_cafe AND seq > p_after AND snapshot IS NOT NULL
                        AND row_table IN ('staff', 'orders', 'attendance', 'breaks', 'tills', 'refunds', 'refund_rounding', 'cash_movements',
                            'pnbp_deposits', 'premi_months', 'premi_ledger', 'practice_hours', 'assessments', 'monthly_costs', 'money_rules',
                            'menu_items')
                    ORDER BY row_table, row_key, seq DESC;

                -- A row is journaled under its own key: the id its snapshot names, written as the
                -- café writes a number (so "05000" is not a second key of order 5000); a menu
                -- item's code; a month's practice by month, WBP and skill, none holding the `|`
                -- that joins them. A row sent under another key would replace one row and write
                -- another, or one row twice.
                IF EXISTS (SELECT 1 FROM projection_work WHERE cafe = p_cafe AND row_key IS DISTINCT FROM CASE row_table
                        WHEN 'menu_items' THEN s->>'code'
                        WHEN 'practice_hours' THEN CASE WHEN concat(s->>'month', s->>'staff_code', s->>'skill') NOT LIKE '%|%'
                            THEN (s->>'month') || '|' || (s->>'staff_code') || '|' || (s->>'skill') END
                        ELSE ((s->>'id')::bigint)::text END) THEN
                    RAISE EXCEPTION 'a row of % is journaled under another key than its own', p_cafe USING ERRCODE = 'check_violation';
                END IF;

                -- Orders and their children, in the month partitions of their business day.
                SELECT min((s->>'day')::date), max((s->>'day')::date) INTO first_day, last_day FROM projection_work WHERE cafe = p_cafe AND row_table = 'orders';
                -- A café's days lie between ten years before it was enrolled and tomorrow: a day
                -- outside them (a year 2400, infinity) is no café's, and would make a partition a month.
                SELECT (enrolled_at - interval '10 years')::date INTO earliest FROM cafes WHERE code = p_cafe;
                IF first_day < earliest OR last_day > (now() + interval '2 days')::date THEN
                    RAISE EXCEPTION 'orders of % dated % to %, outside its years', p_cafe, first_day, last_day USING ERRCODE = '22008';
                END IF;
                IF first_day IS NOT NULL THEN
                    PERFORM kasir_month_partitions(t, first_day, last_day)
                        FROM unnest(ARRAY['orders', 'order_lines', 'order_line_modifiers', 'payments', 'removed_lines']) t;
                END IF;
                DELETE FROM orders x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND x.cafe = p_cafe
                    AND x.day = (l.s->>'day')::date AND x.id = l.row_key::bigint;
                DELETE FROM order_lines x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND x.cafe = p_cafe
                    AND x.day = (l.s->>'day')::date AND x.order_id = l.row_key::bigint;
                DELETE FROM order_line_modifiers x USING projection_work l
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND x.cafe = p_cafe AND x.day = (l.s->>'day')::date
                        AND x.order_id = l.row_key::bigint;
                DELETE FROM payments x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND x.cafe = p_cafe
                    AND x.day = (l.s->>'day')::date AND x.order_id = l.row_key::bigint;
                DELETE FROM removed_lines x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND x.cafe = p_cafe
                    AND x.day = (l.s->>'day')::date AND x.order_id = l.row_key::bigint;
                -- Each row and child read in one pass over its JSON (`jsonb_to_record`), not a
                -- lookup per column: the same values, and a value no column takes is refused alike.
                INSERT INTO orders SELECT p_cafe, o.day, o.id, o.number, o.created_at, o.status, o.type, o.server_id, o.supervisor_id, o.till_id,
                        o.subtotal, o.discount, o.service_charge, o.tax, o.tax_included <> 0, o.rounding, o.total
                    FROM projection_work l, jsonb_to_record(l.s) AS o(day date, id bigint, number bigint, created_at timestamptz, status text,
                        type text, server_id bigint, supervisor_id bigint, till_id bigint, subtotal bigint, discount bigint, service_charge bigint,
                        tax bigint, tax_included integer, rounding bigint, total bigint)
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO order_days SELECT p_cafe, (s->>'id')::bigint, (s->>'day')::date
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'orders'
                    ON CONFLICT DO NOTHING;
                -- An order is held on one day: one held already on another, or one this batch
                -- carries on two days, breaks its key (checked once the batch's days are added).
                IF EXISTS (SELECT 1 FROM projection_work l JOIN order_days d ON d.cafe = p_cafe AND d.id = (l.s->>'id')::bigint
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders' AND d.day <> (l.s->>'day')::date) THEN
                    RAISE EXCEPTION 'an order of % is held on another day', p_cafe USING ERRCODE = 'unique_violation';
                END IF;
                INSERT INTO order_lines SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, e.id, e.position, e.item_code, e.skill, e.quantity,
                        e.maker_id, e.unit_price, e.discount_amount, e.line_total, e.unit_cost
                    FROM projection_work l, jsonb_to_recordset(l.s->'lines') AS e(id bigint, position integer, item_code text, skill text,
                        quantity integer, maker_id bigint, unit_price bigint, discount_amount bigint, line_total bigint, unit_cost bigint)
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO order_line_modifiers SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, e.line_id, e.position, e.group_code,
                        e.option_code, e.price_delta
                    FROM projection_work l, jsonb_to_recordset(l.s->'modifiers') AS e(line_id bigint, position integer, group_code text,
                        option_code text, price_delta bigint)
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO payments SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, e.id, e.position, e.method, e.amount, e.tendered, e.change
                    FROM projection_work l, jsonb_to_recordset(l.s->'payments') AS e(id bigint, position integer, method text, amount bigint,
                        tendered bigint, change bigint)
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO removed_lines SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, e.id, e.item_code, e.quantity, e.unit_price
                    FROM projection_work l, jsonb_to_recordset(l.s->'removed_lines') AS e(id bigint, item_code text, quantity integer, unit_price bigint)
                    WHERE l.cafe = p_cafe AND l.row_table = 'orders';

                -- The months those orders fall in, counted again whole.
                IF first_day IS NOT NULL THEN
                    SELECT array_agg(DISTINCT to_char((s->>'day')::date, 'YYYY-MM')) INTO months
                        FROM projection_work WHERE cafe = p_cafe AND row_table = 'orders';
                    DELETE FROM monthly_made WHERE cafe = p_cafe AND month = ANY(months);
                    DELETE FROM monthly_served WHERE cafe = p_cafe AND month = ANY(months);
                    INSERT INTO monthly_made
                        SELECT p_cafe, to_char(o.day, 'YYYY-MM'), l.maker_id, l.skill, SUM(l.quantity),
                            SUM(CASE WHEN EXISTS (SELECT 1 FROM order_line_modifiers x WHERE x.cafe = l.cafe AND x.day = l.day AND x.line_id = l.id)
                                THEN l.quantity ELSE 0 END)
                        FROM orders o JOIN order_lines l ON l.cafe = o.cafe AND l.day = o.day AND l.order_id = o.id
                        WHERE o.cafe = p_cafe AND o.day >= date_trunc('month', first_day)::date
                            AND o.day < (date_trunc('month', last_day) + interval '1 month')::date
                            AND to_char(o.day, 'YYYY-MM') = ANY(months) AND o.status <> 'void'
                        GROUP BY 2, 3, 4;
                    INSERT INTO monthly_served
                        SELECT p_cafe, to_char(o.day, 'YYYY-MM'), o.server_id, o.status, COUNT(*), SUM(o.total),
                            SUM((SELECT COUNT(*) FROM removed_lines r WHERE r.cafe = o.cafe AND r.day = o.day AND r.order_id = o.id))
                        FROM orders o
                        WHERE o.cafe = p_cafe AND o.day >= date_trunc('month', first_day)::date
                            AND o.day < (date_trunc('month', last_day) + interval '1 month')::date
                            AND to_char(o.day, 'YYYY-MM') = ANY(months)
                        GROUP BY 2, 3, 4;
                END IF;

                -- Attendance, in the month partitions of its clock-in.
                SELECT min((s->>'clock_in')::timestamptz AT TIME ZONE 'UTC')::date, max((s->>'clock_in')::timestamptz AT TIME ZONE 'UTC')::date
                    INTO first_day, last_day FROM projection_work WHERE cafe = p_cafe AND row_table = 'attendance';
                IF first_day < earliest OR last_day > (now() + interval '2 days')::date THEN
                    RAISE EXCEPTION 'shifts of % begun % to %, outside its years', p_cafe, first_day, last_day USING ERRCODE = '22008';
                END IF;
                IF first_day IS NOT NULL THEN
                    PERFORM kasir_month_partitions('attendance', first_day - 1, last_day + 1);
                END IF;
                DELETE FROM attendance x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'attendance' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO attendance SELECT p_cafe, (s->>'clock_in')::timestamptz, (s->>'id')::bigint, (s->>'staff_id')::bigint, s->>'station',
                        (s->>'clock_out')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'attendance';

                DELETE FROM breaks x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'breaks' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO breaks SELECT p_cafe, (s->>'id')::bigint, (s->>'attendance_id')::bigint, (s->>'started_at')::timestamptz,
                        (s->>'ended_at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'breaks';

                DELETE FROM tills x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'tills' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                DELETE FROM till_counts x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'tills' AND x.cafe = p_cafe AND x.till_id = l.row_key::bigint;
                INSERT INTO tills SELECT p_cafe, (s->>'id')::bigint, s->>'drawer', (s->>'opened_at')::timestamptz, (s->>'closed_at')::timestamptz,
                        (s->>'float')::bigint, (s->>'expected_cash')::bigint, (s->>'counted_cash')::bigint, (s->>'variance')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'tills';
                INSERT INTO till_counts SELECT p_cafe, (l.s->>'id')::bigint, (e->>'id')::bigint, e->>'kind', (e->>'counted_cash')::bigint,
                        (e->>'at')::timestamptz
                    FROM projection_work l, jsonb_array_elements(l.s->'counts') e WHERE l.cafe = p_cafe AND l.row_table = 'tills';

                DELETE FROM refunds x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'refunds' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                DELETE FROM refund_tenders x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'refunds' AND x.cafe = p_cafe AND x.refund_id = l.row_key::bigint;
                DELETE FROM refund_lines x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'refunds' AND x.cafe = p_cafe AND x.refund_id = l.row_key::bigint;
                INSERT INTO refunds SELECT p_cafe, (s->>'id')::bigint, (s->>'order_id')::bigint, (s->>'till_id')::bigint, (s->>'at')::timestamptz,
                        (s->>'amount')::bigint, (s->>'tax')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'refunds';
                INSERT INTO refund_tenders SELECT p_cafe, (l.s->>'id')::bigint, (e->>'id')::bigint, (e->>'payment_id')::bigint, e->>'paid_out',
                        (e->>'amount')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'refund_tenders') e WHERE l.cafe = p_cafe AND l.row_table = 'refunds';
                INSERT INTO refund_lines SELECT p_cafe, (l.s->>'id')::bigint, (e->>'id')::bigint, (e->>'line_id')::bigint, (e->>'quantity')::integer,
                        (e->>'amount')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'refund_lines') e WHERE l.cafe = p_cafe AND l.row_table = 'refunds';

                DELETE FROM refund_rounding x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'refund_rounding' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO refund_rounding SELECT p_cafe, (s->>'id')::bigint, (s->>'refund_tender_id')::bigint, (s->>'amount')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'refund_rounding';

                DELETE FROM cash_movements x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'cash_movements' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO cash_movements SELECT p_cafe, (s->>'id')::bigint, (s->>'till_id')::bigint, s->>'direction', (s->>'amount')::bigint,
                        (s->>'approved_by')::bigint, (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'cash_movements';

                DELETE FROM pnbp_deposits x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'pnbp_deposits' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                DELETE FROM pnbp_deposit_tills x USING projection_work l
                    WHERE l.cafe = p_cafe AND l.row_table = 'pnbp_deposits' AND x.cafe = p_cafe AND x.deposit_id = l.row_key::bigint;
                INSERT INTO pnbp_deposits SELECT p_cafe, (s->>'id')::bigint, (s->>'deposited_on')::date, (s->>'amount')::bigint, s->>'billing_code',
                        s->>'ntpn', (s->>'recorded_by')::bigint, (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'pnbp_deposits';
                INSERT INTO pnbp_deposit_tills SELECT p_cafe, (l.s->>'id')::bigint, (e->>'till_id')::bigint, (e->>'share')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'deposit_tills') e WHERE l.cafe = p_cafe AND l.row_table = 'pnbp_deposits';

                DELETE FROM premi_months x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'premi_months' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO premi_months SELECT p_cafe, (s->>'id')::bigint, s->>'month', (s->>'revenue')::bigint, (s->>'cost')::bigint,
                        (s->>'profit')::bigint, (s->>'premi_pool')::bigint, (s->>'pnbp_share')::bigint, (s->>'capital_share')::bigint, s->>'rules',
                        (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'premi_months';

                DELETE FROM premi_ledger x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'premi_ledger' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO premi_ledger SELECT p_cafe, (s->>'id')::bigint, s->>'month', (s->>'staff_id')::bigint, (s->>'amount')::bigint,
                        (s->>'basis_seconds')::bigint, (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'premi_ledger';

                DELETE FROM practice_hours x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'practice_hours' AND x.cafe = p_cafe
                    AND (x.month, x.staff_code, x.skill) = (l.s->>'month', l.s->>'staff_code', l.s->>'skill');
                INSERT INTO practice_hours SELECT p_cafe, s->>'month', s->>'staff_code', s->>'skill', (s->>'seconds')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'practice_hours';

                DELETE FROM assessments x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'assessments' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO assessments SELECT p_cafe, (s->>'id')::bigint, (s->>'staff_id')::bigint, s->>'unit_code', (s->>'assessed_on')::date,
                        (s->>'assessor_id')::bigint, s->>'result', (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'assessments';

                DELETE FROM monthly_costs x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'monthly_costs' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO monthly_costs SELECT p_cafe, (s->>'id')::bigint, s->>'month', (s->>'amount')::bigint, (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'monthly_costs';

                DELETE FROM money_rules x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'money_rules' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO money_rules SELECT p_cafe, (s->>'id')::bigint, s->>'time_zone', (s->>'tax_basis_points')::integer,
                        (s->>'prices_include_tax')::integer <> 0, (s->>'premi_basis_points')::integer, (s->>'pnbp_basis_points')::integer,
                        (s->>'capital_basis_points')::integer, s->>'station_weights', (s->>'at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'money_rules';

                DELETE FROM menu_items x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'menu_items' AND x.cafe = p_cafe AND x.code = l.row_key;
                INSERT INTO menu_items SELECT p_cafe, s->>'code', s->>'name', s->>'category_code', s->>'skill', (s->>'price')::bigint, (s->>'cost')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'menu_items';

                DELETE FROM staff x USING projection_work l WHERE l.cafe = p_cafe AND l.row_table = 'staff' AND x.cafe = p_cafe AND x.id = l.row_key::bigint;
                INSERT INTO staff SELECT p_cafe, (s->>'id')::bigint, s->>'code', s->>'alias', s->>'role', s->>'status', (s->>'created_at')::timestamptz
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'staff';
                DELETE FROM projection_work WHERE cafe = p_cafe;
            END;
        $$;
        """,
        """
        CREATE OR REPLACE FUNCTION kasir_rebuild(p_cafe text) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                t text;
                base bigint;
                rows bigint;
            BEGIN
                SELECT base_seq INTO base FROM cafes WHERE code = p_cafe FOR UPDATE;
                IF NOT FOUND THEN RAISE EXCEPTION 'no café %', p_cafe; END IF;
                FOREACH t IN ARRAY ARRAY['staff', 'orders', 'order_lines', 'order_line_modifiers', 'payments', 'removed_lines', 'attendance',
                        'breaks', 'tills', 'till_counts', 'refunds', 'refund_tenders', 'refund_lines', 'refund_rounding', 'cash_movements',
                        'pnbp_deposits', 'pnbp_deposit_tills', 'premi_months', 'premi_ledger', 'practice_hours', 'assessments', 'monthly_costs',
                        'money_rules', 'menu_items', 'monthly_made', 'monthly_served', 'order_days'] LOOP
                    EXECUTE format('DELETE FROM %I WHERE cafe = $1', t) USING p_cafe;
                END LOOP;
                PERFORM kasir_project(p_cafe, base);
                SELECT count(*) INTO rows FROM journal WHERE cafe = p_cafe AND row_table IS NOT NULL;
                RETURN rows;
            END;
        $$;
        """,
    ]
}
