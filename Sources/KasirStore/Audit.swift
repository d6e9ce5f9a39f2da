import Crypto
import Foundation
import GRDB
import KasirCore

/// What `kasir audit verify` found.
public enum AuditFinding: Hashable, Sendable {
    /// A journal row whose hash or link does not match: edited, inserted or reordered.
    case journalRowAltered(seq: Int64)
    /// Rows of the journal are missing before `seq`.
    case journalRowsMissing(before: Int64)
    /// A row of `table` differs from what the journal last recorded of it (entry `seq`).
    case rowDiffers(table: String, key: String, seq: Int64)
    /// A row the journal recorded (entry `seq`) is gone.
    case rowDeleted(table: String, key: String, seq: Int64)
    /// A row the journal never recorded.
    case rowNotJournaled(table: String, key: String)
    /// When the database was upgraded to v6 (entry `seq`), the row already differed from the
    /// journal, or had never been journaled.
    case differedAtUpgrade(table: String, key: String, seq: Int64)
    /// When the database was upgraded to v6 (entry `seq`), a journaled row was already gone.
    case deletedBeforeUpgrade(table: String, key: String, seq: Int64)
    /// A closed till's stored journal head is not the hash of its close entry.
    case tillHeadMismatch(till: Int64)
    /// The head written down elsewhere is not in the chain: the journal was cut back or replaced.
    case headNotInChain(String)
    /// A row of `table` (a part of another row, such as a deposit's till) whose owner `parent`
    /// does not exist: written past the foreign keys, where no snapshot covers it.
    case partWithoutOwner(table: String, parent: String)
    /// An upgrade entry (entry `seq`) outside the one block the v6 upgrade wrote: a snapshot
    /// slipped into the chain to make an edited row look journaled.
    case baselineOutOfPlace(seq: Int64)
}

/// What `audit verify` checked and found.
public struct AuditReport: Hashable, Sendable {
    public var findings: [AuditFinding]
    /// Rows in the journal.
    public var rows: Int
    /// The last hash of the chain.
    public var head: String
    /// With `--head`: how many rows follow that head.
    public var rowsAfterGivenHead: Int?
}

extension AppDatabase {
    /// Walks the chain once and compares every journaled table with what it last recorded.
    ///
    /// ```swift
    /// let report = try database.verifyJournal(head: headWrittenOnPaper)
    /// report.findings.isEmpty   // intact, and the paper's head is in the chain
    /// ```
    ///
    /// - Parameter head: a head written down elsewhere (a Z report); a finding unless it is in the chain.
    /// - Returns: the findings, the chain first; none when all is intact.
    public func verifyJournal(head given: String? = nil) throws -> AuditReport {
        try read { db in
            var findings: [AuditFinding] = []
            var previousHash = Self.genesisHash
            var expectedSeq: Int64 = 1
            var rows = 0
            var givenSeq: Int64?
            var lastSeq: Int64 = 0
            var latest: [String: [JournalKey: (seq: Int64, digest: SHA256.Digest)]] = [:]
            var tillHeads: [Int64: String] = [:]
            // The v6 upgrade writes its baseline entries as one block, before any entry of its
            // own kind that names a row; one elsewhere is forged.
            var baselineBlock: (started: Bool, ended: Bool) = (false, false)
            var rowEntrySeen = false
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot FROM journal ORDER BY seq
                """)
            while let row = try cursor.next() {
                let seq: Int64 = row[0]
                let kind: String = row[2]
                let subject: String? = row[4]
                let hash: String = row[7]
                let rowTable: String? = row[8]
                let rowKey: String? = row[9]
                let snapshot: String? = row[10]
                rows += 1
                lastSeq = seq
                if seq != expectedSeq { findings.append(.journalRowsMissing(before: seq)) }
                let computed = Self.chainHash(
                    previous: previousHash, seq: seq, at: row[1], kind: kind, actor: row[3], subject: subject, payload: row[5],
                    rowTable: rowTable, rowKey: rowKey, snapshot: snapshot)
                // Each row is checked against the stored hash before it, so one edit is one
                // finding and every edit is reported: a known finding hides no later one.
                if (row[6] as String) != previousHash || hash != computed { findings.append(.journalRowAltered(seq: seq)) }
                if kind.hasPrefix("baseline") {
                    if baselineBlock.ended || rowEntrySeen { findings.append(.baselineOutOfPlace(seq: seq)) }
                    baselineBlock.started = true
                } else {
                    baselineBlock.ended = baselineBlock.started
                    rowEntrySeen = rowEntrySeen || rowTable != nil
                }
                previousHash = hash
                expectedSeq = seq + 1
                if hash == given { givenSeq = seq }
                if let rowTable, let rowKey, let snapshot {
                    let key = Self.journalKey(rowKey, table: rowTable)
                    latest[rowTable, default: [:]][key] = (seq, SHA256.hash(data: Data(snapshot.utf8)))
                    if kind == "baseline_mismatch" { findings.append(.differedAtUpgrade(table: rowTable, key: rowKey, seq: seq)) }
                } else if kind == "baseline_missing", let subject, let space = subject.firstIndex(of: " ") {
                    findings.append(.deletedBeforeUpgrade(
                        table: String(subject[..<space]), key: String(subject[subject.index(after: space)...]), seq: seq))
                }
                if kind == "till_close", let subject, subject.hasPrefix("till "), let till = Int64(subject.dropFirst(5)) {
                    tillHeads[till] = hash
                }
            }
            for table in JournaledTable.all {
                var recorded = latest.removeValue(forKey: table.name) ?? [:]
                try Self.eachSnapshot(db, of: table, orphan: { findings.append(.partWithoutOwner(table: $0, parent: $1.text)) }) { key, snapshot in
                    guard let entry = recorded.removeValue(forKey: key) else {
                        findings.append(.rowNotJournaled(table: table.name, key: key.text))
                        return
                    }
                    if SHA256.hash(data: Data(snapshot.utf8)) != entry.digest {
                        findings.append(.rowDiffers(table: table.name, key: key.text, seq: entry.seq))
                    }
                }
                for (key, entry) in recorded.sorted(by: { $0.value.seq < $1.value.seq }) {
                    findings.append(.rowDeleted(table: table.name, key: key.text, seq: entry.seq))
                }
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, journal_head FROM tills WHERE closed_at IS NOT NULL ORDER BY id") {
                let till: Int64 = row[0]
                if tillHeads[till] == nil || tillHeads[till] != (row[1] as String?) { findings.append(.tillHeadMismatch(till: till)) }
            }
            if let given, givenSeq == nil { findings.append(.headNotInChain(given)) }
            return AuditReport(findings: findings, rows: rows, head: previousHash, rowsAfterGivenHead: givenSeq.map { Int(lastSeq - $0) })
        }
    }

    static func journalKey(_ text: String, table: String) -> JournalKey {
        if JournaledTable.named(table)?.key == "id", let id = Int64(text) { return .integer(id) }
        return .text(text)
    }

    /// Calls `body` with every row of `table` and its snapshot, in key order, reading the table
    /// and each kind of child once; `orphan` with each child row whose parent does not exist.
    static func eachSnapshot(
        _ db: Database, of table: JournaledTable, orphan: (String, JournalKey) throws -> Void = { _, _ in },
        _ body: (JournalKey, String) throws -> Void
    ) throws {
        let parents = try Row.fetchCursor(db, sql: "SELECT \(table.key) AS _key, * FROM \(table.name) ORDER BY _key")
        let children = try table.children.map { child in
            try Row.fetchCursor(db, sql: """
                SELECT \(child.parent) AS _parent, \(child.columns) FROM \(child.source) ORDER BY \(child.parent), \(child.order)
                """)
        }
        var waiting: [Row?] = try children.map { try $0.next()?.copy() }
        while let parent = try parents.next() {
            let key = try JournalKey(parent["_key"])
            var object = table.object(parent)
            object["_key"] = nil
            for (index, child) in table.children.enumerated() {
                var rows: [CanonicalJSON] = []
                while let row = waiting[index] {
                    let owner = try JournalKey(row["_parent"])
                    if owner > key { break }
                    if owner == key {
                        rows.append(.object(JournaledTable.columns(row)))
                    } else {
                        try orphan(child.name, owner)
                    }
                    waiting[index] = try children[index].next()?.copy()
                }
                object[child.name] = .array(rows)
            }
            try body(key, CanonicalJSON.object(object).text)
        }
        for (index, child) in table.children.enumerated() {
            while let row = waiting[index] {
                try orphan(child.name, try JournalKey(row["_parent"]))
                waiting[index] = try children[index].next()?.copy()
            }
        }
    }

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
        _ = try append(db, kind: "schema_upgrade", actor: nil, subject: "v6", payload: #"{"version":6}"#, row: nil, at: at)
        for table in JournaledTable.all {
            var recorded = legacy.removeValue(forKey: table.name) ?? [:]
            let keys = try DatabaseValue.fetchAll(db, sql: "SELECT \(table.key) AS _key FROM \(table.name) ORDER BY _key").map(JournalKey.init)
            for key in keys {
                guard let current = try table.snapshotValue(db, key: key) else { continue }
                let kind: String
                if let old = recorded.removeValue(forKey: key.text) {
                    kind = legacyMatches(old.snapshot, current) ? "baseline" : "baseline_mismatch"
                } else {
                    kind = JournaledTable.journaledBeforeV6.contains(table.name) ? "baseline_mismatch" : "baseline"
                }
                _ = try append(db, kind: kind, actor: nil, subject: "\(table.name) \(key.text)", payload: "{}",
                               row: (table.name, key.text, current.text), at: at)
            }
            for (key, old) in recorded.sorted(by: { $0.value.seq < $1.value.seq }) where !(old.snapshot is NSNull) {
                _ = try append(db, kind: "baseline_missing", actor: nil, subject: "\(table.name) \(key)", payload: #"{"seq":\#(old.seq)}"#,
                               row: nil, at: at)
            }
        }
    }

    /// Whether a row as it is now agrees with an old snapshot, on the columns the old one had.
    ///
    /// Instants the old schema wrote as `YYYY-MM-DD HH:MM:SS.SSS` are read as the same instant
    /// in ``Timestamp``'s shape; a column v6 dropped (its facts moved to new columns) is skipped.
    static func legacyMatches(_ recorded: Any, _ current: CanonicalJSON) -> Bool {
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

    /// `2026-10-31 00:12:10.800` (GRDB's form) as `2026-10-31T00:12:10.800Z`.
    static func legacyInstant(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 23, bytes[10] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: ".") else { return nil }
        let candidate = text.replacingOccurrences(of: " ", with: "T") + "Z"
        return Timestamp.milliseconds(candidate) == nil ? nil : candidate
    }
}
