import Foundation
import Testing

/// Issue 21: `kasir qris reconcile FILE --by SUP` imports the acquirer's settlement report,
/// matches each line to a QRIS payment by reference and amount, and says what it found.
@Suite struct QRISReconcileEndToEndTests {
    /// Writes `text` into the test's folder and gives its path.
    func write(_ kasir: KasirProcess, _ name: String, _ text: String) throws -> String {
        let url = kasir.folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// On 29 November: #1 PGR by QRIS QR-1 (Rp10.000), #2 AIR by QRIS QR-2 (Rp5.000), #3 PGR in cash.
    @Test func aSettlementReportConfirmsWhatItMatchesAndSaysTheRest() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "qris:10000:QR-1")
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "qris:5000:QR-2")
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        // The X report shows the QRIS nobody has confirmed yet.
        let x = try kasir.run(["till", "x", "--no-print"])
        #expect(x.status == 0, "\(x.stderr)")
        #expect(x.stdout.contains("QRIS belum") && x.stdout.contains("2 (Rp15.000)"), "\(x.stdout)")

        // Kasir's own layout: QR-1 settled with Rp30 MDR, QR-7 is no payment of Kasir's.
        let november = try write(kasir, "settlement-november.csv", """
            date,reference,amount,fee,net
            2026-11-29,QR-1,10000,30,9970
            2026-11-29,QR-7,8000,0,8000

            """)
        let imported = try kasir.supervised(["qris", "reconcile", november])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == """
            Laporan settlement settlement-november.csv (kasir), 2026-11-29 s/d 2026-11-29: 2 baris.
            Cocok: 1, dikonfirmasi sekarang 1; biaya MDR Rp30 (0,3% dari Rp10.000).
            Nominal berbeda (tidak dikonfirmasi): 0.
            Ada di laporan, tidak ada di Kasir: 1.
              QR-7 2026-11-29 Rp8.000
            Ada di Kasir, belum di-settle (hari yang sudah dicakup laporan): 1.
              2026-11-29#2 QR-2 Rp5.000 belum dikonfirmasi

            """)
        #expect(try kasir.run(["qris", "list", "--month", "2026-11"]).stdout
            == "2026-11-29#1\tQR-1\tRp10.000\tdikonfirmasi\n2026-11-29#2\tQR-2\tRp5.000\tbelum dikonfirmasi\n")
        let afterX = try kasir.run(["till", "x", "--no-print"])
        #expect(afterX.stdout.contains("1 (Rp5.000)"), "\(afterX.stdout)")

        // The premi report counts the MDR as a cost and says what still waits.
        let premi = try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))
        #expect(premi["settlement_fees"] as? Int == 30)
        #expect(premi["unconfirmed_qris"] as? Int == 1 && premi["unconfirmed_qris_total"] as? Int == 5_000)
        let premiText = try kasir.run(["report", "premi", "--month", "2026-11"]).stdout
        #expect(premiText.contains("Biaya MDR QRIS") && premiText.contains("belum dikonfirmasi"), "\(premiText)")

        // The same file again records nothing.
        let again = try kasir.supervised(["qris", "reconcile", november])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("Berkas ini sudah pernah diimpor: tidak ada yang dicatat.\n"), "\(again.stdout)")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM settlement_files; SELECT COUNT(*) FROM settlement_lines;") == "1\n2\n")

        // A malformed file is refused with its line, before any PIN, and records nothing.
        let broken = try write(kasir, "broken.csv", "date,reference,amount,fee,net\n2026-11-29,QR-2,5000,0,5000\n2026-11-31,QR-8,1000,0,1000\n")
        let refused = try kasir.run(["qris", "reconcile", broken, "--by", "S1"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Baris 3 laporan settlement: date \"2026-11-31\" tidak bisa dibaca; tidak ada yang dicatat.\n")
        #expect(try kasir.run(["qris", "reconcile", november, "--mapping", "bca", "--by", "S1"]).stderr
            == "Tata letak laporan \"bca\" tidak ada di config/settlement.toml (ada: kasir, xendit-billing).\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM settlement_lines;") == "2\n")

        // Xendit's billing report, by the layout the config ships: QR-2 billed (settled, T+2) on 1
        // December; a virtual account payment of the same account is not a QRIS line. A line
        // dated after the day of import refuses the file.
        let xendit = try write(kasir, "xendit-november.csv", """
            transaction_id,reference,transaction_type,transaction_channel,transaction_label,is_switcher,calculation_method,business_id,billed_at,flat_fee,fee_percentage,transaction_amount,fees_paid_amount,vat_paid_amount
            txn_1,VA-1,PAYMENT,BCA,,FALSE,DIRECT,biz_1,2026-11-30 08:00:00,4000,0,150000.00,4000.00,440.00
            txn_2,QR-2,PAYMENT,QRIS,,FALSE,DIRECT,biz_1,2026-12-01 09:15:00,0,0.3,5000.00,15.00,1.65

            """)
        let early = try kasir.supervised(["qris", "reconcile", xendit, "--mapping", "xendit-billing"])
        #expect(early.status == 1 && early.stderr == "Baris 3 laporan settlement bertanggal 2026-12-01, sesudah hari ini: tidak ada yang dicatat.\n",
                "\(early.stderr)")
        let byXendit = try kasir.supervised(["qris", "reconcile", xendit, "--mapping", "xendit-billing"],
                                            environment: ["KASIR_NOW": "2026-12-02T02:00:00Z"])
        #expect(byXendit.status == 0, "\(byXendit.stderr)")
        #expect(byXendit.stdout.hasPrefix("Laporan settlement xendit-november.csv (xendit-billing), 2026-12-01 s/d 2026-12-01: 1 baris.\n"
            + "Cocok: 1, dikonfirmasi sekarang 1; biaya MDR Rp17 (0,34% dari Rp5.000).\n"), "\(byXendit.stdout)")
        #expect(byXendit.stdout.hasSuffix("Ada di Kasir, belum di-settle (hari yang sudah dicakup laporan): 0.\n"))
        #expect(try kasir.sqlite("""
            SELECT c.payment_id, c.status, c.source FROM qris_confirmations c ORDER BY c.id;
            SELECT kind, actor, row_table FROM journal WHERE kind IN ('qris_confirmed', 'settlement_imported') ORDER BY seq;
            """) == """
            1|confirmed|settlement
            2|confirmed|settlement
            qris_confirmed|S1|qris_confirmations
            settlement_imported|S1|settlement_files
            qris_confirmed|S1|qris_confirmations
            settlement_imported|S1|settlement_files

            """)
        let settled = try kasir.json(kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"]))
        #expect(settled["unconfirmed_qris"] as? Int == 0 && settled["settlement_fees"] as? Int == 47 && settled["unsettled_qris"] as? Int == 0)
        #expect(try kasir.run(["audit", "verify"]).status == 0)
        // Settlement rows are append-only.
        #expect(try kasir.sqliteStatus("DELETE FROM settlement_lines;") != 0)
    }
}
