import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirReports
import KasirStore
import KasirTestSupport
import Testing

/// A café on 1 October 2026 with the fixture config, its rules established as every `kasir`
/// command establishes them, its menu, admin S1 (PIN 246810, approving through the gate) and
/// two WBP, W01 and W02; nobody has worked yet. The acts' clock only moves forward.
struct ProgrammeCafe {
    static let pin = "246810"
    let folder = TemporaryFolder("kasir-actions")
    let database: AppDatabase
    let config: KasirConfiguration
    let clock: TestClock
    let actions: CafeActions
    let approver: Approver
    let november = BusinessMonth(year: 2026, month: 11)

    /// "2026-11-10 08:00" in WITA, 8 hours ahead of UTC.
    static func wita(_ text: String) -> Date {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        return formatter.date(from: text)!
    }

    init() throws {
        let start = Self.wita("2026-10-01 07:00")
        (database, config) = try newCafe(in: folder, at: start)
        clock = TestClock(start)
        actions = cafeActions(database, config, clock: clock, folder: folder)
        try actions.importFirstMenu(by: nil)
        let gate = SupervisorGate(database: database, clock: clock)
        _ = try gate.firstSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.pin)
        approver = try gate.require("S1", readPIN: { _ in Self.pin })
        let decree = try Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
        for (code, name, alias) in [("W01", "Budi Santoso", "Bima"), ("W02", "Andi Wijaya", "Arka")] {
            try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: "B.\(code)"), decree: decree,
                                  approvedBy: "S1", at: start)
        }
    }

    /// Moves the acts' clock forward to `text` (WITA).
    func now(_ text: String) {
        clock.advance(Self.wita(text).timeIntervalSince(clock.now()))
    }

    /// W01 works 08:00–16:00 at the bar on 28 November and sells one Es Kopi Susu Gula Aren
    /// (L), paid in cash; the till opens at 07:00 and closes at 16:30.
    ///
    /// - Returns: the till's id.
    func workTheTwentyEighth() throws -> Int64 {
        let till = try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: Self.wita("2026-11-28 07:00"))
        try database.clockIn("W01", station: .bar, supervisor: "S1", at: Self.wita("2026-11-28 08:00"), lateEntry: false,
                             recordedAt: Self.wita("2026-11-28 08:00"), calendar: .wita)
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec.parse("KSGA:1:size=L"), menu: config.menu))
        _ = try database.recordOrder(draft, tenders: [.cash(tendered: 50_000)], pricing: config.cafe.pricing, calendar: .wita,
                                     at: Self.wita("2026-11-28 09:00"))
        try database.clockOut("W01", supervisor: "S1", at: Self.wita("2026-11-28 16:00"), lateEntry: false, reason: nil,
                              recordedAt: Self.wita("2026-11-28 16:00"), calendar: .wita)
        let count = try database.recordCount(CashCount(pieces: [100_000: 1, 20_000: 1]), kind: .close, supervisor: "S1", at: Self.wita("2026-11-28 16:30"))
        _ = try database.closeTill(withCount: count, supervisor: "S1", at: Self.wita("2026-11-28 16:30"))
        return till.id
    }

    /// The kinds of the journal's entries made by `actor`, in order.
    func journaled(by actor: String) throws -> [String] {
        try database.journalEntries().filter { $0.actor == actor }.map(\.kind)
    }
}

@Suite struct ProgrammeActionsTests {
    /// What was seen (issue 18): November's premi closed while the paper sheet could still add
    /// hours to November. The close waits until the paper sheet's 7 days after the month.
    @Test func thePremiCloseWaitsForThePaperSheetAndHappensOnce() throws {
        let cafe = try ProgrammeCafe()
        _ = try cafe.workTheTwentyEighth()
        let closable = ProgrammeCafe.wita("2026-12-08 00:00")
        for early in ["2026-11-29 20:00", "2026-12-01 09:00", "2026-12-07 23:59"] {
            cafe.now(early)
            #expect(throws: PremiError.notClosableYet(month: "2026-11", from: closable, backdateDays: 7)) {
                try cafe.actions.closePremi(cafe.november, by: cafe.approver)
            }
        }
        #expect(try cafe.database.premiMonth(cafe.november) == nil)
        // W02's 29 November, typed in from the paper sheet almost 7 days later: in time, and it counts.
        try cafe.database.clockIn("W02", station: .bar, supervisor: "S1", at: ProgrammeCafe.wita("2026-11-29 08:00"), lateEntry: true,
                                  reason: "lembar absen", recordedAt: ProgrammeCafe.wita("2026-12-06 07:30"), calendar: .wita)
        try cafe.database.clockOut("W02", supervisor: "S1", at: ProgrammeCafe.wita("2026-11-29 16:00"), lateEntry: true, reason: "lembar absen",
                                   recordedAt: ProgrammeCafe.wita("2026-12-06 07:30"), calendar: .wita)
        cafe.now("2026-12-08 00:00")
        let closed = try cafe.actions.closePremi(cafe.november, by: cafe.approver)
        #expect(closed.closed)
        #expect(closed.shares.map(\.code) == ["W01", "W02"])
        #expect(closed.shares.map(\.basisHours) == [8, 8])
        #expect(closed.premiPool > 0)
        #expect(closed.shares.allSatisfy { $0.premi > 0 })
        #expect(closed.shares.reduce(0) { $0 + $1.premi } == closed.premiPool)
        // As recorded: the split the report shows is the one written, credited in the approver's name.
        #expect(try cafe.database.premiMonth(cafe.november)?.premiPool.value == closed.premiPool)
        #expect(try cafe.database.premiLedger(month: cafe.november).mapValues(\.value) == ["W01": closed.shares[0].premi, "W02": closed.shares[1].premi])
        #expect(try cafe.journaled(by: "S1").filter { $0.hasPrefix("premi_") } == ["premi_close", "premi_credit", "premi_credit"])
        #expect(throws: PremiError.alreadyClosed("2026-11")) {
            try cafe.actions.closePremi(cafe.november, by: cafe.approver)
        }
    }

    /// A month's whole cost takes the place of the costs kept on its lines, until the month is closed.
    @Test func aMonthsCostDecidesItsPremiUntilItIsClosed() throws {
        let cafe = try ProgrammeCafe()
        _ = try cafe.workTheTwentyEighth()
        let builder = ReportBuilder(database: cafe.database, config: cafe.config)
        let kept = try builder.revenueAndCost(cafe.november)
        cafe.now("2026-12-02 09:00")
        try cafe.actions.setMonthlyCost(kept.cost + 1_000, month: cafe.november, by: cafe.approver)
        #expect(try builder.revenueAndCost(cafe.november).cost == kept.cost + 1_000)
        #expect(try cafe.journaled(by: "S1").last == "monthly_cost")
        cafe.now("2026-12-08 09:00")
        let closed = try cafe.actions.closePremi(cafe.november, by: cafe.approver)
        #expect(closed.cost == (kept.cost + 1_000).value)
        #expect(throws: PremiError.alreadyClosed("2026-11")) {
            try cafe.actions.setMonthlyCost(kept.cost, month: cafe.november, by: cafe.approver)
        }
        #expect(try builder.revenueAndCost(cafe.november).cost == kept.cost + 1_000)
    }

    /// A deposit is exactly the PNBP share of the closed tills it covers, by the database's rules.
    @Test func aDepositIsExactlyThePNBPShare() throws {
        let cafe = try ProgrammeCafe()
        let till = try cafe.workTheTwentyEighth()
        let owed = try #require(try cafe.database.undepositedTills(policy: cafe.config.cafe.premi).first)
        #expect(owed.till == till)
        #expect(owed.share > .zero)
        cafe.now("2026-11-29 10:00")
        #expect(throws: PremiError.depositMismatch(amount: owed.share + 1, expected: owed.share, tills: [till])) {
            try cafe.actions.recordDeposit(amount: owed.share + 1, billingCode: "820261129000001", ntpn: "0A1B2C3D4E5F", tills: nil, by: cafe.approver)
        }
        let covered = try cafe.actions.recordDeposit(amount: owed.share, billingCode: "820261129000001", ntpn: "0A1B2C3D4E5F", tills: [till],
                                                      by: cafe.approver)
        #expect(covered.map(\.till) == [till])
        // Today, by the acts' clock, unless a day is given.
        let deposits = try cafe.database.deposits(from: BusinessDay(year: 2026, month: 11, day: 1), through: BusinessDay(year: 2026, month: 11, day: 30))
        #expect(deposits.map(\.amount) == [owed.share])
        #expect(try cafe.database.undepositedTills(policy: cafe.config.cafe.premi).isEmpty)
        #expect(throws: PremiError.tillAlreadyDeposited(till)) {
            try cafe.actions.recordDeposit(amount: owed.share, billingCode: "820261129000002", ntpn: "0A1B2C3D4E60", tills: [till], by: cafe.approver)
        }
    }

    /// An assessment names a unit of competencies.toml and a short note, checked before any PIN.
    @Test func anAssessmentIsCheckedThenRecorded() throws {
        let cafe = try ProgrammeCafe()
        cafe.now("2026-11-25 10:00")
        let today = BusinessDay(year: 2026, month: 11, day: 25)
        #expect(throws: InputError.unknownCompetencyUnit("KAFE-TERBANG")) {
            try cafe.actions.checkAssessment(unit: "KAFE-TERBANG", note: nil)
        }
        #expect(throws: InputError.unknownCompetencyUnit("KAFE-TERBANG")) {
            try cafe.actions.recordAssessment(of: "W01", unit: "KAFE-TERBANG", competent: true, note: nil, by: cafe.approver)
        }
        #expect(throws: InputError.textTooLong(field: "note", limit: 500)) {
            try cafe.actions.recordAssessment(of: "W01", unit: "KAFE-ESPRESSO", competent: true, note: String(repeating: "a", count: 501),
                                              by: cafe.approver)
        }
        #expect(throws: StaffError.unknownStaff("S1")) {
            try cafe.actions.recordAssessment(of: "S1", unit: "KAFE-ESPRESSO", competent: true, note: nil, by: cafe.approver)
        }
        #expect(try cafe.database.assessments(through: today).isEmpty)
        #expect(try cafe.actions.checkAssessment(unit: "I.563030.006.01", note: "  shot 28 detik ") == "shot 28 detik")
        try cafe.actions.recordAssessment(of: "w01", unit: "I.563030.006.01", competent: true, note: "  shot 28 detik ", by: cafe.approver)
        try cafe.actions.recordAssessment(of: "W02", unit: "KAFE-MANUAL", on: BusinessDay(year: 2026, month: 11, day: 20), competent: false,
                                          note: nil, by: cafe.approver)
        let recorded = try cafe.database.assessments(through: today)
        #expect(recorded.map(\.staffCode) == ["W02", "W01"])
        #expect(recorded.map(\.assessedOn) == [BusinessDay(year: 2026, month: 11, day: 20), today])
        #expect(recorded.map(\.competent) == [false, true])
        #expect(recorded.map(\.note) == [nil, "shot 28 detik"])
        #expect(recorded.allSatisfy { $0.assessor == "S1" })
    }
}

/// The rules come from a config once, when the database is new; the menu once, on its first run.
@Suite struct RulesActionsTests {
    @Test func aLaterConfigNeitherChangesTheRulesNorIsFollowed() throws {
        let cafe = try ProgrammeCafe()
        let rules = try #require(try cafe.database.moneyRules())
        #expect(rules.confirmed)
        #expect(rules.rules == cafe.config.cafe.moneyRules)
        var loose = try KasirConfiguration.load(from: fixtureConfig)
        loose.cafe.pricing.tax.rate = .zero
        loose.cafe.premi.premi = .percent(65)
        loose.cafe.premi.capital = .percent(20)
        loose.cafe.security = try SecurityPolicy(
            pinAttempts: 20, pinLockoutMinutes: 1, supervisorIdleSeconds: loose.cafe.security.supervisorIdleSeconds,
            maxBackdateDays: 90, supervisorSessionCapSeconds: loose.cafe.security.supervisorSessionCapSeconds,
            maxShiftHours: loose.cafe.security.maxShiftHours)
        let followed = try CafeActions.establishRules(in: cafe.database, from: loose, at: ProgrammeCafe.wita("2026-10-02 07:00"))
        #expect(try cafe.database.moneyRules()?.rules == rules.rules)
        #expect(followed.cafe.moneyRules == rules.rules)
        #expect(followed.cafe.pricing.tax.rate == cafe.config.cafe.pricing.tax.rate)
        #expect(followed.cafe.security == cafe.config.cafe.security)
        #expect(try cafe.database.securityPolicy().pinAttempts == cafe.config.cafe.security.pinAttempts)
        // Set once each, by no one: the café chose them.
        let set = try cafe.database.journalEntries().filter { ["security_policy_set", "money_rules_set"].contains($0.kind) }
        #expect(set.map(\.kind) == ["security_policy_set", "money_rules_set"])
        #expect(set.allSatisfy { $0.actor == nil })
    }

    @Test func theFirstMenuIsImportedOnceThenOnlyByAnAdmin() throws {
        let cafe = try ProgrammeCafe()
        #expect(try cafe.database.menu().items.count == cafe.config.menu.items.count)
        #expect(try cafe.actions.importFirstMenu(by: cafe.approver) == nil)
        let again = try cafe.actions.importMenu(by: cafe.approver)
        #expect(again.added.isEmpty && again.repriced.isEmpty && again.withdrawn.isEmpty)
        #expect(again.unchanged == cafe.config.menu.items.count)
    }
}
