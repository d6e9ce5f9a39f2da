import Foundation
import KasirCore
import KasirConfig
import KasirReports
import KasirStore

/// Fills a database with a realistic, seeded history through the same write methods the
/// counter uses, so every rule (till, duty, attendance, decrees, journal) holds in it.
///
/// Six WBP and a supervisor; on each day the café opens (``DemoProfile``) three or four WBP
/// work 08:00–16:00 WITA with a half-hour break, the day's orders with the menu's mix and
/// modifiers, cash and QRIS (confirmed after the close, as the settlement would), a few voids
/// and refunds, a blind close with a small variance, the day's PNBP deposited, and an
/// assessment each month; each full month its running costs are entered and its premi closed.
/// Every WBP has the same barista PIN, ``baristaPIN``, to try the counter with.
public struct DemoHistory {
    /// Shown when the demo is ready; not a weak PIN, which the PIN rule would refuse.
    public static let supervisorPIN = "580317"
    /// Every demo WBP's PIN for taking the counter; not a weak PIN either.
    public static let baristaPIN = "135790"
    let database: AppDatabase
    let menu: Menu
    let pricing: PricingPolicy
    let premi: PremiPolicy
    let calendar: CafeCalendar
    let units: [String]
    let profile: DemoProfile

    public init(database: AppDatabase, menu: Menu, pricing: PricingPolicy, premi: PremiPolicy = PremiPolicy(), calendar: CafeCalendar,
                competencyUnits: [String], profile: DemoProfile = .gateCafe) {
        self.database = database
        self.menu = menu
        self.pricing = pricing
        self.premi = premi
        self.calendar = calendar
        self.units = competencyUnits
        self.profile = profile
    }

    static let baristas = [
        ("W01", "Budi Santoso", "Bima"), ("W02", "Andi Wijaya", "Arka"), ("W03", "Candra Pratama", "Cakra"),
        ("W04", "Dedi Kurniawan", "Dewa"), ("W05", "Eko Saputra", "Elang"), ("W06", "Fajar Hidayat", "Garuda"),
    ]

    /// Generates `days` days ending the day before `today`; returns the number of orders.
    @discardableResult
    public func generate(days: Int, endingBefore today: BusinessDay, seed: UInt64 = 533) throws -> Int {
        var random = SeededRandom(seed: seed)
        var first = today
        for _ in 0..<days { first = calendar.day(of: calendar.start(of: first).addingTimeInterval(-12 * 3600)) }
        let start = calendar.start(of: first).addingTimeInterval(6 * 3600)
        try database.importMenu(menu, at: start)
        try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi Susanto", alias: "S1", nip: "198001012005011001"),
                                   pin: Self.supervisorPIN, approvedBy: nil, at: start)
        let until = BusinessDay(year: today.year + 1, month: 12, day: 31)
        for (code, name, alias) in Self.baristas {
            try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: "B.\(code.dropFirst())/\(first.year)"),
                                  decree: Decree(number: "W15.PAS.\(code)", validFrom: first, validUntil: until), approvedBy: "S1", at: start)
            try database.setBaristaPIN(of: code, to: Self.baristaPIN, supervisor: "S1", at: start)
        }
        let weighted = menu.items.flatMap { item -> [MenuItem] in
            let weight = ["KSGA": 8, "AMR": 3, "CAP": 3, "LAT": 3, "TBK": 3, "V60": 1, "ETM": 5, "TTR": 2, "CKL": 2, "PGR": 3, "RTB": 2, "AIR": 2][item.code] ?? 1
            return Array(repeating: item, count: weight)
        }
        var orders = 0
        var day = first
        var written = true
        while day < today && written {
            // A week's acts go through the same store functions, committed together.
            try database.batch { week in
                for _ in 0..<7 where day < today && written {
                    if profile.opens(on: day) {
                        written = try writeDay(day, in: week, random: &random, orders: &orders, weighted: weighted)
                    }
                    day = calendar.day(after: day)
                }
            }
        }
        return orders
    }

    /// One day of the café, written on the week's batch handle: the till, the shifts, the orders, a void and a refund now and then,
    /// the blind close, an assessment on the 25th. False when the till could not be closed.
    func writeDay(_ day: BusinessDay, in week: AppDatabase, random: inout SeededRandom, orders: inout Int, weighted: [MenuItem]) throws -> Bool {
        let morning = calendar.start(of: day)
        func at(_ hour: Double) -> Date { morning.addingTimeInterval(hour * 3600) }
        try week.startTill(float: 200_000, count: nil, supervisor: "S1", at: at(7.75))
        let onDuty = Array(Self.baristas.map(\.0).shuffled(using: &random).prefix(3 + random.below(2)))
        let stations: [Station] = [.kasir, .bar, .dapur, .bar]
        for (index, code) in onDuty.enumerated() {
            try week.clockIn(code, station: stations[index], supervisor: "S1", at: at(8), lateEntry: false, recordedAt: at(8), calendar: calendar)
        }
        let count = profile.orders(on: day, random: &random)
        var times = (0..<count).map { _ in 8.1 + Double(random.below(7_800)) / 1_000 }
        times.sort()
        var breaksTaken = false
        var numbers: [Int] = []
        var paidByQRIS: [Int] = []
        for time in times {
            if !breaksTaken && time > 12 {
                for code in onDuty { try week.setBreak(code, starting: true, supervisor: "S1", at: at(12)) }
                for code in onDuty { try week.setBreak(code, starting: false, supervisor: "S1", at: at(12.5)) }
                breaksTaken = true
            }
            var draft = OrderDraft(serverCode: onDuty[0], type: random.chance(40) ? .takeaway : .dineIn)
            for _ in 0..<profile.lines(random: &random) {
                let item = weighted[random.below(weighted.count)]
                var choices: [ItemSpec.Choice] = []
                for groupCode in item.modifierGroups {
                    guard let group = menu.group(groupCode), random.chance(20) else { continue }
                    choices.append(.init(group: group.code, option: group.options[random.below(group.options.count)].code))
                }
                let maker = item.skill == "food" ? onDuty[2 % onDuty.count] : onDuty[1]
                let line = try OrderLine(spec: ItemSpec(reference: item.code, quantity: 1 + (random.chance(15) ? 1 : 0), choices: choices),
                                         menu: menu, makerCode: maker == onDuty[0] ? nil : maker)
                try draft.add(line)
            }
            let total = draft.totals(pricing).total
            let tenders: [Tender] = random.chance(35)
                ? [.qris(amount: total, reference: "QR\(day.year)\(String(format: "%02d%02d", day.month, day.day))\(orders % 100_000)")]
                : [.cash(tendered: Rupiah(((total.value + 4_999) / 5_000) * 5_000 + (random.chance(30) ? 10_000 : 0)))]
            let order = try week.recordOrder(draft, tenders: tenders, pricing: pricing, calendar: calendar, at: at(time))
            numbers.append(order.number)
            if order.payments.contains(where: { $0.method == .qris }) { paidByQRIS.append(order.number) }
            orders += 1
        }
        if random.chance(70), let number = numbers.last {
            try week.voidOrder(day: day, number: number, reason: "salah input", supervisor: "S1", at: at(15.95))
        }
        if random.chance(50), numbers.count > 2 {
            _ = try week.refundOrder(day: day, number: numbers[numbers.count / 2], picks: nil, qrisAsCash: false,
                                     reason: "pelanggan komplain", supervisor: "S1", at: at(15.97))
        }
        for code in onDuty { try week.clockOut(code, supervisor: "S1", at: at(16), lateEntry: false, reason: nil, recordedAt: at(16)) }
        guard let till = try week.openTill() else { return false }
        let expected = try week.tillReport(id: till.id).figures.expectedCash
        let variance = [0, 0, 0, 0, -1_000, 500, -2_000, 1_000][random.below(8)]
        let counted = max(expected.value + Int64(variance), 0)
        var pieces: [Rupiah: Int] = [100_000: Int(counted / 100_000)]
        var rest = counted % 100_000
        for value in [Rupiah(50_000), 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100] where rest >= value.value {
            pieces[value] = Int(rest / value.value)
            rest %= value.value
        }
        let countID = try week.recordCount(CashCount(pieces: pieces), kind: .close, supervisor: "S1", at: at(16.25))
        _ = try week.closeTill(withCount: countID, supervisor: "S1", at: at(16.25))
        // The acquirer's settlement of the day's QRIS payments, confirmed by the same store
        // function the settlement import uses: a month's premi closes only once they are.
        for number in paidByQRIS {
            try week.confirmQRIS(.order(day: day, number: number), supervisor: "S1", source: .settlement, at: at(16.3))
        }
        // The treasurer deposits the day's PNBP share through SIMPONI, as the rules ask.
        if let share = try week.undepositedTills(policy: premi).first(where: { $0.till == till.id }), share.share > .zero {
            let stamp = String(format: "%04d%02d%02d", day.year, day.month, day.day)
            try week.recordDeposit(on: day, amount: share.share, billingCode: "8201" + stamp + String(format: "%03d", random.below(1_000)),
                                       ntpn: "NTPN" + stamp + String(format: "%06d", random.below(1_000_000)), tills: [till.id], policy: premi,
                                       supervisor: "S1", at: at(16.4))
        }
        if day.day == 25, !units.isEmpty {
            let code = Self.baristas[random.below(Self.baristas.count)].0
            try week.recordAssessment(staff: code, unit: units[random.below(units.count)], on: day, competent: random.chance(60),
                                          note: "asesmen bulanan", assessor: "S1", at: at(16.5))
        }
            return true
    }
}

extension DemoHistory {
    /// Closes the premi of every full month of the history that may be closed by `today`, as
    /// programme staff would: first the month's cost (the ingredients of what was sold, at the
    /// cost kept on each line, plus the month's running costs), then the close, at 09:00 on the
    /// first day it is allowed (after the paper sheet's backdate window, ``PremiCloseRule``).
    public func closeFullMonths(config: KasirConfiguration, before today: Date) throws {
        let builder = ReportBuilder(database: database, config: config)
        guard let first = try database.firstOrderDate() else { return }
        var month = calendar.month(of: first)
        let policy = try database.securityPolicy()
        func closing(_ month: BusinessMonth) -> Date {
            PremiCloseRule.closableFrom(month, calendar: calendar, policy: policy).addingTimeInterval(9 * 3600)
        }
        var random = SeededRandom(seed: 1_995)
        let running = profile.monthlyRunningCost
        while closing(month) <= today {
            let (start, end) = calendar.interval(of: month)
            if running.upperBound > 0 {
                let runningCost = running.lowerBound + Int64(random.below(Int(running.upperBound - running.lowerBound) / 1_000 + 1)) * 1_000
                let cost = try database.goodsCost(from: start, to: end) + Rupiah(runningCost)
                try database.setMonthlyCost(cost, month: month, supervisor: "S1", at: end.addingTimeInterval(8 * 3600))
            }
            // Computed by the report, written by the same store function as `kasir premi close`.
            let close = try builder.premiClose(month, rules: try database.moneyRules()?.rules.premi ?? premi, at: closing(month))
            try database.closePremi(month: close.month, monthEnd: close.monthEnd, split: close.split, shares: close.shares,
                                    practice: close.practice, rules: close.rules, supervisor: "S1", at: closing(month))
            month = month.next
        }
    }
}
