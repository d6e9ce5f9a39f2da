/// Version 4: the centre's relational tables, projections of the verified journal.
///
/// Each table is a café's rows as its latest journal snapshot (public form) says, keyed by
/// café first: `orders` with `order_lines`, `order_line_modifiers`, `payments` and
/// `removed_lines`; `attendance` and `breaks`; `tills` and `till_counts`; `refunds` with
/// `refund_tenders`, `refund_lines` and `refund_rounding`; `cash_movements`; `pnbp_deposits`
/// and `pnbp_deposit_tills`; `premi_months`, `premi_ledger` and `practice_hours`;
/// `assessments`; `monthly_costs`; `money_rules`; `menu_items`; `staff` by code and alias (never a name:
/// the journal carries only salted digests of those, and the projection leaves even those out).
///
/// They are never a second source of truth: only `kasir_project` writes them, from the
/// journal, in the transaction that stores a batch; `kasir_rebuild` makes a café's anew.
/// No role but the owner can write them; readers see them through the same row-level
/// security as the journal.
///
/// The tables a monthly report reads most (orders and their children by the café's business
/// day, attendance by clock-in) are partitioned by month, so a month's report reads a month;
/// partitions are made as the first row of a month arrives.
extension CentralSchema {
    /// The projected tables, each with its key columns after `cafe`, and whether it is
    /// partitioned by month (and on which column).
    static let projectedTables: [(name: String, partitionedBy: String?)] = [
        ("staff", nil), ("orders", "day"), ("order_lines", "day"), ("order_line_modifiers", "day"), ("payments", "day"),
        ("removed_lines", "day"), ("attendance", "clock_in"), ("breaks", nil), ("tills", nil), ("till_counts", nil),
        ("refunds", nil), ("refund_tenders", nil), ("refund_lines", nil), ("refund_rounding", nil), ("cash_movements", nil),
        ("pnbp_deposits", nil), ("pnbp_deposit_tills", nil), ("premi_months", nil), ("premi_ledger", nil),
        ("practice_hours", nil), ("assessments", nil), ("monthly_costs", nil), ("money_rules", nil), ("menu_items", nil),
        ("monthly_made", nil), ("monthly_served", nil),
    ]

    static let projections: [String] = [
        // What a café's rows can hold, as the café's own parsers read it: an instant and a day
        // of this millennium, a month 2000-01…2999-12, a code or word of at most 64 characters.
        // A signed batch with anything else is refused as evidence (SQLSTATE 23514), so no
        // café's row can stop a report for every café, nor grow an index past its limit.
        """
        CREATE DOMAIN kasir_instant AS timestamptz CHECK (VALUE BETWEEN '2000-01-01 00:00:00+00' AND '3000-01-01 00:00:00+00');
        """,
        """
        CREATE DOMAIN kasir_day AS date CHECK (VALUE BETWEEN '2000-01-01' AND '2999-12-31');
        """,
        """
        CREATE DOMAIN kasir_month AS text CHECK (VALUE ~ '^2[0-9]{3}-(0[1-9]|1[0-2])$');
        """,
        """
        CREATE DOMAIN kasir_code AS text CHECK (length(VALUE) BETWEEN 1 AND 64);
        """,
        """
        CREATE TABLE staff (
            cafe text NOT NULL REFERENCES cafes(code), id bigint NOT NULL, code kasir_code NOT NULL, alias kasir_code NOT NULL, role kasir_code NOT NULL,
            status kasir_code NOT NULL, created_at kasir_instant, PRIMARY KEY (cafe, id)
        );
        """,
        """
        CREATE TABLE orders (
            cafe text NOT NULL, day kasir_day NOT NULL, id bigint NOT NULL, number bigint, created_at kasir_instant NOT NULL, status kasir_code NOT NULL,
            type kasir_code, server_id bigint NOT NULL, supervisor_id bigint, till_id bigint, subtotal bigint NOT NULL, discount bigint NOT NULL,
            service_charge bigint NOT NULL, tax bigint NOT NULL, tax_included boolean NOT NULL, rounding bigint NOT NULL, total bigint NOT NULL,
            PRIMARY KEY (cafe, day, id),
            CHECK (status IN ('paid', 'void', 'refunded')),
            CHECK (abs(subtotal) <= 10000000000 AND abs(discount) <= 10000000000 AND abs(service_charge) <= 10000000000 AND abs(tax) <= 10000000000
                AND abs(rounding) <= 10000000000 AND abs(total) <= 10000000000)
        ) PARTITION BY RANGE (day);
        """,
        """
        CREATE INDEX orders_created ON orders (cafe, created_at);
        """,
        """
        CREATE INDEX orders_id ON orders (cafe, id);
        """,
        """
        CREATE INDEX orders_till ON orders (cafe, till_id);
        """,
        """
        CREATE TABLE order_lines (
            cafe text NOT NULL, day kasir_day NOT NULL, order_id bigint NOT NULL, id bigint NOT NULL, position integer NOT NULL,
            item_code kasir_code NOT NULL, skill kasir_code NOT NULL, quantity integer NOT NULL, maker_id bigint NOT NULL, unit_price bigint NOT NULL,
            discount_amount bigint NOT NULL, line_total bigint NOT NULL, unit_cost bigint, PRIMARY KEY (cafe, day, id),
            CHECK (quantity BETWEEN 1 AND 1000 AND abs(unit_price) <= 10000000000 AND abs(discount_amount) <= 10000000000 AND abs(line_total) <= 10000000000
                AND coalesce(unit_cost, 0) BETWEEN 0 AND 1000000000)
        ) PARTITION BY RANGE (day);
        """,
        """
        CREATE INDEX order_lines_order ON order_lines (cafe, order_id);
        """,
        """
        CREATE TABLE order_line_modifiers (
            cafe text NOT NULL, day kasir_day NOT NULL, order_id bigint NOT NULL, line_id bigint NOT NULL, position integer NOT NULL,
            group_code kasir_code NOT NULL, option_code kasir_code NOT NULL, price_delta bigint NOT NULL, PRIMARY KEY (cafe, day, line_id, position)
        ) PARTITION BY RANGE (day);
        """,
        """
        CREATE INDEX order_line_modifiers_order ON order_line_modifiers (cafe, order_id);
        """,
        """
        CREATE TABLE payments (
            cafe text NOT NULL, day kasir_day NOT NULL, order_id bigint NOT NULL, id bigint NOT NULL, position integer NOT NULL,
            method kasir_code NOT NULL, amount bigint NOT NULL, tendered bigint, change bigint, PRIMARY KEY (cafe, day, id),
            CHECK (method IN ('cash', 'qris') AND abs(amount) <= 10000000000)
        ) PARTITION BY RANGE (day);
        """,
        """
        CREATE INDEX payments_order ON payments (cafe, order_id);
        """,
        """
        CREATE TABLE removed_lines (
            cafe text NOT NULL, day kasir_day NOT NULL, order_id bigint NOT NULL, id bigint NOT NULL, item_code kasir_code NOT NULL,
            quantity integer NOT NULL, unit_price bigint NOT NULL, PRIMARY KEY (cafe, day, id),
            CHECK (quantity BETWEEN 1 AND 1000 AND abs(unit_price) <= 10000000000)
        ) PARTITION BY RANGE (day);
        """,
        """
        CREATE INDEX removed_lines_order ON removed_lines (cafe, order_id);
        """,
        """
        CREATE TABLE attendance (
            cafe text NOT NULL, clock_in kasir_instant NOT NULL, id bigint NOT NULL, staff_id bigint NOT NULL, station kasir_code NOT NULL,
            clock_out kasir_instant, PRIMARY KEY (cafe, clock_in, id),
            CHECK (station IN ('kasir', 'bar', 'dapur'))
        ) PARTITION BY RANGE (clock_in);
        """,
        // A month's report also reads the shifts begun before it that end in it.
        """
        CREATE INDEX attendance_clock_out ON attendance (cafe, clock_out);
        """,
        """
        CREATE INDEX attendance_id ON attendance (cafe, id);
        """,
        """
        CREATE TABLE breaks (
            cafe text NOT NULL, id bigint NOT NULL, attendance_id bigint NOT NULL, started_at kasir_instant NOT NULL, ended_at kasir_instant,
            PRIMARY KEY (cafe, id)
        );
        """,
        """
        CREATE INDEX breaks_attendance ON breaks (cafe, attendance_id);
        """,
        """
        CREATE TABLE tills (
            cafe text NOT NULL, id bigint NOT NULL, drawer kasir_code NOT NULL, opened_at kasir_instant NOT NULL, closed_at kasir_instant,
            float bigint NOT NULL, expected_cash bigint, counted_cash bigint, variance bigint, PRIMARY KEY (cafe, id),
            CHECK (abs(float) <= 10000000000 AND abs(coalesce(expected_cash, 0)) <= 10000000000 AND abs(coalesce(counted_cash, 0)) <= 10000000000
                AND abs(coalesce(variance, 0)) <= 10000000000)
        );
        """,
        """
        CREATE INDEX tills_closed ON tills (cafe, closed_at);
        """,
        """
        CREATE TABLE till_counts (
            cafe text NOT NULL, till_id bigint NOT NULL, id bigint NOT NULL, kind kasir_code NOT NULL, counted_cash bigint NOT NULL,
            at kasir_instant NOT NULL, PRIMARY KEY (cafe, id)
        );
        """,
        """
        CREATE TABLE refunds (
            cafe text NOT NULL, id bigint NOT NULL, order_id bigint NOT NULL, till_id bigint, at kasir_instant NOT NULL, amount bigint NOT NULL,
            tax bigint NOT NULL, PRIMARY KEY (cafe, id), CHECK (abs(amount) <= 10000000000 AND abs(tax) <= 10000000000)
        );
        """,
        """
        CREATE INDEX refunds_at ON refunds (cafe, at);
        """,
        """
        CREATE TABLE refund_tenders (
            cafe text NOT NULL, refund_id bigint NOT NULL, id bigint NOT NULL, payment_id bigint, paid_out kasir_code NOT NULL,
            amount bigint NOT NULL, PRIMARY KEY (cafe, id), CHECK (paid_out IN ('cash', 'qris') AND abs(amount) <= 10000000000)
        );
        """,
        """
        CREATE TABLE refund_lines (
            cafe text NOT NULL, refund_id bigint NOT NULL, id bigint NOT NULL, line_id bigint NOT NULL, quantity integer NOT NULL,
            amount bigint NOT NULL, PRIMARY KEY (cafe, id)
        );
        """,
        """
        CREATE TABLE refund_rounding (
            cafe text NOT NULL, id bigint NOT NULL, refund_tender_id bigint NOT NULL, amount bigint NOT NULL, PRIMARY KEY (cafe, id),
            CHECK (abs(amount) <= 10000000000)
        );
        """,
        """
        CREATE TABLE cash_movements (
            cafe text NOT NULL, id bigint NOT NULL, till_id bigint NOT NULL, direction kasir_code NOT NULL, amount bigint NOT NULL,
            approved_by bigint NOT NULL, at kasir_instant NOT NULL, PRIMARY KEY (cafe, id)
        );
        """,
        """
        CREATE TABLE pnbp_deposits (
            cafe text NOT NULL, id bigint NOT NULL, deposited_on kasir_day NOT NULL, amount bigint NOT NULL, billing_code kasir_code NOT NULL,
            ntpn kasir_code NOT NULL, recorded_by bigint NOT NULL, at kasir_instant NOT NULL, PRIMARY KEY (cafe, id), CHECK (abs(amount) <= 10000000000)
        );
        """,
        """
        CREATE TABLE pnbp_deposit_tills (
            cafe text NOT NULL, deposit_id bigint NOT NULL, till_id bigint NOT NULL, share bigint, PRIMARY KEY (cafe, deposit_id, till_id),
            CHECK (abs(coalesce(share, 0)) <= 10000000000)
        );
        """,
        """
        CREATE TABLE premi_months (
            cafe text NOT NULL, id bigint NOT NULL, month kasir_month NOT NULL, revenue bigint NOT NULL, cost bigint NOT NULL, profit bigint NOT NULL,
            premi_pool bigint NOT NULL, pnbp_share bigint NOT NULL, capital_share bigint NOT NULL, rules text, at kasir_instant NOT NULL,
            PRIMARY KEY (cafe, id), 
            CHECK (abs(revenue) <= 10000000000 AND abs(cost) <= 10000000000 AND abs(profit) <= 10000000000 AND abs(premi_pool) <= 10000000000 AND abs(pnbp_share) <= 10000000000
                AND abs(capital_share) <= 10000000000)
        );
        """,
        """
        CREATE TABLE premi_ledger (
            cafe text NOT NULL, id bigint NOT NULL, month kasir_month NOT NULL, staff_id bigint NOT NULL, amount bigint NOT NULL,
            basis_seconds bigint, at kasir_instant NOT NULL, PRIMARY KEY (cafe, id), CHECK (abs(amount) <= 10000000000)
        );
        """,
        """
        CREATE INDEX premi_ledger_month ON premi_ledger (cafe, month);
        """,
        """
        CREATE TABLE practice_hours (
            cafe text NOT NULL, month kasir_month NOT NULL, staff_code kasir_code NOT NULL, skill kasir_code NOT NULL, seconds bigint NOT NULL,
            PRIMARY KEY (cafe, month, staff_code, skill), CHECK (seconds BETWEEN 0 AND 100000000)
        );
        """,
        """
        CREATE TABLE assessments (
            cafe text NOT NULL, id bigint NOT NULL, staff_id bigint NOT NULL, unit_code kasir_code NOT NULL, assessed_on kasir_day NOT NULL,
            assessor_id bigint NOT NULL, result kasir_code NOT NULL, at kasir_instant NOT NULL, PRIMARY KEY (cafe, id),
            CHECK (result IN ('kompeten', 'belum_kompeten'))
        );
        """,
        """
        CREATE TABLE monthly_costs (
            cafe text NOT NULL, id bigint NOT NULL, month kasir_month NOT NULL, amount bigint NOT NULL, at kasir_instant NOT NULL, PRIMARY KEY (cafe, id),
            CHECK (abs(amount) <= 10000000000)
        );
        """,
        // Items made and orders taken per business month, kept as the café keeps them (its
        // monthly_made and monthly_served): a month's report across cafés reads these, not
        // every line of six months of orders.
        """
        CREATE TABLE monthly_made (
            cafe text NOT NULL, month kasir_month NOT NULL, maker_id bigint NOT NULL, skill kasir_code NOT NULL, items bigint NOT NULL,
            items_with_modifiers bigint NOT NULL, PRIMARY KEY (cafe, month, maker_id, skill)
        );
        """,
        """
        CREATE TABLE monthly_served (
            cafe text NOT NULL, month kasir_month NOT NULL, server_id bigint NOT NULL, status kasir_code NOT NULL, orders bigint NOT NULL,
            total bigint NOT NULL, removed_lines bigint NOT NULL, PRIMARY KEY (cafe, month, server_id, status)
        );
        """,
        """
        CREATE TABLE menu_items (
            cafe text NOT NULL, code kasir_code NOT NULL, name text NOT NULL CHECK (length(name) <= 200), category_code kasir_code, skill kasir_code NOT NULL, price bigint NOT NULL,
            cost bigint, PRIMARY KEY (cafe, code), CHECK (price BETWEEN 0 AND 1000000000 AND coalesce(cost, 0) BETWEEN 0 AND 1000000000)
        );
        """,
        """
        CREATE TABLE money_rules (
            cafe text NOT NULL, id bigint NOT NULL, time_zone text NOT NULL, tax_basis_points integer NOT NULL,
            prices_include_tax boolean NOT NULL, premi_basis_points integer NOT NULL, pnbp_basis_points integer NOT NULL,
            capital_basis_points integer NOT NULL, station_weights text, at kasir_instant, PRIMARY KEY (cafe, id),
            CHECK (length(time_zone) BETWEEN 1 AND 64 AND tax_basis_points BETWEEN 0 AND 10000 AND premi_basis_points BETWEEN 0 AND 10000
                AND pnbp_basis_points BETWEEN 0 AND 10000 AND capital_basis_points BETWEEN 0 AND 10000)
        );
        """,
        // Where `kasir_project` gathers the latest snapshot of each row a batch touched: a table of
        // the owner's, never a temporary one (a caller could make a temporary table of that name,
        // with a trigger, and have the owner's function run it). Its rows live for one call.
        """
        CREATE UNLOGGED TABLE projection_work (cafe text NOT NULL, row_table text NOT NULL, row_key text NOT NULL, s jsonb NOT NULL);
        """,
        """
        CREATE INDEX projection_work_cafe ON projection_work (cafe, row_table);
        """,
        """
        REVOKE ALL ON projection_work FROM PUBLIC;
        """,
        // The reader functions of v3 searched the temporary schema first: a reader could make a
        // temporary `central_users` and read as another Kanwil. Now it is searched last, and
        // readers make no temporary tables at all.
        """
        ALTER FUNCTION kasir_reader_kanwil() SET search_path = public, pg_temp;
        """,
        """
        ALTER FUNCTION kasir_reader_cafe() SET search_path = public, pg_temp;
        """,
        """
        DO $$ BEGIN EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database()); END $$;
        """,
        // The monthly partitions of `parent` from `first`'s month through `last`'s, made when
        // missing. Two stores at once may race to make one: the loser finds it made.
        """
        CREATE FUNCTION kasir_month_partitions(parent text, first date, last date) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                month date := date_trunc('month', first)::date;
                name text;
                suffix text := CASE WHEN parent = 'attendance' THEN ' 00:00:00+00' ELSE '' END;
            BEGIN
                WHILE month <= last LOOP
                    name := format('%s_%s', parent, to_char(month, 'YYYY_MM'));
                    IF to_regclass(name) IS NULL THEN
                        BEGIN
                            -- A time column's bounds in UTC, whatever the session's time zone.
                            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)', name, parent,
                                to_char(month, 'YYYY-MM-DD') || suffix, to_char((month + interval '1 month')::date, 'YYYY-MM-DD') || suffix);
                        EXCEPTION WHEN duplicate_table OR unique_violation THEN
                            NULL;
                        END;
                    END IF;
                    month := (month + interval '1 month')::date;
                END LOOP;
            END;
        $$;
        """,
        // Writes café `p_cafe`'s rows as the journal's entries after `p_after` leave them: each
        // row journaled there as its latest snapshot says, its children with it.
        """
        CREATE FUNCTION kasir_project(p_cafe text, p_after bigint) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                first_day date;
                last_day date;
                months text[];
                earliest date;
            BEGIN
                DELETE FROM projection_work WHERE cafe = p_cafe;
                INSERT INTO projection_work
                    SELECT DISTINCT ON (row_table, row_key) p_cafe, row_table, row_key, snapshot::jsonb FROM journal
                    WHERE cafe = p_cafe AND seq > p_after AND row_table IS NOT NULL AND snapshot IS NOT NULL
                    ORDER BY row_table, row_key, seq DESC;

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
                INSERT INTO orders SELECT p_cafe, (s->>'day')::date, (s->>'id')::bigint, (s->>'number')::bigint, (s->>'created_at')::timestamptz,
                        s->>'status', s->>'type', (s->>'server_id')::bigint, (s->>'supervisor_id')::bigint, (s->>'till_id')::bigint,
                        (s->>'subtotal')::bigint, (s->>'discount')::bigint, (s->>'service_charge')::bigint, (s->>'tax')::bigint,
                        (s->>'tax_included')::integer <> 0, (s->>'rounding')::bigint, (s->>'total')::bigint
                    FROM projection_work WHERE cafe = p_cafe AND row_table = 'orders';
                INSERT INTO order_lines SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, (e->>'id')::bigint, (e->>'position')::integer,
                        e->>'item_code', e->>'skill', (e->>'quantity')::integer, (e->>'maker_id')::bigint, (e->>'unit_price')::bigint,
                        (e->>'discount_amount')::bigint, (e->>'line_total')::bigint, (e->>'unit_cost')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'lines') e WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO order_line_modifiers SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, (e->>'line_id')::bigint,
                        (e->>'position')::integer, e->>'group_code', e->>'option_code', (e->>'price_delta')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'modifiers') e WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO payments SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, (e->>'id')::bigint, (e->>'position')::integer,
                        e->>'method', (e->>'amount')::bigint, (e->>'tendered')::bigint, (e->>'change')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'payments') e WHERE l.cafe = p_cafe AND l.row_table = 'orders';
                INSERT INTO removed_lines SELECT p_cafe, (l.s->>'day')::date, (l.s->>'id')::bigint, (e->>'id')::bigint, e->>'item_code',
                        (e->>'quantity')::integer, (e->>'unit_price')::bigint
                    FROM projection_work l, jsonb_array_elements(l.s->'removed_lines') e WHERE l.cafe = p_cafe AND l.row_table = 'orders';

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
        // A café's tables made anew from its journal at the centre: what `kasir-central rebuild` runs.
        """
        CREATE FUNCTION kasir_rebuild(p_cafe text) RETURNS bigint
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
            DECLARE
                t text;
                base bigint;
                rows bigint;
            BEGIN
                SELECT base_seq INTO base FROM cafes WHERE code = p_cafe FOR UPDATE;
                IF NOT FOUND THEN RAISE EXCEPTION 'no café %', p_cafe; END IF;
                FOREACH t IN ARRAY ARRAY[\(projectedTables.map { "'\($0.name)'" }.joined(separator: ", "))] LOOP
                    EXECUTE format('DELETE FROM %I WHERE cafe = $1', t) USING p_cafe;
                END LOOP;
                PERFORM kasir_project(p_cafe, base);
                SELECT count(*) INTO rows FROM journal WHERE cafe = p_cafe AND row_table IS NOT NULL;
                RETURN rows;
            END;
        $$;
        """,
        """
        REVOKE ALL ON FUNCTION kasir_project(text, bigint), kasir_rebuild(text), kasir_month_partitions(text, date, date) FROM PUBLIC;
        """,
        // The server projects what it stores, in the same transaction; only the owner rebuilds.
        """
        GRANT EXECUTE ON FUNCTION kasir_project(text, bigint) TO kasir_ingest;
        """,
    ] + projectedTables.flatMap { table in [
        "REVOKE ALL ON \(table.name) FROM PUBLIC;",
        "GRANT SELECT ON \(table.name) TO kasir_directorate, kasir_kanwil, kasir_cafe;",
        "ALTER TABLE \(table.name) ENABLE ROW LEVEL SECURITY;",
        "CREATE POLICY directorate_\(table.name) ON \(table.name) FOR SELECT TO kasir_directorate USING (true);",
        "CREATE POLICY kanwil_\(table.name) ON \(table.name) FOR SELECT TO kasir_kanwil USING (cafe IN (SELECT code FROM cafes));",
        "CREATE POLICY cafe_\(table.name) ON \(table.name) FOR SELECT TO kasir_cafe USING (cafe = kasir_reader_cafe());",
    ] }
}
