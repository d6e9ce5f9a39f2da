import GRDB

/// v15: the QRIS payload an order asked for, the acquirer's settlement reports, and the
/// "Tagihan QRIS" slip in the print queue.
///
/// - `qris_requests`: the dynamic QRIS payload (with its amount and bill number) a QRIS
///   payment was asked for, written in the order's transaction. A table of its own, journaled
///   on its own: a child of the order would change the snapshot of every order journaled before.
/// - `settlement_files` and `settlement_lines`: each settlement report imported, the span of
///   days it covers, and each of its lines with what it was found to be. A line is recorded
///   once whatever file it arrives in (`UNIQUE (reference, day, amount)`), and a payment is
///   matched by one line at most. Both append-only; a file is journaled with its lines.
/// - `settlement_file_contents`: each imported file's bytes, kept beside its journaled row (whose
///   SHA-256 vouches for them) rather than in it, so the journal stays small: what a line
///   said can be read again when a payment is questioned.
/// - `money_rules` gains `qris_mdr_ceiling_basis_points`, the highest MDR a settlement line
///   may show (standard 0,8%); its row is journaled again (`row_rewritten`), as v13 did for
///   the security policy, for its snapshot has one more column.
/// - `print_jobs` takes the kind `qris_bill`, which is printed before its order exists (the
///   customer scans it, then the order is recorded): SQLite cannot change a CHECK, so the
///   table is rebuilt as v6 rebuilt it, its rows and indexes kept.
///
/// Frozen, as every migration is: literal SQL, lists written out as they are at v15.
enum SchemaV15 {
    static let sql = """
        CREATE TABLE qris_requests (
            id INTEGER PRIMARY KEY,
            payment_id INTEGER NOT NULL UNIQUE REFERENCES payments(id),
            -- The EMVCo payload as encoded in the QR code, CRC included.
            payload TEXT NOT NULL CHECK (length(payload) BETWEEN 20 AND 512),
            amount INTEGER NOT NULL CHECK (amount > 0),
            -- The bill number in the payload's additional data (tag 62, sub-tag 01).
            bill_number TEXT NOT NULL CHECK (length(bill_number) BETWEEN 1 AND 25),
            created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')
        );
        CREATE INDEX qris_requests_bill_number ON qris_requests(bill_number);
        CREATE TRIGGER qris_requests_qris_only BEFORE INSERT ON qris_requests
            WHEN (SELECT method FROM payments WHERE id = NEW.payment_id) IS NOT 'qris'
            BEGIN SELECT RAISE(ABORT, 'only a QRIS payment asks for a QRIS payload'); END;
        CREATE TRIGGER qris_requests_append_only_update BEFORE UPDATE ON qris_requests
            BEGIN SELECT RAISE(ABORT, 'QRIS requests are append-only'); END;
        CREATE TRIGGER qris_requests_append_only_delete BEFORE DELETE ON qris_requests
            BEGIN SELECT RAISE(ABORT, 'QRIS requests are append-only'); END;

        CREATE TABLE settlement_files (
            id INTEGER PRIMARY KEY,
            -- SHA-256 of the file's bytes: the same file imported again records nothing.
            sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
            name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
            layout TEXT NOT NULL CHECK (length(layout) BETWEEN 1 AND 40),
            -- The first and last day its lines carry, and how many days after a payment that
            -- day falls (0: the day paid): a payment of day D is vouched for by this file when
            -- D + settlement_days lies in the span.
            covers_from TEXT NOT NULL CHECK (covers_from GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            covers_through TEXT NOT NULL CHECK (covers_through GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND covers_through >= covers_from),
            settlement_days INTEGER NOT NULL CHECK (settlement_days BETWEEN 0 AND 14),
            -- The layout as it read the file (its columns, fee columns, units, filter), as
            -- canonical JSON: the config chooses it, so the record says what it was.
            layout_definition TEXT NOT NULL CHECK (length(layout_definition) <= 4000),
            -- Settlement lines in the file, those recorded before from another file included.
            line_count INTEGER NOT NULL CHECK (line_count > 0),
            by_id INTEGER NOT NULL REFERENCES staff(id),
            imported_at TEXT NOT NULL CHECK (imported_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z')
        );
        CREATE TABLE settlement_lines (
            id INTEGER PRIMARY KEY,
            file_id INTEGER NOT NULL REFERENCES settlement_files(id),
            line INTEGER NOT NULL CHECK (line >= 2),
            day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            reference TEXT NOT NULL CHECK (length(reference) BETWEEN 1 AND 64),
            amount INTEGER NOT NULL CHECK (amount > 0),
            -- The MDR the acquirer kept: a cost of the month its payment was sold in.
            fee INTEGER NOT NULL CHECK (fee BETWEEN 0 AND amount),
            -- matched: reference and amount are a QRIS payment's (confirmed by it); amount_differs:
            -- the reference is a payment's, the amount is not; date_differs: reference and amount
            -- are a payment's, the line's date cannot be its settlement's; duplicate: the payment
            -- was matched by another line already; not_in_kasir: no QRIS payment has the reference
            -- (nor the bill number Kasir gave it); ambiguous: the reference names two payments
            -- (one typed it, another's code carried it), and neither is confirmed.
            outcome TEXT NOT NULL CHECK (outcome IN ('matched', 'amount_differs', 'date_differs', 'duplicate', 'not_in_kasir', 'ambiguous')),
            payment_id INTEGER REFERENCES payments(id),
            UNIQUE (reference, day, amount),
            UNIQUE (file_id, line),
            CHECK ((outcome IN ('not_in_kasir', 'ambiguous')) = (payment_id IS NULL))
        );
        CREATE UNIQUE INDEX settlement_lines_matched ON settlement_lines(payment_id) WHERE outcome = 'matched';
        CREATE INDEX settlement_lines_payment ON settlement_lines(payment_id) WHERE payment_id IS NOT NULL;
        CREATE TRIGGER settlement_files_append_only_update BEFORE UPDATE ON settlement_files
            BEGIN SELECT RAISE(ABORT, 'settlement files are append-only'); END;
        CREATE TRIGGER settlement_files_append_only_delete BEFORE DELETE ON settlement_files
            BEGIN SELECT RAISE(ABORT, 'settlement files are append-only'); END;
        CREATE TRIGGER settlement_lines_append_only_update BEFORE UPDATE ON settlement_lines
            BEGIN SELECT RAISE(ABORT, 'settlement lines are append-only'); END;
        CREATE TRIGGER settlement_lines_append_only_delete BEFORE DELETE ON settlement_lines
            BEGIN SELECT RAISE(ABORT, 'settlement lines are append-only'); END;
        CREATE TABLE settlement_file_contents (
            file_id INTEGER PRIMARY KEY REFERENCES settlement_files(id),
            content BLOB NOT NULL CHECK (length(content) BETWEEN 1 AND 16777216)
        );
        CREATE TRIGGER settlement_file_contents_append_only_update BEFORE UPDATE ON settlement_file_contents
            BEGIN SELECT RAISE(ABORT, 'settlement files are append-only'); END;
        CREATE TRIGGER settlement_file_contents_append_only_delete BEFORE DELETE ON settlement_file_contents
            BEGIN SELECT RAISE(ABORT, 'settlement files are append-only'); END;

        ALTER TABLE money_rules ADD COLUMN qris_mdr_ceiling_basis_points INTEGER NOT NULL DEFAULT 80
            CHECK (qris_mdr_ceiling_basis_points BETWEEN 0 AND 10000);

        CREATE TABLE print_jobs_v15 (
            id INTEGER PRIMARY KEY,
            order_id INTEGER REFERENCES orders(id),
            kind TEXT NOT NULL CHECK (kind IN ('receipt', 'bar_ticket', 'receipt_copy', 'bar_ticket_copy', 'drawer', 'report', 'refund_slip', 'qris_bill')),
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'printed', 'failed', 'held', 'superseded')),
            payload BLOB,              -- the bytes for the printer, fixed when first rendered
            text TEXT,                 -- the same slip as text, for the screen
            queue TEXT,                -- the CUPS queue it was sent to
            cups_job_id INTEGER,
            attempts INTEGER NOT NULL DEFAULT 0,
            failure TEXT CHECK (failure IS NULL OR failure IN ('interrupted', 'no_printer', 'template', 'unreachable', 'refused', 'aborted', 'late')),
            failure_detail TEXT,       -- CUPS's own words, for the log and the curious
            created_at TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
            updated_at TEXT NOT NULL CHECK (updated_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
            printed_at TEXT CHECK (printed_at IS NULL OR printed_at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
            -- A QRIS bill is printed before its order is recorded.
            CHECK (order_id IS NOT NULL OR kind IN ('drawer', 'report', 'qris_bill'))
        );
        INSERT INTO print_jobs_v15 (id, order_id, kind, status, payload, text, queue, cups_job_id, attempts, failure, failure_detail, created_at, updated_at, printed_at)
            SELECT id, order_id, kind, status, payload, text, queue, cups_job_id, attempts, failure, failure_detail, created_at, updated_at, printed_at
            FROM print_jobs;
        DROP TABLE print_jobs;
        ALTER TABLE print_jobs_v15 RENAME TO print_jobs;
        CREATE INDEX print_jobs_status ON print_jobs(status, id);
        CREATE INDEX print_jobs_order ON print_jobs(order_id);
        """

    static func migrate(_ db: Database) throws {
        // The money rules' row, when there is one, gains a column: journaled again, so that
        // `audit verify` finds the row as its last snapshot says.
        let rulesMatched = try SchemaV10.matchesLastSnapshot(db, table: SchemaV13.moneyRules, id: 1)
        try db.execute(sql: sql)
        guard let matched = rulesMatched,
            let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1")
        else { return }
        try SchemaV10.rejournal(db, table: SchemaV13.moneyRules, id: 1, matched: matched, subject: "v15", at: at)
    }
}
