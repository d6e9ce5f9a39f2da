import Foundation

/// A shift as reports see it: supervisor-confirmed clock-in and clock-out, and breaks.
public struct ShiftFact: Hashable, Sendable {
    public var staffCode: String
    public var station: Station
    public var clockIn: Date
    /// `nil` while the shift is open: an open shift is a warning, never counted.
    public var clockOut: Date?
    public var breaks: [Break]

    public struct Break: Hashable, Sendable {
        public var start: Date
        public var end: Date?
        public init(start: Date, end: Date?) {
            self.start = start
            self.end = end
        }
    }

    public init(staffCode: String, station: Station, clockIn: Date, clockOut: Date?, breaks: [Break] = []) {
        self.staffCode = staffCode
        self.station = station
        self.clockIn = clockIn
        self.clockOut = clockOut
        self.breaks = breaks
    }
}


/// Why an attendance entry is refused. Nothing is recorded when one is thrown.
public enum AttendanceError: KasirError, Equatable {
    /// A time later than now.
    case inTheFuture(Date)
    /// A paper-sheet time further back than the policy allows.
    case beyondBackdateLimit(days: Int)
    /// A paper-sheet time needs a reason.
    case reasonRequired
    /// The shift would overlap another shift of the same person.
    case overlapsShift(code: String, start: Date, end: Date?)
    /// A clock-out before its clock-in.
    case endsBeforeStart(Date)
    /// The shift would be longer than the policy's hours, and no supervisor gave a reason.
    case longShiftNeedsReason(code: String, hours: Int)
    /// The entry would change the hours of a month whose premi is closed.
    case premiClosed(month: String)
}

extension AttendanceError {
    public var nature: ErrorNature {
        switch self {
        case .inTheFuture, .beyondBackdateLimit, .reasonRequired, .overlapsShift, .endsBeforeStart, .longShiftNeedsReason, .premiClosed:
            return .refusal
        }
    }
}

/// The rules for times a supervisor types in from the paper sign-in sheet.
public enum PaperSheetRule {
    /// Checks a late entry at `instant`, typed in at `now`.
    ///
    /// - Throws: ``AttendanceError/inTheFuture(_:)``, ``AttendanceError/beyondBackdateLimit(days:)``,
    ///   ``AttendanceError/reasonRequired``.
    public static func check(_ instant: Date, now: Date, reason: String?, policy: SecurityPolicy) throws(AttendanceError) {
        guard instant <= now else { throw .inTheFuture(instant) }
        guard now.timeIntervalSince(instant) <= TimeInterval(policy.maxBackdateDays) * 86_400 else {
            throw .beyondBackdateLimit(days: policy.maxBackdateDays)
        }
        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
    }
}

/// The rule for long shifts: a shift longer than the policy's ``SecurityPolicy/maxShiftHours``
/// (a forgotten clock-out closed late, a double shift) is recorded only with a supervisor's
/// reason, which is kept with the clock-out and journaled.
public enum ShiftLengthRule {
    /// Checks the shift of `code` from `start` to `end`.
    ///
    /// ```swift
    /// // In at 08:00, out at 21:00: 13 hours, refused without a reason under the standard policy.
    /// try ShiftLengthRule.check("W02", from: clockIn, to: clockOut, reason: nil, policy: .standard)
    /// ```
    ///
    /// - Throws: ``AttendanceError/longShiftNeedsReason(code:hours:)``.
    public static func check(_ code: String, from start: Date, to end: Date, reason: String?, policy: SecurityPolicy) throws(AttendanceError) {
        guard end.timeIntervalSince(start) > TimeInterval(policy.maxShiftHours) * 3600 else { return }
        guard let reason, !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw .longShiftNeedsReason(code: code, hours: policy.maxShiftHours)
        }
    }
}
