import Foundation
import Testing

@Suite struct ReportEndToEndTests {
    /// A short month through the commands: two WBP, one across midnight, an assessment.
    func month() throws -> KasirProcess {
        let kasir = try KasirProcess()
        kasir.now = "2026-11-10T00:00:00Z"   // 08:00 WITA
        try kasir.prepareCafe()              // W01 and W02 in at the bar at 08:00, till open
        kasir.now = "2026-11-10T01:00:00Z"
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA:1:size=L", "--item", "TBK", "--pay", "cash:50000"]).status == 0)
        try #require(try kasir.run(["order", "new", "--server", "W02", "--item", "ETM:3", "--pay", "qris:18000:Q1"]).status == 0)
        // The QRIS payment reached the café's account: confirmed, so November's premi may close.
        try #require(try kasir.supervised(["qris", "confirm", "--reference", "Q1"]).status == 0)
        kasir.now = "2026-11-11T03:00:00Z"   // the next morning, from the paper sheet
        try #require(try kasir.supervised(["attendance", "out", "W01", "--at", "2026-11-10 16:00", "--reason", "lembar absen"]).status == 0)
        try #require(try kasir.supervised(["attendance", "out", "W02", "--at", "2026-11-11 02:00", "--reason", "lembar absen"]).status == 0)
        try #require(try kasir.supervised(["competency", "record", "--staff", "W01", "--unit", "I.563030.006.01", "--date", "2026-11-25",
                                           "--result", "kompeten", "--note", "shot 28 detik"]).status == 0)
        return kasir
    }

    @Test func theTrainingReportInEveryFormat() throws {
        let kasir = try month()
        let json = try kasir.run(["report", "training", "--month", "2026-11", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let staff = try #require(report["staff"] as? [[String: Any]])
        #expect(staff.map { $0["code"] as? String } == ["W01", "W02"])
        #expect(staff.map { $0["alias"] as? String } == ["Bima", "Arka"])
        #expect(staff.map { ($0["hours"] as? NSNumber)?.doubleValue } == [8, 18])   // 08:00–16:00; 08:00–02:00 next day
        #expect(staff.map { $0["days"] as? Int } == [1, 2])
        #expect(staff.map { $0["orders"] as? Int } == [1, 1])
        #expect(staff.map { $0["items"] as? Int } == [2, 3])
        #expect(staff[0]["items_by_skill"] as? [String: Int] == ["espresso": 1, "manual-brew": 1])
        #expect(staff[1]["items_by_skill"] as? [String: Int] == ["tea-and-chocolate": 3])
        // Names only for a supervisor who gives their PIN; aliases otherwise.
        #expect(staff[0]["name"] == nil)
        #expect(!json.stdout.contains("Budi") && !json.stdout.contains("B.12/2024"))
        let named = try kasir.supervised(["report", "training", "--month", "2026-11", "--format", "json"])
        #expect(named.stdout.contains("\"name\" : \"Budi Santoso\""))
        let pseudonymous = try kasir.supervised(["report", "training", "--month", "2026-11", "--format", "json", "--pseudonymous"])
        #expect(!pseudonymous.stdout.contains("Budi"))
        #expect(!pseudonymous.stdout.contains("B.12/2024"))

        let csv = try kasir.supervised(["report", "training", "--month", "2026-11", "--format", "csv", "--staff", "W02"])
        let rows = csv.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 2)
        #expect(rows[1].hasPrefix("2026-11,W02,Arka,Andi Wijaya,B.13/2024,18.00,2,0.00,18.00,0.00,1,3,"))
        // Without a supervisor the columns of names are not there at all.
        let anonymous = try kasir.run(["report", "training", "--month", "2026-11", "--format", "csv", "--staff", "W02"])
        #expect(anonymous.stdout.components(separatedBy: "\r\n")[1].hasPrefix("2026-11,W02,Arka,18.00,2,"))

        let text = try kasir.run(["report", "training", "--month", "2026-11"])
        #expect(text.stdout.hasPrefix("Laporan Pelatihan 2026-11\nKafe Asimilasi Rutan Balikpapan\n"))
        #expect(text.stdout.contains("Kompeten 2026-11-25"))

        let html = try kasir.run(["report", "training", "--month", "2026-11", "--format", "html"])
        #expect(html.stdout.hasPrefix("<!DOCTYPE html>"))
        #expect(html.stdout.contains("<svg"))
        try html.stdout.write(to: kasir.folder.appendingPathComponent("training.html"), atomically: true, encoding: .utf8)
    }

    /// The kept monthly figures are a cache anyone with sqlite3 can write: a close counts the
    /// practice it journals from the orders, so figures inflated for the close change nothing.
    @Test func aPremiCloseCountsPracticeFromTheOrdersNotTheKeptFigures() throws {
        func closed(inflating: Bool) throws -> String {
            let kasir = try month()
            try #require(try kasir.supervised(["till", "close", "--count", "100000x2,20000x1,10000x1,1000x1", "--yes"]).status == 0)
            // 500 manual brews that nobody made, credited to whoever made the most.
            if inflating {
                _ = try kasir.sqlite("""
                    INSERT INTO monthly_made (month, maker_id, skill, items)
                        SELECT month, maker_id, 'manual-brew', 500 FROM monthly_made ORDER BY items DESC LIMIT 1
                        ON CONFLICT (month, maker_id, skill) DO UPDATE SET items = items + 500;
                    """)
            }
            kasir.now = "2026-12-08T01:00:00Z"   // November and the paper sheet's 7 days after it are over
            try #require(try kasir.supervised(["premi", "close", "--month", "2026-11"]).status == 0)
            return try kasir.sqlite("SELECT staff_code, skill, seconds FROM practice_hours ORDER BY staff_code, skill;")
        }
        let honest = try closed(inflating: false)
        #expect(!honest.isEmpty)
        #expect(try closed(inflating: true) == honest)
    }

    @Test func premiClosesOnceAndDepositsAreRecorded() throws {
        let kasir = try month()
        try #require(try kasir.supervised(["till", "close", "--count", "100000x2,20000x1,10000x1,1000x1", "--yes"]).status == 0)
        kasir.now = "2026-12-08T01:00:00Z"   // November and the paper sheet's 7 days after it are over
        let closed = try kasir.supervised(["premi", "close", "--month", "2026-11", "--format", "json"])
        #expect(closed.status == 0, "\(closed.stderr)")
        let premi = try #require(try JSONSerialization.jsonObject(with: Data(closed.stdout.utf8)) as? [String: Any])
        // Revenue 31.000 + 18.000 less PB1 (2.818 + 1.636) = 44.546; cost 7.000 + 2.500 + 3×1.500 = 14.000.
        #expect(premi["revenue"] as? Int == 44_546)
        #expect(premi["cost"] as? Int == 14_000)
        #expect(premi["profit"] as? Int == 30_546)
        #expect(premi["premi_pool"] as? Int == 15_273)
        let shares = try #require(premi["shares"] as? [[String: Any]])
        // By hours 8 : 18 of 15.273 → 4.699,4 and 10.573,6 → 4.699 and 10.574.
        #expect(shares.map { $0["premi"] as? Int } == [4_699, 10_574])
        let again = try kasir.supervised(["premi", "close", "--month", "2026-11"])
        #expect(again.status == 1)
        #expect(again.stderr == "Premi 2026-11 sudah ditutup.\n")
        #expect(try kasir.sqlite("SELECT SUM(amount) FROM premi_ledger;") == "15273\n")

        let badCode = try kasir.supervised(["pnbp", "deposit", "--amount", "49000", "--billing", "12345", "--ntpn", "ABCDEF123"])
        #expect(badCode.stderr == "Kode billing SIMPONI harus 15 angka: \"12345\".\n")
        // The till owes 15% of its profit: 15% of 30.546 = 4.581,9 → 4.582.
        let deposit = try kasir.supervised(["pnbp", "deposit", "--date", "2026-11-11", "--amount", "4582", "--billing", "820261111000001", "--ntpn", "0A1B2C3D4E5F6G7H"])
        #expect(deposit.stdout == "Setoran PNBP Rp4.582 dicatat untuk kas #1.\n")
        let programme = try kasir.run(["report", "programme", "--month", "2026-11", "--format", "json"])
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(programme.stdout.utf8)) as? [String: Any])
        #expect(figures["participants"] as? Int == 2)
        #expect((figures["total_hours"] as? NSNumber)?.doubleValue == 26)
        #expect(figures["pnbp_deposited"] as? Int == 4_582)
        #expect(figures["pnbp_not_deposited"] as? Int == 0)
        #expect(figures["competencies_achieved"] as? [String] == ["W01 I.563030.006.01 (2026-11-25)"])
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }

    @Test func salesByEveryGrouping() throws {
        let kasir = try month()
        let byItem = try kasir.run(["report", "sales", "--from", "2026-11-01", "--to", "2026-11-30", "--group", "item", "--format", "csv"])
        #expect(byItem.stdout == "key,orders,quantity,revenue\r\nKSGA,0,1,23000\r\nETM,0,3,18000\r\nTBK,0,1,8000\r\n")
        let byPayment = try kasir.run(["report", "sales", "--month", "2026-11", "--group", "payment", "--format", "csv"])
        #expect(byPayment.stdout == "key,orders,quantity,revenue\r\ncash,1,0,31000\r\nqris,1,0,18000\r\n")
        let bad = try kasir.run(["report", "sales", "--month", "2026-11", "--group", "colour"])
        #expect(bad.status == 1)
        #expect(bad.stderr == "--group harus salah satu dari: item, category, hour, barista, payment.\n")
    }
}

@Suite struct ReportPrintingTests {
    @Test func aReportGoesToThePrinterAsText() throws {
        let cups = try PrivateCUPS()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000"]).status == 0)
        let result = try kasir.run(["report", "sales", "--month", "2026-11", "--group", "barista", "--print"],
                                   environment: ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": "receipt"])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try cups.printed()
        let report = String(decoding: try cups.bytes(try #require(printed.last)), as: UTF8.self)
        #expect(report.contains("Penjualan 2026-11-01 - 2026-11-30\nKafe Asimilasi Rutan Balikpapan - per barista\n"))
        #expect(report.contains("W01"))
    }
}

@Suite struct DemoEndToEndTests {
    @Test func theDemoCafeIsSeededConsistentAndReportable() throws {
        let kasir = try KasirProcess()
        let path = kasir.folder.appendingPathComponent("demo.sqlite").path
        let created = try kasir.run(["demo", "--db", path, "--days", "3"])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.hasPrefix("Kafe demo siap: \(path) ("))
        let again = try kasir.run(["demo", "--db", path, "--days", "3"])
        #expect(again.status == 1)
        #expect(again.stderr == "Sudah ada: \(path). Hapus dulu atau pilih --db lain.\n")
        let verify = try kasir.run(["audit", "verify"], environment: ["KASIR_DB": path])
        #expect(verify.status == 0, "\(verify.stderr)")
        let report = try kasir.run(["report", "training", "--month", "2026-11", "--format", "json"], environment: ["KASIR_DB": path])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let staff = try #require(json["staff"] as? [[String: Any]])
        // Three days of 08:00–16:00 with a half-hour break: 7,5 hours a day for whoever worked.
        #expect(staff.allSatisfy { (($0["hours"] as? NSNumber)?.doubleValue ?? 0).truncatingRemainder(dividingBy: 7.5) == 0 })
        // The same seed gives the same history.
        let second = kasir.folder.appendingPathComponent("demo2.sqlite").path
        #expect(try kasir.run(["demo", "--db", second, "--days", "3"]).status == 0)
        let figures = "SELECT COUNT(*), SUM(total), SUM(number * total) FROM orders; SELECT SUM(variance) FROM tills;"
        func query(_ database: String) throws -> String {
            try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database], input: figures, environment: [:], in: kasir.folder).stdout
        }
        #expect(try query(path) == query(second))
        // Thursday 26, Friday 27 and Saturday 28 November: two visiting days and an ordinary one.
        let orders = try #require(Int(try kasir.sqlite("SELECT COUNT(*) FROM orders;", database: path).trimmingCharacters(in: .newlines)))
        #expect((2 * 55 + 35...2 * 80 + 55).contains(orders))
    }

    /// The demo is a café at a Rutan's gate (docs/demo.md): closed on Sundays, 35–80 orders an
    /// open day with more on visiting days, an ordinary ticket, the month's running costs
    /// entered before its premi is closed, and premi per WBP well below the regional minimum
    /// wage (UMK Balikpapan 2026, Rp3.856.694).
    @Test func theDemoCafeEarnsWhatACafeAtARutansGateEarns() throws {
        let kasir = try KasirProcess()
        let path = kasir.folder.appendingPathComponent("demo.sqlite").path
        let created = try kasir.run(["demo", "--db", path, "--days", "62"])
        #expect(created.status == 0, "\(created.stderr)")
        func rows(_ sql: String) throws -> [[Int]] {
            try kasir.sqlite(sql, database: path).split(separator: "\n").map { $0.split(separator: "|").compactMap { Int($0) } }
        }
        // Orders per WITA day, with its weekday (0 is Sunday).
        let days = try rows("""
            SELECT CAST(strftime('%w', created_at, '+8 hours') AS INTEGER), COUNT(*) FROM orders
            GROUP BY date(created_at, '+8 hours');
            """)
        #expect(days.count >= 50)
        #expect(days.allSatisfy { $0[0] != 0 }, "open on a Sunday")
        #expect(days.allSatisfy { (35...80).contains($0[1]) }, "\(days)")
        func average(on weekdays: Set<Int>) -> Int {
            let counts: [Int] = days.filter { weekdays.contains($0[0]) }.map { $0[1] }
            return counts.reduce(0, +) / max(counts.count, 1)
        }
        #expect(average(on: [2, 4, 6]) > average(on: [1, 3, 5]) + 10)
        let ticket = try #require(try rows("SELECT CAST(AVG(total) AS INTEGER) FROM orders WHERE status != 'void';").first?.first)
        #expect((15_000...30_000).contains(ticket))

        // October is closed: its cost is the ingredients kept on the lines plus Rp4–6 juta.
        let json = try kasir.json(kasir.run(["report", "premi", "--month", "2026-10", "--format", "json"], environment: ["KASIR_DB": path]))
        #expect(json["closed"] as? Bool == true)
        let goods = try #require(try rows("""
            SELECT SUM(l.quantity * l.unit_cost) FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.status != 'void' AND o.created_at >= '2026-09-30T16:00:00.000Z' AND o.created_at < '2026-10-31T16:00:00.000Z';
            """).first?.first)
        let cost = try #require(json["cost"] as? Int)
        #expect((4_000_000...6_000_000).contains(cost - goods), "cost \(cost), ingredients \(goods)")
        let shares = try #require(json["shares"] as? [[String: Any]]).compactMap { $0["premi"] as? Int }
        #expect(shares.count == 6)
        let umk = 3_856_694
        #expect(shares.allSatisfy { $0 > 0 && $0 < umk / 2 }, "\(shares)")
        let pool: Int = shares.reduce(0, +)
        #expect(pool == json["premi_pool"] as? Int)
        #expect(try kasir.run(["audit", "verify"], environment: ["KASIR_DB": path]).status == 0)
    }
}
