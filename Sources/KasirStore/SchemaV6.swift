import GRDB

/// v6: one time format, a schema that guards its own invariants, and what the trust rules need.
///
/// Every table that holds an instant is rebuilt so the column takes only one shape
/// (`YYYY-MM-DDTHH:MM:SS.sssZ`); money tables gain the CHECKs and append-only triggers that keep
/// their figures honest; refunds record the lines and tenders they give back; blind counts, the
/// security policy and coaching notes get tables of their own. An existing database is
/// converted in place, then every row the journal vouches for is recorded once more in the new
/// snapshot form (see ``baselineJournal(_:)``), so `audit verify` compares one form only.
///
/// Frozen, as every migration is: the SQL is literal (the kinds a CHECK allows are listed as
/// they were, not read from today's enums), and nothing here calls the application's code.
enum SchemaV6 {
    static let instant = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'"
    static let day = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'"
    static let month = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]'"

    /// `column` holding a timestamp, required or not.
    static func instantColumn(_ column: String, required: Bool = true) -> String {
        required ? "\(column) TEXT NOT NULL CHECK (\(column) \(instant))"
            : "\(column) TEXT CHECK (\(column) IS NULL OR \(column) \(instant))"
    }

    /// Any old instant (GRDB's `YYYY-MM-DD HH:MM:SS.SSS`, or ISO 8601) in the one shape.
    static func converted(_ column: String) -> String { "strftime('%Y-%m-%dT%H:%M:%fZ', \(column))" }

    /// Triggers that refuse every UPDATE and DELETE of `table`.
    static func appendOnly(_ table: String, _ what: String) -> String {
        """
        CREATE TRIGGER \(table)_append_only_update BEFORE UPDATE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(what) are append-only'); END;
        CREATE TRIGGER \(table)_append_only_delete BEFORE DELETE ON \(table)
            BEGIN SELECT RAISE(ABORT, '\(what) are append-only'); END;

        """
    }

    /// Replaces `table` by `definition` (a CREATE TABLE of `table_v6`), copying `select` into it.
    static func rebuild(_ table: String, _ definition: String, columns: String, select: String) -> String {
        """
        \(definition);
        INSERT INTO \(table)_v6 (\(columns)) SELECT \(select) FROM \(table);
        DROP TABLE \(table);
        ALTER TABLE \(table)_v6 RENAME TO \(table);

        """
    }

    static var sql: String {
        var sql = ""
        sql += rebuild("staff", """
            CREATE TABLE staff_v6 (
                id INTEGER PRIMARY KEY,
                code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 12 AND code NOT GLOB '*[^A-Z0-9-]*'),
                role TEXT NOT NULL CHECK (role IN ('barista', 'supervisor', 'admin')),
                name TEXT NOT NULL,
                alias TEXT NOT NULL,
                registration TEXT UNIQUE,
                nip TEXT UNIQUE,
                status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'suspended')),
                \(instantColumn("created_at")),
                pin_hash TEXT,
                failed_pins INTEGER NOT NULL DEFAULT 0 CHECK (failed_pins >= 0),
                \(instantColumn("locked_until", required: false)),
                decree_number TEXT,
                decree_from TEXT CHECK (decree_from IS NULL OR decree_from \(day)),
                decree_until TEXT CHECK (decree_until IS NULL OR decree_until \(day)),
                decree_revoked INTEGER NOT NULL DEFAULT 0 CHECK (decree_revoked IN (0, 1))
            )
            """,
            columns: "id, code, role, name, alias, registration, nip, status, created_at, pin_hash, failed_pins, locked_until, decree_number, decree_from, decree_until, decree_revoked",
            select: "id, code, role, name, alias, registration, nip, status, \(converted("created_at")), pin_hash, failed_pins, \(converted("locked_until")), decree_number, decree_from, decree_until, decree_revoked")
        sql += """
            CREATE UNIQUE INDEX staff_alias ON staff(alias COLLATE NOCASE);

            """
        sql += rebuild("menu_items", """
            CREATE TABLE menu_items_v6 (
                code TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                category_code TEXT NOT NULL REFERENCES menu_categories(code),
                price INTEGER NOT NULL CHECK (price > 0),
                skill TEXT NOT NULL,
                available INTEGER NOT NULL CHECK (available IN (0, 1)),
                -- 0 once the item has left config/menu.toml: kept for the history, not sold.
                listed INTEGER NOT NULL DEFAULT 1 CHECK (listed IN (0, 1)),
                position INTEGER NOT NULL,
                \(instantColumn("updated_at")),
                cost INTEGER CHECK (cost IS NULL OR cost >= 0)
            )
            """,
            columns: "code, name, category_code, price, skill, available, listed, position, updated_at, cost",
            select: "code, name, category_code, price, skill, available, listed, position, \(converted("updated_at")), cost")
        sql += rebuild("tills", """
            CREATE TABLE tills_v6 (
                id INTEGER PRIMARY KEY,
                drawer TEXT NOT NULL,
                \(instantColumn("opened_at")),
                opened_by INTEGER NOT NULL REFERENCES staff(id),
                on_duty_id INTEGER NOT NULL REFERENCES staff(id),
                float INTEGER NOT NULL CHECK (float >= 0),
                float_count TEXT,
                \(instantColumn("closed_at", required: false)),
                closed_by INTEGER REFERENCES staff(id),
                counted_cash INTEGER CHECK (counted_cash IS NULL OR counted_cash >= 0),
                count_breakdown TEXT,
                expected_cash INTEGER,
                variance INTEGER,
                journal_head TEXT,
                CHECK ((closed_at IS NULL) = (closed_by IS NULL) AND (closed_at IS NULL) = (counted_cash IS NULL)
                    AND (closed_at IS NULL) = (expected_cash IS NULL) AND (closed_at IS NULL) = (variance IS NULL)),
                CHECK (closed_at IS NULL OR closed_at >= opened_at),
                CHECK (variance IS NULL OR variance = counted_cash - expected_cash)
            )
            """,
            columns: "id, drawer, opened_at, opened_by, on_duty_id, float, float_count, closed_at, closed_by, counted_cash, count_breakdown, expected_cash, variance, journal_head",
            select: "id, drawer, \(converted("opened_at")), opened_by, on_duty_id, float, float_count, \(converted("closed_at")), closed_by, counted_cash, count_breakdown, expected_cash, variance, journal_head")
        sql += """
            CREATE UNIQUE INDEX tills_one_open_per_drawer ON tills(drawer) WHERE closed_at IS NULL;
            CREATE INDEX tills_closed_at ON tills(closed_at);
            -- A closed till is a fact: only the journal head, written once right after the close, may follow.
            CREATE TRIGGER tills_closed_are_fixed BEFORE UPDATE OF drawer, opened_at, opened_by, on_duty_id, float, float_count,
                closed_at, closed_by, counted_cash, count_breakdown, expected_cash, variance ON tills WHEN OLD.closed_at IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a closed till is fixed'); END;
            CREATE TRIGGER tills_head_written_once BEFORE UPDATE OF journal_head ON tills WHEN OLD.journal_head IS NOT NULL
                BEGIN SELECT RAISE(ABORT, 'a closed till is fixed'); END;
            CREATE TRIGGER tills_no_delete BEFORE DELETE ON tills
                BEGIN SELECT RAISE(ABORT, 'tills are never deleted'); END;

            -- Every count of the drawer: the blind count that closes the till, and any recount after.
            CREATE TABLE till_counts (
                id INTEGER PRIMARY KEY,
                till_id INTEGER NOT NULL REFERENCES tills(id),
                kind TEXT NOT NULL CHECK (kind IN ('close', 'recount')),
                counted_cash INTEGER NOT NULL CHECK (counted_cash >= 0),
                breakdown TEXT NOT NULL,
                counted_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            );
            CREATE INDEX till_counts_till ON till_counts(till_id, id);
            INSERT INTO till_counts (till_id, kind, counted_cash, breakdown, counted_by, at)
                SELECT id, 'close', counted_cash, COALESCE(count_breakdown, ''), closed_by, closed_at FROM tills
                WHERE closed_at IS NOT NULL ORDER BY id;

            """
        sql += appendOnly("till_counts", "counts")
        sql += rebuild("orders", """
            CREATE TABLE orders_v6 (
                id INTEGER PRIMARY KEY,
                day TEXT NOT NULL CHECK (day \(day)),
                number INTEGER NOT NULL CHECK (number > 0),
                \(instantColumn("created_at")),
                type TEXT NOT NULL CHECK (type IN ('dine-in', 'takeaway')),
                note TEXT,
                server_id INTEGER NOT NULL REFERENCES staff(id),
                status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'void', 'refunded')),
                subtotal INTEGER NOT NULL CHECK (subtotal >= 0),
                discount INTEGER NOT NULL DEFAULT 0 CHECK (discount BETWEEN 0 AND subtotal),
                service_charge INTEGER NOT NULL CHECK (service_charge >= 0),
                tax INTEGER NOT NULL CHECK (tax >= 0),
                tax_included INTEGER NOT NULL CHECK (tax_included IN (0, 1)),
                rounding INTEGER NOT NULL,
                total INTEGER NOT NULL CHECK (total >= 0),
                till_id INTEGER NOT NULL REFERENCES tills(id),
                supervisor_id INTEGER REFERENCES staff(id),
                UNIQUE (day, number),
                CHECK (total = subtotal - discount + service_charge + CASE WHEN tax_included THEN 0 ELSE tax END + rounding)
            )
            """,
            columns: "id, day, number, created_at, type, note, server_id, status, subtotal, discount, service_charge, tax, tax_included, rounding, total, till_id, supervisor_id",
            select: "id, day, number, \(converted("created_at")), type, note, server_id, status, subtotal, discount, service_charge, tax, tax_included, rounding, total, till_id, supervisor_id")
        sql += """
            CREATE INDEX orders_created_at ON orders(created_at);
            CREATE INDEX orders_server ON orders(server_id, day);
            CREATE INDEX orders_till ON orders(till_id);
            -- A paid order is never edited or deleted: a void or refund is a new fact, once.
            CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders
                BEGIN SELECT RAISE(ABORT, 'orders are never deleted'); END;
            CREATE TRIGGER orders_money_fixed BEFORE UPDATE OF id, day, number, created_at, type, note, server_id, subtotal, discount,
                service_charge, tax, tax_included, rounding, total, till_id, supervisor_id ON orders
                BEGIN SELECT RAISE(ABORT, 'an order''s figures are fixed'); END;
            CREATE TRIGGER orders_status_changes_once BEFORE UPDATE OF status ON orders
                WHEN OLD.status != 'paid' OR NEW.status NOT IN ('void', 'refunded')
                BEGIN SELECT RAISE(ABORT, 'a void or refunded order stays so'); END;

            """
        sql += rebuild("order_lines", """
            CREATE TABLE order_lines_v6 (
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders(id),
                position INTEGER NOT NULL CHECK (position > 0),
                item_code TEXT NOT NULL,
                item_name TEXT NOT NULL,
                skill TEXT NOT NULL,
                base_price INTEGER NOT NULL,
                unit_price INTEGER NOT NULL CHECK (unit_price >= 0),
                quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
                line_total INTEGER NOT NULL,
                maker_id INTEGER NOT NULL REFERENCES staff(id),
                price_override INTEGER CHECK (price_override IS NULL OR price_override >= 0),
                -- The line's own discount in Rupiah, fixed when a supervisor approved it.
                discount_amount INTEGER NOT NULL DEFAULT 0,
                -- What one unit's ingredients cost when it was sold; NULL when the menu had no cost.
                unit_cost INTEGER CHECK (unit_cost IS NULL OR unit_cost >= 0),
                UNIQUE (order_id, position),
                CHECK (line_total = unit_price * quantity),
                CHECK (discount_amount BETWEEN 0 AND line_total)
            )
            """,
            columns: "id, order_id, position, item_code, item_name, skill, base_price, unit_price, quantity, line_total, maker_id, price_override, discount_amount",
            select: "id, order_id, position, item_code, item_name, skill, base_price, unit_price, quantity, line_total, maker_id, price_override, discount_amount")
        sql += """
            CREATE INDEX order_lines_maker ON order_lines(maker_id);
            CREATE TRIGGER order_lines_fixed BEFORE UPDATE ON order_lines
                BEGIN SELECT RAISE(ABORT, 'order lines are fixed'); END;
            CREATE TRIGGER order_lines_no_delete BEFORE DELETE ON order_lines
                BEGIN SELECT RAISE(ABORT, 'order lines are fixed'); END;

            """
        sql += appendOnly("order_line_modifiers", "line modifiers")
        sql += appendOnly("removed_lines", "removed lines")
        sql += """
            CREATE UNIQUE INDEX payments_qris_reference ON payments(reference) WHERE method = 'qris';

            """
        sql += rebuild("print_jobs", """
            CREATE TABLE print_jobs_v6 (
                id INTEGER PRIMARY KEY,
                order_id INTEGER REFERENCES orders(id),
                kind TEXT NOT NULL CHECK (kind IN ('receipt', 'bar_ticket', 'receipt_copy', 'bar_ticket_copy', 'drawer', 'report', 'refund_slip')),
                status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'printed', 'failed', 'held', 'superseded')),
                payload BLOB,              -- the bytes for the printer, fixed when first rendered
                text TEXT,                 -- the same slip as text, for the screen
                queue TEXT,                -- the CUPS queue it was sent to
                cups_job_id INTEGER,
                attempts INTEGER NOT NULL DEFAULT 0,
                failure TEXT CHECK (failure IS NULL OR failure IN ('interrupted', 'no_printer', 'template', 'unreachable', 'refused', 'aborted', 'late')),
                failure_detail TEXT,       -- CUPS's own words, for the log and the curious
                \(instantColumn("created_at")),  -- for a copy, the reprint time printed on it
                \(instantColumn("updated_at")),
                \(instantColumn("printed_at", required: false)),
                CHECK (order_id IS NOT NULL OR kind IN ('drawer', 'report'))
            )
            """,
            columns: "id, order_id, kind, status, payload, text, queue, cups_job_id, attempts, failure, failure_detail, created_at, updated_at, printed_at",
            select: """
                id, order_id, kind, status, payload, text, queue, cups_job_id, attempts,
                CASE WHEN last_error IS NULL THEN NULL
                    WHEN last_error = 'interrupted' THEN 'interrupted'
                    WHEN last_error = 'no printer configured' THEN 'no_printer'
                    WHEN last_error LIKE 'template %' THEN 'template'
                    WHEN last_error LIKE 'server unreachable%' THEN 'unreachable'
                    WHEN last_error LIKE 'refused%' THEN 'refused'
                    WHEN last_error LIKE 'not printed in time%' THEN 'late'
                    ELSE 'aborted' END,
                last_error, \(converted("created_at")), \(converted("updated_at")), \(converted("printed_at"))
                """)
        sql += """
            CREATE INDEX print_jobs_status ON print_jobs(status, id);
            CREATE INDEX print_jobs_order ON print_jobs(order_id);

            """
        sql += rebuild("attendance", """
            CREATE TABLE attendance_v6 (
                id INTEGER PRIMARY KEY,
                staff_id INTEGER NOT NULL REFERENCES staff(id),
                station TEXT NOT NULL CHECK (station IN ('kasir', 'bar', 'dapur')),
                \(instantColumn("clock_in")),
                in_by INTEGER NOT NULL REFERENCES staff(id),
                in_late_entry INTEGER NOT NULL DEFAULT 0 CHECK (in_late_entry IN (0, 1)),
                in_reason TEXT,
                \(instantColumn("clock_out", required: false)),
                out_by INTEGER REFERENCES staff(id),
                out_late_entry INTEGER NOT NULL DEFAULT 0 CHECK (out_late_entry IN (0, 1)),
                out_reason TEXT,
                CHECK (clock_out IS NULL OR clock_out >= clock_in),
                CHECK ((clock_out IS NULL) = (out_by IS NULL))
            )
            """,
            columns: "id, staff_id, station, clock_in, in_by, in_late_entry, clock_out, out_by, out_late_entry, out_reason",
            select: "id, staff_id, station, \(converted("clock_in")), in_by, in_late_entry, \(converted("clock_out")), out_by, out_late_entry, out_reason")
        sql += """
            CREATE UNIQUE INDEX attendance_one_open ON attendance(staff_id) WHERE clock_out IS NULL;
            CREATE INDEX attendance_staff ON attendance(staff_id, clock_in);
            CREATE INDEX attendance_clock_in ON attendance(clock_in);

            """
        sql += rebuild("breaks", """
            CREATE TABLE breaks_v6 (
                id INTEGER PRIMARY KEY,
                attendance_id INTEGER NOT NULL REFERENCES attendance(id),
                \(instantColumn("started_at")),
                \(instantColumn("ended_at", required: false)),
                by_id INTEGER NOT NULL REFERENCES staff(id),
                CHECK (ended_at IS NULL OR ended_at >= started_at)
            )
            """,
            columns: "id, attendance_id, started_at, ended_at, by_id",
            select: "id, attendance_id, \(converted("started_at")), \(converted("ended_at")), by_id")
        sql += """
            CREATE UNIQUE INDEX breaks_one_open ON breaks(attendance_id) WHERE ended_at IS NULL;
            CREATE INDEX breaks_attendance ON breaks(attendance_id);

            """
        sql += rebuild("cash_movements", """
            CREATE TABLE cash_movements_v6 (
                id INTEGER PRIMARY KEY,
                till_id INTEGER NOT NULL REFERENCES tills(id),
                direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                amount INTEGER NOT NULL CHECK (amount > 0),
                reason TEXT NOT NULL,
                approved_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            )
            """,
            columns: "id, till_id, direction, amount, reason, approved_by, at",
            select: "id, till_id, direction, amount, reason, approved_by, \(converted("at"))")
        sql += "CREATE INDEX cash_movements_till ON cash_movements(till_id);\n"
        sql += appendOnly("cash_movements", "cash movements")
        sql += rebuild("approvals", """
            CREATE TABLE approvals_v6 (
                id INTEGER PRIMARY KEY,
                kind TEXT NOT NULL CHECK (kind IN ('void', 'refund', 'discount', 'price_override', 'no_sale')),
                till_id INTEGER REFERENCES tills(id),
                order_id INTEGER REFERENCES orders(id),
                line INTEGER,
                detail TEXT,
                -- The Rupiah approved: a discount as taken off, a new unit price, a void or refund.
                amount INTEGER,
                reason TEXT NOT NULL,
                approved_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            )
            """,
            columns: "id, kind, till_id, order_id, line, detail, amount, reason, approved_by, at",
            select: "id, kind, till_id, order_id, line, detail, amount, reason, approved_by, \(converted("at"))")
        sql += """
            CREATE INDEX approvals_till ON approvals(till_id);
            CREATE INDEX approvals_order ON approvals(order_id);

            """
        sql += appendOnly("approvals", "approvals")
        sql += """
            CREATE TABLE refunds_v6 (
                id INTEGER PRIMARY KEY,
                order_id INTEGER NOT NULL REFERENCES orders(id),
                till_id INTEGER NOT NULL REFERENCES tills(id),
                amount INTEGER NOT NULL CHECK (amount > 0),
                -- The PB1 inside the amount, so profit counts refunds net of tax as it counts sales.
                tax INTEGER NOT NULL CHECK (tax BETWEEN 0 AND amount),
                approval_id INTEGER NOT NULL UNIQUE REFERENCES approvals(id),
                \(instantColumn("at"))
            );
            INSERT INTO refunds_v6 (id, order_id, till_id, amount, tax, approval_id, at)
                SELECT r.id, r.order_id, r.till_id, r.amount, CASE WHEN o.total > 0 THEN r.amount * o.tax / o.total ELSE 0 END,
                    r.approval_id, \(converted("r.at"))
                FROM refunds r JOIN orders o ON o.id = r.order_id;
            -- How each refund went back: per payment of the order, from the drawer or as QRIS.
            CREATE TABLE refund_tenders (
                id INTEGER PRIMARY KEY,
                refund_id INTEGER NOT NULL REFERENCES refunds_v6(id),
                payment_id INTEGER NOT NULL REFERENCES payments(id),
                paid_out TEXT NOT NULL CHECK (paid_out IN ('cash', 'qris')),
                amount INTEGER NOT NULL CHECK (amount > 0)
            );
            INSERT INTO refund_tenders (refund_id, payment_id, paid_out, amount)
                SELECT r.id, (SELECT p.id FROM payments p WHERE p.order_id = r.order_id AND p.method = r.method ORDER BY p.position LIMIT 1),
                    r.method, r.amount
                FROM refunds r ORDER BY r.id;
            -- The units of each line a refund gave back.
            CREATE TABLE refund_lines (
                id INTEGER PRIMARY KEY,
                refund_id INTEGER NOT NULL REFERENCES refunds_v6(id),
                line_id INTEGER NOT NULL REFERENCES order_lines(id),
                quantity INTEGER NOT NULL CHECK (quantity > 0),
                amount INTEGER NOT NULL CHECK (amount >= 0)
            );
            INSERT INTO refund_lines (refund_id, line_id, quantity, amount)
                SELECT r.id, l.id, l.quantity, l.line_total - l.discount_amount
                FROM refunds r JOIN order_lines l ON l.order_id = r.order_id
                WHERE r.lines IS NULL OR (',' || r.lines || ',') LIKE ('%,' || l.position || ',%')
                ORDER BY r.id, l.position;
            DROP TABLE refunds;
            ALTER TABLE refunds_v6 RENAME TO refunds;
            CREATE INDEX refunds_order ON refunds(order_id);
            CREATE INDEX refunds_till ON refunds(till_id);
            CREATE INDEX refund_tenders_refund ON refund_tenders(refund_id);
            CREATE INDEX refund_tenders_payment ON refund_tenders(payment_id);
            CREATE INDEX refund_lines_refund ON refund_lines(refund_id);
            CREATE INDEX refund_lines_line ON refund_lines(line_id);

            """
        sql += appendOnly("refunds", "refunds")
        sql += appendOnly("refund_tenders", "refunds")
        sql += appendOnly("refund_lines", "refunds")
        sql += rebuild("assessments", """
            CREATE TABLE assessments_v6 (
                id INTEGER PRIMARY KEY,
                staff_id INTEGER NOT NULL REFERENCES staff(id),
                unit_code TEXT NOT NULL,
                assessed_on TEXT NOT NULL CHECK (assessed_on \(day)),
                assessor_id INTEGER NOT NULL REFERENCES staff(id),
                result TEXT NOT NULL CHECK (result IN ('kompeten', 'belum_kompeten')),
                note TEXT,
                \(instantColumn("at"))
            )
            """,
            columns: "id, staff_id, unit_code, assessed_on, assessor_id, result, note, at",
            select: "id, staff_id, unit_code, assessed_on, assessor_id, result, note, \(converted("at"))")
        sql += "CREATE INDEX assessments_staff ON assessments(staff_id, unit_code, assessed_on);\n"
        sql += appendOnly("assessments", "assessments")
        sql += rebuild("monthly_costs", """
            CREATE TABLE monthly_costs_v6 (
                id INTEGER PRIMARY KEY,
                month TEXT NOT NULL UNIQUE CHECK (month \(month)),
                amount INTEGER NOT NULL CHECK (amount >= 0),
                entered_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            )
            """,
            columns: "id, month, amount, entered_by, at", select: "id, month, amount, entered_by, \(converted("at"))")
        sql += rebuild("premi_months", """
            CREATE TABLE premi_months_v6 (
                id INTEGER PRIMARY KEY,
                month TEXT NOT NULL UNIQUE CHECK (month \(month)),
                revenue INTEGER NOT NULL,
                cost INTEGER NOT NULL,
                profit INTEGER NOT NULL CHECK (profit >= 0),
                premi_pool INTEGER NOT NULL,
                pnbp_share INTEGER NOT NULL,
                capital_share INTEGER NOT NULL,
                closed_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at")),
                CHECK (premi_pool + pnbp_share + capital_share = profit)
            )
            """,
            columns: "id, month, revenue, cost, profit, premi_pool, pnbp_share, capital_share, closed_by, at",
            select: "id, month, revenue, cost, profit, premi_pool, pnbp_share, capital_share, closed_by, \(converted("at"))")
        sql += appendOnly("premi_months", "closed premi months")
        sql += rebuild("premi_ledger", """
            CREATE TABLE premi_ledger_v6 (
                id INTEGER PRIMARY KEY,
                staff_id INTEGER NOT NULL REFERENCES staff(id),
                month TEXT NOT NULL CHECK (month \(month)),
                amount INTEGER NOT NULL CHECK (amount >= 0),
                basis_seconds INTEGER NOT NULL CHECK (basis_seconds >= 0),
                \(instantColumn("at")),
                UNIQUE (staff_id, month)
            )
            """,
            columns: "id, staff_id, month, amount, basis_seconds, at", select: "id, staff_id, month, amount, basis_seconds, \(converted("at"))")
        sql += "CREATE INDEX premi_ledger_month ON premi_ledger(month);\n"
        sql += appendOnly("premi_ledger", "premi ledger rows")
        sql += rebuild("pnbp_deposits", """
            CREATE TABLE pnbp_deposits_v6 (
                id INTEGER PRIMARY KEY,
                deposited_on TEXT NOT NULL CHECK (deposited_on \(day)),
                amount INTEGER NOT NULL CHECK (amount > 0),
                billing_code TEXT NOT NULL CHECK (length(billing_code) = 15 AND billing_code NOT GLOB '*[^0-9]*'),
                ntpn TEXT NOT NULL UNIQUE,
                recorded_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            )
            """,
            columns: "id, deposited_on, amount, billing_code, ntpn, recorded_by, at",
            select: "id, deposited_on, amount, billing_code, ntpn, recorded_by, \(converted("at"))")
        sql += appendOnly("pnbp_deposits", "PNBP deposits")
        sql += rebuild("pnbp_deposit_tills", """
            CREATE TABLE pnbp_deposit_tills_v6 (
                deposit_id INTEGER NOT NULL REFERENCES pnbp_deposits(id),
                till_id INTEGER NOT NULL UNIQUE REFERENCES tills(id),
                -- The till's PNBP share when it was deposited; NULL for deposits made before v6.
                share INTEGER CHECK (share IS NULL OR share >= 0)
            )
            """,
            columns: "deposit_id, till_id", select: "deposit_id, till_id")
        sql += "CREATE INDEX pnbp_deposit_tills_deposit ON pnbp_deposit_tills(deposit_id);\n"
        sql += appendOnly("pnbp_deposit_tills", "PNBP deposits")
        sql += rebuild("practice_hours", """
            CREATE TABLE practice_hours_v6 (
                staff_code TEXT NOT NULL REFERENCES staff(code),
                month TEXT NOT NULL CHECK (month \(month)),
                skill TEXT NOT NULL,
                seconds INTEGER NOT NULL CHECK (seconds >= 0),
                PRIMARY KEY (month, staff_code, skill)
            )
            """,
            columns: "staff_code, month, skill, seconds", select: "staff_code, month, skill, seconds")
        sql += appendOnly("practice_hours", "practice hours")
        sql += """
            -- The rules that guard PINs, supervisor mode and late entries: set once from the config
            -- when the database is made, changed after that only by an admin (journaled).
            CREATE TABLE security_policy (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                pin_attempts INTEGER NOT NULL CHECK (pin_attempts BETWEEN 1 AND 20),
                pin_lockout_minutes INTEGER NOT NULL CHECK (pin_lockout_minutes BETWEEN 1 AND 1440),
                supervisor_idle_seconds INTEGER NOT NULL CHECK (supervisor_idle_seconds BETWEEN 10 AND 3600),
                max_backdate_days INTEGER NOT NULL CHECK (max_backdate_days BETWEEN 0 AND 90),
                set_by INTEGER REFERENCES staff(id),
                \(instantColumn("at"))
            );
            CREATE TRIGGER security_policy_no_delete BEFORE DELETE ON security_policy
                BEGIN SELECT RAISE(ABORT, 'the security policy is never deleted'); END;

            -- A supervisor's dated coaching observation of a WBP.
            CREATE TABLE coaching_notes (
                id INTEGER PRIMARY KEY,
                staff_id INTEGER NOT NULL REFERENCES staff(id),
                text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 1000),
                written_by INTEGER NOT NULL REFERENCES staff(id),
                \(instantColumn("at"))
            );
            CREATE INDEX coaching_notes_staff ON coaching_notes(staff_id, at);

            """
        sql += appendOnly("coaching_notes", "coaching notes")
        sql += """
            CREATE TABLE journal_v6 (
                seq INTEGER PRIMARY KEY,
                \(instantColumn("at")),
                kind TEXT NOT NULL,
                actor TEXT,
                subject TEXT,
                payload TEXT NOT NULL,
                prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
                hash TEXT NOT NULL CHECK (length(hash) = 64),
                -- The row this entry vouches for, and its snapshot; NULL on entries before v6,
                -- whose snapshot (if any) sits inside the payload.
                row_table TEXT,
                row_key TEXT,
                snapshot TEXT,
                CHECK ((row_table IS NULL) = (row_key IS NULL) AND (row_table IS NULL) = (snapshot IS NULL))
            );
            INSERT INTO journal_v6 (seq, at, kind, actor, subject, payload, prev_hash, hash)
                SELECT seq, at, kind, actor, subject, payload, prev_hash, hash FROM journal ORDER BY seq;
            DROP TABLE journal;
            ALTER TABLE journal_v6 RENAME TO journal;
            CREATE INDEX journal_row ON journal(row_table, row_key) WHERE row_table IS NOT NULL;

            """
        sql += appendOnly("journal", "journal rows")
        return sql
    }
}
