extension CentralSchema {
    /// Version 11: a batch's orders projected from one read of each snapshot, held in memory.
    ///
    /// Orders are most of a café's entries and almost all of their bytes. Version 7 parsed each
    /// order's snapshot into a `jsonb` and wrote it to `projection_work`, where PostgreSQL
    /// compresses a value of more than about 2 KB; it then read `day` and `id` out of it again
    /// for every order and every line, modifier and payment, and each read unpacked the whole
    /// value. The projection spent more time unpacking than inserting. Now each order's snapshot
    /// is scanned once as JSON text (`json_to_record`, with no `jsonb` built) into its row, its
    /// day and id and the JSON of its children, held in arrays in the function; each child list
    /// is then read from its own part of the text. The other rows still go through the work
    /// table, where they are few and small. Both readers take a key's last value, as `jsonb` did.
    /// A batch whose orders this reading cannot give their columns is read again through `jsonb`,
    /// as versions 7 to 10 read it: their numbers (`1e2`) still read; a key never read is no
    /// longer parsed, so a value `jsonb` could not hold there (`1e1001`) no longer refuses a batch.
    /// An order's row is built as the `orders` table's row type: a version that adds a column
    /// to `orders` restates this function (until it does, no batch with an order is stored,
    /// which the projection tests show at once).
    ///
    /// An order held already is the only one with rows to replace, and every order projected has
    /// its row in `order_days`: the batch's deletes, and the check that an order keeps its day,
    /// run only when one of its orders is there. The tests that replay a café through the
    /// centre and compare the figures hold, and the bench café-year's tables are the same.
    ///
    /// The projection of a window of entries is `kasir_project_window`, which only the owner
    /// calls: the server's role still calls `kasir_project`, everything after an entry (a window
    /// ending before the head would put older rows back). A rebuild projects the café's journal
    /// batch by batch, each stored batch's entries as they were projected when it came: the
    /// rebuild reads what the ingest read, and a café's whole history is never held in one
    /// function's memory (an array holds at most 1 GB; a batch is at most 64 MB).
    ///
    /// Two indexes nothing reads any more go, each a write for every row stored: orders by café
    /// and id (`order_days` says which day an order is held on; no read looks an order up by
    /// its id alone) and modifiers by café and order (when an order is replaced, its modifiers
    /// are found by its day).
    static let ordersParsedOnce: [String] = [
        "DROP INDEX orders_id;",
        "DROP INDEX order_line_modifiers_order;",
        """
        CREATE FUNCTION kasir_project_window(p_cafe text, p_after bigint, p_through bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp SET DateStyle = 'ISO, YMD' SET TimeZone = 'UTC'
            SET timezone_abbreviations = 'Default' AS $$
            DECLARE
                first_day date;
                last_day date;
                months text[];
                earliest date;
                order_rows orders[];
                order_day_list date[];
                order_ids bigint[];
                order_keys text[];
                order_lines_json json[];
                order_modifiers_json json[];
                order_payments_json json[];
                order_removed_json json[];
                replacing boolean := false;
                normalized boolean;
            BEGIN
                DELETE FROM projection_work WHERE cafe = p_cafe;
                INSERT INTO projection_work
                    SELECT DISTINCT ON (row_table, row_key) p_cafe, row_table, row_key, snapshot::jsonb FROM journal
                    WHERE cafe = p_cafe AND seq > p_after AND seq <= p_through AND snapshot IS NOT NULL
                        AND row_table IN ('staff', 'attendance', 'breaks', 'tills', 'refunds', 'refund_rounding', 'cash_movements',
                            'pnbp_deposits', 'premi_months', 'premi_ledger', 'practice_hours', 'assessments', 'monthly_costs', 'money_rules',
                            'menu_items')
                    ORDER BY row_table, row_key, seq DESC;
                -- Orders are most of a batch, and their snapshots almost all of its bytes: each order's
                -- latest snapshot is read in one pass (`json_to_record`: its text scanned once, not
                -- built into a `jsonb` first), into the order's row, its day and id, and the JSON of
                -- its children, held here for the statements below. A value the text cannot give its
                -- column (a number JSON allows but a café does not write, `1e2`) is read as versions
                -- 7 to 10 read it, through `jsonb` (100): the batch's orders are projected again,
                -- each snapshot written out by `jsonb` first, and what fails then is refused. (A
                -- number in a text column is the text as written on the first reading, `jsonb`'s
                -- on the second: no café writes one, and a rebuild reads each batch as it came.)
                <<reading>>
                FOREACH normalized IN ARRAY ARRAY[false, true] LOOP
                    BEGIN
                        SELECT array_agg(ROW(p_cafe, o.day, o.id, o.number, o.created_at, o.status, o.type, o.server_id, o.supervisor_id, o.till_id,
                                    o.subtotal, o.discount, o.service_charge, o.tax, o.tax_included <> 0, o.rounding, o.total)::orders),
                                array_agg(o.day), array_agg(o.id), array_agg(latest.row_key),
                                array_agg(o.lines), array_agg(o.modifiers), array_agg(o.payments), array_agg(o.removed_lines)
                            INTO order_rows, order_day_list, order_ids, order_keys, order_lines_json, order_modifiers_json, order_payments_json, order_removed_json
                            FROM (SELECT DISTINCT ON (row_key) row_key, snapshot FROM journal
                                WHERE cafe = p_cafe AND seq > p_after AND seq <= p_through AND snapshot IS NOT NULL AND row_table = 'orders'
                                ORDER BY row_key, seq DESC) latest,
                                json_to_record((CASE WHEN normalized THEN latest.snapshot::jsonb::text ELSE latest.snapshot END)::json) AS o(day date, id bigint, number bigint, created_at timestamptz, status text,
                                    type text, server_id bigint, supervisor_id bigint, till_id bigint, subtotal bigint, discount bigint, service_charge bigint,
                                    tax bigint, tax_included integer, rounding bigint, total bigint, lines json, modifiers json, payments json, removed_lines json);

                        -- A row is journaled under its own key: the id its snapshot names, written as the
                        -- café writes a number (so "05000" is not a second key of order 5000); a menu
                        -- item's code; a month's practice by month, WBP and skill, none holding the `|`
                        -- that joins them. A row sent under another key would replace one row and write
                        -- another, or one row twice.
                        IF EXISTS (SELECT 1 FROM projection_work WHERE cafe = p_cafe AND row_key IS DISTINCT FROM CASE row_table
                                WHEN 'menu_items' THEN s->>'code'
                                WHEN 'practice_hours' THEN CASE WHEN concat(s->>'month', s->>'staff_code', s->>'skill') NOT LIKE '%|%'
                                    THEN (s->>'month') || '|' || (s->>'staff_code') || '|' || (s->>'skill') END
                                ELSE ((s->>'id')::bigint)::text END)
                            OR EXISTS (SELECT 1 FROM unnest(order_keys, order_ids) AS k(row_key, id) WHERE k.row_key IS DISTINCT FROM k.id::text) THEN
                            RAISE EXCEPTION 'a row of % is journaled under another key than its own', p_cafe USING ERRCODE = 'check_violation';
                        END IF;

                        -- Orders and their children, in the month partitions of their business day.
                        SELECT min(d), max(d) INTO first_day, last_day FROM unnest(order_day_list) AS d;
                        -- A café's days lie between ten years before it was enrolled and tomorrow: a day
                        -- outside them (a year 2400, infinity) is no café's, and would make a partition a month.
                        SELECT (enrolled_at - interval '10 years')::date INTO earliest FROM cafes WHERE code = p_cafe;
                        IF first_day < earliest OR last_day > (now() + interval '2 days')::date THEN
                            RAISE EXCEPTION 'orders of % dated % to %, outside its years', p_cafe, first_day, last_day USING ERRCODE = '22008';
                        END IF;
                        IF first_day IS NOT NULL THEN
                            PERFORM kasir_month_partitions(t, first_day, last_day)
                                FROM unnest(ARRAY['orders', 'order_lines', 'order_line_modifiers', 'payments', 'removed_lines']) t;
                            -- Every order projected is in order_days: only a batch that sends an order held
                            -- already has rows to replace (the café sends an order again when it changes).
                            replacing := EXISTS (SELECT 1 FROM order_days d WHERE d.cafe = p_cafe AND d.id = ANY (order_ids));
                        END IF;
                        IF replacing THEN
                            DELETE FROM orders x USING unnest(order_day_list, order_ids) AS l(day, id) WHERE x.cafe = p_cafe AND x.day = l.day AND x.id = l.id;
                            DELETE FROM order_lines x USING unnest(order_day_list, order_ids) AS l(day, id)
                                WHERE x.cafe = p_cafe AND x.day = l.day AND x.order_id = l.id;
                            DELETE FROM order_line_modifiers x USING unnest(order_day_list, order_ids) AS l(day, id)
                                WHERE x.cafe = p_cafe AND x.day = l.day AND x.order_id = l.id;
                            DELETE FROM payments x USING unnest(order_day_list, order_ids) AS l(day, id)
                                WHERE x.cafe = p_cafe AND x.day = l.day AND x.order_id = l.id;
                            DELETE FROM removed_lines x USING unnest(order_day_list, order_ids) AS l(day, id)
                                WHERE x.cafe = p_cafe AND x.day = l.day AND x.order_id = l.id;
                        END IF;
                        INSERT INTO orders SELECT * FROM unnest(order_rows);
                        INSERT INTO order_days SELECT p_cafe, l.id, l.day FROM unnest(order_ids, order_day_list) AS l(id, day)
                            ON CONFLICT DO NOTHING;
                        -- An order is held on one day: one held already on another breaks its key. (Only a batch
                        -- that sends an order again can: the key check above leaves one snapshot per order.)
                        IF replacing AND EXISTS (SELECT 1 FROM unnest(order_ids, order_day_list) AS l(id, day) JOIN order_days d ON d.cafe = p_cafe AND d.id = l.id
                            WHERE d.day <> l.day) THEN
                            RAISE EXCEPTION 'an order of % is held on another day', p_cafe USING ERRCODE = 'unique_violation';
                        END IF;
                        INSERT INTO order_lines SELECT p_cafe, l.day, l.id, e.id, e.position, e.item_code, e.skill, e.quantity,
                                e.maker_id, e.unit_price, e.discount_amount, e.line_total, e.unit_cost
                            FROM unnest(order_lines_json, order_day_list, order_ids) AS l(j, day, id), json_to_recordset(l.j) AS e(id bigint, position integer,
                                item_code text, skill text, quantity integer, maker_id bigint, unit_price bigint, discount_amount bigint, line_total bigint, unit_cost bigint);
                        INSERT INTO order_line_modifiers SELECT p_cafe, l.day, l.id, e.line_id, e.position, e.group_code, e.option_code, e.price_delta
                            FROM unnest(order_modifiers_json, order_day_list, order_ids) AS l(j, day, id), json_to_recordset(l.j) AS e(line_id bigint,
                                position integer, group_code text, option_code text, price_delta bigint);
                        INSERT INTO payments SELECT p_cafe, l.day, l.id, e.id, e.position, e.method, e.amount, e.tendered, e.change
                            FROM unnest(order_payments_json, order_day_list, order_ids) AS l(j, day, id), json_to_recordset(l.j) AS e(id bigint,
                                position integer, method text, amount bigint, tendered bigint, change bigint);
                        INSERT INTO removed_lines SELECT p_cafe, l.day, l.id, e.id, e.item_code, e.quantity, e.unit_price
                            FROM unnest(order_removed_json, order_day_list, order_ids) AS l(j, day, id), json_to_recordset(l.j) AS e(id bigint,
                                item_code text, quantity integer, unit_price bigint);
                        EXIT reading;
                    EXCEPTION WHEN data_exception THEN
                        IF normalized THEN RAISE; END IF;
                    END;
                END LOOP;

                -- The months those orders fall in, counted again whole.
                IF first_day IS NOT NULL THEN
                    SELECT array_agg(DISTINCT to_char(d, 'YYYY-MM')) INTO months FROM unnest(order_day_list) AS d;
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
        "REVOKE ALL ON FUNCTION kasir_project_window(text, bigint, bigint) FROM PUBLIC;",
        // What the server's role calls, as before: everything after an entry, never a window
        // that ends before the head (which would put older rows back).
        """
        CREATE OR REPLACE FUNCTION kasir_project(p_cafe text, p_after bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                PERFORM kasir_project_window(p_cafe, p_after, 9223372036854775807);
            END;
        $$;
        """,
        // A rebuild projects the café's journal as it came, batch by batch, each batch's entries
        // as they were projected when it was stored: the same rows read, in the same order, and
        // never the whole history held in one function's memory.
        """
        CREATE OR REPLACE FUNCTION kasir_rebuild(p_cafe text) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                t text;
                base bigint;
                low bigint;
                high bigint;
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
                FOR low, high IN SELECT min(seq), max(seq) FROM journal WHERE cafe = p_cafe GROUP BY batch_id ORDER BY 1 LOOP
                    PERFORM kasir_project_window(p_cafe, low - 1, high);
                END LOOP;
                SELECT count(*) INTO rows FROM journal WHERE cafe = p_cafe AND row_table IS NOT NULL;
                RETURN rows;
            END;
        $$;
        """,
    ]
}
