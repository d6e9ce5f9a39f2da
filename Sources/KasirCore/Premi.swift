import Foundation

/// How the month's profit is split, and how the premi pool is shared among the WBP.
///
/// Rules differ between prisons (50/15/35, 15/25/60, 30/70 are reported), so the split is
/// configuration; the arithmetic is here.
public struct PremiPolicy: Sendable, Hashable {
    public var premi: Percentage = .percent(50)
    public var pnbp: Percentage = .percent(15)
    public var capital: Percentage = .percent(35)
    /// Station weights in percent when allocation is weighted; `nil` allocates by plain hours.
    public var stationWeights: [String: Int]?
    public init() {}
}

/// A profit and how it is split.
public struct ProfitSplit: Hashable, Sendable, Codable {
    public var revenue: Rupiah
    public var cost: Rupiah
    public var profit: Rupiah
    public var premiPool: Rupiah
    public var pnbpShare: Rupiah
    public var capitalShare: Rupiah

    public init(revenue: Rupiah, cost: Rupiah, profit: Rupiah, premiPool: Rupiah, pnbpShare: Rupiah, capitalShare: Rupiah) {
        self.revenue = revenue
        self.cost = cost
        self.profit = profit
        self.premiPool = premiPool
        self.pnbpShare = pnbpShare
        self.capitalShare = capitalShare
    }

    /// premi and PNBP by their percentages (halves up); working capital takes the rest, so
    /// the three add up to the profit exactly. A loss makes a profit of zero.
    ///
    /// ```swift
    /// ProfitSplit.split(revenue: 100_000, cost: 40_000, policy: PremiPolicy()).pnbpShare   // 9_000
    /// ```
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
    let codes = basis.keys.sorted()
    let shares = Rupiah.allocate(pool, weights: codes.map { Int64(basis[$0]!) })
    return Dictionary(uniqueKeysWithValues: zip(codes, shares))
}

/// When a month's premi may be closed: once the month is over (in the café's zone) and the
/// paper sheet's backdate window after it has passed, so no time from a paper sheet can still
/// be entered into the month and earn nothing.
public enum PremiCloseRule {
    /// The first instant `month`'s premi may be closed.
    ///
    /// ```swift
    /// PremiCloseRule.closableFrom(BusinessMonth(year: 2026, month: 11), calendar: .wita, policy: .standard)
    /// // 2026-12-08 00:00 WITA: November ends, then 7 days for the paper sheet
    /// ```
    public static func closableFrom(_ month: BusinessMonth, calendar: CafeCalendar, policy: SecurityPolicy) -> Date {
        calendar.interval(of: month).end.addingTimeInterval(TimeInterval(policy.maxBackdateDays) * 86_400)
    }
}
