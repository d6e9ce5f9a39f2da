import Foundation
import GRDB
import KasirCore

/// A refund as it was recorded.
public struct RefundRecord: Hashable, Sendable {
    public var id: Int64
    public var orderDay: BusinessDay
    public var orderNumber: Int
    public var plan: RefundPlan
    public var supervisor: String
    public var reason: String
    public var at: Date
}

extension AppDatabase {
    /// Voids a paid order of the open till: its money leaves the till's sales.
    ///
    /// - Returns: the order as voided, with the payments that now go back to the customer.
    /// - Throws: ``TillError/orderInClosedTill(_:)`` when its till was closed (refund it instead),
    ///   ``TillError/voidAfterRefund(_:)`` when part of it was refunded (refund the rest), and
    ///   ``TillError/alreadyVoided(_:)``.
    @discardableResult
    public func voidOrder(day: BusinessDay, number: Int, reason: String, supervisor: String, at instant: Date) throws -> RecordedOrder {
        try write { db in
            let orderID = try Self.orderID(db, day: day, number: number)
            let row = try Row.fetchOne(db, sql: "SELECT till_id, status, total FROM orders WHERE id = ?", arguments: [orderID])!
            guard try row.kind("status", table: "orders") as OrderStatus == .paid else { throw TillError.alreadyVoided(number) }
            // A refund already took money out of a drawer: voiding too would take it out twice.
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM refunds WHERE order_id = ?", arguments: [orderID]) == true {
                throw TillError.voidAfterRefund(number)
            }
            let till = try Self.openTillForSale(db)
            guard (row["till_id"] as Int64) == till.id else { throw TillError.orderInClosedTill(number) }
            try Self.recordApproval(
                db, kind: .void, tillID: till.id, orderID: orderID, line: nil, detail: nil, amount: Rupiah(row["total"]),
                approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            try db.execute(sql: "UPDATE orders SET status = 'void' WHERE id = ?", arguments: [orderID])
            try Self.journal(db, kind: "order_void", actor: supervisor, subject: "\(day)#\(number)", row: JournalRow(.orders, orderID), at: instant)
            return try Self.loadOrder(db, id: orderID)
        }
    }

    /// Refunds a paid order from the open till: the lines and units asked for (everything left
    /// when `picks` is `nil`), given back the way they were paid.
    ///
    /// Each line is refunded at what the customer paid for it (its share of the total, order
    /// discount included); no line beyond its quantity, no payment beyond what it paid. The
    /// cash part leaves the drawer; the QRIS part is recorded as a QRIS/transfer refund with its
    /// reference, or paid in cash when the supervisor chose `qrisAsCash`.
    ///
    /// What leaves the drawer is rounded by `cashRounding`, as a sale's total is: each payment is
    /// recorded with its exact share, and a part's rounding in `refund_rounding` beside it, so
    /// the till's cash refunds are what was handed over.
    ///
    /// - Returns: the refund as recorded.
    /// - Throws: ``TillError/alreadyVoided(_:)``, ``RefundError``, ``TillError/noOpenTill``.
    public func refundOrder(
        day: BusinessDay, number: Int, picks: [RefundPick]?, qrisAsCash: Bool, reason: String, supervisor: String, at instant: Date,
        cashRounding: RoundingRule = .none
    ) throws -> RefundRecord {
        try write { db in
            let orderID = try Self.orderID(db, day: day, number: number)
            let order = try Self.loadOrder(db, id: orderID)
            guard order.status != .void else { throw TillError.alreadyVoided(number) }
            let till = try Self.openTillForSale(db)
            let paymentRows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.position, p.method, p.amount, p.reference,
                    (SELECT COALESCE(SUM(t.amount), 0) FROM refund_tenders t WHERE t.payment_id = p.id) AS refunded,
                    (SELECT COALESCE(SUM(t.amount), 0) FROM refund_tenders t WHERE t.payment_id = p.id AND t.paid_out = 'cash') AS refunded_in_cash,
                    (SELECT COALESCE(SUM(g.amount), 0) FROM refund_tenders t JOIN refund_rounding g ON g.refund_tender_id = t.id
                        WHERE t.payment_id = p.id) AS cash_rounding
                FROM payments p WHERE p.order_id = ? ORDER BY p.position
                """, arguments: [orderID])
            let tenders = try paymentRows.map { row -> RefundableTender in
                let inCash: Int64 = row["refunded_in_cash"]
                let rounded: Int64 = row["cash_rounding"]
                return RefundableTender(
                    position: row["position"], method: try row.kind("method", table: "payments"), reference: row["reference"],
                    paid: Rupiah(row["amount"]), refunded: Rupiah(row["refunded"]), refundedInCash: Rupiah(inCash),
                    handedBackInCash: Rupiah(inCash + rounded))
            }
            let shares = order.lineShares
            let lines = order.lines.indices.map { index in
                RefundableLine(position: index + 1, quantity: order.lines[index].quantity, paid: shares[index],
                               refundedQuantity: order.refundedQuantities[index + 1] ?? 0)
            }
            let refundedTax = Rupiah(try Int64.fetchOne(db, sql: "SELECT COALESCE(SUM(tax), 0) FROM refunds WHERE order_id = ?", arguments: [orderID]) ?? 0)
            let plan: RefundPlan
            do {
                plan = try RefundPlan.make(
                    total: order.totals.total, tax: order.totals.tax, refunded: order.refunded, refundedTax: refundedTax,
                    lines: lines, tenders: tenders, picks: picks, qrisAsCash: qrisAsCash, cashRounding: cashRounding)
            } catch RefundError.nothingToRefund {
                throw TillError.nothingToRefund
            }
            let detail = picks.map { picks in
                picks.map { pick in pick.quantity.map { "\(pick.line):\($0)" } ?? "\(pick.line)" }.joined(separator: ",")
            } ?? "all"
            let approvalID = try Self.recordApproval(
                db, kind: .refund, tillID: till.id, orderID: orderID, line: picks?.count == 1 ? picks![0].line : nil, detail: detail,
                amount: plan.amount, approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            // The order's refunds are recorded exactly; only the drawer's cash is rounded.
            try db.execute(
                sql: "INSERT INTO refunds (order_id, till_id, amount, tax, approval_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [orderID, till.id, plan.unrounded.value, plan.tax.value, approvalID, Timestamp.string(instant)])
            let refundID = db.lastInsertedRowID
            let paymentIDs = Dictionary(uniqueKeysWithValues: paymentRows.map { ($0["position"] as Int, $0["id"] as Int64) })
            var roundingIDs: [Int64] = []
            for part in plan.parts {
                try db.execute(
                    sql: "INSERT INTO refund_tenders (refund_id, payment_id, paid_out, amount) VALUES (?, ?, ?, ?)",
                    arguments: [refundID, paymentIDs[part.paymentPosition], part.paidOut.rawValue, part.unrounded.value])
                if part.rounding != .zero {
                    try db.execute(
                        sql: "INSERT INTO refund_rounding (refund_tender_id, amount) VALUES (?, ?)",
                        arguments: [db.lastInsertedRowID, part.rounding.value])
                    roundingIDs.append(db.lastInsertedRowID)
                }
            }
            let lineIDs = try Int64.fetchAll(db, sql: "SELECT id FROM order_lines WHERE order_id = ? ORDER BY position", arguments: [orderID])
            for line in plan.lines {
                try db.execute(
                    sql: "INSERT INTO refund_lines (refund_id, line_id, quantity, amount) VALUES (?, ?, ?, ?)",
                    arguments: [refundID, lineIDs[line.position - 1], line.quantity, line.amount.value])
            }
            if order.refunded + plan.unrounded == order.totals.total {
                try db.execute(sql: "UPDATE orders SET status = 'refunded' WHERE id = ?", arguments: [orderID])
                try Self.journal(db, kind: "order_refunded", actor: supervisor, subject: "\(day)#\(number)", row: JournalRow(.orders, orderID), at: instant)
            }
            try Self.journal(db, kind: "refund", actor: supervisor, subject: "\(day)#\(number)", row: JournalRow(.refunds, refundID), at: instant)
            for id in roundingIDs {
                try Self.journal(db, kind: "refund_rounding", actor: supervisor, subject: "\(day)#\(number)",
                                 row: JournalRow(.refundRounding, id), at: instant)
            }
            return RefundRecord(id: refundID, orderDay: day, orderNumber: number, plan: plan, supervisor: supervisor, reason: reason, at: instant)
        }
    }

    static func orderID(_ db: Database, day: BusinessDay, number: Int) throws -> Int64 {
        guard let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
        else { throw StoreError.orderNotFound(day: day.description, number: number) }
        return id
    }
}
