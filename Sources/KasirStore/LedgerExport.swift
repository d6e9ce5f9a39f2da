import Foundation
import GRDB
import KasirLedger

extension AppDatabase {
    /// The journal's entries after `seq`, in order, at most `limit`: what a batch for the
    /// centre carries (``LedgerBatch``), each with every column its hash covers.
    ///
    /// ```swift
    /// let entries = try database.ledgerEntries(after: acknowledged, limit: 500)
    /// let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: now, key: key)
    /// ```
    public func ledgerEntries(after seq: Int64, limit: Int) throws -> [LedgerEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding
                FROM journal WHERE seq > ? ORDER BY seq LIMIT ?
                """, arguments: [seq, limit]
            ).map { row in
                LedgerEntry(
                    seq: row["seq"], encoding: row["encoding"], prevHash: row["prev_hash"], hash: row["hash"],
                    fields: JournalFields(at: row["at"], kind: row["kind"], actor: row["actor"], subject: row["subject"], payload: row["payload"],
                                          rowTable: row["row_table"], rowKey: row["row_key"], snapshot: row["snapshot"]))
            }
        }
    }
}
