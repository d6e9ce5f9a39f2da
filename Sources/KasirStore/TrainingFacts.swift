import Foundation
import GRDB
import KasirCore

/// A WBP as reports name them: the mapping from alias to name is for supervisors and programme staff.
public struct ParticipantFact: Hashable, Sendable {
    public var code: String
    public var alias: String
    public var name: String
    public var registration: String?

    public init(code: String, alias: String, name: String, registration: String?) {
        self.code = code
        self.alias = alias
        self.name = name
        self.registration = registration
    }
}

/// A closed till's blind count.
public struct TillCloseFact: Hashable, Sendable {
    public var id: Int64
    public var openedAt: Date
    public var closedAt: Date
    public var variance: Rupiah

    public init(id: Int64, openedAt: Date, closedAt: Date, variance: Rupiah) {
        self.id = id
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.variance = variance
    }
}

/// A recorded competency assessment.
public struct AssessmentFact: Hashable, Sendable {
    public var staffCode: String
    public var unitCode: String
    public var assessedOn: BusinessDay
    public var assessor: String
    public var competent: Bool
    public var note: String?

    public init(staffCode: String, unitCode: String, assessedOn: BusinessDay, assessor: String, competent: Bool, note: String?) {
        self.staffCode = staffCode
        self.unitCode = unitCode
        self.assessedOn = assessedOn
        self.assessor = assessor
        self.competent = competent
        self.note = note
    }
}

/// Items made per maker and skill in a span, counted in SQL.
public struct MadeFact: Hashable, Sendable {
    public var makerCode: String
    public var skill: String
    public var items: Int
    public var itemsWithModifiers: Int

    public init(makerCode: String, skill: String, items: Int, itemsWithModifiers: Int) {
        self.makerCode = makerCode
        self.skill = skill
        self.items = items
        self.itemsWithModifiers = itemsWithModifiers
    }
}

/// Orders served per server and status in a span, counted in SQL.
public struct ServedFact: Hashable, Sendable {
    public var serverCode: String
    public var status: OrderStatus
    public var orders: Int
    public var total: Rupiah
    public var removedLines: Int

    public init(serverCode: String, status: OrderStatus, orders: Int, total: Rupiah, removedLines: Int) {
        self.serverCode = serverCode
        self.status = status
        self.orders = orders
        self.total = total
        self.removedLines = removedLines
    }
}

extension AppDatabase {
    public func participants() throws -> [ParticipantFact] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, alias, name, registration FROM staff WHERE role = 'barista' ORDER BY code").map {
                ParticipantFact(code: $0["code"], alias: $0["alias"], name: $0["name"], registration: $0["registration"])
            }
        }
    }

    /// Closed shifts that overlap `[start, end)`, with their breaks: a shift counts in every
    /// month it reaches into, however long before `start` it began (a forgotten clock-out
    /// closed late, a night shift across the month's end). Open shifts are not hours
    /// (``openAttendance()`` lists them).
    ///
    /// Read as two index ranges: the shifts begun in the span (`attendance_clock_in`), and
    /// those begun before it that end after its start (`attendance_clock_out`, an index on the
    /// end and the start, so only the shifts that really cross `start` are read from the table).
    ///
    /// - Parameter seq: a document's journal mark: only the shifts the journal had seen closed by
    ///   that entry, so work entered later (a paper-sheet shift for a day before the document)
    ///   never changes a document made before it.
    public func shifts(from start: Date, to end: Date, journaledThrough seq: Int64? = nil) throws -> [ShiftFact] {
        try read { db in
            let bounds: StatementArguments = ["start": Timestamp.string(start), "end": Timestamp.string(end), "seq": seq ?? 0]
            // The unary `+` keeps each half on the index meant for it.
            var overlapping = """
                SELECT id FROM attendance WHERE clock_in >= :start AND clock_in < :end AND +clock_out > :start
                UNION ALL
                SELECT id FROM attendance WHERE clock_out > :start AND +clock_in < :start
                """
            // For a document: only the shifts the journal had seen closed at or before its mark,
            // and their breaks journaled by then (the rows as they are, so an edit behind Kasir's
            // back still shows; a closed shift never changes again). A shift open at the mark
            // and closed later is left out, as is a paper-sheet shift entered after it; a later
            // re-journaling of the same rows (an upgrade) changes nothing.
            if seq != nil {
                overlapping = """
                    SELECT id FROM (\(overlapping)) o WHERE EXISTS (SELECT 1 FROM journal j WHERE j.row_table = 'attendance'
                        AND j.row_key = CAST(o.id AS TEXT) AND j.seq <= :seq AND json_extract(j.snapshot, '$.clock_out') IS NOT NULL)
                    """
            }
            let breakJournaled = Self.journaled("breaks", "b", through: seq)
            // Read by position through cursors: six months of shifts are read for every report.
            var breaks: [Int64: [ShiftFact.Break]] = [:]
            let breakRows = try Row.fetchCursor(
                db, sql: """
                    SELECT b.attendance_id, b.started_at, b.ended_at FROM breaks b WHERE b.attendance_id IN (\(overlapping))
                        AND \(breakJournaled)
                    """, arguments: bounds)
            while let row = try breakRows.next() {
                breaks[row[0], default: []].append(
                    ShiftFact.Break(start: try row.instant(at: 1, column: "started_at", table: "breaks"),
                                    end: try row.optionalInstant(at: 2, column: "ended_at", table: "breaks")))
            }
            var shifts: [ShiftFact] = []
            let rows = try Row.fetchCursor(
                db, sql: """
                    SELECT a.id, s.code, a.station, a.clock_in, a.clock_out FROM attendance a JOIN staff s ON s.id = a.staff_id
                    WHERE a.id IN (\(overlapping)) ORDER BY a.clock_in
                    """, arguments: bounds)
            while let row = try rows.next() {
                let id: Int64 = row[0]
                shifts.append(ShiftFact(
                    staffCode: row[1], station: try row.kind(at: 2, column: "station", table: "attendance"),
                    clockIn: try row.instant(at: 3, column: "clock_in", table: "attendance"),
                    clockOut: try row.optionalInstant(at: 4, column: "clock_out", table: "attendance"),
                    breaks: breaks[id] ?? []))
            }
            return shifts
        }
    }

    /// The SQL condition that row `alias.id` of `table` was journaled at or before entry `seq`
    /// (always true without one): what a document counts besides shifts and orders.
    static func journaled(_ table: String, _ alias: String, through seq: Int64?, kind: String? = nil) -> String {
        guard let seq else { return "1" }
        return "EXISTS (SELECT 1 FROM journal j WHERE j.row_table = '\(table)' AND j.row_key = CAST(\(alias).id AS TEXT) AND j.seq <= \(seq)"
            + (kind.map { " AND j.kind = '\($0)'" } ?? "") + ")"
    }

    /// The SQL condition that order `o` was recorded at or before journal entry `:seq`, and the
    /// status it had then (a void or full refund journaled later is not yet one).
    static let orderAsOfMark = (
        recorded: "EXISTS (SELECT 1 FROM journal j WHERE j.row_table = 'orders' AND j.row_key = CAST(o.id AS TEXT) AND j.seq <= :seq)",
        status: """
            CASE WHEN o.status != 'paid' AND NOT EXISTS (SELECT 1 FROM journal j WHERE j.row_table = 'orders'
                AND j.row_key = CAST(o.id AS TEXT) AND j.seq <= :seq AND j.kind IN ('order_void', 'order_refunded')) THEN 'paid' ELSE o.status END
            """
    )

    /// Tills closed in `[start, end)`.
    public func closedTills(from start: Date, to end: Date, journaledThrough seq: Int64? = nil) throws -> [TillCloseFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, opened_at, closed_at, variance FROM tills t WHERE closed_at >= ? AND closed_at < ?
                    AND \(Self.journaled("tills", "t", through: seq, kind: "till_close")) ORDER BY id
                """,
                             arguments: [Timestamp.string(start), Timestamp.string(end)]).map {
                TillCloseFact(id: $0["id"], openedAt: try $0.instant("opened_at", table: "tills"),
                              closedAt: try $0.instant("closed_at", table: "tills"), variance: Rupiah($0["variance"] ?? 0))
            }
        }
    }

    /// Every assessment up to the end of `day`, of everyone or of one WBP, entered by `cutoff`
    /// when one is given.
    public func assessments(through day: BusinessDay, of code: String? = nil, asOf cutoff: Date? = nil, journaledThrough seq: Int64? = nil) throws -> [AssessmentFact] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT s.code, a.unit_code, a.assessed_on, x.code AS assessor, a.result, a.note FROM assessments a
                    JOIN staff s ON s.id = a.staff_id JOIN staff x ON x.id = a.assessor_id
                    WHERE a.assessed_on <= ? AND (? IS NULL OR s.code = ?) AND (? IS NULL OR a.at <= ?)
                        AND \(Self.journaled("assessments", "a", through: seq)) ORDER BY a.assessed_on, a.id
                    """, arguments: [day.description, code, code, cutoff.map(Timestamp.string), cutoff.map(Timestamp.string)]
            ).map {
                AssessmentFact(staffCode: $0["code"], unitCode: $0["unit_code"], assessedOn: try $0.day("assessed_on", table: "assessments"),
                               assessor: $0["assessor"], competent: ($0["result"] as String) == "kompeten", note: $0["note"])
            }
        }
    }

    /// Records a competency assessment by a supervisor.
    public func recordAssessment(
        staff code: String, unit: String, on day: BusinessDay, competent: Bool, note: String?, assessor: String, at instant: Date
    ) throws {
        try write { db in
            let assessorID = try Self.supervisorID(db, code: assessor)
            guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ? AND role = 'barista'", arguments: [code]) else {
                throw StaffError.unknownStaff(code)
            }
            try db.execute(
                sql: "INSERT INTO assessments (staff_id, unit_code, assessed_on, assessor_id, result, note, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [staffID, unit, day.description, assessorID, competent ? "kompeten" : "belum_kompeten", note, Timestamp.string(instant)])
            try Self.journal(db, kind: "assessment", actor: assessor, subject: code, row: JournalRow(.assessments, db.lastInsertedRowID), at: instant)
        }
    }

    /// Items made in orders (not void) created in `[start, end)`, per maker and skill.
    public func itemsMade(from start: Date, to end: Date, journaledThrough seq: Int64? = nil) throws -> [MadeFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.code AS maker, l.skill, SUM(l.quantity) AS items,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM order_line_modifiers x WHERE x.line_id = l.id) THEN l.quantity ELSE 0 END) AS modified
                FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN staff m ON m.id = l.maker_id
                WHERE o.created_at >= :start AND o.created_at < :end
                    AND \(seq == nil ? "o.status" : Self.orderAsOfMark.status) != 'void'
                    AND \(seq == nil ? "1" : Self.orderAsOfMark.recorded)
                GROUP BY m.code, l.skill
                """, arguments: ["start": Timestamp.string(start), "end": Timestamp.string(end), "seq": seq ?? 0]
            ).map { MadeFact(makerCode: $0["maker"], skill: $0["skill"], items: $0["items"], itemsWithModifiers: $0["modified"]) }
        }
    }

    /// Items made in orders (not void) of the café months `months`, per maker and skill, from
    /// the figures the triggers keep (``SchemaV7``): a few rows a month, whatever the history.
    public func itemsMade(inMonths months: [BusinessMonth]) throws -> [(month: BusinessMonth, fact: MadeFact)] {
        guard let first = months.min(), let last = months.max() else { return [] }
        return try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT f.month, s.code, f.skill, f.items, f.items_with_modifiers FROM monthly_made f JOIN staff s ON s.id = f.maker_id
                WHERE f.month >= ? AND f.month <= ? AND f.items > 0
                """), arguments: [first.description, last.description]
            ).compactMap { row in
                let month = try row.month("month", table: "monthly_made")
                guard months.contains(month) else { return nil }
                return (month, MadeFact(makerCode: row["code"], skill: row["skill"], items: row["items"], itemsWithModifiers: row["items_with_modifiers"]))
            }
        }
    }

    /// Orders of café month `month` per server and status, from the kept figures.
    public func ordersServed(inMonth month: BusinessMonth) throws -> [ServedFact] {
        try read { db in
            try Row.fetchAll(try db.cachedStatement(sql: """
                SELECT s.code, f.status, f.orders, f.total, f.removed_lines FROM monthly_served f JOIN staff s ON s.id = f.server_id
                WHERE f.month = ? AND f.orders > 0
                """), arguments: [month.description]
            ).map {
                ServedFact(serverCode: $0["code"], status: try $0.kind("status", table: "monthly_served"), orders: $0["orders"],
                           total: Rupiah($0["total"]), removedLines: $0["removed_lines"])
            }
        }
    }

    /// Items made in orders (not void) per maker, skill and span, the spans given by their
    /// boundaries: `[b0, b1)`, `[b1, b2)`, …; read in one pass over the whole range.
    ///
    /// ```swift
    /// let made = try database.itemsMade(between: [julyStart, augustStart, septemberStart])
    /// made.first?.span   // 0: July, 1: August
    /// ```
    public func itemsMade(between boundaries: [Date]) throws -> [(makerCode: String, skill: String, span: Int, items: Int)] {
        guard boundaries.count >= 2 else { return [] }
        let stamps = boundaries.map(Timestamp.string)
        let buckets = stamps.dropFirst().enumerated().map { "WHEN o.created_at < ? THEN \($0.offset)" }.joined(separator: " ")
        return try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.code AS maker, l.skill, CASE \(buckets) END AS span, SUM(l.quantity) AS items
                FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN staff m ON m.id = l.maker_id
                WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                GROUP BY m.code, l.skill, span
                """, arguments: StatementArguments(Array(stamps.dropFirst()) + [stamps.first!, stamps.last!])
            ).map { (makerCode: $0["maker"], skill: $0["skill"], span: $0["span"], items: $0["items"]) }
        }
    }

    /// Orders created in `[start, end)`, per server and status.
    public func ordersServed(from start: Date, to end: Date, journaledThrough seq: Int64? = nil) throws -> [ServedFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.code, \(seq == nil ? "o.status" : Self.orderAsOfMark.status) AS status, COUNT(*) AS orders, SUM(o.total) AS total,
                    SUM((SELECT COUNT(*) FROM removed_lines r WHERE r.order_id = o.id)) AS removed
                FROM orders o JOIN staff s ON s.id = o.server_id
                WHERE o.created_at >= :start AND o.created_at < :end AND \(seq == nil ? "1" : Self.orderAsOfMark.recorded)
                GROUP BY s.code, 2
                """, arguments: ["start": Timestamp.string(start), "end": Timestamp.string(end), "seq": seq ?? 0]
            ).map {
                ServedFact(serverCode: $0["code"], status: try $0.kind("status", table: "orders"), orders: $0["orders"],
                           total: Rupiah($0["total"]), removedLines: $0["removed"])
            }
        }
    }

    /// Practice seconds per WBP and skill, summed over the closed months up to `month`, and
    /// the last month they cover.
    public func closedPractice(through month: BusinessMonth) throws -> (last: BusinessMonth?, seconds: [String: [String: Int]]) {
        try read { db in
            var seconds: [String: [String: Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT staff_code, skill, SUM(seconds) AS seconds FROM practice_hours WHERE month <= ? GROUP BY staff_code, skill
                """, arguments: [month.description]) {
                seconds[row["staff_code"], default: [:]][row["skill"]] = row["seconds"]
            }
            let last = try String.fetchOne(db, sql: "SELECT MAX(month) FROM practice_hours WHERE month <= ?", arguments: [month.description])
                .flatMap { try? BusinessMonth.parse($0) }
            return (last, seconds)
        }
    }

    /// When the first order was taken, if any.
    public func firstOrderDate() throws -> Date? {
        try read { db in try String.fetchOne(db, sql: "SELECT MIN(created_at) FROM orders").flatMap(Timestamp.date) }
    }
}
