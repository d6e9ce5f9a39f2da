import Foundation

/// Where "now" comes from. The domain never reads the system clock itself.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// A café day, such as `2026-11-29`, in the café's time zone (WITA).
public struct BusinessDay: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `YYYY-MM-DD`, checking that the date exists.
    public static func parse(_ text: String) throws(InputError) -> BusinessDay {
        guard let parts = dashedNumbers(text, widths: [4, 2, 2]), case let (year, month, day) = (parts[0], parts[1], parts[2]),
            (2000...2999).contains(year), (1...12).contains(month),
            (1...daysIn(month: month, year: year)).contains(day)
        else { throw .malformedDate(clipped(text)) }
        return BusinessDay(year: year, month: month, day: day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day of the week, ISO style: 1 is Monday, 7 is Sunday.
    ///
    /// ```swift
    /// BusinessDay(year: 2026, month: 12, day: 2).weekday   // 3, a Wednesday
    /// ```
    public var weekday: Int {
        // Days since 0001-01-01 (a Monday) in the proleptic Gregorian calendar.
        let y = year - 1
        var days = y * 365 + y / 4 - y / 100 + y / 400
        for m in 1..<month { days += Self.daysIn(month: m, year: year) }
        days += day - 1
        return days % 7 + 1
    }

    /// The day `days` later (earlier when negative), by the calendar alone.
    ///
    /// ```swift
    /// BusinessDay(year: 2026, month: 12, day: 30).adding(days: 3)   // 2027-01-02
    /// ```
    public func adding(days: Int) -> BusinessDay {
        let (year, month, day) = Timestamp.civil(fromDays: Timestamp.days(fromCivil: Int64(year), Int64(month), Int64(day)) + Int64(days))
        return BusinessDay(year: Int(year), month: Int(month), day: Int(day))
    }

    public var description: String {
        func two(_ value: Int) -> String { (value < 10 ? "0" : "") + String(value) }
        return String(year) + "-" + two(month) + "-" + two(day)
    }

    public static func < (a: BusinessDay, b: BusinessDay) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Self.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad day \(text)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// Converts instants to the café's local days and times.
///
/// The café keeps WITA (Asia/Makassar, UTC+8, no daylight saving): 16:00 UTC is midnight.
///
/// ```swift
/// let calendar = CafeCalendar.wita
/// calendar.day(of: Date(timeIntervalSince1970: 1_764_432_000))   // the WITA day of that instant
/// ```
public struct CafeCalendar: Sendable {
    public let timeZone: TimeZone
    private let calendar: Calendar
    /// The zone's offset from UTC in seconds when it never changes (Indonesia keeps no daylight
    /// saving): days and times are then plain arithmetic, which reports do for every shift.
    private let fixedOffset: Int64?

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        // Fixed when there is no transition in the years a café's records span.
        let from = Date(timeIntervalSince1970: 946_684_800)   // 2000-01-01
        let transition = timeZone.nextDaylightSavingTimeTransition(after: from)
        fixedOffset = transition == nil || transition! > Date(timeIntervalSince1970: 4_102_444_800)   // 2100-01-01
            ? Int64(timeZone.secondsFromGMT(for: from)) : nil
    }

    /// Local seconds since 1970 of `instant`, for a fixed zone.
    private func localSeconds(_ instant: Date, offset: Int64) -> Int64 {
        Int64((instant.timeIntervalSince1970).rounded(.down)) + offset
    }

    /// WITA, from the system's zone database when it has it, else the fixed offset.
    public static let wita = CafeCalendar(
        timeZone: TimeZone(identifier: "Asia/Makassar") ?? TimeZone(secondsFromGMT: 8 * 3600)!)

    public func day(of instant: Date) -> BusinessDay {
        if let fixedOffset {
            let seconds = localSeconds(instant, offset: fixedOffset)
            var days = seconds / 86_400
            if seconds % 86_400 < 0 { days -= 1 }
            let (year, month, day) = Timestamp.civil(fromDays: days)
            return BusinessDay(year: Int(year), month: Int(month), day: Int(day))
        }
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        return BusinessDay(year: parts.year!, month: parts.month!, day: parts.day!)
    }

    /// The instant the day starts, local midnight.
    public func start(of day: BusinessDay) -> Date {
        if let fixedOffset {
            let days = Timestamp.days(fromCivil: Int64(day.year), Int64(day.month), Int64(day.day))
            return Date(timeIntervalSince1970: TimeInterval(days * 86_400 - fixedOffset))
        }
        return calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day))!
    }

    /// `HH:mm` local time.
    public func clockTime(of instant: Date) -> String {
        let hour: Int, minute: Int
        if let fixedOffset {
            var seconds = localSeconds(instant, offset: fixedOffset) % 86_400
            if seconds < 0 { seconds += 86_400 }
            (hour, minute) = (Int(seconds / 3600), Int(seconds / 60 % 60))
        } else {
            let parts = calendar.dateComponents([.hour, .minute], from: instant)
            (hour, minute) = (parts.hour!, parts.minute!)
        }
        return (hour < 10 ? "0" : "") + String(hour) + ":" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// `YYYY-MM-DD HH:mm` local time.
    public func dateTime(of instant: Date) -> String {
        "\(day(of: instant)) \(clockTime(of: instant))"
    }

    /// What people call the zone: `WITA` for Asia/Makassar, `WIB` and `WIT` for Indonesia's
    /// other two, else the system's abbreviation.
    public var zoneLabel: String {
        switch timeZone.identifier {
        case "Asia/Makassar": return "WITA"
        case "Asia/Jakarta", "Asia/Pontianak": return "WIB"
        case "Asia/Jayapura": return "WIT"
        default: return timeZone.identifier.hasPrefix("GMT") && timeZone.secondsFromGMT() == 8 * 3600 ? "WITA" : (timeZone.abbreviation() ?? "UTC")
        }
    }
}

/// A café month, such as `2026-11`, in WITA.
public struct BusinessMonth: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int
    public var month: Int

    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }

    /// Reads `YYYY-MM`.
    public static func parse(_ text: String) throws(InputError) -> BusinessMonth {
        guard let parts = dashedNumbers(text, widths: [4, 2]), case let (year, month) = (parts[0], parts[1]),
            (2000...2999).contains(year), (1...12).contains(month)
        else { throw .malformedDate(clipped(text)) }
        return BusinessMonth(year: year, month: month)
    }

    public var first: BusinessDay { BusinessDay(year: year, month: month, day: 1) }
    public var last: BusinessDay { BusinessDay(year: year, month: month, day: BusinessDay.daysIn(month: month, year: year)) }
    public var previous: BusinessMonth { month == 1 ? BusinessMonth(year: year - 1, month: 12) : BusinessMonth(year: year, month: month - 1) }
    public var next: BusinessMonth { month == 12 ? BusinessMonth(year: year + 1, month: 1) : BusinessMonth(year: year, month: month + 1) }

    public var description: String { String(year) + "-" + (month < 10 ? "0" : "") + String(month) }
    public static func < (a: BusinessMonth, b: BusinessMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Self.parse(text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad month \(text)"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension CafeCalendar {
    /// The instants a month spans: from its first local midnight to the next month's.
    public func interval(of month: BusinessMonth) -> (start: Date, end: Date) {
        (start(of: month.first), start(of: month.next.first))
    }

    /// The WITA month of an instant.
    public func month(of instant: Date) -> BusinessMonth {
        let day = day(of: instant)
        return BusinessMonth(year: day.year, month: day.month)
    }

    /// The months from the one of `start` through the one of `end`, both included.
    ///
    /// ```swift
    /// CafeCalendar.wita.months(from: octoberThird, through: novemberFirst)   // [2026-10, 2026-11]
    /// ```
    public func months(from start: Date, through end: Date) -> Set<BusinessMonth> {
        var months: Set<BusinessMonth> = []
        var cursor = month(of: start)
        let last = month(of: end)
        while cursor <= last {
            months.insert(cursor)
            cursor = cursor.next
        }
        return months
    }

    /// Reads a local time such as `2026-11-29 08:00` (what a paper sign-in sheet says).
    ///
    /// - Throws: ``InputError/malformedDate(_:)`` for anything else.
    public func instant(parsing text: String) throws(InputError) -> Date {
        let parts = text.split(separator: " ")
        let time = parts.count == 2 ? parts[1].split(separator: ":") : []
        guard parts.count == 2, time.count == 2, time[0].count == 2, time[1].count == 2,
            let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour), (0..<60).contains(minute)
        else { throw .malformedDate(clipped(text)) }
        guard let day = try? BusinessDay.parse(String(parts[0])) else { throw .malformedDate(clipped(text)) }
        return start(of: day).addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    /// The day after `day`.
    public func day(after day: BusinessDay) -> BusinessDay { day.adding(days: 1) }
}

/// The numbers of `text` when it is ASCII digits in fields of exactly `widths`, joined by
/// dashes (`2026-11-29` for `[4, 2, 2]`), else nil. Read byte by byte: the centre parses a
/// month or a day on every row it reads, and Characters cost a grapheme check each.
private func dashedNumbers(_ text: String, widths: [Int]) -> [Int]? {
    let bytes = Array(text.utf8)
    guard bytes.count == widths.reduce(widths.count - 1, +) else { return nil }
    var numbers: [Int] = []
    var index = 0
    for (field, width) in widths.enumerated() {
        if field > 0 {
            guard bytes[index] == UInt8(ascii: "-") else { return nil }
            index += 1
        }
        var number = 0
        for _ in 0..<width {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else { return nil }
            number = number * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            index += 1
        }
        numbers.append(number)
    }
    return numbers
}
