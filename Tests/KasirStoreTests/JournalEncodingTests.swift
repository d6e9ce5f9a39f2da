import Foundation
import GRDB
import KasirCore
import KasirLedger
import KasirTestSupport
import Testing
@testable import KasirStore

/// The journal's two encodings on one chain: an upgraded database keeps its old entries,
/// refuses the ones the old rule made ambiguous, and writes only the new one after.
@Suite struct JournalEncodingTests {
    func upgraded() throws -> (folder: TemporaryFolder, path: String, database: AppDatabase) {
        let (folder, path) = try UpgradeTests().copy()
        return (folder, path, try AppDatabase.open(path: path, logger: quietLogger))
    }

    func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func anUpgradedJournalKeepsItsOldEntriesAndWritesTheNewEncodingAfter() throws {
        let (folder, _, database) = try upgraded()
        defer { withExtendedLifetime(folder) {} }
        let entries = try database.journalEntries()
        let firstNew = try #require(entries.firstIndex { $0.encoding == 2 })
        #expect(firstNew > 0)
        #expect(entries[firstNew...].allSatisfy { $0.encoding == 2 })
        // v10 wrote every staff row again, names as digests only.
        let counts = try database.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE kind = 'row_rewritten' AND row_table = 'staff' AND encoding = 2"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM staff"))
        }
        #expect(counts.0 == counts.1)
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    /// Under the old encoding a row moved into the payload keeps the entry's hash; the
    /// separator in the payload is what gives it away.
    @Test func anOldEntryWhoseRowWasMovedIntoItsPayloadIsRefused() throws {
        let (folder, path, database) = try upgraded()
        defer { withExtendedLifetime(folder) {} }
        let head = try database.journalHead()
        let target = try #require(try database.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal WHERE encoding = 1 AND row_table = 'attendance'")
        })
        try tamper(path, """
            DROP TRIGGER journal_append_only_update;
            UPDATE journal SET payload = payload || char(31) || row_table || char(31) || row_key || char(31) || snapshot,
                row_table = NULL, row_key = NULL, snapshot = NULL WHERE seq = \(target);
            """)
        let findings = try database.verifyJournal(head: head).findings
        #expect(findings.contains(.ambiguousEntry(seq: target)))
        #expect(!findings.contains(.journalRowAltered(seq: target)))
        #expect(try database.verifyJournal(since: target - 1).findings.contains(.ambiguousEntry(seq: target)))
    }

    /// A chain rewritten from an entry on, to drop the row that entry vouched for, holds
    /// together without a head on paper; the kind that always carries a row gives it away.
    @Test func anEntryThatAlwaysCarriesARowCannotLoseIt() throws {
        let fixture = try StoreFixture()
        let database = fixture.database
        let target = try #require(try database.journalEntries().last { $0.kind == "clock_in" }).seq
        try fixture.tamper("""
            DROP TRIGGER journal_append_only_update;
            UPDATE journal SET row_table = NULL, row_key = NULL, snapshot = NULL WHERE seq = \(target);
            """)
        // Every hash from there on written again, as someone with the file could.
        let queue = try DatabaseQueue(path: fixture.path)
        try queue.writeWithoutTransaction { db in
            var previous = try String.fetchOne(db, sql: "SELECT hash FROM journal WHERE seq = ?", arguments: [target - 1])!
            for row in try Row.fetchAll(db, sql: "SELECT * FROM journal WHERE seq >= ? ORDER BY seq", arguments: [target]) {
                let seq: Int64 = row["seq"]
                // In each entry's own encoding; none from here on withholds free text.
                let hash = JournalHash.hex(encoding: JournalEncoding(rawValue: row["encoding"])!, previous: previous, seq: seq, fields: JournalFields(
                    at: row["at"], kind: row["kind"], actor: row["actor"], subject: row["subject"], payload: row["payload"],
                    rowTable: row["row_table"], rowKey: row["row_key"], snapshot: row["snapshot"]))
                try db.execute(sql: "UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", arguments: [previous, hash, seq])
                previous = hash
            }
        }
        try queue.close()
        let findings = try database.verifyJournal().findings
        #expect(findings.contains(.entryWithoutRow(seq: target, kind: "clock_in")), "\(findings)")
        #expect(!findings.contains { if case .journalRowAltered = $0 { return true }; return false })
    }

    /// Once an entry of the new encoding exists, an old-encoding entry after it was written by hand.
    @Test func anOldEncodingAfterTheNewIsRefused() throws {
        let (folder, _, database) = try upgraded()
        defer { withExtendedLifetime(folder) {} }
        let seq = try database.writer.write { db -> Int64 in
            // Chained and hashed right, in the old encoding: only its place gives it away.
            let previous = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1")!
            let seq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal")! + 1
            let fields = JournalFields(at: "2026-11-30T00:00:00.000Z", kind: "reprint", actor: "S1", subject: "x", payload: "{}")
            try db.execute(sql: """
                INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash, encoding) VALUES (?, ?, 'reprint', 'S1', 'x', '{}', ?, ?, 1)
                """, arguments: [seq, fields.at, previous, JournalHash.hex(encoding: .v1, previous: previous, seq: seq, fields: fields)])
            return seq
        }
        #expect(try database.verifyJournal().findings == [.olderEncodingAfterNewer(seq: seq)])
    }

    /// The v10 upgrade compares each staff row with its last snapshot before writing it down
    /// anew: a name changed before the upgrade is reported for ever.
    @Test func aNameEditedBeforeTheUpgradeIsStillFound() throws {
        let (folder, path) = try UpgradeTests().copy()
        defer { withExtendedLifetime(folder) {} }
        // Bring it to v9 first, edit a name by hand, then let v10 run.
        let queue = try DatabaseQueue(path: path)
        try AppDatabase.migrator.migrate(queue, upTo: "v9: cash refunds rounded as sales are")
        try queue.writeWithoutTransaction { db in try db.execute(sql: "UPDATE staff SET name = 'Orang Lain' WHERE id = 2") }
        try queue.close()
        let database = try AppDatabase.open(path: path, logger: quietLogger)
        let findings = try database.verifyJournal().findings
        #expect(findings.count == 1)
        #expect(findings.first.map { if case .differedAtUpgrade("staff", "2", _) = $0 { return true }; return false } == true, "\(findings)")
    }
}
