import Foundation
import Testing

@Suite struct CounterEndToEndTests {
    @Test func aPipedSessionTakesThreeOrdersByTwoBaristas() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let session = """
            W01
            135790
            KSGA 2 size=L sugar=less
            PGR
            bayar
            100000
            y
            CAP temp=iced @W02
            975310
            bawa
            bayar
            qris 10000 QR-77
            tunai 20.000
            y
            ganti
            W02
            975310
            ETM 3 ice=less
            AIR
            hapus 2
            bayar
            pas
            y
            keluar

            """
        let counter = try kasir.run([], input: session)   // plain `kasir` opens the counter
        #expect(counter.status == 0)
        #expect(counter.stderr == "")
        #expect(counter.stdout.contains("Kasir — Kafe Asimilasi Rutan Balikpapan"))
        #expect(counter.stdout.contains("✔ Pesanan #1 tersimpan · Kembalian Rp44.000"))
        #expect(counter.stdout.contains("✔ Pesanan #2 tersimpan · Kembalian Rp6.000"))
        #expect(counter.stdout.contains("✔ Pesanan #3 tersimpan"))

        let list = try kasir.run(["order", "list", "--format", "json"])
        #expect(list.status == 0)
        let orders = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(orders.map { $0["number"] as? Int } == [1, 2, 3])
        #expect(orders.map { $0["server"] as? String } == ["W01", "W01", "W02"])
        #expect(orders.map { $0["status"] as? String } == ["paid", "paid", "paid"])
        #expect(orders.map { $0["day"] as? String } == ["2026-11-29", "2026-11-29", "2026-11-29"])
        // 2×(18.000+5.000)+10.000; 22.000+2.000 iced; 3×6.000. PB1 10% included: ×10/110, halves up.
        #expect(orders.map { $0["subtotal"] as? Int } == [56_000, 24_000, 18_000])
        #expect(orders.map { $0["tax"] as? Int } == [5_091, 2_182, 1_636])
        #expect(orders.map { $0["total"] as? Int } == [56_000, 24_000, 18_000])
        #expect(orders.map { $0["change"] as? Int } == [44_000, 6_000, 0])
        let split = try #require(orders[1]["payments"] as? [[String: Any]])
        #expect(split.map { $0["method"] as? String } == ["qris", "cash"])
        #expect(split.map { $0["amount"] as? Int } == [10_000, 14_000])

        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders; SELECT COUNT(*) FROM payments; SELECT COUNT(*) FROM removed_lines;") == "3\n4\n1\n")
    }

    @Test func endOfInputInTheMiddleOfAnOrderLeavesNothing() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let before = try kasir.dump()
        let result = try kasir.run(["counter"], input: "W01\n" + KasirProcess.w01PIN + "KSGA 2\nbayar\n50000\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Input berakhir: pesanan yang belum dibayar tidak disimpan."))
        #expect(try kasir.dump() == before)
    }

    @Test func hostileLinesAreRefusedOneByOne() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let before = try kasir.dump()
        let long = String(repeating: "A", count: 10_000)
        let session = "W01\n" + KasirProcess.w01PIN + "\u{1B}[2J\n\(long)\nKSGA 99999999999999999999\nKSGA '); DELETE FROM orders; --\n\u{7}\nbatal\nkeluar\n"
        let result = try kasir.run(["counter"], input: session)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("\u{1B}"))
        #expect(result.stdout.contains("Pesanan tidak dikenali: \"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA…\" (contoh: KSGA 2 ukuran=L)."))
        #expect(result.stdout.contains("Jumlah porsi tidak dikenali: \"99999999999999999999\" (angka 1–99)."))
        #expect(try kasir.dump() == before)
    }
}
