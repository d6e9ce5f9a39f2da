import Crypto
import Foundation
import GRDB
import KasirLedger

/// The v6 baseline: every row the journal vouches for, recorded once in the v6 snapshot form.
///
/// Frozen with the migration: the tables, how a row of each was written down and how an entry
/// was appended are copied here as v6 defined them, so the application's journal and snapshot
/// code can change (a new journaled table, a new column in a snapshot) without changing what
/// an upgrade through v6 writes. Entries are hashed in journal encoding 1, the one v6 wrote.
extension SchemaV6 {
    /// Converts the schema, then records the baseline.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: sql)
        try baselineJournal(db)
    }

    /// A table the journal vouched for at v6, and how v6 wrote a row of it down.
    struct BaselineTable: Sendable {
        /// Rows nested in the snapshot, such as an order's lines.
        struct Child: Sendable {
            /// The key the children sit under in the snapshot.
            var name: String
            /// What follows FROM, e.g. `order_lines`.
            var source: String
            var columns = "*"
            /// The expression naming the parent's key.
            var parent: String
            var order: String
        }

        var name: String
        /// The expression of the row's key.
        var key: String
        var children: [Child] = []
        /// Columns left out of the snapshot.
        var omitted: Set<String> = []
        /// Whether the snapshot carries a digest of the PIN hash (staff).
        var pinDigest = false
    }

    /// The tables the journal vouched for at v6, in the order the baseline records them. Staff
    /// kept its names and numbers in clear in snapshots until v10.
    static let baselineTables: [BaselineTable] = [
        BaselineTable(name: "orders", key: "id", children: [
            .init(name: "lines", source: "order_lines", parent: "order_id", order: "position"),
            .init(name: "modifiers", source: "order_line_modifiers m JOIN order_lines l ON l.id = m.line_id", columns: "m.*",
                  parent: "l.order_id", order: "m.line_id, m.position"),
            .init(name: "payments", source: "payments", parent: "order_id", order: "position"),
            .init(name: "removed_lines", source: "removed_lines", parent: "order_id", order: "id"),
        ]),
        BaselineTable(name: "tills", key: "id", children: [
            .init(name: "counts", source: "till_counts", parent: "till_id", order: "id"),
        ], omitted: ["journal_head"]),
        BaselineTable(name: "refunds", key: "id", children: [
            .init(name: "refund_tenders", source: "refund_tenders", parent: "refund_id", order: "id"),
            .init(name: "refund_lines", source: "refund_lines", parent: "refund_id", order: "id"),
        ]),
        baselineStaff,
        BaselineTable(name: "pnbp_deposits", key: "id", children: [
            .init(name: "deposit_tills", source: "pnbp_deposit_tills", parent: "deposit_id", order: "till_id"),
        ]),
        BaselineTable(name: "menu_items", key: "code", children: [
            .init(name: "modifier_groups", source: "menu_item_modifiers", columns: "group_code, position", parent: "item_code", order: "position"),
        ]),
        BaselineTable(name: "modifier_groups", key: "code", children: [
            .init(name: "options", source: "modifier_options", parent: "group_code", order: "position"),
        ]),
        BaselineTable(name: "practice_hours", key: "month || '|' || staff_code || '|' || skill"),
        BaselineTable(name: "attendance", key: "id"),
        BaselineTable(name: "breaks", key: "id"),
        BaselineTable(name: "cash_movements", key: "id"),
        BaselineTable(name: "approvals", key: "id"),
        BaselineTable(name: "assessments", key: "id"),
        BaselineTable(name: "monthly_costs", key: "id"),
        BaselineTable(name: "premi_months", key: "id"),
        BaselineTable(name: "premi_ledger", key: "id"),
        BaselineTable(name: "security_policy", key: "id"),
        BaselineTable(name: "coaching_notes", key: "id"),
    ]

    /// Staff as snapshots wrote it from v6 until v10: names and numbers in clear, the PIN hash
    /// as its digest. v10 compares each staff row with this form before writing it anew.
    static let baselineStaff = BaselineTable(name: "staff", key: "id", omitted: ["pin_hash", "failed_pins", "locked_until"], pinDigest: true)

    /// The tables journaled before v6; rows of the others had no snapshot to compare with.
    static let journaledBeforeV6: Set<String> = [
        "orders", "attendance", "breaks", "tills", "cash_movements", "approvals", "refunds", "staff", "assessments",
        "monthly_costs", "premi_months", "premi_ledger", "pnbp_deposits",
    ]

    /// Records every journaled row once in the v6 snapshot form, at the upgrade.
    ///
    /// A row that matches what the old journal recorded of it (compared on the columns the old
    /// snapshot had) is recorded as `baseline`; one that does not, or that was never journaled,
    /// as `baseline_mismatch`; a journaled row that is gone as `baseline_missing`. `audit verify`
    /// reports the last two for ever, so an upgrade cannot launder an edit made before it.
    static func baselineJournal(_ db: Database) throws {
        guard let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") else { return }
        var legacy: [String: [String: (seq: Int64, snapshot: Any)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT seq, payload FROM journal ORDER BY seq") {
            let payload: String = row[1]
            guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                let reference = object["row"] as? [String: Any], let table = reference["table"] as? String,
                let id = (reference["id"] as? NSNumber)?.int64Value
            else { continue }
            legacy[table, default: [:]]["\(id)"] = (row[0], object["snapshot"] ?? NSNull())
        }
        try appendEntry(db, kind: "schema_upgrade", subject: "v6", payload: #"{"version":6}"#, row: nil, at: at)
        for table in baselineTables {
            var recorded = legacy.removeValue(forKey: table.name) ?? [:]
            let keys = try DatabaseValue.fetchAll(db, sql: "SELECT \(table.key) AS _key FROM \(table.name) ORDER BY _key")
            for key in keys {
                let keyText = try baselineKeyText(key, table: table.name)
                guard let current = try snapshot(db, table, key: key) else { continue }
                let kind: String
                if let old = recorded.removeValue(forKey: keyText) {
                    kind = legacyMatches(old.snapshot, current) ? "baseline" : "baseline_mismatch"
                } else {
                    kind = journaledBeforeV6.contains(table.name) ? "baseline_mismatch" : "baseline"
                }
                try appendEntry(db, kind: kind, subject: "\(table.name) \(keyText)", payload: "{}",
                                row: (table.name, keyText, current.text), at: at)
            }
            for (key, old) in recorded.sorted(by: { $0.value.seq < $1.value.seq }) where !(old.snapshot is NSNull) {
                try appendEntry(db, kind: "baseline_missing", subject: "\(table.name) \(key)", payload: #"{"seq":\#(old.seq)}"#,
                                row: nil, at: at)
            }
        }
    }

    /// A row's key as the journal stores it: the integer in decimal, or the text.
    static func baselineKeyText(_ key: DatabaseValue, table: String) throws -> String {
        switch key.storage {
        case .int64(let number): return String(number)
        case .string(let text): return text
        default: throw DatabaseError(message: "a journaled row of \(table) without a key")
        }
    }

    /// The snapshot of the row of `table` whose key is `key`, as v6 wrote it; `nil` when there
    /// is no such row.
    static func snapshot(_ db: Database, _ table: BaselineTable, key: DatabaseValue) throws -> SnapshotJSON? {
        guard let row = try Row.fetchOne(
            try db.cachedStatement(sql: "SELECT * FROM \(table.name) WHERE \(table.key) = ?"), arguments: [key])
        else { return nil }
        var object = snapshotColumns(row, omitting: table.omitted)
        if table.pinDigest {
            let hash: String? = row["pin_hash"]
            object["pin_digest"] = hash.map { .string(sha256Hex(Array($0.utf8))) } ?? .null
        }
        for child in table.children {
            let rows = try Row.fetchAll(
                try db.cachedStatement(sql: "SELECT \(child.columns) FROM \(child.source) WHERE \(child.parent) = ? ORDER BY \(child.order)"),
                arguments: [key])
            object[child.name] = .array(rows.map { .object(snapshotColumns($0)) })
        }
        return .object(object)
    }

    /// Every column of `row` but those named in `omitting` (and the merge keys `_parent`, `_key`).
    static func snapshotColumns(_ row: Row, omitting: Set<String> = []) -> [String: SnapshotJSON] {
        var object: [String: SnapshotJSON] = [:]
        for (column, value) in zip(row.columnNames, row.databaseValues) where column != "_parent" && column != "_key" && !omitting.contains(column) {
            object[column] = SnapshotJSON(value)
        }
        return object
    }

    /// A snapshot as canonical JSON, as v6 defined it: keys sorted by their UTF-8 bytes, no
    /// spaces, integers only, strings escaped minimally; a real as its Swift text, a blob in
    /// base64.
    indirect enum SnapshotJSON: Hashable, Sendable {
        case null
        case integer(Int64)
        case string(String)
        case array([SnapshotJSON])
        case object([String: SnapshotJSON])

        /// A column's value as a snapshot holds it.
        init(_ value: DatabaseValue) {
            switch value.storage {
            case .null: self = .null
            case .int64(let number): self = .integer(number)
            case .double(let number): self = .string(String(number))
            case .string(let text): self = .string(text)
            case .blob(let data): self = .string(data.base64EncodedString())
            }
        }

        /// The one text form.
        var text: String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(256)
            write(into: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }

        func write(into bytes: inout [UInt8]) {
            switch self {
            case .null: bytes.append(contentsOf: Array("null".utf8))
            case .integer(let value): bytes.append(contentsOf: String(value).utf8)
            case .string(let value): Self.writeString(value.utf8, into: &bytes)
            case .array(let values):
                bytes.append(UInt8(ascii: "["))
                for (index, value) in values.enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    value.write(into: &bytes)
                }
                bytes.append(UInt8(ascii: "]"))
            case .object(let members):
                bytes.append(UInt8(ascii: "{"))
                for (index, key) in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                    if index > 0 { bytes.append(UInt8(ascii: ",")) }
                    Self.writeString(key.utf8, into: &bytes)
                    bytes.append(UInt8(ascii: ":"))
                    members[key]!.write(into: &bytes)
                }
                bytes.append(UInt8(ascii: "}"))
            }
        }

        /// `utf8` as a JSON string: `"` and `\` escaped, newline, return and tab by letter,
        /// other control bytes as `\u00xx`, everything else as it is.
        static func writeString(_ utf8: String.UTF8View, into bytes: inout [UInt8]) {
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
                case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
                case 0x0A: bytes.append(contentsOf: [92, 110])
                case 0x0D: bytes.append(contentsOf: [92, 114])
                case 0x09: bytes.append(contentsOf: [92, 116])
                case 0..<0x20: bytes.append(contentsOf: [92, 117, 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                default: bytes.append(byte)
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    /// Whether a row as it is now agrees with an old snapshot, on the columns the old one had.
    ///
    /// Instants the old schema wrote as `YYYY-MM-DD HH:MM:SS.SSS` are read as the same instant
    /// in the one shape; a column v6 dropped (its facts moved to new columns) is skipped.
    static func legacyMatches(_ recorded: Any, _ current: SnapshotJSON) -> Bool {
        switch (recorded, current) {
        case (is NSNull, .null): return true
        case (let text as String, .string(let now)):
            return text == now || legacyInstant(text) == now
        case (let number as NSNumber, .integer(let now)): return number.int64Value == now && !(recorded is String)
        case (let list as [Any], .array(let now)):
            return list.count == now.count && zip(list, now).allSatisfy { legacyMatches($0, $1) }
        case (let object as [String: Any], .object(let now)):
            return object.allSatisfy { key, value in now[key].map { legacyMatches(value, $0) } ?? true }
        default: return false
        }
    }

    /// `2026-10-31 00:12:10.800` (GRDB's form) as `2026-10-31T00:12:10.800Z`, when it names a
    /// real instant; `nil` for anything else.
    static func legacyInstant(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 23, bytes[10] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: ".") else { return nil }
        let candidate = text.replacingOccurrences(of: " ", with: "T") + "Z"
        return isInstant(candidate) ? candidate : nil
    }

    /// Whether `text` is an instant in the one shape, `YYYY-MM-DDTHH:MM:SS.sssZ`, of a day that
    /// exists (proleptic Gregorian).
    static func isInstant(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 24, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes[19] == UInt8(ascii: "."),
            bytes[23] == UInt8(ascii: "Z")
        else { return false }
        func number(_ offset: Int, _ width: Int) -> Int? {
            var value = 0
            for index in offset..<(offset + width) {
                let byte = bytes[index]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2), number(20, 3) != nil, (1...12).contains(month)
        else { return false }
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60
    }

    /// Appends one entry hashed in journal encoding 1, the journal as v6 left it (no `encoding`
    /// column yet). Every entry of the upgrade is its own: no actor.
    static func appendEntry(
        _ db: Database, kind: String, subject: String?, payload: String, row: (table: String, key: String, snapshot: String)?, at: String
    ) throws {
        let previous = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
        let seq: Int64 = (previous?[0] ?? 0) + 1
        let previousHash: String = previous?[1] ?? String(repeating: "0", count: 64)
        let hash = JournalHash.hex(encoding: JournalEncoding(rawValue: 1)!, previous: previousHash, seq: seq, fields: JournalFields(
            at: at, kind: kind, actor: nil, subject: subject, payload: payload, rowTable: row?.table, rowKey: row?.key, snapshot: row?.snapshot))
        try db.execute(sql: """
            INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot)
            VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [seq, at, kind, subject, payload, previousHash, hash, row?.table, row?.key, row?.snapshot])
    }

    /// SHA-256 of `bytes` in lower-case hex, as snapshots write digests.
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: bytes) {
            text.append(hex[Int(byte >> 4)])
            text.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
