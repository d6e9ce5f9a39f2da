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
    /// The second supervisor who approved it too, when it needed one (``SecondApprovalCause``).
    public var secondSupervisor: String? = nil
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
    /// A refund of an order from a closed till, or one paying a QRIS part back in cash
    /// (``SecondApprovalCause``), needs `secondSupervisor` too, another person than
    /// `supervisor`; their approval is recorded beside the first (a second `refund` approval,
    /// journaled under their code). A second supervisor given when none is needed is recorded
    /// all the same.
    ///
    /// - Returns: the refund as recorded.
    /// - Throws: ``TillError/alreadyVoided(_:)``, ``RefundError`` (a second supervisor missing
    ///   or the same as the first included), ``TillError/noOpenTill``.
    public func refundOrder(
        day: BusinessDay, number: Int, picks: [RefundPick]?, qrisAsCash: Bool, reason: String, supervisor: String,
        secondSupervisor: String? = nil, at instant: Date, cashRounding: RoundingRule = .none
    ) throws -> RefundRecord {
        try write { db in
            let planned = try Self.planRefund(db, day: day, number: number, picks: picks, qrisAsCash: qrisAsCash, cashRounding: cashRounding)
            let (orderID, order, till, plan) = (planned.orderID, planned.order, planned.till, planned.plan)
            if let secondSupervisor, secondSupervisor == supervisor { throw RefundError.sameSupervisorTwice(secondSupervisor) }
            if let cause = planned.secondApproval, secondSupervisor == nil { throw RefundError.secondSupervisorRequired(cause) }
            let detail = picks.map { picks in
                picks.map { pick in pick.quantity.map { "\(pick.line):\($0)" } ?? "\(pick.line)" }.joined(separator: ",")
            } ?? "all"
            let line = picks?.count == 1 ? picks![0].line : nil
            let approvalID = try Self.recordApproval(
                db, kind: .refund, tillID: till.id, orderID: orderID, line: line, detail: detail,
                amount: plan.amount, approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            if let secondSupervisor {
                try Self.recordApproval(
                    db, kind: .refund, tillID: till.id, orderID: orderID, line: line, detail: detail,
                    amount: plan.amount, approval: Approval(supervisorCode: secondSupervisor, reason: reason, at: instant))
            }
            // The order's refunds are recorded exactly; only the drawer's cash is rounded.
            try db.execute(
                sql: "INSERT INTO refunds (order_id, till_id, amount, tax, approval_id, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [orderID, till.id, plan.unrounded.value, plan.tax.value, approvalID, Timestamp.string(instant)])
            let refundID = db.lastInsertedRowID
            let paymentIDs = planned.paymentIDs
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
            return RefundRecord(id: refundID, orderDay: day, orderNumber: number, plan: plan, supervisor: supervisor,
                                secondSupervisor: secondSupervisor, reason: reason, at: instant)
        }
    }

    /// Why a refund as asked would need a second supervisor (``SecondApprovalCause``), or `nil`
    /// when it would not — or could not be made at all (no such order, nothing left, no open
    /// till: the refund itself says why). Read before anyone is asked for a PIN; the refund
    /// checks again when it writes.
    public func refundSecondApproval(day: BusinessDay, number: Int, picks: [RefundPick]?, qrisAsCash: Bool) -> SecondApprovalCause? {
        // `try?` flattens: nil both when none is needed and when the refund cannot be made.
        try? read { db -> SecondApprovalCause? in
            try Self.planRefund(db, day: day, number: number, picks: picks, qrisAsCash: qrisAsCash, cashRounding: .none).secondApproval
        }
    }

    /// A refund worked out, not yet written: the order, the open till it leaves, the plan, and
    /// why it needs a second supervisor.
    struct PlannedRefund {
        var orderID: Int64
        var order: RecordedOrder
        var till: OpenTill
        var plan: RefundPlan
        /// Each payment's id by its position in the order.
        var paymentIDs: [Int: Int64]
        var secondApproval: SecondApprovalCause?
    }

    static func planRefund(
        _ db: Database, day: BusinessDay, number: Int, picks: [RefundPick]?, qrisAsCash: Bool, cashRounding: RoundingRule
    ) throws -> PlannedRefund {
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
        // Through a Result: Swift 6.3's SIL ownership check crashes on a `catch` pattern over
        // this typed-throws call since RefundError carries a payload.
        let made = Result { () throws(RefundError) -> RefundPlan in
            try RefundPlan.make(
                total: order.totals.total, tax: order.totals.tax, refunded: order.refunded, refundedTax: refundedTax,
                lines: lines, tenders: tenders, picks: picks, qrisAsCash: qrisAsCash, cashRounding: cashRounding)
        }
        if case .failure(.nothingToRefund) = made { throw TillError.nothingToRefund }
        let plan = try made.get()
        // A written-off QRIS payment left revenue already: refunding it would take it out twice,
        // and hand back money that never came.
        for part in plan.parts where part.tender == .qris {
            guard let payment = paymentRows.first(where: { ($0["position"] as Int) == part.paymentPosition }) else { continue }
            let status = try String.fetchOne(
                db, sql: "SELECT status FROM qris_confirmations WHERE payment_id = ? ORDER BY id DESC LIMIT 1", arguments: [payment["id"] as Int64])
            if status == "written_off" { throw RefundError.writtenOffQRIS(reference: part.reference) }
        }
        // An order of another till than the open one was sold in a till that is closed now.
        let soldIn = try Int64.fetchOne(db, sql: "SELECT till_id FROM orders WHERE id = ?", arguments: [orderID])
        return PlannedRefund(
            orderID: orderID, order: order, till: till, plan: plan,
            paymentIDs: Dictionary(uniqueKeysWithValues: paymentRows.map { ($0["position"] as Int, $0["id"] as Int64) }),
            secondApproval: SecondApprovalCause.of(plan, soldInClosedTill: soldIn != till.id))
    }

    static func orderID(_ db: Database, day: BusinessDay, number: Int) throws -> Int64 {
        guard let id = try Int64.fetchOne(
            db, sql: "SELECT id FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
        else { throw StoreError.orderNotFound(day: day.description, number: number) }
        return id
    }
}
