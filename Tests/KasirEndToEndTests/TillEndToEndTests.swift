import Foundation
import Testing

@Suite struct TillEndToEndTests {
    func json(_ result: KasirProcess.Result) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    /// Open with a float, three WBP, orders by each, a pay-out, an approved refund, a discount,
    /// a wrong PIN, and a blind close Rp2.000 short: every figure checked.
    @Test func aFullDayClosesToTheRupiah() throws {
        let cups = try PrivateCUPS()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.supervised(["staff", "add", "--code", "W03", "--registration", "B.14/2024", "--name", "Candra", "--alias", "Cakra",
                                           "--decree", "SK-W03/2026", "--decree-from", "2026-06-01", "--decree-until", "2027-05-31"]).status == 0)
        try #require(try kasir.supervised(["attendance", "in", "W03", "--station", "dapur"]).status == 0)

        let first = try json(kasir.run(["order", "new", "--server", "W01", "--item", "KSGA", "--pay", "cash:20000", "--format", "json"]))
        #expect(first["total"] as? Int == 18_000)
        let second = try json(kasir.run(["order", "new", "--server", "W02", "--item", "CAP:1:temp=iced", "--pay", "qris:24000:QR-9", "--format", "json"]))
        #expect(second["total"] as? Int == 24_000)
        // 2×10.000 + 6.000 = 26.000, 10% off = 23.400; PB1 inside: 23.400×10/110 = 2.127,3 → 2.127.
        let third = try json(kasir.supervised(["order", "new", "--server", "W03", "--item", "PGR:2", "--item", "ETM", "--pay", "cash:50000",
                                               "--discount", "10%", "--reason", "pelanggan tetap", "--format", "json"]))
        #expect(third["subtotal"] as? Int == 26_000)
        #expect(third["discount"] as? Int == 2_600)
        #expect(third["tax"] as? Int == 2_127)
        #expect(third["total"] as? Int == 23_400)
        #expect(third["change"] as? Int == 26_600)

        #expect(try kasir.supervised(["till", "move", "out", "15000", "--reason", "beli es batu"]).status == 0)
        let wrong = try kasir.run(["order", "refund", "1", "--reason", "salah pesan", "--by", "S1"], input: "9999\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "PIN S1 salah (sisa 4 kali sebelum terkunci).\n")
        let refund = try kasir.supervised(["order", "refund", "1", "--reason", "salah pesan"])
        #expect(refund.stdout == "Refund Rp18.000 untuk pesanan #1, disetujui S1: tunai Rp18.000.\n")

        // Blind close: 100.000×2 + 5.000 + 1.000 + 200×2 = 206.400 counted.
        // Expected: 200.000 + (18.000 + 23.400) − 18.000 − 15.000 = 208.400; short by 2.000.
        let close = try kasir.supervised(["till", "close", "--count", "100000x2,5000x1,1000x1,200x2", "--yes", "--format", "json"],
                                         environment: ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"])
        #expect(close.status == 0, "\(close.stderr)")
        let z = try json(close)
        #expect(z["expected_cash"] as? Int == 208_400)
        #expect(z["counted_cash"] as? Int == 206_400)
        #expect(z["variance"] as? Int == -2_000)
        #expect(z["cash_sales"] as? Int == 41_400)
        #expect(z["qris_sales"] as? Int == 24_000)
        let head = try #require(z["journal_head"] as? String)
        #expect(head.count == 64)
        #expect(try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;") == head + "\n")

        // The Z report reached the printer, with the figures and the journal head in groups of
        // four on whole lines, to be typed back as printed.
        // Slips still pending from before (no printer then) print now too; the Z report is last.
        let printed = try cups.printed()
        #expect(printed.count == 7)
        let zReport = String(decoding: try cups.bytes(try #require(printed.last)), as: UTF8.self)
        let printedHead = "Jurnal (SHA-256):\n" + KasirProcess.printedHead(head) + "\n"
        for line in ["LAPORAN Z", "Penjualan tunai         Rp41.400", "Penjualan QRIS          Rp24.000", "Refund tunai            Rp18.000",
                     "Kas keluar              Rp15.000", "Modal awal             Rp200.000", "Kas dihitung           Rp206.400",
                     "Kas seharusnya         Rp208.400", "Selisih kurang           Rp2.000", "Refund #1               Rp18.000",
                     "   salah pesan (S1,", "Diskon #3", printedHead] {
            #expect(zReport.contains(line), "\(line)")
        }
        // The till is locked: no sale after the close; a backup was left; the journal holds.
        let late = try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000"])
        #expect(late.stderr == "Kas belum dibuka: petugas membuka kas dulu (kasir till open).\n")
        #expect(try kasir.run(["backup", "verify"]).status == 0)
        #expect(try kasir.run(["audit", "verify"]).stdout.hasPrefix("Jurnal utuh: "))
        #expect(try kasir.sqlite("SELECT kind FROM journal WHERE kind LIKE 'pin%' ORDER BY seq;") == "pin_failed\n")
    }

    @Test func anOrderTotalChangedBehindKasirsBackIsFound() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        for item in ["KSGA", "PGR", "AIR"] {
            try #require(try kasir.run(["order", "new", "--server", "W01", "--item", item, "--pay", "cash:20000"]).status == 0)
        }
        #expect(try kasir.run(["audit", "verify"]).status == 0)
        // The database refuses the edit until its trigger is dropped.
        let refused = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [kasir.database.path],
                                               input: "UPDATE orders SET total = 1000 WHERE number = 2;\n", environment: [:], in: kasir.folder)
        #expect(refused.stderr.contains("an order's figures are fixed"))
        // Edited with the trigger put back after, so that only the rows tell.
        try kasir.sqliteKeepingTriggers("DROP TRIGGER orders_money_fixed; UPDATE orders SET subtotal = 1000, total = 1000, tax = 91 WHERE number = 2;")
        let verify = try kasir.run(["audit", "verify"])
        #expect(verify.status == 1)
        let orderID = try kasir.sqlite("SELECT id FROM orders WHERE number = 2;").trimmingCharacters(in: .whitespacesAndNewlines)
        let seq = try kasir.sqlite("SELECT seq FROM journal WHERE kind = 'order' AND subject = '2026-11-29#2';").trimmingCharacters(in: .whitespacesAndNewlines)
        // The kept monthly figures, recounted from the orders, disagree with the edited total too.
        #expect(verify.stderr == "orders baris \(orderID) berbeda dari jurnal baris \(seq).\n"
                + "Angka bulanan monthly_served 2026-11 tidak sama dengan pesanannya: diubah di luar Kasir.\n")
    }

    @Test func anEditedJournalRowIsNamed() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA", "--pay", "cash:20000"]).status == 0)
        let refused = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [kasir.database.path],
                                               input: "DELETE FROM journal WHERE seq = 3;\n", environment: [:], in: kasir.folder)
        #expect(refused.stderr.contains("journal rows are append-only"))
        _ = try kasir.sqlite("DROP TRIGGER journal_append_only_update; UPDATE journal SET actor = 'W02' WHERE seq = 4;")
        let verify = try kasir.run(["audit", "verify"])
        #expect(verify.status == 1)
        // The guard taken away is named first, then the row it let through.
        #expect(verify.stderr.hasPrefix("Trigger journal_append_only_update milik Kasir hilang: penjaga dicabut.\nJurnal baris 4 diubah: hash tidak cocok.\n"))
    }

    @Test func fiveWrongPINsLockTheSupervisor() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        var lines: [String] = []
        for _ in 1...5 {
            lines.append(try kasir.run(["till", "move", "in", "1000", "--reason", "coba", "--by", "S1"], input: "9173\n").stderr)
        }
        #expect(lines[0] == "PIN S1 salah (sisa 4 kali sebelum terkunci).\n")
        #expect(lines[3] == "PIN S1 salah (sisa 1 kali sebelum terkunci).\n")
        #expect(lines[4] == "S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA (2026-11-29). Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock S1 --by ADMIN\n")
        // Even the right PIN is refused while locked; nothing moved.
        let locked = try kasir.supervised(["till", "move", "in", "1000", "--reason", "coba"])
        #expect(locked.status == 1)
        #expect(locked.stderr == "S1 terkunci karena PIN salah berulang, sampai pukul 10:15 WITA (2026-11-29). Coba lagi sesudahnya, atau admin membuka kuncinya: kasir staff unlock S1 --by ADMIN\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM cash_movements;") == "0\n")
        #expect(try kasir.sqlite("SELECT kind FROM journal WHERE kind LIKE 'pin_%' AND kind != 'pin_set' ORDER BY seq;")
            == String(repeating: "pin_failed\n", count: 5) + "pin_lockout\n")
        // The PIN itself is nowhere: not in the journal, only its salted hash in staff.
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE payload LIKE '%246810%' OR payload LIKE '%9173%' OR snapshot LIKE '%246810%';") == "0\n")
        #expect(try kasir.sqlite("SELECT pin_hash LIKE 'pbkdf2-sha256$210000$%' FROM staff WHERE code = 'S1';") == "1\n")
        // After the lockout the right PIN works again.
        let later = kasir
        later.now = "2026-11-29T02:16:00Z"
        #expect(try later.supervised(["till", "move", "in", "1000", "--reason", "coba"]).status == 0)
    }

    @Test func salesAndSupervisorActsAreRefusedWithoutTheirConditions() throws {
        let kasir = try KasirProcess()
        try #require(try kasir.run(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi"], input: KasirProcess.pin + KasirProcess.pin).status == 0)
        try #require(try kasir.supervised(["staff", "add", "--code", "W01", "--registration", "B.1", "--name", "Budi", "--alias", "Bima",
                                           "--decree", "SK-1", "--decree-from", "2026-01-01", "--decree-until", "2026-12-31"]).status == 0)
        try #require(try kasir.supervised(["staff", "add", "--code", "W04", "--registration", "B.4", "--name", "Dodi", "--alias", "Dewa",
                                           "--decree", "SK-4", "--decree-from", "2026-01-01", "--decree-until", "2026-11-01"]).status == 0)
        let order = ["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000"]
        // Once a supervisor exists, every supervisor act needs --by; a barista's code is no supervisor's.
        #expect(try kasir.run(["till", "open", "--float", "100000"]).stderr == "Tindakan ini perlu petugas: tambahkan --by KODE.\n")
        #expect(try kasir.run(["till", "open", "--float", "100000", "--by", "W01"], input: KasirProcess.pin).stderr == "W01 bukan petugas aktif.\n")
        // No till.
        try #require(try kasir.supervised(["attendance", "in", "W01", "--station", "kasir"]).status == 0)
        #expect(try kasir.run(order).stderr == "Kas belum dibuka: petugas membuka kas dulu (kasir till open).\n")
        try #require(try kasir.supervised(["till", "open", "--float", "100000"]).status == 0)
        // An expired decree blocks rostering and serving.
        let expired = try kasir.supervised(["attendance", "in", "W04", "--station", "bar"])
        #expect(expired.status == 1)
        #expect(expired.stderr == "SK asimilasi W04 sudah habis sejak 2026-11-01: tidak boleh bertugas.\n")
        #expect(try kasir.run(["order", "new", "--server", "W04", "--item", "AIR", "--pay", "cash:5000"]).stderr
            == "SK asimilasi W04 sudah habis sejak 2026-11-01: tidak boleh bertugas.\n")
        // A WBP not clocked in serves nothing.
        try #require(try kasir.supervised(["attendance", "out", "W01"]).status == 0)
        #expect(try kasir.run(order).stderr == "W01 belum absen masuk (dikonfirmasi petugas).\n")
        try #require(try kasir.supervised(["attendance", "in", "W01", "--station", "kasir"]).status == 0)
        #expect(try kasir.run(order).status == 0)
        // No supervisor on duty: the one who opened the till was suspended by another.
        try #require(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "1990", "--name", "Bu Sari", "--admin"],
                                          input: "135790\n135790\n").status == 0)
        try #require(try kasir.run(["staff", "status", "S1", "suspended", "--by", "S2"], input: "135790\n").status == 0)
        let before = try kasir.dump()
        #expect(try kasir.run(order).stderr == "Tidak ada petugas yang bertugas.\n")
        #expect(try kasir.dump() == before)
        try #require(try kasir.run(["till", "duty", "--by", "S2"], input: "135790\n").status == 0)
        #expect(try kasir.run(order).status == 0)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func aForgottenClockOutIsFlaggedAndClosedWithTheRealTime() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        kasir.now = "2026-11-30T01:00:00Z"
        let list = try kasir.run(["attendance", "list"])
        #expect(list.stdout.contains("W01\tBima\tbar\t2026-11-29 10:00 WITA\t\tLUPA ABSEN KELUAR"))
        let out = try kasir.supervised(["attendance", "out", "W01", "--at", "2026-11-29 16:00", "--reason", "lupa absen"])
        #expect(out.stdout == "W01 keluar, 2026-11-29 16:00 WITA.\n")
        #expect(try kasir.sqlite("SELECT clock_out, out_late_entry, out_reason FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.code = 'W01';")
            == "2026-11-29T08:00:00.000Z|1|lupa absen\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'clock_out_late_entry';") == "1\n")
    }

    @Test func restoreIsRefusedOverAnOpenTill() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.run(["backup", "create"]).stderr == "Tindakan ini perlu petugas: tambahkan --by KODE.\n")
        let created = try kasir.supervised(["backup", "create"])
        #expect(created.status == 0)
        let path = created.stdout.replacingOccurrences(of: "Cadangan dibuat: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try kasir.run(["backup", "verify", path]).stdout.hasPrefix("Cadangan utuh: \(path), kepala jurnal "))
        // An older backup in WAL mode is checked as a private copy: nothing appears beside it,
        // so nothing there has to be removed while another process may be using it.
        let old = kasir.folder.appendingPathComponent("old-wal.sqlite").path
        try FileManager.default.copyItem(atPath: path, toPath: old)
        #expect(try kasir.sqlite("PRAGMA journal_mode=WAL;", database: old) == "wal\n")
        let oldVerified = try kasir.run(["backup", "verify", old])
        #expect(oldVerified.status == 0, "\(oldVerified.stderr)")
        #expect(!FileManager.default.fileExists(atPath: old + "-wal") && !FileManager.default.fileExists(atPath: old + "-shm"))
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000"]).status == 0)
        let refused = try kasir.supervised(["backup", "restore", path])
        #expect(refused.stderr == "Kas masih terbuka: pemulihan ditolak (tambahkan --over-open-till bila memang perlu).\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;") == "1\n")
        let replacedHead = try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .newlines)
        let restored = try kasir.supervised(["backup", "restore", path, "--over-open-till"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;") == "0\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
        // What the restore replaced is kept on file and named in the restored journal.
        let saved = try #require(restored.stdout.components(separatedBy: "Yang diganti disimpan di ").last?.dropLast(2)).description
        #expect(saved.contains("/kasir-before-restore-"))
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;", database: saved) == "1\n")
        let entry = try kasir.sqlite("SELECT kind, actor, payload FROM journal ORDER BY seq DESC LIMIT 1;")
        #expect(entry.hasPrefix("backup_restored|S1|") && entry.contains("\"replaced_head\":\"\(replacedHead)\""))
    }
}
