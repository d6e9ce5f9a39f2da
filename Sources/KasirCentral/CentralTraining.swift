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
    /// Worked seconds per WBP in each month from `keptFrom` through `readFor`, as kept at the
    /// centre (`monthly_hours`).
    var kept: [BusinessMonth: [String: Int]] = [:]
    var keptFrom: BusinessMonth?
    /// The instants the closed shifts were read for: the report's month and the one before.
    var shiftSpan: (start: Date, end: Date)?
    /// Whose facts these are, as errors name it.
    var cafe = ""
    var firstOrder: Date?
    var assessmentList: [AssessmentFact] = []
    var premi: [String: Rupiah] = [:]
    /// The WBP whose status is active: who could have worked.
    public internal(set) var active: Set<String> = []

    public func participants() -> [ParticipantFact] { people }

    public func shifts(from start: Date, to end: Date) throws -> [ShiftFact] {
        // Only what was read can be answered: anything else would be a figure short of shifts.
        if let shiftSpan, start < shiftSpan.start || end > shiftSpan.end { throw CentralError.unreadableFact(cafe: cafe, table: "attendance", value: "span") }
        // As the café reads them: closed shifts that end after the start and begin before the end.
        return closedShifts.filter { shift in shift.clockOut.map { $0 > start } == true && shift.clockIn < end }
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

    public func keptWorkedSeconds(months: [BusinessMonth]) throws -> [BusinessMonth: [String: Int]]? {
        guard let keptFrom, let readFor, let first = months.first, let last = months.last else { return nil }
        guard first >= keptFrom, last <= readFor else { throw CentralError.unreadableFact(cafe: cafe, table: "monthly_hours", value: "\(first)–\(last)") }
        return kept.filter { months.contains($0.key) }
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
        var facts = Dictionary(uniqueKeysWithValues: cafes.map { ($0, CentralTrainingFacts(readFor: month, cafe: $0)) })
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
        // Each café's first month read: six back for the look back, or every month since its
        // last closed practice (or its first order), whichever is earlier. Only the months'
        // kept figures are read that far back; the shifts only for this month and the last.
        var firstMonth: [String: BusinessMonth] = [:]
        for (cafe, fact) in facts {
            var from = TrainingRules.lookBack(month).first ?? month
            if let closed = fact.closedPractice(through: month).last {
                from = min(from, closed.next)
            } else if let first = fact.firstOrder {
                from = min(from, (calendars[cafe] ?? .wita).month(of: first))
            }
            firstMonth[cafe] = from
            facts[cafe]?.keptFrom = from
        }
        let firsts = (cafes: cafes, months: cafes.map { firstMonth[$0]?.description ?? last })
        // In instants, from the earliest start of the month before to the latest end of the
        // month in any café's zone; each café's calendar then takes exactly its own months.
        let zones = Set(cafes.map { calendars[$0] ?? .wita }.map(\.timeZone.identifier))
        let spans = zones.compactMap(TimeZone.init(identifier:)).map(CafeCalendar.init(timeZone:)) + [.wita]
        let low = spans.map { $0.interval(of: month.previous).start }.min()!
        let high = spans.map { $0.interval(of: month).end }.max()!
        let lastDay = month.last.description

        // Every member's code by id, for the rows below that name them by id.
        var codes: [String: [Int64: String]] = [:]
        for try await (cafe, id, code, alias, role, status) in try await connection.query("""
            SELECT cafe, id, code, alias, role, status FROM staff WHERE cafe = ANY(\(cafes))
            """, logger: logger).decode((String, Int64, String, String, String, String).self) {
            codes[cafe, default: [:]][id] = code
            guard role == "barista" else { continue }
            facts[cafe]?.people.append(ParticipantFact(code: code, alias: alias, name: "", registration: nil))
            if status == "active" { facts[cafe]?.active.insert(code) }
        }
        for cafe in cafes { facts[cafe]?.people.sort { Array($0.code.utf8).lexicographicallyPrecedes(Array($1.code.utf8)) } }

        for (cafe, shifts) in try await Self.closedShifts(cafes: cafes, from: low, to: high, connection: connection, logger: logger) {
            facts[cafe]?.closedShifts = shifts
        }
        for cafe in cafes { facts[cafe]?.shiftSpan = (low, high) }
        for try await (cafe, code, clockIn) in try await connection.query("""
            SELECT a.cafe, p.code, a.clock_in FROM attendance a JOIN staff p ON p.cafe = a.cafe AND p.id = a.staff_id
            WHERE a.cafe = ANY(\(cafes)) AND a.clock_out IS NULL ORDER BY a.clock_in
            """, logger: logger).decode((String, String, Date).self) {
            facts[cafe]?.openShifts.append((code, clockIn))
        }

        // Each WBP's worked seconds per month, kept as the shifts arrived (``keepMonthlyHours``),
        // and items made and orders taken per month of the café's business day, kept as the
        // café keeps them: each café from its own first month.
        // Rows come as arrays per café: tens of thousands of rows cost more to take apart one by
        // one than the report takes to compute.
        func same(_ counts: Int..., cafe: String, table: String) throws {
            guard Set(counts).count == 1 else { throw CentralError.unreadableFact(cafe: cafe, table: table, value: cafe) }
        }
        for try await (cafe, months, codes, seconds) in try await connection.query("""
            SELECT h.cafe, array_agg(h.month::text), array_agg(h.staff_code::text), array_agg(h.seconds) FROM monthly_hours h
                JOIN unnest(\(firsts.cafes)::text[], \(firsts.months)::text[]) AS s(cafe, first) ON s.cafe = h.cafe AND h.month >= s.first
            WHERE h.month <= \(last) GROUP BY h.cafe
            """, logger: logger).decode((String, [String], [String], [Int64]).self) {
            try same(months.count, codes.count, seconds.count, cafe: cafe, table: "monthly_hours")
            for index in months.indices {
                facts[cafe]?.kept[try parseMonth(months[index], cafe: cafe, table: "monthly_hours"), default: [:]][codes[index]] = Int(seconds[index])
            }
        }
        for try await (cafe, months, makers, skills, items, modified) in try await connection.query("""
            SELECT f.cafe, array_agg(f.month::text), array_agg(f.maker_id), array_agg(f.skill::text), array_agg(f.items), array_agg(f.items_with_modifiers)
            FROM monthly_made f
                JOIN unnest(\(firsts.cafes)::text[], \(firsts.months)::text[]) AS s(cafe, first) ON s.cafe = f.cafe AND f.month >= s.first
            WHERE f.month <= \(last) AND f.items > 0 GROUP BY f.cafe
            """, logger: logger).decode((String, [String], [Int64], [String], [Int64], [Int64]).self) {
            try same(months.count, makers.count, skills.count, items.count, modified.count, cafe: cafe, table: "monthly_made")
            for index in months.indices {
                guard let maker = codes[cafe]?[makers[index]] else { continue }
                facts[cafe]?.made[try parseMonth(months[index], cafe: cafe, table: "orders"), default: []].append(
                    MadeFact(makerCode: maker, skill: skills[index], items: Int(items[index]), itemsWithModifiers: Int(modified[index])))
            }
        }
        // Orders taken count for the month and the one before only.
        for try await (cafe, months, servers, statuses, orders, totals, removed) in try await connection.query("""
            SELECT f.cafe, array_agg(f.month::text), array_agg(s.code::text), array_agg(f.status::text), array_agg(f.orders), array_agg(f.total),
                array_agg(f.removed_lines)
            FROM monthly_served f JOIN staff s ON s.cafe = f.cafe AND s.id = f.server_id
            WHERE f.cafe = ANY(\(cafes)) AND f.month >= \(month.previous.description) AND f.month <= \(last) AND f.orders > 0 GROUP BY f.cafe
            """, logger: logger).decode((String, [String], [String], [String], [Int64], [Int64], [Int64]).self) {
            try same(months.count, servers.count, statuses.count, orders.count, totals.count, removed.count, cafe: cafe, table: "orders")
            for index in months.indices {
                facts[cafe]?.served[try parseMonth(months[index], cafe: cafe, table: "orders"), default: []].append(
                    ServedFact(serverCode: servers[index], status: try kind(statuses[index], cafe: cafe, table: "orders"), orders: Int(orders[index]),
                               total: Rupiah(totals[index]), removedLines: Int(removed[index])))
            }
        }
        for try await (cafe, ids, opened, closed, variances) in try await connection.query("""
            SELECT cafe, array_agg(id ORDER BY id), array_agg(opened_at::timestamptz ORDER BY id), array_agg(closed_at::timestamptz ORDER BY id),
                array_agg(COALESCE(variance, 0) ORDER BY id)
            FROM tills WHERE cafe = ANY(\(cafes)) AND closed_at >= \(low) AND closed_at < \(high) GROUP BY cafe
            """, logger: logger).decode((String, [Int64], [Date], [Date], [Int64]).self) {
            try same(ids.count, opened.count, closed.count, variances.count, cafe: cafe, table: "tills")
            for index in ids.indices {
                facts[cafe]?.tills.append(TillCloseFact(id: ids[index], openedAt: opened[index], closedAt: closed[index], variance: Rupiah(variances[index])))
            }
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
