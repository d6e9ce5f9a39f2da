import Foundation
import GRDB
import KasirCore

/// One order, from the server's side.
public struct OrderFact: Hashable, Sendable {
    public var serverCode: String
    public var createdAt: Date
    public var status: OrderStatus
    public var total: Rupiah
    public var tax: Rupiah
    public var taxIncluded: Bool
    public var removedLines: Int
    public var payments: [PaymentMethod: Rupiah]

    public init(serverCode: String, createdAt: Date, status: OrderStatus, total: Rupiah, tax: Rupiah, taxIncluded: Bool, removedLines: Int,
                payments: [PaymentMethod: Rupiah]) {
        self.serverCode = serverCode
        self.createdAt = createdAt
        self.status = status
        self.total = total
        self.tax = tax
        self.taxIncluded = taxIncluded
        self.removedLines = removedLines
        self.payments = payments
    }
}

/// A sold line: item, quantity, and what it brought in after its own discount.
public struct SaleLineFact: Hashable, Sendable {
    public var itemCode: String
    public var quantity: Int
    public var revenue: Rupiah

    public init(itemCode: String, quantity: Int, revenue: Rupiah) {
        self.itemCode = itemCode
        self.quantity = quantity
        self.revenue = revenue
    }
}

/// What refunds gave back in a span: the money, by how it went back, and the PB1 in it.
public struct RefundFact: Hashable, Sendable {
    public var amount: Rupiah = .zero
    public var tax: Rupiah = .zero
    public var byMethod: [PaymentMethod: Rupiah] = [:]

    public init(amount: Rupiah = .zero, tax: Rupiah = .zero, byMethod: [PaymentMethod: Rupiah] = [:]) {
        self.amount = amount
        self.tax = tax
        self.byMethod = byMethod
    }
}

extension AppDatabase {
    /// Orders created in `[start, end)`, every status, with their payments.
    public func orderFacts(from start: Date, to end: Date) throws -> [OrderFact] {
        try read { db in
            let bounds: StatementArguments = [Timestamp.string(start), Timestamp.string(end)]
            let payments = try Row.fetchAll(
                db, sql: """
                    SELECT p.order_id, p.method, SUM(p.amount) AS amount FROM payments p JOIN orders o ON o.id = p.order_id
                    WHERE o.created_at >= ? AND o.created_at < ? GROUP BY p.order_id, p.method
                    """, arguments: bounds)
            var byOrder: [Int64: [PaymentMethod: Rupiah]] = [:]
            for row in payments {
                byOrder[row["order_id"], default: [:]][try row.kind("method", table: "payments")] = Rupiah(row["amount"])
            }
            return try Row.fetchAll(
                db, sql: """
                    SELECT o.id, s.code, o.created_at, o.status, o.total, o.tax, o.tax_included,
                        (SELECT COUNT(*) FROM removed_lines r WHERE r.order_id = o.id) AS removed
                    FROM orders o JOIN staff s ON s.id = o.server_id WHERE o.created_at >= ? AND o.created_at < ? ORDER BY o.id
                    """, arguments: bounds
            ).map {
                OrderFact(serverCode: $0["code"], createdAt: try $0.instant("created_at", table: "orders"), status: try $0.kind("status", table: "orders"),
                          total: Rupiah($0["total"]), tax: Rupiah($0["tax"]), taxIncluded: $0["tax_included"], removedLines: $0["removed"],
                          payments: byOrder[$0["id"]] ?? [:])
            }
        }
    }

    /// Refunds made in `[start, end)`: what went back, cash as it left the drawer (rounded, the
    /// rounding in `refund_rounding`), so revenue counts the Rupiah the café kept or added.
    public func refunds(from start: Date, to end: Date) throws -> RefundFact {
        try read { db in
            let bounds: StatementArguments = [Timestamp.string(start), Timestamp.string(end)]
            var fact = RefundFact()
            if let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(amount), 0) + (SELECT COALESCE(SUM(g.amount), 0) FROM refund_rounding g
                        JOIN refund_tenders t ON t.id = g.refund_tender_id JOIN refunds q ON q.id = t.refund_id WHERE q.at >= ?1 AND q.at < ?2) AS amount,
                    COALESCE(SUM(tax), 0) AS tax FROM refunds WHERE at >= ?1 AND at < ?2
                """, arguments: bounds) {
                fact.amount = Rupiah(row["amount"])
                fact.tax = Rupiah(row["tax"])
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT t.paid_out, SUM(t.amount + COALESCE(g.amount, 0)) AS amount FROM refund_tenders t JOIN refunds r ON r.id = t.refund_id
                LEFT JOIN refund_rounding g ON g.refund_tender_id = t.id
                WHERE r.at >= ? AND r.at < ? GROUP BY t.paid_out
                """, arguments: bounds) {
                fact.byMethod[try row.kind("paid_out", table: "refund_tenders")] = Rupiah(row["amount"])
            }
            return fact
        }
    }

    /// Lines of orders (not void) created in `[start, end)`.
    public func saleLines(from start: Date, to end: Date) throws -> [SaleLineFact] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.item_code, l.quantity, l.line_total - l.discount_amount AS revenue FROM order_lines l
                JOIN orders o ON o.id = l.order_id WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                """, arguments: [Timestamp.string(start), Timestamp.string(end)]).map {
                SaleLineFact(itemCode: $0["item_code"], quantity: $0["quantity"], revenue: Rupiah($0["revenue"]))
            }
        }
    }
}
