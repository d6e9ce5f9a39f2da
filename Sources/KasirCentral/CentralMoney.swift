import Foundation
import KasirCore
import KasirLedger
import KasirReports
import KasirStore
import PostgresNIO

/// One café's sales facts for a span, read from the centre's projections and kept in memory:
/// the café's own sales rules (``SalesRules``) run on them unchanged.
public struct CentralSalesFacts: SalesFactSource, Sendable {
    var orders: [OrderFact] = []
    var lines: [(createdAt: Date, line: SaleLineFact)] = []
    var refundList: [(at: Date, amount: Rupiah, tax: Rupiah, tenders: [(method: PaymentMethod, amount: Rupiah, rounding: Rupiah)])] = []

    public func orderFacts(from start: Date, to end: Date) -> [OrderFact] { orders.filter { $0.createdAt >= start && $0.createdAt < end } }

    public func saleLines(from start: Date, to end: Date) -> [SaleLineFact] {
        lines.filter { $0.createdAt >= start && $0.createdAt < end }.map(\.line)
    }

    /// As the café counts them: what went back, cash as it left the drawer (with its rounding).
    public func refunds(from start: Date, to end: Date) -> RefundFact {
        var fact = RefundFact()
        for refund in refundList where refund.at >= start && refund.at < end {
            fact.amount += refund.amount
            fact.tax += refund.tax
            for tender in refund.tenders {
                fact.amount += tender.rounding
                fact.byMethod[tender.method, default: .zero] += tender.amount + tender.rounding
            }
        }
        return fact
    }
}

/// A café's sales facts, its calendar, and its menu's categories.
public struct CentralCafeSales: Sendable {
    public var cafe: String
    public var calendar: CafeCalendar
    public var categories: [String: String]
    public var facts: CentralSalesFacts
}

extension CentralDatabase {
    /// Each café's time zone and premi split, from its money rules.
    func rules(cafes: [String]) async throws -> [String: (calendar: CafeCalendar, premi: PremiPolicy)] {
        try await Self.rules(cafes: cafes, connection: connection, logger: logger)
    }

    static func rules(cafes: [String], connection: PostgresConnection, logger: Logger) async throws
        -> [String: (calendar: CafeCalendar, premi: PremiPolicy)]
    {
        var rules: [String: (calendar: CafeCalendar, premi: PremiPolicy)] = [:]
        for try await (cafe, zone, premi, pnbp, capital) in try await connection.query("""
            SELECT DISTINCT ON (cafe) cafe, time_zone, premi_basis_points, pnbp_basis_points, capital_basis_points FROM money_rules
            WHERE cafe = ANY(\(cafes)) ORDER BY cafe, id DESC
            """, logger: logger).decode((String, String, Int32, Int32, Int32).self) {
            var policy = PremiPolicy()
            policy.premi = Percentage(basisPoints: Int64(premi))
            policy.pnbp = Percentage(basisPoints: Int64(pnbp))
            policy.capital = Percentage(basisPoints: Int64(capital))
            rules[cafe] = (TimeZone(identifier: zone).map(CafeCalendar.init(timeZone:)) ?? .wita, policy)
        }
        return rules
    }

    /// Everything the sales report of `month` reads, for each of `cafes`, in a few queries over
    /// all of them (the month's partitions, a day wider each side for the cafés' zones).
    public func salesFacts(cafes: [String], month: BusinessMonth) async throws -> [CentralCafeSales] {
        guard !cafes.isEmpty else { return [] }
        let rules = try await rules(cafes: cafes)
        var facts = Dictionary(uniqueKeysWithValues: cafes.map { ($0, CentralSalesFacts()) })
        var categories: [String: [String: String]] = [:]
        let low = CafeCalendar.wita.interval(of: month).start.addingTimeInterval(-86_400)
        let high = CafeCalendar.wita.interval(of: month).end.addingTimeInterval(86_400)
        let firstDay = CafeCalendar.wita.day(of: low).description, lastDay = CafeCalendar.wita.day(of: high).description
        func method(_ text: String, cafe: String) throws -> PaymentMethod {
            guard let method = PaymentMethod(rawValue: text) else { throw CentralError.unreadableFact(cafe: cafe, table: "payments", value: clipped(text)) }
            return method
        }

        var payments: [String: [Int64: [PaymentMethod: Rupiah]]] = [:]
        for try await (cafe, order, kind, amount) in try await connection.query("""
            SELECT p.cafe, p.order_id, p.method, SUM(p.amount)::bigint FROM payments p
                JOIN orders o ON o.cafe = p.cafe AND o.day = p.day AND o.id = p.order_id
            WHERE p.cafe = ANY(\(cafes)) AND p.day >= \(firstDay)::date AND p.day <= \(lastDay)::date
                AND o.created_at >= \(low) AND o.created_at < \(high)
            GROUP BY 1, 2, 3
            """, logger: logger).decode((String, Int64, String, Int64).self) {
            payments[cafe, default: [:]][order, default: [:]][try method(kind, cafe: cafe)] = Rupiah(amount)
        }
        for try await (cafe, id, server, created, status, total, tax, included, removed) in try await connection.query("""
            SELECT o.cafe, o.id, s.code, o.created_at, o.status, o.total, o.tax, o.tax_included,
                (SELECT COUNT(*) FROM removed_lines r WHERE r.cafe = o.cafe AND r.day = o.day AND r.order_id = o.id)
            FROM orders o JOIN staff s ON s.cafe = o.cafe AND s.id = o.server_id
            WHERE o.cafe = ANY(\(cafes)) AND o.day >= \(firstDay)::date AND o.day <= \(lastDay)::date
                AND o.created_at >= \(low) AND o.created_at < \(high)
            ORDER BY o.cafe, o.id
            """, logger: logger).decode((String, Int64, String, Date, String, Int64, Int64, Bool, Int64).self) {
            guard let status = OrderStatus(rawValue: status) else { throw CentralError.unreadableFact(cafe: cafe, table: "orders", value: clipped(status)) }
            facts[cafe]?.orders.append(OrderFact(serverCode: server, createdAt: created, status: status, total: Rupiah(total), tax: Rupiah(tax),
                                                 taxIncluded: included, removedLines: Int(removed), payments: payments[cafe]?[id] ?? [:]))
        }
        for try await (cafe, created, item, quantity, revenue) in try await connection.query("""
            SELECT l.cafe, o.created_at, l.item_code, l.quantity, l.line_total - l.discount_amount FROM order_lines l
                JOIN orders o ON o.cafe = l.cafe AND o.day = l.day AND o.id = l.order_id
            WHERE l.cafe = ANY(\(cafes)) AND l.day >= \(firstDay)::date AND l.day <= \(lastDay)::date
                AND o.created_at >= \(low) AND o.created_at < \(high) AND o.status <> 'void'
            """, logger: logger).decode((String, Date, String, Int32, Int64).self) {
            facts[cafe]?.lines.append((created, SaleLineFact(itemCode: item, quantity: Int(quantity), revenue: Rupiah(revenue))))
        }
        var tenders: [String: [Int64: [(method: PaymentMethod, amount: Rupiah, rounding: Rupiah)]]] = [:]
        for try await (cafe, refund, paidOut, amount, rounding) in try await connection.query("""
            SELECT t.cafe, t.refund_id, t.paid_out, t.amount, COALESCE(g.amount, 0) FROM refund_tenders t
                JOIN refunds r ON r.cafe = t.cafe AND r.id = t.refund_id
                LEFT JOIN refund_rounding g ON g.cafe = t.cafe AND g.refund_tender_id = t.id
            WHERE t.cafe = ANY(\(cafes)) AND r.at >= \(low) AND r.at < \(high)
            """, logger: logger).decode((String, Int64, String, Int64, Int64).self) {
            tenders[cafe, default: [:]][refund, default: []].append((try method(paidOut, cafe: cafe), Rupiah(amount), Rupiah(rounding)))
        }
        for try await (cafe, id, at, amount, tax) in try await connection.query("""
            SELECT cafe, id, at, amount, tax FROM refunds WHERE cafe = ANY(\(cafes)) AND at >= \(low) AND at < \(high)
            """, logger: logger).decode((String, Int64, Date, Int64, Int64).self) {
            facts[cafe]?.refundList.append((at, Rupiah(amount), Rupiah(tax), tenders[cafe]?[id] ?? []))
        }
        for try await (cafe, code, category) in try await connection.query("""
            SELECT cafe, code, category_code FROM menu_items WHERE cafe = ANY(\(cafes)) AND category_code IS NOT NULL
            """, logger: logger).decode((String, String, String).self) {
            categories[cafe, default: [:]][code] = category
        }
        return cafes.map {
            CentralCafeSales(cafe: $0, calendar: rules[$0]?.calendar ?? .wita, categories: categories[$0] ?? [:], facts: facts[$0] ?? CentralSalesFacts())
        }
    }

    /// Each café's PNBP for `month`. A till's share is the café's rule (``ProfitSplit``, by its
    /// premi split): its sales net of PB1, less its refunds net of PB1 (cash with its
    /// rounding), less the cost of goods sold in it; a deposited till's share is the one its
    /// deposit recorded.
    public func pnbp(cafes: [String], month: BusinessMonth) async throws -> [CentralPNBP] {
        guard !cafes.isEmpty else { return [] }
        let rules = try await rules(cafes: cafes)
        let interval = CafeCalendar.wita.interval(of: month)
        let low = interval.start.addingTimeInterval(-86_400), high = interval.end.addingTimeInterval(86_400)
        // The tills that matter: closed in (about) the month, or closed and not yet deposited.
        let needed = """
            SELECT t.cafe, t.id, t.closed_at, d.share, d.till_id IS NOT NULL FROM tills t
                LEFT JOIN pnbp_deposit_tills d ON d.cafe = t.cafe AND d.till_id = t.id
            WHERE t.cafe = ANY($1) AND t.closed_at IS NOT NULL AND ((t.closed_at >= $2 AND t.closed_at < $3) OR d.till_id IS NULL)
            """
        // A till's share as its deposit recorded it (none for deposits made before the café's
        // schema v6), and whether it was deposited.
        var tills: [String: [(id: Int64, closedAt: Date, share: Int64?, deposited: Bool)]] = [:]
        var bindings = PostgresBindings()
        bindings.append(cafes)
        bindings.append(low)
        bindings.append(high)
        for try await (cafe, id, closedAt, share, deposited) in try await connection.query(PostgresQuery(unsafeSQL: needed, binds: bindings), logger: logger)
            .decode((String, Int64, Date, Int64?, Bool).self) {
            tills[cafe, default: []].append((id, closedAt, share, deposited))
        }
        var sums: [String: [Int64: (sales: Int64, refunds: Int64, cost: Int64)]] = [:]
        for try await (cafe, till, sales, refunds, cost) in try await connection.query(PostgresQuery(unsafeSQL: """
            WITH needed AS (\(needed)),
            sales AS (
                SELECT o.cafe, o.till_id, SUM(o.total - o.tax)::bigint AS amount FROM orders o JOIN needed n ON n.cafe = o.cafe AND n.id = o.till_id
                WHERE o.status <> 'void' GROUP BY 1, 2),
            refunds AS (
                SELECT r.cafe, r.till_id, SUM(r.amount - r.tax + COALESCE((SELECT SUM(g.amount) FROM refund_rounding g
                        JOIN refund_tenders t ON t.cafe = g.cafe AND t.id = g.refund_tender_id WHERE t.cafe = r.cafe AND t.refund_id = r.id), 0))::bigint
                    AS amount
                FROM refunds r JOIN needed n ON n.cafe = r.cafe AND n.id = r.till_id GROUP BY 1, 2),
            costs AS (
                SELECT o.cafe, o.till_id, SUM(l.quantity * COALESCE(l.unit_cost, m.cost, 0))::bigint AS amount FROM order_lines l
                    JOIN orders o ON o.cafe = l.cafe AND o.day = l.day AND o.id = l.order_id
                    JOIN needed n ON n.cafe = o.cafe AND n.id = o.till_id
                    LEFT JOIN menu_items m ON m.cafe = l.cafe AND m.code = l.item_code
                WHERE o.status <> 'void' GROUP BY 1, 2)
            SELECT n.cafe, n.id, COALESCE(s.amount, 0), COALESCE(r.amount, 0), COALESCE(c.amount, 0) FROM needed n
                LEFT JOIN sales s ON s.cafe = n.cafe AND s.till_id = n.id LEFT JOIN refunds r ON r.cafe = n.cafe AND r.till_id = n.id
                LEFT JOIN costs c ON c.cafe = n.cafe AND c.till_id = n.id
            """, binds: bindings), logger: logger).decode((String, Int64, Int64, Int64, Int64).self) {
            sums[cafe, default: [:]][till] = (sales, refunds, cost)
        }
        var deposits: [String: [CentralDeposit]] = [:]
        var covered: [String: [Int64: [Int64]]] = [:]
        for try await (cafe, deposit, till) in try await connection.query("""
            SELECT d.cafe, d.deposit_id, d.till_id FROM pnbp_deposit_tills d JOIN pnbp_deposits p ON p.cafe = d.cafe AND p.id = d.deposit_id
            WHERE d.cafe = ANY(\(cafes)) AND p.deposited_on >= \(month.first.description)::date AND p.deposited_on <= \(month.last.description)::date
            ORDER BY d.till_id
            """, logger: logger).decode((String, Int64, Int64).self) {
            covered[cafe, default: [:]][deposit, default: []].append(till)
        }
        for try await (cafe, id, day, billing, ntpn, amount) in try await connection.query("""
            SELECT cafe, id, to_char(deposited_on, 'YYYY-MM-DD'), billing_code, ntpn, amount FROM pnbp_deposits
            WHERE cafe = ANY(\(cafes)) AND deposited_on >= \(month.first.description)::date AND deposited_on <= \(month.last.description)::date
            ORDER BY cafe, id
            """, logger: logger).decode((String, Int64, String, String, String, Int64).self) {
            deposits[cafe, default: []].append(CentralDeposit(depositedOn: day, billingCode: billing, ntpn: ntpn, amount: amount,
                                                              tills: covered[cafe]?[id] ?? []))
        }
        return try cafes.map { cafe in
            let (calendar, policy) = rules[cafe] ?? (.wita, PremiPolicy())
            let (start, end) = calendar.interval(of: month)
            func owed(_ till: Int64) throws -> Int64 {
                let sum = sums[cafe]?[till] ?? (0, 0, 0)
                // Within what the split's arithmetic takes (a share multiplies by basis points):
                // a till past Rp100 trillion is no café's.
                let limit: Int64 = 100_000_000_000_000
                guard abs(sum.sales) < limit, abs(sum.refunds) < limit, abs(sum.cost) < limit else {
                    throw CentralError.unreadableFact(cafe: cafe, table: "tills", value: "#\(till)")
                }
                return ProfitSplit.split(revenue: Rupiah(sum.sales - sum.refunds), cost: Rupiah(sum.cost), policy: policy).pnbpShare.value
            }
            let list = tills[cafe] ?? []
            let inMonth = list.filter { $0.closedAt >= start && $0.closedAt < end }
            let open = list.filter { !$0.deposited }
            let made = deposits[cafe] ?? []
            var due: Int64 = 0, notDeposited: Int64 = 0
            for till in inMonth { due += try till.share ?? owed(till.id) }
            for till in open { notDeposited += try owed(till.id) }
            return CentralPNBP(cafe: cafe, due: due, deposited: made.reduce(0) { $0 + $1.amount }, notDeposited: notDeposited,
                               tillsClosed: inMonth.count, tillsNotDeposited: open.count, deposits: made)
        }
    }
}
