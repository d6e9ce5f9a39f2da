import GRDB

extension AppDatabase {
    /// The schema, one migration per release; a migration is never edited once shipped.
    ///
    /// Every migration is frozen: literal SQL, its own lists of tables and kinds, and its own
    /// copy of any journal or snapshot code it runs (`SchemaV6`, `SchemaV10`, `SchemaV13`),
    /// never the application's types, which change with later releases. `MigrationTests`
    /// checks that a database upgraded from an old one has the schema of a new one, and that
    /// no migration file names an application type.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: staff, menu, orders, payments") { db in
            try db.execute(sql: """
                CREATE TABLE staff (
                    id INTEGER PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    role TEXT NOT NULL CHECK (role IN ('barista', 'supervisor', 'admin')),
                    name TEXT NOT NULL,
                    alias TEXT NOT NULL,
                    registration TEXT UNIQUE,
                    nip TEXT UNIQUE,
                    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'released', 'suspended')),
                    created_at TEXT NOT NULL
                );
                CREATE UNIQUE INDEX staff_alias ON staff(alias COLLATE NOCASE);

                CREATE TABLE menu_categories (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    position INTEGER NOT NULL
                );
                CREATE TABLE modifier_groups (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    selection TEXT NOT NULL CHECK (selection IN ('single', 'multiple')),
                    required INTEGER NOT NULL,
                    default_option TEXT
                );
                CREATE TABLE modifier_options (
                    group_code TEXT NOT NULL REFERENCES modifier_groups(code) ON DELETE CASCADE,
                    code TEXT NOT NULL,
                    name TEXT NOT NULL,
                    price_delta INTEGER NOT NULL,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (group_code, code)
                );
                CREATE TABLE menu_items (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    category_code TEXT NOT NULL REFERENCES menu_categories(code),
                    price INTEGER NOT NULL CHECK (price > 0),
                    skill TEXT NOT NULL,
                    available INTEGER NOT NULL,
                    -- 0 once the item has left config/menu.toml: kept for the history, not sold.
                    listed INTEGER NOT NULL DEFAULT 1,
                    position INTEGER NOT NULL,
                    updated_at TEXT NOT NULL
                );
                CREATE TABLE menu_item_modifiers (
                    item_code TEXT NOT NULL REFERENCES menu_items(code) ON DELETE CASCADE,
                    group_code TEXT NOT NULL REFERENCES modifier_groups(code),
                    position INTEGER NOT NULL,
                    PRIMARY KEY (item_code, group_code)
                );

                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    day TEXT NOT NULL,                 -- the WITA day, YYYY-MM-DD
                    number INTEGER NOT NULL CHECK (number > 0),
                    created_at TEXT NOT NULL,          -- UTC
                    type TEXT NOT NULL CHECK (type IN ('dine-in', 'takeaway')),
                    note TEXT,
                    server_id INTEGER NOT NULL REFERENCES staff(id),
                    status TEXT NOT NULL DEFAULT 'paid' CHECK (status IN ('paid', 'void', 'refunded')),
                    subtotal INTEGER NOT NULL,
                    service_charge INTEGER NOT NULL,
                    tax INTEGER NOT NULL,
                    tax_included INTEGER NOT NULL,
                    rounding INTEGER NOT NULL,
                    total INTEGER NOT NULL CHECK (total >= 0),
                    UNIQUE (day, number)
                );
                CREATE INDEX orders_created_at ON orders(created_at);
                CREATE INDEX orders_server ON orders(server_id, day);

                CREATE TABLE order_lines (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    item_code TEXT NOT NULL,
                    item_name TEXT NOT NULL,
                    skill TEXT NOT NULL,
                    base_price INTEGER NOT NULL,
                    unit_price INTEGER NOT NULL,
                    quantity INTEGER NOT NULL CHECK (quantity BETWEEN 1 AND 99),
                    line_total INTEGER NOT NULL,
                    maker_id INTEGER NOT NULL REFERENCES staff(id),
                    UNIQUE (order_id, position)
                );
                CREATE INDEX order_lines_maker ON order_lines(maker_id);

                CREATE TABLE order_line_modifiers (
                    line_id INTEGER NOT NULL REFERENCES order_lines(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    group_code TEXT NOT NULL,
                    group_name TEXT NOT NULL,
                    option_code TEXT NOT NULL,
                    option_name TEXT NOT NULL,
                    price_delta INTEGER NOT NULL,
                    PRIMARY KEY (line_id, position)
                );

                -- Lines the barista took off before payment: kept so the training record shows them.
                CREATE TABLE removed_lines (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    item_code TEXT NOT NULL,
                    item_name TEXT NOT NULL,
                    quantity INTEGER NOT NULL,
                    unit_price INTEGER NOT NULL
                );
                CREATE INDEX removed_lines_order ON removed_lines(order_id);

                CREATE TABLE payments (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('cash', 'qris')),
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    tendered INTEGER NOT NULL CHECK (tendered >= amount),
                    change INTEGER NOT NULL CHECK (change = tendered - amount),
                    reference TEXT,
                    UNIQUE (order_id, position)
                );
                CREATE INDEX payments_order ON payments(order_id);
                """)
        }
        migrator.registerMigration("v2: print queue") { db in
            try db.execute(sql: """
                -- Every receipt, bar ticket and reprint, kept until the printer confirms it printed.
                CREATE TABLE print_jobs (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER REFERENCES orders(id),
                    kind TEXT NOT NULL CHECK (kind IN ('receipt', 'bar_ticket', 'receipt_copy', 'bar_ticket_copy', 'drawer', 'report')),
                    status TEXT NOT NULL DEFAULT 'pending'
                        CHECK (status IN ('pending', 'sending', 'printed', 'failed', 'held', 'superseded')),
                    payload BLOB,              -- the bytes for the printer, fixed when first rendered
                    text TEXT,                 -- the same slip as text, for the screen
                    queue TEXT,                -- the CUPS queue it was sent to
                    cups_job_id INTEGER,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    last_error TEXT,
                    created_at TEXT NOT NULL,  -- UTC; for a copy, the reprint time printed on it
                    updated_at TEXT NOT NULL,
                    printed_at TEXT
                );
                CREATE INDEX print_jobs_status ON print_jobs(status, id);
                -- Reports and drawer kicks carry their bytes from the start; they name no order.
                CREATE INDEX print_jobs_till ON print_jobs(id) WHERE order_id IS NULL;
                CREATE INDEX print_jobs_order ON print_jobs(order_id);
                """)
        }
        migrator.registerMigration("v3: supervisors, attendance, till, approvals, journal") { db in
            try db.execute(sql: """
                ALTER TABLE staff ADD COLUMN pin_hash TEXT;
                ALTER TABLE staff ADD COLUMN failed_pins INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE staff ADD COLUMN locked_until TEXT;
                ALTER TABLE staff ADD COLUMN decree_number TEXT;
                ALTER TABLE staff ADD COLUMN decree_from TEXT;
                ALTER TABLE staff ADD COLUMN decree_until TEXT;
                ALTER TABLE staff ADD COLUMN decree_revoked INTEGER NOT NULL DEFAULT 0;

                CREATE TABLE tills (
                    id INTEGER PRIMARY KEY,
                    drawer TEXT NOT NULL,
                    opened_at TEXT NOT NULL,
                    opened_by INTEGER NOT NULL REFERENCES staff(id),
                    on_duty_id INTEGER NOT NULL REFERENCES staff(id),
                    float INTEGER NOT NULL CHECK (float >= 0),
                    float_count TEXT,
                    closed_at TEXT,
                    closed_by INTEGER REFERENCES staff(id),
                    counted_cash INTEGER,
                    count_breakdown TEXT,
                    expected_cash INTEGER,
                    variance INTEGER,
                    journal_head TEXT
                );
                CREATE UNIQUE INDEX tills_one_open_per_drawer ON tills(drawer) WHERE closed_at IS NULL;

                CREATE TABLE attendance (
                    id INTEGER PRIMARY KEY,
                    staff_id INTEGER NOT NULL REFERENCES staff(id),
                    station TEXT NOT NULL CHECK (station IN ('kasir', 'bar', 'dapur')),
                    clock_in TEXT NOT NULL,
                    in_by INTEGER NOT NULL REFERENCES staff(id),
                    in_late_entry INTEGER NOT NULL DEFAULT 0,
                    clock_out TEXT,
                    out_by INTEGER REFERENCES staff(id),
                    out_late_entry INTEGER NOT NULL DEFAULT 0,
                    out_reason TEXT,
                    CHECK (clock_out IS NULL OR clock_out >= clock_in)
                );
                CREATE UNIQUE INDEX attendance_one_open ON attendance(staff_id) WHERE clock_out IS NULL;
                CREATE INDEX attendance_staff ON attendance(staff_id, clock_in);
                CREATE TABLE breaks (
                    id INTEGER PRIMARY KEY,
                    attendance_id INTEGER NOT NULL REFERENCES attendance(id),
                    started_at TEXT NOT NULL,
                    ended_at TEXT,
                    by_id INTEGER NOT NULL REFERENCES staff(id)
                );
                CREATE UNIQUE INDEX breaks_one_open ON breaks(attendance_id) WHERE ended_at IS NULL;

                ALTER TABLE orders ADD COLUMN till_id INTEGER REFERENCES tills(id);
                ALTER TABLE orders ADD COLUMN supervisor_id INTEGER REFERENCES staff(id);
                ALTER TABLE orders ADD COLUMN discount INTEGER NOT NULL DEFAULT 0;
                ALTER TABLE order_lines ADD COLUMN price_override INTEGER;
                ALTER TABLE order_lines ADD COLUMN discount TEXT;
                ALTER TABLE order_lines ADD COLUMN discount_amount INTEGER NOT NULL DEFAULT 0;
                CREATE INDEX orders_till ON orders(till_id);

                CREATE TABLE cash_movements (
                    id INTEGER PRIMARY KEY,
                    till_id INTEGER NOT NULL REFERENCES tills(id),
                    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    reason TEXT NOT NULL,
                    approved_by INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL
                );

                -- Every supervisor's approval: who, why, when, which order.
                CREATE TABLE approvals (
                    id INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('void', 'refund', 'discount', 'price_override', 'no_sale')),
                    till_id INTEGER REFERENCES tills(id),
                    order_id INTEGER REFERENCES orders(id),
                    line INTEGER,
                    detail TEXT,
                    amount INTEGER,
                    reason TEXT NOT NULL,
                    approved_by INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL
                );
                CREATE INDEX approvals_till ON approvals(till_id);

                CREATE TABLE refunds (
                    id INTEGER PRIMARY KEY,
                    order_id INTEGER NOT NULL REFERENCES orders(id),
                    till_id INTEGER NOT NULL REFERENCES tills(id),
                    method TEXT NOT NULL CHECK (method IN ('cash', 'qris')),
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    lines TEXT,
                    approval_id INTEGER NOT NULL REFERENCES approvals(id),
                    at TEXT NOT NULL
                );

                -- The tamper-evident journal: each row's hash covers the previous row's hash.
                CREATE TABLE journal (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    actor TEXT,
                    subject TEXT,
                    payload TEXT NOT NULL,
                    prev_hash TEXT NOT NULL,
                    hash TEXT NOT NULL
                );
                CREATE TRIGGER journal_append_only_update BEFORE UPDATE ON journal
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
                CREATE TRIGGER journal_append_only_delete BEFORE DELETE ON journal
                    BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;

                -- A paid order is never edited or deleted: a void or refund is a new fact.
                CREATE TRIGGER orders_no_delete BEFORE DELETE ON orders
                    BEGIN SELECT RAISE(ABORT, 'orders are never deleted'); END;
                CREATE TRIGGER orders_money_fixed BEFORE UPDATE OF day, number, created_at, server_id, subtotal,
                    discount, service_charge, tax, rounding, total, till_id ON orders
                    BEGIN SELECT RAISE(ABORT, 'an order''s figures are fixed'); END;
                CREATE TRIGGER order_lines_fixed BEFORE UPDATE ON order_lines
                    BEGIN SELECT RAISE(ABORT, 'order lines are fixed'); END;
                CREATE TRIGGER order_lines_no_delete BEFORE DELETE ON order_lines
                    BEGIN SELECT RAISE(ABORT, 'order lines are fixed'); END;
                CREATE TRIGGER payments_fixed BEFORE UPDATE ON payments
                    BEGIN SELECT RAISE(ABORT, 'payments are fixed'); END;
                CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
                    BEGIN SELECT RAISE(ABORT, 'payments are fixed'); END;
                """)
        }
        migrator.registerMigration("v4: competencies, premi, PNBP") { db in
            try db.execute(sql: """
                ALTER TABLE menu_items ADD COLUMN cost INTEGER;
                CREATE TABLE assessments (
                    id INTEGER PRIMARY KEY,
                    staff_id INTEGER NOT NULL REFERENCES staff(id),
                    unit_code TEXT NOT NULL,
                    assessed_on TEXT NOT NULL,
                    assessor_id INTEGER NOT NULL REFERENCES staff(id),
                    result TEXT NOT NULL CHECK (result IN ('kompeten', 'belum_kompeten')),
                    note TEXT,
                    at TEXT NOT NULL
                );
                CREATE INDEX assessments_staff ON assessments(staff_id, unit_code, assessed_on);
                CREATE TABLE monthly_costs (
                    id INTEGER PRIMARY KEY,
                    month TEXT NOT NULL UNIQUE,
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    entered_by INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL
                );
                CREATE TABLE premi_months (
                    id INTEGER PRIMARY KEY,
                    month TEXT NOT NULL UNIQUE,
                    revenue INTEGER NOT NULL,
                    cost INTEGER NOT NULL,
                    profit INTEGER NOT NULL,
                    premi_pool INTEGER NOT NULL,
                    pnbp_share INTEGER NOT NULL,
                    capital_share INTEGER NOT NULL,
                    closed_by INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL
                );
                -- Premi is credited to a ledger per WBP, never paid in cash inside.
                CREATE TABLE premi_ledger (
                    id INTEGER PRIMARY KEY,
                    staff_id INTEGER NOT NULL REFERENCES staff(id),
                    month TEXT NOT NULL,
                    amount INTEGER NOT NULL CHECK (amount >= 0),
                    basis_seconds INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    UNIQUE (staff_id, month)
                );
                CREATE TABLE pnbp_deposits (
                    id INTEGER PRIMARY KEY,
                    deposited_on TEXT NOT NULL,
                    amount INTEGER NOT NULL CHECK (amount > 0),
                    billing_code TEXT NOT NULL CHECK (length(billing_code) = 15),
                    ntpn TEXT NOT NULL,
                    recorded_by INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL
                );
                CREATE TABLE pnbp_deposit_tills (
                    deposit_id INTEGER NOT NULL REFERENCES pnbp_deposits(id),
                    till_id INTEGER NOT NULL UNIQUE REFERENCES tills(id)
                );
                -- Hours attributed to skills in a closed month: kept so reports need not re-read history.
                CREATE TABLE practice_hours (
                    staff_code TEXT NOT NULL,
                    month TEXT NOT NULL,
                    skill TEXT NOT NULL,
                    seconds INTEGER NOT NULL,
                    PRIMARY KEY (month, staff_code, skill)
                );
                CREATE TRIGGER premi_ledger_fixed BEFORE UPDATE ON premi_ledger
                    BEGIN SELECT RAISE(ABORT, 'the premi ledger is append-only'); END;
                CREATE TRIGGER premi_ledger_no_delete BEFORE DELETE ON premi_ledger
                    BEGIN SELECT RAISE(ABORT, 'the premi ledger is append-only'); END;
                """)
        }
        migrator.registerMigration("v5: indexes for monthly reports") { db in
            // Without them a month's shifts joined their breaks by scanning every break ever taken.
            try db.execute(sql: """
                CREATE INDEX breaks_attendance ON breaks(attendance_id);
                CREATE INDEX attendance_clock_in ON attendance(clock_in);
                CREATE INDEX tills_closed_at ON tills(closed_at);
                """)
        }
        migrator.registerMigration("v6: one time format, a guarded schema, refunds by line and tender, counts, policy, notes") { db in
            try SchemaV6.migrate(db)
        }
        migrator.registerMigration("v7: monthly figures kept by triggers") { db in
            try db.execute(sql: SchemaV7.sql)
        }
        migrator.registerMigration("v8: QRIS references compared without case") { db in
            // References are stored upper-cased since v6, but older ones may not be: a used
            // "abc123" must still refuse "ABC123". The stored rows are journaled and stay as
            // they are; the comparison and its index ignore case instead.
            try db.execute(sql: "CREATE INDEX payments_qris_reference_upper ON payments(upper(reference)) WHERE method = 'qris'")
        }
        migrator.registerMigration("v9: cash refunds rounded as sales are") { db in
            // A refund part paid from the drawer goes back rounded to the café's smallest step,
            // as a sale's total is; refund_tenders keeps the payment's exact share (so each
            // payment's refunds still add up to what it paid) and the rounding sits here, so the
            // till nets to the Rupiah. A table of its own, journaled on its own: a column on
            // refund_tenders would change the snapshot of every refund already journaled.
            try db.execute(sql: """
                CREATE TABLE refund_rounding (
                    id INTEGER PRIMARY KEY,
                    refund_tender_id INTEGER NOT NULL UNIQUE REFERENCES refund_tenders(id),
                    -- What the rounding added to (positive) or took off (negative) the cash handed back.
                    amount INTEGER NOT NULL CHECK (amount != 0)
                );
                CREATE TRIGGER refund_rounding_append_only_update BEFORE UPDATE ON refund_rounding
                    BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;
                CREATE TRIGGER refund_rounding_append_only_delete BEFORE DELETE ON refund_rounding
                    BEGIN SELECT RAISE(ABORT, 'refunds are append-only'); END;
                """)
        }
        migrator.registerMigration("v10: an unambiguous journal encoding, personal fields as salted digests, no deletes") { db in
            try SchemaV10.migrate(db)
        }
        migrator.registerMigration("v11: PIN failures counted in a window") { db in
            // Wrong PINs are counted from the journal's pin_failed entries of the last 24 hours,
            // which a right PIN no longer clears; lockouts, unlocks and resets are read the same
            // way. The index holds only those kinds; a query names them in the same words.
            //
            // staff.failed_pins now counts only the attempts under way (raised before the slow
            // hash, lowered once judged); the wrong PINs it held are in the journal already.
            //
            // The wrong PINs since a supervisor's last right one are those after their last
            // journaled act (an act needs a right PIN): found by actor, on an index of its own,
            // so nothing is written when a right PIN is followed by a refused act.
            try db.execute(sql: """
                CREATE INDEX journal_pin ON journal(subject, kind, seq)
                    WHERE kind IN ('pin_failed', 'pin_lockout', 'pin_unlocked', 'pin_reset');
                UPDATE staff SET failed_pins = 0 WHERE failed_pins != 0;
                CREATE INDEX journal_actor ON journal(actor, seq) WHERE actor IS NOT NULL;
                """)
        }
        migrator.registerMigration("v12: premi closes in order") { db in
            // A month's hours count every shift that reaches into it, however long before the
            // month it began: those are found by their end (clock_in rides along, so the index
            // alone tells which of them began before the month).
            try db.execute(sql: "CREATE INDEX attendance_clock_out ON attendance(clock_out, clock_in)")
        }
        migrator.registerMigration("v13: money and premi rules in the database") { db in
            try SchemaV13.migrate(db)
        }
        migrator.registerMigration("v14: WBP PINs and QRIS confirmation") { db in
            // A WBP's own PIN is a staff row's pin_hash, as a supervisor's is: the column is there
            // and its digest already in every staff snapshot (NULL until set), so no row is
            // journaled anew. The last time a supervisor set it starts the count of wrong PINs;
            // this index finds it (a query names the kind in the same words).
            //
            // A QRIS payment is unconfirmed until a row here says otherwise: confirmed (by hand
            // or by the settlement file), or written off by an admin with a reason and what it
            // took out of revenue. Append-only: a confirmation after a write-off is a new row,
            // and the newest row of a payment is its status. A table of its own, journaled on
            // its own: a column on payments would change the snapshot of every order.
            try db.execute(sql: """
                CREATE INDEX journal_wbp_pin_set ON journal(subject, seq) WHERE kind = 'wbp_pin_set';
                CREATE TABLE qris_confirmations (
                    id INTEGER PRIMARY KEY,
                    payment_id INTEGER NOT NULL REFERENCES payments(id),
                    status TEXT NOT NULL CHECK (status IN ('confirmed', 'written_off')),
                    source TEXT NOT NULL CHECK (source IN ('manual', 'settlement')),
                    -- A write-off's reason, and what it took out of revenue (the payment less its
                    -- refunds then) with the PB1 in it; all NULL for a confirmation.
                    reason TEXT CHECK (reason IS NULL OR length(reason) BETWEEN 1 AND 200),
                    amount INTEGER CHECK (amount IS NULL OR amount > 0),
                    tax INTEGER CHECK (tax IS NULL OR tax BETWEEN 0 AND amount),
                    by_id INTEGER NOT NULL REFERENCES staff(id),
                    at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
                    CHECK ((status = 'written_off') = (reason IS NOT NULL AND amount IS NOT NULL AND tax IS NOT NULL)),
                    CHECK (status = 'written_off' OR (reason IS NULL AND amount IS NULL AND tax IS NULL))
                );
                CREATE INDEX qris_confirmations_payment ON qris_confirmations(payment_id, id);
                CREATE TRIGGER qris_confirmations_qris_only BEFORE INSERT ON qris_confirmations
                    WHEN (SELECT method FROM payments WHERE id = NEW.payment_id) IS NOT 'qris'
                    BEGIN SELECT RAISE(ABORT, 'only a QRIS payment is confirmed or written off'); END;
                CREATE TRIGGER qris_confirmations_append_only_update BEFORE UPDATE ON qris_confirmations
                    BEGIN SELECT RAISE(ABORT, 'QRIS confirmations are append-only'); END;
                CREATE TRIGGER qris_confirmations_append_only_delete BEFORE DELETE ON qris_confirmations
                    BEGIN SELECT RAISE(ABORT, 'QRIS confirmations are append-only'); END;
                """)
        }
        migrator.registerMigration("v15: QRIS payloads, settlement reports, the QRIS bill slip") { db in
            try SchemaV15.migrate(db)
        }
        migrator.registerMigration("v16: the centre the café's journal is sent to") { db in
            // One row: the centre's address, the café's code there, the centre's public key
            // pinned at enrolment (its receipts are checked against it) and the café's own
            // public key (its private half is a file only the sending account reads).
            try db.execute(sql: """
                CREATE TABLE central_link (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    url TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 500 AND (url GLOB 'http://*' OR url GLOB 'https://*')),
                    cafe TEXT NOT NULL CHECK (length(cafe) BETWEEN 2 AND 16 AND cafe NOT GLOB '*[^A-Z0-9]*'),
                    centre_key BLOB NOT NULL CHECK (length(centre_key) = 32),
                    cafe_key BLOB NOT NULL CHECK (length(cafe_key) = 32),
                    by_id INTEGER NOT NULL REFERENCES staff(id),
                    joined_at TEXT NOT NULL CHECK (joined_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')
                );
                CREATE TRIGGER central_link_no_delete BEFORE DELETE ON central_link
                    BEGIN SELECT RAISE(ABORT, 'the central link is never deleted'); END;
                CREATE TRIGGER central_link_fixed BEFORE UPDATE ON central_link
                    BEGIN SELECT RAISE(ABORT, 'the central link never changes'); END;
                """)
        }
        migrator.registerMigration("v17: free text stays at the café") { db in
            try db.execute(sql: SchemaV17.sql)
        }
        migrator.registerMigration("v18: the centre's receipts") { db in
            // Every receipt the centre countersigned for this café, kept as it came: the head
            // it held (sequence and hash), the batch it answered (0 for a head query), and its
            // time. Append-only. Not journaled: an entry per sync would always leave one entry
            // the centre has not received; the receipt carries the centre's signature, so it
            // vouches for itself.
            try db.execute(sql: """
                CREATE TABLE central_receipts (
                    id INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL CHECK (seq >= 0),
                    head TEXT NOT NULL CHECK (length(head) = 64),
                    batch INTEGER NOT NULL CHECK (batch >= 0),
                    result TEXT NOT NULL CHECK (result IN ('stored', 'duplicate', 'head')),
                    received_at TEXT NOT NULL CHECK (received_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
                    receipt TEXT NOT NULL,
                    kept_at TEXT NOT NULL CHECK (kept_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')
                );
                CREATE TRIGGER central_receipts_append_only_update BEFORE UPDATE ON central_receipts
                    BEGIN SELECT RAISE(ABORT, 'the centre''s receipts are append-only'); END;
                CREATE TRIGGER central_receipts_append_only_delete BEFORE DELETE ON central_receipts
                    BEGIN SELECT RAISE(ABORT, 'the centre''s receipts are append-only'); END;
                """)
        }
        migrator.registerMigration("v19: transcripts issued") { db in
            // Every transcript handed out (report transcript --by or --print): its number, the
            // entry it was made at, the figures it printed without a name (canonical JSON) and
            // their SHA-256. Journaled, so the centre can vouch for a transcript from the
            // anchored journal alone; append-only, so what was issued stays what it was.
            try db.execute(sql: """
                CREATE TABLE transcript_issues (
                    id INTEGER PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE CHECK (number GLOB 'TR-[1-9]*-[0-9A-F][0-9A-F][0-9A-F][0-9A-F]-[0-9A-F][0-9A-F][0-9A-F][0-9A-F]-[0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
                    staff_id INTEGER NOT NULL REFERENCES staff(id),
                    made_at_seq INTEGER NOT NULL CHECK (made_at_seq > 0),
                    figures TEXT NOT NULL CHECK (json_valid(figures) AND length(figures) <= 200000),
                    digest TEXT NOT NULL CHECK (length(digest) = 64 AND digest NOT GLOB '*[^0-9a-f]*'),
                    issued_by INTEGER REFERENCES staff(id),
                    printed INTEGER NOT NULL CHECK (printed IN (0, 1)),
                    issued_at TEXT NOT NULL CHECK (issued_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')
                );
                CREATE INDEX transcript_issues_staff ON transcript_issues (staff_id);
                CREATE TRIGGER transcript_issues_append_only_update BEFORE UPDATE ON transcript_issues
                    BEGIN SELECT RAISE(ABORT, 'issued transcripts are append-only'); END;
                CREATE TRIGGER transcript_issues_append_only_delete BEFORE DELETE ON transcript_issues
                    BEGIN SELECT RAISE(ABORT, 'issued transcripts are append-only'); END;
                """)
        }
        return migrator
    }
}
