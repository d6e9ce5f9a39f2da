import Foundation
import GRDB
import KasirCore
import KasirTestSupport
import Testing
@testable import KasirStore

/// Issue 18, item 7 ("who is at the counter"): a WBP's own PIN, and QRIS payments that count
/// only once confirmed or written off.
@Suite struct BaristaPINStoreTests {
    let at = utc("2026-11-01T02:00:00Z")

    @Test func aWBPsPINIsSetByASupervisorWithTheSupervisorsRule() throws {
        let fixture = try StoreFixture()
        let database = fixture.database
        #expect(try database.baristaPINState("W01", at: at) == .notSet)
        #expect(throws: BaristaPINError.pinNotSet("W01")) { try database.authenticateBarista("W01", pin: "135790", at: at) }
        // 6–12 digits, never a guess tried first.
        #expect(throws: InputError.malformedPIN) { try database.setBaristaPIN(of: "W01", to: "1357", supervisor: "S1", at: at) }
        #expect(throws: InputError.weakPIN(.sequence)) { try database.setBaristaPIN(of: "W01", to: "123456", supervisor: "S1", at: at) }
        // Only a supervisor sets it, and only for a WBP.
        #expect(throws: AccessError.notASupervisor("W02")) { try database.setBaristaPIN(of: "W01", to: "135790", supervisor: "W02", at: at) }
        #expect(throws: StaffError.notABarista("S1")) { try database.setBaristaPIN(of: "S1", to: "135790", supervisor: "S1", at: at) }
        try database.setBaristaPIN(of: "W01", to: "135790", supervisor: "S1", at: at)
        #expect(try database.baristaPINState("W01", at: at) == .ready)
        #expect(try database.authenticateBarista("W01", pin: "135790", at: at).alias == "Bima")
        // A WBP's PIN opens no supervisor's door, and a supervisor's PIN no WBP's.
        #expect(throws: AccessError.notASupervisor("W01")) { try database.authenticate("W01", pin: "135790", at: at) }
        #expect(throws: StaffError.notABarista("S1")) { try database.authenticateBarista("S1", pin: StoreFixture.pin, at: at) }
        // Journaled with the staff row it changed, whose snapshot carries only a digest of the hash.
        let entry = try #require(try database.journalEntries().last)
        #expect([entry.kind, entry.actor, entry.subject] == ["wbp_pin_set", "S1", "W01"])
        let (table, snapshot) = try database.writer.read { db -> (String, String) in
            let row = try Row.fetchOne(db, sql: "SELECT row_table, snapshot FROM journal ORDER BY seq DESC LIMIT 1")!
            return (row["row_table"], row["snapshot"])
        }
        #expect(table == "staff")
        #expect(snapshot.contains("\"pin_digest\":\"") && !snapshot.contains("pbkdf2"))
        // A right PIN leaves nothing behind.
        #expect(try fixture.count("journal") == Int(entry.seq))
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    @Test func fiveWrongPINsLockAWBPUntilASupervisorSetsANewOne() throws {
        let fixture = try StoreFixture()
        let database = fixture.database
        try database.setBaristaPIN(of: "W01", to: "135790", supervisor: "S1", at: at)
        for left in [4, 3, 2, 1] {
            #expect(throws: BaristaPINError.wrongPIN(code: "W01", attemptsLeft: left)) { try database.authenticateBarista("W01", pin: "000000", at: at) }
        }
        // A right PIN in between does not clear them, as for supervisors.
        try database.authenticateBarista("W01", pin: "135790", at: at)
        #expect(throws: BaristaPINError.locked("W01")) { try database.authenticateBarista("W01", pin: "000000", at: at) }
        // No time ends it; the right PIN does not either.
        let later = at.addingTimeInterval(3 * 3_600)
        #expect(throws: BaristaPINError.locked("W01")) { try database.authenticateBarista("W01", pin: "135790", at: later) }
        #expect(try database.baristaPINState("W01", at: later) == .locked)
        // Each wrong PIN was journaled; the X report lists them with the lockout.
        let kinds = try database.journalEntries().filter { $0.subject == "W01" && $0.kind.hasPrefix("pin_") }.map(\.kind)
        #expect(kinds == ["pin_failed", "pin_failed", "pin_failed", "pin_failed", "pin_failed", "pin_lockout"])
        let failures = try database.tillReport(id: 1).pinFailures
        #expect(failures.map(\.supervisor) == ["W01"])
        #expect(failures.map(\.count) == [5])
        #expect(failures.map(\.lockedOut) == [true])
        // A supervisor sets a new PIN with the WBP: the count starts again.
        try database.setBaristaPIN(of: "W01", to: "864209", supervisor: "S1", at: later)
        #expect(try database.baristaPINState("W01", at: later) == .ready)
        #expect(try database.authenticateBarista("W01", pin: "864209", at: later).code == "W01")
        #expect(throws: BaristaPINError.wrongPIN(code: "W01", attemptsLeft: 4)) { try database.authenticateBarista("W01", pin: "135790", at: later) }
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    @Test func aWBPChangesTheirOwnPINAfterTheOldOne() throws {
        let fixture = try StoreFixture()
        let database = fixture.database
        try database.setBaristaPIN(of: "W02", to: "975310", supervisor: "S1", at: at)
        // A weak new PIN is refused before the old one is checked: no try is spent on it.
        #expect(throws: InputError.weakPIN(.oneDigit)) { try database.changeBaristaPIN(of: "W02", old: "000000", new: "777777", at: at) }
        #expect(throws: BaristaPINError.wrongPIN(code: "W02", attemptsLeft: 4)) {
            try database.changeBaristaPIN(of: "W02", old: "000000", new: "864209", at: at)
        }
        try database.changeBaristaPIN(of: "W02", old: "975310", new: "864209", at: at)
        // The change keeps the count: the old PIN is now a second wrong one.
        #expect(throws: BaristaPINError.wrongPIN(code: "W02", attemptsLeft: 3)) { try database.authenticateBarista("W02", pin: "975310", at: at) }
        try database.authenticateBarista("W02", pin: "864209", at: at)
        let entries = try database.journalEntries().filter { $0.subject == "W02" && $0.kind.contains("pin") }
        #expect(entries.map(\.kind) == ["wbp_pin_set", "pin_failed", "wbp_pin_changed", "pin_failed"])
        #expect(entries.map(\.actor) == ["S1", "W02", "W02", "W02"])
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    /// Someone with sqlite3 gives W01 the hash of a PIN they know (W02's): the staff row no
    /// longer matches its snapshot.
    @Test func aPINHashSwappedByHandIsFound() throws {
        let fixture = try StoreFixture()
        try fixture.database.setBaristaPIN(of: "W01", to: "135790", supervisor: "S1", at: at)
        try fixture.database.setBaristaPIN(of: "W02", to: "975310", supervisor: "S1", at: at)
        let (id, seq) = try fixture.database.writer.read { db -> (Int64, Int64) in
            (try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = 'W01'")!,
             try Int64.fetchOne(db, sql: "SELECT seq FROM journal WHERE kind = 'wbp_pin_set' AND subject = 'W01'")!)
        }
        try fixture.database.writer.write { db in
            try db.execute(sql: "UPDATE staff SET pin_hash = (SELECT pin_hash FROM staff WHERE code = 'W02') WHERE code = 'W01'")
        }
        #expect(try fixture.database.verifyJournal().findings == [.rowDiffers(table: "staff", key: String(id), seq: seq)])
    }
}

@Suite struct QRISConfirmationStoreTests {
    let november = BusinessMonth(year: 2026, month: 11)
    let day = BusinessDay(year: 2026, month: 11, day: 1)

    /// On 1 November at 10:00 WITA: #1 PGR paid by QRIS QR-1 (Rp10.000, PB1 Rp909), #2 AIR by
    /// QRIS QR-2 (Rp5.000, PB1 Rp455), #3 PGR in cash; both WBP clocked out at 16:00.
    func cafe() throws -> StoreFixture {
        let fixture = try StoreFixture()
        _ = try fixture.record(try fixture.draft("W01", "PGR"), [.qris(amount: 10_000, reference: "QR-1")], at: "2026-11-01T02:00:00Z")
        _ = try fixture.record(try fixture.draft("W02", "AIR"), [.qris(amount: 5_000, reference: "QR-2")], at: "2026-11-01T02:10:00Z")
        _ = try fixture.record(try fixture.draft("W01", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-01T02:20:00Z")
        for code in ["W01", "W02"] {
            try fixture.database.clockOut(code, supervisor: "S1", at: utc("2026-11-01T08:00:00Z"), lateEntry: false, reason: nil,
                                          recordedAt: utc("2026-11-01T08:00:00Z"), calendar: .wita)
        }
        return fixture
    }

    /// The confirmations as stored: payment, status, source, reason, amount, PB1, by whom.
    func rows(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT c.payment_id || '|' || c.status || '|' || c.source || '|' || COALESCE(c.reason, '') || '|' || COALESCE(c.amount, '')
                    || '|' || COALESCE(c.tax, '') || '|' || s.code
                FROM qris_confirmations c JOIN staff s ON s.id = c.by_id ORDER BY c.id
                """)
        }
    }

    func journal(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT kind || ' ' || actor || ' ' || subject || ' ' || row_table || ' ' || payload FROM journal WHERE kind LIKE 'qris_%' ORDER BY seq
                """)
        }
    }

    @Test func aMonthsPremiWaitsForItsQRISConfirmedOrWrittenOff() throws {
        let fixture = try cafe()
        let database = fixture.database
        let (start, end) = CafeCalendar.wita.interval(of: november)
        let close = utc("2026-12-08T01:00:00Z")
        func closeNovember() throws {
            try database.closePremi(month: november, monthEnd: end, split: ProfitSplit.split(revenue: .zero, cost: .zero, policy: PremiPolicy()),
                                    shares: [:], practice: [:], rules: PremiPolicy(), supervisor: "S1", at: close)
        }
        #expect(try database.unconfirmedQRIS(month: november) == QRISTally(count: 2, total: 15_000))
        #expect(throws: QRISError.unconfirmed(month: "2026-11", count: 2, total: 15_000)) { try closeNovember() }

        // A supervisor confirms order #1's QRIS, once.
        let confirmed = try database.confirmQRIS(.order(day: day, number: 1), supervisor: "S1", at: utc("2026-11-02T01:00:00Z"))
        #expect(confirmed.map(\.reference) == ["QR-1"])
        #expect(confirmed.map(\.amount) == [10_000])
        #expect(confirmed.map(\.status) == [.confirmed])
        let later = utc("2026-11-02T02:00:00Z")
        #expect(throws: QRISError.alreadyConfirmed("2026-11-01#1")) { try database.confirmQRIS(.order(day: day, number: 1), supervisor: "S1", at: later) }
        #expect(throws: QRISError.noQRISPayment(day: "2026-11-01", number: 3)) { try database.confirmQRIS(.order(day: day, number: 3), supervisor: "S1", at: later) }
        #expect(throws: StoreError.orderNotFound(day: "2026-11-01", number: 9)) { try database.confirmQRIS(.order(day: day, number: 9), supervisor: "S1", at: later) }
        #expect(throws: QRISError.unknownReference("QR-404")) { try database.confirmQRIS(.reference("QR-404"), supervisor: "S1", at: later) }
        #expect(throws: AccessError.notASupervisor("W01")) { try database.confirmQRIS(.order(day: day, number: 2), supervisor: "W01", at: later) }
        #expect(throws: QRISError.unconfirmed(month: "2026-11", count: 1, total: 5_000)) { try closeNovember() }

        // Only an admin writes off, with a reason, at what the payment counted for.
        try database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: "580317",
                                   approvedBy: "S1", at: close)
        #expect(throws: AccessError.notAnAdmin("S2")) { try database.writeOffQRIS(month: november, reason: "tidak masuk rekening", admin: "S2", at: close) }
        #expect(try database.writeOffQRIS(month: november, reason: "tidak masuk rekening", admin: "S1", at: close) == QRISTally(count: 1, total: 5_000))
        #expect(throws: QRISError.nothingToWriteOff("2026-11")) {
            try database.writeOffQRIS(month: november, reason: "lagi", admin: "S1", at: close)
        }
        #expect(try rows(database) == ["1|confirmed|manual||||S1", "2|written_off|manual|tidak masuk rekening|5000|455|S1"])
        let out = try database.writtenOffQRIS(from: start, to: end)
        #expect(out.amount == 5_000 && out.tax == 455)
        #expect(try database.unconfirmedQRIS(month: november) == QRISTally(count: 0, total: 0))

        try closeNovember()
        #expect(throws: PremiError.alreadyClosed("2026-11")) { try database.writeOffQRIS(month: november, reason: "lagi", admin: "S1", at: close) }
        #expect(try journal(database) == [
            #"qris_confirmed S1 2026-11-01#1 qris_confirmations {"amount":10000,"payment":1,"reference":"QR-1","source":"manual"}"#,
            #"qris_written_off S1 2026-11-01#2 qris_confirmations {"amount":5000,"payment":2,"reference":"QR-2"}"#,
        ])
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    @Test func aLaterConfirmationBringsAWrittenOffPaymentBack() throws {
        let fixture = try cafe()
        let database = fixture.database
        let (start, end) = CafeCalendar.wita.interval(of: november)
        let writtenOff = utc("2026-12-02T01:00:00Z")
        #expect(try database.writeOffQRIS(month: november, reason: "tidak ada di mutasi", admin: "S1", at: writtenOff) == QRISTally(count: 2, total: 15_000))
        let out = try database.writtenOffQRIS(from: start, to: end)
        #expect(out.amount == 15_000 && out.tax == 1_364)   // PB1 909 + 455
        // The settlement shows QR-2 after all (typed in other letters): back in revenue.
        let back = try database.confirmQRIS(.reference("qr-2"), supervisor: "S1", source: .settlement, at: utc("2026-12-03T01:00:00Z"))
        #expect(back.map(\.wasWrittenOff) == [true])
        #expect(back.map(\.status) == [.confirmed])
        let now = try database.writtenOffQRIS(from: start, to: end)
        #expect(now.amount == 10_000 && now.tax == 909)
        // A document made between the two still counts both out.
        let then = try database.writtenOffQRIS(from: start, to: end, asOf: writtenOff.addingTimeInterval(60))
        #expect(then.amount == 15_000 && then.tax == 1_364)
        #expect(try database.qrisPayments(month: november).map(\.status) == [.writtenOff, .confirmed])
        #expect(try rows(database) == [
            "1|written_off|manual|tidak ada di mutasi|10000|909|S1", "2|written_off|manual|tidak ada di mutasi|5000|455|S1", "2|confirmed|settlement||||S1",
        ])
        // A status is a new row, never an edit.
        #expect(throws: (any Error).self) { try database.writer.write { db in try db.execute(sql: "UPDATE qris_confirmations SET status = 'confirmed'") } }
        #expect(throws: (any Error).self) { try database.writer.write { db in try db.execute(sql: "DELETE FROM qris_confirmations") } }
        #expect(try journal(database) == [
            #"qris_written_off S1 2026-11-01#1 qris_confirmations {"amount":10000,"payment":1,"reference":"QR-1"}"#,
            #"qris_written_off S1 2026-11-01#2 qris_confirmations {"amount":5000,"payment":2,"reference":"QR-2"}"#,
            #"qris_confirmed S1 2026-11-01#2 qris_confirmations {"amount":5000,"payment":2,"reference":"QR-2","source":"settlement","was":"written_off"}"#,
        ])
        #expect(try database.verifyJournal().findings.isEmpty)
    }
}
