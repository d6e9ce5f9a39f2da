import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// Sales over a span of WITA days, grouped one way.
public struct SalesReport: Sendable, Codable {
    public struct Row: Sendable, Codable {
        public var key: String
        public var orders: Int
        public var quantity: Int
        public var revenue: Int64
    }
    public var from: String
    public var to: String
    public var by: String
    public var rows: [Row]
    public var orders: Int
    /// Sales of the orders not voided, before refunds.
    public var revenue: Int64
    /// What refunds made in the span gave back, whatever day the order was.
    public var refunds: Int64
    /// Revenue less refunds: each Rupiah counted once.
    public var netRevenue: Int64
}

/// The programme's month: participants, hours, money, competencies achieved.
public struct ProgrammeReport: Sendable, Codable {
    public var month: String
    public var participants: Int
    public var totalHours: Double
    public var hoursPerParticipant: Double
    public var revenue: Int64
    public var pnbpShare: Int64
    public var pnbpDeposited: Int64
    public var pnbpNotDeposited: Int64
    public var premiPool: Int64
    public var premiClosed: Bool
    public var competenciesAchieved: [String]
    /// The journal entry the report was made at, and its document number (`PR-…`), when made
    /// as a document.
    public var journalSeq: Int64?
    public var documentNumber: String?
}

/// The facts the sales report is computed from, wherever they are kept: the café's store, or
/// the centre's projections of its journal.
public protocol SalesFactSource {
    /// Orders created in `[start, end)`, every status, with their payments.
    func orderFacts(from start: Date, to end: Date) throws -> [OrderFact]
    /// Lines of orders (not void) created in `[start, end)`.
    func saleLines(from start: Date, to end: Date) throws -> [SaleLineFact]
    /// What refunds made in `[start, end)` gave back.
    func refunds(from start: Date, to end: Date) throws -> RefundFact
}

extension AppDatabase: SalesFactSource {}

/// The sales report's rules over facts from anywhere: the café's own, and the centre's for it.
///
/// ```swift
/// let report = try SalesRules(facts: database, calendar: .wita, category: { menu.item(code: $0)?.category })
///     .sales(from: november.first, through: november.last, by: .payment)
/// ```
public struct SalesRules {
    public var facts: any SalesFactSource
    public var calendar: CafeCalendar
    /// A menu item's category, by its code.
    public var category: (String) -> String?

    public init(facts: any SalesFactSource, calendar: CafeCalendar, category: @escaping (String) -> String?) {
        self.facts = facts
        self.calendar = calendar
        self.category = category
    }

    /// Sales from `first` through `last` (the café's days), not counting voided orders.
    public func sales(from first: BusinessDay, through last: BusinessDay, by grouping: ReportBuilder.SalesGrouping) throws -> SalesReport {
        let start = calendar.start(of: first)
        let end = calendar.start(of: calendar.day(after: last))
        let orders = try facts.orderFacts(from: start, to: end).filter { $0.status != .void }
        var rows: [String: SalesReport.Row] = [:]
        func add(_ key: String, orders: Int, quantity: Int, revenue: Rupiah) {
            rows[key, default: SalesReport.Row(key: key, orders: 0, quantity: 0, revenue: 0)].orders += orders
            rows[key]!.quantity += quantity
            rows[key]!.revenue += revenue.value
        }
        switch grouping {
        case .barista:
            for order in orders { add(order.serverCode, orders: 1, quantity: 0, revenue: order.total) }
        case .hour:
            for order in orders { add(String(calendar.clockTime(of: order.createdAt).prefix(2)) + ":00", orders: 1, quantity: 0, revenue: order.total) }
        case .payment:
            for order in orders {
                for (method, amount) in order.payments { add(method.rawValue, orders: 1, quantity: 0, revenue: amount) }
            }
        case .item, .category:
            for line in try facts.saleLines(from: start, to: end) {
                let key = grouping == .item ? line.itemCode : (category(line.itemCode) ?? "-")
                add(key, orders: 0, quantity: line.quantity, revenue: line.revenue)
            }
        }
        let revenue = orders.reduce(Rupiah.zero) { $0 + $1.total }
        let refunds = try facts.refunds(from: start, to: end).amount
        return SalesReport(
            from: first.description, to: last.description, by: grouping.rawValue,
            rows: rows.values.sorted { $0.revenue != $1.revenue ? $0.revenue > $1.revenue : $0.key < $1.key },
            orders: orders.count, revenue: revenue.value, refunds: refunds.value, netRevenue: (revenue - refunds).value)
    }
}

extension ReportBuilder {
    public enum SalesGrouping: String, CaseIterable, Sendable { case item, category, hour, barista, payment }

    /// Sales from `first` through `last` (WITA days), not counting voided orders.
    public func sales(from first: BusinessDay, through last: BusinessDay, by grouping: SalesGrouping) throws -> SalesReport {
        let menu = config.menu
        return try SalesRules(facts: database, calendar: calendar, category: { menu.item(code: $0)?.category })
            .sales(from: first, through: last, by: grouping)
    }

    /// The programme's figures for `month`.
    public func programme(_ month: BusinessMonth) throws -> ProgrammeReport {
        let training = try training(month, pseudonymous: true)
        let active = training.staff.filter { $0.hours > 0 }
        let total = active.reduce(0.0) { $0 + $1.hours }
        let premi = try premi(month, pseudonymous: true)
        let achieved = try database.assessments(through: month.last, asOf: asOf, journaledThrough: journalSeq)
            .filter { $0.competent && $0.assessedOn >= month.first }
            .map { "\($0.staffCode) \($0.unitCode) (\($0.assessedOn))" }
        return ProgrammeReport(
            month: month.description, participants: active.count, totalHours: TrainingHours.hundredths(total),
            hoursPerParticipant: active.isEmpty ? 0 : TrainingHours.hundredths(total / Double(active.count)),
            revenue: premi.revenue, pnbpShare: premi.pnbpShare, pnbpDeposited: premi.pnbpDeposited,
            pnbpNotDeposited: premi.pnbpNotDeposited, premiPool: premi.premiPool, premiClosed: premi.closed,
            competenciesAchieved: achieved)
    }
}
