import Foundation
import KasirStore
import KasirConfig
import KasirCore

/// The month's profit and how it is split.
public struct ProfitSplit: Hashable, Sendable, Codable {
    public var revenue: Rupiah
    public var cost: Rupiah
    public var profit: Rupiah
    public var premiPool: Rupiah
    public var pnbpShare: Rupiah
    public var capitalShare: Rupiah

    /// premi and PNBP by their percentages (halves up); working capital takes the rest, so
    /// the three add up to the profit exactly. A loss makes a profit of zero.
    public static func split(revenue: Rupiah, cost: Rupiah, policy: PremiPolicy) -> ProfitSplit {
        let profit = max(revenue - cost, .zero)
        let premi = policy.premi.of(profit)
        let pnbp = policy.pnbp.of(profit)
        return ProfitSplit(revenue: revenue, cost: cost, profit: profit, premiPool: premi, pnbpShare: pnbp, capitalShare: profit - premi - pnbp)
    }
}

/// Shares `pool` in proportion to `basis` without losing a Rupiah.
///
/// Each WBP first gets the whole Rupiah of their exact share; the Rupiah left over by the
/// rounding go one each to the largest remainders, ties to the lower code. The result always
/// adds up to `pool`.
///
/// ```swift
/// allocate(100, basis: ["W01": 1, "W02": 1, "W03": 1])   // 34, 33, 33
/// ```
public func allocate(_ pool: Rupiah, basis: [String: Int]) -> [String: Rupiah] {
    let total = basis.values.reduce(0, +)
    guard total > 0, pool > .zero else { return basis.mapValues { _ in .zero } }
    var shares: [String: Rupiah] = [:]
    var remainders: [(code: String, remainder: Int64)] = []
    for (code, weight) in basis {
        let exact = pool.value * Int64(weight)
        shares[code] = Rupiah(exact / Int64(total))
        remainders.append((code, exact % Int64(total)))
    }
    var left = pool - shares.values.reduce(.zero, +)
    for entry in remainders.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.code < $1.code }) where left > .zero {
        shares[entry.code]! += Rupiah(1)
        left -= Rupiah(1)
    }
    return shares
}

import KasirStore

/// The premi of one month: the split, and each WBP's share with its basis.
public struct PremiReport: Sendable, Codable {
    public struct Share: Sendable, Codable {
        public var code: String
        public var alias: String
        public var name: String?
        public var hours: Double
        public var basisHours: Double
        public var premi: Int64
    }
    public var month: String
    public var closed: Bool
    public var revenue: Int64
    public var cost: Int64
    public var profit: Int64
    public var premiPool: Int64
    public var pnbpShare: Int64
    public var capitalShare: Int64
    public var shares: [Share]
    public var pnbpDeposited: Int64
    public var revenueNotDeposited: Int64
}

extension ReportBuilder {
    /// Revenue of `month` net of PB1 and refunds, and its cost of goods.
    public func revenueAndCost(_ month: BusinessMonth) throws -> (revenue: Rupiah, cost: Rupiah) {
        let (start, end) = calendar.interval(of: month)
        var revenue = Rupiah.zero
        for order in try database.orderFacts(from: start, to: end) where order.status != "void" {
            revenue += order.total - order.tax
        }
        revenue -= try database.refundTotals(from: start, to: end).values.reduce(.zero, +)
        let cost = try database.monthlyCost(month) ?? database.menuCost(from: start, to: end)
        return (revenue, cost)
    }

    /// Each WBP's basis for the premi: seconds worked, weighted by station when configured.
    func premiBasis(_ month: BusinessMonth) throws -> [String: Int] {
        let (start, end) = calendar.interval(of: month)
        let hours = TrainingHours.compute(try database.shifts(from: start, to: end), month: month, calendar: calendar)
        return hours.mapValues { worked in
            worked.secondsByStation.reduce(0) { sum, entry in
                sum + entry.value * (config.cafe.premi.stationWeights?[entry.key] ?? 100) / 100
            }
        }
    }

    /// The premi report: the recorded split when the month is closed, else what closing would credit.
    public func premi(_ month: BusinessMonth, pseudonymous: Bool) throws -> PremiReport {
        let recorded = try database.premiMonth(month)
        let (revenue, cost) = try revenueAndCost(month)
        let split = recorded.map { ProfitSplit(revenue: $0.revenue, cost: $0.cost, profit: $0.profit, premiPool: $0.premi, pnbpShare: $0.pnbp, capitalShare: $0.capital) }
            ?? ProfitSplit.split(revenue: revenue, cost: cost, policy: config.cafe.premi)
        let basis = try premiBasis(month)
        let ledger = try database.premiLedger(month: month)
        let shares = recorded != nil ? ledger : allocate(split.premiPool, basis: basis)
        let (start, end) = calendar.interval(of: month)
        let hours = TrainingHours.compute(try database.shifts(from: start, to: end), month: month, calendar: calendar)
        let people = try database.participants()
        let deposited = try database.deposits(from: month.first, through: month.last).reduce(Rupiah.zero) { $0 + $1.amount }
        return PremiReport(
            month: month.description, closed: recorded != nil, revenue: split.revenue.value, cost: split.cost.value, profit: split.profit.value,
            premiPool: split.premiPool.value, pnbpShare: split.pnbpShare.value, capitalShare: split.capitalShare.value,
            shares: people.filter { shares[$0.code] != nil }.map { person in
                PremiReport.Share(code: person.code, alias: person.alias, name: pseudonymous ? nil : person.name,
                                  hours: hours[person.code]?.hours ?? 0, basisHours: TrainingHours.hours(basis[person.code] ?? 0),
                                  premi: shares[person.code]?.value ?? 0)
            },
            pnbpDeposited: deposited.value, revenueNotDeposited: try database.undepositedRevenue().amount.value)
    }

    /// Closes `month`: credits each WBP's ledger with their share of the premi pool.
    public func closePremi(_ month: BusinessMonth, supervisor: String, at instant: Date) throws -> PremiReport {
        guard calendar.interval(of: month).end <= instant else { throw PremiError.monthNotOver(month.description) }
        let (revenue, cost) = try revenueAndCost(month)
        let split = ProfitSplit.split(revenue: revenue, cost: cost, policy: config.cafe.premi)
        let basis = try premiBasis(month)
        let shares = allocate(split.premiPool, basis: basis)
        try database.closePremi(
            month: month, split: (split.revenue, split.cost, split.profit, split.premiPool, split.pnbpShare, split.capitalShare),
            shares: shares.mapValues { ($0, 0) }.merging(basis.mapValues { (Rupiah.zero, $0) }) { ($0.amount, $1.basis) },
            practice: practiceSeconds(try metrics(month)), supervisor: supervisor, at: instant)
        return try premi(month, pseudonymous: false)
    }
}
