import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirReports

/// Two WBP and supervisor S1 with the fixture menu and the standard policy (paper-sheet times
/// at most 7 days back, shifts over 12 hours need a reason); nobody has worked yet.
struct SettleCafe {
    let folder = TemporaryFolder("kasir-settle")
    let database: AppDatabase
    let config: KasirConfiguration
    let november = BusinessMonth(year: 2026, month: 11)

    init() throws {
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
        config = try KasirConfiguration.load(from: fixtureConfig)
        let start = wita("2026-10-01 07:00")
        try database.importMenu(config.menu, at: start)
        try database.establishSecurityPolicy(.standard, at: start)
        try database.addSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: "246810", approvedBy: nil, at: start)
        let decree = try Decree(number: "SK", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
        for (code, name, alias) in [("W01", "Budi Santoso", "Bima"), ("W02", "Andi Wijaya", "Arka")] {
            try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: "B.\(code)"), decree: decree,
                                  approvedBy: "S1", at: start)
        }
    }

    var builder: ReportBuilder { ReportBuilder(database: database, config: config) }

    func clockIn(_ code: String, _ at: String) throws {
        try database.clockIn(code, station: .bar, supervisor: "S1", at: wita(at), lateEntry: false, recordedAt: wita(at), calendar: .wita)
    }

    func clockOut(_ code: String, _ at: String) throws {
        try database.clockOut(code, supervisor: "S1", at: wita(at), lateEntry: false, reason: nil, recordedAt: wita(at), calendar: .wita)
    }

    /// A whole shift copied from the paper sheet, typed in at `typed`.
    func paperShift(_ code: String, _ from: String, _ to: String, typed: String) throws {
        try database.clockIn(code, station: .bar, supervisor: "S1", at: wita(from), lateEntry: true, reason: "lembar absen",
                             recordedAt: wita(typed), calendar: .wita)
        try database.clockOut(code, supervisor: "S1", at: wita(to), lateEntry: true, reason: "lembar absen", recordedAt: wita(typed), calendar: .wita)
    }

    /// Hours per WBP in `month`, as every report counts them.
    func hours(_ month: BusinessMonth) throws -> [String: Double] {
        let (start, end) = CafeCalendar.wita.interval(of: month)
        return TrainingHours.compute(try database.shifts(from: start, to: end), month: month, calendar: .wita).mapValues(\.hours)
    }
}

/// Hours and premi settle in order (issue 18).
@Suite struct SettleInOrderTests {
    /// A shift typed in from the paper sheet within its window counts in what the close
    /// records. (That the close waits for the window is the act's rule, tested in
    /// KasirActionsTests.)
    @Test func aPaperSheetShiftCountsInTheClose() throws {
        let cafe = try SettleCafe()
        try cafe.clockIn("W01", "2026-11-28 08:00")
        try cafe.clockOut("W01", "2026-11-28 16:00")
        try cafe.paperShift("W02", "2026-11-29 08:00", "2026-11-29 16:00", typed: "2026-12-06 07:30")
        let close = try cafe.builder.premiClose(cafe.november, rules: cafe.config.cafe.premi, at: wita("2026-12-08 00:00"))
        #expect(close.shares.mapValues { $0.basis } == ["W01": 8 * 3_600, "W02": 8 * 3_600])
        #expect(close.monthEnd == wita("2026-12-01 00:00"))
        #expect(close.rules == cafe.config.cafe.premi)
        #expect(try cafe.database.premiMonth(cafe.november) == nil)
    }

    /// A shift counts in every month it reaches into, however long before the month it began.
    @Test func aShiftCountsInEveryMonthItReachesInto() throws {
        let cafe = try SettleCafe()
        // A night shift across the month's end: 2 hours in October, 6 in November.
        try cafe.clockIn("W02", "2026-10-31 22:00")
        try cafe.clockOut("W02", "2026-11-01 06:00")
        // A clock-out forgotten for a week, entered from the paper sheet with the supervisor's
        // reason (longer than 12 hours): begun 8 days before November, it still counts in it.
        try cafe.clockIn("W01", "2026-10-24 20:00")
        try cafe.database.clockOut("W01", supervisor: "S1", at: wita("2026-11-01 06:00"), lateEntry: true, reason: "lupa absen keluar, lembar absen",
                                   recordedAt: wita("2026-11-02 09:00"), calendar: .wita)
        #expect(try cafe.hours(BusinessMonth(year: 2026, month: 10)) == ["W01": 172, "W02": 2])
        #expect(try cafe.hours(cafe.november) == ["W01": 6, "W02": 6])
        let report = try cafe.builder.training(cafe.november, pseudonymous: true)
        #expect(report.staff.first { $0.code == "W01" }?.hours == 6)
        #expect(report.staff.first { $0.code == "W02" }?.hours == 6)
        #expect(try cafe.builder.premi(cafe.november, pseudonymous: true).shares.map(\.basisHours) == [6, 6])
    }
}
