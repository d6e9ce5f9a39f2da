import Crypto
import Foundation
import GRDB
import KasirCore
import KasirLedger

/// A receipt of the centre's as the café kept it.
public struct KeptReceipt: Hashable, Sendable {
    /// The last entry the centre said it held, and its hash.
    public var seq: Int64
    public var head: String
    /// The centre's number for the batch answered; 0 for a head query.
    public var batch: Int64
    public var result: LedgerReceipt.Outcome
    /// The centre's time on it.
    public var receivedAt: Date
    /// The receipt's JSON as it came, signature and all.
    public var receipt: String
    /// When the café kept it.
    public var keptAt: Date
}

/// How far the centre vouches for this café's journal: the last head it countersigned, and
/// the entries written since that it has not received.
///
/// ```swift
/// let status = try database.anchorStatus(now: clock.now())
/// status?.pending   // entries the centre does not hold yet
/// ```
public struct AnchorStatus: Hashable, Sendable {
    /// The last entry the centre's newest receipt says it holds; `nil` before the first receipt.
    public var anchoredSeq: Int64?
    public var anchoredHead: String?
    /// The centre's time on that receipt.
    public var anchoredAt: Date?
    /// Entries for the centre written after it (from the café's join on).
    public var pending: Int
    /// When the first of them was written; `nil` when none waits.
    public var pendingSince: Date?
    /// When this was looked at.
    public var checkedAt: Date

    public init(anchoredSeq: Int64?, anchoredHead: String?, anchoredAt: Date?, pending: Int, pendingSince: Date?, checkedAt: Date) {
        self.anchoredSeq = anchoredSeq
        self.anchoredHead = anchoredHead
        self.anchoredAt = anchoredAt
        self.pending = pending
        self.pendingSince = pendingSince
        self.checkedAt = checkedAt
    }

    /// Whether the oldest entry the centre lacks has waited longer than `interval`.
    public func waitingLonger(than interval: TimeInterval) -> Bool {
        pendingSince.map { checkedAt.timeIntervalSince($0) > interval } ?? false
    }
}

extension AppDatabase {
    /// Keeps a receipt the centre countersigned (checked by the caller against the centre's
    /// pinned key), with `raw`, its JSON as it came.
    ///
    /// ```swift
    /// try database.keepReceipt(receipt, raw: json, at: clock.now())
    /// ```
    ///
    /// - Throws: ``StoreError`` (a receipt whose fields the schema refuses).
    public func keepReceipt(_ receipt: LedgerReceipt, raw: String, at instant: Date) throws {
        try write { db in
            try db.execute(sql: """
                INSERT INTO central_receipts (seq, head, batch, result, received_at, receipt, kept_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [receipt.seq, receipt.head, receipt.batch, receipt.result.rawValue, receipt.receivedAt, raw, Timestamp.string(instant)])
        }
    }

    /// The newest entry a kept receipt names that this journal still holds with the hash the
    /// receipt gives: where a journal restored from a backup (receipts and all) or rewritten
    /// last agreed with the centre. Only where evidence begins is chosen by it; the centre
    /// checks the evidence itself.
    public func lastAgreedSeq() throws -> Int64? {
        try read { db in
            try Int64.fetchOne(db, sql: """
                SELECT r.seq FROM central_receipts r JOIN journal j ON j.seq = r.seq AND j.hash = r.head ORDER BY r.seq DESC LIMIT 1
                """)
        }
    }

    /// The newest receipt kept, if any.
    public func lastReceipt() throws -> KeptReceipt? {
        try read { db in try Self.lastReceipt(db) }
    }

    /// The newest receipt that vouches for itself: signed by the centre's pinned key, for this
    /// café, and saying what its row says. One written into the table by hand is passed over,
    /// so `sync status`, `doctor` and the Z report never claim an anchor the centre did not sign.
    static func lastReceipt(_ db: Database) throws -> KeptReceipt? {
        guard let link = try Row.fetchOne(db, sql: "SELECT cafe, centre_key FROM central_link WHERE id = 1"),
            let centre = try? Curve25519.Signing.PublicKey(rawRepresentation: link["centre_key"] as Data)
        else { return nil }
        let cafe: String = link["cafe"]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT seq, head, batch, result, received_at, receipt, kept_at FROM central_receipts ORDER BY id DESC
            """)
        while let row = try rows.next() {
            let raw: String = row["receipt"]
            guard let signed = try? JSONDecoder().decode(LedgerReceipt.self, from: Data(raw.utf8)), (try? signed.verify(signedBy: centre)) != nil,
                signed.cafe == cafe, signed.seq == row["seq"] as Int64, signed.head == row["head"] as String,
                signed.batch == row["batch"] as Int64, signed.result.rawValue == row["result"] as String,
                signed.receivedAt == row["received_at"] as String
            else { continue }
            return try keptReceipt(row)
        }
        return nil
    }

    static func keptReceipt(_ row: Row) throws -> KeptReceipt {
        let result: String = row["result"]
        guard let outcome = LedgerReceipt.Outcome(rawValue: result) else {
            throw StoreError.unreadableValue(table: "central_receipts", column: "result", value: result)
        }
        return KeptReceipt(seq: row["seq"], head: row["head"], batch: row["batch"], result: outcome,
                           receivedAt: try row.instant("received_at", table: "central_receipts"), receipt: row["receipt"],
                           keptAt: try row.instant("kept_at", table: "central_receipts"))
    }

    /// How far the centre vouches for the journal: its newest receipt, and the entries for the
    /// centre written since (counted from the café's join on: what came before never leaves).
    ///
    /// - Returns: `nil` when the café has not joined a centre.
    public func anchorStatus(now: Date) throws -> AnchorStatus? {
        try read { db in
            guard try Row.fetchOne(db, sql: "SELECT 1 FROM central_link WHERE id = 1") != nil else { return nil }
            let last = try Self.lastReceipt(db)
            // The entries the centre is sent begin at the join; none at all before there is one.
            guard let start = try Self.centralStart(db) else {
                return AnchorStatus(anchoredSeq: last?.seq, anchoredHead: last?.head, anchoredAt: last?.receivedAt, pending: 0, pendingSince: nil,
                                    checkedAt: now)
            }
            let after = max(last?.seq ?? 0, start - 1)
            let pending = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM journal WHERE seq > ?", arguments: [after]) ?? 0
            let firstAt = try String.fetchOne(db, sql: "SELECT at FROM journal WHERE seq > ? ORDER BY seq LIMIT 1", arguments: [after])
            return AnchorStatus(anchoredSeq: last?.seq, anchoredHead: last?.head, anchoredAt: last?.receivedAt, pending: pending,
                                pendingSince: try firstAt.map { try Row.instant($0, column: "at", table: "journal") }, checkedAt: now)
        }
    }
}
