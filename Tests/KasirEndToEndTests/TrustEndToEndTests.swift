import Foundation
import Testing

/// The guarantees Kasir exists for, each shown by the built binary.
extension KasirProcess {
    func json(_ result: Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// An order that must succeed.
    @discardableResult
    func sell(_ arguments: String...) throws -> [String: Any] {
        try json(run(["order", "new", "--format", "json"] + arguments))
    }

    /// A journal head as the Z report prints it on 58 mm paper: four lines of four groups of four.
    static func printedHead(_ head: String) -> String {
        let digits = Array(head)
        let groups = stride(from: 0, to: digits.count, by: 4).map { String(digits[$0..<min($0 + 4, digits.count)]) }
        return stride(from: 0, to: groups.count, by: 4).map { groups[$0..<min($0 + 4, groups.count)].joined(separator: " ") }
            .joined(separator: "\n")
    }
}

@Suite struct BlindCloseEndToEndTests {
    /// The count is committed before anything shows the expected cash: killed right after it,
    /// the count is on record, the till still open, and nothing revealed.
    @Test func theCountIsCommittedBeforeAnythingIsShown() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let killed = try kasir.supervised(["till", "close", "--count", "100000x2"], environment: ["KASIR_FAULT": "after-count"])
        #expect(killed.status == 9)   // SIGKILL, at the named moment
        #expect(!killed.stdout.contains("seharusnya") && !killed.stderr.contains("seharusnya"))
        #expect(try kasir.sqlite("SELECT kind, counted_cash FROM till_counts;") == "close|200000\n")
        #expect(try kasir.sqlite("SELECT closed_at IS NULL FROM tills;") == "1\n")
        #expect(try kasir.sqlite("SELECT kind FROM journal ORDER BY seq DESC LIMIT 1;") == "till_count\n")
        // From a script only the PIN line is read: no "close? (y/n)" after the reveal.
        let close = try kasir.supervised(["till", "close", "--count", "100000x2,10000x1"])
        #expect(close.status == 0, "\(close.stderr)")
        #expect(close.stdout.hasPrefix("Kas #1 ditutup. Dihitung Rp210.000 · seharusnya Rp210.000 · selisih Rp0\n"))
        // The aborted close's count stays on the Z report beside the one that closed the till.
        #expect(close.stdout.components(separatedBy: "Hitung tutup 10:00").count == 3)
        #expect(try kasir.sqlite("SELECT kind, counted_cash FROM till_counts ORDER BY id;") == "close|200000\nclose|210000\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func aRecountAfterTheRevealIsANewJournaledCount() throws {
        let cups = try PrivateCUPS()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let printer = ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"]
        let close = try kasir.json(kasir.supervised(["till", "close", "--count", "100000x1,50000x1", "--format", "json"], environment: printer))
        #expect(close["variance"] as? Int == -50_000)
        kasir.now = "2026-11-29T02:30:00Z"
        let recount = try kasir.supervised(["till", "recount", "--count", "100000x2"], environment: printer)
        #expect(recount.stdout
            == "Hitung ulang kas #1 dicatat: Rp200.000 · seharusnya Rp200.000 · selisih Rp0. Selisih penutupan tetap dari hitungan buta.\n")
        // The blind count stays the till's figure; the recount is beside it, journaled.
        #expect(try kasir.sqlite("SELECT variance FROM tills;") == "-50000\n")
        #expect(try kasir.sqlite("SELECT kind, counted_cash FROM till_counts ORDER BY id;") == "close|150000\nrecount|200000\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'till_recount';") == "1\n")
        // The Z report printed again carries every count with its time.
        let z = String(decoding: try cups.bytes(try #require(try cups.printed().last)), as: UTF8.self)
        for line in ["Hitung tutup 10:00", "Hitung ulang 10:30", "S1, selisih kurang Rp50.000", "S1, selisih Rp0"] {
            #expect(z.contains(line), "\(line)")
        }
        // With the head the recount made, not the close's: the paper vouches for the recount too.
        let recountHead = try kasir.sqlite("SELECT hash FROM journal WHERE kind = 'till_recount';").trimmingCharacters(in: .newlines)
        #expect(z.contains("Jurnal (SHA-256):\n" + KasirProcess.printedHead(recountHead) + "\n"))
        let closeHead = try #require(close["journal_head"] as? String)
        #expect(!z.contains(KasirProcess.printedHead(closeHead)))
        #expect(try kasir.run(["audit", "verify", "--head", recountHead]).stdout.hasPrefix("Kepala yang diberikan ada di jurnal; 0 baris sesudahnya.\n"))
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// The X report mid-shift shows no cash figure from which the expected cash follows.
    @Test func theXReportGivesNoCashAway() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        #expect(try kasir.supervised(["till", "move", "out", "5000", "--reason", "es batu"]).status == 0)
        let x = try kasir.run(["till", "x", "--no-print"])
        #expect(x.status == 0, "\(x.stderr)")
        #expect(x.stdout.contains("LAPORAN X") && x.stdout.contains("Angka kas hanya di laporan Z:"))
        for figure in ["Penjualan tunai", "Modal awal", "Kas keluar", "Rp100.000", "Rp5.000", "Rp10.000"] {
            #expect(!x.stdout.contains(figure), "\(figure)")
        }
        let z = try kasir.supervised(["till", "close", "--count", "100000x1,5000x1"])
        #expect(z.stdout.contains("Penjualan tunai") && z.stdout.contains("Kas keluar"))
    }

    @Test func theCounterConfirmsTheCountThenShowsTheVariance() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let session = "spv\nS1\n246810\ntutup 100000x2\n246810\ny\nselesai\nkeluar\n"
        let result = try kasir.run(["counter"], input: session)
        #expect(result.status == 0, "\(result.stderr)")
        let confirm = try #require(result.stdout.range(of: "Dihitung Rp200.000 — benar? (y/n): y\n"))
        #expect(!result.stdout[..<confirm.lowerBound].contains("seharusnya"))
        #expect(result.stdout[confirm.upperBound...].hasPrefix("Kas #1 ditutup. Dihitung Rp200.000 · seharusnya Rp200.000 · selisih Rp0\n"))
        #expect(!result.stdout.contains("Tutup kas?"))
    }
}

@Suite struct MoneyOnceEndToEndTests {
    /// Seen on the old main: a cash sale, a line refunded, then the order voided: the refund
    /// came out twice, so Rp15.000 could be pocketed with no variance.
    @Test func aVoidAfterARefundIsRefusedAndTheDrawerBalances() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--item", "AMR", "--pay", "cash:25000")
        #expect(try kasir.supervised(["order", "refund", "1", "--line", "2", "--reason", "dingin"]).status == 0)
        let before = try kasir.dump()
        let void = try kasir.supervised(["order", "void", "1", "--reason", "salah"])
        #expect(void.status == 1)
        #expect(void.stderr == "Pesanan #1 sudah direfund sebagian: refund sisanya, jangan dibatalkan.\n")
        #expect(try kasir.dump() == before)
        let close = try kasir.json(kasir.supervised(["till", "close", "--count", "100000x2,10000x1", "--format", "json"]))
        #expect(close["expected_cash"] as? Int == 210_000)
        #expect(close["variance"] as? Int == 0)
        let sales = try kasir.run(["report", "sales", "--month", "2026-11", "--format", "json"])
        let report = try kasir.json(sales)
        #expect(report["revenue"] as? Int == 25_000)
        #expect(report["refunds"] as? Int == 15_000)
        #expect(report["net_revenue"] as? Int == 10_000)
    }

    @Test func linesComeBackOnceAtWhatTheyWerePaidByTheTendersThatPaid() throws {
        let cups = try PrivateCUPS()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let printer = ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"]
        // PGR 10.000 + AMR 15.000, 10% off the order: 22.500, paid 7.500 by QRIS and 15.000 in cash.
        let order = try kasir.json(kasir.supervised(["order", "new", "--server", "W01", "--item", "PGR", "--item", "AMR", "--discount", "10%",
                                                     "--reason", "tetap", "--pay", "qris:7500:QR-A", "--pay", "cash:15000", "--format", "json"]))
        #expect(order["total"] as? Int == 22_500)
        #expect(try kasir.sqlite("SELECT amount, detail FROM approvals WHERE kind = 'discount';") == "2500|10%\n")
        // Line 2 was paid 13.500 (its share of the discount off): a third by QRIS, the rest in cash.
        let line = try kasir.json(kasir.supervised(["order", "refund", "1", "--line", "2", "--reason", "dingin", "--format", "json"], environment: printer))
        #expect(line["refunded"] as? Int == 13_500)
        #expect((line["parts"] as? [[String: Any]])?.map { "\($0["method"]!)/\($0["amount"]!)" } == ["qris/4500", "cash/9000"])
        let again = try kasir.supervised(["order", "refund", "1", "--line", "2", "--reason", "lagi"])
        #expect(again.stderr == "Baris 2 tinggal 0 yang bisa direfund.\n")
        // The rest, with the QRIS part paid back in cash because the supervisor chose it, and a
        // second supervisor approved it too.
        try #require(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "199002022015021002", "--name", "Bu Sari"],
                                          input: "580317\n580317\n").status == 0)
        let rest = try kasir.json(kasir.supervised(["order", "refund", "1", "--qris-cash", "--second", "S2", "--reason", "pulang", "--format", "json"],
                                                   input: "580317\n", environment: printer))
        #expect(rest["refunded"] as? Int == 9_000)
        #expect((rest["parts"] as? [[String: Any]])?.map { "\($0["method"]!)/\($0["tender"]!)/\($0["amount"]!)" } == ["cash/qris/3000", "cash/cash/6000"])
        #expect(try kasir.sqlite("SELECT status FROM orders;") == "refunded\n")
        // Every Rupiah once: the drawer gave back 15.000 of its 15.000; QRIS 4.500 plus 3.000 in cash.
        let z = try kasir.json(kasir.supervised(["till", "close", "--count", "100000x2", "--format", "json"], environment: printer))
        #expect(z["expected_cash"] as? Int == 200_000 + 15_000 - 9_000 - 3_000 - 6_000)
        #expect(z["cash_refunds"] as? Int == 18_000)
        // The slip of the QRIS paid in cash says so, and opens the drawer; the Z report shows it.
        let slips = try cups.printed().map { String(decoding: try cups.bytes($0), as: UTF8.self) }
        #expect(slips.contains { $0.contains("QRIS dikembalikan tunai") && $0.contains("\u{1B}p") })
        #expect(slips.last?.contains("QRIS dibayar tunai") == true)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// Cash goes back in coins the drawer has, rounded as a sale is: a line paid Rp9.286 comes
    /// back as Rp9.200 with -Rp86 recorded as rounding, the rest of the order brings it back,
    /// and the drawer's expected cash is still what a hand computation gives.
    @Test func cashRefundsAreRoundedAsSalesAreAndTheTillNets() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        // KSGA 18.000 + PGR 10.000, 7% off: 26.040, rounded down to 26.000; the lines were paid 16.714 and 9.286.
        let order = try kasir.json(kasir.supervised(["order", "new", "--server", "W01", "--item", "KSGA", "--item", "PGR", "--discount", "7%",
                                                     "--reason", "tetap", "--pay", "cash:26000", "--format", "json"]))
        #expect(order["total"] as? Int == 26_000)
        let cups = try PrivateCUPS()
        let line = try kasir.json(kasir.supervised(["order", "refund", "1", "--line", "2", "--reason", "dingin", "--format", "json"],
                                                   environment: ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"]))
        #expect(line["refunded"] as? Int == 9_200)
        // The slip adds up: the line as paid, the rounding, what the drawer gave.
        let slip = String(decoding: try cups.bytes(try #require(try cups.printed().last, "\(cups.diagnosis)")), as: UTF8.self)
        for row in ["1x Pisang Goreng         Rp9.286", "Pembulatan                 -Rp86", "TOTAL REFUND             Rp9.200", "Tunai                    Rp9.200"] {
            #expect(slip.contains(row), "\(row)\n\(slip)")
        }
        #expect(line["rounding"] as? Int == -86)
        #expect((line["parts"] as? [[String: Any]])?.map { "\($0["method"]!)/\($0["amount"]!)" } == ["cash/9200"])
        let rest = try kasir.json(kasir.supervised(["order", "refund", "1", "--reason", "pulang", "--format", "json"]))
        #expect(rest["refunded"] as? Int == 16_800)
        #expect(rest["rounding"] as? Int == 86)
        // The order records what its lines were paid; the rounding is kept beside each cash part.
        #expect(try kasir.sqlite("SELECT amount FROM refunds ORDER BY id;") == "9286\n16714\n")
        #expect(try kasir.sqlite("SELECT amount FROM refund_rounding ORDER BY id;") == "-86\n86\n")
        // The sales report counts what went back as it left the drawer.
        let sales = try kasir.json(kasir.run(["report", "sales", "--month", "2026-11", "--format", "json"]))
        #expect(sales["refunds"] as? Int == 26_000)
        #expect(try kasir.sqlite("SELECT status FROM orders;") == "refunded\n")
        // By hand: 200.000 float + 26.000 cash sale - 9.200 - 16.800 handed back.
        let z = try kasir.json(kasir.supervised(["till", "close", "--count", "100000x2", "--format", "json"]))
        #expect(z["cash_refunds"] as? Int == 26_000)
        #expect(z["expected_cash"] as? Int == 200_000)
        #expect(z["variance"] as? Int == 0)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// A void says what goes back to the customer and how.
    @Test func aVoidSaysWhatGoesBackAndHow() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "qris:4000:QR-V", "--pay", "cash:6000")
        let void = try kasir.supervised(["order", "void", "1", "--reason", "salah"])
        #expect(void.stdout == "Pesanan #1 dibatalkan, disetujui S1. Kembalikan ke pelanggan: QRIS QR-V Rp4.000 sebagai refund QRIS, tunai Rp6.000 dari laci.\n")
    }

    @Test func aQRISReferenceThatPaidAnotherOrderIsRefused() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "qris:10000:QR-77")
        let before = try kasir.dump()
        let again = try kasir.run(["order", "new", "--server", "W02", "--item", "PGR", "--pay", "qris:10000:QR-77"])
        #expect(again.status == 1)
        #expect(again.stderr == "Referensi QRIS QR-77 sudah dipakai pesanan lain: periksa bukti pembayarannya.\n")
        // The same reference in other letters is the same reference.
        let lower = try kasir.run(["order", "new", "--server", "W02", "--item", "PGR", "--pay", "qris:10000:qr-77"])
        #expect(lower.stderr == "Referensi QRIS QR-77 sudah dipakai pesanan lain: periksa bukti pembayarannya.\n")
        #expect(try kasir.dump() == before)
        // A reference an older Kasir stored in lower case still refuses the same one typed today.
        _ = try kasir.sqlite("DROP TRIGGER payments_fixed; UPDATE payments SET reference = 'qr-88' WHERE reference = 'QR-77';")
        let older = try kasir.run(["order", "new", "--server", "W02", "--item", "PGR", "--pay", "qris:10000:QR-88"])
        #expect(older.stderr == "Referensi QRIS QR-88 sudah dipakai pesanan lain: periksa bukti pembayarannya.\n")
    }

    /// A Rp0 order by an approved 100% discount or price override, from a script and at the
    /// counter (which once crashed with signal 4 at `bayar`).
    @Test func aComplimentaryOrderIsRecordedWithoutPayment() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let order = try kasir.json(kasir.supervised(["order", "new", "--server", "W01", "--item", "AIR", "--discount", "100%", "--reason", "tamu",
                                                     "--format", "json"]))
        #expect(order["total"] as? Int == 0)
        let counter = try kasir.run(["counter"], input: "W01\n135790\nPGR\nharga 1 0 jamuan kunjungan\nS1\n246810\nbayar\ny\nkeluar\n")
        #expect(counter.status == 0, "\(counter.stderr)")
        #expect(counter.stdout.contains("✔ Pesanan #2 tersimpan"))
        #expect(try kasir.sqlite("SELECT number, total, (SELECT COUNT(*) FROM payments p WHERE p.order_id = o.id) FROM orders o ORDER BY number;")
            == "1|0|0\n2|0|0\n")
        #expect(try kasir.sqlite("SELECT kind, amount FROM approvals ORDER BY id;") == "discount|5000\nprice_override|0\n")
    }

    /// Premi counts refunds net of PB1, as it counts sales, and the cost of what was sold when
    /// it was sold, whatever the menu says now.
    @Test func premiUsesRefundsNetOfTaxAndTheCostAtSale() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-10T00:00:00Z"
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR:2", "--pay", "cash:20000")   // 20.000, PB1 inside 1.818
        try #require(try kasir.supervised(["order", "refund", "1", "--line", "1:1", "--reason", "gosong"]).status == 0)   // 10.000, PB1 909
        let cost = try #require(Int(try kasir.sqlite("SELECT unit_cost FROM order_lines;").trimmingCharacters(in: .whitespacesAndNewlines)))
        try kasir.edit("menu.toml", "cost = \(cost)", "cost = 1")
        #expect(try kasir.supervised(["menu", "import"]).status == 0)
        let premi = try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))
        #expect(premi["revenue"] as? Int == (20_000 - 1_818) - (10_000 - 909))
        #expect(premi["cost"] as? Int == 2 * cost)
    }

    @Test func aPNBPDepositMustBeTheShareOfTheTillsItCovers() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "KSGA", "--pay", "cash:18000")
        try #require(try kasir.supervised(["till", "close", "--count", "100000x2,10000x1,5000x1,2000x1,1000x1"]).status == 0)
        let pending = try kasir.run(["pnbp", "pending"])
        let share = try #require(pending.stdout.split(separator: "\n").first.flatMap { $0.components(separatedBy: "bagian PNBP ").last })
        let wrong = try kasir.supervised(["pnbp", "deposit", "--amount", "18000", "--billing", "820261129000001", "--ntpn", "ABC123456"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "Setoran Rp18.000 tidak sama dengan bagian PNBP kas #1: \(share).\n")
        let right = try kasir.supervised(["pnbp", "deposit", "--amount", String(share), "--billing", "820261129000001", "--ntpn", "ABC123456", "--till", "1"])
        #expect(right.stdout == "Setoran PNBP \(share) dicatat untuk kas #1.\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }
}

@Suite struct RulesEndToEndTests {
    @Test func theShippedBinaryHasNoBenchCommand() throws {
        let kasir = try KasirProcess()
        let bench = try kasir.run(["bench", "record", "--db", kasir.database.path, "--config", kasir.config.path])
        #expect(bench.status != 0)
        #expect(!FileManager.default.fileExists(atPath: kasir.database.path))
    }

    @Test func initOnADatabaseThatExistsChangesNothing() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.edit("menu.toml", "price = 10000", "price = 1000")
        let before = try kasir.dump()
        let again = try kasir.run(["init"])
        #expect(again.status == 0)
        #expect(again.stdout.hasPrefix("Basis data sudah ada: "))
        #expect(try kasir.dump() == before)
        #expect(try kasir.run(["init", "--supervisor-code", "S9", "--supervisor-name", "X"], input: "999999\n999999\n").status == 1)
        #expect(try kasir.dump() == before)
    }

    @Test func aManualBackupNeverPushesOutAZBackup() throws {
        let kasir = try KasirProcess()
        try kasir.edit("kasir.toml", "keep = 30", "keep = 1")
        try kasir.prepareCafe()
        try #require(try kasir.supervised(["till", "close", "--count", "100000x2"]).status == 0)
        for minute in 1...3 {
            kasir.now = "2026-11-29T02:0\(minute):00Z"
            #expect(try kasir.supervised(["backup", "create"]).status == 0)
        }
        // Named in WITA, as the Z report's times are.
        let backups = kasir.folder.appendingPathComponent("backups").path
        let names = try FileManager.default.contentsOfDirectory(atPath: backups).sorted()
        #expect(names == ["kasir-manual-20261129-100300-WITA.sqlite", "kasir-z-20261129-100000-WITA.sqlite"])
        #expect(try kasir.sqlite("SELECT actor FROM journal WHERE kind = 'backup_created';") == "S1\nS1\nS1\n")
        // Checking them leaves nothing beside them.
        #expect(try kasir.run(["backup", "verify"]).status == 0)
        #expect(try kasir.run(["backup", "verify", "\(backups)/kasir-z-20261129-100000-WITA.sqlite"]).status == 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups).sorted() == names)
    }

    @Test func aReprintNeverOpensTheDrawerAndIsJournaled() throws {
        let cups = try PrivateCUPS()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let printer = ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"]
        #expect(try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"], environment: printer).status == 0)
        let original = try cups.bytes("receipt-1.bin")
        #expect(original.firstRange(of: Data([0x1B, 0x70])) != nil)
        let reprint = try kasir.supervised(["receipt", "reprint", "1"], environment: printer)
        #expect(reprint.status == 0, "\(reprint.stderr)")
        let copy = try cups.bytes(try #require(try cups.printed().last))
        #expect(String(decoding: copy, as: UTF8.self).contains("SALINAN"))
        #expect(copy.firstRange(of: Data([0x1B, 0x70])) == nil)
        #expect(try kasir.sqlite("SELECT actor, subject FROM journal WHERE kind = 'reprint';") == "S1|2026-11-29#1\n")
    }

    @Test func supervisorsPINsAndAdmins() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        // PINs are at least six digits.
        let short = try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "1990", "--name", "Bu Sari"], input: "1357\n1357\n")
        #expect(short.stderr == "PIN harus 6–12 angka.\n")
        #expect(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "1990", "--name", "Bu Sari"], input: "135790\n135790\n").status == 0)
        // Only an admin adds or suspends supervisors.
        let notAdmin = try kasir.run(["staff", "add-supervisor", "--code", "S3", "--nip", "1991", "--name", "Pak Tono", "--by", "S2"], input: "135790\n")
        #expect(notAdmin.stderr == "S2 bukan admin: hanya admin yang boleh melakukan ini.\n")
        #expect(try kasir.run(["staff", "status", "S1", "suspended", "--by", "S2"], input: "135790\n").stderr
            == "S2 bukan admin: hanya admin yang boleh melakukan ini.\n")
        // A supervisor changes their own PIN: the old one, then the new one twice.
        #expect(try kasir.run(["staff", "pin", "S2"], input: "135790\n27182818\n27182818\n").stdout == "PIN S2 diganti.\n")
        for _ in 1...5 { _ = try kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S2"], input: "000000\n") }
        #expect(try kasir.run(["till", "x", "--no-print"]).status == 0)
        #expect(try kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S2"], input: "27182818\n").stderr.hasPrefix("S2 terkunci"))
        // An admin unlocks, or sets a new PIN; both journaled.
        #expect(try kasir.supervised(["staff", "unlock", "S2"]).stdout == "Kunci S2 dibuka oleh S1.\n")
        #expect(try kasir.supervised(["staff", "reset-pin", "S2"], input: "31415926\n31415926\n").status == 0)
        #expect(try kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S2"], input: "31415926\n").status == 0)
        #expect(try kasir.sqlite("SELECT kind FROM journal WHERE kind IN ('pin_changed', 'pin_unlocked', 'pin_reset') ORDER BY seq;")
            == "pin_changed\npin_unlocked\npin_reset\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }
}

/// Exit statuses gathered from several threads.
final class Statuses: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int32] = []
    func add(_ status: Int32) { lock.lock(); values.append(status); lock.unlock() }
    var all: [Int32] { lock.lock(); defer { lock.unlock() }; return values }
}

@Suite struct LockoutEndToEndTests {
    /// Twelve guesses at once: the count is raised before the slow hash, so no more than the
    /// policy's five are ever checked.
    @Test func parallelGuessesDoNotEachGetATry() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let statuses = Statuses()
        DispatchQueue.concurrentPerform(iterations: 12) { index in
            statuses.add((try? kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S1"], input: String(format: "%06d\n", index)).status) ?? -1)
        }
        #expect(statuses.all.count == 12 && statuses.all.allSatisfy { $0 == 1 })
        let failures = Int(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'pin_failed';").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 99
        #expect(failures <= 5)
        #expect(try kasir.supervised(["till", "move", "in", "1000", "--reason", "x"]).stderr.hasPrefix("S1 terkunci"))
    }

    /// The policy was set from the config when the database was made; a copy of the config
    /// with twenty attempts changes nothing.
    @Test func aConfigFileCannotLoosenTheLockout() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.edit("kasir.toml", "pin_attempts = 5", "pin_attempts = 20")
        var last = ""
        for _ in 1...5 { last = try kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S1"], input: "000000\n").stderr }
        // When it ends, on the café's clock, and what to do meanwhile.
        #expect(last == "S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA (2026-11-29). Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock S1 --by ADMIN\n")
        #expect(try kasir.run(["security", "show"]).stdout.hasPrefix("PIN salah sebelum terkunci: 5\n"))
        // Only an admin's PIN changes it, journaled.
        kasir.now = "2026-11-29T03:00:00Z"
        #expect(try kasir.supervised(["security", "set", "--pin-attempts", "3"]).status == 0)
        #expect(try kasir.sqlite("SELECT pin_attempts FROM security_policy;") == "3\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'security_policy_set';") == "2\n")
    }

    /// KASIR_NOW dates orders and lifts lockouts in a debug build only; the release binary
    /// ignores it (built by scripts/test for the installer).
    @Test(.enabled(if: FileManager.default.fileExists(atPath: KasirProcess.releaseBinary.path), "the release binary is built by scripts/test"))
    func theReleaseBinaryHasNoClockOverride() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        kasir.now = "2030-01-01T02:00:00Z"
        let result = try KasirProcess.execute(KasirProcess.releaseBinary, ["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000",
                                                                            "--format", "json"],
                                              input: "", environment: ["KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path,
                                                                       "KASIR_NOW": kasir.now], in: kasir.folder)
        // The real clock: today is not 2030 (and not the day the fixture opened the till either).
        #expect(!result.stdout.contains("2030-"))
        #expect(try KasirProcess.execute(KasirProcess.releaseBinary, ["bench"], input: "", environment: [:], in: kasir.folder).status != 0)
    }
}

@Suite struct AttendanceEndToEndTests {
    @Test func shiftsAddUp() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-29T00:00:00Z"   // 08:00 WITA: W01 and W02 in
        try kasir.prepareCafe()
        kasir.now = "2026-11-29T09:00:00Z"   // 17:00
        #expect(try kasir.supervised(["attendance", "out", "W01", "--at", "2026-11-29 16:00", "--reason", "lembar"]).status == 0)
        let inside = try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-29 10:00", "--reason", "lembar"])
        #expect(inside.stderr == "W01 sudah tercatat bertugas 2026-11-29 08:00 WITA–16:00: giliran tidak boleh tumpang tindih.\n")
        let future = try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-29 18:00", "--reason", "x"])
        #expect(future.stderr == "Waktu 2026-11-29 18:00 WITA belum terjadi.\n")
        let old = try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-01 08:00", "--reason", "x"])
        #expect(old.stderr == "Waktu dari lembar absen paling lama 7 hari ke belakang.\n")
        let noReason = try kasir.supervised(["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-28 08:00"])
        #expect(noReason.stderr == "Waktu dari lembar absen (--at) perlu --reason.\n")
        // Suspending a WBP ends their open shift at that moment.
        #expect(try kasir.supervised(["staff", "status", "W02", "suspended"]).status == 0)
        #expect(try kasir.sqlite("SELECT clock_out FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = 'W02';")
            == "2026-11-29T09:00:00.000Z\n")
        let report = try kasir.json(kasir.run(["report", "training", "--month", "2026-11", "--format", "json"]))
        let hours = (report["staff"] as? [[String: Any]])?.map { ($0["hours"] as? NSNumber)?.doubleValue }
        #expect(hours == [8, 9])
    }

    /// A paper-sheet time that cannot be taken is refused before the PIN is asked: none is
    /// given on standard input here, and none is read, spent or journaled.
    @Test func aSheetTimeIsCheckedBeforeThePIN() throws {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-29T00:00:00Z"   // 08:00 WITA: W01 and W02 in
        try kasir.prepareCafe()
        kasir.now = "2026-11-29T09:00:00Z"   // 17:00
        let before = try kasir.dump()
        for (arguments, line) in [
            (["attendance", "out", "W01", "--at", "2026-11-29 18:00", "--reason", "x"], "Waktu 2026-11-29 18:00 WITA belum terjadi."),
            (["attendance", "out", "W01", "--at", "2026-11-01 08:00", "--reason", "x"], "Waktu dari lembar absen paling lama 7 hari ke belakang."),
            (["attendance", "out", "W01", "--at", "2026-11-29 16:00"], "Waktu dari lembar absen (--at) perlu --reason."),
            (["attendance", "in", "W02", "--station", "bar", "--at", "2026-11-29 18:00", "--reason", "x"], "Waktu 2026-11-29 18:00 WITA belum terjadi."),
        ] {
            let result = try kasir.run(arguments + ["--by", "S1"])
            #expect(result.status == 1)
            #expect(result.stderr == line + "\n", "\(arguments)")
        }
        #expect(try kasir.dump() == before)
    }
}

@Suite struct AuditEndToEndTests {
    /// The journal cut back behind a Z report's head passes a plain verify, never `--head`.
    @Test func aHeadOnPaperCatchesACutBack() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let z = try kasir.json(kasir.supervised(["till", "close", "--count", "100000x2", "--format", "json"]))
        let head = try #require(z["journal_head"] as? String)
        let verify = try kasir.run(["audit", "verify", "--head", head])
        #expect(verify.stdout.hasPrefix("Kepala yang diberikan ada di jurnal; 0 baris sesudahnya.\nJurnal utuh: "))
        let rows = try kasir.sqlite("SELECT COUNT(*) FROM journal;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(verify.stdout.hasSuffix("Jurnal utuh: \(rows) baris, kepala \(head).\n"))
        let seq = try kasir.sqlite("SELECT seq FROM journal WHERE kind = 'till_count';").trimmingCharacters(in: .whitespacesAndNewlines)
        try kasir.sqliteKeepingTriggers("""
            DROP TRIGGER journal_append_only_delete; DELETE FROM journal WHERE seq >= \(seq);
            DROP TRIGGER till_counts_append_only_delete; DELETE FROM till_counts;
            DROP TRIGGER tills_closed_are_fixed; DROP TRIGGER tills_head_written_once; UPDATE tills SET closed_at = NULL, closed_by = NULL, counted_cash = NULL,
                count_breakdown = NULL, expected_cash = NULL, variance = NULL, journal_head = NULL;
            """)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
        let caught = try kasir.run(["audit", "verify", "--head", head])
        #expect(caught.status == 1)
        #expect(caught.stderr == "Kepala \(head.prefix(16))… tidak ada di jurnal: jurnal dipotong atau diganti.\n")
    }

    /// The head is typed back as the Z report prints it — groups of four over lines, with the
    /// spaces; a head that is not one is said as that. (The other ways to type it — on one line,
    /// in capitals, in one piece — are JournalHead's rule: KasirCoreTests, JournalHeadTests.)
    @Test func theHeadIsTypedAsPrinted() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let close = try kasir.supervised(["till", "close", "--count", "100000x2"])
        #expect(close.status == 0, "\(close.stderr)")
        let head = try kasir.sqlite("SELECT journal_head FROM tills;").trimmingCharacters(in: .newlines)
        let printed = KasirProcess.printedHead(head)
        #expect(close.stdout.contains("Jurnal (SHA-256):\n" + printed + "\n"))
        let verify = try kasir.run(["audit", "verify", "--head", printed])
        #expect(verify.status == 0, "\(verify.stderr)")
        #expect(verify.stdout.hasPrefix("Kepala yang diberikan ada di jurnal; 0 baris sesudahnya.\n"))
        let short = try kasir.run(["audit", "verify", "--head", String(printed.dropLast())])
        #expect(short.status == 1)
        #expect(short.stderr == "Kepala jurnal tidak dikenali: \"\(head.prefix(16))…\" (64 angka heksadesimal 0–9 dan a–f seperti tercetak di laporan Z; spasi dan baris baru boleh).\n")
    }

    /// After a restore, the newest Z paper's head is of the branch the restore replaced: the
    /// check says so, with the restore's time, instead of "cut back or replaced".
    @Test func aHeadFromBeforeARestoreNamesTheRestore() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let created = try kasir.supervised(["backup", "create"])
        let path = created.stdout.replacingOccurrences(of: "Cadangan dibuat: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        kasir.now = "2026-11-29T08:00:00Z"
        let close = try kasir.supervised(["till", "close", "--count", "100000x2,10000x1"])
        #expect(close.status == 0, "\(close.stderr)")
        // The close says where its backup went, in WITA.
        #expect(close.stdout.contains("Cadangan dibuat: \(kasir.folder.appendingPathComponent("backups").path)/kasir-z-20261129-160000-WITA.sqlite\n"))
        let head = try kasir.sqlite("SELECT journal_head FROM tills;").trimmingCharacters(in: .newlines)
        kasir.now = "2026-11-29T09:00:00Z"
        try #require(try kasir.supervised(["backup", "restore", path]).status == 0)
        let verify = try kasir.run(["audit", "verify", "--head", KasirProcess.printedHead(head)])
        #expect(verify.status == 1)
        #expect(verify.stderr == "Kepala \(head.prefix(16))… tidak ada di jurnal ini: basis data dipulihkan dari cadangan pada 2026-11-29 17:00 WITA, "
                + "dan kepala ini ada di jurnal yang diganti (disimpan sebagai kasir-before-restore-20261129-170000-WITA.sqlite).\n")
    }

    /// Rows written past the foreign keys, entries slipped into the chain, and several edits
    /// at once are each reported: one finding hides no other.
    @Test func partsWithoutOwnersForgedUpgradeEntriesAndEveryEditAreFound() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        #expect(try kasir.supervised(["till", "close", "--count", "100000x1,10000x1"]).status == 0)
        let pending = try kasir.run(["pnbp", "pending"]).stdout
        // A deposit row for a deposit that does not exist hides nothing from `pnbp pending`.
        _ = try kasir.sqlite("INSERT INTO pnbp_deposit_tills (deposit_id, till_id, share) VALUES (99999, 1, 0);")
        #expect(try kasir.run(["pnbp", "pending"]).stdout == pending)
        var verify = try kasir.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("Baris deposit_tills milik 99999 yang tidak ada: ditulis di luar Kasir.\n"))
        _ = try kasir.sqlite("DROP TRIGGER pnbp_deposit_tills_append_only_delete; DELETE FROM pnbp_deposit_tills;")
        // A baseline entry appended after the fact is out of place, whatever its hash.
        let last = try kasir.sqlite("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .newlines).split(separator: "|")
        _ = try kasir.sqlite("""
            INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash) VALUES (\(Int(last[0])! + 1), '2026-11-29T02:00:00.000Z',
            'baseline', NULL, NULL, '{}', '\(last[1])', '\(String(repeating: "f", count: 64))');
            """)
        verify = try kasir.run(["audit", "verify"])
        #expect(verify.stderr.contains("Entri jurnal #\(Int(last[0])! + 1) adalah entri peningkatan di luar bloknya: disisipkan.\n"))
        // Two edited entries: both reported.
        _ = try kasir.sqlite("""
            DROP TRIGGER journal_append_only_update; UPDATE journal SET actor = 'X' WHERE seq IN (2, 5);
            """)
        verify = try kasir.run(["audit", "verify"])
        #expect(verify.stderr.contains("Jurnal baris 2 diubah") && verify.stderr.contains("Jurnal baris 5 diubah"), "\(verify.stderr)")
    }

    /// The daily check: `--since SEQ` checks the chain after a head already verified and the
    /// rows those entries vouch for; the full check stays the default and finds the rest.
    @Test func theDailyCheckCoversWhatIsNew() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let verified = try kasir.sqlite("SELECT MAX(seq) FROM journal;").trimmingCharacters(in: .newlines)
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")
        let daily = try kasir.run(["audit", "verify", "--since", verified])
        #expect(daily.status == 0, "\(daily.stderr)")
        #expect(daily.stdout.hasPrefix("Diperiksa 2 baris sesudah #\(verified) dan baris data yang dijaminnya.\nJurnal utuh: "))
        // An order sold today, edited: the daily check finds it. A staff row journaled before: only the full check.
        _ = try kasir.sqlite("DROP TRIGGER orders_money_fixed; UPDATE orders SET note = 'x' WHERE number = 2; UPDATE staff SET alias = 'Zz' WHERE code = 'W02';")
        let edited = try kasir.run(["audit", "verify", "--since", verified])
        #expect(edited.status == 1)
        #expect(edited.stderr.contains("orders baris 2 berbeda") && !edited.stderr.contains("staff baris"), "\(edited.stderr)")
        let full = try kasir.run(["audit", "verify"])
        #expect(full.stderr.contains("orders baris 2 berbeda") && full.stderr.contains("staff baris"))
        let nowhere = try kasir.run(["audit", "verify", "--since", "99999"])
        #expect(nowhere.status == 1 && nowhere.stderr.contains("Jurnal tidak punya baris #99999 untuk --since"))
    }

    @Test func priceAndPINEditsBehindKasirsBackAreFound() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        _ = try kasir.sqlite("UPDATE menu_items SET price = 100 WHERE code = 'PGR'; UPDATE staff SET pin_hash = 'x' WHERE code = 'S1';")
        let verify = try kasir.run(["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.contains("menu_items baris PGR berbeda dari jurnal baris "))
        #expect(verify.stderr.contains("staff baris 1 berbeda dari jurnal baris "))
    }
}

@Suite struct OneRuleEndToEndTests {
    /// A failed backup after a close is said by the counter and by the command alike.
    @Test func aBackupFailureIsReportedEverywhere() throws {
        for viaCounter in [false, true] {
            let kasir = try KasirProcess()
            try kasir.prepareCafe()
            try "not a folder".write(to: kasir.folder.appendingPathComponent("backups"), atomically: true, encoding: .utf8)
            let output: String
            if viaCounter {
                let result = try kasir.run(["counter"], input: "spv\nS1\n246810\ntutup 100000x2\n246810\ny\nselesai\nkeluar\n")
                output = result.stdout
            } else {
                output = try kasir.supervised(["till", "close", "--count", "100000x2"]).stderr
            }
            #expect(output.contains("Cadangan gagal dibuat: Cadangan tidak bisa ditulis: \(kasir.folder.appendingPathComponent("backups").path)."), "\(viaCounter)")
            #expect(try kasir.sqlite("SELECT closed_at IS NOT NULL FROM tills;") == "1\n")
        }
    }
}

/// PIN guessing at the counter (issue 18, item 2), through the built binary.
@Suite struct PINGuessingEndToEndTests {
    /// A wrong PIN for S1 on a money act; its standard error.
    func guess(_ kasir: KasirProcess) throws -> String {
        try kasir.run(["till", "move", "in", "1000", "--reason", "x", "--by", "S1"], input: "000000\n").stderr
    }

    static let lockedUntilAnAdmin = "S1 terkunci karena PIN salah berulang, untuk kedua kalinya dalam 24 jam: hanya admin yang dapat membuka kuncinya: "
        + "kasir staff unlock S1 --by ADMIN\n"

    @Test func weakPINsAreRefusedWithOneLine() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let add = ["staff", "add-supervisor", "--code", "S2", "--nip", "199002022015021002", "--name", "Bu Sari"]
        let sequence = try kasir.supervised(add, input: "123456\n123456\n")
        #expect(sequence.status == 1)
        #expect(sequence.stderr == "PIN tidak boleh angka berurutan (seperti 123456 atau 654321).\n")
        // The officer's birth date, from the NIP.
        #expect(try kasir.supervised(add, input: "02021990\n02021990\n").stderr == "PIN tidak boleh diambil dari NIP atau tanggal lahir petugas.\n")
        #expect(try kasir.run(["staff", "pin", "S1"], input: KasirProcess.pin + "111111\n111111\n").stderr
            == "PIN tidak boleh satu angka yang diulang (seperti 111111).\n")
        #expect(try kasir.supervised(["staff", "reset-pin", "S1"], input: "147258\n147258\n").stderr
            == "PIN ini termasuk yang paling sering dipakai orang: pilih yang lain.\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM staff WHERE code = 'S2';") == "0\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind IN ('pin_failed', 'pin_changed', 'pin_reset');") == "0\n")
        #expect(try kasir.supervised(add, input: "583017\n583017\n").status == 0)
    }

    /// Four wrong guesses, the right PIN, one more wrong guess: locked, and the right PIN in
    /// between was told of the four; the X report lists them.
    @Test func aRightPINBetweenWrongOnesStillLocksAndIsTold() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        for _ in 1...4 { _ = try guess(kasir) }
        let right = try kasir.supervised(["till", "move", "in", "1000", "--reason", "x"])
        #expect(right.status == 0)
        #expect(!right.stdout.contains("PIN salah"))   // standard output stays the command's
        #expect(right.stderr.contains("4 PIN salah sejak 29-11 10:00 WITA untuk S1: bila bukan Anda, lapor ke admin.\n"))
        // Once: the next sign-in has nothing to tell.
        #expect(try !kasir.supervised(["till", "move", "in", "1000", "--reason", "x"]).stderr.contains("PIN salah"))
        #expect(try guess(kasir) == "S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA (2026-11-29). "
            + "Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock S1 --by ADMIN\n")
        let x = try kasir.run(["till", "x", "--no-print"])
        #expect(x.status == 0, "\(x.stderr)")
        let lines = x.stdout.components(separatedBy: "\n")
        #expect(lines.contains("PIN salah"))
        #expect(lines.contains { $0.hasPrefix("S1 10:00") && $0.hasSuffix("5 kali") }, "\(x.stdout)")
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "S1 terkunci" })
    }

    /// After an expired lockout five more wrong PINs the same day lock S1 until an admin unlocks.
    @Test func aSecondLockoutInADayWaitsForAnAdmin() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "199002022015021002", "--name", "Bu Sari", "--admin"],
                                     input: "583017\n583017\n").status == 0)
        for _ in 1...4 { _ = try guess(kasir) }
        #expect(try guess(kasir).hasPrefix("S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA"))
        kasir.now = "2026-11-29T02:20:00Z"
        // The lockout has ended: a new round, but not a new day.
        #expect(try guess(kasir) == "PIN S1 salah (sisa 4 kali sebelum terkunci).\n")
        for _ in 1...3 { _ = try guess(kasir) }
        #expect(try guess(kasir) == Self.lockedUntilAnAdmin)
        kasir.now = "2026-11-29T07:00:00Z"
        #expect(try kasir.supervised(["till", "move", "in", "1000", "--reason", "x"]).stderr == Self.lockedUntilAnAdmin)
        #expect(try kasir.run(["staff", "unlock", "S1", "--by", "S2"], input: "583017\n").stdout == "Kunci S1 dibuka oleh S2.\n")
        let after = try kasir.supervised(["till", "move", "in", "1000", "--reason", "x"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(after.stderr.contains("10 PIN salah sejak 29-11 10:00 WITA untuk S1"))
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'pin_lockout';") == "2\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }
}
