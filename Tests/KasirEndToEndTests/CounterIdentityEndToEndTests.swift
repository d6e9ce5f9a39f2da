import Foundation
import Testing

/// Issue 18, item 7 ("who is at the counter"), through the built binary: a WBP's own PIN at the
/// counter, and QRIS payments that a premi close waits for until they are confirmed or written off.
@Suite struct CounterIdentityEndToEndTests {
    static let lockedW01 = "W01 terkunci karena PIN salah berulang: petugas memasang PIN baru bersama W01 (kasir staff wbp-pin W01 --by KODE)."

    @Test func aWBPsPINIsSetWithASupervisorAndAskedAtTheCounter() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        // Without a PIN W01 cannot take the counter: one line says who sets it.
        let without = try kasir.run(["counter"], input: "W01\nkeluar\n")
        #expect(without.status == 0)
        #expect(without.stdout.contains("""
            Barista (kode): W01
            W01 belum punya PIN barista: petugas memasangnya bersama W01 (kasir staff wbp-pin W01 --by KODE).
            Barista (kode): keluar

            """))
        // S1's PIN, then the WBP types the new one twice; the supervisors' PIN rule applies.
        let weak = try kasir.supervised(["staff", "wbp-pin", "W01"], input: "123456\n123456\n")
        #expect(weak.status == 1)
        #expect(weak.stderr == "PIN tidak boleh angka berurutan (seperti 123456 atau 654321).\n")
        #expect(try kasir.supervised(["staff", "wbp-pin", "W01"], input: "135790\n135791\n").stderr == "Kedua PIN tidak sama.\n")
        let set = try kasir.supervised(["staff", "wbp-pin", "W01"], input: KasirProcess.w01PIN + KasirProcess.w01PIN)
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout == "PIN barista W01 dipasang, disaksikan S1.\n")
        // Only for a WBP, only with a supervisor, one way at a time.
        #expect(try kasir.supervised(["staff", "wbp-pin", "S1"]).stderr == "S1 bukan barista (WBP).\n")
        #expect(try kasir.run(["staff", "wbp-pin", "W01"]).stderr
            == "Pilih salah satu: --by KODE (petugas memasang PIN bersama WBP) atau --change (WBP mengganti PIN-nya sendiri).\n")
        #expect(try kasir.run(["staff", "wbp-pin", "W01", "--by", "W02"], input: "975310\n").stderr == "W02 bukan petugas aktif.\n")

        // At the counter a wrong PIN is refused and journaled; the right one takes the counter.
        let counter = try kasir.run(["counter"], input: "W01\n000000\nW01\n" + KasirProcess.w01PIN + "PGR\nbayar\npas\ny\nkeluar\n")
        #expect(counter.status == 0, "\(counter.stderr)")
        #expect(counter.stdout.contains("""
            Barista (kode): W01
            PIN W01 salah (sisa 4 kali sebelum terkunci).
            Barista (kode): W01
            Pesanan baru — Bima (W01) · Makan di tempat

            """))
        #expect(counter.stdout.contains("✔ Pesanan #1 tersimpan"))
        #expect(try kasir.sqlite("SELECT kind, actor, row_table FROM journal WHERE subject = 'W01' AND kind IN ('wbp_pin_set', 'pin_failed') ORDER BY seq;")
            == "wbp_pin_set|S1|staff\npin_failed|W01|\n")
        // The command line stays the officers': `order new --server` asks no WBP PIN.
        #expect(try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")["number"] as? Int == 2)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func aWBPChangesTheirOwnPIN() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        // The old PIN first: a wrong one counts like any other.
        let wrong = try kasir.run(["staff", "wbp-pin", "W02", "--change"], input: "000000\n864209\n864209\n")
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "PIN W02 salah (sisa 4 kali sebelum terkunci).\n")
        let changed = try kasir.run(["staff", "wbp-pin", "W02", "--change"], input: KasirProcess.w02PIN + "864209\n864209\n")
        #expect(changed.status == 0, "\(changed.stderr)")
        #expect(changed.stdout == "PIN W02 diganti.\n")
        let counter = try kasir.run(["counter"], input: "W02\n" + KasirProcess.w02PIN + "W02\n864209\nAIR\nbayar\npas\ny\nkeluar\n")
        #expect(counter.stdout.contains("Barista (kode): W02\nPIN W02 salah (sisa 3 kali sebelum terkunci).\nBarista (kode): W02\nPesanan baru — Arka (W02)"))
        #expect(counter.stdout.contains("✔ Pesanan #1 tersimpan"))
        #expect(try kasir.sqlite("SELECT kind, actor FROM journal WHERE subject = 'W02' AND kind LIKE 'wbp_pin_%' ORDER BY seq;")
            == "wbp_pin_set|S1\nwbp_pin_changed|W02\n")
    }

    @Test func fiveWrongPINsLockAWBPUntilASupervisorSetsANewOne() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let guesses = (1...5).map { "W01\n00000\($0)\n" }.joined()
        let counter = try kasir.run(["counter"], input: guesses + "W01\n" + KasirProcess.w01PIN + "keluar\n")
        #expect(counter.status == 0)
        // Locked, the PIN is not even asked: the right one typed next is read as a code.
        #expect(counter.stdout.contains("""
            PIN W01 salah (sisa 1 kali sebelum terkunci).
            Barista (kode): W01
            \(Self.lockedW01)
            Barista (kode): W01
            \(Self.lockedW01)
            Barista (kode): 135790
            Barista tidak dikenal: 135790.

            """))
        // The X report lists the wrong PINs of the till's time, and the lockout.
        let x = try kasir.run(["till", "x", "--no-print"])
        let lines = x.stdout.components(separatedBy: "\n")
        #expect(lines.contains { $0.hasPrefix("W01 10:00") && $0.hasSuffix("5 kali") }, "\(x.stdout)")
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces) == "W01 terkunci" })
        // A supervisor sets a new PIN with the WBP present: W01 serves again.
        #expect(try kasir.supervised(["staff", "wbp-pin", "W01"], input: "864209\n864209\n").stdout == "PIN barista W01 dipasang, disaksikan S1.\n")
        let after = try kasir.run(["counter"], input: "W01\n864209\nAIR\nbayar\npas\ny\nkeluar\n")
        #expect(after.stdout.contains("✔ Pesanan #1 tersimpan"))
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'pin_failed' AND subject = 'W01';") == "5\n")
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// Revenue net of PB1: PGR Rp10.000 (PB1 Rp909) and AIR Rp5.000 (PB1 Rp455) by QRIS, PGR
    /// Rp10.000 in cash: Rp22.727.
    @Test func aPremiCloseWaitsForQRISConfirmedOrWrittenOff() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "qris:10000:QR-1")
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "qris:5000:QR-2")
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        kasir.now = "2026-11-29T08:00:00Z"   // 16:00 WITA
        for code in ["W01", "W02"] { try #require(try kasir.supervised(["attendance", "out", code]).status == 0) }
        kasir.now = "2026-12-08T01:00:00Z"   // November and the paper sheet's 7 days after it are over

        // Refused while the month has unconfirmed QRIS: one line, how many and their total.
        let refused = try kasir.supervised(["premi", "close", "--month", "2026-11"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Premi 2026-11 belum bisa ditutup: 2 pembayaran QRIS (Rp15.000) belum dikonfirmasi. "
            + "Konfirmasi (kasir qris confirm), atau admin menghapusbukukannya (kasir qris write-off --month 2026-11).\n")
        #expect(try kasir.run(["qris", "list", "--month", "2026-11"]).stdout
            == "2026-11-29#1\tQR-1\tRp10.000\tbelum dikonfirmasi\n2026-11-29#2\tQR-2\tRp5.000\tbelum dikonfirmasi\n")

        // A supervisor confirms QR-1 by its order.
        let confirmed = try kasir.supervised(["qris", "confirm", "--order", "2026-11-29#1"])
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(confirmed.stdout == "QRIS QR-1 Rp10.000 pesanan #1 (2026-11-29) dikonfirmasi oleh S1.\n")
        #expect(try kasir.supervised(["qris", "confirm", "--order", "2026-11-29#1"]).stderr == "QRIS 2026-11-29#1 sudah dikonfirmasi.\n")
        #expect(try kasir.supervised(["qris", "confirm", "--order", "2026-11-29#3"]).stderr == "Pesanan #3 pada 2026-11-29 tidak dibayar dengan QRIS.\n")
        #expect(try kasir.run(["qris", "confirm", "--order", "29-11-2026#1", "--by", "S1"]).stderr
            == "Pesanan tidak dikenali: \"29-11-2026#1\" (contoh: 2026-11-29#3).\n")
        #expect(try kasir.run(["qris", "confirm", "--by", "S1"]).stderr == "Sebutkan salah satu: --order YYYY-MM-DD#N atau --reference REF.\n")
        #expect(try kasir.supervised(["qris", "confirm", "--reference", "QR-404"]).stderr == "Tidak ada pembayaran QRIS dengan referensi QR-404.\n")
        let refusedAgain = try kasir.supervised(["premi", "close", "--month", "2026-11"])
        #expect(refusedAgain.stderr.hasPrefix("Premi 2026-11 belum bisa ditutup: 1 pembayaran QRIS (Rp5.000) belum dikonfirmasi. "))

        // The other is written off by an admin, with a reason: it leaves revenue and premi.
        #expect(try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))["revenue"] as? Int == 22_727)
        #expect(try kasir.supervised(["qris", "write-off", "--month", "2026-11"]).stderr == "Sebutkan alasannya: --reason TEKS.\n")
        let off = try kasir.supervised(["qris", "write-off", "--month", "2026-11", "--reason", "tidak ada di mutasi rekening"])
        #expect(off.status == 0, "\(off.stderr)")
        #expect(off.stdout == "1 pembayaran QRIS 2026-11 (Rp5.000) dihapusbukukan oleh S1: keluar dari pendapatan dan premi.\n")
        #expect(try kasir.run(["qris", "list", "--month", "2026-11"]).stdout
            == "2026-11-29#1\tQR-1\tRp10.000\tdikonfirmasi\n2026-11-29#2\tQR-2\tRp5.000\tdihapusbukukan\n")
        #expect(try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))["revenue"] as? Int == 18_182)
        let closed = try kasir.json(kasir.supervised(["premi", "close", "--month", "2026-11", "--format", "json"]))
        #expect(closed["revenue"] as? Int == 18_182)
        #expect(try kasir.sqlite("""
            SELECT c.payment_id, c.status, c.reason, c.amount, c.tax FROM qris_confirmations c ORDER BY c.id;
            SELECT kind, actor, subject, row_table FROM journal WHERE kind LIKE 'qris_%' ORDER BY seq;
            """) == """
            1|confirmed|||
            2|written_off|tidak ada di mutasi rekening|5000|455
            qris_confirmed|S1|2026-11-29#1|qris_confirmations
            qris_written_off|S1|2026-11-29#2|qris_confirmations

            """)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func aWriteOffIsAnAdminsAndALaterConfirmationUndoesIt() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "qris:5000:QR-2")
        // Not while the month runs: its payments may still settle.
        #expect(try kasir.supervised(["qris", "write-off", "--month", "2026-11", "--reason", "belum masuk"]).stderr
            == "Bulan 2026-11 belum selesai: pembayaran QRIS-nya masih bisa dikonfirmasi.\n")
        kasir.now = "2026-12-02T01:00:00Z"
        #expect(try kasir.supervised(["staff", "add-supervisor", "--code", "S2", "--nip", "199002022015021002", "--name", "Bu Sari"],
                                     input: "583017\n583017\n").status == 0)
        #expect(try kasir.run(["qris", "write-off", "--month", "2026-11", "--reason", "belum masuk", "--by", "S2"], input: "583017\n").stderr
            == "S2 bukan admin: hanya admin yang boleh melakukan ini.\n")
        #expect(try kasir.supervised(["qris", "write-off", "--month", "2026-11", "--reason", "belum masuk"]).status == 0)
        #expect(try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))["revenue"] as? Int == 0)
        // The settlement shows it after all (typed in other letters): back in revenue, journaled.
        let back = try kasir.run(["qris", "confirm", "--reference", "qr-2", "--by", "S2"], input: "583017\n")
        #expect(back.stdout == "QRIS QR-2 Rp5.000 pesanan #1 (2026-11-29) dikonfirmasi oleh S2. Tadinya dihapusbukukan: kembali ke pendapatan dan premi.\n")
        #expect(try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))["revenue"] as? Int == 4_545)
        #expect(try kasir.sqlite("SELECT c.status, s.code FROM qris_confirmations c JOIN staff s ON s.id = c.by_id ORDER BY c.id;")
            == "written_off|S1\nconfirmed|S2\n")
        // Append-only: neither is edited nor deleted by hand.
        #expect(try kasir.sqliteStatus("UPDATE qris_confirmations SET status = 'confirmed';") != 0)
        #expect(try kasir.sqliteStatus("DELETE FROM qris_confirmations;") != 0)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    /// The demo café confirms each day's QRIS (as the settlement would) and gives its WBP a PIN
    /// to take the counter with.
    @Test func theDemoCafeConfirmsItsQRISAndGivesItsWBPAPIN() throws {
        let kasir = try KasirProcess()
        let path = kasir.folder.appendingPathComponent("demo.sqlite").path
        let created = try kasir.run(["demo", "--db", path, "--days", "3"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasSuffix("\nPIN barista W01–W06: 135790.\n"))
        #expect(try kasir.sqlite("""
            SELECT COUNT(*) FROM payments p WHERE p.method = 'qris' AND NOT EXISTS (SELECT 1 FROM qris_confirmations c WHERE c.payment_id = p.id);
            SELECT COUNT(*) FROM staff WHERE role = 'barista' AND pin_hash IS NULL;
            """, database: path) == "0\n0\n")
        #expect(try kasir.run(["audit", "verify"], environment: ["KASIR_DB": path]).status == 0)
    }
}
