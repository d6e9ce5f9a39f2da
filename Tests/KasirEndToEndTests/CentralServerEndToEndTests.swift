import Crypto
import Foundation
import KasirLedger
import Testing
#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `kasir-central serve` as a child process, on a loopback port of its own, with its own key
/// file and the test's PostgreSQL; killed (SIGKILL) when the test is done with it.
final class CentralServerProcess {
    let process = Process()
    let output: URL
    let errors: URL
    /// `http://127.0.0.1:PORT` or `https://…`, without a final slash.
    let url: String

    /// Starts the server and waits until it says it listens (a bounded number of looks).
    init(postgres: CentralPostgres, key: URL, folder: URL, tls: (certificate: URL, key: URL)? = nil) throws {
        let port = try Self.freePort()
        url = (tls == nil ? "http" : "https") + "://127.0.0.1:\(port)"
        output = folder.appendingPathComponent("serve-\(port).out")
        errors = folder.appendingPathComponent("serve-\(port).err")
        process.executableURL = CentralServerEndToEndTests.central
        process.arguments = ["serve", "--listen", "127.0.0.1:\(port)"]
            + (tls.map { ["--tls-certificate", $0.certificate.path, "--tls-key", $0.key.path] } ?? [])
        var environment = ProcessInfo.processInfo.environment
        // As in production: a login role of kasir_ingest, which owns nothing (never the
        // superuser, which would pass every grant and policy the server lacks).
        environment["KASIR_CENTRAL_DB"] = postgres.url(as: try postgres.loginRole(in: "kasir_ingest"))
        environment["KASIR_CENTRAL_KEY"] = key.path
        process.environment = environment
        process.currentDirectoryURL = folder
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = try FileHandle(forWritingTo: errors)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var listening = false
        for _ in 0..<600 {
            if said.contains("Pusat mendengarkan di \(url)\n") {
                listening = true
                break
            }
            guard process.isRunning else { break }
            usleep(50_000)
        }
        if !listening { stop() }
        try #require(listening, "kasir-central serve did not start listening: \(String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self))")
    }

    /// What the server said on standard output.
    var said: String { String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self) }

    /// Kills the server at once (a crash, a power cut) and waits for it to be gone.
    func stop() {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    deinit { stop() }

    /// A port nothing listens on: one the kernel gives to a socket bound to port 0, closed again.
    static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr = in_addr(s_addr: inet_addr("127.0.0.1"))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound, "no free port on loopback")
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// Issue 20: a café's journal leaves over the network (`kasir sync`) to the centre's server
/// (`kasir-central serve`), which stores it in PostgreSQL and countersigns where its copy
/// ends; the café keeps the receipts, says how far it is anchored, checks its chain against
/// the centre's head, and goes on selling when the centre is gone.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct CentralServerEndToEndTests {
    static var central: URL { KasirProcess.productsDirectory.appendingPathComponent("kasir-central") }

    func central(_ arguments: [String], _ postgres: CentralPostgres, key: URL, in folder: URL) throws -> KasirProcess.Result {
        try KasirProcess.execute(Self.central, arguments, input: "", environment: [
            "KASIR_CENTRAL_DB": postgres.databaseURL, "KASIR_CENTRAL_KEY": key.path,
        ], in: folder)
    }

    /// A number the café's SQLite gives.
    func number(_ kasir: KasirProcess, _ sql: String) throws -> Int {
        try #require(Int(try kasir.sqlite(sql).trimmingCharacters(in: .whitespacesAndNewlines)), "\(sql)")
    }

    /// A café ready to sell, the centre's schema and key, and the centre's public key and fingerprint.
    func centreAndCafe(_ postgres: CentralPostgres) throws -> (kasir: KasirProcess, key: URL, publicKey: String, fingerprint: String) {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let key = kasir.folder.appendingPathComponent("centre.key")
        let migrated = try central(["migrate"], postgres, key: key, in: kasir.folder)
        try #require(migrated.status == 0, "\(migrated.stderr)")
        let shown = try central(["key", "--format", "json"], postgres, key: key, in: kasir.folder)
        try #require(shown.status == 0, "\(shown.stderr)")
        let form = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: String])
        return (kasir, key, try #require(form["public_key"]), try #require(form["fingerprint"]))
    }

    /// Enrols the café at the centre with the public key its join printed.
    func enrol(_ joined: KasirProcess.Result, _ postgres: CentralPostgres, key: URL, in folder: URL) throws {
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: String], "\(joined.stderr)")
        let added = try central(["cafe", "add", "BPN01", "--name", "Kafe Asimilasi Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan",
                                 "--kanwil", "Kalimantan Timur", "--public-key", try #require(form["public_key"])], postgres, key: key, in: folder)
        try #require(added.status == 0, "\(added.stderr)")
    }

    @Test func theCentresKeyIsMadeOnceThenOnlyRead() throws {
        let postgres = try CentralPostgres()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-central-key-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let key = folder.appendingPathComponent("centre.key")
        let made = try central(["key"], postgres, key: key, in: folder)
        #expect(made.status == 0 && made.stdout.hasPrefix("Kunci pusat dibuat: \(key.path) (0600).\nKunci publik pusat: "), "\(made.stderr)")
        #expect((try FileManager.default.attributesOfItem(atPath: key.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let again = try central(["key"], postgres, key: key, in: folder)
        #expect(again.status == 0 && made.stdout.hasSuffix(again.stdout) && again.stdout.hasPrefix("Kunci publik pusat: "), "\(again.stdout)")
        // A key file others can read is not used.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: key.path)
        let exposed = try central(["key"], postgres, key: key, in: folder)
        #expect(exposed.status == 1 && exposed.stderr == "Berkas kunci \(key.path) bisa dibaca akun lain, milik akun lain, atau bukan berkas biasa "
            + "(harus 0600 milik akun ini): tidak dipakai.\n", "\(exposed.stderr)")
        // Half of TLS is no TLS: refused before anything starts.
        let half = try central(["serve", "--tls-certificate", key.path], postgres, key: key, in: folder)
        #expect(half.status == 1 && half.stderr == "TLS perlu --tls-certificate dan --tls-key bersama (atau keduanya tidak, untuk HTTP di belakang nginx).\n")
    }

    @Test func aCafeSyncsThroughTheServerAndTheCounterOutlivesIt() throws {
        let postgres = try CentralPostgres()
        let (kasir, key, publicKey, fingerprint) = try centreAndCafe(postgres)
        let server = try CentralServerProcess(postgres: postgres, key: key, folder: kasir.folder)
        defer { server.stop() }
        // The key the server gives is the key file's.
        let served = try JSONSerialization.jsonObject(with: try Data(contentsOf: try #require(URL(string: server.url + "/v1/key")))) as? [String: String]
        #expect(served == ["public_key": publicKey, "fingerprint": fingerprint])

        // Joining fetches the centre's key from its address; its fingerprint is the one read out.
        let joined = try kasir.supervised(["central", "join", "--url", server.url + "/", "--cafe", "BPN01", "--format", "json"])
        #expect(joined.status == 0, "\(joined.stderr)")
        #expect(try kasir.json(joined)["centre_fingerprint"] as? String == fingerprint)
        // Not enrolled yet: the centre says so, and nothing is sent.
        let early = try kasir.run(["sync"])
        #expect(early.status == 1 && early.stderr.hasPrefix("Kafe BPN01 belum terdaftar di pusat"), "\(early.stderr)")
        try enrol(joined, postgres, key: key, in: kasir.folder)

        // Everything from the join on goes, in one batch; PostgreSQL holds each entry once.
        let start = try number(kasir, "SELECT MIN(seq) FROM journal WHERE kind = 'central_joined';")
        let last = try number(kasir, "SELECT MAX(seq) FROM journal;")
        let synced = try kasir.run(["sync"])
        #expect(synced.status == 0 && synced.stdout == "Terkirim \(last - start + 1) entri dalam 1 kiriman; tercatat di pusat sampai #\(last).\n",
                "\(synced.stdout)\(synced.stderr)")
        #expect(try postgres.query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM journal WHERE cafe = 'BPN01'") == "\(last - start + 1)|\(start)|\(last)\n")
        #expect(try kasir.sqlite("SELECT result, seq FROM central_receipts ORDER BY id;") == "stored|\(last)\n")
        // Again: nothing new, nothing stored twice.
        let again = try kasir.run(["sync"])
        #expect(again.status == 0 && again.stdout == "Tidak ada yang baru; tercatat di pusat sampai #\(last).\n", "\(again.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(last - start + 1)\n")

        // A sale, then only what followed goes.
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")
        let head = try number(kasir, "SELECT MAX(seq) FROM journal;")
        let more = try kasir.json(try kasir.run(["sync", "--format", "json"]))
        let headHash = try kasir.sqlite("SELECT hash FROM journal WHERE seq = \(head);").trimmingCharacters(in: .newlines)
        #expect(more["sent"] as? Int == head - last && more["batches"] as? Int == 1 && more["head_seq"] as? Int == head)
        #expect(more["head"] as? String == headHash && more["anchored_at"] is String)
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(head - start + 1)\n")

        // How far the centre holds the journal, and what waits.
        let status = try kasir.run(["sync", "status"])
        #expect(status.status == 0 && status.stdout.hasPrefix("Tercatat di pusat: #\(head), ") && !status.stdout.contains("BELUM"), "\(status.stdout)")
        // A receipt written into the table by hand, claiming more than the centre signed, is passed over.
        _ = try kasir.sqlite("""
            INSERT INTO central_receipts (seq, head, batch, result, received_at, receipt, kept_at)
            SELECT seq + 100, head, batch, result, received_at, receipt, kept_at FROM central_receipts ORDER BY id DESC LIMIT 1;
            """)
        #expect(try kasir.run(["sync", "status"]).stdout == status.stdout)
        try kasir.sell("--server", "W01", "--item", "AIR", "--pay", "cash:5000")
        let waiting = try number(kasir, "SELECT MAX(seq) FROM journal;") - head
        let pending = try kasir.run(["sync", "status"])
        #expect(pending.stdout.hasSuffix(" WITA\nBELUM tercatat sejak 29 Nov 10:00 WITA: \(waiting) entri\n"), "\(pending.stdout)")
        let pendingJSON = try kasir.json(try kasir.run(["sync", "status", "--format", "json"]))
        #expect(pendingJSON["anchored_seq"] as? Int == head && pendingJSON["pending"] as? Int == waiting)
        #expect(pendingJSON["pending_since"] as? String == "2026-11-29T02:00:00.000Z")
        let doctor = try kasir.run(["doctor"])
        #expect(doctor.stdout.contains("✔ pusat: Tercatat di pusat: #\(head), "), "\(doctor.stdout)")

        // The local chain holds the centre's head.
        let audit = try kasir.run(["audit", "verify", "--central"])
        #expect(audit.status == 0 && audit.stdout.hasSuffix("Rantai lokal memuat kepala pusat #\(head).\n"), "\(audit.stdout)\(audit.stderr)")

        // The centre gone: one line and a non-zero status; the counter sells as before.
        server.stop()
        let down = try kasir.run(["sync"])
        #expect(down.status == 1 && down.stderr == "Pusat \(server.url)/ tidak bisa dihubungi; kasir tetap berjalan seperti biasa, kirim lagi nanti (kasir sync).\n",
                "\(down.stderr)")
        #expect(down.stdout.isEmpty)
        let sold = try kasir.run(["order", "new", "--server", "W02", "--item", "PGR", "--pay", "cash:10000"])
        #expect(sold.status == 0, "\(sold.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(head - start + 1)\n")
        // The Z report says it too: the last anchor, and what has waited since when.
        let close = try kasir.supervised(["till", "close", "--count", "100000x2"])
        #expect(close.status == 0 && close.stdout.contains("\nTercatat di pusat: #\(head)\n")
                    && close.stdout.contains("\nBELUM tercatat: 4 entri\nsejak 2026-11-29 10:00\n"),
                "\(close.stdout)\(close.stderr)")
    }

    /// Starts posting `batch` to the server with curl, as the café does; `answer` waits for it.
    final class Posting {
        let process = Process()
        let output: URL

        init(_ batch: LedgerBatch, to server: CentralServerProcess, in folder: URL) throws {
            let name = "batch-\(batch.checkpoint.firstSeq)-\(UUID().uuidString)"
            let file = folder.appendingPathComponent(name + ".json")
            output = folder.appendingPathComponent(name + ".out")
            try JSONEncoder().encode(batch).write(to: file)
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
            process.arguments = ["-q", "--silent", "--header", "Content-Type: application/json", "--header", "Expect:", "--data-binary", "@\(file.path)",
                                 "--write-out", "\n%{http_code}", "--url", server.url + "/v1/batches"]
            process.standardOutput = try FileHandle(forWritingTo: output)
            process.standardInput = FileHandle.nullDevice
            try process.run()
        }

        /// The status and body the server answered.
        var answer: (status: Int, body: String) {
            process.waitUntilExit()
            let lines = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            return (Int(lines.last ?? "") ?? 0, lines.dropLast().joined(separator: "\n"))
        }
    }

    /// Posts `batch` and gives the answer.
    func post(_ batch: LedgerBatch, to server: CentralServerProcess, in folder: URL) throws -> (status: Int, body: String) {
        try Posting(batch, to: server, in: folder).answer
    }

    /// A café sends its next batch while the centre stores the one before (`kasir sync`): two
    /// batches arriving at once, the later first, are stored in the order of their entries,
    /// with no alarm. A batch that begins past the head with nothing before it on its way is a
    /// gap, alarmed; one that follows a batch refused is refused quietly.
    @Test func batchesArrivingTogetherAreStoredInTheOrderOfTheirEntries() throws {
        let postgres = try CentralPostgres()
        let (kasir, key, _, _) = try centreAndCafe(postgres)
        let server = try CentralServerProcess(postgres: postgres, key: key, folder: kasir.folder)
        defer { server.stop() }
        let joined = try kasir.supervised(["central", "join", "--url", server.url + "/", "--cafe", "BPN01", "--format", "json"])
        try #require(joined.status == 0, "\(joined.stderr)")
        try enrol(joined, postgres, key: key, in: kasir.folder)
        for _ in 0..<3 { try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000") }
        let stick = kasir.folder.appendingPathComponent("stick.json")
        try #require(try kasir.supervised(["sync", "export", stick.path]).status == 0)
        let whole = try JSONDecoder().decode(LedgerBatch.self, from: Data(contentsOf: stick))
        let cafeKey = try Ed25519KeyFile(path: kasir.folder.appendingPathComponent("central.key").path).load()
        let third = whole.entries.count / 3
        try #require(third > 1)
        let opening = try LedgerBatch.signed(cafe: "BPN01", entries: Array(whole.entries[..<third]), at: whole.checkpoint.at, key: cafeKey)
        let first = try LedgerBatch.signed(cafe: "BPN01", entries: Array(whole.entries[third..<(2 * third)]), at: whole.checkpoint.at, key: cafeKey)
        let second = try LedgerBatch.signed(cafe: "BPN01", entries: Array(whole.entries[(2 * third)...]), at: whole.checkpoint.at, key: cafeKey)
        // The café's history here begins with a batch alone, as `kasir sync` sends it.
        #expect(try post(opening, to: server, in: kasir.folder).status == 200)

        // Then the later batch first, the earlier a moment after: both stored, in order.
        let sending = try Posting(second, to: server, in: kasir.folder)
        usleep(300_000)
        let earlier = try post(first, to: server, in: kasir.folder)
        let later: (status: Int, body: String)? = sending.answer
        #expect(earlier.status == 200 && earlier.body.contains("\"result\":\"stored\""), "\(earlier)")
        #expect(later?.status == 200 && later?.body.contains("\"result\":\"stored\"") == true, "\(String(describing: later))")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(whole.checkpoint.seq)\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(whole.entries.count)\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM alarms") == "0\n")

        // More sales. A batch signed by another key is refused with its alarm, and explains no
        // gap after it. One the café signed that does not follow the head (a fork) is refused
        // with its alarm, and the one sent on its heels is refused with none. One past the
        // head with nothing before it on its way is a gap.
        for _ in 0..<4 { try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000") }
        let more = kasir.folder.appendingPathComponent("more.json")
        try #require(try kasir.supervised(["sync", "export", more.path, "--after", "\(whole.checkpoint.seq)"]).status == 0)
        let next = try JSONDecoder().decode(LedgerBatch.self, from: Data(contentsOf: more)).entries
        try #require(next.count >= 4)
        let forged = try LedgerBatch.signed(cafe: "BPN01", entries: Array(next[..<2]), at: whole.checkpoint.at, key: Curve25519.Signing.PrivateKey())
        let refused = try post(forged, to: server, in: kasir.folder)
        #expect(refused.status == 409 && refused.body.contains("\"alarm\":\"signature\""), "\(refused)")
        var previous = String(repeating: "0", count: 64)
        var forkedEntries: [LedgerEntry] = []
        for entry in next[..<2] {
            let hash = JournalHash.hex(encoding: .v3, previous: previous, seq: entry.seq, fields: entry.fields)
            forkedEntries.append(LedgerEntry(seq: entry.seq, encoding: entry.encoding, prevHash: previous, hash: hash, fields: entry.fields))
            previous = hash
        }
        let forked = try post(try LedgerBatch.signed(cafe: "BPN01", entries: forkedEntries, at: whole.checkpoint.at, key: cafeKey), to: server, in: kasir.folder)
        #expect(forked.status == 409 && forked.body.contains("\"alarm\":\"fork\""), "\(forked)")
        let following = try LedgerBatch.signed(cafe: "BPN01", entries: Array(next[2...]), at: whole.checkpoint.at, key: cafeKey)
        let quiet = try post(following, to: server, in: kasir.folder)
        #expect(quiet.status == 409 && quiet.body.contains("was not stored") && quiet.body.contains("\"alarm\":null"), "\(quiet)")
        #expect(try postgres.query("SELECT kind, COUNT(*) FROM alarms GROUP BY kind ORDER BY kind") == "fork|1\nsignature|1\n")
        let alone = try LedgerBatch.signed(cafe: "BPN01", entries: Array(next[3...]), at: whole.checkpoint.at, key: cafeKey)
        let gap = try post(alone, to: server, in: kasir.folder)
        #expect(gap.status == 409 && gap.body.contains("\"alarm\":\"gap\""), "\(gap)")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(whole.checkpoint.seq)\n")
        // The café's own sync sends what is missing, from the centre's head.
        let synced = try kasir.run(["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(next.last?.seq ?? 0)\n")
    }

    /// TLS with a certificate the test makes for 127.0.0.1. The café's `curl` trusts the
    /// system's CA bundle and nothing else (no `.curlrc`, no environment), so `kasir` runs in a
    /// mount namespace of its own where the bundle's path holds the test's certificate: nothing
    /// outside that one process sees it. That needs root and util-linux's `unshare`, as CI has.
    @Test(.enabled(if: geteuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare")
                   && FileManager.default.fileExists(atPath: "/etc/ssl/certs/ca-certificates.crt"), "needs root, unshare and a CA bundle"))
    func aCafeSyncsThroughTLS() throws {
        let postgres = try CentralPostgres()
        let (kasir, key, _, fingerprint) = try centreAndCafe(postgres)
        let certificate = kasir.folder.appendingPathComponent("centre.pem")
        let tlsKey = kasir.folder.appendingPathComponent("centre-key.pem")
        let made = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/openssl"), [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", tlsKey.path, "-out", certificate.path,
        ], input: "", environment: [:], in: kasir.folder)
        try #require(made.status == 0, "\(made.stderr)")
        let server = try CentralServerProcess(postgres: postgres, key: key, folder: kasir.folder, tls: (certificate, tlsKey))
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://127.0.0.1:"))

        /// `kasir ARGS` trusting the test's certificate alone.
        func trusting(_ arguments: [String], input: String = "") throws -> KasirProcess.Result {
            try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/unshare"), [
                "--mount", "--propagation", "private", "/bin/sh", "-c",
                #"mount --bind "$0" /etc/ssl/certs/ca-certificates.crt && exec "$@""#, certificate.path, KasirProcess.binary.path,
            ] + arguments, input: input, environment: [
                "KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now,
            ], in: kasir.folder)
        }

        let joined = try trusting(["central", "join", "--url", server.url + "/", "--cafe", "BPN01", "--format", "json", "--by", "S1"],
                                  input: KasirProcess.pin)
        #expect(joined.status == 0, "\(joined.stderr)")
        #expect(try kasir.json(joined)["centre_fingerprint"] as? String == fingerprint)
        try enrol(joined, postgres, key: key, in: kasir.folder)
        let start = try number(kasir, "SELECT MIN(seq) FROM journal WHERE kind = 'central_joined';")
        let last = try number(kasir, "SELECT MAX(seq) FROM journal;")
        let synced = try trusting(["sync"])
        #expect(synced.status == 0 && synced.stdout == "Terkirim \(last - start + 1) entri dalam 1 kiriman; tercatat di pusat sampai #\(last).\n",
                "\(synced.stdout)\(synced.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal WHERE cafe = 'BPN01'") == "\(last - start + 1)\n")
        // Without that trust the certificate is refused: TLS is checked, not merely spoken.
        try kasir.sell("--server", "W01", "--item", "AIR", "--pay", "cash:5000")
        let untrusted = try kasir.run(["sync"])
        #expect(untrusted.status == 1 && untrusted.stderr.hasPrefix("Pusat \(server.url)/ tidak bisa dihubungi"), "\(untrusted.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal WHERE cafe = 'BPN01'") == "\(last - start + 1)\n")
    }
}

/// The café's binary stays lean: the centre's server framework is the centre's alone.
@Suite struct CafeBinaryEndToEndTests {
    /// The counter's binary stays lean: no server framework, and no HTTP library loaded at each
    /// start (the centre is reached through the curl program, by `kasir sync` alone).
    @Test func kasirLinksNoSwiftNIONorAnHTTPLibrary() throws {
        let binary = try Data(contentsOf: KasirProcess.binary)
        #expect(binary.range(of: Data("NIOCore".utf8)) == nil)
        let linked = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/ldd"), [KasirProcess.binary.path], input: "", environment: [:],
                                              in: FileManager.default.temporaryDirectory)
        #expect(linked.status == 0 && !linked.stdout.contains("libcurl") && !linked.stdout.contains("FoundationNetworking"), "\(linked.stdout)")
    }
}
