import Foundation
import Testing

@Suite struct CommandEndToEndTests {
    @Test func versionAnswers() throws {
        let result = try KasirProcess.execute(KasirProcess.binary, ["--version"], input: "", environment: [:], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        #expect(result.stdout == "kasir 0.2.0\n")
    }

    @Test func orderNewPrintsTheFiguresScriptsRelyOn() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let result = try kasir.run([
            "order", "new", "--server", "W01", "--item", "KSGA:2:size=L,sugar=less", "--item", "PGR",
            "--pay", "Rp100.000", "--format", "json",
        ].map { $0 == "Rp100.000" ? "cash:Rp100.000" : $0 })
        #expect(result.status == 0)
        let order = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(order["number"] as? Int == 1)
        #expect(order["day"] as? String == "2026-11-29")
        #expect(order["subtotal"] as? Int == 56_000)
        #expect(order["tax"] as? Int == 5_091)
        #expect(order["total"] as? Int == 56_000)
        #expect(order["change"] as? Int == 44_000)

        let text = try kasir.run(["order", "new", "--server", "w02", "--item", "V60:1:temp=iced", "--pay", "qris:27000:ABC123", "--type", "takeaway", "--note", "tanpa gula"])
        #expect(text.stdout == "Pesanan #2 (2026-11-29) tersimpan · Total Rp27.000\n")

        let show = try kasir.run(["order", "show", "2"])
        #expect(show.stdout == """
            Pesanan #2 · 2026-11-29 10:00 WITA
            Barista: Arka (W02) · Bawa pulang
            Catatan: tanpa gula
            ------------------------------------------------
              1. 1× V60                             Rp27.000
                   Dingin
            ------------------------------------------------
              Subtotal                              Rp27.000
              PB1 10% (termasuk)                     Rp2.455
              TOTAL                                 Rp27.000
              QRIS ABC123                           Rp27.000

            """)
        #expect(!show.stdout.contains("Andi Wijaya"))
        #expect(!show.stdout.contains("B.13/2024"))
    }

    @Test func exclusiveTaxAndRoundingReachTheTotal() throws {
        let kasir = try KasirProcess()
        try kasir.edit("kasir.toml", "prices_include_tax = true ", "prices_include_tax = false")
        try kasir.prepareCafe()
        // Kopi Tubruk 8.000 + Teh Tarik 12.000 = 20.000; PB1 10% on top = 2.000; 22.000.
        // Americano iced L: 15.000 + 2.000 + 5.000 = 22.000 → 24.200.
        let result = try kasir.run(["order", "new", "--server", "W01", "--item", "TBK", "--item", "TTR", "--item", "AMR:1:temp=iced,size=L", "--pay", "cash:50000", "--format", "json"])
        let order = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(order["subtotal"] as? Int == 42_000)
        #expect(order["tax"] as? Int == 4_200)
        #expect(order["total"] as? Int == 46_200)
        #expect(order["change"] as? Int == 3_800)
    }

    @Test func ordersAcrossWITAMidnightBelongToDifferentDays() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        kasir.now = "2026-11-29T15:59:00Z"   // 23:59 WITA
        let late = try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000", "--format", "json"])
        kasir.now = "2026-11-29T16:01:00Z"   // 00:01 WITA, the next day
        let early = try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000", "--format", "json"])
        let lateOrder = try #require(try JSONSerialization.jsonObject(with: Data(late.stdout.utf8)) as? [String: Any])
        let earlyOrder = try #require(try JSONSerialization.jsonObject(with: Data(early.stdout.utf8)) as? [String: Any])
        #expect(lateOrder["day"] as? String == "2026-11-29")
        #expect(earlyOrder["day"] as? String == "2026-11-30")
        #expect(lateOrder["number"] as? Int == 1)
        #expect(earlyOrder["number"] as? Int == 1)
        #expect(try kasir.run(["order", "list", "--day", "2026-11-29"]).stdout == "#1\t23:59\tW01\tdine-in\tRp5.000\tpaid\n")
        #expect(try kasir.run(["order", "list", "--day", "2026-11-30"]).stdout == "#1\t00:01\tW01\tdine-in\tRp5.000\tpaid\n")
    }

    /// Each bad input: one clear line on standard error, exit status 1, an unchanged database —
    /// once for each way `order new` refuses (the item and menu, the payment's form, the payment
    /// against the total, a missing payment, no item). Every other variant of these rules is
    /// Core's (ItemSpecTests, RupiahTests, SettlementTests, OrderLineTests), and its line the
    /// catalogue's (KasirMessagesTests: RefusalWordsTests).
    @Test(arguments: [
        (["--item", "XYZ", "--pay", "cash:10000"], "Menu tidak dikenal: XYZ. Ketik 'menu' untuk daftar."),
        (["--item", "PGR", "--pay", "cash:5000"], "Uang tunai kurang: perlu Rp10.000, diterima Rp5.000."),
        (["--item", "PGR", "--pay", "card:10000"], "Pembayaran tidak dikenali: \"card:10000\" (contoh: cash:50000 atau qris:25000:REF)."),
        (["--item", "PGR"], "Belum ada pembayaran."),
        (["--pay", "cash:10000"], "Pesanan masih kosong."),
    ])
    func badOrderInputChangesNothing(arguments: [String], line: String) throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let before = try kasir.dump()
        let result = try kasir.run(["order", "new", "--server", "W01"] + arguments)
        #expect(result.status == 1)
        #expect(result.stderr == line + "\n")
        #expect(result.stdout == "")
        #expect(try kasir.dump() == before)
    }

    @Test func unknownOrInactiveServersAreRefused() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.supervised(["staff", "add", "--code", "W03", "--registration", "B.14/2024", "--name", "Candra", "--alias", "Cakra", "--status", "released",
                                           "--decree", "SK-3", "--decree-from", "2026-01-01", "--decree-until", "2026-12-31"]).status == 0)
        let before = try kasir.dump()
        // A malformed code ("W 1") is Core's rule (StaffCodeTests), its line the catalogue's.
        for (server, line) in [
            ("W77", "Petugas tidak dikenal: W77."),
            ("W03", "W03 tidak aktif (bebas): tidak boleh melayani."),
        ] {
            let result = try kasir.run(["order", "new", "--server", server, "--item", "PGR", "--pay", "cash:10000"])
            #expect(result.status == 1)
            #expect(result.stderr == line + "\n")
        }
        #expect(try kasir.dump() == before)
    }

    @Test func staffAreRegisteredOnceAndListed() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let before = try kasir.dump()
        let duplicate = try kasir.supervised(["staff", "add", "--code", "W01", "--registration", "B.99", "--name", "X", "--alias", "Xen"])
        #expect(duplicate.status == 1)
        #expect(duplicate.stderr == "Kode W01 sudah dipakai.\n")
        let sameAlias = try kasir.supervised(["staff", "add", "--code", "W05", "--registration", "B.99", "--name", "X", "--alias", "bima"])
        #expect(sameAlias.stderr == "Alias bima sudah dipakai.\n")
        #expect(try kasir.dump() == before)
        // Inmates' names and registration numbers only to a supervisor.
        let list = try kasir.run(["staff", "list"])
        #expect(list.stdout == "W01\tbarista\tBima\t-\t-\taktif\nW02\tbarista\tArka\t-\t-\taktif\n"
            + "S1\tadmin\tS1\tPak Hadi\t198001012005011001\taktif\n")
        let named = try kasir.supervised(["staff", "list"])
        #expect(named.stdout == "W01\tbarista\tBima\tBudi Santoso\tB.12/2024\taktif\nW02\tbarista\tArka\tAndi Wijaya\tB.13/2024\taktif\n"
            + "S1\tadmin\tS1\tPak Hadi\t198001012005011001\taktif\n")
    }

    @Test func aCorruptDatabaseIsNamedAndLeftAlone() throws {
        let kasir = try KasirProcess()
        let garbage = Data((0..<16_384).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try garbage.write(to: kasir.database)
        let result = try kasir.run(["order", "list"])
        #expect(result.status == 1)
        #expect(result.stderr == "Basis data rusak atau bukan basis data Kasir: \(kasir.database.path).\n")
        #expect(try Data(contentsOf: kasir.database) == garbage)
    }

    @Test func aMissingOrBrokenConfigIsNamed() throws {
        let kasir = try KasirProcess()
        let missing = try kasir.run(["order", "list"], environment: ["KASIR_CONFIG": kasir.folder.appendingPathComponent("nowhere").path])
        #expect(missing.status == 1)
        #expect(missing.stderr == "Berkas konfigurasi tidak bisa dibaca: \(kasir.folder.appendingPathComponent("nowhere/kasir.toml").path).\n")
        try kasir.edit("kasir.toml", "rate_percent = 10", "rate_percent = 15")
        let broken = try kasir.run(["order", "list"])
        #expect(broken.status == 1)
        #expect(broken.stderr == "kasir.toml: tax.rate_percent: di luar batas (0–10).\n")
        #expect(!FileManager.default.fileExists(atPath: kasir.database.path))
    }

    @Test func showingAnOrderThatDoesNotExist() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let result = try kasir.run(["order", "show", "9"])
        #expect(result.status == 1)
        #expect(result.stderr == "Tidak ada pesanan #9 pada 2026-11-29.\n")
        let badDay = try kasir.run(["order", "list", "--day", "2026-02-30"])
        #expect(badDay.stderr == "Tanggal tidak sah: \"2026-02-30\" (format YYYY-MM-DD).\n")
    }

    @Test func aMenuPriceChangeLeavesTakenOrdersAlone() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA", "--pay", "cash:20000"]).status == 0)
        try kasir.edit("menu.toml", "name = \"Es Kopi Susu Gula Aren\"\ncategory = \"kopi\"\nprice = 18000", "name = \"Es Kopi Susu Gula Aren\"\ncategory = \"kopi\"\nprice = 20000")
        let imported = try kasir.supervised(["menu", "import"])
        #expect(imported.stdout == "Menu: baru -; harga berubah KSGA; ditarik -; tetap 11.\n")
        #expect(try kasir.sqlite("SELECT unit_price FROM order_lines; SELECT total FROM orders; SELECT price FROM menu_items WHERE code = 'KSGA';") == "18000\n18000\n20000\n")
    }
}
