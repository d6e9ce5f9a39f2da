import KasirCore

/// How busy the demo café is, when it opens, and what a month costs it to run.
///
/// The default, ``gateCafe``, is the café it stands for: a small counter in the front yard of a
/// Rutan, serving visitors' families, officers and passers-by, open Monday to Saturday, busier
/// on visiting days. Its figures and their sources are in docs/demo.md; they are assumptions
/// where nothing was published, said there as such. ``busy`` is the old, heavy history that
/// `scripts/bench` asks for (`kasir demo --busy`), so speed keeps being measured on a lot of it.
///
/// ```swift
/// let history = DemoHistory(database: database, menu: menu, pricing: pricing, calendar: calendar,
///                           competencyUnits: units, profile: .gateCafe)
/// ```
public struct DemoProfile: Sendable {
    /// ISO weekdays (1 Monday … 7 Sunday) the café opens.
    public var openWeekdays: Set<Int>
    /// ISO weekdays on which the Rutan receives visitors: families queue at the gate and buy.
    public var visitingWeekdays: Set<Int>
    /// Orders on an ordinary open day.
    public var ordinaryOrders: ClosedRange<Int>
    /// Orders on a visiting day.
    public var visitingOrders: ClosedRange<Int>
    /// How many lines an order has, as weights: index 0 is one line.
    public var linesPerOrder: [Int]
    /// The month's running costs besides ingredients (LPG, electricity and water share, cups,
    /// lids and straws, cleaning, small equipment), entered by the programme staff as part of
    /// the month's cost before the premi is closed.
    public var monthlyRunningCost: ClosedRange<Int64>

    public init(
        openWeekdays: Set<Int>, visitingWeekdays: Set<Int>, ordinaryOrders: ClosedRange<Int>, visitingOrders: ClosedRange<Int>,
        linesPerOrder: [Int], monthlyRunningCost: ClosedRange<Int64>
    ) {
        self.openWeekdays = openWeekdays
        self.visitingWeekdays = visitingWeekdays
        self.ordinaryOrders = ordinaryOrders
        self.visitingOrders = visitingOrders
        self.linesPerOrder = linesPerOrder
        self.monthlyRunningCost = monthlyRunningCost
    }

    /// A small café at a Rutan's gate: Monday to Saturday; 35–55 orders on an ordinary day,
    /// 55–80 on visiting days (Tuesday, Thursday, Saturday); mostly one item an order;
    /// Rp4–6 juta a month of running costs.
    public static let gateCafe = DemoProfile(
        openWeekdays: [1, 2, 3, 4, 5, 6], visitingWeekdays: [2, 4, 6], ordinaryOrders: 35...55, visitingOrders: 55...80,
        linesPerOrder: [65, 28, 7], monthlyRunningCost: 4_000_000...6_000_000)

    /// The heavy history of the benchmarks: every day, 130–170 orders of one to three lines.
    public static let busy = DemoProfile(
        openWeekdays: [1, 2, 3, 4, 5, 6, 7], visitingWeekdays: [], ordinaryOrders: 130...170, visitingOrders: 130...170,
        linesPerOrder: [1, 1, 1], monthlyRunningCost: 0...0)

    /// Whether the café opens on `day`.
    public func opens(on day: BusinessDay) -> Bool { openWeekdays.contains(day.weekday) }

    /// How many orders `day` brings.
    func orders(on day: BusinessDay, random: inout SeededRandom) -> Int {
        let range = visitingWeekdays.contains(day.weekday) ? visitingOrders : ordinaryOrders
        return range.lowerBound + random.below(range.count)
    }

    /// How many lines the next order has.
    func lines(random: inout SeededRandom) -> Int {
        var pick = random.below(linesPerOrder.reduce(0, +))
        for (index, weight) in linesPerOrder.enumerated() {
            if pick < weight { return index + 1 }
            pick -= weight
        }
        return linesPerOrder.count
    }
}
