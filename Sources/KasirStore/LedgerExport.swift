import Foundation
import GRDB
import KasirLedger

extension AppDatabase {
    /// The journal's entries for the centre after `seq`, in order, at most `limit`: what a
    /// batch carries (``LedgerBatch``), each with every column its hash covers, and free text
    /// only in its public form with the salted digest of the whole (``JournalEncoding/v3``).
    ///
    /// The centre's copy starts at the entry that joined the café to it (`central_joined`), or
    /// at the first entry after it in encoding 3: what came before may hold names and free
    /// text in clear (snapshots before v10, encodings before v17), and never leaves the café.
    ///
    /// ```swift
    /// let entries = try database.ledgerEntries(after: acknowledged, limit: 500)
    /// let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: now, key: key)
    /// ```
    public func ledgerEntries(after seq: Int64, limit: Int) throws -> [LedgerEntry] {
        try read { db in
            guard let start = try Self.centralStart(db) else { return [] }
            let salt = try Self.journalSalt(db)
            return try Row.fetchAll(db, sql: """
                SELECT seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding, public_snapshot
                FROM journal WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [max(seq, start - 1), limit]
            ).map { row in
                let whole: String? = row["snapshot"]
                let publicForm: String? = row["public_snapshot"]
                try Self.checkLeaves(seq: row["seq"], encoding: row["encoding"], table: row["row_table"], whole: whole, publicForm: publicForm)
                return LedgerEntry(
                    seq: row["seq"], encoding: row["encoding"], prevHash: row["prev_hash"], hash: row["hash"],
                    fields: JournalFields(
                        at: row["at"], kind: row["kind"], actor: row["actor"], subject: row["subject"], payload: row["payload"],
                        rowTable: row["row_table"], rowKey: row["row_key"], snapshot: publicForm ?? whole,
                        privateDigest: publicForm == nil ? nil : whole.map { JournaledTable.saltedDigest(salt: salt, value: Data($0.utf8)) }))
            }
        }
    }

    /// Refuses an entry that could carry free text out of the café: one in an encoding before
    /// 3 (whose hash covers its text in clear), one whose row holds free text without the
    /// public form Kasir writes of it (``FreeText``), or one with a public form it needs not.
    /// Kasir never writes such an entry; someone with the file could, and the timer would sign it.
    static func checkLeaves(seq: Int64, encoding: Int, table: String?, whole: String?, publicForm: String?) throws {
        guard encoding >= JournalEncoding.v3.rawValue else { throw SyncError.unsendable(seq: seq) }
        guard let table, let whole else {
            guard publicForm == nil else { throw SyncError.unsendable(seq: seq) }
            return
        }
        switch FreeText.check(whole, table: table) {
        case .nothingWithheld:
            guard publicForm == nil else { throw SyncError.unsendable(seq: seq) }
        case .inClear:
            guard let publicForm, FreeText.check(publicForm, table: table) == .withheld,
                FreeText.sameJSON(FreeText.publicObject(whole, table: table), publicForm)
            else { throw SyncError.unsendable(seq: seq) }
        case .withheld, .unreadable:
            // A whole snapshot says `true` where text goes only when written by hand.
            throw SyncError.unsendable(seq: seq)
        }
    }

    /// The first entry the centre is sent: the café's `central_joined` entry, or the first
    /// entry after it in encoding 3 when the café joined before v17; `nil` when there is none yet.
    static func centralStart(_ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: """
            SELECT MIN(seq) FROM journal
            WHERE encoding >= 3 AND seq >= (SELECT MIN(seq) FROM journal WHERE kind = 'central_joined')
            """)
    }
}
