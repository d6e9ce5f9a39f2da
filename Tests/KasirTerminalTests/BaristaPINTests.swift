import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirTerminal

/// Issue 18, item 7: any clocked-in barista's code could be typed at the barista prompt, so
/// orders, items and skills could be credited to anyone. Taking the counter now asks that
/// WBP's own PIN.
@Suite struct BaristaPINTests {
    @Test func takingTheCounterAsksTheWBPsOwnPIN() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run(["W01", "000000", "W02", CounterFixture.w01PIN, "w01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "keluar"])
        #expect(status == 0)
        #expect(screen.contains("""
            Barista (kode): W01
            PIN W01: ****
            PIN W01 salah (sisa 4 kali sebelum terkunci).
            Barista (kode): W02
            PIN W02: ****
            PIN W02 salah (sisa 4 kali sebelum terkunci).
            Barista (kode): w01
            PIN W01: ****
            Pesanan baru — Bima (W01) · Makan di tempat

            """))
        // Nobody else's code with one's own PIN: only W01's order, and both wrong PINs journaled.
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map(\.server.code) == ["W01"])
        let failed = try fixture.database.journalEntries().filter { $0.kind == "pin_failed" }
        #expect(failed.map(\.subject) == ["W01", "W02"])
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func aWBPWithoutAPINIsTurnedAwayWithOneLine() throws {
        let fixture = try CounterFixture(baristaPINs: false)
        let (status, screen) = fixture.run(["W01", "keluar"])
        #expect(status == 0)
        #expect(screen.contains("""
            Barista (kode): W01
            W01 belum punya PIN barista: petugas memasangnya bersama W01 (kasir staff wbp-pin W01 --by KODE).
            Barista (kode): keluar

            """))
        #expect(!screen.contains("PIN W01:"))
        let english = try CounterFixture(baristaPINs: false).english()
        let (_, words) = english.run(["W02", "quit"])
        #expect(words.contains("\nW02 has no barista PIN yet: a supervisor sets it with W02 present (kasir staff wbp-pin W02 --by CODE).\n"))
    }

    /// Whoever cannot serve is told so before any PIN is asked, as before.
    @Test func whoCannotServeIsToldBeforeThePIN() throws {
        let fixture = try CounterFixture()
        try fixture.database.setStatus(.suspended, of: "W02", approvedBy: "S1", at: Timestamp.date("2026-11-29T01:00:00.000Z")!)
        let (_, screen) = fixture.run(["W02", "W09", "keluar"])
        #expect(screen.contains("Barista (kode): W02\nW02 tidak aktif (diskors): tidak boleh melayani.\nBarista (kode): W09\nBarista tidak dikenal: W09.\nBarista (kode): keluar\n"))
        #expect(!screen.contains("PIN W0"))
    }

    @Test func fiveWrongPINsLockTheWBPUntilASupervisorSetsANewOne() throws {
        let fixture = try CounterFixture()
        var script: [String] = []
        for guess in ["111111", "222222", "333333", "444444", "555555"] { script += ["W02", guess] }
        script += ["W02", "keluar"]
        let (_, screen) = fixture.run(script)
        let locked = "W02 terkunci karena PIN salah berulang: petugas memasang PIN baru bersama W02 (kasir staff wbp-pin W02 --by KODE)."
        #expect(screen.contains("PIN W02: ****\nPIN W02 salah (sisa 1 kali sebelum terkunci).\nBarista (kode): W02\nPIN W02: ****\n\(locked)\n"))
        // Locked, the PIN is not even asked.
        #expect(screen.hasSuffix("Barista (kode): W02\n\(locked)\nBarista (kode): keluar\n"))
        #expect(screen.components(separatedBy: "PIN W02: ").count == 6)
        // The right PIN does not open it either.
        let (_, again) = fixture.run(["W02", CounterFixture.w02PIN, "keluar"])
        #expect(again.contains("Barista (kode): W02\n\(locked)\nBarista (kode): \(CounterFixture.w02PIN)\n"))
        // A supervisor sets a new PIN with the WBP present: W02 serves again.
        try fixture.setBaristaPIN("W02", "864209", at: Timestamp.date("2026-11-29T02:30:00.000Z")!)
        let (_, after) = fixture.run(["W02", "864209", "AIR", "bayar", "pas", "y", "keluar"])
        #expect(after.contains("✔ Pesanan #1 tersimpan"))
        #expect(try fixture.database.orders(day: fixture.today).map(\.server.code) == ["W02"])
        #expect(try fixture.database.tillReport(id: 1).pinFailures.map(\.count) == [5])
        #expect(try fixture.database.tillReport(id: 1).pinFailures.map(\.lockedOut) == [true])
    }

    @Test func endOfInputAtThePINLeavesNothing() throws {
        let fixture = try CounterFixture()
        let before = try fixture.database.journalEntries().count
        let (status, screen) = fixture.run(["W01"])
        #expect(status == 0)
        #expect(screen.hasSuffix("Barista (kode): W01\nPIN W01: <EOF>\nBarista (kode): <EOF>\n"))
        #expect(try fixture.database.journalEntries().count == before)
    }

    /// The first run registers the first WBP with their own PIN (a weak one is refused and
    /// asked again), so they can take the counter at once.
    @Test func theFirstRunSetsTheFirstWBPsPIN() throws {
        let fixture = try CounterFixture(baristas: false)
        let (status, screen) = fixture.run([
            "S1", "Pak Hadi", "198001012005011001", "246810",
            "W01", "B.1/2024", "Budi Santoso", "Bima", "SK-7/2026", "2026-01-01", "2026-12-31", "bar", "123456", CounterFixture.w01PIN,
            "150000", "W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "keluar",
        ])
        #expect(status == 0)
        #expect(screen.contains("""
            Stasiun (kasir/bar/dapur): bar
            W01 mengetik PIN pribadinya untuk mengambil kasir (6–12 angka), disaksikan petugas.
            PIN baru (6–12 angka): ****
            PIN tidak boleh angka berurutan (seperti 123456 atau 654321).
            PIN baru (6–12 angka): ****
            Barista Bima (W01) terdaftar dan masuk.

            """))
        let set = try #require(try fixture.database.journalEntries().first { $0.kind == "wbp_pin_set" })
        #expect([set.actor, set.subject] == ["S1", "W01"])
        #expect(try fixture.database.orders(day: fixture.today).map(\.server.code) == ["W01"])
    }
}

extension BaristaPINTests {
    /// Crediting a line to another maker (`@W02`) asks that maker's own PIN the first time the
    /// order names them: a wrong one credits nothing.
    @Test func anotherMakerGivesTheirOwnPIN() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "PGR @W02", CounterFixture.w01PIN, "PGR @W02", CounterFixture.w02PIN, "AIR @W02",
            "bayar", "pas", "y", "keluar",
        ])
        #expect(status == 0)
        #expect(screen.contains("> PGR @W02\nPIN W02: ****\nPIN W02 salah (sisa 4 kali sebelum terkunci).\n> PGR @W02\nPIN W02: ****\n"), "\(screen)")
        let order = try #require(try fixture.database.orders(day: fixture.today).first)
        #expect(order.lines.map(\.itemCode) == ["PGR", "AIR"])
        #expect(order.lines.map(\.makerCode) == ["W02", "W02"])
    }
}
