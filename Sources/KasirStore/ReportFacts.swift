import Foundation
import GRDB
import KasirCore

/// A WBP as reports name them: the mapping from alias to name is for supervisors and programme staff.
public struct ParticipantFact: Hashable, Sendable {
    public var code: String
    public var alias: String
    public var name: String
    public var registration: String?
}

/// One order, from the server's side.
public struct OrderFact: Hashable, Sendable {
    public var serverCode: String
    public var createdAt: Date
    public var status: String
    public var total: Rupiah
    public var tax: Rupiah
    public var taxIncluded: Bool
    public var removedLines: Int
    public var payments: [PaymentMethod: Rupiah]
}

/// A closed till's blind count.
public struct TillCloseFact: Hashable, Sendable {
    public var id: Int64
    public var openedAt: Date
    public var closedAt: Date
    public var variance: Rupiah
}

/// A recorded competency assessment.
public struct AssessmentFact: Hashable, Sendable {
    public var staffCode: String
    public var unitCode: String
    public var assessedOn: BusinessDay
    public var assessor: String
    public var competent: Bool
    public var note: String?
}

extension AppDatabase {
    public func participants() throws -> [ParticipantFact] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT code, alias, name, registration FROM staff WHERE role = 'barista' ORDER BY code").map {
                ParticipantFact(code: $0["code"], alias: $0["alias"], name: $0["name"], registration: $0["registration"])
            }
        }
    }

    /// Closed shifts that overlap `[start, end)`, with their breaks.
    ///
    /// A shift is looked for from a week before `start`, so the query reads the month, not the
    /// history; open shifts are not hours (``openAttendance()`` lists them).
    public func shifts(from start: Date, to end: Date) throws -> [ShiftFact] {
        try read { db in
            let bounds: StatementArguments = [Self.timestamp(start.addingTimeInterval(-7 * 86_400)), Self.timestamp(end), Self.timestamp(start)]
            let rows = try Row.fetchAll(
                db, sql: """
                    SELECT a.id, s.code, a.station, a.clock_in, a.clock_out FROM attendance a JOIN staff s ON s.id = a.staff_id
                    WHERE a.clock_in >= ? AND a.clock_in < ? AND a.clock_out > ? ORDER BY a.clock_in
                    """, arguments: bounds)
            let breaks = try Row.fetchAll(
                db, sql: """
                    SELECT b.attendance_id, b.started_at, b.ended_at FROM attendance a JOIN breaks b ON b.attendance_id = a.id
                    WHERE a.clock_in >= ? AND a.clock_in < ? AND a.clock_out > ?
                    """, arguments: bounds)
            let byShift = Dictionary(grouping: breaks, by: { $0["attendance_id"] as Int64 })
            return rows.map { row in
                let id: Int64 = row["id"]
                return ShiftFact(
                    staffCode: row["code"], station: row["station"], clockIn: Self.parseTimestamp(row["clock_in"]) ?? start,
                    clockOut: (row["clock_out"] as String?).flatMap(Self.parseTimestamp),
                    breaks: (byShift[id] ?? []).map {
                        ShiftFact.Break(start: Self.parseTimestamp($0["started_at"]) ?? start, end: ($0["ended_at"] as String?).flatMap(Self.parseTimestamp))
                    })
            }
        }
    }

    /// Orders created in `[start, end)`, every status, with their payments.
    public func orderFacts(from start: Date, to end: Date) throws -> [OrderFact] {
        try read { db in
            let payments = try Row.fetchAll(
                db, sql: """
                    SELECT p.order_id, p.method, SUM(p.amount) AS amount FROM payments p JOIN orders o ON o.id = p.order_id
                    WHERE o.created_at >= ? AND o.created_at < ? GROUP BY p.order_id, p.method
                    """, arguments: [start, end])
            var byOrder: [Int64: [PaymentMethod: Rupiah]] = [:]
            for row in payments {
                byOrder[row["order_id"], default: [:]][PaymentMethod(rawValue: row["method"]) ?? .cash] = Rupiah(row["amount"])
            }
            return try Row.fetchAll(
                db, sql: """
                    SELECT o.id, s.code, o.created_at, o.status, o.total, o.tax, o.tax_included,
                        (SELECT COUNT(*) FROM removed_lines r WHERE r.order_id = o.id) AS removed
                    FROM orders o JOIN staff s ON s.id = o.server_id WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.id
                    """, arguments: [start, end]
            ).map {
                OrderFact(serverCode: $0["code"], createdAt: $0["created_at"], status: $0["status"], total: Rupiah($0["total"]),
                          tax: Rupiah($0["tax"]), taxIncluded: $0["tax_included"], removedLines: $0["removed"], payments: byOrder[$0["id"]] ?? [:])
            }
        }
    }

    /// Refunds made in `[start, end)`, by method.
    public func refundTotals(from start: Date, to end: Date) throws -> [PaymentMethod: Rupiah] {
        try read { db in
            var totals: [PaymentMethod: Rupiah] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT method, SUM(amount) AS amount FROM refunds WHERE at >= ? AND at < ? GROUP BY method",
                                        arguments: [Self.timestamp(start), Self.timestamp(end)]) {
                totals[PaymentMethod(rawValue: row["method"]) ?? .cash] = Rupiah(row["amount"])
            }
            return totals
        }
    }

    /// Tills closed in `[start, end)`.
    public func closedTills(from start: Date, to end: Date) throws -> [TillCloseFact] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT id, opened_at, closed_at, variance FROM tills WHERE closed_at >= ? AND closed_at < ? ORDER BY id",
                             arguments: [Self.timestamp(start), Self.timestamp(end)]).map {
                TillCloseFact(id: $0["id"], openedAt: Self.parseTimestamp($0["opened_at"]) ?? start,
                              closedAt: Self.parseTimestamp($0["closed_at"]) ?? start, variance: Rupiah($0["variance"] ?? 0))
            }
        }
    }

    /// Every assessment up to the end of `day`.
    public func assessments(through day: BusinessDay) throws -> [AssessmentFact] {
        try read { db in
            try Row.fetchAll(
                db, sql: """
                    SELECT s.code, a.unit_code, a.assessed_on, x.code AS assessor, a.result, a.note FROM assessments a
                    JOIN staff s ON s.id = a.staff_id JOIN staff x ON x.id = a.assessor_id
                    WHERE a.assessed_on <= ? ORDER BY a.assessed_on, a.id
                    """, arguments: [day.description]
            ).compactMap {
                guard let on = try? BusinessDay.parse($0["assessed_on"]) else { return nil }
                return AssessmentFact(staffCode: $0["code"], unitCode: $0["unit_code"], assessedOn: on, assessor: $0["assessor"],
                                      competent: ($0["result"] as String) == "kompeten", note: $0["note"])
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
                arguments: [staffID, unit, day.description, assessorID, competent ? "kompeten" : "belum_kompeten", note, Self.timestamp(instant)])
            try Self.journal(db, kind: "assessment", actor: assessor, subject: code, row: ("assessments", db.lastInsertedRowID), at: instant)
        }
    }
}

extension AppDatabase {
    /// The premi credited for `month`, per WBP code.
    public func premiLedger(month: BusinessMonth) throws -> [String: Rupiah] {
        try read { db in
            var ledger: [String: Rupiah] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT s.code, l.amount FROM premi_ledger l JOIN staff s ON s.id = l.staff_id WHERE l.month = ?",
                                        arguments: [month.description]) {
                ledger[row["code"]] = Rupiah(row["amount"])
            }
            return ledger
        }
    }
}

/// Why a month's premi cannot be closed.
public enum PremiError: Error, Equatable, Sendable {
    case alreadyClosed(String)
    case monthNotOver(String)
    case malformedBillingCode(String)
    case malformedNTPN(String)
    case nothingToDeposit
}

/// A PNBP deposit as recorded.
public struct DepositFact: Hashable, Sendable {
    public var id: Int64
    public var depositedOn: String
    public var amount: Rupiah
    public var billingCode: String
    public var ntpn: String
}

extension AppDatabase {
    /// A monthly cost of goods entered by a supervisor, used instead of menu.toml's costs.
    public func setMonthlyCost(_ amount: Rupiah, month: BusinessMonth, supervisor: String, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM premi_months WHERE month = ?", arguments: [month.description]) == true {
                throw PremiError.alreadyClosed(month.description)
            }
            try db.execute(sql: """
                INSERT INTO monthly_costs (month, amount, entered_by, at) VALUES (?, ?, ?, ?)
                ON CONFLICT(month) DO UPDATE SET amount = excluded.amount, entered_by = excluded.entered_by, at = excluded.at
                """, arguments: [month.description, amount.value, supervisorID, Self.timestamp(instant)])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM monthly_costs WHERE month = ?", arguments: [month.description])!
            try Self.journal(db, kind: "monthly_cost", actor: supervisor, subject: month.description, row: ("monthly_costs", id), at: instant)
        }
    }

    public func monthlyCost(_ month: BusinessMonth) throws -> Rupiah? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT amount FROM monthly_costs WHERE month = ?", arguments: [month.description]).map { Rupiah($0) } }
    }

    /// Cost of goods from the menu: each item's current cost × items sold (not void) in `[start, end)`.
    public func menuCost(from start: Date, to end: Date) throws -> Rupiah {
        try read { db in
            Rupiah(try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(l.quantity * COALESCE(m.cost, 0)), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
                LEFT JOIN menu_items m ON m.code = l.item_code WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                """, arguments: [start, end]) ?? 0)
        }
    }

    /// Credits each WBP's premi for `month` and records the split, once.
    ///
    /// - Throws: ``PremiError/alreadyClosed(_:)`` the second time.
    public func closePremi(
        month: BusinessMonth, split: (revenue: Rupiah, cost: Rupiah, profit: Rupiah, premi: Rupiah, pnbp: Rupiah, capital: Rupiah),
        shares: [String: (amount: Rupiah, basis: Int)], practice: [String: [String: Int]], supervisor: String, at instant: Date
    ) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM premi_months WHERE month = ?", arguments: [month.description]) == true {
                throw PremiError.alreadyClosed(month.description)
            }
            try db.execute(sql: """
                INSERT INTO premi_months (month, revenue, cost, profit, premi_pool, pnbp_share, capital_share, closed_by, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [month.description, split.revenue.value, split.cost.value, split.profit.value, split.premi.value,
                                 split.pnbp.value, split.capital.value, supervisorID, Self.timestamp(instant)])
            try Self.journal(db, kind: "premi_close", actor: supervisor, subject: month.description, row: ("premi_months", db.lastInsertedRowID), at: instant)
            for (code, skills) in practice {
                for (skill, seconds) in skills {
                    try db.execute(sql: "INSERT INTO practice_hours (staff_code, month, skill, seconds) VALUES (?, ?, ?, ?)",
                                   arguments: [code, month.description, skill, seconds])
                }
            }
            for (code, share) in shares.sorted(by: { $0.key < $1.key }) {
                guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ?", arguments: [code]) else { continue }
                try db.execute(sql: "INSERT INTO premi_ledger (staff_id, month, amount, basis_seconds, at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [staffID, month.description, share.amount.value, share.basis, Self.timestamp(instant)])
                try Self.journal(db, kind: "premi_credit", actor: supervisor, subject: code, row: ("premi_ledger", db.lastInsertedRowID), at: instant)
            }
        }
    }

    /// The recorded split of `month`, if it was closed.
    public func premiMonth(_ month: BusinessMonth) throws -> (revenue: Rupiah, cost: Rupiah, profit: Rupiah, premi: Rupiah, pnbp: Rupiah, capital: Rupiah)? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM premi_months WHERE month = ?", arguments: [month.description]).map {
                (Rupiah($0["revenue"]), Rupiah($0["cost"]), Rupiah($0["profit"]), Rupiah($0["premi_pool"]), Rupiah($0["pnbp_share"]), Rupiah($0["capital_share"]))
            }
        }
    }

    /// Revenue of closed tills not yet covered by a deposit: cash and QRIS sales less refunds.
    public func undepositedRevenue() throws -> (tills: [Int64], amount: Rupiah) {
        try read { db in
            let waiting = "SELECT id FROM tills WHERE closed_at IS NOT NULL AND id NOT IN (SELECT till_id FROM pnbp_deposit_tills)"
            let tills = try Int64.fetchAll(db, sql: waiting + " ORDER BY id")
            let sales = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id
                WHERE o.status != 'void' AND o.till_id IN (\(waiting))
                """) ?? 0
            let refunds = try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE till_id IN (\(waiting))") ?? 0
            return (tills, Rupiah(sales - refunds))
        }
    }

    /// Records a PNBP deposit with its SIMPONI billing code and NTPN, against the closed till
    /// sessions not yet deposited.
    @discardableResult
    public func recordDeposit(on day: BusinessDay, amount: Rupiah, billingCode: String, ntpn: String, supervisor: String, at instant: Date) throws -> [Int64] {
        guard billingCode.count == 15, billingCode.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw PremiError.malformedBillingCode(billingCode) }
        guard (6...32).contains(ntpn.count), ntpn.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { throw PremiError.malformedNTPN(ntpn) }
        return try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            let tills = try Int64.fetchAll(db, sql: """
                SELECT id FROM tills WHERE closed_at IS NOT NULL AND id NOT IN (SELECT till_id FROM pnbp_deposit_tills) ORDER BY id
                """)
            guard !tills.isEmpty else { throw PremiError.nothingToDeposit }
            try db.execute(sql: "INSERT INTO pnbp_deposits (deposited_on, amount, billing_code, ntpn, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [day.description, amount.value, billingCode, ntpn, supervisorID, Self.timestamp(instant)])
            let id = db.lastInsertedRowID
            for till in tills { try db.execute(sql: "INSERT INTO pnbp_deposit_tills (deposit_id, till_id) VALUES (?, ?)", arguments: [id, till]) }
            try Self.journal(db, kind: "pnbp_deposit", actor: supervisor, subject: billingCode, payload: ["tills": tills], row: ("pnbp_deposits", id), at: instant)
            return tills
        }
    }

    /// Deposits made in `[first, last]` (WITA days).
    public func deposits(from first: BusinessDay, through last: BusinessDay) throws -> [DepositFact] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pnbp_deposits WHERE deposited_on >= ? AND deposited_on <= ? ORDER BY id",
                             arguments: [first.description, last.description]).map {
                DepositFact(id: $0["id"], depositedOn: $0["deposited_on"], amount: Rupiah($0["amount"]), billingCode: $0["billing_code"], ntpn: $0["ntpn"])
            }
        }
    }
}

/// A sold line: item, quantity, and what it brought in after its own discount.
public struct SaleLineFact: Hashable, Sendable {
    public var itemCode: String
    public var quantity: Int
    public var revenue: Rupiah
}

extension AppDatabase {
    /// Lines of orders (not void) created in `[start, end)`.
    public func saleLines(from start: Date, to end: Date) throws -> [SaleLineFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.item_code, l.quantity, l.line_total - l.discount_amount AS revenue FROM order_lines l
                JOIN orders o ON o.id = l.order_id WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                """, arguments: [start, end]).map {
                SaleLineFact(itemCode: $0["item_code"], quantity: $0["quantity"], revenue: Rupiah($0["revenue"]))
            }
        }
    }
}

extension AppDatabase {
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
        try read { db in try Date.fetchOne(db, sql: "SELECT MIN(created_at) FROM orders") }
    }
}

/// Items made per maker and skill in a span, counted in SQL.
public struct MadeFact: Hashable, Sendable {
    public var makerCode: String
    public var skill: String
    public var items: Int
    public var itemsWithModifiers: Int
}

/// Orders served per server and status in a span, counted in SQL.
public struct ServedFact: Hashable, Sendable {
    public var serverCode: String
    public var status: String
    public var orders: Int
    public var total: Rupiah
    public var removedLines: Int
}

extension AppDatabase {
    /// Items made in orders (not void) created in `[start, end)`, per maker and skill.
    public func itemsMade(from start: Date, to end: Date) throws -> [MadeFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT m.code AS maker, l.skill, SUM(l.quantity) AS items,
                    SUM(CASE WHEN EXISTS (SELECT 1 FROM order_line_modifiers x WHERE x.line_id = l.id) THEN l.quantity ELSE 0 END) AS modified
                FROM orders o JOIN order_lines l ON l.order_id = o.id JOIN staff m ON m.id = l.maker_id
                WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                GROUP BY m.code, l.skill
                """, arguments: [start, end]
            ).map { MadeFact(makerCode: $0["maker"], skill: $0["skill"], items: $0["items"], itemsWithModifiers: $0["modified"]) }
        }
    }

    /// Orders created in `[start, end)`, per server and status.
    public func ordersServed(from start: Date, to end: Date) throws -> [ServedFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.code, o.status, COUNT(*) AS orders, SUM(o.total) AS total,
                    SUM((SELECT COUNT(*) FROM removed_lines r WHERE r.order_id = o.id)) AS removed
                FROM orders o JOIN staff s ON s.id = o.server_id
                WHERE o.created_at >= ? AND o.created_at < ? GROUP BY s.code, o.status
                """, arguments: [start, end]
            ).map { ServedFact(serverCode: $0["code"], status: $0["status"], orders: $0["orders"], total: Rupiah($0["total"]), removedLines: $0["removed"]) }
        }
    }
}
