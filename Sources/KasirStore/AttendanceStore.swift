import Foundation
import GRDB
import KasirCore

/// One shift of one WBP, as a supervisor confirmed it.
public struct AttendanceRecord: Hashable, Sendable {
    public var id: Int64
    public var staffCode: String
    public var alias: String
    public var station: Station
    public var clockIn: Date
    public var clockOut: Date?
    public var confirmedBy: String
    public var lateEntry: Bool
    public var onBreak: Bool
    public var outReason: String?
}

extension AppDatabase {
    /// Clocks a WBP in at a station, confirmed by a supervisor.
    ///
    /// - Parameters:
    ///   - instant: when they started; with `lateEntry`, a time copied from the paper sheet,
    ///     which needs a `reason`, may not be in the future nor further back than the
    ///     security policy's `max_backdate_days`.
    ///   - recordedAt: when the entry is typed in (journaled as such).
    /// - Throws: ``StaffError`` when the WBP is not eligible (status, decree) or already in;
    ///   ``AttendanceError`` for a time in the future, too far back, without a reason, inside
    ///   another shift of theirs, or in a month whose premi is closed.
    public func clockIn(
        _ code: String, station: Station, supervisor: String, at instant: Date, lateEntry: Bool, reason: String? = nil,
        recordedAt: Date, calendar: CafeCalendar
    ) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            try Self.checkEntryTime(db, instant, lateEntry: lateEntry, reason: reason, recordedAt: recordedAt)
            try Self.checkPremiOpen(db, from: instant, through: instant, calendar: calendar)
            let staffID = try Self.eligibleBaristaID(db, code: code, on: calendar.day(of: instant), clockedIn: false)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM attendance WHERE staff_id = ? AND clock_out IS NULL", arguments: [staffID]) == true {
                throw StaffError.alreadyClockedIn(code)
            }
            let at = Timestamp.string(instant)
            if let other = try Row.fetchOne(
                db, sql: "SELECT clock_in, clock_out FROM attendance WHERE staff_id = ? AND clock_in <= ? AND clock_out > ? LIMIT 1",
                arguments: [staffID, at, at])
            {
                throw AttendanceError.overlapsShift(
                    code: code, start: try other.instant("clock_in", table: "attendance"),
                    end: try other.optionalInstant("clock_out", table: "attendance"))
            }
            try db.execute(
                sql: "INSERT INTO attendance (staff_id, station, clock_in, in_by, in_late_entry, in_reason) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [staffID, station.rawValue, at, supervisorID, lateEntry, lateEntry ? reason : nil])
            try Self.journal(db, kind: lateEntry ? "clock_in_late_entry" : "clock_in", actor: supervisor, subject: code,
                             row: JournalRow(.attendance, db.lastInsertedRowID), at: recordedAt)
        }
    }

    /// Clocks a WBP out, closing an open break; a forgotten clock-out is closed the same way,
    /// with the real time from the paper sheet and a reason. A shift longer than the policy's
    /// ``SecurityPolicy/maxShiftHours`` needs a supervisor's reason, kept in `out_reason`.
    ///
    /// - Throws: ``StaffError/notClockedIn(_:)``; ``AttendanceError`` as for ``clockIn``, and
    ///   when the shift would end before it began, reach into another shift, be longer than
    ///   the policy's hours without a reason, or change a month whose premi is closed.
    public func clockOut(
        _ code: String, supervisor: String, at instant: Date, lateEntry: Bool, reason: String?, recordedAt: Date,
        calendar: CafeCalendar = .wita
    ) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            try Self.checkEntryTime(db, instant, lateEntry: lateEntry, reason: reason, recordedAt: recordedAt)
            let (id, started) = try Self.openShift(db, of: code)
            try Self.checkPremiOpen(db, from: started, through: instant, calendar: calendar)
            try ShiftLengthRule.check(code, from: started, to: instant, reason: reason, policy: try Self.securityPolicy(db))
            try Self.endShift(db, shift: id, code: code, supervisorID: supervisorID, supervisor: supervisor, at: instant,
                              lateEntry: lateEntry, recordedAt: recordedAt, reason: reason)
        }
    }

    /// An admin closes a forgotten clock-out at its real time, however long ago: the way out
    /// once the paper sheet's backdate limit has passed. The reason is kept in `out_reason`
    /// and the clock-out journaled as `clock_out_admin`, under the admin's code.
    ///
    /// - Parameters:
    ///   - instant: when the shift really ended; not in the future, not before its clock-in.
    ///   - recordedAt: when the entry is typed in (journaled as such).
    /// - Throws: ``AccessError/notAnAdmin(_:)``; ``StaffError/notClockedIn(_:)``;
    ///   ``AttendanceError`` for a time in the future, without a reason, before the clock-in,
    ///   reaching into another shift, or changing a month whose premi is closed.
    public func closeForgottenShift(_ code: String, admin: String, at instant: Date, reason: String, recordedAt: Date, calendar: CafeCalendar) throws {
        try write { db in
            let adminID = try Self.adminID(db, code: admin)
            guard instant <= recordedAt else { throw AttendanceError.inTheFuture(instant) }
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AttendanceError.reasonRequired }
            let (id, started) = try Self.openShift(db, of: code)
            try Self.checkPremiOpen(db, from: started, through: instant, calendar: calendar)
            try Self.endShift(db, shift: id, code: code, supervisorID: adminID, supervisor: admin, at: instant,
                              lateEntry: true, recordedAt: recordedAt, reason: reason, kind: "clock_out_admin")
        }
    }

    /// The open shift of `code`: its id and when it began.
    static func openShift(_ db: Database, of code: String) throws -> (id: Int64, started: Date) {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT a.id, a.clock_in FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = ? AND a.clock_out IS NULL",
            arguments: [code])
        else { throw StaffError.notClockedIn(code) }
        let id: Int64 = row["id"]
        let started = try row.instant("clock_in", table: "attendance")
        return (id, started)
    }

    /// Refuses an entry that would change the hours of a month whose premi is closed: every
    /// café month from the one of `start` to the one of `end`.
    static func checkPremiOpen(_ db: Database, from start: Date, through end: Date, calendar: CafeCalendar) throws {
        if let month = try String.fetchOne(
            db, sql: "SELECT month FROM premi_months WHERE month >= ? AND month <= ? ORDER BY month LIMIT 1",
            arguments: [calendar.month(of: start).description, calendar.month(of: max(start, end)).description])
        {
            throw AttendanceError.premiClosed(month: month)
        }
    }

    /// Ends an open shift at `instant`, closing its open break, inside the caller's transaction;
    /// journaled as `kind` when given, else as a clock-out (late entry or not).
    static func endShift(
        _ db: Database, shift id: Int64, code: String, supervisorID: Int64, supervisor: String, at instant: Date, lateEntry: Bool,
        recordedAt: Date, reason: String?, kind: String? = nil
    ) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT staff_id, clock_in FROM attendance WHERE id = ?", arguments: [id]) else {
            throw StaffError.notClockedIn(code)
        }
        let started = try row.instant("clock_in", table: "attendance")
        guard instant >= started else { throw AttendanceError.endsBeforeStart(started) }
        let at = Timestamp.string(instant)
        if let other = try Row.fetchOne(
            db, sql: """
                SELECT clock_in, clock_out FROM attendance
                WHERE staff_id = ? AND id != ? AND clock_in < ? AND (clock_out IS NULL OR clock_out > ?) LIMIT 1
                """, arguments: [row["staff_id"], id, at, Timestamp.string(started)])
        {
            throw AttendanceError.overlapsShift(
                code: code, start: try other.instant("clock_in", table: "attendance"), end: try other.optionalInstant("clock_out", table: "attendance"))
        }
        if let breakID = try Int64.fetchOne(db, sql: "SELECT id FROM breaks WHERE attendance_id = ? AND ended_at IS NULL", arguments: [id]) {
            try db.execute(sql: "UPDATE breaks SET ended_at = max(started_at, ?) WHERE id = ?", arguments: [at, breakID])
            try journal(db, kind: "break_end", actor: supervisor, subject: code, row: JournalRow(.breaks, breakID), at: recordedAt)
        }
        try db.execute(
            sql: "UPDATE attendance SET clock_out = ?, out_by = ?, out_late_entry = ?, out_reason = ? WHERE id = ?",
            arguments: [at, supervisorID, lateEntry, reason, id])
        try journal(db, kind: kind ?? (lateEntry ? "clock_out_late_entry" : "clock_out"), actor: supervisor, subject: code,
                    row: JournalRow(.attendance, id), at: recordedAt)
    }

    /// Refuses a time in the future, and a paper-sheet time without a reason or beyond the policy.
    static func checkEntryTime(_ db: Database, _ instant: Date, lateEntry: Bool, reason: String?, recordedAt: Date) throws {
        guard lateEntry else {
            guard instant <= recordedAt else { throw AttendanceError.inTheFuture(instant) }
            return
        }
        try PaperSheetRule.check(instant, now: recordedAt, reason: reason, policy: try securityPolicy(db))
    }

    /// Starts or ends a break in a WBP's open shift.
    ///
    /// - Throws: ``AttendanceError/premiClosed(month:)`` when the month of `instant` is closed.
    public func setBreak(_ code: String, starting: Bool, supervisor: String, at instant: Date, calendar: CafeCalendar = .wita) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            try Self.checkPremiOpen(db, from: instant, through: instant, calendar: calendar)
            guard let attendanceID = try Int64.fetchOne(
                db, sql: "SELECT a.id FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = ? AND a.clock_out IS NULL",
                arguments: [code])
            else { throw StaffError.notClockedIn(code) }
            let open = try Int64.fetchOne(db, sql: "SELECT id FROM breaks WHERE attendance_id = ? AND ended_at IS NULL", arguments: [attendanceID])
            if starting {
                guard open == nil else { throw StaffError.alreadyOnBreak(code) }
                try db.execute(sql: "INSERT INTO breaks (attendance_id, started_at, by_id) VALUES (?, ?, ?)",
                               arguments: [attendanceID, Timestamp.string(instant), supervisorID])
                try Self.journal(db, kind: "break_start", actor: supervisor, subject: code, row: JournalRow(.breaks, db.lastInsertedRowID), at: instant)
            } else {
                guard let open else { throw StaffError.notOnBreak(code) }
                try db.execute(sql: "UPDATE breaks SET ended_at = ? WHERE id = ?", arguments: [Timestamp.string(instant), open])
                try Self.journal(db, kind: "break_end", actor: supervisor, subject: code, row: JournalRow(.breaks, open), at: instant)
            }
        }
    }

    /// Shifts still open: those begun before today are forgotten clock-outs, to be closed by hand.
    public func openAttendance() throws -> [AttendanceRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT a.*, s.code, s.alias, sup.code AS confirmed_by,
                        EXISTS (SELECT 1 FROM breaks b WHERE b.attendance_id = a.id AND b.ended_at IS NULL) AS on_break
                    FROM attendance a JOIN staff s ON s.id = a.staff_id JOIN staff sup ON sup.id = a.in_by
                    WHERE a.clock_out IS NULL ORDER BY a.clock_in
                    """
            ).map {
                AttendanceRecord(
                    id: $0["id"], staffCode: $0["code"], alias: $0["alias"], station: try $0.kind("station", table: "attendance"),
                    clockIn: try $0.instant("clock_in", table: "attendance"), clockOut: nil,
                    confirmedBy: $0["confirmed_by"], lateEntry: $0["in_late_entry"], onBreak: $0["on_break"], outReason: nil)
            }
        }
    }
}
