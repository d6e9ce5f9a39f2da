import Foundation
import Testing

/// The config chooses files and layouts; the rules that decide money, premi and access are the
/// database's, changed only by an admin.
@Suite struct PolicyEndToEndTests {
    /// A copy of the café's config that would pay less tax, less PNBP, more premi by other
    /// weights, keep one backup, and print the expected cash on the X report.
    static func hostileConfig(beside kasir: KasirProcess) throws -> URL {
        let evil = kasir.folder.appendingPathComponent("evil")
        try FileManager.default.copyItem(at: kasir.config, to: evil)
        let file = evil.appendingPathComponent("kasir.toml")
        var text = try String(contentsOf: file, encoding: .utf8)
        for (old, new) in [
            ("rate_percent = 10", "rate_percent = 0"), ("prices_include_tax = true", "prices_include_tax = false"),
            ("unit = 100", "unit = 1"), ("mode = \"down\"", "mode = \"up\""),
            ("premi_percent = 50", "premi_percent = 64.99"), ("pnbp_percent = 15", "pnbp_percent = 0.01"),
            ("allocation = \"hours\"", "allocation = \"weighted\""), ("bar = 120", "bar = 900"),
            ("keep = 30", "keep = 1"), ("templates = \"\"", "templates = \"slips\""),
            ("pin_attempts = 5", "pin_attempts = 20"), ("pin_lockout_minutes = 15", "pin_lockout_minutes = 1"),
            // Months and days in another zone would move sales and hours between months.
            ("time_zone = \"Asia/Makassar\"", "time_zone = \"Etc/GMT+12\""),
        ] {
            #expect(text.contains(old), "\(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: file, atomically: true, encoding: .utf8)
        let slips = evil.appendingPathComponent("slips")
        try FileManager.default.createDirectory(at: slips, withIntermediateDirectories: true)
        try """
            {{% CONTENT_TYPE: TEXT}}
            EXPECTED[{{expected}}] CASH[{{cash_sales}}] FLOAT[{{float}}] IN[{{pay_ins}}] REFUNDS[{{cash_refunds}}]
            [cut]
            """.write(to: slips.appendingPathComponent("till_report.mustache"), atomically: true, encoding: .utf8)
        return evil
    }

    /// Every money, premi, PNBP and Z command gives the same results under a hostile `--config`
    /// as under the café's own; the X report's template is given no cash figure to show.
    @Test func aHostileConfigChangesNoMoneyPremiOrPNBP() throws {
        func session(hostile: Bool) throws -> [String] {
            let kasir = try KasirProcess()
            try kasir.prepareCafe()
            let extra = hostile ? ["--config", try Self.hostileConfig(beside: kasir).path] : []
            var outputs: [String] = []
            // Each staff row's salt is random, so hashes (and the document numbers made of them) differ between cafés.
            func record(_ result: KasirProcess.Result) {
                let text = "\(result.status)\n\(result.stdout)\n\(result.stderr)".replacingOccurrences(of: kasir.folder.path, with: "…")
                outputs.append(text.replacingOccurrences(of: "[0-9a-f]{64}", with: "HASH", options: .regularExpression)
                    .replacingOccurrences(of: "-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}", with: "-XXXX", options: .regularExpression))
            }
            record(try kasir.run(["order", "new", "--format", "json", "--server", "W01", "--item", "PGR", "--item", "KSGA", "--pay", "cash:50000"] + extra))
            record(try kasir.run(["order", "new", "--format", "json", "--server", "W02", "--item", "AIR", "--item", "PGR", "--pay", "cash:20000"] + extra))
            let x = try kasir.run(["till", "x", "--no-print"] + extra)
            if hostile {
                #expect(x.stdout.contains("EXPECTED[] CASH[] FLOAT[] IN[]") && x.stdout.contains("REFUNDS[]") && !x.stdout.contains("Rp"),
                        "\(x.stdout)")
            } else {
                record(x)
            }
            record(try kasir.supervised(["till", "close", "--count", "100000x2,20000x1,10000x1,5000x1,1000x3", "--yes", "--format", "json"] + extra))
            record(try kasir.run(["pnbp", "pending"] + extra))
            for code in ["W01", "W02"] { record(try kasir.supervised(["attendance", "out", code] + extra)) }
            kasir.now = "2026-12-08T01:00:00Z"   // November and the paper sheet's 7 days after it are over
            record(try kasir.run(["report", "premi", "--month", "2026-11", "--format", "json"] + extra))
            record(try kasir.supervised(["premi", "close", "--month", "2026-11", "--format", "json"] + extra))
            record(try kasir.run(["report", "programme", "--month", "2026-11", "--format", "json"] + extra))
            record(try kasir.run(["policy", "show"] + extra))
            // The lockout too: five wrong PINs lock S1 whatever the config says.
            for _ in 1...5 { _ = try kasir.run(["backup", "create", "--by", "S1"] + extra, input: "000000\n") }
            record(try kasir.supervised(["backup", "create"] + extra))
            return outputs
        }
        let own = try session(hostile: false)
        let hostile = try session(hostile: true)
        #expect(own.count == hostile.count + 1)
        for (index, (a, b)) in zip(own.filter { !$0.contains("LAPORAN X") }, hostile).enumerated() {
            #expect(a == b, "step \(index)")
        }
    }

    /// Only an admin's PIN changes the rules; the change is journaled and shown.
    @Test func onlyAnAdminChangesTheRules() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let shown = try kasir.run(["policy", "show"])
        #expect(shown.stdout.contains("PB1: 10%, sudah termasuk dalam harga\nBiaya layanan: 0%\nPembulatan: Rp100, ke bawah\n"), "\(shown.stdout)")
        let bad = try kasir.supervised(["policy", "set", "--premi-percent", "60"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("premi + pnbp + capital = 100"), "\(bad.stderr)")
        let set = try kasir.supervised(["policy", "set", "--premi-percent", "55", "--capital-percent", "30", "--tax-rate", "0"])
        #expect(set.status == 0, "\(set.stderr)")
        #expect(set.stdout.contains("Laba dibagi: premi 55%, PNBP 15%, modal 30%"))
        #expect(try kasir.sqlite("SELECT tax_basis_points, premi_basis_points FROM money_rules;") == "0|5500\n")
        #expect(try kasir.sqlite("SELECT actor FROM journal WHERE kind = 'money_rules_set' ORDER BY seq DESC LIMIT 1;") == "S1\n")
        // `security` is the same command.
        #expect(try kasir.run(["security", "show"]).stdout == kasir.run(["policy", "show"]).stdout)
        let order = try kasir.json(kasir.run(["order", "new", "--format", "json", "--server", "W01", "--item", "PGR", "--pay", "cash:20000"]))
        #expect(order["tax"] as? Int == 0, "\(order)")
    }

    /// An upgraded database gets the standard security policy in its migration, whatever config
    /// the first command brings, and sells nothing until an admin confirms its money rules.
    @Test func anUpgradeSetsTheStandardPolicyAndWaitsForAnAdmin() throws {
        let kasir = try KasirProcess()
        try FileManager.default.copyItem(
            at: KasirProcess.repository.appendingPathComponent("Tests/KasirStoreTests/Fixtures/kasir-b4fdc1b.sqlite"), to: kasir.database)
        let loose = try Self.hostileConfig(beside: kasir)
        let shown = try kasir.run(["security", "show", "--config", loose.path])
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.stdout.hasPrefix("PIN salah sebelum terkunci: 5\nLama terkunci: 15 menit\n"), "\(shown.stdout)")
        #expect(shown.stdout.contains("BELUM DIKONFIRMASI"))
        let sale = try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:20000", "--config", loose.path])
        #expect(sale.status == 1)
        #expect(sale.stderr == "Aturan uang belum dikonfirmasi admin sejak pembaruan: lihat kasir policy show, lalu kasir policy confirm --by ADMIN (atau policy set).\n")
        let confirmed = try kasir.run(["policy", "confirm", "--by", "S1"], input: "1234\n")   // the PIN of that day's demo
        #expect(confirmed.status == 0, "\(confirmed.stderr)")
        #expect(!confirmed.stdout.contains("BELUM DIKONFIRMASI"))
        #expect(try kasir.run(["audit", "verify"]).status == 0)
    }
}
