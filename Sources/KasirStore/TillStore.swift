import Foundation
import GRDB
import KasirCore

/// A till session: from opening with a float to the blind close.
public struct TillSession: Hashable, Sendable {
    public var id: Int64
    public var drawer: String
    public var openedAt: Date
    public var openedBy: String
    public var onDuty: String
    public var float: Rupiah
    public var closedAt: Date?
    public var closedBy: String?
    public var countedCash: Rupiah?
    public var countBreakdown: String?
    public var expectedCash: Rupiah?
    public var variance: Rupiah?
    public var journalHead: String?
}

/// An approval as the X and Z reports list it.
public struct ApprovalRecord: Hashable, Sendable {
    public var kind: String
    public var orderDay: String?
    public var orderNumber: Int?
    public var line: Int?
    public var detail: String?
    public var amount: Rupiah?
    public var reason: String
    public var approvedBy: String
    public var at: Date
}

/// A pay-in or pay-out of the drawer.
public struct CashMovement: Hashable, Sendable {
    public var direction: String
    public var amount: Rupiah
    public var reason: String
    public var approvedBy: String
    public var at: Date
}

/// Everything an X or Z report prints about one till session.
public struct TillReport: Hashable, Sendable {
    public var session: TillSession
    public var figures: TillFigures
    public var approvals: [ApprovalRecord]
    public var movements: [CashMovement]
    public var journalHead: String
}

extension AppDatabase {
    public static let mainDrawer = "main"

    struct OpenTill { var id: Int64; var onDutyID: Int64 }

    /// The open till a sale needs, with an active supervisor on duty.
    static func openTillForSale(_ db: Database, drawer: String = mainDrawer) throws -> OpenTill {
        guard let row = try Row.fetchOne(
            db, sql: "SELECT id, on_duty_id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer])
        else { throw TillError.noOpenTill }
        let onDuty: Int64 = row["on_duty_id"]
        guard try Bool.fetchOne(
            db, sql: "SELECT 1 FROM staff WHERE id = ? AND role IN ('supervisor', 'admin') AND status = 'active'", arguments: [onDuty]) == true
        else { throw TillError.noSupervisorOnDuty }
        return OpenTill(id: row["id"], onDutyID: onDuty)
    }

    /// Opens the till with a float; the supervisor who opens it is on duty.
    ///
    /// - Parameters:
    ///   - float: the cash put in the drawer; with `count`, it must equal the count's total.
    ///   - count: the float counted by denomination, when it was.
    /// - Throws: ``TillError/tillAlreadyOpen``, ``AccessError/notASupervisor(_:)``.
    @discardableResult
    public func openTill(float: Rupiah, count: CashCount?, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws -> TillSession {
        let id = try write { db -> Int64 in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) == true {
                throw TillError.tillAlreadyOpen
            }
            try db.execute(
                sql: """
                    INSERT INTO tills (drawer, opened_at, opened_by, on_duty_id, float, float_count)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [drawer, Self.timestamp(instant), supervisorID, supervisorID, float.value, count?.description])
            let id = db.lastInsertedRowID
            try Self.journal(db, kind: "till_open", actor: supervisor, subject: "till \(id)", row: ("tills", id), at: instant)
            return id
        }
        return try tillSession(id: id)!
    }

    /// Another supervisor takes over the duty of the open till.
    public func takeOverDuty(supervisor: String, drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) else {
                throw TillError.noOpenTill
            }
            try db.execute(sql: "UPDATE tills SET on_duty_id = ? WHERE id = ?", arguments: [supervisorID, id])
            try Self.journal(db, kind: "duty_takeover", actor: supervisor, subject: "till \(id)", row: ("tills", id), at: instant)
        }
    }

    /// Pay-in or pay-out of the open till, with a reason.
    public func moveCash(_ direction: String, amount: Rupiah, reason: String, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            let till = try Self.openTillForSale(db, drawer: drawer)
            try db.execute(
                sql: "INSERT INTO cash_movements (till_id, direction, amount, reason, approved_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [till.id, direction, amount.value, reason, supervisorID, Self.timestamp(instant)])
            let id = db.lastInsertedRowID
            try Self.journal(db, kind: "cash_\(direction)", actor: supervisor, subject: "till \(till.id)", row: ("cash_movements", id), at: instant)
        }
    }

    /// Records a no-sale drawer opening (approved, with a reason) and queues the drawer kick.
    public func recordNoSale(reason: String, supervisor: String, drawerKick: [UInt8], drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let till = try Self.openTillForSale(db, drawer: drawer)
            try Self.recordApproval(
                db, kind: "no_sale", tillID: till.id, orderID: nil, line: nil, detail: nil, amount: nil,
                approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            try db.execute(
                sql: "INSERT INTO print_jobs (order_id, kind, status, payload, text, created_at, updated_at) VALUES (NULL, 'drawer', 'pending', ?, ?, ?, ?)",
                arguments: [Data(drawerKick), "no sale", instant, instant])
        }
    }

    /// Queues a report (X or Z) for the printer, with its bytes fixed.
    @discardableResult
    public func enqueueReport(bytes: [UInt8], text: String, at instant: Date) throws -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO print_jobs (order_id, kind, status, payload, text, created_at, updated_at) VALUES (NULL, 'report', 'pending', ?, ?, ?, ?)",
                arguments: [Data(bytes), text, instant, instant])
            return db.lastInsertedRowID
        }
    }

    @discardableResult
    static func recordApproval(
        _ db: Database, kind: String, tillID: Int64?, orderID: Int64?, line: Int?, detail: String?, amount: Rupiah?, approval: Approval
    ) throws -> Int64 {
        let supervisorID = try supervisorID(db, code: approval.supervisorCode)
        try db.execute(
            sql: """
                INSERT INTO approvals (kind, till_id, order_id, line, detail, amount, reason, approved_by, at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [kind, tillID, orderID, line, detail, amount?.value, approval.reason, supervisorID, timestamp(approval.at)])
        let id = db.lastInsertedRowID
        try journal(db, kind: "approval_\(kind)", actor: approval.supervisorCode, subject: orderID.map { "order \($0)" },
                    row: ("approvals", id), at: approval.at)
        return id
    }

    /// Voids a paid order of the open till: its money leaves the till's sales.
    ///
    /// - Throws: ``TillError/orderInClosedTill(_:)`` when its till was closed (refund it instead).
    public func voidOrder(day: BusinessDay, number: Int, reason: String, supervisor: String, at instant: Date) throws {
        try write { db in
            guard let row = try Row.fetchOne(
                db, sql: "SELECT id, till_id, status, total FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
            else { throw StoreError.orderNotFound(day: day.description, number: number) }
            let orderID: Int64 = row["id"]
            guard (row["status"] as String) == "paid" else { throw TillError.alreadyVoided(number) }
            let till = try Self.openTillForSale(db)
            guard (row["till_id"] as Int64?) == till.id else { throw TillError.orderInClosedTill(number) }
            try Self.recordApproval(
                db, kind: "void", tillID: till.id, orderID: orderID, line: nil, detail: nil, amount: Rupiah(row["total"]),
                approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            try db.execute(sql: "UPDATE orders SET status = 'void' WHERE id = ?", arguments: [orderID])
            try Self.journal(db, kind: "order_void", actor: supervisor, subject: "\(day)#\(number)", row: ("orders", orderID), at: instant)
        }
    }

    /// Refunds a paid order, whole or some lines, from the open till.
    ///
    /// A line's refund is its total less its own discount. Cash comes from the drawer when the
    /// order was paid (partly) in cash; otherwise it is noted as a QRIS reversal.
    ///
    /// - Returns: the amount refunded.
    @discardableResult
    public func refundOrder(day: BusinessDay, number: Int, lines: [Int], reason: String, supervisor: String, at instant: Date) throws -> Rupiah {
        try write { db in
            guard let order = try Int64.fetchOne(db, sql: "SELECT id FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
                .map({ try Self.loadOrder(db, id: $0) })
            else { throw StoreError.orderNotFound(day: day.description, number: number) }
            guard order.status != .void else { throw TillError.alreadyVoided(number) }
            let till = try Self.openTillForSale(db)
            let refunded = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = ?", arguments: [order.id]) ?? 0)
            let remaining = order.totals.total - refunded
            var amount: Rupiah
            if lines.isEmpty {
                amount = remaining
            } else {
                amount = .zero
                for line in Set(lines) {
                    guard order.lines.indices.contains(line - 1) else { throw OrderError.noSuchLine(line) }
                    amount += order.lines[line - 1].total - order.lines[line - 1].discountAmount
                }
            }
            guard amount > .zero else { throw TillError.nothingToRefund }
            guard amount <= remaining else { throw TillError.refundExceedsOrder(remaining: remaining) }
            let method = order.payments.contains { $0.method == .cash } ? "cash" : "qris"
            let approvalID = try Self.recordApproval(
                db, kind: "refund", tillID: till.id, orderID: order.id, line: lines.count == 1 ? lines[0] : nil,
                detail: lines.isEmpty ? "all" : lines.sorted().map(String.init).joined(separator: ","), amount: amount,
                approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            try db.execute(
                sql: "INSERT INTO refunds (order_id, till_id, method, amount, lines, approval_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                arguments: [order.id, till.id, method, amount.value, lines.isEmpty ? nil : lines.sorted().map(String.init).joined(separator: ","),
                            approvalID, Self.timestamp(instant)])
            let refundID = db.lastInsertedRowID
            if amount == remaining {
                try db.execute(sql: "UPDATE orders SET status = 'refunded' WHERE id = ?", arguments: [order.id])
                try Self.journal(db, kind: "order_refunded", actor: supervisor, subject: "\(day)#\(number)", row: ("orders", order.id), at: instant)
            }
            try Self.journal(db, kind: "refund", actor: supervisor, subject: "\(day)#\(number)", row: ("refunds", refundID), at: instant)
            return amount
        }
    }

    /// The open till of `drawer`, if any.
    public func openTill(drawer: String = mainDrawer) throws -> TillSession? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer])
                .flatMap { try Self.tillSession(db, id: $0) }
        }
    }

    public func tillSession(id: Int64) throws -> TillSession? {
        try read { db in try Self.tillSession(db, id: id) }
    }

    static func tillSession(_ db: Database, id: Int64) throws -> TillSession? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT tills.*, o.code AS opened_code, d.code AS duty_code, c.code AS closed_code FROM tills
                JOIN staff o ON o.id = opened_by JOIN staff d ON d.id = on_duty_id LEFT JOIN staff c ON c.id = closed_by
                WHERE tills.id = ?
                """, arguments: [id])
        else { return nil }
        return TillSession(
            id: id, drawer: row["drawer"], openedAt: parseTimestamp(row["opened_at"]) ?? Date(timeIntervalSince1970: 0),
            openedBy: row["opened_code"], onDuty: row["duty_code"], float: Rupiah(row["float"]),
            closedAt: (row["closed_at"] as String?).flatMap(parseTimestamp), closedBy: row["closed_code"],
            countedCash: (row["counted_cash"] as Int64?).map { Rupiah($0) }, countBreakdown: row["count_breakdown"],
            expectedCash: (row["expected_cash"] as Int64?).map { Rupiah($0) }, variance: (row["variance"] as Int64?).map { Rupiah($0) },
            journalHead: row["journal_head"])
    }

    /// The X or Z report figures of a till session, by session and never by date.
    public func tillReport(id: Int64) throws -> TillReport {
        try read { db in try Self.tillReport(db, id: id) }
    }

    static func tillReport(_ db: Database, id: Int64) throws -> TillReport {
        guard let session = try tillSession(db, id: id) else { throw TillError.noOpenTill }
        var figures = TillFigures()
        figures.float = session.float
        let paid = "o.till_id = ? AND o.status != 'void'"
        figures.cashSales = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE \(paid) AND p.method = 'cash'", arguments: [id]) ?? 0)
        figures.qrisSales = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE \(paid) AND p.method = 'qris'", arguments: [id]) ?? 0)
        figures.cashRefunds = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE till_id = ? AND method = 'cash'", arguments: [id]) ?? 0)
        figures.qrisRefunds = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE till_id = ? AND method = 'qris'", arguments: [id]) ?? 0)
        figures.payIns = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE till_id = ? AND direction = 'in'", arguments: [id]) ?? 0)
        figures.payOuts = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE till_id = ? AND direction = 'out'", arguments: [id]) ?? 0)
        figures.orders = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders o WHERE \(paid)", arguments: [id]) ?? 0
        figures.voids = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE till_id = ? AND status = 'void'", arguments: [id]) ?? 0
        figures.voidedTotal = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(total), 0) FROM orders WHERE till_id = ? AND status = 'void'", arguments: [id]) ?? 0)
        figures.discounts = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(o.discount), 0) FROM orders o WHERE \(paid)", arguments: [id]) ?? 0)
        let approvals = try Row.fetchAll(
            db, sql: """
                SELECT a.*, s.code AS approver, o.day AS order_day, o.number AS order_number FROM approvals a
                JOIN staff s ON s.id = a.approved_by LEFT JOIN orders o ON o.id = a.order_id
                WHERE a.till_id = ? ORDER BY a.id
                """, arguments: [id]
        ).map {
            ApprovalRecord(
                kind: $0["kind"], orderDay: $0["order_day"], orderNumber: $0["order_number"], line: $0["line"], detail: $0["detail"],
                amount: ($0["amount"] as Int64?).map { Rupiah($0) }, reason: $0["reason"], approvedBy: $0["approver"],
                at: parseTimestamp($0["at"]) ?? Date(timeIntervalSince1970: 0))
        }
        let movements = try Row.fetchAll(
            db, sql: "SELECT m.*, s.code AS approver FROM cash_movements m JOIN staff s ON s.id = m.approved_by WHERE till_id = ? ORDER BY m.id",
            arguments: [id]
        ).map {
            CashMovement(direction: $0["direction"], amount: Rupiah($0["amount"]), reason: $0["reason"], approvedBy: $0["approver"],
                         at: parseTimestamp($0["at"]) ?? Date(timeIntervalSince1970: 0))
        }
        let head = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? genesisHash
        return TillReport(session: session, figures: figures, approvals: approvals, movements: movements, journalHead: session.journalHead ?? head)
    }

    /// Closes the till with a blind count: the expected cash is computed only now.
    ///
    /// The journal head is taken after the close is journaled, so the Z report's hash covers it.
    ///
    /// - Returns: the Z report.
    public func closeTill(count: CashCount, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws -> TillReport {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) else {
                throw TillError.noOpenTill
            }
            let before = try Self.tillReport(db, id: id)
            let counted = count.total
            try db.execute(
                sql: """
                    UPDATE tills SET closed_at = ?, closed_by = ?, counted_cash = ?, count_breakdown = ?, expected_cash = ?, variance = ?
                    WHERE id = ?
                    """,
                arguments: [Self.timestamp(instant), supervisorID, counted.value, count.description, before.figures.expectedCash.value,
                            before.figures.variance(counted: counted).value, id])
            try Self.journal(db, kind: "till_close", actor: supervisor, subject: "till \(id)", row: ("tills", id), at: instant)
            let head = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1") ?? Self.genesisHash
            // The head is kept beside the till, outside the journaled snapshot it closes.
            try db.execute(sql: "UPDATE tills SET journal_head = ? WHERE id = ?", arguments: [head, id])
            return try Self.tillReport(db, id: id)
        }
    }
}
