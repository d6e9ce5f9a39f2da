import Foundation

/// A shift as reports see it: supervisor-confirmed clock-in and clock-out, and breaks.
public struct ShiftFact: Hashable, Sendable {
    public var staffCode: String
    public var station: String
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

    public init(staffCode: String, station: String, clockIn: Date, clockOut: Date?, breaks: [Break] = []) {
        self.staffCode = staffCode
        self.station = station
        self.clockIn = clockIn
        self.clockOut = clockOut
        self.breaks = breaks
    }
}

