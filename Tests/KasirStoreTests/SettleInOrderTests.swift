import Foundation
import GRDB
import KasirCore
import KasirTestSupport
import Testing
@testable import KasirStore

/// Hours and premi settle in order (issue 18): a long shift needs a reason, a forgotten
/// clock-out past the paper sheet's limit has an admin's way out, and a month whose premi is
/// closed takes no more attendance. The fixture's W01 and W02 are in from 08:00 WITA on
/// 1 November 2026 (00:00 UTC).
@Suite struct SettleInOrderStoreTests {
    func outReason(_ fixture: StoreFixture, _ code: String) throws -> String? {
        try fixture.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT a.out_reason FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = ?", arguments: [code])
        }
    }

    @Test func aShiftLongerThanTheLimitNeedsAReason() throws {
        let fixture = try StoreFixture()
        #expect(SecurityPolicy.standard.maxShiftHours == 12)
        // 08:00 to 21:00 is 13 hours.
        let nine = utc("2026-11-01T13:00:00Z")
        #expect(throws: AttendanceError.longShiftNeedsReason(code: "W01", hours: 12)) {
            try fixture.database.clockOut("W01", supervisor: "S1", at: nine, lateEntry: false, reason: nil, recordedAt: nine, calendar: .wita)
        }
        #expect(throws: AttendanceError.longShiftNeedsReason(code: "W01", hours: 12)) {
            try fixture.database.clockOut("W01", supervisor: "S1", at: nine, lateEntry: false, reason: "  ", recordedAt: nine, calendar: .wita)
        }
        #expect(try fixture.database.openAttendance().map(\.staffCode) == ["W01", "W02"])
        // Twelve hours exactly is no long shift.
        let eight = utc("2026-11-01T12:00:00Z")
        try fixture.database.clockOut("W02", supervisor: "S1", at: eight, lateEntry: false, reason: nil, recordedAt: eight, calendar: .wita)
        // With the supervisor's reason it is recorded, and the reason with it, journaled.
        try fixture.database.clockOut("W01", supervisor: "S1", at: nine, lateEntry: false, reason: "kunjungan keluarga, diawasi S1",
                                      recordedAt: nine, calendar: .wita)
        #expect(try outReason(fixture, "W01") == "kunjungan keluarga, diawasi S1")
        let last = try #require(try fixture.database.journalEntries().last)
        #expect(last.kind == "clock_out")
        #expect(last.subject == "W01")
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func anAdminClosesAForgottenClockOutBeyondTheBackdateLimit() throws {
        let fixture = try StoreFixture()
        try fixture.database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: "135790",
                                           approvedBy: "S1", at: utc("2026-11-01T00:30:00Z"))
        let now = utc("2026-11-20T02:00:00Z")
        let real = utc("2026-11-01T09:00:00Z")   // 17:00 WITA on 1 November, from the paper sheet
        #expect(throws: AttendanceError.beyondBackdateLimit(days: 7)) {
            try fixture.database.clockOut("W01", supervisor: "S1", at: real, lateEntry: true, reason: "lupa", recordedAt: now, calendar: .wita)
        }
        #expect(throws: AccessError.notAnAdmin("S2")) {
            try fixture.database.closeForgottenShift("W01", admin: "S2", at: real, reason: "lupa", recordedAt: now, calendar: .wita)
        }
        #expect(throws: AttendanceError.reasonRequired) {
            try fixture.database.closeForgottenShift("W01", admin: "S1", at: real, reason: " ", recordedAt: now, calendar: .wita)
        }
        #expect(throws: AttendanceError.inTheFuture(utc("2026-11-20T03:00:00Z"))) {
            try fixture.database.closeForgottenShift("W01", admin: "S1", at: utc("2026-11-20T03:00:00Z"), reason: "lupa", recordedAt: now, calendar: .wita)
        }
        #expect(throws: AttendanceError.endsBeforeStart(utc("2026-11-01T00:00:00Z"))) {
            try fixture.database.closeForgottenShift("W01", admin: "S1", at: utc("2026-10-31T23:00:00Z"), reason: "lupa", recordedAt: now, calendar: .wita)
        }
        try fixture.database.closeForgottenShift("W01", admin: "S1", at: real, reason: "lupa absen keluar; lembar absen", recordedAt: now, calendar: .wita)
        #expect(try fixture.database.openAttendance().map(\.staffCode) == ["W02"])
        #expect(try outReason(fixture, "W01") == "lupa absen keluar; lembar absen")
        let entry = try #require(try fixture.database.journalEntries().last)
        #expect(entry.kind == "clock_out_admin")
        #expect(entry.actor == "S1")
        #expect(entry.subject == "W01")
        #expect(entry.at == Timestamp.string(now))
        let shift = try fixture.database.shifts(from: utc("2026-10-31T16:00:00Z"), to: utc("2026-11-30T16:00:00Z")).first { $0.staffCode == "W01" }
        #expect(shift?.clockOut == real)
        #expect(throws: StaffError.notClockedIn("W01")) {
            try fixture.database.closeForgottenShift("W01", admin: "S1", at: real, reason: "lagi", recordedAt: now, calendar: .wita)
        }
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func aClosedMonthTakesNoMoreAttendance() throws {
        let fixture = try StoreFixture()
        let november = BusinessMonth(year: 2026, month: 11)
        let (_, end) = CafeCalendar.wita.interval(of: november)
        let close = utc("2026-12-08T01:00:00Z")
        func closeNovember() throws {
            try fixture.database.closePremi(month: november, monthEnd: end, split: ProfitSplit.split(revenue: .zero, cost: .zero, policy: PremiPolicy()),
                                            shares: [:], practice: [:], rules: PremiPolicy(), supervisor: "S1", at: close)
        }
        // Shifts begun in November still open keep it from closing.
        #expect(throws: PremiError.shiftStillOpen(code: "W01", since: utc("2026-11-01T00:00:00Z"))) { try closeNovember() }
        for code in ["W01", "W02"] {
            try fixture.database.clockOut(code, supervisor: "S1", at: utc("2026-11-01T08:00:00Z"), lateEntry: false, reason: nil,
                                          recordedAt: utc("2026-11-01T08:00:00Z"), calendar: .wita)
        }
        try closeNovember()
        // An admin allows 30 days back afterwards: November stays closed all the same.
        try fixture.database.setSecurityPolicy(
            try SecurityPolicy(pinAttempts: 5, pinLockoutMinutes: 15, supervisorIdleSeconds: 120, maxBackdateDays: 30), admin: "S1", at: close)
        let now = utc("2026-12-09T02:00:00Z")
        #expect(throws: AttendanceError.premiClosed(month: "2026-11")) {
            try fixture.database.clockIn("W01", station: .bar, supervisor: "S1", at: utc("2026-11-30T00:00:00Z"), lateEntry: true, reason: "lembar",
                                         recordedAt: now, calendar: .wita)
        }
        // December is open: a paper-sheet shift there is taken; a break stamped in November is not.
        try fixture.database.clockIn("W01", station: .bar, supervisor: "S1", at: utc("2026-12-01T00:00:00Z"), lateEntry: true, reason: "lembar",
                                     recordedAt: now, calendar: .wita)
        #expect(throws: AttendanceError.premiClosed(month: "2026-11")) {
            try fixture.database.setBreak("W01", starting: true, supervisor: "S1", at: utc("2026-11-30T01:00:00Z"), calendar: .wita)
        }
        try fixture.database.setBreak("W01", starting: true, supervisor: "S1", at: utc("2026-12-01T04:00:00Z"), calendar: .wita)
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }
}
