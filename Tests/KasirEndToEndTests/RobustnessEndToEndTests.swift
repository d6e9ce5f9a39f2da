import Foundation
import KasirCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Evidence that nothing is lost: killed processes, two terminals, hostile input, faults.
/// Timing-sensitive: terminals wait out one another's migration within the busy timeout, a
/// wall-clock deadline, so scripts/test runs this suite alone, after the others.
@Suite struct RobustnessEndToEndTests {
    /// Runs `kasir ARGS`, killed with SIGKILL at the named moment (see FaultInjection).
    @discardableResult
    func killed(_ kasir: KasirProcess, _ arguments: [String], input: String, at point: String) throws -> KasirProcess.Result {
        let result = try kasir.run(arguments, input: input, environment: ["KASIR_FAULT": point])
        #expect(result.status == 9, "\(point): \(result.stderr)")
        return result
    }

    /// What a refused write must leave as it was: every order, line, payment and journal row.
    static let facts = """
        SELECT * FROM orders; SELECT * FROM order_lines; SELECT * FROM order_line_modifiers; SELECT * FROM payments;
        SELECT seq, hash FROM journal; SELECT * FROM print_jobs;
        """

    /// The database is whole: integrity, every order with its lines and payments, every
    /// payment with its order, no duplicate number in a day, and the journal intact.
    func expectConsistent(_ kasir: KasirProcess) throws {
        #expect(try kasir.sqlite("PRAGMA integrity_check;") == "ok\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = o.id);") == "0\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id);") == "0\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM payments p WHERE NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = p.order_id);") == "0\n")
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM (SELECT day, number FROM orders GROUP BY day, number HAVING COUNT(*) > 1);") == "0\n")
        #expect(try kasir.sqlite("""
            SELECT COUNT(*) FROM orders o WHERE total != (SELECT SUM(amount) FROM payments p WHERE p.order_id = o.id);
            """) == "0\n")
        let audit = try kasir.run(["audit", "verify"])
        #expect(audit.status == 0, "\(audit.stderr)")
    }

    /// Killed with an order half written, or just committed, at the counter: what was
    /// confirmed is whole, what was not is not there.
    @Test func killingTheCounterMidOrderLosesNothingHalfWritten() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let session = "W01\n" + KasirProcess.w01PIN + String(repeating: "KSGA 2 size=L\nPGR\nbayar\nqris 10000 Q\npas\ny\n", count: 5) + "keluar\n"
        var orders = 0
        for (run, point) in ["after-lines:1", "after-order:1", "after-lines:3", "after-order:3", "after-lines:5"].enumerated() {
            // Each session's QRIS references must be new: a reference pays one order only.
            let references = session.components(separatedBy: "qris 10000 Q\n").enumerated()
                .map { $0.offset == 0 ? $0.element : "qris 10000 Q\(run)-\($0.offset)\n" + $0.element }.joined()
            let result = try killed(kasir, ["counter"], input: references, at: point)
            let confirmed = Int(point.split(separator: ":")[1])! - (point.hasPrefix("after-lines") ? 1 : 0)
            orders += confirmed
            #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;") == "\(orders)\n", "\(point)")
            // Killed after the commit, before anything was shown: the order is there, unannounced.
            #expect(result.stdout.components(separatedBy: "✔ Pesanan #").count - 1 == confirmed - (point.hasPrefix("after-order") ? 1 : 0))
            try expectConsistent(kasir)
        }
    }

    @Test func killingATillCloseLeavesItOpenOrClosedNeverBetween() throws {
        for (point, state, counts) in [("after-count", "1|1|1", "1"), ("in-close", "1|1|1", "1"), ("after-close", "0|0|0", "1")] {
            let kasir = try KasirProcess()
            try kasir.prepareCafe()
            try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"]).status == 0)
            let result = try killed(kasir, ["till", "close", "--count", "100000x2,10000x1", "--by", "S1"], input: KasirProcess.pin, at: point)
            #expect(!result.stdout.contains("seharusnya"))
            #expect(try kasir.sqlite("SELECT closed_at IS NULL, expected_cash IS NULL, journal_head IS NULL FROM tills;") == state + "\n", "\(point)")
            #expect(try kasir.sqlite("SELECT COUNT(*) FROM till_counts;") == counts + "\n", "\(point)")
            // Killed before its backup, the close stands; the backup is simply not there.
            #expect(!FileManager.default.fileExists(atPath: kasir.folder.appendingPathComponent("backups").path))
            try expectConsistent(kasir)
        }
    }

    /// Terminals started together on a database that does not exist yet (a café's first
    /// morning): one creates and migrates it, the others wait and find it done. Before the
    /// migration lock, a second process ran the first migration again ("table staff already
    /// exists"), and could replace a file another had just created.
    @Test func processesOpeningANewDatabaseAtOnceAllFindItMigrated() throws {
        let kasir = try KasirProcess()
        try #require(try kasir.run(["staff", "list"]).status == 0)
        let migrations = try kasir.sqlite("SELECT COUNT(*) FROM grdb_migrations;")
        for round in 1...4 {
            let path = kasir.folder.appendingPathComponent("first-morning-\(round).sqlite").path
            // All six are started before any is waited for.
            let running = try (0..<6).map { index in
                let output = kasir.folder.appendingPathComponent("open-\(round)-\(index).txt")
                return (try kasir.launch(["staff", "list"], database: path, output: output), output)
            }
            for (process, output) in running {
                process.waitUntilExit()
                let text = try String(contentsOf: output, encoding: .utf8)
                #expect(process.terminationStatus == 0, "\(text)")
            }
            #expect(try kasir.sqlite("SELECT COUNT(*) FROM grdb_migrations;", database: path) == migrations)
            #expect(try kasir.sqlite("PRAGMA integrity_check; SELECT COUNT(*) FROM security_policy;", database: path) == "ok\n1\n")
        }
    }

    @Test func twoTerminalsSellAtOnceWithoutLosingOrDoublingANumber() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let count = 200
        func session(_ server: String) -> String {
            "\(server)\n" + (server == "W01" ? KasirProcess.w01PIN : KasirProcess.w02PIN) + String(repeating: "AIR\nbayar\npas\ny\n", count: count) + "keluar\n"
        }
        // Both processes run at once; their output goes to files read after both have ended.
        let running = try ["W01", "W02"].map { server in
            let output = kasir.folder.appendingPathComponent("terminal-\(server).txt")
            return (try kasir.launch(["counter"], input: session(server), output: output), output)
        }
        for (process, output) in running {
            process.waitUntilExit()
            let text = try String(contentsOf: output, encoding: .utf8)
            #expect(process.terminationStatus == 0)
            #expect(!text.contains("dipakai proses lain"))
            #expect(text.components(separatedBy: "✔ Pesanan #").count - 1 == count)
        }
        #expect(try kasir.sqlite("SELECT COUNT(*), COUNT(DISTINCT number), MIN(number), MAX(number), SUM(total) FROM orders;")
            == "\(2 * count)|\(2 * count)|1|\(2 * count)|\(2 * count * 5_000)\n")
        try expectConsistent(kasir)
    }

    @Test func randomAndMaliciousCounterLinesChangeOnlyWhatWasConfirmed() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        var generator = SeededRandom(seed: 20261129)
        let pieces = ["KSGA", "PGR", "bayar", "pas", "y", "n", "batal", "hapus 1", "'; DROP TABLE orders; --", "\u{1B}[2J", "\u{0}",
                      "-99999999999", "99999999999999999999", "KSGA 2 size=", "qris", "tunai -5", "Rp", "x", "\u{7}", "diskon 100%",
                      String(repeating: "Z", count: 10_000), "W01", "spv", "keluar-tidak", "catatan \u{202E}gnirts", "menu", "lihat"]
        var lines: [String] = ["W01", "135790"]
        for _ in 0..<400 { lines.append(pieces[Int(generator.next() % UInt64(pieces.count))]) }
        var input = Data((lines.joined(separator: "\n") + "\n").utf8)
        input.append(contentsOf: [0xFF, 0xFE, 0x0A, 0xC3, 0x28, 0x0A])   // invalid UTF-8 lines
        input.append(contentsOf: Array("keluar\n".utf8))
        let result = try KasirProcess.execute(KasirProcess.binary, ["counter"], input: String(decoding: input, as: UTF8.self),
                                              environment: ["KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now],
                                              in: kasir.folder)
        #expect(result.status == 0 || result.status == 1)
        #expect(!result.stdout.contains("\u{1B}"))
        let confirmed = result.stdout.components(separatedBy: "✔ Pesanan #").count - 1
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;") == "\(confirmed)\n")
        try expectConsistent(kasir)
    }

    @Test(.enabled(if: getuid() == 0, "runs kasir as the user nobody, which only root can do"))
    func aReadOnlyDatabaseIsRefusedWithOneLine() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let before = try kasir.dump()
        // Root writes through any file mode: the order is attempted as an unprivileged user
        // who may read the database but not write it. The binary is copied beside the database,
        // since the checkout may sit in a folder nobody cannot enter.
        chmod(kasir.database.path, 0o644)
        chmod(kasir.folder.path, 0o755)
        chmod(kasir.config.path, 0o755)
        let binary = kasir.folder.appendingPathComponent("kasir")
        try FileManager.default.copyItem(at: KasirProcess.binary, to: binary)
        chmod(binary.path, 0o755)
        let result = try KasirProcess.execute(
            URL(fileURLWithPath: "/usr/sbin/runuser"),
            ["-u", "nobody", "--", binary.path, "order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"],
            input: "", environment: ["KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now],
            in: kasir.folder)
        #expect(result.status == 1)
        #expect(result.stderr == "Basis data tidak bisa ditulis: \(kasir.database.path).\n")
        #expect(try kasir.dump() == before)
    }

    @Test func aFullDiskLosesNothingAlreadySaved() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"]).status == 0)
        // A file-size limit stands in for a full disk: SQLite's writes fail as they would there.
        let size = try FileManager.default.attributesOfItem(atPath: kasir.database.path)[.size] as? Int ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: kasir.database.path + "-wal")[.size] as? Int) ?? 0
        let blocks = max(size, wal) / 1024 + 1
        let script = "trap '' XFSZ; ulimit -f \(blocks); exec \"$0\" \"$@\""
        var result = KasirProcess.Result(status: 0, stdout: "", stderr: "")
        var facts = ""
        // Orders are taken until the file cannot grow; the one refused must leave no trace.
        for _ in 0..<30 where result.status == 0 {
            facts = try kasir.sqlite(Self.facts, readOnly: true)
            result = try KasirProcess.execute(
                URL(fileURLWithPath: "/bin/bash"),
                ["-c", script, KasirProcess.binary.path, "order", "new", "--server", "W01", "--item", "KSGA:5:size=L", "--note", String(repeating: "x", count: 190),
                 "--pay", "cash:200000"],
                input: "", environment: ["KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now],
                in: kasir.folder)
        }
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Disk penuh: tidak ada yang disimpan.") || result.stderr.hasPrefix("Basis data gagal:"), "\(result.stderr)")
        #expect(try kasir.sqlite(Self.facts, readOnly: true) == facts)
        try expectConsistent(kasir)
    }
}
