import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirTerminal

/// At the counter, a refund of an order from a closed till (or of QRIS in cash) asks for a
/// second supervisor's code before any PIN, then both PINs.
@Suite struct SecondSupervisorTests {
    @Test func aRefundFromAClosedTillAsksForASecondSupervisor() throws {
        let fixture = try CounterFixture()
        try fixture.database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: "580317",
                                           approvedBy: "S1", at: CounterFixture.start)
        // A Rp10.000 cash sale in till 1, closed; till 2 open.
        _ = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "keluar"])
        let closing = Timestamp.date("2026-11-29T02:10:00.000Z")!
        let count = try fixture.database.recordCount(CashCount(pieces: [100_000: 2, 10_000: 1]), kind: .close, supervisor: "S1", at: closing)
        _ = try fixture.database.closeTill(withCount: count, supervisor: "S1", at: closing)
        try fixture.database.startTill(float: 200_000, count: nil, supervisor: "S1", at: Timestamp.date("2026-11-29T02:20:00.000Z")!)

        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin,
            "refund 1 basi", "",                                        // no second supervisor
            "refund 1 basi", "S1",                                      // the same one
            "refund 1 basi", "S2", CounterFixture.pin, "000000",        // S2's PIN wrong: the mode ends
            "spv", "S1", CounterFixture.pin,
            "refund 1 basi", "S2", CounterFixture.pin, "580317",
            "selesai", "keluar",
        ], clock: TestClock(Timestamp.date("2026-11-29T02:30:00.000Z")!))
        #expect(screen.contains("spv S1> refund 1 basi\nPetugas kedua: \n"))
        #expect(screen.contains("Refund pesanan dari kas yang sudah ditutup perlu PIN petugas kedua.\n"))
        #expect(screen.contains("Petugas kedua harus orang lain, bukan S1 lagi.\n"))
        // Refused before any PIN was asked: the first PIN prompt of the refund follows S2's code.
        #expect(screen.components(separatedBy: "PIN S1: ").count == 5)   // two sign-ins, two refunds that reached the PINs
        #expect(screen.contains("PIN S2 salah (sisa 4 kali sebelum terkunci).\nMode petugas berakhir karena PIN ditolak."))
        #expect(screen.contains("Refund Rp10.000 untuk pesanan #1, disetujui S1 dan S2: tunai Rp10.000."))
        let report = try fixture.database.tillReport(id: 2)
        #expect(report.approvals.filter { $0.kind == .refund }.map(\.approvedBy) == ["S1", "S2"])
        #expect(report.pinFailures.map(\.supervisor) == ["S2"])
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }
}
