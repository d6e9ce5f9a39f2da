import Foundation
import GRDB
import KasirCore

/// A supervisor's dated observation of a WBP's work.
public struct CoachingNote: Hashable, Sendable {
    public var staffCode: String
    public var text: String
    public var writtenBy: String
    public var at: Date
}

extension AppDatabase {
    /// Records a coaching note about a WBP, journaled.
    ///
    /// - Throws: ``StaffError/unknownStaff(_:)`` for a code that is not a WBP.
    public func addNote(about code: String, text: String, supervisor: String, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ? AND role = 'barista'", arguments: [code]) else {
                throw StaffError.unknownStaff(code)
            }
            try db.execute(sql: "INSERT INTO coaching_notes (staff_id, text, written_by, at) VALUES (?, ?, ?, ?)",
                           arguments: [staffID, text, supervisorID, Timestamp.string(instant)])
            try Self.journal(db, kind: "coaching_note", actor: supervisor, subject: code, row: JournalRow(.coachingNotes, db.lastInsertedRowID), at: instant)
        }
    }

    /// Coaching notes, oldest first: of one WBP or everyone, in `[start, end)` or all time.
    public func coachingNotes(of code: String? = nil, from start: Date? = nil, to end: Date? = nil, journaledThrough seq: Int64? = nil) throws -> [CoachingNote] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.code, n.text, w.code AS writer, n.at FROM coaching_notes n JOIN staff s ON s.id = n.staff_id
                JOIN staff w ON w.id = n.written_by
                WHERE (? IS NULL OR s.code = ?) AND (? IS NULL OR n.at >= ?) AND (? IS NULL OR n.at < ?)
                    AND \(Self.journaled("coaching_notes", "n", through: seq)) ORDER BY n.at, n.id
                """, arguments: [code, code, start.map(Timestamp.string), start.map(Timestamp.string), end.map(Timestamp.string), end.map(Timestamp.string)]
            ).map { CoachingNote(staffCode: $0["code"], text: $0["text"], writtenBy: $0["writer"], at: try $0.instant("at", table: "coaching_notes")) }
        }
    }
}
