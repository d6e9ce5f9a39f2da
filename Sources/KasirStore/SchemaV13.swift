import GRDB

/// Schema v13: the rules that decide money, premi and access, all in the database.
///
/// - `money_rules` (one row) holds tax, service charge, rounding, the premi/PNBP/capital split,
///   station weights, Z backups kept and the static QRIS payload; `security_policy` gains the
///   supervisor session cap and the longest shift without a reason.
/// - A database made before this version (its journal not empty) is not given the rules of
///   whatever config the first command after the upgrade was handed: the security policy, if
///   it was never set, becomes the standard one here; the money rules are the standard ones
///   but *unconfirmed*, and no till opens and no order is recorded until an admin confirms or
///   sets them (`kasir policy confirm|set`), because a standard figure could change money
///   (a café that charged 0% PB1). A database from before admins has its first active
///   supervisor made one, so that someone can.
///
/// Frozen: rows are written in the snapshot form of v10 (``SchemaV10/snapshot(_:_:id:)``,
/// unchanged at v13) and hashed in journal encoding 2; the standard rules are literal.
enum SchemaV13 {
    static let sql = """
        CREATE TABLE money_rules (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            tax_label TEXT NOT NULL CHECK (length(tax_label) BETWEEN 1 AND 12),
            tax_basis_points INTEGER NOT NULL CHECK (tax_basis_points BETWEEN 0 AND 10000),
            prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
            service_basis_points INTEGER NOT NULL CHECK (service_basis_points BETWEEN 0 AND 10000),
            rounding_unit INTEGER NOT NULL CHECK (rounding_unit IN (1, 50, 100, 500, 1000)),
            rounding_mode TEXT NOT NULL CHECK (rounding_mode IN ('nearest', 'down', 'up')),
            premi_basis_points INTEGER NOT NULL CHECK (premi_basis_points BETWEEN 0 AND 10000),
            pnbp_basis_points INTEGER NOT NULL CHECK (pnbp_basis_points BETWEEN 0 AND 10000),
            capital_basis_points INTEGER NOT NULL CHECK (capital_basis_points BETWEEN 0 AND 10000),
            -- NULL: premi by plain hours; else {"bar":120,"dapur":100,"kasir":100}.
            station_weights TEXT,
            backups_kept INTEGER NOT NULL CHECK (backups_kept BETWEEN 1 AND 1000),
            qris_payload TEXT CHECK (qris_payload IS NULL OR length(qris_payload) BETWEEN 1 AND 512),
            -- Whose days and months business days, premi months and closing windows are.
            time_zone TEXT NOT NULL CHECK (length(time_zone) BETWEEN 1 AND 64),
            -- 0 when an upgrade set the standard rules: an admin must confirm them before money moves.
            confirmed INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
            set_by INTEGER REFERENCES staff(id),
            at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9].[0-9][0-9][0-9]Z'),
            CHECK (premi_basis_points + pnbp_basis_points + capital_basis_points = 10000)
        );
        CREATE TRIGGER money_rules_no_delete BEFORE DELETE ON money_rules
            BEGIN SELECT RAISE(ABORT, 'the money rules are never deleted'); END;
        ALTER TABLE security_policy ADD COLUMN supervisor_session_cap_seconds INTEGER NOT NULL DEFAULT 600
            CHECK (supervisor_session_cap_seconds BETWEEN 60 AND 3600);
        ALTER TABLE security_policy ADD COLUMN max_shift_hours INTEGER NOT NULL DEFAULT 12 CHECK (max_shift_hours BETWEEN 1 AND 24);
        ALTER TABLE premi_months ADD COLUMN rules TEXT;
        """

    /// The tables v13 journals, in the snapshot form of v10.
    static let premiMonths = SchemaV10.FlatTable(name: "premi_months")
    static let securityPolicy = SchemaV10.FlatTable(name: "security_policy")
    static let moneyRules = SchemaV10.FlatTable(name: "money_rules")

    static func migrate(_ db: Database) throws {
        let policyMatched = try SchemaV10.matchesLastSnapshot(db, table: securityPolicy, id: 1)
        // Closed premi months gain the rules they were closed by (none recorded before v13).
        var monthsMatched: [(Int64, Bool)] = []
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM premi_months ORDER BY id") {
            monthsMatched.append((id, try SchemaV10.matchesLastSnapshot(db, table: premiMonths, id: id) ?? false))
        }
        try db.execute(sql: sql)
        guard let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") else { return }
        for (id, matched) in monthsMatched {
            let month = try String.fetchOne(db, sql: "SELECT month FROM premi_months WHERE id = ?", arguments: [id])
            try SchemaV10.rejournal(db, table: premiMonths, id: id, matched: matched, subject: month, at: at)
        }
        // An older database: its security policy row has two more columns to vouch for.
        if let matched = policyMatched {
            try SchemaV10.rejournal(db, table: securityPolicy, id: 1, matched: matched, subject: "v13", at: at)
        } else {
            try db.execute(sql: """
                INSERT INTO security_policy (id, pin_attempts, pin_lockout_minutes, supervisor_idle_seconds, max_backdate_days, at)
                VALUES (1, 5, 15, 120, 7, ?)
                """, arguments: [at])
            try journalNewRow(db, kind: "security_policy_set", subject: "upgrade", payload: "{}", table: securityPolicy, id: 1, at: at)
        }
        // Someone must be able to confirm them: a database from before admins (v6) has none, so
        // its first active supervisor becomes one, as the first supervisor of a new database is.
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE role = 'admin' AND status = 'active'") != true,
            let first = try Int64.fetchOne(db, sql: "SELECT MIN(id) FROM staff WHERE role = 'supervisor' AND status = 'active'")
        {
            try db.execute(sql: "UPDATE staff SET role = 'admin' WHERE id = ?", arguments: [first])
            let code = try String.fetchOne(db, sql: "SELECT code FROM staff WHERE id = ?", arguments: [first])
            try journalNewRow(db, kind: "staff_status", subject: code, payload: #"{"role":"admin","by":"upgrade"}"#,
                              table: SchemaV10.staff, id: first, at: at)
        }
        try db.execute(sql: """
            INSERT INTO money_rules (id, tax_label, tax_basis_points, prices_include_tax, service_basis_points, rounding_unit, rounding_mode,
                premi_basis_points, pnbp_basis_points, capital_basis_points, station_weights, backups_kept, time_zone, confirmed, at)
            VALUES (1, 'PB1', 1000, 1, 0, 100, 'down', 5000, 1500, 3500, NULL, 30, 'Asia/Makassar', 0, ?)
            """, arguments: [at])
        try journalNewRow(db, kind: "money_rules_set", subject: "upgrade", payload: "{}", table: moneyRules, id: 1, at: at)
    }

    /// Journals a row the upgrade just wrote, with its snapshot.
    static func journalNewRow(
        _ db: Database, kind: String, subject: String?, payload: String, table: SchemaV10.FlatTable, id: Int64, at: String
    ) throws {
        guard let snapshot = try SchemaV10.snapshot(db, table, id: id) else {
            throw DatabaseError(message: "the v13 upgrade wrote no \(table.name) row \(id)")
        }
        try SchemaV10.appendEntry(db, kind: kind, subject: subject, payload: payload, row: (table.name, String(id), snapshot), at: at)
    }
}
