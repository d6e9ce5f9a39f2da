import Crypto
import Foundation
import GRDB
import KasirCore
import KasirLedger

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
    /// How the chain hash reads the fields (``JournalEncoding``).
    public var encoding: Int = 1
}

/// The key of a journaled row: an integer id, or a text key such as a menu item's code.
public enum JournalKey: Hashable, Sendable, Comparable {
    case integer(Int64)
    case text(String)

    /// As the journal stores it.
    public var text: String {
        switch self {
        case .integer(let value): return String(value)
        case .text(let value): return value
        }
    }

    public static func < (a: JournalKey, b: JournalKey) -> Bool {
        switch (a, b) {
        case (.integer(let x), .integer(let y)): return x < y
        // SQLite's BINARY collation: byte order of the UTF-8 text.
        case (.text(let x), .text(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.integer, .text): return true
        case (.text, .integer): return false
        }
    }

    init(_ value: DatabaseValue) throws {
        switch value.storage {
        case .int64(let number): self = .integer(number)
        case .string(let text): self = .text(text)
        default: throw StoreError.failed("a journaled row without a key")
        }
    }
}

/// A table whose rows the journal vouches for, and how a row of it is written down.
///
/// A row's snapshot is canonical JSON of its columns (less those that change without being
/// facts about it, such as a PIN's failure counter), with its child rows nested: an order
/// carries its lines, modifiers, payments and removed lines; a till its counts.
struct JournaledTable: Sendable, Hashable {
    struct Child: Sendable, Hashable {
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
    /// Personal fields (a name, a registration number, a NIP): the snapshot carries each as
    /// `<field>_digest`, salted with the row's ``saltColumn``, never in clear, so the journal
    /// can leave the café PC without personal data (UU 27/2022) and still vouch for them.
    var personal: Set<String> = []
    /// Free text (a note, a reason, a decree number), in the row or its children: the journal
    /// keeps it, but the entry's hash covers it only through a salted digest, so the entry
    /// can leave the café with `true` in its place (``JournalEncoding/v3``). The one list is
    /// ``FreeText/withheld``, which the centre checks against too.
    var withheld: Set<String> { FreeText.withheld[name] ?? [] }
    /// For a key made of several columns joined by `|`: those columns, so one row is found
    /// by its primary key rather than by evaluating the key of every row.
    var keyColumns: [String] = []

    static let orders = JournaledTable(name: "orders", key: "id", children: [
        Child(name: "lines", source: "order_lines", parent: "order_id", order: "position"),
        Child(name: "modifiers", source: "order_line_modifiers m JOIN order_lines l ON l.id = m.line_id", columns: "m.*",
              parent: "l.order_id", order: "m.line_id, m.position"),
        Child(name: "payments", source: "payments", parent: "order_id", order: "position"),
        Child(name: "removed_lines", source: "removed_lines", parent: "order_id", order: "id"),
    ])
    static let tills = JournaledTable(name: "tills", key: "id", children: [
        Child(name: "counts", source: "till_counts", parent: "till_id", order: "id"),
    ], omitted: ["journal_head"])
    static let refunds = JournaledTable(name: "refunds", key: "id", children: [
        Child(name: "refund_tenders", source: "refund_tenders", parent: "refund_id", order: "id"),
        Child(name: "refund_lines", source: "refund_lines", parent: "refund_id", order: "id"),
    ])
    static let staff = JournaledTable(
        name: "staff", key: "id", omitted: ["pin_hash", "failed_pins", "locked_until", saltColumn], pinDigest: true,
        personal: ["name", "registration", "nip"])

    /// The column of a row's random salt for its personal fields' digests (v10); itself never
    /// in a snapshot, so a digest cannot be matched against guessed names or numbers.
    static let saltColumn = "pii_salt"

    /// The digest of a personal field: SHA-256 of the salt, a zero byte and the value, in hex.
    static func saltedDigest(salt: Data, value: Data) -> String {
        AppDatabase.sha256Hex(salt + Data([0]) + value)
    }
    static let pnbpDeposits = JournaledTable(name: "pnbp_deposits", key: "id", children: [
        Child(name: "deposit_tills", source: "pnbp_deposit_tills", parent: "deposit_id", order: "till_id"),
    ])
    static let menuItems = JournaledTable(name: "menu_items", key: "code", children: [
        Child(name: "modifier_groups", source: "menu_item_modifiers", columns: "group_code, position", parent: "item_code", order: "position"),
    ])
    static let modifierGroups = JournaledTable(name: "modifier_groups", key: "code", children: [
        Child(name: "options", source: "modifier_options", parent: "group_code", order: "position"),
    ])
    static let practiceHours = JournaledTable(name: "practice_hours", key: "month || '|' || staff_code || '|' || skill",
                                              keyColumns: ["month", "staff_code", "skill"])
    static let attendance = JournaledTable(name: "attendance", key: "id")
    static let breaks = JournaledTable(name: "breaks", key: "id")
    static let cashMovements = JournaledTable(name: "cash_movements", key: "id")
    static let approvals = JournaledTable(name: "approvals", key: "id")
    static let assessments = JournaledTable(name: "assessments", key: "id")
    static let monthlyCosts = JournaledTable(name: "monthly_costs", key: "id")
    static let premiMonths = JournaledTable(name: "premi_months", key: "id")
    static let premiLedger = JournaledTable(name: "premi_ledger", key: "id")
    static let securityPolicy = JournaledTable(name: "security_policy", key: "id")
    static let coachingNotes = JournaledTable(name: "coaching_notes", key: "id")
    /// Tax, rounding, the premi split and the other rules that decide money (v13).
    static let moneyRules = JournaledTable(name: "money_rules", key: "id")
    /// The cash rounding of a refund part (v9): a table of its own rather than a child of
    /// `refunds`, so the refunds journaled before it keep their snapshots.
    static let refundRounding = JournaledTable(name: "refund_rounding", key: "id")
    /// QRIS payments confirmed or written off (v14): a table of its own, append-only (a later
    /// confirmation is a new row), so the orders journaled before it keep their snapshots.
    static let qrisConfirmations = JournaledTable(name: "qris_confirmations", key: "id")
    /// The QRIS payload a payment asked for (v15): a table of its own, so the orders journaled
    /// before it keep their snapshots.
    static let qrisRequests = JournaledTable(name: "qris_requests", key: "id")
    /// A settlement report imported (v15), with the lines it recorded: both append-only, so a
    /// file's snapshot is what it was when imported.
    static let settlementFiles = JournaledTable(name: "settlement_files", key: "id", children: [
        Child(name: "settlement_lines", source: "settlement_lines", parent: "file_id", order: "line"),
    ])

    /// The centre the journal is sent to, and the keys (v16).
    static let centralLink = JournaledTable(name: "central_link", key: "id")

    /// Transcripts issued (v19): the number and the figures printed, never a name.
    static let transcriptIssues = JournaledTable(name: "transcript_issues", key: "id")

    /// Every table the journal vouches for.
    static let all: [JournaledTable] = [
        orders, tills, refunds, staff, pnbpDeposits, menuItems, modifierGroups, practiceHours, attendance, breaks, cashMovements,
        approvals, assessments, monthlyCosts, premiMonths, premiLedger, securityPolicy, coachingNotes, refundRounding, moneyRules,
        qrisConfirmations, qrisRequests, settlementFiles, centralLink, transcriptIssues,
    ]

    static func named(_ name: String) -> JournaledTable? { all.first { $0.name == name } }

    /// The snapshot of the row with `key`, as it is now; `nil` when there is no such row.
    func snapshot(_ db: Database, key: JournalKey) throws -> String? {
        try snapshotBytes(db, key: key)?.text
    }
}

/// A row an entry vouches for.
struct JournalRow {
    var table: JournaledTable
    var key: JournalKey

    init(_ table: JournaledTable, _ id: Int64) {
        self.table = table
        key = .integer(id)
    }

    init(_ table: JournaledTable, text key: String) {
        self.table = table
        self.key = .text(key)
    }
}

extension AppDatabase {
    static let genesisHash = LedgerBatch.genesisHash

    /// Appends an event inside the caller's transaction.
    ///
    /// The hash is SHA-256 over the previous hash and every field of the row, so editing or
    /// deleting any row breaks the chain. When the event records the state of a row, `row`
    /// names it and its snapshot is written beside the event, so `audit verify` can compare
    /// the row as it is now with what was journaled. The snapshot is read from the rows the
    /// act just wrote, in its transaction, by the writer `audit verify` uses too
    /// (``SnapshotWriter``): what was journaled is what the rows say, by construction.
    ///
    /// - Returns: the new entry's hash.
    @discardableResult
    static func journal(
        _ db: Database, kind: String, actor: String?, subject: String?, payload: [String: CanonicalJSON] = [:],
        row: JournalRow? = nil, at instant: Date
    ) throws -> String {
        let vouched = try row.map { row -> VouchedRow in
            guard let whole = try row.table.snapshotBytes(db, key: row.key) else {
                throw StoreError.failed("journaling \(row.table.name) \(row.key.text): no such row")
            }
            // Free text in the row: its public form too, which the hash covers beside the
            // whole snapshot's salted digest, so the entry can leave the café without it.
            let publicForm = whole.withheld ? try row.table.snapshotBytes(db, key: row.key, publicForm: true)?.text : nil
            return VouchedRow(table: row.table.name, key: row.key.text, snapshot: whole.text, publicSnapshot: publicForm)
        }
        return try append(db, kind: kind, actor: actor, subject: subject, payload: CanonicalJSON.object(payload).text,
                          row: vouched, at: Timestamp.string(instant))
    }

    /// The row an entry vouches for, as the journal stores it: the whole snapshot and, when it
    /// holds free text, its public form.
    struct VouchedRow {
        var table: String
        var key: String
        var snapshot: String
        var publicSnapshot: String?
    }

    /// Appends one entry with its fields as given, hashed in the current encoding
    /// (``JournalHash``, ``JournalEncoding/v3``).
    static func append(
        _ db: Database, kind: String, actor: String?, subject: String?, payload: String, row: VouchedRow?, at: String
    ) throws -> String {
        let previous = try Row.fetchOne(try db.cachedStatement(sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (previous?[0] ?? 0) + 1
        let previousHash: String = previous?[1] ?? genesisHash
        let privateDigest = try row.flatMap { row in try row.publicSnapshot.map { _ in try Self.privateDigest(db, snapshot: row.snapshot) } }
        let hash = JournalHash.hex(encoding: .current, previous: previousHash, seq: seq, fields: JournalFields(
            at: at, kind: kind, actor: actor, subject: subject, payload: payload, rowTable: row?.table, rowKey: row?.key,
            snapshot: row?.publicSnapshot ?? row?.snapshot, privateDigest: privateDigest))
        try db.cachedStatement(sql: """
            INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding, public_snapshot)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                seq, at, kind, actor, subject, payload, previousHash, hash, row?.table, row?.key, row?.snapshot,
                JournalEncoding.current.rawValue, row?.publicSnapshot,
            ])
        return hash
    }

    /// The salted digest of a whole snapshot whose public form its entry carries: SHA-256 of
    /// the café's secret salt (v17, never journaled, never sent), a zero byte and the snapshot.
    static func privateDigest(_ db: Database, snapshot: String) throws -> String {
        JournaledTable.saltedDigest(salt: try journalSalt(db), value: Data(snapshot.utf8))
    }

    /// The café's secret salt for free text's digests (v17).
    static func journalSalt(_ db: Database) throws -> Data {
        guard let salt = try String.fetchOne(try db.cachedStatement(sql: "SELECT salt FROM journal_salt WHERE id = 1")) else {
            throw StoreError.failed("the journal's salt is missing")
        }
        return Data(salt.utf8)
    }

    static func sha256Hex(_ data: Data) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            bytes.append(hex[Int(byte >> 4)])
            bytes.append(hex[Int(byte & 0x0F)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The last hash of the chain: printed on the Z report.
    public func journalHead() throws -> String {
        try read { db in try Self.journalHead(db) }
    }

    static func journalHead(_ db: Database) throws -> String {
        try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? genesisHash
    }

    /// The newest entry, if any.
    public func lastJournalEntry() throws -> JournalEntry? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM journal ORDER BY seq DESC LIMIT 1").map(Self.journalEntry)
        }
    }

    /// SQLite's own check of the file: `ok`, or what it found.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check").joined(separator: "; ") }
    }

    /// The journal, oldest first, optionally from `seq` on.
    public func journalEntries(from seq: Int64 = 1, limit: Int = 1_000_000) throws -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map(Self.journalEntry)
        }
    }
}
