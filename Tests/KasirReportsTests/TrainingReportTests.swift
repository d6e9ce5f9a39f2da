import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Logging
import Testing
@testable import KasirReports

func wita(_ text: String) -> Date {
    // "2026-11-10 08:00" in WITA is 8 hours ahead of UTC.
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
    return formatter.date(from: text)!
}

/// A hand-computed month: three WBP, a shift across WITA midnight, a break, an open shift,
/// a void, a removed line, a till variance, an assessment.
struct FixtureMonth {
    let database: AppDatabase
    let config: KasirConfiguration
    let november = BusinessMonth(year: 2026, month: 11)

    let folder: TemporaryFolder

    init() throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        folder = TemporaryFolder("kasir-reports")
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: logger)
        config = try KasirConfiguration.load(from: fixtureConfig)
        let start = wita("2026-10-01 07:00")
        try database.importMenu(config.menu, at: start)
        try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: "246810", approvedBy: nil, at: start)
        let decree = try Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
        for (code, name, alias) in [("W01", "Budi Santoso", "Bima"), ("W02", "Andi Wijaya", "Arka"), ("W03", "Candra", "Cakra")] {
            try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: "B.\(code)"), decree: decree, approvedBy: "S1", at: start)
        }
        // October: W01 4 hours at the bar, no items.
        try shift("W01", .bar, "2026-10-20 08:00", "2026-10-20 12:00")
        // November.
        try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: wita("2026-11-10 07:00"))
        try clockIn("W01", .bar, "2026-11-10 08:00")
        try order("W01", ["KSGA:1:size=L", "TBK"], [.cash(tendered: 50_000)], at: "2026-11-10 09:00")
        try order("W01", ["PGR:2"], [.cash(tendered: 20_000)], at: "2026-11-10 10:00")
        try database.voidOrder(day: BusinessDay(year: 2026, month: 11, day: 10), number: 2, reason: "salah", supervisor: "S1", at: wita("2026-11-10 10:05"))
        try database.setBreak("W01", starting: true, supervisor: "S1", at: wita("2026-11-10 12:00"))
        try database.setBreak("W01", starting: false, supervisor: "S1", at: wita("2026-11-10 12:30"))
        try clockOut("W01", "2026-11-10 16:00")
        try clockIn("W02", .kasir, "2026-11-10 20:00")
        var withRemoval = OrderDraft(serverCode: "W02")
        try withRemoval.add(OrderLine(spec: ItemSpec.parse("ETM:3"), menu: config.menu))
        try withRemoval.add(OrderLine(spec: ItemSpec.parse("AIR"), menu: config.menu))
        try withRemoval.removeLine(2)
        _ = try database.recordOrder(withRemoval, tenders: [.qris(amount: 18_000, reference: "Q1")], pricing: config.cafe.pricing, calendar: .wita, at: wita("2026-11-10 21:00"))
        try order("W02", ["CAP:1:temp=iced"], [.cash(tendered: 24_000)], at: "2026-11-10 23:30")
        try clockOut("W02", "2026-11-11 02:00")
        // Expected 100.000 + 31.000 + 24.000 = 155.000; counted 154.000.
        let count = try database.recordCount(CashCount(pieces: [100_000: 1, 50_000: 1, 2_000: 2]), kind: .close, supervisor: "S1", at: wita("2026-11-11 02:30"))
        _ = try database.closeTill(withCount: count, supervisor: "S1", at: wita("2026-11-11 02:30"))
        try shift("W03", .dapur, "2026-11-30 22:00", "2026-12-01 01:00")
        try database.recordAssessment(staff: "W01", unit: "I.563030.006.01", on: BusinessDay(year: 2026, month: 11, day: 25), competent: true,
                                      note: "shot 28 detik", assessor: "S1", at: wita("2026-11-25 10:00"))
        // Left open: a warning, never counted.
        try clockIn("W02", .bar, "2026-11-20 08:00")
    }

    /// Attendance confirmed live, at the time it happened.
    func clockIn(_ code: String, _ station: Station, _ at: String) throws {
        try database.clockIn(code, station: station, supervisor: "S1", at: wita(at), lateEntry: false, recordedAt: wita(at), calendar: .wita)
    }

    func clockOut(_ code: String, _ at: String) throws {
        try database.clockOut(code, supervisor: "S1", at: wita(at), lateEntry: false, reason: nil, recordedAt: wita(at))
    }

    func shift(_ code: String, _ station: Station, _ from: String, _ to: String) throws {
        try clockIn(code, station, from)
        try clockOut(code, to)
    }

    func order(_ server: String, _ items: [String], _ tenders: [Tender], at time: String) throws {
        var draft = OrderDraft(serverCode: server)
        for item in items { try draft.add(OrderLine(spec: ItemSpec.parse(item), menu: config.menu)) }
        _ = try database.recordOrder(draft, tenders: tenders, pricing: config.cafe.pricing, calendar: .wita, at: wita(time))
    }

    var builder: ReportBuilder { ReportBuilder(database: database, config: config) }

    /// November's premi closed at `instant` as `kasir premi close` closes it: computed by the
    /// report, written by the store. The act's own checks (the paper sheet's window, confirmed
    /// rules) are KasirActions' and tested there.
    func closeNovember(at instant: Date) throws -> PremiReport {
        let close = try builder.premiClose(november, rules: config.cafe.premi, at: instant)
        try database.closePremi(month: close.month, monthEnd: close.monthEnd, split: close.split, shares: close.shares,
                                practice: close.practice, rules: close.rules, supervisor: "S1", at: instant)
        return try builder.premi(november, pseudonymous: false)
    }
}

@Suite struct TrainingHoursTests {
    @Test func breaksAreExcludedAndMidnightSplitsTheShift() {
        let shifts = [
            ShiftFact(staffCode: "W01", station: .bar, clockIn: wita("2026-11-10 08:00"), clockOut: wita("2026-11-10 16:00"),
                      breaks: [.init(start: wita("2026-11-10 12:00"), end: wita("2026-11-10 12:30"))]),
            ShiftFact(staffCode: "W02", station: .kasir, clockIn: wita("2026-11-30 22:00"), clockOut: wita("2026-12-01 01:30")),
            ShiftFact(staffCode: "W03", station: .bar, clockIn: wita("2026-11-12 08:00"), clockOut: nil),
        ]
        let november = TrainingHours.compute(shifts, month: BusinessMonth(year: 2026, month: 11), calendar: .wita)
        #expect(november["W01"]?.hours == 7.5)
        #expect(november["W02"]?.hours == 2)
        #expect(november["W02"]?.days == [BusinessDay(year: 2026, month: 11, day: 30)])
        #expect(november["W03"] == nil)
        let december = TrainingHours.compute(shifts, month: BusinessMonth(year: 2026, month: 12), calendar: .wita)
        #expect(december["W02"]?.hours == 1.5)
        #expect(december["W01"] == nil)
    }

    @Test func premiAllocationLosesNoRupiah() {
        #expect(allocate(100, basis: ["W01": 1, "W02": 1, "W03": 1]) == ["W01": 34, "W02": 33, "W03": 33])
        #expect(allocate(22_182, basis: ["W01": 27_000, "W02": 21_600, "W03": 7_200]) == ["W01": 10_733, "W02": 8_587, "W03": 2_862])
        for pool in [Rupiah(1), 7, 999_999, 1_234_567] {
            let shares = allocate(pool, basis: ["A": 3, "B": 5, "C": 11, "D": 13])
            #expect(shares.values.reduce(.zero, +) == pool)
        }
        #expect(allocate(1_000, basis: [:]).isEmpty)
    }
}

@Suite struct TrainingReportTests {
    @Test func everyFigureOfTheMonthMatchesTheHandComputation() throws {
        let fixture = try FixtureMonth()
        let report = try fixture.builder.training(fixture.november, pseudonymous: false)
        #expect(report.staff.map(\.code) == ["W01", "W02", "W03"])
        // Its JSON, written by the reports' own writer, is Foundation's byte for byte.
        #expect(try ReportJSON.encode(report) == ReportJSON.foundation.encode(report))
        let w01 = report.staff[0], w02 = report.staff[1], w03 = report.staff[2]

        #expect(w01.hours == 7.5)              // 08:00–16:00 less a 30-minute break
        #expect(w01.days == 1)
        #expect(w01.metrics.hoursByStation == ["bar": 7.5])
        #expect(w01.orders == 1)               // the second was voided
        #expect(w01.items == 2)
        #expect(w01.itemsBySkill == ["espresso": 1, "manual-brew": 1])
        #expect(w01.metrics.ordersPerHour == 0.13)
        #expect(w01.metrics.modifierShare == 0.5)
        #expect(w01.metrics.ordersVoided == 1)
        #expect(w01.metrics.linesRemoved == 0)
        #expect(w01.metrics.cashVariance == 0)
        #expect(w01.metrics.revenue == 31_000)
        #expect(w01.previous.hours == 4)
        #expect(w01.previous.items == 0)
        #expect(w01.name == "Budi Santoso")

        #expect(w02.hours == 6)                // 20:00–02:00 across WITA midnight
        #expect(w02.days == 2)
        #expect(w02.metrics.hoursByStation == ["kasir": 6])
        #expect(w02.orders == 2)
        #expect(w02.itemsBySkill == ["tea-and-chocolate": 3, "espresso": 1])
        #expect(w02.metrics.ordersPerHour == 0.33)
        #expect(w02.metrics.modifierShare == 0.25)
        #expect(w02.metrics.linesRemoved == 1)
        #expect(w02.metrics.cashVariance == -1_000)
        #expect(w02.metrics.revenue == 42_000)

        #expect(w03.hours == 2)                // 22:00–24:00 on 30 November; the hour after midnight is December's
        #expect(w03.days == 1)
        #expect(w03.items == 0)

        #expect(report.warnings == ["W02: 2026-11-20 08:00 WITA"])

        let unit = try #require(w01.competencies.first { $0.code == "I.563030.006.01" })
        #expect(unit.practiceHours == 7.5)
        #expect(unit.suggestedHours == 40)
        #expect(unit.lastResult == "Kompeten")
        #expect(unit.lastAssessed == "2026-11-25")
        #expect(w01.competencies.first { $0.code == "KAFE-ESPRESSO" }?.practiceHours == 3.75)

        let december = try fixture.builder.training(fixture.november.next, pseudonymous: true)
        #expect(december.staff.first { $0.code == "W03" }?.hours == 1)
        #expect(december.staff.allSatisfy { $0.name == nil && $0.registration == nil })
    }

    @Test func premiAndPNBPBalanceToTheRupiah() throws {
        let fixture = try FixtureMonth()
        // Revenue 73.000 less PB1 (2.818 + 1.636 + 2.182) = 66.364; cost 7.000 + 2.500 + 3×1.500 + 8.000 = 22.000.
        let (revenue, cost) = try fixture.builder.revenueAndCost(fixture.november)
        #expect(revenue == 66_364)
        #expect(cost == 22_000)
        // W02's shift of 20 November is still open: it keeps the month from closing until an
        // admin closes it (here at the time it began: W02 did not work it after all).
        #expect(throws: PremiError.shiftStillOpen(code: "W02", since: wita("2026-11-20 08:00"))) {
            try fixture.closeNovember(at: wita("2026-12-08 09:00"))
        }
        try fixture.database.closeForgottenShift("W02", admin: "S1", at: wita("2026-11-20 08:00"), reason: "tidak jadi bertugas",
                                                 recordedAt: wita("2026-12-08 08:30"), calendar: .wita)
        // The QRIS payment Q1 reached the café's account: confirmed, it counts as it did.
        try fixture.database.confirmQRIS(.reference("Q1"), supervisor: "S1", at: wita("2026-12-08 08:45"))
        let closed = try fixture.closeNovember(at: wita("2026-12-08 09:00"))
        #expect(closed.profit == 44_364)
        #expect(closed.premiPool == 22_182)
        #expect(closed.pnbpShare == 6_655)
        #expect(closed.capitalShare == 15_527)
        #expect(closed.premiPool + closed.pnbpShare + closed.capitalShare == closed.profit)
        #expect(closed.shares.map(\.premi) == [10_733, 8_587, 2_862])
        #expect(closed.shares.reduce(0) { $0 + $1.premi } == closed.premiPool)
        #expect(throws: PremiError.alreadyClosed("2026-11")) {
            try fixture.closeNovember(at: wita("2026-12-09 09:00"))
        }
        #expect(try fixture.builder.training(fixture.november, pseudonymous: true).staff.map(\.premi) == [10_733, 8_587, 2_862])
        // The closed till owes its PNBP share: 15% of (66.364 − 22.000) = 6.654,6 → 6.655.
        #expect(closed.pnbpNotDeposited == 6_655)
        #expect(throws: PremiError.depositMismatch(amount: 73_000, expected: 6_655, tills: [1])) {
            try fixture.database.recordDeposit(on: BusinessDay(year: 2026, month: 11, day: 11), amount: 73_000, billingCode: "820261111000001",
                                               ntpn: "0A1B2C3D4E5F6G7H", tills: nil, policy: fixture.config.cafe.premi, supervisor: "S1", at: wita("2026-11-11 10:00"))
        }
        try fixture.database.recordDeposit(on: BusinessDay(year: 2026, month: 11, day: 11), amount: 6_655, billingCode: "820261111000001",
                                           ntpn: "0A1B2C3D4E5F6G7H", tills: [1], policy: fixture.config.cafe.premi, supervisor: "S1", at: wita("2026-11-11 10:00"))
        let after = try fixture.builder.premi(fixture.november, pseudonymous: true)
        #expect(after.pnbpNotDeposited == 0)
        #expect(after.pnbpDeposited == 6_655)
        #expect(throws: PremiError.malformedBillingCode("12345")) {
            try fixture.database.recordDeposit(on: BusinessDay(year: 2026, month: 11, day: 12), amount: 1, billingCode: "12345", ntpn: "ABCDEF",
                                               tills: nil, policy: fixture.config.cafe.premi, supervisor: "S1", at: Date())
        }
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func theDocumentsFitAndCarryTheFigures() throws {
        let fixture = try FixtureMonth()
        let report = try fixture.builder.training(fixture.november, pseudonymous: false)
        let document = ReportLayout(settings: fixture.config.cafe).document(report, skills: ["espresso", "food", "manual-brew", "service", "tea-and-chocolate"])
        for line in document.text.split(separator: "\n") { #expect(line.count <= 80, "\(line)") }
        // Hours for people with the Indonesian decimal comma; CSV below keeps the dot.
        #expect(document.text.contains("Bima (Budi Santoso) W01  7,50 (4,00)     1"))
        // Skills by name, and the short headings explained.
        #expect(document.text.contains("\nSeduh manual ") && document.text.contains("\nTeh & cokelat "))
        #expect(document.text.contains("Mod: porsi dengan pilihan"))
        #expect(!document.text.contains("(placeholder)"))
        let csv = document.csvText.components(separatedBy: "\r\n")
        #expect(csv[0] == "month,code,alias,name,registration,hours,days,hours_kasir,hours_bar,hours_dapur,orders,items,items_espresso,items_food,"
                + "items_manual-brew,items_service,items_tea-and-chocolate,orders_per_hour,items_per_hour,modifier_share,lines_removed,orders_voided,"
                + "cash_variance,revenue,previous_hours,previous_orders,previous_items,premi,hours_m1,hours_m2,hours_m3,hours_m4,hours_m5,"
                + ["espresso", "food", "manual-brew", "service", "tea-and-chocolate"].map { skill in (1...5).map { "items_\(skill)_m\($0)" }.joined(separator: ",") }
                    .joined(separator: ",") + ","
                + ["I.563030.006.01", "KAFE-ESPRESSO", "KAFE-MANUAL", "KAFE-NONKOPI", "KAFE-MAKANAN", "KAFE-LAYANAN"].map { "practice_\($0),suggested_\($0)" }
                    .joined(separator: ",") + ",coaching_notes")
        // W02: 6 h at kasir making one espresso and three tea-and-chocolate items; nothing before
        // November; practice 1.5 h espresso, 4.5 h tea and chocolate.
        #expect(csv[2] == "2026-11,W02,Arka,Andi Wijaya,B.W02,6.00,2,6.00,0.00,0.00,2,4,1,0,0,0,3,0.33,0.67,0.25,1,0,-1000,42000,0.00,0,0,,"
                + "0.00,0.00,0.00,0.00,0.00," + Array(repeating: "0", count: 25).joined(separator: ",") + ","
                + "1.50,40,1.50,60,0.00,30,4.50,20,0.00,20,6.00,40,0")
        #expect(document.html.hasPrefix("<!DOCTYPE html>"))
        #expect(document.html.contains("<svg"))
        #expect(!document.html.contains("<script"))
        // Nothing external: the only address is the SVG namespace of each chart.
        #expect(document.html.components(separatedBy: "http://").count == document.html.components(separatedBy: "xmlns=\"http://www.w3.org/2000/svg\"").count)
    }
}

@Suite struct WeightedPremiTests {
    @Test func stationWeightsShiftTheShares() throws {
        var fixture = try FixtureMonth()
        var config = fixture.config
        config.cafe.premi.stationWeights = ["kasir": 100, "bar": 200, "dapur": 100]
        fixture = FixtureMonth(database: fixture.database, config: config, folder: fixture.folder)
        // Bases: W01 7,5 h at the bar ×2 = 15 h; W02 6 h at kasir; W03 2 h at dapur: 23 h in all.
        let report = try fixture.builder.premi(fixture.november, pseudonymous: true)
        #expect(report.shares.map(\.basisHours) == [15, 6, 2])
        // 22.182 × 15/23 = 14.466,5…; × 6/23 = 5.786,6…; × 2/23 = 1.928,8… → 14.466 + 5.786 + 1.928 = 22.180, +1 to W03 (,86) and W02 (,6…).
        #expect(report.shares.map(\.premi) == [14_466, 5_787, 1_929])
        #expect(report.shares.reduce(0) { $0 + $1.premi } == report.premiPool)
    }
}

extension FixtureMonth {
    init(database: AppDatabase, config: KasirConfiguration, folder: TemporaryFolder) {
        self.database = database
        self.config = config
        self.folder = folder
    }
}
