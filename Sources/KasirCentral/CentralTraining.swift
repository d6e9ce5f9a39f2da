import Foundation
import KasirConfig
import KasirCore
import KasirLedger
import KasirReports
import KasirStore
import PostgresNIO

/// One café's facts for a training report, read from the centre's projections of its journal
/// and kept in memory: the café's own report rules (``TrainingRules``) run on them unchanged.
///
/// The centre holds no names and no coaching notes' text: participants carry a code and an
/// alias, and there are no notes.
public struct CentralTrainingFacts: TrainingFactSource, Sendable {
    var people: [ParticipantFact] = []
    var closedShifts: [ShiftFact] = []
    var openShifts: [(staffCode: String, clockIn: Date)] = []
    var made: [BusinessMonth: [MadeFact]] = [:]
    var served: [BusinessMonth: [ServedFact]] = [:]
    var tills: [TillCloseFact] = []
    /// Practice seconds per WBP and skill through the report's month, summed, each with the
    /// newest month summed: these facts answer for the month they were read for.
    var practice: [(month: BusinessMonth, code: String, skill: String, seconds: Int)] = []
    /// The month the facts were read for: the sums above hold for it and any later month only.
    var readFor: BusinessMonth?
    var firstOrder: Date?
    var assessmentList: [AssessmentFact] = []
    var premi: [String: Rupiah] = [:]
    /// The WBP whose status is active: who could have worked.
    public internal(set) var active: Set<String> = []

    public func participants() -> [ParticipantFact] { people }

    public func shifts(from start: Date, to end: Date) -> [ShiftFact] {
        // As the café reads them: closed shifts that end after the start and begin before the end.
        closedShifts.filter { shift in shift.clockOut.map { $0 > start } == true && shift.clockIn < end }
    }

    public func itemsMade(month: BusinessMonth, from start: Date, to end: Date) -> [MadeFact] { made[month] ?? [] }

    public func ordersServed(month: BusinessMonth, from start: Date, to end: Date) -> [ServedFact] { served[month] ?? [] }

    public func itemsMade(months: [BusinessMonth], boundaries: [Date]) -> [(month: BusinessMonth, makerCode: String, skill: String, items: Int)] {
        months.flatMap { month in (made[month] ?? []).map { (month, $0.makerCode, $0.skill, $0.items) } }
    }

    public func closedTills(from start: Date, to end: Date) -> [TillCloseFact] {
        tills.filter { $0.closedAt >= start && $0.closedAt < end }
    }

    public func closedPractice(through month: BusinessMonth) -> (last: BusinessMonth?, seconds: [String: [String: Int]]) {
        precondition(readFor.map { month >= $0 } ?? true, "practice summed through \(readFor!) asked through \(month)")
        var seconds: [String: [String: Int]] = [:]
        var last: BusinessMonth?
        for row in practice where row.month <= month {
            seconds[row.code, default: [:]][row.skill, default: 0] += row.seconds
            last = max(last ?? row.month, row.month)
        }
        return (last, seconds)
    }

    public func firstOrderDate() -> Date? { firstOrder }

    public func assessments(through day: BusinessDay) -> [AssessmentFact] { assessmentList.filter { $0.assessedOn <= day } }

    public func premiLedger(month: BusinessMonth) -> [String: Rupiah] { premi }

    public func coachingNotes(from start: Date, to end: Date) -> [CoachingNote] { [] }

    public func openShiftStarts() -> [(staffCode: String, clockIn: Date)] { openShifts }
}

/// A café as the centre reports it: its code, its calendar (from its money rules) and its facts.
public struct CentralCafeFacts: Sendable {
    public var cafe: String
    public var calendar: CafeCalendar
    public var facts: CentralTrainingFacts
}

extension CentralDatabase {
    /// The cafés in `scope` the reader may see, in Kanwil and code order.
    public func cafeCodes(_ scope: CentralScope) async throws -> [String] {
        let rows = try await connection.query("""
            SELECT code FROM cafes
            WHERE (\(scope.kanwil)::text IS NULL OR kanwil = \(scope.kanwil)) AND (\(scope.cafe)::text IS NULL OR code = \(scope.cafe))
            ORDER BY kanwil, code
            """, logger: logger)
        var codes: [String] = []
        for try await code in rows.decode(String.self) { codes.append(code) }
        return codes
    }

    /// Everything the training report of `month` reads, for each of `cafes`, in a few queries
    /// over all of them at once (a month's partitions, and the months the practice hours since
    /// the last premi close need).
    ///
    /// ```swift
    /// for cafe in try await central.trainingFacts(cafes: ["BPN01"], month: november) {
    ///     let report = try TrainingRules(facts: cafe.facts, calendar: cafe.calendar, competencies: units).training(november, pseudonymous: true)
    /// }
    /// ```
    public func trainingFacts(cafes: [String], month: BusinessMonth) async throws -> [CentralCafeFacts] {
        guard !cafes.isEmpty else { return [] }
        var facts = Dictionary(uniqueKeysWithValues: cafes.map { ($0, CentralTrainingFacts(readFor: month)) })
        func parseMonth(_ text: String, cafe: String, table: String) throws -> BusinessMonth {
            guard let month = try? BusinessMonth.parse(text) else { throw CentralError.unreadableFact(cafe: cafe, table: table, value: clipped(text)) }
            return month
        }
        func kind<K: RawRepresentable>(_ text: String, cafe: String, table: String) throws -> K where K.RawValue == String {
            guard let value = K(rawValue: text) else { throw CentralError.unreadableFact(cafe: cafe, table: table, value: clipped(text)) }
            return value
        }

        // Each café's zone, from its money rules, as its sales and PNBP are read.
        let calendars = try await rules(cafes: cafes).mapValues(\.calendar)
        let last = month.description
        // Summed here, not row by row: a café closes its practice monthly, so the months add up
        // to many rows over the years; the sum and its newest month are all the report asks.
        for try await (cafe, row, code, skill, seconds) in try await connection.query("""
            SELECT cafe, max(month), staff_code, skill, sum(seconds)::bigint FROM practice_hours WHERE cafe = ANY(\(cafes)) AND month <= \(last)
            GROUP BY cafe, staff_code, skill
            """, logger: logger).decode((String, String, String, String, Int64).self) {
            facts[cafe]?.practice.append((try parseMonth(row, cafe: cafe, table: "practice_hours"), code, skill, Int(seconds)))
        }
        // The first order, only of the cafés that never closed their practice hours (else a
        // read of every month's partition).
        let unclosed = cafes.filter { facts[$0]?.closedPractice(through: month).last == nil }
        if !unclosed.isEmpty {
            for try await (cafe, first) in try await connection.query("""
                SELECT cafe, min(created_at) FROM orders WHERE cafe = ANY(\(unclosed)) GROUP BY cafe
                """, logger: logger).decode((String, Date).self) {
                facts[cafe]?.firstOrder = first
            }
        }
        // The first month read: six back for the look back, or every month since the last closed
        // practice (or the first order), whichever is earlier, over all the cafés.
        var from = TrainingRules.lookBack(month).first ?? month
        for (cafe, fact) in facts {
            let calendar = calendars[cafe] ?? .wita
            if let closed = fact.closedPractice(through: month).last {
                from = min(from, closed.next)
            } else if let first = fact.firstOrder {
                from = min(from, calendar.month(of: first))
            }
        }
        // In instants, a day wider each side than any café's zone needs; each café's calendar
        // then takes exactly its own months.
        let low = CafeCalendar.wita.interval(of: from).start.addingTimeInterval(-86_400)
        let high = CafeCalendar.wita.interval(of: month).end.addingTimeInterval(86_400)
        let lastDay = month.last.description

        for try await (cafe, code, alias, status) in try await connection.query("""
            SELECT cafe, code, alias, status FROM staff WHERE cafe = ANY(\(cafes)) AND role = 'barista'
            """, logger: logger).decode((String, String, String, String).self) {
            facts[cafe]?.people.append(ParticipantFact(code: code, alias: alias, name: "", registration: nil))
            if status == "active" { facts[cafe]?.active.insert(code) }
        }
        for cafe in cafes { facts[cafe]?.people.sort { Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) } }

        // Closed shifts ending after the first instant and begun before the last: those begun in
        // the span (its partitions), and those begun before it that end in it (by their end).
        // Read as arrays per café, WBP and station, and their breaks as arrays per café: seven
        // months of two hundred cafés are a hundred thousand shifts, and a row each cost more
        // to take apart than the report takes to compute. (The breaks are joined by hashing the
        // café's code as bytes: sorting codes as words took longer than the join.)
        let span = """
            SELECT cafe, id, staff_id, station, clock_in, clock_out FROM attendance
                WHERE cafe = ANY($1) AND clock_in >= $2 AND clock_in < $3 AND clock_out > $2
            UNION ALL
            SELECT cafe, id, staff_id, station, clock_in, clock_out FROM attendance
                WHERE cafe = ANY($1) AND clock_out > $2 AND clock_in < $2
            """
        var bindings = PostgresBindings()
        bindings.append(cafes)
        bindings.append(low)
        bindings.append(high)
        var shifts: [String: [Int64: ShiftFact]] = [:]
        for try await (cafe, code, station, ids, clockIns, clockOuts) in try await connection.query(PostgresQuery(unsafeSQL: """
            WITH s AS (\(span))
            SELECT s.cafe, p.code, s.station, array_agg(s.id), array_agg(s.clock_in::timestamptz), array_agg(s.clock_out::timestamptz)
            FROM s JOIN staff p ON p.cafe = s.cafe AND p.id = s.staff_id
            GROUP BY s.cafe, p.code, s.station
            """, binds: bindings), logger: logger).decode((String, String, String, [Int64], [Date], [Date]).self) {
            guard ids.count == clockIns.count, ids.count == clockOuts.count else { throw CentralError.unreadableFact(cafe: cafe, table: "attendance", value: code) }
            let at: Station = try kind(station, cafe: cafe, table: "attendance")
            for index in ids.indices {
                shifts[cafe, default: [:]][ids[index]] = ShiftFact(staffCode: code, station: at, clockIn: clockIns[index], clockOut: clockOuts[index])
            }
        }
        for try await (cafe, shiftIDs, starts, ends) in try await connection.query(PostgresQuery(unsafeSQL: """
            WITH s AS (\(span))
            SELECT b.cafe, array_agg(b.attendance_id), array_agg(b.started_at::timestamptz), array_agg(coalesce(b.ended_at, timestamptz '1970-01-01 00:00:00+00'))
            FROM s JOIN breaks b ON b.cafe = s.cafe COLLATE "C" AND b.attendance_id = s.id
            GROUP BY b.cafe
            """, binds: bindings), logger: logger).decode((String, [Int64], [Date], [Date]).self) {
            guard shiftIDs.count == starts.count, shiftIDs.count == ends.count else { throw CentralError.unreadableFact(cafe: cafe, table: "breaks", value: cafe) }
            for index in shiftIDs.indices {
                // An open break has no end: 1970 here, before any instant a café writes.
                let end = ends[index].timeIntervalSince1970 <= 0 ? nil : ends[index]
                shifts[cafe]?[shiftIDs[index]]?.breaks.append(ShiftFact.Break(start: starts[index], end: end))
            }
        }
        for (cafe, byID) in shifts { facts[cafe]?.closedShifts = byID.keys.sorted().map { byID[$0]! } }
        for try await (cafe, code, clockIn) in try await connection.query("""
            SELECT a.cafe, p.code, a.clock_in FROM attendance a JOIN staff p ON p.cafe = a.cafe AND p.id = a.staff_id
            WHERE a.cafe = ANY(\(cafes)) AND a.clock_out IS NULL ORDER BY a.clock_in
            """, logger: logger).decode((String, String, Date).self) {
            facts[cafe]?.openShifts.append((code, clockIn))
        }

        // Items made and orders taken per month of the café's business day, kept as the café keeps them.
        let firstMonth = from.description
        for try await (cafe, row, maker, skill, items, modified) in try await connection.query("""
            SELECT f.cafe, f.month, m.code, f.skill, f.items, f.items_with_modifiers FROM monthly_made f
                JOIN staff m ON m.cafe = f.cafe AND m.id = f.maker_id
            WHERE f.cafe = ANY(\(cafes)) AND f.month >= \(firstMonth) AND f.month <= \(last) AND f.items > 0
            """, logger: logger).decode((String, String, String, String, Int64, Int64).self) {
            facts[cafe]?.made[try parseMonth(row, cafe: cafe, table: "orders"), default: []].append(
                MadeFact(makerCode: maker, skill: skill, items: Int(items), itemsWithModifiers: Int(modified)))
        }
        for try await (cafe, row, server, status, orders, total, removed) in try await connection.query("""
            SELECT f.cafe, f.month, s.code, f.status, f.orders, f.total, f.removed_lines FROM monthly_served f
                JOIN staff s ON s.cafe = f.cafe AND s.id = f.server_id
            WHERE f.cafe = ANY(\(cafes)) AND f.month >= \(firstMonth) AND f.month <= \(last) AND f.orders > 0
            """, logger: logger).decode((String, String, String, String, Int64, Int64, Int64).self) {
            facts[cafe]?.served[try parseMonth(row, cafe: cafe, table: "orders"), default: []].append(
                ServedFact(serverCode: server, status: try kind(status, cafe: cafe, table: "orders"), orders: Int(orders), total: Rupiah(total),
                           removedLines: Int(removed)))
        }
        for try await (cafe, id, opened, closed, variance) in try await connection.query("""
            SELECT cafe, id, opened_at, closed_at, COALESCE(variance, 0) FROM tills
            WHERE cafe = ANY(\(cafes)) AND closed_at >= \(low) AND closed_at < \(high) ORDER BY id
            """, logger: logger).decode((String, Int64, Date, Date, Int64).self) {
            facts[cafe]?.tills.append(TillCloseFact(id: id, openedAt: opened, closedAt: closed, variance: Rupiah(variance)))
        }
        for try await (cafe, code, unit, day, assessor, result) in try await connection.query("""
            SELECT a.cafe, s.code, a.unit_code, to_char(a.assessed_on, 'YYYY-MM-DD'), x.code, a.result FROM assessments a
                JOIN staff s ON s.cafe = a.cafe AND s.id = a.staff_id JOIN staff x ON x.cafe = a.cafe AND x.id = a.assessor_id
            WHERE a.cafe = ANY(\(cafes)) AND a.assessed_on <= \(lastDay)::date ORDER BY a.assessed_on, a.id
            """, logger: logger).decode((String, String, String, String, String, String).self) {
            guard let assessed = try? BusinessDay.parse(day) else { throw CentralError.unreadableFact(cafe: cafe, table: "assessments", value: day) }
            facts[cafe]?.assessmentList.append(AssessmentFact(staffCode: code, unitCode: unit, assessedOn: assessed, assessor: assessor,
                                                              competent: result == "kompeten", note: nil))
        }
        for try await (cafe, code, amount) in try await connection.query("""
            SELECT l.cafe, s.code, l.amount FROM premi_ledger l JOIN staff s ON s.cafe = l.cafe AND s.id = l.staff_id
            WHERE l.cafe = ANY(\(cafes)) AND l.month = \(last) ORDER BY l.id
            """, logger: logger).decode((String, String, Int64).self) {
            facts[cafe]?.premi[code] = Rupiah(amount)
        }
        return cafes.map { CentralCafeFacts(cafe: $0, calendar: calendars[$0] ?? .wita, facts: facts[$0] ?? CentralTrainingFacts()) }
    }
}
