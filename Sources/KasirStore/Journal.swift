import Crypto
import Foundation
import GRDB
import KasirCore

/// One row of the tamper-evident journal.
public struct JournalEntry: Hashable, Sendable {
    public var seq: Int64
    public var at: String
    public var kind: String
    public var actor: String?
    public var subject: String?
    public var payload: String
    public var previousHash: String
    public var hash: String
}

/// What `kasir audit verify` found.
public enum AuditFinding: Hashable, Sendable {
    /// A journal row whose hash or link does not match: edited, inserted or reordered.
    case journalRowAltered(seq: Int64)
    /// Rows of the journal are missing before `seq`.
    case journalRowsMissing(before: Int64)
    /// A row of `table` differs from what the journal recorded of it.
    case rowDiffers(table: String, id: Int64, seq: Int64)
    /// A row the journal recorded is gone.
    case rowDeleted(table: String, id: Int64, seq: Int64)
    /// A row the journal never recorded.
    case rowNotJournaled(table: String, id: Int64)
}

extension AppDatabase {
    static let genesisHash = String(repeating: "0", count: 64)

    /// Appends an event inside the caller's transaction.
    ///
    /// `payload` is encoded canonically (JSON, sorted keys); the hash is SHA-256 over the
    /// previous hash and every field of the row, so editing or deleting any row breaks the chain.
    /// When the event records the state of a row, `row` names it and its snapshot is added,
    /// so `audit verify` can compare the row as it is now with what was journaled.
    static func journal(
        _ db: Database, kind: String, actor: String?, subject: String?, payload: [String: Any] = [:],
        row: (table: String, id: Int64)? = nil, at instant: Date
    ) throws {
        var payload = payload
        if let row {
            payload["row"] = ["table": row.table, "id": row.id]
            payload["snapshot"] = try snapshot(db, table: row.table, id: row.id) as Any
        }
        let previous = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (previous?["seq"] ?? 0) + 1
        let previousHash: String = previous?["hash"] ?? genesisHash
        let at = timestamp(instant)
        let text = canonical(payload)
        let hash = chainHash(previous: previousHash, seq: seq, at: at, kind: kind, actor: actor, subject: subject, payload: text)
        try db.cachedStatement(sql: "INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [seq, at, kind, actor, subject, text, previousHash, hash])
    }

    static func chainHash(previous: String, seq: Int64, at: String, kind: String, actor: String?, subject: String?, payload: String) -> String {
        let fields = [previous, "\(seq)", at, kind, actor ?? "", subject ?? "", payload]
        let digest = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return digest.map { String(format: "%02x", $0) }.joined()
    }

    static func canonical(_ value: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// UTC with milliseconds, the form the journal hashes. A format style is a value, made
    /// once: a new ISO8601DateFormatter per call cost more than the SQL around it.
    static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func timestamp(_ instant: Date) -> String {
        timestampStyle.format(instant)
    }

    /// The tables whose rows the journal vouches for.
    static let journaledTables = [
        "orders", "attendance", "breaks", "tills", "cash_movements", "approvals", "refunds", "staff",
        "assessments", "monthly_costs", "premi_months", "premi_ledger", "pnbp_deposits",
    ]

    /// A row as the journal records it: canonical JSON of the columns that matter.
    static func snapshot(_ db: Database, table: String, id: Int64) throws -> Any? {
        func values(_ row: Row) -> [String: Any] {
            Dictionary(uniqueKeysWithValues: row.columnNames.map { column -> (String, Any) in
                switch (row[column] as DatabaseValue).storage {
                case .null: return (column, NSNull())
                case .int64(let number): return (column, number)
                case .double(let number): return (column, number)
                case .string(let text): return (column, text)
                case .blob(let data): return (column, data.base64EncodedString())
                }
            })
        }
        // Cached statements: every order's journal entry runs these same queries.
        func row(_ sql: String) throws -> [String: Any]? {
            try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: [id]).map(values)
        }
        func rows(_ sql: String) throws -> [[String: Any]] {
            try Row.fetchAll(try db.cachedStatement(sql: sql), arguments: [id]).map(values)
        }
        switch table {
        case "orders":
            guard var order = try row("SELECT * FROM orders WHERE id = ?") else { return nil }
            order["lines"] = try rows("SELECT * FROM order_lines WHERE order_id = ? ORDER BY position")
            order["modifiers"] = try rows("""
                SELECT m.* FROM order_line_modifiers m JOIN order_lines l ON l.id = m.line_id
                WHERE l.order_id = ? ORDER BY m.line_id, m.position
                """)
            order["payments"] = try rows("SELECT * FROM payments WHERE order_id = ? ORDER BY position")
            order["removed_lines"] = try rows("SELECT * FROM removed_lines WHERE order_id = ? ORDER BY id")
            return order
        case "staff":
            // PIN hash and failure counters change without being facts about the person.
            return try row("""
                SELECT id, code, role, name, alias, registration, nip, status, decree_number, decree_from,
                    decree_until, decree_revoked FROM staff WHERE id = ?
                """)
        case "tills":
            // The journal head is written beside the till after the close event that it covers.
            guard var till = try row("SELECT * FROM tills WHERE id = ?") else { return nil }
            till["journal_head"] = nil
            return till
        case "attendance", "breaks", "cash_movements", "approvals", "refunds", "assessments", "monthly_costs", "premi_months",
            "premi_ledger", "pnbp_deposits":
            return try row("SELECT * FROM \(table) WHERE id = ?")
        default:
            return nil
        }
    }

    /// The last hash of the chain: printed on the Z report.
    public func journalHead() throws -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? Self.genesisHash }
    }

    /// The journal, oldest first, optionally from `seq` on.
    public func journalEntries(from seq: Int64 = 1, limit: Int = 1_000_000) throws -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map {
                JournalEntry(seq: $0["seq"], at: $0["at"], kind: $0["kind"], actor: $0["actor"], subject: $0["subject"],
                             payload: $0["payload"], previousHash: $0["prev_hash"], hash: $0["hash"])
            }
        }
    }

    /// Walks the chain and compares every journaled table with it.
    ///
    /// - Returns: what does not match, the chain first; empty when all is intact.
    public func verifyJournal() throws -> [AuditFinding] {
        try read { db in
            var findings: [AuditFinding] = []
            var previousHash = Self.genesisHash
            var expectedSeq: Int64 = 1
            var latest: [String: (seq: Int64, snapshot: String)] = [:]
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM journal ORDER BY seq")
            while let row = try cursor.next() {
                let seq: Int64 = row["seq"]
                let payload: String = row["payload"]
                if seq != expectedSeq, findings.isEmpty { findings.append(.journalRowsMissing(before: seq)) }
                let hash = Self.chainHash(
                    previous: previousHash, seq: seq, at: row["at"], kind: row["kind"], actor: row["actor"],
                    subject: row["subject"], payload: payload)
                if findings.isEmpty, row["prev_hash"] != previousHash || row["hash"] != hash {
                    findings.append(.journalRowAltered(seq: seq))
                }
                previousHash = row["hash"]
                expectedSeq = seq + 1
                if let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                    let reference = object["row"] as? [String: Any], let table = reference["table"] as? String,
                    let id = (reference["id"] as? NSNumber)?.int64Value
                {
                    latest["\(table)#\(id)"] = (seq, Self.canonical(object["snapshot"] ?? NSNull()))
                }
            }
            for table in Self.journaledTables {
                for id in try Int64.fetchAll(db, sql: "SELECT id FROM \(table) ORDER BY id") {
                    guard let recorded = latest.removeValue(forKey: "\(table)#\(id)") else {
                        findings.append(.rowNotJournaled(table: table, id: id))
                        continue
                    }
                    let now = Self.canonical(try Self.snapshot(db, table: table, id: id) ?? NSNull())
                    if now != recorded.snapshot { findings.append(.rowDiffers(table: table, id: id, seq: recorded.seq)) }
                }
            }
            for (key, recorded) in latest.sorted(by: { $0.value.seq < $1.value.seq }) {
                let parts = key.split(separator: "#")
                findings.append(.rowDeleted(table: String(parts[0]), id: Int64(parts[1]) ?? 0, seq: recorded.seq))
            }
            return findings
        }
    }
}
