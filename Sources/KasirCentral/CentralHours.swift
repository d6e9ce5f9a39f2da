import Foundation
import KasirCore
import KasirLedger
import KasirReports
import Logging
import PostgresNIO

extension CentralDatabase {
    /// The closed shifts of each of `cafes` that end after `start` and begin before `end`, with
    /// their breaks, as the café's training report reads its own.
    ///
    /// Those begun in the span are read from its partitions, those begun before it that end in
    /// it by their end. Rows come as arrays per café, WBP and station, and the breaks (found by
    /// their shifts' ids) as arrays per café: a row each cost more to take apart than the
    /// report takes to compute.
    static func closedShifts(cafes: [String], from start: Date, to end: Date, connection: PostgresConnection, logger: Logger) async throws
        -> [String: [ShiftFact]]
    {
        let span = """
            SELECT cafe, id, staff_id, station, clock_in, clock_out FROM attendance
                WHERE cafe = ANY($1) AND clock_in >= $2 AND clock_in < $3 AND clock_out > $2
            UNION ALL
            SELECT cafe, id, staff_id, station, clock_in, clock_out FROM attendance
                WHERE cafe = ANY($1) AND clock_out > $2 AND clock_in < $2
            """
        var bindings = PostgresBindings()
        bindings.append(cafes)
        bindings.append(start)
        bindings.append(end)
        var shifts: [String: [Int64: ShiftFact]] = [:]
        for try await (cafe, code, station, ids, clockIns, clockOuts) in try await connection.query(PostgresQuery(unsafeSQL: """
            WITH s AS (\(span))
            SELECT s.cafe, p.code, s.station, array_agg(s.id), array_agg(s.clock_in::timestamptz), array_agg(s.clock_out::timestamptz)
            FROM s JOIN staff p ON p.cafe = s.cafe AND p.id = s.staff_id
            GROUP BY s.cafe, p.code, s.station
            """, binds: bindings), logger: logger).decode((String, String, String, [Int64], [Date], [Date]).self) {
            guard ids.count == clockIns.count, ids.count == clockOuts.count, let at = Station(rawValue: station) else {
                throw CentralError.unreadableFact(cafe: cafe, table: "attendance", value: clipped(code))
            }
            for index in ids.indices {
                shifts[cafe, default: [:]][ids[index]] = ShiftFact(staffCode: code, station: at, clockIn: clockIns[index], clockOut: clockOuts[index])
            }
        }
        // Their breaks, by the shifts' own ids: the span is not read a second time. A café's
        // shifts' ids, in order, are a few ranges of the index on (café, shift), split where the
        // ids jump: a read of a few hundred ranges, not a lookup for each of tens of thousands
        // of shifts. A break of a shift in a range but not in the span is passed over.
        var ranges: [(cafe: String, low: Int64, high: Int64)] = []
        for (cafe, byID) in shifts {
            for id in byID.keys.sorted() {
                // (Ids are the café's to write: a step too wide to count is a jump too.)
                if let last = ranges.last, last.cafe == cafe, case let (step, overflow) = id.subtractingReportingOverflow(last.high),
                    !overflow, step <= Self.shiftIDJump {
                    ranges[ranges.count - 1].high = id
                } else {
                    ranges.append((cafe, id, id))
                }
            }
        }
        if !ranges.isEmpty {
            for try await (cafe, shiftIDs, starts, ends) in try await connection.query("""
                SELECT b.cafe, array_agg(b.attendance_id), array_agg(b.started_at::timestamptz),
                    array_agg(coalesce(b.ended_at, timestamptz '1970-01-01 00:00:00+00'))
                FROM breaks b JOIN unnest(\(ranges.map(\.cafe))::text[], \(ranges.map(\.low))::bigint[], \(ranges.map(\.high))::bigint[]) AS s(cafe, low, high)
                    ON b.cafe = s.cafe AND b.attendance_id BETWEEN s.low AND s.high
                GROUP BY b.cafe
                """, logger: logger).decode((String, [Int64], [Date], [Date]).self) {
                guard shiftIDs.count == starts.count, shiftIDs.count == ends.count else { throw CentralError.unreadableFact(cafe: cafe, table: "breaks", value: cafe) }
                for index in shiftIDs.indices {
                    // An open break has no end: 1970 here, before any instant a café writes.
                    let end = ends[index].timeIntervalSince1970 <= 0 ? nil : ends[index]
                    shifts[cafe]?[shiftIDs[index]]?.breaks.append(ShiftFact.Break(start: starts[index], end: end))
                }
            }
        }
        return shifts.mapValues { byID in byID.keys.sorted().map { byID[$0]! } }
    }

    /// The widest step between one shift's id and the next that one range of breaks covers: a
    /// café's shifts in a month are numbered nearly one after another (other cafés' shifts and
    /// its own of other months are not in between), and a jump starts another range.
    static let shiftIDJump: Int64 = 64

    /// What the kept hours of café `cafe` rest on besides its shifts: its calendar (its zone)
    /// and the codes of the staff `staffIDs` (absent when not held).
    static func hoursBasis(cafe: String, staffIDs: [Int64], connection: PostgresConnection, logger: Logger) async throws
        -> (calendar: CafeCalendar, codes: [Int64: String])
    {
        let calendar = try await rules(cafes: [cafe], connection: connection, logger: logger)[cafe]?.calendar ?? .wita
        var codes: [Int64: String] = [:]
        if !staffIDs.isEmpty {
            for try await (id, code) in try await connection.query("""
                SELECT id, code FROM staff WHERE cafe = \(cafe) AND id = ANY(\(staffIDs))
                """, logger: logger).decode((Int64, String).self) {
                codes[id] = code
            }
        }
        return (calendar, codes)
    }

    /// The months a batch's shifts and breaks fall in, by the shifts as the projection holds
    /// them: read before the batch is projected (where a corrected shift was) and after (where
    /// it is now).
    static func monthsOfShifts(
        cafe: String, shiftIDs: [Int64], breakIDs: [Int64], calendar: CafeCalendar, connection: PostgresConnection, logger: Logger
    ) async throws -> Set<BusinessMonth> {
        guard !shiftIDs.isEmpty || !breakIDs.isEmpty else { return [] }
        var months: Set<BusinessMonth> = []
        for try await (clockIn, clockOut) in try await connection.query("""
            SELECT clock_in, clock_out FROM attendance
            WHERE cafe = \(cafe) AND (id = ANY(\(shiftIDs)) OR id IN (SELECT attendance_id FROM breaks WHERE cafe = \(cafe) AND id = ANY(\(breakIDs))))
            """, logger: logger).decode((Date, Date?).self) {
            months.formUnion(calendar.months(from: clockIn, through: clockOut ?? clockIn))
        }
        return months
    }

    /// Works out each WBP's seconds in `months` (every month of the café's shifts when nil)
    /// with the café's own rule (``TrainingHours``) and keeps them in `monthly_hours`, in the
    /// caller's transaction: what the training report reads instead of months of shifts.
    ///
    /// ```swift
    /// try await CentralDatabase.keepMonthlyHours(cafe: "BPN01", months: [november], connection: connection, logger: logger)
    /// ```
    static func keepMonthlyHours(cafe: String, months asked: Set<BusinessMonth>?, connection: PostgresConnection, logger: Logger) async throws {
        let calendar = try await rules(cafes: [cafe], connection: connection, logger: logger)[cafe]?.calendar ?? .wita
        var months = asked ?? []
        if asked == nil {
            let rows = try await connection.query("""
                SELECT min(clock_in), max(coalesce(clock_out, clock_in)) FROM attendance WHERE cafe = \(cafe)
                """, logger: logger).collect()
            if let (first, last) = try rows.first?.decode((Date?, Date?).self), let first, let last {
                months = calendar.months(from: first, through: last)
            }
        }
        var rowMonths: [String] = [], codes: [String] = [], seconds: [Int64] = [], days: [Int32] = []
        if let first = months.min(), let last = months.max() {
            let shifts = try await closedShifts(cafes: [cafe], from: calendar.interval(of: first).start, to: calendar.interval(of: last).end,
                                                connection: connection, logger: logger)[cafe] ?? []
            for (month, hours) in TrainingHours.compute(shifts, months: months, calendar: calendar) {
                for (code, worked) in hours where worked.seconds > 0 {
                    rowMonths.append(month.description)
                    codes.append(code)
                    seconds.append(Int64(worked.seconds))
                    days.append(Int32(worked.days.count))
                }
            }
        }
        let kept: [String]? = asked.map { $0.map(\.description) }
        _ = try await connection.query("""
            SELECT kasir_keep_monthly_hours(\(cafe), \(kept)::text[], \(rowMonths)::text[], \(codes)::text[], \(seconds)::bigint[], \(days)::integer[])
            """, logger: logger).collect()
    }
}
