import Foundation
import GRDB
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
///
/// Frozen: the staff rows are compared in the form v6 wrote them (``SchemaV6/baselineStaff``)
/// and written in the form v10 defines here, entries hashed in journal encoding 2, whatever
/// the application's snapshots become later.
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
        for id in ids {
            let before = try SchemaV6.snapshot(db, SchemaV6.baselineStaff, key: id.databaseValue)?.text
            matched[id] = try before.map { try isLastSnapshot($0, of: "staff", id: id, db) } ?? false
        }
        try db.execute(sql: sql)
        guard !ids.isEmpty, let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") else { return }
        for id in ids {
            try rejournal(db, table: staff, id: id, matched: matched[id] == true, subject: nil, at: at)
        }
    }

    /// A table whose rows v10 (and v13, which writes the same form) journals anew, and how a
    /// row of it is written down: its columns, less the omitted ones, with the staff's PIN hash
    /// and personal fields as digests. Every such table is keyed by `id`.
    struct FlatTable: Sendable {
        var name: String
        /// Columns left out of the snapshot.
        var omitted: Set<String> = []
        /// Whether the snapshot carries `pin_digest`, the SHA-256 of `pin_hash` (staff).
        var pinDigest = false
        /// Fields written only as `<field>_digest`: the SHA-256 of the row's `pii_salt`, a zero
        /// byte and the field, so the journal can leave the café PC without personal data.
        var personal: Set<String> = []
    }

    /// Staff from v10 on: names, registration numbers and NIPs as salted digests; the salt,
    /// the PIN hash and the counters of wrong PINs never in a snapshot.
    static let staff = FlatTable(
        name: "staff", omitted: ["pin_hash", "failed_pins", "locked_until", "pii_salt"], pinDigest: true,
        personal: ["name", "registration", "nip"])

    /// The snapshot of the row of `table` with `id`, in the v10 form; `nil` when there is no
    /// such row.
    static func snapshot(_ db: Database, _ table: FlatTable, id: Int64) throws -> String? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(table.name) WHERE id = ?", arguments: [id]) else { return nil }
        let columns = Array(zip(row.columnNames, row.databaseValues))
        let salt = table.personal.isEmpty ? nil : columns.first(where: { $0.0 == "pii_salt" })?.1
        var object: [String: SchemaV6.SnapshotJSON] = [:]
        for (name, value) in columns where name != "_key" && name != "_parent" {
            if let salt, table.personal.contains(name) {
                object[name + "_digest"] = value.isNull ? .null : .string(SchemaV6.sha256Hex(bytes(salt) + [0] + bytes(value)))
            } else if table.omitted.contains(name) {
                if table.pinDigest && name == "pin_hash" {
                    object["pin_digest"] = value.isNull ? .null : .string(SchemaV6.sha256Hex(bytes(value)))
                }
            } else {
                object[name] = SchemaV6.SnapshotJSON(value)
            }
        }
        return SchemaV6.SnapshotJSON.object(object).text
    }

    /// A value's bytes as SQLite gives them as text: what a digest is taken of.
    static func bytes(_ value: DatabaseValue) -> [UInt8] {
        switch value.storage {
        case .null: return []
        case .int64(let number): return Array(String(number).utf8)
        case .double(let number): return Array(String(number).utf8)
        case .string(let text): return Array(text.utf8)
        case .blob(let data): return Array(data)
        }
    }

    /// Whether `snapshot` is the last one the journal recorded of the row `id` of `table`.
    static func isLastSnapshot(_ snapshot: String, of table: String, id: Int64, _ db: Database) throws -> Bool {
        let recorded = try String.fetchOne(db, sql: """
            SELECT snapshot FROM journal WHERE row_table = ? AND row_key = ? ORDER BY seq DESC LIMIT 1
            """, arguments: [table, String(id)])
        return snapshot == recorded
    }

    /// Whether the row is as its last snapshot recorded it, in the v10 form; `nil` when there
    /// is no such row.
    static func matchesLastSnapshot(_ db: Database, table: FlatTable, id: Int64) throws -> Bool? {
        guard let now = try Self.snapshot(db, table, id: id) else { return nil }
        return try isLastSnapshot(now, of: table.name, id: id, db)
    }

    /// Journals a row again after a migration changed its snapshot's form: `upgrade_mismatch`
    /// when it no longer matched its last snapshot before (reported by `audit verify` for
    /// ever), else `row_rewritten`. A staff row's subject is its code.
    static func rejournal(_ db: Database, table: FlatTable, id: Int64, matched: Bool, subject: String?, at: String) throws {
        guard let snapshot = try Self.snapshot(db, table, id: id) else { return }
        let subject = try subject ?? String.fetchOne(db, sql: "SELECT code FROM staff WHERE id = ?", arguments: [id])
        try appendEntry(db, kind: matched ? "row_rewritten" : "upgrade_mismatch", subject: subject, payload: "{}",
                        row: (table.name, String(id), snapshot), at: at)
    }

    /// Appends one entry hashed in journal encoding 2, the one v10 brings. Every entry of an
    /// upgrade is its own: no actor.
    static func appendEntry(
        _ db: Database, kind: String, subject: String?, payload: String, row: (table: String, key: String, snapshot: String), at: String
    ) throws {
        let previous = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (previous?[0] ?? 0) + 1
        let previousHash: String = previous?[1] ?? String(repeating: "0", count: 64)
        let hash = JournalHash.hex(encoding: JournalEncoding(rawValue: 2)!, previous: previousHash, seq: seq, fields: JournalFields(
            at: at, kind: kind, actor: nil, subject: subject, payload: payload, rowTable: row.table, rowKey: row.key, snapshot: row.snapshot))
        try db.execute(sql: """
            INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding)
            VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, 2)
            """, arguments: [seq, at, kind, subject, payload, previousHash, hash, row.table, row.key, row.snapshot])
    }
}
