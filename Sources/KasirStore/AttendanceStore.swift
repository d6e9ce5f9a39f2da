import Foundation
import GRDB
import KasirCore

/// Where a WBP works during a shift.
public enum Station: String, Sendable, Codable, CaseIterable {
    case kasir, bar, dapur
}

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
    ///   - instant: when they started; `lateEntry` marks a time copied from the paper sheet.
    ///   - recordedAt: when a late entry was typed in (journaled as such); defaults to `instant`.
    /// - Throws: ``StaffError`` when the WBP is not eligible (status, decree) or already in.
    public func clockIn(
        _ code: String, station: Station, supervisor: String, at instant: Date, lateEntry: Bool, recordedAt: Date? = nil, calendar: CafeCalendar
    ) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            let staffID = try Self.eligibleBaristaID(db, code: code, on: calendar.day(of: instant), clockedIn: false)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM attendance WHERE staff_id = ? AND clock_out IS NULL", arguments: [staffID]) == true {
                throw StaffError.alreadyClockedIn(code)
            }
            try db.execute(
                sql: "INSERT INTO attendance (staff_id, station, clock_in, in_by, in_late_entry) VALUES (?, ?, ?, ?, ?)",
                arguments: [staffID, station.rawValue, Self.timestamp(instant), supervisorID, lateEntry])
            let id = db.lastInsertedRowID
            try Self.journal(db, kind: lateEntry ? "clock_in_late_entry" : "clock_in", actor: supervisor, subject: code,
                             row: ("attendance", id), at: recordedAt ?? instant)
        }
    }

    /// Clocks a WBP out, closing an open break; a forgotten clock-out is closed the same way,
    /// with the real time and a reason.
    public func clockOut(_ code: String, supervisor: String, at instant: Date, lateEntry: Bool, recordedAt: Date? = nil, reason: String?) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let row = try Row.fetchOne(
                db, sql: """
                    SELECT a.id, a.clock_in FROM attendance a JOIN staff s ON s.id = a.staff_id
                    WHERE s.code = ? AND a.clock_out IS NULL
                    """, arguments: [code])
            else { throw StaffError.notClockedIn(code) }
            let id: Int64 = row["id"]
            guard let started = Self.parseTimestamp(row["clock_in"]), instant >= started else {
                throw InputError.malformedDate(Self.timestamp(instant))
            }
            if let breakID = try Int64.fetchOne(db, sql: "SELECT id FROM breaks WHERE attendance_id = ? AND ended_at IS NULL", arguments: [id]) {
                try db.execute(sql: "UPDATE breaks SET ended_at = ? WHERE id = ?", arguments: [Self.timestamp(instant), breakID])
                try Self.journal(db, kind: "break_end", actor: supervisor, subject: code, row: ("breaks", breakID), at: instant)
            }
            try db.execute(
                sql: "UPDATE attendance SET clock_out = ?, out_by = ?, out_late_entry = ?, out_reason = ? WHERE id = ?",
                arguments: [Self.timestamp(instant), supervisorID, lateEntry, reason, id])
            try Self.journal(db, kind: lateEntry ? "clock_out_late_entry" : "clock_out", actor: supervisor, subject: code,
                             row: ("attendance", id), at: recordedAt ?? instant)
        }
    }

    /// Starts or ends a break in a WBP's open shift.
    public func setBreak(_ code: String, starting: Bool, supervisor: String, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let attendanceID = try Int64.fetchOne(
                db, sql: "SELECT a.id FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = ? AND a.clock_out IS NULL",
                arguments: [code])
            else { throw StaffError.notClockedIn(code) }
            let open = try Int64.fetchOne(db, sql: "SELECT id FROM breaks WHERE attendance_id = ? AND ended_at IS NULL", arguments: [attendanceID])
            if starting {
                guard open == nil else { throw StaffError.alreadyOnBreak(code) }
                try db.execute(sql: "INSERT INTO breaks (attendance_id, started_at, by_id) VALUES (?, ?, ?)",
                               arguments: [attendanceID, Self.timestamp(instant), supervisorID])
                try Self.journal(db, kind: "break_start", actor: supervisor, subject: code, row: ("breaks", db.lastInsertedRowID), at: instant)
            } else {
                guard let open else { throw StaffError.notOnBreak(code) }
                try db.execute(sql: "UPDATE breaks SET ended_at = ? WHERE id = ?", arguments: [Self.timestamp(instant), open])
                try Self.journal(db, kind: "break_end", actor: supervisor, subject: code, row: ("breaks", open), at: instant)
            }
        }
    }

    /// Shifts still open: those begun before `day` are forgotten clock-outs, to be closed by hand.
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
                    id: $0["id"], staffCode: $0["code"], alias: $0["alias"], station: Station(rawValue: $0["station"]) ?? .kasir,
                    clockIn: Self.parseTimestamp($0["clock_in"]) ?? Date(timeIntervalSince1970: 0), clockOut: nil,
                    confirmedBy: $0["confirmed_by"], lateEntry: $0["in_late_entry"], onBreak: $0["on_break"], outReason: nil)
            }
        }
    }
}
