import Foundation
import GRDB
import KasirCore

/// The centre a café's journal is sent to: its address, the café's code there, the centre's
/// public key pinned at enrolment, and the café's own public key.
public struct CentralLink: Hashable, Sendable {
    public var url: String
    public var cafe: String
    /// The centre's Ed25519 public key (raw 32 bytes): its receipts are checked against it.
    public var centreKey: Data
    /// The café's Ed25519 public key (raw 32 bytes), whose private half signs its batches.
    public var cafeKey: Data
    public var joinedAt: Date
    public var joinedBy: String

    public init(url: String, cafe: String, centreKey: Data, cafeKey: Data, joinedAt: Date, joinedBy: String) {
        self.url = url
        self.cafe = cafe
        self.centreKey = centreKey
        self.cafeKey = cafeKey
        self.joinedAt = joinedAt
        self.joinedBy = joinedBy
    }
}

/// What joining a centre gave the café: the public key and fingerprint for the enrolment
/// form, and the centre's fingerprint as pinned (its staff read theirs out to compare).
public struct CentralJoin: Hashable, Sendable {
    public var cafe: String
    /// Base64 of the raw Ed25519 public key.
    public var publicKey: String
    public var fingerprint: String
    public var centreFingerprint: String

    public init(cafe: String, publicKey: String, fingerprint: String, centreFingerprint: String) {
        self.cafe = cafe
        self.publicKey = publicKey
        self.fingerprint = fingerprint
        self.centreFingerprint = centreFingerprint
    }
}

/// Why the café cannot join the centre or send to it.
public enum SyncError: KasirError, Equatable {
    /// The café has joined a centre already (as `cafe`): a second join would re-key it.
    case alreadyJoined(cafe: String)
    /// `kasir central join` has not been run.
    case notJoined
    /// The café's key file is not where the link says, or not readable by this account.
    case keyUnreadable(path: String)
    /// The key file's public half is not the one enrolled (a key swapped in).
    case keyMismatch(path: String)
    /// A URL that is not `http://` or `https://`.
    case badURL(String)
    /// A café code that is not 2–16 capital letters and digits.
    case badCafeCode(String)
    /// The centre's key, as typed or as fetched, is not a 32-byte Ed25519 key.
    case badCentreKey
    /// A batch file cannot be written there (it exists already, or the folder refuses).
    case cannotWrite(path: String)
    /// The café's key file can be read by other accounts, or belongs to another: it is not
    /// used, for anyone who read it could sign as the café.
    case keyExposed(path: String)
    /// The centre at this address did not answer (no connection, no TLS it trusts, a timeout).
    case unreachable(String)
    /// The centre answered with a refusal: its HTTP status and its reason.
    case refused(status: Int, reason: String)
    /// A receipt not signed by the pinned centre key, or not about what was sent.
    case badReceipt
    /// The centre holds entry `seq` with a hash this journal does not have there: this
    /// journal was rewritten, or restored from an old backup. Nothing is sent.
    case centreDisagrees(seq: Int64)
    /// The centre has no café with this code enrolled.
    case unknownAtCentre(String)
    /// The centre's key fetched from its address is not the one typed (`--centre-key`).
    case centreKeyDiffers(typed: String, fetched: String)
    /// An entry the centre would be sent is not as the café writes them: a row's free text
    /// not in its public form, or an encoding older than the one free text leaves in. Written
    /// by hand, or broken; nothing is sent, for it could carry words that must stay here.
    case unsendable(seq: Int64)
    /// `central join`: `audit verify` finds something; the join would vouch for the rows as
    /// they stand, so it waits until the journal checks.
    case journalNotIntact(findings: Int)
}

extension SyncError {
    public var nature: ErrorNature {
        switch self {
        // What was typed, or the state of the café, refuses it; nothing changed.
        case .alreadyJoined, .notJoined, .badURL, .badCafeCode, .badCentreKey, .cannotWrite, .journalNotIntact:
            return .refusal
        // A file under the act is missing or wrong.
        case .keyUnreadable, .keyMismatch, .keyExposed:
            return .fault
        // The centre cannot be reached: the café goes on; a later sync tries again.
        case .unreachable:
            return .fault
        // The centre's answer refuses what was sent, or cannot be believed: nothing local changed.
        case .refused, .badReceipt, .centreDisagrees, .unknownAtCentre, .centreKeyDiffers:
            return .refusal
        // The journal itself is not as Kasir writes it.
        case .unsendable:
            return .fault
        }
    }
}

extension AppDatabase {
    /// The centre this café joined, if any.
    public func centralLink() throws -> CentralLink? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT l.url, l.cafe, l.centre_key, l.cafe_key, l.joined_at, s.code FROM central_link l JOIN staff s ON s.id = l.by_id WHERE l.id = 1
                """).map { row in
                CentralLink(url: row[0], cafe: row[1], centreKey: row[2], cafeKey: row[3],
                            joinedAt: try row.instant("joined_at", table: "central_link"), joinedBy: row[5])
            }
        }
    }

    /// A supervisor joins the café to a centre, once: the link is journaled (`central_joined`),
    /// so a key swapped in later shows in `audit verify`.
    ///
    /// ```swift
    /// try database.joinCentral(url: "https://pusat.example/", cafe: "BPN01", centreKey: centre, cafeKey: mine, supervisor: "S1", at: now)
    /// ```
    ///
    /// - Throws: ``SyncError/alreadyJoined(cafe:)``, ``AccessError`` for who joins.
    public func joinCentral(url: String, cafe: String, centreKey: Data, cafeKey: Data, supervisor: String, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if let joined = try String.fetchOne(db, sql: "SELECT cafe FROM central_link WHERE id = 1") { throw SyncError.alreadyJoined(cafe: joined) }
            try db.execute(sql: """
                INSERT INTO central_link (id, url, cafe, centre_key, cafe_key, by_id, joined_at) VALUES (1, ?, ?, ?, ?, ?, ?)
                """, arguments: [url, cafe, centreKey, cafeKey, supervisorID, Timestamp.string(instant)])
            try Self.journal(db, kind: "central_joined", actor: supervisor, subject: cafe, payload: ["url": .string(url)],
                             row: JournalRow(.centralLink, 1), at: instant)
            try Self.journalBaseline(db, actor: supervisor, at: instant)
        }
    }

    /// Journals every row the journal vouches for as it is now (`central_baseline`), right
    /// after the join: the centre's history of a café begins at its join, and its tables are
    /// projections of that history, so the rows made before it (the staff, the menu, the orders
    /// of the months before) reach it this way, each in its public form, never with names or
    /// free text in clear.
    static func journalBaseline(_ db: Database, actor: String, at instant: Date) throws {
        for table in JournaledTable.all where table != .centralLink {
            let keys = try DatabaseValue.fetchAll(db, sql: "SELECT \(table.key) AS _key FROM \(table.name) ORDER BY _key")
            for key in keys {
                let row: JournalRow
                switch key.storage {
                case .int64(let id): row = JournalRow(table, id)
                case .string(let text): row = JournalRow(table, text: text)
                default: throw StoreError.failed("journaling \(table.name): a key that is neither a number nor text")
                }
                try journal(db, kind: "central_baseline", actor: actor, subject: nil, row: row, at: instant)
            }
        }
    }
}
