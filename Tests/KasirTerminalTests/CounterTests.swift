import Foundation
import KasirCore
import KasirStore
import Testing
import KasirTestSupport
@testable import KasirTerminal

@Suite struct CounterTests {
    @Test func threeOrdersByTwoBaristasOneSplit() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01", CounterFixture.w01PIN,
            "KSGA 2 size=L sugar=less", "PGR", "bayar", "100000", "y",
            "CAP temp=iced @W02", CounterFixture.w02PIN, "bawa", "catatan tanpa sedotan", "bayar", "qris 10000 QR-77", "tunai 20.000", "y",
            "ganti", "w02", CounterFixture.w02PIN,
            "ETM 3 ice=less", "AIR", "hapus 2", "bayar", "pas", "y",
            "keluar",
        ])
        #expect(status == 0)
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map(\.number) == [1, 2, 3])
        #expect(orders.map(\.server.code) == ["W01", "W01", "W02"])
        #expect(orders.map(\.totals.total) == [56_000, 24_000, 18_000])
        #expect(orders.map(\.change) == [44_000, 6_000, 0])
        #expect(orders[1].payments.map(\.method) == [.qris, .cash])
        #expect(orders[1].payments[0].reference == "QR-77")
        #expect(orders[1].type == .takeaway)
        #expect(orders[1].note == "tanpa sedotan")
        #expect(orders[1].lines[0].makerCode == "W02")
        #expect(orders[2].lines.map(\.itemCode) == ["ETM"])
        #expect(screen.contains("✔ Pesanan #1 tersimpan · Kembalian Rp44.000"))
        #expect(screen.contains("✔ Pesanan #3 tersimpan\n"))
        #expect(screen.contains("Dihapus: 1× Air Mineral"))
        // The last orders' numbers follow each confirmation, newest first.
        #expect(screen.contains("Pesanan terakhir: #3 #2 #1\n"))
        // The running total after each step.
        #expect(screen.contains("  Total (2 item)                        Rp46.000\n> PGR\n  2. 1× Pisang Goreng                   Rp10.000\n  Total (3 item)                        Rp56.000"))
    }

    @Test func badInputRepromptsWithOneLineAndChangesNothing() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W99", "'; DROP TABLE staff; --", "W01", CounterFixture.w01PIN,
            "XYZ", "KSGA 0", "KSGA 100", "KSGA size=XL", "PGR -1", "hapus 4", "bayar",
            "PGR", "bayar", "tunai lima", "qris 20000 R1", "tunai 5.000", "kembali", "batal", "keluar",
        ])
        #expect(status == 0)
        let expectedLines = [
            "Barista tidak dikenal: W99.",
            "Kode petugas tidak sah: \"'; DROP TABLE staff; --\" (huruf dan angka, paling banyak 12).",
            "Menu tidak dikenal: XYZ. Ketik 'menu' untuk daftar.",
            "Jumlah porsi harus 1–99, bukan 0.",
            "Jumlah porsi harus 1–99, bukan 100.",
            "\"XL\" bukan pilihan ukuran. Pilihan ukuran: R, L.",
            "Jumlah porsi tidak dikenali: \"-1\" (angka 1–99).",
            "Tidak ada baris 4.",
            "Pesanan masih kosong.",
            "Jumlah uang tidak dikenali: \"lima\" (contoh: 50000, 50.000, Rp50.000).",
            "QRIS Rp20.000 melebihi tagihan Rp10.000; QRIS tidak memberi kembalian.",
            "Pesanan dibatalkan; tidak ada yang disimpan.",
        ]
        for line in expectedLines { #expect(screen.contains("\n" + line + "\n"), "\(line)") }
        #expect(try fixture.database.orders(day: fixture.today).isEmpty)
    }

    @Test func endOfInputMidOrderSavesNothing() throws {
        let fixture = try CounterFixture()
        var committed: [Int] = []
        let (status, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "bayar", "50000"], committed: { committed.append($0.number) })
        #expect(status == 1)
        #expect(committed.isEmpty)
        #expect(try fixture.database.orders(day: fixture.today).isEmpty)
        #expect(screen.hasSuffix("Simpan pesanan? (y/n): <EOF>\nInput berakhir: pesanan yang belum dibayar tidak disimpan.\n"))
    }

    @Test func decliningTheConfirmationGoesBackToTheOrder() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "n", "AIR", "bayar", "pas", "y", "keluar"])
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.count == 1)
        #expect(orders[0].totals.total == 15_000)
        #expect(screen.contains("✔ Pesanan #1 tersimpan"))
    }

    @Test func anInactiveBaristaIsTurnedAway() throws {
        let fixture = try CounterFixture()
        try fixture.database.setStatus(.suspended, of: "W02", approvedBy: "S1", at: Timestamp.date("2026-11-29T01:00:00.000Z")!)
        let (_, screen) = fixture.run(["W02", "keluar"])
        #expect(screen.contains("\nW02 tidak aktif (diskors): tidak boleh melayani.\n"))
    }

    @Test func theFirstRunWalksThroughSupervisorBaristaAndTill() throws {
        let fixture = try CounterFixture(baristas: false)
        let (status, screen) = fixture.run([
            "S1", "Pak Hadi", "198001012005011001", "2468", "246810",
            "W01", "B.1/2024", "Budi Santoso", "Bima", "SK-7/2026", "2026-01-01", "2026-12-31", "bar", CounterFixture.w01PIN,
            "150000", "W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "keluar",
        ])
        #expect(status == 0)
        // Too short a PIN is refused and asked again.
        #expect(screen.contains("PIN harus 6–12 angka."))
        #expect(screen.contains("Barista Bima (W01) terdaftar dan masuk."))
        #expect(screen.contains("Kas #1 dibuka oleh S1, modal Rp150.000."))
        #expect(try fixture.database.openTill()?.float == 150_000)
        #expect(try fixture.database.staff(code: "W01")?.registration == "B.1/2024")
        // The first supervisor is an admin.
        #expect(try fixture.database.staff(code: "S1")?.role == .admin)
        #expect(try fixture.database.orders(day: fixture.today).count == 1)
    }

    @Test func englishIsSelectable() throws {
        let fixture = try CounterFixture().english()
        let (_, screen) = fixture.run(["W01", CounterFixture.w01PIN, "XYZ", "PGR", "pay", "cash 20000", "y", "quit"])
        #expect(screen.contains("\nUnknown item: XYZ. Type 'menu' for the list.\n"))
        #expect(screen.contains("✔ Order #1 saved · Change Rp10.000"))
    }

    /// `harga 1 0` then `bayar` once crashed the counter (signal 4): now the order is recorded
    /// without a payment, with its approval.
    @Test func aComplimentaryOrderIsRecordedWithoutAPayment() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "AIR", "harga 1 0 tamu rutan", "S1", CounterFixture.pin, "bayar", "y",
            "PGR", "diskon 100% jamuan", "S1", CounterFixture.pin, "bayar", "y", "keluar",
        ])
        #expect(status == 0)
        #expect(screen.contains("Total Rp0 (disetujui petugas): tidak ada pembayaran."))
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map(\.totals.total) == [0, 0])
        #expect(orders.allSatisfy { $0.payments.isEmpty })
        #expect(try fixture.database.tillReport(id: 1).approvals.map(\.kind) == [.priceOverride, .discount])
        #expect(try fixture.database.tillReport(id: 1).approvals.map(\.amount) == [0, 10_000])
    }

    @Test func aPercentageDiscountIsFrozenInRupiahWhenApproved() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "PGR 2", "diskon 10% pelanggan tetap", "S1", CounterFixture.pin, "AIR", "bayar", "pas", "y", "keluar",
        ])
        // 10% of Rp20.000 when approved; the water added afterwards is not discounted.
        #expect(screen.contains("Diskon 10% untuk pesanan = Rp2.000, disetujui S1."))
        let order = try #require(try fixture.database.order(day: fixture.today, number: 1))
        #expect(order.totals.discount == 2_000)
        #expect(order.totals.total == 23_000)
        #expect(try fixture.database.tillReport(id: 1).approvals.first?.amount == 2_000)
    }

    @Test func anAmountDiscountIsNotReadAsALineNumber() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "KSGA", "diskon 5000 pelanggan tetap", "S1", CounterFixture.pin, "diskon 2 1000 es tumpah", "S1",
                                       CounterFixture.pin, "bayar", "pas", "y", "keluar"])
        #expect(screen.contains("Diskon Rp5.000 untuk pesanan = Rp5.000, disetujui S1."))
        #expect(screen.contains("Diskon Rp1.000 untuk baris 2 = Rp1.000, disetujui S1."))
        #expect(try fixture.database.order(day: fixture.today, number: 1)?.totals.discount == 6_000)
    }

    /// `diskon 5 5000 rusak` on a one-line order was once approved as "Diskon Rp5 untuk pesanan":
    /// what is asked is checked before the PIN, and a line that is not there is refused on one line.
    @Test func aDiscountOrPriceOnALineThatIsNotThereIsRefusedBeforeThePIN() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "diskon 5 5000 rusak", "harga 3 0 tamu", "bayar", "pas", "y", "keluar"])
        #expect(status == 0)
        #expect(screen.contains("> diskon 5 5000 rusak\nTidak ada baris 5.\n> "))
        #expect(screen.contains("> harga 3 0 tamu\nTidak ada baris 3.\n> "))
        #expect(!screen.contains("Kode petugas: "))
        #expect(try fixture.database.order(day: fixture.today, number: 1)?.totals.total == 10_000)
        #expect(try fixture.database.tillReport(id: 1).approvals.isEmpty)
    }

    /// A QRIS reference that paid an earlier order is refused as it is typed (in any letters),
    /// before "Simpan pesanan?", and the order is paid another way.
    @Test func aUsedQRISReferenceIsRefusedWhenTyped() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "bayar", "qris QR-9", "y", "AIR", "bayar", "qris qr-9", "pas", "y", "keluar"])
        #expect(screen.contains("qris qr-9\nReferensi QRIS QR-9 sudah dipakai pesanan lain: periksa bukti pembayarannya.\nBayar Rp5.000 "))
        #expect(screen.components(separatedBy: "Simpan pesanan? (y/n): ").count == 3)
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map { $0.payments.map(\.method) } == [[.qris], [.cash]])
    }

    /// A WBP on a break neither takes the counter nor is credited with making an order.
    @Test func aWBPOnABreakNeitherServesNorMakes() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin, "istirahat W02", "selesai",
            "W02", "W01", CounterFixture.w01PIN, "PGR @W02", "AIR", "bayar", "pas", "y", "keluar",
        ])
        let refusal = "W02 sedang istirahat: tidak boleh melayani atau membuat pesanan sampai petugas mencatat 'lanjut W02'."
        #expect(screen.contains("Barista (kode): W02\n" + refusal + "\n"))
        #expect(screen.contains("> PGR @W02\n" + refusal + "\n"))
        let order = try #require(try fixture.database.order(day: fixture.today, number: 1))
        #expect(order.lines.map(\.itemCode) == ["AIR"])
    }

    /// At a terminal: Ctrl-C cancels the order, Ctrl-D and `keluar` go back to the barista
    /// prompt, and only a supervisor ends the program.
    @Test func theKioskKeysAtATerminal() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "<C-d>", "<C-c>", "keluar",
            "W01", CounterFixture.w01PIN, "PGR", "<C-c>", "AIR", "<C-d>",
            "W01", CounterFixture.w01PIN, "PGR", "keluar",
            "W01", CounterFixture.w01PIN, "AIR", "bayar", "pas", "y", "<C-d>",
            "spv", "S1", CounterFixture.pin, "tutup-program",
        ], terminal: true)
        #expect(status == 0)
        #expect(screen.contains("Hanya petugas yang menutup program: spv, lalu tutup-program."))
        #expect(screen.components(separatedBy: "Pesanan dibatalkan; tidak ada yang disimpan.").count == 4)
        #expect(screen.hasSuffix("Program ditutup oleh S1.\n"))
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map(\.lines.first?.itemCode) == ["AIR"])
    }

    @Test func aCopyOfAReceiptAtTheCounterNamesNoShellCommand() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "cetak 1", "cetak 9", "keluar"], withPrinting: true)
        #expect(screen.contains("*** SALINAN ***"))
        // The copy on screen says when it was made, as a printed one does.
        #expect(screen.contains("Dicetak ulang\n     29-11-2026 10:00 WITA\n"))
        // Without a printer the bar ticket is shown beside the receipt.
        #expect(screen.contains("10:00 WITA - DI TEMPAT\n") && screen.contains("\n1x Pisang Goreng\n"))
        #expect(screen.contains("Tidak ada pesanan #9 pada 2026-11-29."))
        #expect(!screen.contains("kasir "))
        let journal = try fixture.database.journalEntries().filter { $0.kind == "reprint" }
        #expect(journal.map(\.actor) == ["W01"])
    }
}

@Suite struct SupervisorModeTests {
    @Test func aSupervisorRunsTheTillFromTheCounter() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "KSGA", "PGR", "diskon 2 5000 kue gosong", "S1", CounterFixture.pin, "bayar", "50000", "y",
            "spv", "S1", "111111",
            "spv", "S1", CounterFixture.pin, "kas keluar 10000 beli gula", CounterFixture.pin, "batal 1 pelanggan batal", CounterFixture.pin, "x",
            "tutup 100000x2", CounterFixture.pin, "y", "selesai",
            "keluar",
        ], withPrinting: true)
        #expect(status == 0)
        #expect(screen.contains("Diskon Rp5.000 untuk baris 2 = Rp5.000, disetujui S1."))
        #expect(screen.contains("✔ Pesanan #1 tersimpan · Kembalian Rp27.000"))   // 18.000 + 10.000 − 5.000
        #expect(screen.contains("PIN S1 salah (sisa 4 kali sebelum terkunci)."))
        #expect(screen.contains("Kas keluar Rp10.000, disetujui S1."))
        #expect(screen.contains("Pesanan #1 dibatalkan, disetujui S1. Kembalikan ke pelanggan: tunai Rp23.000 dari laci."))
        // Blind: the count is confirmed before anything shows the expected cash; no question after it.
        let confirm = try #require(screen.range(of: "Dihitung Rp200.000 — benar? (y/n): y\n"))
        let reveal = try #require(screen.range(of: "Kas #1 ditutup. Dihitung Rp200.000 · seharusnya Rp190.000 · selisih lebih Rp10.000"))
        #expect(confirm.upperBound <= reveal.lowerBound)
        // The close says where its backup went, named in WITA like the Z report's times.
        let backup = fixture.folder.appendingPathComponent("backups").appendingPathComponent("kasir-z-20261129-100000-WITA.sqlite")
        #expect(screen.contains("Cadangan dibuat: \(backup.path)\n"))
        #expect(!screen[..<confirm.lowerBound].contains("seharusnya"))
        #expect(!screen.contains("Tutup kas?"))
        #expect(screen.components(separatedBy: "Kas seharusnya").count == 2)   // on the Z report only, not the X
        #expect(try fixture.database.openTill() == nil)
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
        #expect(try fixture.database.tillReport(id: 1).approvals.map(\.kind) == [.discount, .void])
    }

    @Test func declinedCountIsNotRecorded() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["spv", "S1", CounterFixture.pin, "tutup 100000x2", CounterFixture.pin, "n", "selesai", "keluar"])
        #expect(screen.contains("Hitungan tidak dicatat; kas tetap terbuka."))
        #expect(try fixture.database.openTill() != nil)
        #expect(try fixture.database.tillReport(id: 1).counts.isEmpty)
    }

    @Test func noCloseWithoutAnOpenTill() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin, "tutup 100000x2", CounterFixture.pin, "y", "tutup 100000x2", CounterFixture.pin, "selesai", "W01", "keluar",
        ])
        #expect(screen.contains("\nKas belum dibuka: petugas membuka kas dulu (spv, lalu buka JUMLAH).\n"))
    }

    /// After the idle time supervisor mode ends by itself, and a money act needs the PIN again.
    @Test func supervisorModeEndsWhenIdle() throws {
        let fixture = try CounterFixture()
        let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
        let (_, piped) = fixture.run(["spv", "S1", CounterFixture.pin, "<+121>", "kas keluar 5000 x", "keluar"], clock: clock)
        #expect(piped.contains("Mode petugas berakhir (2 menit tanpa perintah)."))
        #expect(try fixture.database.tillReport(id: 1).movements.isEmpty)
        let (_, terminal) = fixture.run(["spv", "S1", CounterFixture.pin, "<idle>", "kas", "spv", "S1", CounterFixture.pin, "tutup-program"], terminal: true)
        #expect(terminal.contains("Mode petugas berakhir"))
        #expect(terminal.contains("Barista (kode): kas\n"))
    }

    /// Issue 18: from a pipe, with a 10-second idle time, an empty line every 7 seconds kept
    /// supervisor mode open for 45 seconds and a pay-out then went through as S1. An empty line
    /// is no act: the mode ends 10 seconds after the PIN, and the pay-out needs `spv` and the
    /// PIN again. At a terminal the prompt gives up at that same moment, not 10 seconds after
    /// the empty line. (The idle time on the real clock, at a real terminal, is
    /// KioskEndToEndTests.supervisorModeEndsWhenNobodyTypes.)
    @Test func emptyLinesDoNotKeepSupervisorModeOpen() throws {
        let fixture = try CounterFixture()
        try fixture.database.setSecurityPolicy(
            try SecurityPolicy(pinAttempts: 5, pinLockoutMinutes: 15, supervisorIdleSeconds: 10, maxBackdateDays: 7),
            admin: "S1", at: CounterFixture.start)
        let start = Timestamp.date("2026-11-29T02:00:00.000Z")!
        var script = ["spv", "S1", CounterFixture.pin]
        for _ in 0..<6 { script += ["<+7>", ""] }   // 42 seconds of empty lines
        script += ["<+3>", "kas keluar 50000 beli es", CounterFixture.pin, "spv", "S1", CounterFixture.pin, "kas keluar 50000 beli es", CounterFixture.pin,
                   "selesai", "keluar"]
        let (_, piped) = fixture.run(script, clock: TestClock(start))
        #expect(piped.contains("Mode petugas berakhir (10 detik tanpa perintah).\nBarista (kode): \n"))
        #expect(piped.contains("Barista (kode): kas keluar 50000 beli es\n"))
        #expect(piped.contains("spv S1> kas keluar 50000 beli es\nPIN S1: ****\nKas keluar Rp50.000, disetujui S1.\n"))
        #expect(try fixture.database.tillReport(id: 1).movements.map(\.amount) == [Rupiah(50_000)])

        let clock = TestClock(start)
        let (_, terminal) = fixture.run([
            "spv", "S1", CounterFixture.pin, "<+7>", "", "<idle>", "kas keluar 50000 beli es", "spv", "S1", CounterFixture.pin, "tutup-program",
        ], terminal: true, clock: clock)
        #expect(terminal.contains("spv S1> <idle>\nMode petugas berakhir (10 detik tanpa perintah).\nBarista (kode): kas keluar 50000 beli es\n"))
        #expect(clock.now() == start.addingTimeInterval(10))
        #expect(try fixture.database.tillReport(id: 1).movements.count == 1)
    }

    /// Real acts every minute keep supervisor mode from its idle time, never past its cap:
    /// 10 minutes after the PIN it ends, and the act typed then is not done.
    @Test func theCapEndsSupervisorModeHoweverBusy() throws {
        let fixture = try CounterFixture()
        var script = ["spv", "S1", CounterFixture.pin]
        for minute in 1...10 { script += ["<+60>", minute.isMultiple(of: 2) ? "ada PGR" : "habis PGR"] }
        script += ["<+60>", "habis AIR", "keluar"]
        let (_, screen) = fixture.run(script, clock: TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!))
        #expect(screen.contains("spv S1> habis AIR\nMode petugas berakhir (batas 10 menit sejak PIN). Ketik spv untuk masuk lagi.\nBarista (kode): keluar\n"))
        let kinds = try fixture.database.journalEntries().filter { $0.kind.hasPrefix("item_") }.map(\.kind)
        #expect(kinds.count == 10)
        #expect(kinds.last == "item_available")
    }

    /// A money act asks the PIN again inside supervisor mode. A wrong one is journaled before
    /// it is shown, refuses the act and ends the mode.
    @Test func moneyActsAskThePINAgainInSupervisorMode() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin, "kas keluar 50000 beli es", CounterFixture.pin, "laci tukar uang", "111111", "kas masuk 10000 modal", "keluar",
        ])
        #expect(screen.contains("spv S1> kas keluar 50000 beli es\nPIN S1: ****\nKas keluar Rp50.000, disetujui S1.\n"))
        #expect(screen.contains("""
            spv S1> laci tukar uang
            PIN S1: ****
            PIN S1 salah (sisa 4 kali sebelum terkunci).
            Mode petugas berakhir karena PIN ditolak. Ketik spv untuk masuk lagi.
            Barista (kode): kas masuk 10000 modal

            """))
        let report = try fixture.database.tillReport(id: 1)
        #expect(report.movements.map(\.direction) == [.payOut])
        #expect(!report.approvals.contains { $0.kind == .noSale })
        let failed = try fixture.database.journalEntries().filter { $0.kind == "pin_failed" }
        #expect(failed.map(\.actor) == ["S1"])
    }

    @Test func soldOutAndBackAreJournaled() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin, "habis PGR", "selesai", "W01", CounterFixture.w01PIN, "PGR",
            "spv", "S1", CounterFixture.pin, "ada pgr", "selesai", "W01", CounterFixture.w01PIN, "PGR", "bayar", "pas", "y", "keluar",
        ])
        #expect(screen.contains("PGR habis."))
        #expect(screen.contains("PGR sedang tidak tersedia."))
        #expect(screen.contains("PGR tersedia lagi."))
        #expect(try fixture.database.orders(day: fixture.today).count == 1)
        #expect(try fixture.database.journalEntries().filter { $0.kind.hasPrefix("item_") }.map(\.kind) == ["item_sold_out", "item_available"])
    }

    /// `spv` from inside an order, then `selesai`, lands at the barista prompt as the operator
    /// guide says; the order being taken is dropped, and said so. A refused PIN leaves it be.
    @Test func supervisorModeFromAnOrderEndsAtTheBaristaPrompt() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "PGR", "spv", "S1", "111111", "AMR", "spv", "S1", CounterFixture.pin, "selesai",
            "W01", CounterFixture.w01PIN, "AIR", "bayar", "pas", "y", "keluar",
        ])
        #expect(screen.contains("spv S1> selesai\nPesanan dibatalkan; tidak ada yang disimpan.\nBarista (kode): W01\n"))
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map { $0.lines.map(\.itemCode) } == [["AIR"]])
    }

    /// A void says what goes back and how: QRIS as a QRIS refund with its reference, the cash
    /// part from the drawer.
    @Test func aVoidSaysWhatGoesBackAndHow() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "PGR", "AMR", "bayar", "qris 10000 QR-5", "tunai 20000", "y",
            "spv", "S1", CounterFixture.pin, "batal 1 salah input", CounterFixture.pin, "selesai", "keluar",
        ])
        #expect(screen.contains(
            "Pesanan #1 dibatalkan, disetujui S1. Kembalikan ke pelanggan: QRIS QR-5 Rp10.000 sebagai refund QRIS, tunai Rp15.000 dari laci.\n"))
    }

    /// Closing the till with WBP still clocked in names them (code and alias) before the count
    /// is confirmed; once they are clocked out, nothing is said.
    @Test func closingWithWBPClockedInNamesThemFirst() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "spv", "S1", CounterFixture.pin, "tutup 100000x2", CounterFixture.pin, "n", "pulang W01", "pulang W02",
            "tutup 100000x2", CounterFixture.pin, "y", "selesai", "keluar",
        ])
        let warned = try #require(screen.range(of: "Perhatian: masih absen masuk: "))
        let asked = try #require(screen.range(of: "Dihitung Rp200.000 — benar? (y/n): n\n"))
        #expect(warned.upperBound <= asked.lowerBound)
        let warning = screen[warned.lowerBound...].prefix { $0 != "\n" }
        #expect(warning.contains("W01 (Bima)") && warning.contains("W02 (Arka)"))
        #expect(screen.components(separatedBy: "masih absen masuk").count == 2)
        #expect(try fixture.database.openTill() == nil)
    }

    /// Cash goes back in coins the drawer has: a line paid Rp9.286 is refunded Rp9.200, the
    /// Rp86 recorded as rounding; the rest of the order brings it back, and the till nets.
    @Test func cashRefundsAreRoundedAsSalesAreAndTheTillNets() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "KSGA", "PGR", "diskon 7% pelanggan tetap", "S1", CounterFixture.pin, "bayar", "pas", "y",
            "spv", "S1", CounterFixture.pin, "refund 1 2 dingin", CounterFixture.pin, "refund 1 sisa", CounterFixture.pin,
            "tutup 100000x2", CounterFixture.pin, "y", "selesai", "keluar",
        ])
        // 28.000 less 7% is 26.040, rounded down to 26.000: the lines were paid 16.714 and 9.286.
        #expect(screen.contains("Refund Rp9.200 untuk pesanan #1, disetujui S1: tunai Rp9.200 (pembulatan -Rp86)."))
        #expect(screen.contains("Refund Rp16.800 untuk pesanan #1, disetujui S1: tunai Rp16.800 (pembulatan +Rp86)."))
        // By hand: 200.000 float + 26.000 cash sale − 9.200 − 16.800 handed back.
        #expect(screen.contains("Kas #1 ditutup. Dihitung Rp200.000 · seharusnya Rp200.000 · selisih Rp0"))
        #expect(try fixture.database.tillReport(id: 1).figures.cashRefunds == 26_000)
        #expect(try fixture.database.order(day: fixture.today, number: 1)?.status == .refunded)
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func refundsAtTheCounterGoBackByLineAndTender() throws {
        let fixture = try CounterFixture()
        // QRIS paid back in cash needs a second supervisor's PIN.
        try fixture.database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: "580317",
                                           approvedBy: "S1", at: CounterFixture.start)
        let (_, screen) = fixture.run([
            "W01", CounterFixture.w01PIN, "PGR", "AMR", "bayar", "qris 10000 QR-5", "tunai 15000", "y",
            "spv", "S1", CounterFixture.pin, "refund 1 2 dingin", CounterFixture.pin, "batal 1 salah", CounterFixture.pin,
            "refund 1 2 lagi", CounterFixture.pin, "refund 1 qris-tunai sisa", "S2", CounterFixture.pin, "580317", "selesai", "keluar",
        ])
        // Line 2 (Rp15.000 of Rp25.000) went back 6.000 by QRIS and 9.000 in cash, as it was paid.
        #expect(screen.contains("Refund Rp15.000 untuk pesanan #1, disetujui S1: QRIS QR-5 Rp6.000, tunai Rp9.000."))
        #expect(screen.contains("Pesanan #1 sudah direfund sebagian: refund sisanya, jangan dibatalkan."))
        #expect(screen.contains("Baris 2 tinggal 0 yang bisa direfund."))
        #expect(screen.contains("Refund Rp10.000 untuk pesanan #1, disetujui S1 dan S2: tunai (QRIS QR-5) Rp4.000, tunai Rp6.000."))
        let figures = try fixture.database.tillReport(id: 1).figures
        #expect(figures.cashRefunds == 19_000)
        #expect(figures.qrisRefunds == 6_000)
        #expect(figures.qrisRefundedInCash == 4_000)
        #expect(figures.expectedCash == Rupiah(196_000))   // 200.000 + 15.000 cash sale − 19.000 cash refunds
    }
}
