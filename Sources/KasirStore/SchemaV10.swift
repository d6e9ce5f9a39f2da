import Foundation
import GRDB
import KasirCore
import KasirLedger

/// Schema v10, for the journal to leave the café PC.
///
/// - The journal gains `encoding`: entries from now on are hashed in ``JournalEncoding/v2``,
///   length-prefixed and versioned, so an entry means one thing; the old ones keep theirs.
/// - Staff rows gain a random salt, and their snapshots carry the name, registration number
///   and NIP only as salted digests. Each staff row is journaled once more in that form; a
///   row that no longer matched its last snapshot is journaled as `upgrade_mismatch`, which
///   `audit verify` reports for ever, as the v6 baseline does.
/// - Every journaled table refuses DELETE: a correction is a new row or a status.
enum SchemaV10 {
    static let sql = """
        ALTER TABLE journal ADD COLUMN encoding INTEGER NOT NULL DEFAULT 1 CHECK (encoding IN (1, 2));
        ALTER TABLE staff ADD COLUMN pii_salt TEXT;
        UPDATE staff SET pii_salt = lower(hex(randomblob(16)));
        CREATE TRIGGER staff_salt_fixed BEFORE UPDATE OF pii_salt ON staff WHEN OLD.pii_salt IS NOT NULL
            BEGIN SELECT RAISE(ABORT, 'a salt is never changed'); END;
        CREATE TRIGGER staff_no_delete BEFORE DELETE ON staff
            BEGIN SELECT RAISE(ABORT, 'staff are never deleted: suspend or release them'); END;
        CREATE TRIGGER attendance_no_delete BEFORE DELETE ON attendance
            BEGIN SELECT RAISE(ABORT, 'attendance is never deleted: correct it with a new entry'); END;
        CREATE TRIGGER breaks_no_delete BEFORE DELETE ON breaks
            BEGIN SELECT RAISE(ABORT, 'breaks are never deleted: correct them with a new entry'); END;
        CREATE TRIGGER menu_items_no_delete BEFORE DELETE ON menu_items
            BEGIN SELECT RAISE(ABORT, 'menu items are never deleted: take them off the menu'); END;
        CREATE TRIGGER modifier_groups_no_delete BEFORE DELETE ON modifier_groups
            BEGIN SELECT RAISE(ABORT, 'modifier groups are never deleted'); END;
        CREATE TRIGGER monthly_costs_no_delete BEFORE DELETE ON monthly_costs
            BEGIN SELECT RAISE(ABORT, 'monthly costs are never deleted: record a correction'); END;
        """

    static func migrate(_ db: Database) throws {
        // The staff rows as the journal knew them, before the salt column changes their form.
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM staff ORDER BY id")
        var matched: [Int64: Bool] = [:]
        for id in ids { matched[id] = try matchesLastSnapshot(db, table: .staffBeforeV10, key: .integer(id)) ?? false }
        try db.execute(sql: sql)
        guard !ids.isEmpty, let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") else { return }
        for id in ids {
            try rejournal(db, table: .staff, key: .integer(id), matched: matched[id] == true, subject: nil, at: at)
        }
    }

    /// Whether the row is as its last snapshot recorded it; `nil` when there is no such row.
    static func matchesLastSnapshot(_ db: Database, table: JournaledTable, key: JournalKey) throws -> Bool? {
        guard let now = try table.snapshot(db, key: key) else { return nil }
        let recorded = try String.fetchOne(db, sql: """
            SELECT snapshot FROM journal WHERE row_table = ? AND row_key = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [table.name, key.text])
        return now == recorded
    }

    /// Journals a row again after a migration changed its snapshot's form: `upgrade_mismatch`
    /// when it no longer matched its last snapshot before (reported by `audit verify` for
    /// ever), else `<table>_rewritten`.
    static func rejournal(_ db: Database, table: JournaledTable, key: JournalKey, matched: Bool, subject: String?, at: String) throws {
        guard let snapshot = try table.snapshot(db, key: key) else { return }
        let subject = try subject ?? String.fetchOne(db, sql: "SELECT code FROM staff WHERE id = ?", arguments: [key.text])
        _ = try AppDatabase.append(
            db, kind: matched ? "row_rewritten" : "upgrade_mismatch", actor: nil, subject: subject,
            payload: "{}", row: (table.name, key.text, snapshot), at: at)
    }
}
