import Foundation
import KasirCore

/// Worked time of one WBP in one month, from confirmed attendance.
public struct TrainingHours: Hashable, Sendable {
    /// Seconds worked per station, breaks excluded.
    public var secondsByStation: [Station: Int] = [:]
    /// WITA days with any time worked.
    public var days: Set<BusinessDay> = []

    public init() {}

    public var seconds: Int { secondsByStation.values.reduce(0, +) }
    public var hours: Double { Self.hours(seconds) }

    /// Seconds as hours, to the hundredth.
    public static func hours(_ seconds: Int) -> Double { (Double(seconds) / 36.0).rounded() / 100 }

    /// `value` to the hundredth: every hour figure and rate a report shows is kept this way, so
    /// the same record gives the same number (and document number) wherever it is computed.
    public static func hundredths(_ value: Double) -> Double { (value * 100).rounded() / 100 }

    /// Hours per WBP in `month`.
    ///
    /// Each shift's time, less its breaks, is split at every WITA midnight; each piece counts
    /// in the month of its own day. Open shifts are not counted.
    ///
    /// ```swift
    /// let hours = TrainingHours.compute(shifts, month: november, calendar: .wita)
    /// hours["W01"]?.hours   // 31.5
    /// ```
    public static func compute(_ shifts: [ShiftFact], month: BusinessMonth, calendar: CafeCalendar) -> [String: TrainingHours] {
        compute(shifts, months: [month], calendar: calendar)[month] ?? [:]
    }

    /// The same for several months at once, in one pass over the shifts.
    public static func compute(_ shifts: [ShiftFact], months: Set<BusinessMonth>, calendar: CafeCalendar) -> [BusinessMonth: [String: TrainingHours]] {
        var result: [BusinessMonth: [String: TrainingHours]] = [:]
        for shift in shifts {
            guard let clockOut = shift.clockOut, clockOut > shift.clockIn else { continue }
            for piece in worked(shift, until: clockOut) {
                var cursor = piece.start
                while cursor < piece.end {
                    let day = calendar.day(of: cursor)
                    let dayEnd = calendar.start(of: calendar.day(after: day))
                    let end = min(piece.end, dayEnd)
                    let month = BusinessMonth(year: day.year, month: day.month)
                    if months.contains(month) {
                        let seconds = Int(end.timeIntervalSince(cursor).rounded())
                        if seconds > 0 {
                            result[month, default: [:]][shift.staffCode, default: TrainingHours()].secondsByStation[shift.station, default: 0] += seconds
                            result[month, default: [:]][shift.staffCode, default: TrainingHours()].days.insert(day)
                        }
                    }
                    cursor = end
                }
            }
        }
        return result
    }

    /// The shift less its breaks, as intervals in time order.
    static func worked(_ shift: ShiftFact, until clockOut: Date) -> [(start: Date, end: Date)] {
        var pieces: [(start: Date, end: Date)] = []
        var cursor = shift.clockIn
        for pause in shift.breaks.sorted(by: { $0.start < $1.start }) {
            let pauseStart = max(pause.start, cursor)
            let pauseEnd = min(pause.end ?? clockOut, clockOut)
            guard pauseStart < clockOut, pauseEnd > pauseStart else { continue }
            if pauseStart > cursor { pieces.append((cursor, pauseStart)) }
            cursor = max(cursor, pauseEnd)
        }
        if cursor < clockOut { pieces.append((cursor, clockOut)) }
        return pieces
    }
}
