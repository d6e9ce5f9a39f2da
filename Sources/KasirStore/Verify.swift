import Crypto
import Synchronization
import Foundation
import GRDB
import GRDBSQLite
import KasirCore
import KasirLedger

extension AppDatabase {
    /// Walks the chain once and compares every journaled table with what it last recorded.
    ///
    /// The journal is read in one pass (one statement): each entry's hash is computed once from
    /// SQLite's own buffers and the digest of each row's latest snapshot kept. Then each
    /// journaled table is read once, its children merged in key order, each row written in
    /// canonical form and its digest compared; the orders' pass also recounts the monthly
    /// figures the reports read.
    ///
    /// ```swift
    /// let report = try database.verifyJournal(head: headWrittenOnPaper)
    /// report.findings.isEmpty   // intact, and the paper's head is in the chain
    /// ```
    ///
    /// - Parameters:
    ///   - head: a head written down elsewhere (a Z report); a finding unless it is in the chain.
    ///   - since: a row already verified: only the entries after it, and the rows they vouch
    ///     for, are checked (the daily check); `nil` checks everything.
    ///   - progress: told the share done, now and then.
    ///   - savedCopies: the backups folder, where a restore saved the database it replaced: a
    ///     head missing from the chain but found in such a copy is named as of the branch the
    ///     restore replaced; found nowhere, it is a journal cut back.
    /// - Returns: the findings, the chain first; none when all is intact.
    public func verifyJournal(
        head given: String? = nil, since: Int64? = nil, savedCopies: URL? = nil, progress: (@Sendable (Double) -> Void)? = nil
    ) throws -> AuditReport {
        let audit = try walkAndCompare(head: given, since: since, progress: progress)
        var report = audit.report
        // The schema with the full check only: learning the triggers to expect migrates a
        // database in memory (~150 ms), more than the whole daily check of a day's rows.
        if since == nil { report.findings = try read { db in try Self.schemaFindings(db) } + report.findings }
        if let given, audit.givenSeq == nil, let savedCopies,
            let restore = audit.restores.reversed().first(where: { Self.copy(savedCopies.appendingPathComponent($0.savedAs), holds: given) }),
            let index = report.findings.firstIndex(of: .headNotInChain(given))
        {
            report.findings[index] = .headBeforeRestore(given, restoredAt: restore.at, savedAs: restore.savedAs)
        }
        return report
    }

    /// The triggers as they are, against those Kasir's migrations make up to the same version:
    /// a trigger planted by someone with the file changes rows as they are written, before
    /// their snapshot is taken, so only the schema itself can show it.
    static func schemaFindings(_ db: Database) throws -> [AuditFinding] {
        let applied = try migrator.appliedIdentifiers(db)
        guard let last = migrator.migrations.last(where: applied.contains) else { return [] }
        let expected = try expectedTriggers(upTo: last)
        var actual: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'") {
            actual[row["name"]] = normalized(row["sql"] ?? "")
        }
        var findings: [AuditFinding] = []
        for (name, sql) in actual.sorted(by: { $0.key < $1.key }) {
            guard let made = expected[name] else {
                findings.append(.triggerPlanted(name))
                continue
            }
            if made != sql { findings.append(.triggerChanged(name)) }
        }
        for name in expected.keys.sorted() where actual[name] == nil { findings.append(.triggerMissing(name)) }
        return findings
    }

    /// Triggers of a database migrated from nothing up to `identifier`, by name, their SQL
    /// with whitespace made one space; made once per version a process meets.
    static func expectedTriggers(upTo identifier: String) throws -> [String: String] {
        try expectedTriggersCache.withLock { cache in
            if let known = cache[identifier] { return known }
            let scratch = try DatabaseQueue()
            try migrator.migrate(scratch, upTo: identifier)
            let triggers = try scratch.read { db in
                Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").map {
                    ($0["name"] as String, normalized($0["sql"] ?? ""))
                })
            }
            cache[identifier] = triggers
            return triggers
        }
    }

    static let expectedTriggersCache = Mutex<[String: [String: String]]>([:])

    static func normalized(_ sql: String) -> String {
        sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Whether the journal in the database at `file` (opened read-only) has an entry with `head`.
    /// A copy that is a symbolic link, lies in a backups folder that is one, or has one beside
    /// it that SQLite would open, holds nothing: Kasir opens no link.
    static func copy(_ file: URL, holds head: String) -> Bool {
        var configuration = readOnlyConfiguration
        configuration.busyMode = .immediateError
        guard Links.firstLink(amongDatabase: file.path) == nil, !Links.isLink(file.deletingLastPathComponent().path),
              FileManager.default.fileExists(atPath: file.path), let copy = try? DatabaseQueue(path: file.path, configuration: configuration) else { return false }
        defer { try? copy.close() }
        return (try? copy.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM journal WHERE hash = ?", arguments: [head]) }) == true
    }

    func walkAndCompare(head given: String?, since: Int64?, progress: (@Sendable (Double) -> Void)?) throws -> JournalAudit {
        let shares = ProgressShares(report: progress)
        if let since {
            return try read { db in
                var audit = JournalAudit(given: given, progress: { shares.set(0, $0) })
                try audit.walkChain(db, since: since)
                try audit.compareTouchedRows(db, since: since)
                return audit
            }
        }
        // The chain and the tables are read at once, on two connections (two cores); each pass
        // notes the journal's last row in its own read transaction, and if a write came
        // between their starts they are read again in one transaction.
        if let tables = try? DatabaseQueue(path: path, configuration: Self.readOnlyConfiguration) {
            let box = ResultBox<TableDigests>()
            let group = DispatchGroup()
            DispatchQueue.global().async(group: group) {
                box.result = Result { try tables.read { db in try TableDigests.read(db, progress: { shares.set(1, $0) }) } }
            }
            var audit = try read { db in
                var audit = JournalAudit(given: given, progress: { shares.set(0, $0) })
                try audit.walkChain(db, since: nil)
                return audit
            }
            group.wait()
            try? tables.close()
            if let digests = try box.result?.get(), digests.journalSeq == audit.lastSeq {
                audit.compare(with: digests)
                return audit
            }
        }
        return try read { db in
            var audit = JournalAudit(given: given, progress: { shares.set(0, $0) })
            try audit.walkChain(db, since: nil)
            audit.compare(with: try TableDigests.read(db, progress: { shares.set(1, $0) }))
            return audit
        }
    }

    /// A second connection that only reads.
    static var readOnlyConfiguration: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return configuration
    }

    /// Calls `body` with every row of `table` and its snapshot text, in key order (the menu's
    /// import compares before and after with it).
    static func eachSnapshot(_ db: Database, of table: JournaledTable, _ body: (JournalKey, String) throws -> Void) throws {
        var writer = SnapshotWriter()
        try writer.writeAll(db, table: table) { key, bytes in try body(key, bytes.text) }
    }
}

/// The first 128 bits of a snapshot's SHA-256: what the audit compares rows by, kept for
/// every row of the history at once (a second preimage of 128 bits is out of reach).
struct RowDigest: Hashable {
    var high: UInt64
    var low: UInt64

    init(_ bytes: UnsafeRawBufferPointer) {
        let digest = SHA256.hash(data: bytes)
        (high, low) = digest.withUnsafeBytes { ($0.loadUnaligned(fromByteOffset: 0, as: UInt64.self), $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
    }
}

/// The latest snapshot digest of each journaled row, by table.
struct RecordedSnapshots {
    var byInteger: [[Int64: (seq: Int64, digest: RowDigest)]]
    var byText: [[String: (seq: Int64, digest: RowDigest)]]

    init() {
        byInteger = Array(repeating: [:], count: JournaledTable.all.count)
        byText = Array(repeating: [:], count: JournaledTable.all.count)
    }
}

/// One run of `audit verify`.
struct JournalAudit {
    let given: String?
    let progress: (@Sendable (Double) -> Void)?
    var findings: [AuditFinding] = []
    var rows = 0
    var head = AppDatabase.genesisHash
    var givenSeq: Int64?
    var lastSeq: Int64 = 0
    var recorded = RecordedSnapshots()
    var tillHeads: [Int64: String] = [:]
    /// Each `backup_restored` entry the walk saw: when, and the file the replaced database was saved as.
    var restores: [(at: Date, savedAs: String)] = []

    init(given: String?, progress: (@Sendable (Double) -> Void)?) {
        self.given = given
        self.progress = progress
    }

    var report: AuditReport {
        var findings = self.findings
        if let given, givenSeq == nil { findings.append(.headNotInChain(given)) }
        return AuditReport(findings: findings, rows: Int(lastSeq), head: head, rowsAfterGivenHead: givenSeq.map { Int(lastSeq - $0) }, rowsChecked: rows)
    }

    static let tableNames = JournaledTable.all.map { Array($0.name.utf8) }
    static let backupRestored = Array("backup_restored".utf8)
    /// The columns after seq that the chain hashes, in ``JournalHash``'s order.
    static let hashedColumns: [Int32] = [1, 2, 3, 4, 5, 8, 9, 10]

    /// The index in ``JournaledTable/all`` of the table these bytes name.
    static func tableIndex(_ name: UnsafeRawBufferPointer) -> Int? {
        guard name.count > 0 else { return nil }
        return tableNames.firstIndex { $0.count == name.count && $0.withUnsafeBytes { memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 } }
    }

    static func starts(_ bytes: UnsafeRawBufferPointer, with prefix: StaticString) -> Bool {
        bytes.count >= prefix.utf8CodeUnitCount && memcmp(bytes.baseAddress!, prefix.utf8Start, prefix.utf8CodeUnitCount) == 0
    }

    static func equal(_ bytes: UnsafeRawBufferPointer, _ other: [UInt8]) -> Bool {
        bytes.count == other.count && (other.isEmpty || other.withUnsafeBytes { memcmp($0.baseAddress!, bytes.baseAddress!, other.count) == 0 })
    }

    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty, bytes.count < 19 else { return nil }
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int64(byte - 48)
        }
        return value
    }

    /// The chain: every entry's link and hash, the latest snapshot digest per row, the heads
    /// of closed tills, and the upgrade's block.
    mutating func walkChain(_ db: Database, since: Int64?) throws {
        var previous = Array(AppDatabase.genesisHash.utf8)
        var expected: Int64 = 1
        if let since {
            guard let hash = try String.fetchOne(db, sql: "SELECT hash FROM journal WHERE seq = ?", arguments: [since]) else {
                findings.append(.sinceNotInChain(since))
                return
            }
            previous = Array(hash.utf8)
            expected = since + 1
            lastSeq = since
            head = hash
        }
        let total = Double(max(try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") ?? 1, 1))
        var baselineStarted = false, baselineEnded = false, rowEntrySeen = false
        var computedHex = [UInt8](repeating: 0, count: 64)
        // A backup from before v10 has no encoding column: all of it is encoding 1.
        let encodingColumn = try db.columns(in: "journal").contains { $0.name == "encoding" } ? "encoding" : "1"
        var newestEncoding = JournalEncoding.v1
        if let since, let stored = try Int.fetchOne(db, sql: "SELECT \(encodingColumn) FROM journal WHERE seq = ?", arguments: [since]) {
            newestEncoding = JournalEncoding(rawValue: stored) ?? .v1
        }
        var lastBaseline: Int64 = 0
        var rowless: [(seq: Int64, kind: String)] = []
        // From v17: the public form an entry's hash covers when its row held free text, and the
        // salt of the whole snapshot's digest beside it.
        let publicColumn = try db.columns(in: "journal").contains { $0.name == "public_snapshot" } ? "public_snapshot" : "NULL"
        let salt = try db.tableExists("journal_salt") ? try AppDatabase.journalSalt(db) : nil
        var privateDigestHex = [UInt8](repeating: 0, count: 64)
        let rows = try RawRows(db, sql: """
            SELECT seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, \(encodingColumn), \(publicColumn)
            FROM journal WHERE seq > ? ORDER BY seq
            """, arguments: [.integer(since ?? 0)])
        defer { rows.finish() }
        while try rows.step() {
            let seq = rows.integer(0)
            self.rows += 1
            lastSeq = seq
            if seq != expected { findings.append(.journalRowsMissing(before: seq)) }
            expected = seq + 1
            let hasRow = !rows.isNull(8) && !rows.isNull(9) && !rows.isNull(10)
            guard let encoding = JournalEncoding(rawValue: Int(rows.integer(11))) else {
                findings.append(.unknownEncoding(seq: seq))
                previous = Array(rows.bytes(7))
                continue
            }
            if encoding.rawValue < newestEncoding.rawValue { findings.append(.olderEncodingAfterNewer(seq: seq)) }
            if encoding.rawValue > newestEncoding.rawValue { newestEncoding = encoding }
            // Encoding 3 with free text withheld: the hash covers the public form and the whole
            // snapshot's salted digest, which only the café, holding the salt, can recompute.
            let withheld = encoding == .v3 && !rows.isNull(12) && !rows.isNull(10)
            if withheld {
                var hasher = SHA256()
                if let salt { hasher.update(data: salt) }
                hasher.update(data: [0])
                hasher.update(bufferPointer: rows.bytes(10))
                JournalHash.writeHex(hasher.finalize(), into: &privateDigestHex)
            }
            // The hash, by the one function the centre uses too.
            let digest = previous.withUnsafeBytes { previousBytes in
                privateDigestHex.withUnsafeBytes { privateDigest in
                    JournalHash.digest(encoding: encoding, previous: previousBytes, seq: seq) { index in
                        if index == 8 { return withheld ? privateDigest : nil }
                        let column = index == 7 && withheld ? 12 : Self.hashedColumns[index]
                        return rows.isNull(column) ? nil : rows.bytes(column)
                    }
                }
            }
            JournalHash.writeHex(digest, into: &computedHex)
            if encoding == .v1 {
                if Self.hashedColumns.contains(where: { JournalHash.ambiguousUnderV1(rows.bytes($0)) }) {
                    findings.append(.ambiguousEntry(seq: seq))
                }
            }
            if !hasRow {
                let kind = rows.text(2)
                if JournalHash.kindsWithRow.contains(kind) { rowless.append((seq, kind)) }
            }
            let stored = rows.bytes(7)
            if !Self.equal(rows.bytes(6), previous) || !Self.equal(stored, computedHex) { findings.append(.journalRowAltered(seq: seq)) }
            previous = Array(stored)
            if let given, Self.equal(stored, Array(given.utf8)) { givenSeq = seq }
            let kind = rows.bytes(2)
            if Self.starts(kind, with: "baseline") {
                if baselineEnded || rowEntrySeen { findings.append(.baselineOutOfPlace(seq: seq)) }
                baselineStarted = true
                lastBaseline = seq
            } else {
                baselineEnded = baselineStarted
                rowEntrySeen = rowEntrySeen || hasRow
            }
            if hasRow, let table = Self.tableIndex(rows.bytes(8)) {
                let digest = RowDigest(rows.bytes(10))
                let key = rows.bytes(9)
                if JournaledTable.all[table].key == "id", let id = Self.integer(key) {
                    recorded.byInteger[table][id] = (seq, digest)
                } else {
                    recorded.byText[table][String(decoding: key, as: UTF8.self)] = (seq, digest)
                }
                if Self.equal(kind, Array("baseline_mismatch".utf8)) || Self.equal(kind, Array("upgrade_mismatch".utf8)) {
                    findings.append(.differedAtUpgrade(table: JournaledTable.all[table].name, key: rows.text(9), seq: seq))
                }
            } else if Self.equal(kind, Array("baseline_missing".utf8)) {
                let subject = rows.text(4)
                if let space = subject.firstIndex(of: " ") {
                    findings.append(.deletedBeforeUpgrade(table: String(subject[..<space]), key: String(subject[subject.index(after: space)...]), seq: seq))
                }
            }
            if Self.equal(kind, Self.backupRestored), let at = Timestamp.date(rows.text(1)),
                let payload = try? JSONSerialization.jsonObject(with: Data(rows.text(5).utf8)) as? [String: Any],
                let saved = payload["saved_as"] as? String, !saved.contains("/")
            {
                restores.append((at, saved))
            }
            if Self.equal(kind, Array("till_close".utf8)) {
                let subject = rows.text(4)
                if subject.hasPrefix("till "), let till = Int64(subject.dropFirst(5)) { tillHeads[till] = String(decoding: stored, as: UTF8.self) }
            }
            if self.rows & 0xFFF == 0 { progress?(Double(seq) / total) }
        }
        head = String(decoding: previous, as: UTF8.self)
        // Entries before the v6 baseline carried no rows; after it, these kinds always do.
        if since != nil, !rowless.isEmpty {
            lastBaseline = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal WHERE kind GLOB 'baseline*'") ?? 0
        }
        findings += rowless.filter { $0.seq > lastBaseline }.map { .entryWithoutRow(seq: $0.seq, kind: $0.kind) }
    }

    /// The tables as they are, compared with their latest snapshots; the tills' stored heads;
    /// the monthly figures and the parts without owners the walk found.
    mutating func compare(with tables: TableDigests) {
        for (index, table) in JournaledTable.all.enumerated() {
            var found: [(key: JournalKey, finding: AuditFinding)] = []
            var integers = tables.byInteger[index]
            for (id, entry) in recorded.byInteger[index] {
                guard let digest = integers.removeValue(forKey: id) else {
                    found.append((.integer(id), .rowDeleted(table: table.name, key: String(id), seq: entry.seq)))
                    continue
                }
                if digest != entry.digest { found.append((.integer(id), .rowDiffers(table: table.name, key: String(id), seq: entry.seq))) }
            }
            var texts = tables.byText[index]
            for (key, entry) in recorded.byText[index] {
                guard let digest = texts.removeValue(forKey: key) else {
                    found.append((.text(key), .rowDeleted(table: table.name, key: key, seq: entry.seq)))
                    continue
                }
                if digest != entry.digest { found.append((.text(key), .rowDiffers(table: table.name, key: key, seq: entry.seq))) }
            }
            for id in integers.keys { found.append((.integer(id), .rowNotJournaled(table: table.name, key: String(id)))) }
            for key in texts.keys { found.append((.text(key), .rowNotJournaled(table: table.name, key: key))) }
            findings += found.sorted { $0.key < $1.key }.map(\.finding)
        }
        findings += tables.orphans
        for (till, head) in tables.tillHeads where tillHeads[till] == nil || tillHeads[till] != head {
            findings.append(.tillHeadMismatch(till: till))
        }
        findings += tables.figures
    }

    /// With `--since`: each row an entry after it vouches for, compared with its latest snapshot,
    /// and the heads of tills closed since.
    mutating func compareTouchedRows(_ db: Database, since: Int64) throws {
        for (index, table) in JournaledTable.all.enumerated() {
            let keys = recorded.byInteger[index].map { (JournalKey.integer($0.key), $0.value) } + recorded.byText[index].map { (JournalKey.text($0.key), $0.value) }
            for (key, entry) in keys.sorted(by: { $0.1.seq < $1.1.seq }) {
                guard let bytes = try table.snapshotBytes(db, key: key) else {
                    findings.append(.rowDeleted(table: table.name, key: key.text, seq: entry.seq))
                    continue
                }
                if bytes.bytes.withUnsafeBytes({ RowDigest($0) }) != entry.digest {
                    findings.append(.rowDiffers(table: table.name, key: key.text, seq: entry.seq))
                }
            }
        }
        for (till, hash) in tillHeads.sorted(by: { $0.key < $1.key }) {
            if try String.fetchOne(db, sql: "SELECT journal_head FROM tills WHERE id = ?", arguments: [till]) != hash {
                findings.append(.tillHeadMismatch(till: till))
            }
        }
    }
}

/// Every journaled table as it is now: each row's snapshot digest, read in one pass per table.
struct TableDigests {
    var byInteger: [[Int64: RowDigest]] = Array(repeating: [:], count: JournaledTable.all.count)
    var byText: [[String: RowDigest]] = Array(repeating: [:], count: JournaledTable.all.count)
    /// Child rows whose parent does not exist.
    var orphans: [AuditFinding] = []
    /// Each closed till's stored journal head.
    var tillHeads: [(till: Int64, head: String?)] = []
    /// The monthly figures that disagree with the orders.
    var figures: [AuditFinding] = []
    /// The journal's last row when the tables were read: the chain must have seen the same.
    var journalSeq: Int64 = 0

    static func read(_ db: Database, progress: (Double) -> Void) throws -> TableDigests {
        var digests = TableDigests()
        digests.journalSeq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal") ?? 0
        var tally = MonthlyTally()
        for (index, table) in JournaledTable.all.enumerated() {
            // An older backup, checked as it is, lacks the tables later migrations made.
            guard try db.tableExists(table.name) else { continue }
            var writer = SnapshotWriter(observer: table.name == "orders" ? tally : nil)
            var orphans: [AuditFinding] = []
            var integers: [Int64: RowDigest] = [:], texts: [String: RowDigest] = [:]
            try writer.writeAll(db, table: table, orphan: { child, parent in
                orphans.append(.partWithoutOwner(table: child, parent: parent.text))
            }) { key, bytes in
                let digest = bytes.bytes.withUnsafeBytes { RowDigest($0) }
                switch key {
                case .integer(let id): integers[id] = digest
                case .text(let text): texts[text] = digest
                }
            }
            if let observed = writer.observer as? MonthlyTally { tally = observed }
            digests.byInteger[index] = integers
            digests.byText[index] = texts
            digests.orphans += orphans
            progress(Double(index + 1) / Double(JournaledTable.all.count))
        }
        digests.tillHeads = try Row.fetchAll(db, sql: "SELECT id, journal_head FROM tills WHERE closed_at IS NOT NULL ORDER BY id").map { ($0[0], $0[1]) }
        digests.figures = try tally.compare(db)
        // A settlement report's bytes sit beside its journaled row, vouched for by its digest.
        if try db.tableExists("settlement_file_contents") {
            for row in try Row.fetchAll(db, sql: """
                SELECT f.sha256, c.content FROM settlement_files f LEFT JOIN settlement_file_contents c ON c.file_id = f.id ORDER BY f.id
                """) {
                let sha256: String = row[0]
                let content: Data? = row[1]
                if content.map(AppDatabase.sha256Hex) != sha256 { digests.figures.append(.settlementFileDiffers(sha256: sha256)) }
            }
        }
        return digests
    }
}

/// A result handed from one thread to another, read after the other has finished.
final class ResultBox<Value>: @unchecked Sendable {
    var result: Result<Value, any Error>?
}

/// Progress of passes running at once, reported as their mean.
final class ProgressShares: @unchecked Sendable {
    let report: (@Sendable (Double) -> Void)?
    private let lock = NSLock()
    private var shares: [Double] = [0, 0]

    init(report: (@Sendable (Double) -> Void)?) { self.report = report }

    func set(_ pass: Int, _ share: Double) {
        guard let report else { return }
        let mean = lock.withLock { () -> Double in
            shares[pass] = share
            return shares.reduce(0, +) / Double(shares.count)
        }
        report(mean)
    }
}

/// The monthly figures recounted from the orders as the audit reads them, to compare with
/// what the triggers kept (``SchemaV7``).
struct MonthlyTally: RowObserver {
    struct Made: Hashable { var month: String; var maker: Int64; var skill: String }
    struct Served: Hashable { var month: String; var server: Int64; var status: String }
    struct MadeCount: Equatable { var items: Int64 = 0, modified: Int64 = 0 }
    struct ServedCount: Equatable { var orders: Int64 = 0, total: Int64 = 0, removed: Int64 = 0 }

    var made: [Made: MadeCount] = [:]
    var served: [Served: ServedCount] = [:]
    // The order being read.
    var month = "", server: Int64 = 0, status = "", total: Int64 = 0, removed: Int64 = 0
    var lines: [(id: Int64, maker: Int64, skill: String, quantity: Int64)] = []
    var modifiedLines: Set<Int64> = []
    var columns: (day: Int32, server: Int32, status: Int32, total: Int32)?
    var lineColumns: (id: Int32, maker: Int32, skill: Int32, quantity: Int32)?
    var modifierLine: Int32?

    static func column(_ rows: RawRows, _ name: String) -> Int32 {
        (0..<rows.columnCount).first { rows.name($0) == name } ?? -1
    }

    mutating func parent(_ rows: RawRows) {
        if columns == nil {
            columns = (Self.column(rows, "day"), Self.column(rows, "server_id"), Self.column(rows, "status"), Self.column(rows, "total"))
        }
        let columns = columns!
        month = String(rows.text(columns.day).prefix(7))
        server = rows.integer(columns.server)
        status = rows.text(columns.status)
        total = rows.integer(columns.total)
        removed = 0
        lines.removeAll(keepingCapacity: true)
        modifiedLines.removeAll(keepingCapacity: true)
    }

    mutating func child(_ index: Int, _ rows: RawRows) {
        switch JournaledTable.orders.children[index].name {
        case "lines":
            if lineColumns == nil {
                lineColumns = (Self.column(rows, "id"), Self.column(rows, "maker_id"), Self.column(rows, "skill"), Self.column(rows, "quantity"))
            }
            let columns = lineColumns!
            lines.append((rows.integer(columns.id), rows.integer(columns.maker), rows.text(columns.skill), rows.integer(columns.quantity)))
        case "modifiers":
            if modifierLine == nil { modifierLine = Self.column(rows, "line_id") }
            modifiedLines.insert(rows.integer(modifierLine!))
        case "removed_lines": removed += 1
        default: break
        }
    }

    mutating func endParent() {
        let key = Served(month: month, server: server, status: status)
        served[key, default: ServedCount()].orders += 1
        served[key, default: ServedCount()].total += total
        served[key, default: ServedCount()].removed += removed
        guard status != "void" else { return }
        for line in lines {
            let key = Made(month: month, maker: line.maker, skill: line.skill)
            made[key, default: MadeCount()].items += line.quantity
            made[key, default: MadeCount()].modified += modifiedLines.contains(line.id) ? line.quantity : 0
        }
    }

    /// The months whose kept figures differ from the recount.
    func compare(_ db: Database) throws -> [AuditFinding] {
        // A backup from before the figures were kept has none to compare.
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM sqlite_master WHERE name = 'monthly_made'") == true else { return [] }
        var madeKept: [Made: MadeCount] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT month, maker_id, skill, items, items_with_modifiers FROM monthly_made WHERE items != 0 OR items_with_modifiers != 0") {
            madeKept[Made(month: row[0], maker: row[1], skill: row[2])] = MadeCount(items: row[3], modified: row[4])
        }
        var servedKept: [Served: ServedCount] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT month, server_id, status, orders, total, removed_lines FROM monthly_served WHERE orders != 0 OR total != 0 OR removed_lines != 0") {
            servedKept[Served(month: row[0], server: row[1], status: row[2])] = ServedCount(orders: row[3], total: row[4], removed: row[5])
        }
        return Self.differing("monthly_made", kept: madeKept, counted: made, month: \.month)
            + Self.differing("monthly_served", kept: servedKept, counted: served, month: \.month)
    }

    /// A finding for each month in which `kept` and `counted` disagree on any key.
    static func differing<Key: Hashable, Count: Equatable>(
        _ table: String, kept: [Key: Count], counted: [Key: Count], month: KeyPath<Key, String>
    ) -> [AuditFinding] {
        let months = Set(Set(kept.keys).union(counted.keys).filter { kept[$0] != counted[$0] }.map { $0[keyPath: month] })
        return months.sorted().map { AuditFinding.monthlyFiguresDiffer(table: table, month: $0) }
    }
}
