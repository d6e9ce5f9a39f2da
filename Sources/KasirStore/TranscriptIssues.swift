import Foundation
import GRDB
import KasirCore

/// A transcript handed out, as `transcript_issues` keeps it (v19).
public struct TranscriptIssue: Hashable, Sendable {
    public var number: String
    public var staffCode: String
    /// The journal entry the transcript was made at; its issue is the entry after it.
    public var madeAtSeq: Int64
    /// The figures printed, without a name: canonical JSON.
    public var figures: String
    /// SHA-256 of ``figures`` (UTF-8), lower-case hex.
    public var digest: String
    public var issuedBy: String?
    public var printed: Bool
    public var issuedAt: Date
}

extension AppDatabase {
    /// Records that the transcript `number`, made at journal entry `mark`, was handed out,
    /// journaled as the entry right after `mark`: so the centre finds the issue of
    /// `TR-SEQ-…` at `SEQ + 1` of the café's journal, and a transcript is never issued from
    /// figures the journal has since moved past.
    ///
    /// ```swift
    /// let mark = try database.journalMark()!
    /// let issued = try database.recordTranscriptIssue(number: "TR-812-9F3A-2C1B-7E04", staff: "W01", madeAt: mark,
    ///                                                 figures: canonicalFigures, by: "S1", printed: true, at: now)
    /// issued   // false: another act came first; make the transcript again at the new mark
    /// ```
    ///
    /// - Parameters:
    ///   - figures: what the paper prints, without a name: the centre shows it to whoever
    ///     types the number in.
    ///   - supervisor: who issued it; `nil` for a pseudonymous copy printed at the counter.
    /// - Returns: `false`, with nothing written, when the journal has moved past `mark`.
    /// - Throws: ``StaffError/unknownStaff(_:)``; ``AccessError`` for a `supervisor` who is not one.
    public func recordTranscriptIssue(
        number: String, staff code: String, madeAt mark: JournalMark, figures: String, by supervisor: String?, printed: Bool, at instant: Date
    ) throws -> Bool {
        try write { db in
            let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1")
            guard let head, head["seq"] as Int64 == mark.seq, head["hash"] as String == mark.hash else { return false }
            let supervisorID = try supervisor.map { try Self.supervisorID(db, code: $0) }
            guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ? AND role = 'barista'", arguments: [code]) else {
                throw StaffError.unknownStaff(code)
            }
            try db.execute(sql: """
                INSERT INTO transcript_issues (number, staff_id, made_at_seq, figures, digest, issued_by, printed, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [number, staffID, mark.seq, figures, Self.sha256Hex(Data(figures.utf8)), supervisorID, printed ? 1 : 0,
                                 Timestamp.string(instant)])
            try Self.journal(db, kind: "transcript_issued", actor: supervisor, subject: code, payload: ["number": .string(number)],
                             row: JournalRow(.transcriptIssues, db.lastInsertedRowID), at: instant)
            return true
        }
    }

    /// The transcripts issued, oldest first: of one WBP, or everyone's.
    public func transcriptIssues(of code: String? = nil) throws -> [TranscriptIssue] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT t.number, s.code, t.made_at_seq, t.figures, t.digest, b.code AS by_code, t.printed, t.issued_at
                FROM transcript_issues t JOIN staff s ON s.id = t.staff_id LEFT JOIN staff b ON b.id = t.issued_by
                WHERE ? IS NULL OR s.code = ? ORDER BY t.id
                """, arguments: [code, code]
            ).map {
                TranscriptIssue(number: $0["number"], staffCode: $0["code"], madeAtSeq: $0["made_at_seq"], figures: $0["figures"],
                                digest: $0["digest"], issuedBy: $0["by_code"], printed: ($0["printed"] as Int64) == 1,
                                issuedAt: try $0.instant("issued_at", table: "transcript_issues"))
            }
        }
    }
}
