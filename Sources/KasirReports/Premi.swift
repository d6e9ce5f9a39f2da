import Foundation
import KasirStore
import KasirConfig
import KasirCore

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
    /// The PNBP share of closed tills not yet covered by a deposit.
    public var pnbpNotDeposited: Int64
    /// The MDR the acquirer kept on the month's QRIS payments (settlement lines matched to
    /// them): part of ``cost``, shown on a line of its own.
    public var settlementFees: Int64 = 0
    /// The part of ``settlementFees`` that is earlier months' MDR, imported this month after
    /// their premi was closed.
    public var settlementFeesCarriedIn: Int64 = 0
    /// The month's QRIS payments no settlement line has matched yet, and their total: their
    /// MDR is not known yet.
    public var unsettledQRIS: Int = 0
    public var unsettledQRISTotal: Int64 = 0
    /// The month's QRIS payments neither confirmed nor written off, and their total: the close
    /// waits for them.
    public var unconfirmedQRIS: Int = 0
    public var unconfirmedQRISTotal: Int64 = 0
}

/// What closing a month's premi records, once: the split of its profit, each WBP's premi and
/// the seconds it was shared by, the practice hours per skill, and the rules it went by.
///
/// ``ReportBuilder/premiClose(_:rules:at:)`` computes it; the act that closes the month writes it.
public struct PremiClose: Sendable {
    public var month: BusinessMonth
    /// When the month ends: a shift begun before it and still open refuses the close.
    public var monthEnd: Date
    public var split: ProfitSplit
    /// Per WBP code: the premi credited and the (weighted) seconds it was shared by.
    public var shares: [String: (amount: Rupiah, basis: Int)]
    /// Per WBP code, seconds of practice per skill.
    public var practice: [String: [String: Int]]
    /// The split and station weights the close goes by, recorded with it.
    public var rules: PremiPolicy
}

extension ReportBuilder {
    /// Revenue of `month` net of PB1 and refunds, less the QRIS payments an admin wrote off
    /// (never confirmed), and its cost: of goods, and the MDR the acquirer kept on its QRIS
    /// payments (``settlementFees(_:)``).
    public func revenueAndCost(_ month: BusinessMonth) throws -> (revenue: Rupiah, cost: Rupiah) {
        let (start, monthEnd) = calendar.interval(of: month)
        let end = clamp(monthEnd)
        var revenue = Rupiah.zero
        for order in try database.orderFacts(from: start, to: end) where order.status != .void {
            revenue += order.total - order.tax
        }
        // Refunds net of PB1, as sales are counted net of PB1.
        let refunds = try database.refunds(from: start, to: end)
        revenue -= refunds.amount - refunds.tax
        // Written off, as things stood when the report is made (a later confirmation brings
        // a payment back), also net of PB1.
        let writtenOff = try database.writtenOffQRIS(from: start, to: end, asOf: asOf)
        revenue -= writtenOff.amount - writtenOff.tax
        let goods = try database.monthlyCost(month, asOf: asOf) ?? database.goodsCost(from: start, to: end)
        let fees = try settlementFees(month)
        return (revenue, goods + fees.total)
    }

    /// The MDR the acquirer kept on the QRIS payments of orders of `month`, as its settlement
    /// reports imported by then say (by its close, once the month's premi is closed), and the
    /// earlier months' MDR imported in it after their close: a cost.
    public func settlementFees(_ month: BusinessMonth) throws -> SettlementFees {
        let (start, monthEnd) = calendar.interval(of: month)
        return try database.settlementFees(month: month, from: start, to: clamp(monthEnd), asOf: asOf)
    }

    /// Each WBP's basis for the premi: seconds worked, weighted by station when there are
    /// `weights` (percent per station).
    func premiBasis(_ month: BusinessMonth, weights: [String: Int]?) throws -> [String: Int] {
        let (start, end) = calendar.interval(of: month)
        let hours = TrainingHours.compute(try shifts(from: start, to: end), month: month, calendar: calendar)
        return hours.mapValues { worked in
            worked.secondsByStation.reduce(0) { sum, entry in
                sum + entry.value * (weights?[entry.key.rawValue] ?? 100) / 100
            }
        }
    }

    /// The premi report: the recorded split when the month is closed, else what closing would credit.
    public func premi(_ month: BusinessMonth, pseudonymous: Bool) throws -> PremiReport {
        let recorded = try database.premiMonth(month, asOf: asOf)
        let (revenue, cost) = try revenueAndCost(month)
        let split = try recorded ?? ProfitSplit.split(revenue: revenue, cost: cost, policy: premiRules)
        let basis = try premiBasis(month, weights: try premiRules.stationWeights)
        let ledger = try database.premiLedger(month: month, asOf: asOf)
        let shares = recorded != nil ? ledger : allocate(split.premiPool, basis: basis)
        let (start, end) = calendar.interval(of: month)
        let hours = TrainingHours.compute(try shifts(from: start, to: end), month: month, calendar: calendar)
        let people = try database.participants()
        let deposited = try database.deposits(from: month.first, through: month.last, asOf: asOf).reduce(Rupiah.zero) { $0 + $1.amount }
        let unconfirmed = try database.unconfirmedQRIS(month: month)
        var report = PremiReport(
            month: month.description, closed: recorded != nil, revenue: split.revenue.value, cost: split.cost.value, profit: split.profit.value,
            premiPool: split.premiPool.value, pnbpShare: split.pnbpShare.value, capitalShare: split.capitalShare.value,
            shares: people.filter { shares[$0.code] != nil }.map { person in
                PremiReport.Share(code: person.code, alias: person.alias, name: pseudonymous ? nil : person.name,
                                  hours: hours[person.code]?.hours ?? 0, basisHours: TrainingHours.hours(basis[person.code] ?? 0),
                                  premi: shares[person.code]?.value ?? 0)
            },
            pnbpDeposited: deposited.value,
            pnbpNotDeposited: try database.undepositedTills(policy: premiRules, asOf: asOf).reduce(Rupiah.zero) { $0 + $1.share }.value)
        let fees = try settlementFees(month)
        report.settlementFees = fees.total.value
        report.settlementFeesCarriedIn = fees.carriedIn.value
        let unsettled = try database.unsettledQRIS(month: month, asOf: asOf)
        report.unsettledQRIS = unsettled.count
        report.unsettledQRISTotal = unsettled.total.value
        report.unconfirmedQRIS = unconfirmed.count
        report.unconfirmedQRISTotal = unconfirmed.total.value
        return report
    }

    /// What closing `month` at `instant` by `rules` records, computed from the orders, hours
    /// and costs as they stand: the split, each WBP's share and basis, and the practice hours.
    /// Nothing is written; the act that closes the month (`CafeActions.closePremi`) checks that
    /// it may be closed and writes this.
    ///
    /// ```swift
    /// let close = try ReportBuilder(database: database, config: config).premiClose(november, rules: rules.premi, at: now)
    /// close.split.premiPool
    /// ```
    public func premiClose(_ month: BusinessMonth, rules: PremiPolicy, at instant: Date) throws -> PremiClose {
        let (revenue, cost) = try revenueAndCost(month)
        let split = ProfitSplit.split(revenue: revenue, cost: cost, policy: rules)
        let basis = try premiBasis(month, weights: rules.stationWeights)
        let shares = allocate(split.premiPool, basis: basis)
        // The practice hours a close journals are counted from the orders themselves (the path a
        // cut-off report takes), never from the kept monthly figures: those are a cache that a
        // hand with sqlite3 could fill for the close and put back after.
        let counted = ReportBuilder(database: database, config: config, asOf: instant)
        return PremiClose(
            month: month, monthEnd: calendar.interval(of: month).end, split: split,
            shares: shares.mapValues { ($0, 0) }.merging(basis.mapValues { (Rupiah.zero, $0) }) { ($0.amount, $1.basis) },
            practice: practiceSeconds(try counted.metrics(month)), rules: rules)
    }

    /// The premi split and weights in force: the database's; a config's only for a database
    /// that has none (made outside `kasir`, as tests make them).
    var premiRules: PremiPolicy {
        get throws { try database.moneyRules()?.rules.premi ?? config.cafe.premi }
    }
}
