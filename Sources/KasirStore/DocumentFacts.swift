import Foundation
import GRDB
import KasirCore

/// Why a document could not be made or checked.
public enum DocumentError: KasirError, Equatable {
    /// The number names a journal row that is not there: the journal was cut back, or the
    /// number is wrong.
    case noSuchJournalRow(Int64)
    /// A transcript's number is checked with `--staff`, a programme report's with `--month`.
    case subjectRequired(kind: String)
    /// A transcript with names is shown to a supervisor (`--by`), else with aliases only.
    case namesNeedSupervisor
}

extension DocumentError {
    public var nature: ErrorNature {
        switch self {
        case .noSuchJournalRow, .subjectRequired, .namesNeedSupervisor:
            return .refusal
        }
    }
}

/// A point of the journal a document is made at: the entry, its hash, and the latest time the
/// journal had reached by then. Facts later than that time are not in the document.
public struct JournalMark: Hashable, Sendable {
    public var seq: Int64
    public var hash: String
    /// The latest `at` of the entries up to `seq`: what the journal vouched for at that point.
    public var cutoff: Date
}

/// A decree a WBP held, as the journal recorded it.
public struct DecreeFact: Hashable, Sendable {
    public var number: String
    public var from: BusinessDay?
    public var until: BusinessDay?
    public var revoked: Bool
}

/// A premi credit to one WBP for one month.
public struct PremiCreditFact: Hashable, Sendable {
    public var month: BusinessMonth
    public var amount: Rupiah
    public var at: Date
}

extension AppDatabase {
    /// The journal at entry `seq`, or at its head; `nil` when there is no such entry.
    ///
    /// ```swift
    /// let mark = try database.journalMark()          // now
    /// let then = try database.journalMark(at: 61_682) // as a document was made
    /// ```
    public func journalMark(at seq: Int64? = nil) throws -> JournalMark? {
        try read { db in
            let row = seq == nil
                ? try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
                : try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal WHERE seq = ?", arguments: [seq])
            guard let row else { return nil }
            let seq: Int64 = row["seq"]
            // Clocks may step back; the cutoff is the furthest the journal had reached.
            guard let latest = try String.fetchOne(db, sql: "SELECT MAX(at) FROM journal WHERE seq <= ?", arguments: [seq]).flatMap(Timestamp.date)
            else { throw StoreError.failed("journal entry \(seq) has no time") }
            return JournalMark(seq: seq, hash: row["hash"], cutoff: latest)
        }
    }

    /// Journal entries after `seq` that touch one WBP: about them, or about an order they served
    /// or made. What explains a document that no longer matches its record.
    /// A transcript issued is left out: it changes no row a document is made from.
    public func journalEntries(after seq: Int64, about code: String) throws -> [JournalEntry] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM journal WHERE seq > ? AND kind != 'transcript_issued' AND (subject = ? OR actor = ? OR subject IN (
                    SELECT o.day || '#' || o.number FROM orders o JOIN staff s ON s.id = o.server_id WHERE s.code = ?
                    UNION SELECT o.day || '#' || o.number FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN staff m ON m.id = l.maker_id
                        WHERE m.code = ?)) ORDER BY seq
                """, arguments: [seq, code, code, code, code]).map(Self.journalEntry)
        }
    }

    static func journalEntry(_ row: Row) -> JournalEntry {
        JournalEntry(seq: row["seq"], at: row["at"], kind: row["kind"], actor: row["actor"], subject: row["subject"],
                     payload: row["payload"], previousHash: row["prev_hash"], hash: row["hash"], encoding: row["encoding"] ?? 1)
    }

    /// Every decree a WBP held up to entry `seq`, oldest first, from the journal's snapshots of
    /// their staff row (the row itself holds only the latest).
    public func decreeHistory(of code: String, through seq: Int64) throws -> [DecreeFact] {
        try read { db in
            var decrees: [DecreeFact] = []
            for snapshot in try String.fetchAll(db, sql: """
                SELECT snapshot FROM journal WHERE row_table = 'staff' AND subject = ? AND seq <= ? AND snapshot IS NOT NULL ORDER BY seq
                """, arguments: [code, seq]) {
                guard let object = try? JSONSerialization.jsonObject(with: Data(snapshot.utf8)) as? [String: Any],
                    let number = object["decree_number"] as? String
                else { continue }
                let decree = DecreeFact(
                    number: number, from: (object["decree_from"] as? String).flatMap { try? BusinessDay.parse($0) },
                    until: (object["decree_until"] as? String).flatMap { try? BusinessDay.parse($0) },
                    revoked: (object["decree_revoked"] as? Int ?? 0) != 0)
                if let index = decrees.firstIndex(where: { $0.number == number }) { decrees[index] = decree } else { decrees.append(decree) }
            }
            return decrees
        }
    }

    /// The WBP behind `code`, if there is one.
    public func participant(_ code: String) throws -> ParticipantFact? {
        try participants().first { $0.code == code }
    }

    /// The first and last instants a WBP clocked in or served or made an order, up to `cutoff`,
    /// counting only the shifts and orders journaled at or before entry `seq` when one is given.
    public func activitySpan(of code: String, asOf cutoff: Date, journaledThrough seq: Int64? = nil) throws -> (first: Date, last: Date)? {
        try read { db in
            let shiftRecorded = seq == nil ? "1" : """
                EXISTS (SELECT 1 FROM journal j WHERE j.row_table = 'attendance' AND j.row_key = CAST(a.id AS TEXT) AND j.seq <= :seq)
                """
            let orderRecorded = seq == nil ? "1" : Self.orderAsOfMark.recorded
            let row = try Row.fetchOne(db, sql: """
                SELECT MIN(t), MAX(t) FROM (
                    SELECT a.clock_in AS t FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = :code AND a.clock_in <= :at AND \(shiftRecorded)
                    UNION ALL SELECT o.created_at FROM orders o JOIN staff s ON s.id = o.server_id
                        WHERE s.code = :code AND o.created_at <= :at AND \(orderRecorded)
                    UNION ALL SELECT o.created_at FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN staff m ON m.id = l.maker_id
                        WHERE m.code = :code AND o.created_at <= :at AND \(orderRecorded))
                """, arguments: ["code": code, "at": Timestamp.string(cutoff), "seq": seq ?? 0])
            guard let first = (row?[0] as String?).flatMap(Timestamp.date), let last = (row?[1] as String?).flatMap(Timestamp.date) else { return nil }
            return (first, last)
        }
    }

    /// Premi credited to one WBP, month by month, credited by `cutoff`.
    public func premiCredits(of code: String, asOf cutoff: Date, journaledThrough seq: Int64? = nil) throws -> [PremiCreditFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.month, l.amount, l.at FROM premi_ledger l JOIN staff s ON s.id = l.staff_id WHERE s.code = ? AND l.at <= ?
                    AND \(Self.journaled("premi_ledger", "l", through: seq)) ORDER BY l.month
                """, arguments: [code, Timestamp.string(cutoff)]).map {
                PremiCreditFact(month: try $0.month("month", table: "premi_ledger"), amount: Rupiah($0["amount"]), at: try $0.instant("at", table: "premi_ledger"))
            }
        }
    }
}
