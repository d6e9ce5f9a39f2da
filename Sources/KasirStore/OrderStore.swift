import Foundation
import GRDB
import KasirCore

extension AppDatabase {
    /// Commits a paid order: the order, its lines, modifiers and payments in one transaction.
    ///
    /// The order's number is the next one of its WITA day, taken inside the same transaction,
    /// so two terminals never hand out the same number.
    ///
    /// ```swift
    /// var draft = OrderDraft(serverCode: "W01")
    /// try draft.add(OrderLine(spec: ItemSpec.parse("KSGA:2:size=L"), menu: menu))
    /// let order = try database.recordOrder(draft, tenders: [.cash(tendered: 50_000)], pricing: policy, calendar: .wita, at: now)
    /// order.number   // 1 on a new day
    /// ```
    ///
    /// - Parameters:
    ///   - draft: the order as taken; its lines are committed at the prices they carry.
    ///   - tenders: what the customer handed over.
    ///   - pricing: tax, service charge and rounding.
    ///   - calendar: the café's time zone, which decides the day.
    ///   - instant: when the order is confirmed.
    ///   - printJobs: slips to queue for the printer in the same transaction, so a committed
    ///     order always has its receipt waiting even if the process dies right after.
    /// - Throws: ``OrderError`` (empty order, short cash, a QRIS reference that paid another
    ///   order, …), ``StaffError`` (unknown or inactive server or maker), ``StoreError``.
    ///   Nothing is written when it throws.
    ///
    /// - Parameter enteredBy: who typed the order when it was not the server at the counter
    ///   with their PIN (an officer's account on the command line): the journal names them,
    ///   and marks the entry as typed on the command line, so it never looks like one the
    ///   WBP's PIN vouched for.
    public func recordOrder(
        _ draft: OrderDraft, tenders: [Tender], pricing: PricingPolicy, calendar: CafeCalendar, at instant: Date,
        printJobs: [PrintJobKind] = [], enteredBy: String? = nil
    ) throws -> RecordedOrder {
        let checkout = try draft.checkout(pricing: pricing, tenders: tenders)
        let day = calendar.day(of: instant)
        let createdAt = Timestamp.string(instant)
        return try write { db -> RecordedOrder in
            // Cached statements throughout: the counter records order after order with the same SQL.
            let till = try Self.openTillForSale(db)
            let server = try Self.eligibleBarista(db, code: draft.serverCode, on: day, clockedIn: true)
            var makerIDs: [String: Int64] = [draft.serverCode: server.id]
            for line in draft.lines {
                if let maker = line.makerCode, makerIDs[maker] == nil {
                    makerIDs[maker] = try Self.eligibleBarista(db, code: maker, on: day, clockedIn: true).id
                }
            }
            for payment in checkout.payments where payment.method == .qris {
                try Self.checkTypedQRISReference(db, payment.reference ?? "")
            }
            let number = try Int.fetchOne(
                try db.cachedStatement(sql: "SELECT COALESCE(MAX(number), 0) + 1 FROM orders WHERE day = ?"), arguments: [day.description])!
            let totals = checkout.totals
            try db.cachedStatement(sql: """
                    INSERT INTO orders (day, number, created_at, type, note, server_id, status,
                        subtotal, discount, service_charge, tax, tax_included, rounding, total, till_id, supervisor_id)
                    VALUES (?, ?, ?, ?, ?, ?, 'paid', ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [day.description, number, createdAt, draft.type.rawValue, draft.note, server.id,
                            totals.subtotal.value, totals.discount.value, totals.serviceCharge.value, totals.tax.value,
                            totals.taxIncluded, totals.rounding.value, totals.total.value, till.id, till.onDutyID])
            let orderID = db.lastInsertedRowID
            for (position, line) in draft.lines.enumerated() {
                let makerID = makerIDs[line.makerCode ?? draft.serverCode]!
                try db.cachedStatement(sql: """
                        INSERT INTO order_lines (order_id, position, item_code, item_name, skill, base_price,
                            unit_price, quantity, line_total, maker_id, price_override, discount_amount, unit_cost)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [orderID, position + 1, line.itemCode, line.itemName, line.skill, line.basePrice.value,
                                line.unitPrice.value, line.quantity, line.total.value, makerID, line.priceOverride?.value,
                                line.discountAmount.value, line.unitCost?.value])
                let lineID = db.lastInsertedRowID
                for (modifierPosition, modifier) in line.modifiers.enumerated() {
                    try db.cachedStatement(sql: """
                            INSERT INTO order_line_modifiers (line_id, position, group_code, group_name,
                                option_code, option_name, price_delta)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            """).execute(arguments: [lineID, modifierPosition + 1, modifier.groupCode, modifier.groupName,
                                    modifier.optionCode, modifier.optionName, modifier.priceDelta.value])
                }
            }
            #if DEBUG
            FaultInjection.reach("after-lines")
            #endif
            for line in draft.removedLines {
                try db.cachedStatement(sql: "INSERT INTO removed_lines (order_id, item_code, item_name, quantity, unit_price) VALUES (?, ?, ?, ?, ?)")
                    .execute(arguments: [orderID, line.itemCode, line.itemName, line.quantity, line.unitPrice.value])
            }
            for (position, payment) in checkout.payments.enumerated() {
                try db.cachedStatement(sql: """
                        INSERT INTO payments (order_id, position, method, amount, tendered, change, reference)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """).execute(arguments: [orderID, position + 1, payment.method.rawValue, payment.amount.value,
                                payment.tendered.value, payment.change.value, payment.reference])
                // The code Kasir made for it, in a table of its own: the order's rows, read back
                // below and journaled as the sale, are the same with or without one.
                if let request = checkout.qrisRequests[position] {
                    try Self.recordQRISRequest(
                        db, paymentID: db.lastInsertedRowID, payload: request.payload, amount: payment.amount, billNumber: request.billNumber,
                        actor: enteredBy ?? draft.serverCode, at: instant)
                }
            }
            for change in draft.approvals {
                try Self.recordApproval(
                    db, kind: change.kind, tillID: till.id, orderID: orderID, line: change.line, detail: change.detail,
                    amount: change.amount, approval: change.approval)
            }
            let order = RecordedOrder(
                id: orderID, day: day, number: number, createdAt: Timestamp.date(createdAt)!, type: draft.type, note: draft.note,
                server: server.member,
                lines: draft.lines.map { line in
                    OrderLine(itemCode: line.itemCode, itemName: line.itemName, skill: line.skill, basePrice: line.basePrice, modifiers: line.modifiers,
                              quantity: line.quantity, makerCode: line.makerCode ?? draft.serverCode, priceOverride: line.priceOverride,
                              discount: line.discountAmount > .zero ? .amount(line.discountAmount) : nil, unitCost: line.unitCost)
                },
                totals: totals, payments: checkout.payments, status: .paid)
            // The rows read back must be the order as written before the journal vouches for
            // them: the snapshot is read from the rows, so a row planted under the new order's id
            // or a trigger rewriting one would otherwise be journaled as the sale. Refused whole.
            guard try Self.loadOrder(db, id: orderID) == order,
                  try Int.fetchOne(db, sql: "SELECT count(*) FROM removed_lines WHERE order_id = ?", arguments: [orderID]) == draft.removedLines.count
            else {
                throw StoreError.writtenRowsDiffer(table: "orders", key: "\(orderID)")
            }
            // The snapshot is read from the rows just written, on this connection: one SELECT of
            // the order and one of each of its child tables (``JournaledTable/orders``).
            try Self.journal(db, kind: "order", actor: enteredBy ?? draft.serverCode, subject: "\(day)#\(number)",
                             payload: enteredBy == nil ? [:] : ["via": .string("cli"), "server": .string(draft.serverCode)],
                             row: JournalRow(.orders, orderID), at: instant)
            try Self.enqueue(db, orderID: orderID, kinds: printJobs, at: instant)
            return order
        }
    }

    /// Order `number` of `day`.
    public func order(day: BusinessDay, number: Int) throws -> RecordedOrder? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
                .map { try Self.loadOrder(db, id: $0) }
        }
    }

    /// The order with database id `id`.
    public func order(id: Int64) throws -> RecordedOrder? {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM orders WHERE id = ?", arguments: [id]) == true
                ? try Self.loadOrder(db, id: id) : nil
        }
    }

    /// The till session an order was sold in.
    public func tillID(ofOrder id: Int64) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT till_id FROM orders WHERE id = ?", arguments: [id]) }
    }

    /// Checks a reference typed for a QRIS payment as the commit checks it: refused when it
    /// is a Kasir bill number or has that form (it names a code, not a payment: a settlement
    /// line for that code's payment would confirm this one), or already paid an order
    /// (compared without case). The counter asks as the reference is typed, so it is refused
    /// there rather than after the order is confirmed; the commit checks again, in its
    /// transaction, for an order another terminal may have saved in between.
    ///
    /// - Throws: ``OrderError/referenceIsBillNumber(_:)``, ``OrderError/referenceAlreadyUsed(_:)``.
    public func checkTypedQRISReference(_ reference: String) throws {
        try read { db in try Self.checkTypedQRISReference(db, reference) }
    }

    static func checkTypedQRISReference(_ db: Database, _ reference: String) throws {
        if try DynamicQRIS.isBillNumber(reference) || Bool.fetchOne(
            try db.cachedStatement(sql: "SELECT 1 FROM qris_requests WHERE bill_number = ?"), arguments: [reference.uppercased()]) == true
        {
            throw OrderError.referenceIsBillNumber(reference)
        }
        if try Bool.fetchOne(
            try db.cachedStatement(sql: "SELECT 1 FROM payments WHERE method = 'qris' AND upper(reference) = upper(?)"), arguments: [reference]) == true
        {
            throw OrderError.referenceAlreadyUsed(reference)
        }
    }

    /// The orders of one WITA day, by number.
    public func orders(day: BusinessDay) throws -> [RecordedOrder] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM orders WHERE day = ? ORDER BY number", arguments: [day.description])
                .map { try Self.loadOrder(db, id: $0) }
        }
    }

    static func loadOrder(_ db: Database, id: Int64) throws -> RecordedOrder {
        let row = try Row.fetchOne(
            db, sql: """
                SELECT orders.*, staff.code AS s_code, staff.role AS s_role, staff.name AS s_name, staff.alias AS s_alias,
                    staff.registration AS s_registration, staff.nip AS s_nip, staff.status AS s_status,
                    (SELECT COALESCE(SUM(amount), 0) FROM refunds WHERE order_id = orders.id) AS refunded
                FROM orders JOIN staff ON staff.id = orders.server_id WHERE orders.id = ?
                """, arguments: [id])!
        let server = try staffMember(row, prefix: "s_")
        let modifierRows = try Row.fetchAll(
            db, sql: """
                SELECT order_line_modifiers.* FROM order_line_modifiers JOIN order_lines ON order_lines.id = line_id
                WHERE order_id = ? ORDER BY line_id, order_line_modifiers.position
                """, arguments: [id])
        let modifiersByLine = Dictionary(grouping: modifierRows, by: { $0["line_id"] as Int64 })
        let lineRows = try Row.fetchAll(
            db, sql: """
                SELECT order_lines.*, staff.code AS maker_code,
                    (SELECT COALESCE(SUM(r.quantity), 0) FROM refund_lines r WHERE r.line_id = order_lines.id) AS refunded_quantity
                FROM order_lines JOIN staff ON staff.id = maker_id WHERE order_id = ? ORDER BY position
                """, arguments: [id])
        let lines = lineRows.map { line in
            let discount = Rupiah(line["discount_amount"])
            return OrderLine(
                itemCode: line["item_code"], itemName: line["item_name"], skill: line["skill"],
                basePrice: Rupiah(line["base_price"]),
                modifiers: (modifiersByLine[line["id"]] ?? []).map {
                    ChosenModifier(
                        groupCode: $0["group_code"], groupName: $0["group_name"], optionCode: $0["option_code"],
                        optionName: $0["option_name"], priceDelta: Rupiah($0["price_delta"]))
                },
                quantity: line["quantity"], makerCode: line["maker_code"],
                priceOverride: (line["price_override"] as Int64?).map { Rupiah($0) },
                discount: discount > .zero ? .amount(discount) : nil, unitCost: (line["unit_cost"] as Int64?).map { Rupiah($0) })
        }
        let payments = try Row.fetchAll(db, sql: "SELECT * FROM payments WHERE order_id = ? ORDER BY position", arguments: [id])
            .map {
                Payment(
                    method: try $0.kind("method", table: "payments"), amount: Rupiah($0["amount"]),
                    tendered: Rupiah($0["tendered"]), change: Rupiah($0["change"]), reference: $0["reference"])
            }
        var order = RecordedOrder(
            id: id, day: try row.day("day", table: "orders"), number: row["number"], createdAt: try row.instant("created_at", table: "orders"),
            type: try OrderType(rawValue: row["type"]).orThrow(StoreError.unreadableValue(table: "orders", column: "type", value: row["type"])),
            note: row["note"], server: server, lines: lines,
            totals: Totals(
                subtotal: Rupiah(row["subtotal"]), discount: Rupiah(row["discount"]), serviceCharge: Rupiah(row["service_charge"]), tax: Rupiah(row["tax"]),
                taxIncluded: row["tax_included"], rounding: Rupiah(row["rounding"]), total: Rupiah(row["total"])),
            payments: payments, status: try row.kind("status", table: "orders"))
        order.refunded = Rupiah(row["refunded"])
        for (index, line) in lineRows.enumerated() where (line["refunded_quantity"] as Int) > 0 {
            order.refundedQuantities[index + 1] = line["refunded_quantity"]
        }
        return order
    }
}

extension Optional {
    /// The value, or `error` thrown.
    func orThrow(_ error: @autoclosure () -> any Error) throws -> Wrapped {
        guard let value = self else { throw error() }
        return value
    }
}
