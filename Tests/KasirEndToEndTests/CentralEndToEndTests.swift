import Crypto
import Foundation
import KasirLedger
import Testing

/// A real PostgreSQL for the centre's tests: the private cluster scripts/test starts
/// (`KASIR_TEST_POSTGRES`, its superuser's URL), one database per test. Without it the tests
/// are skipped, and under CI=true they fail: a skip is not a pass.
struct CentralPostgres {
    static let url = ProcessInfo.processInfo.environment["KASIR_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static var runnable: Bool { url != nil || ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false }

    /// A database of the test's own: the URL the centre is given.
    let databaseURL: String

    init() throws {
        let server = try #require(Self.url, "KASIR_TEST_POSTGRES is not set: run the tests through scripts/test")
        let name = "kasir_central_\(UInt32.random(in: 0...UInt32.max))"
        let created = try Self.psql(server, "CREATE DATABASE \(name)")
        try #require(created.status == 0, "\(created.stderr)")
        // The server's URL names its `postgres` database last: the test's own instead.
        databaseURL = server.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/") + "/" + name
    }

    /// Runs SQL through `psql`, as an operator would look at the centre.
    static func psql(_ url: String, _ sql: String) throws -> KasirProcess.Result {
        try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/psql"), [url, "-X", "-At", "-v", "ON_ERROR_STOP=1", "-c", sql], input: "",
                                 environment: [:], in: FileManager.default.temporaryDirectory)
    }

    func query(_ sql: String) throws -> String {
        let result = try Self.psql(databaseURL, sql)
        #expect(result.status == 0, "psql: \(result.stderr)")
        return result.stdout
    }
}

/// Issue 20: a café's journal leaves signed, on a stick (`kasir sync export`), and the centre
/// (`kasir-central import`) stores it only when everything it can check holds, each entry once.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct CentralEndToEndTests {
    static var central: URL { KasirProcess.productsDirectory.appendingPathComponent("kasir-central") }

    func central(_ arguments: [String], _ postgres: CentralPostgres, in folder: URL) throws -> KasirProcess.Result {
        try KasirProcess.execute(Self.central, arguments, input: "", environment: ["KASIR_CENTRAL_DB": postgres.databaseURL], in: folder)
    }

    @Test func aBatchOnAStickIsStoredOnceAndARewrittenHistoryIsRefused() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")

        // The centre's schema, made once.
        let migrated = try central(["migrate"], postgres, in: kasir.folder)
        #expect(migrated.status == 0 && migrated.stdout == "Skema diperbarui: versi 1.\n", "\(migrated.stderr)")
        #expect(try central(["migrate"], postgres, in: kasir.folder).stdout == "Skema sudah terbaru.\n")

        // The café joins, pinning the centre's key, and gives its own for the enrolment form.
        let centreKey = Curve25519.Signing.PrivateKey().publicKey
        let joined = try kasir.supervised(["central", "join", "--url", "https://pusat.example/", "--cafe", "BPN01",
                                           "--centre-key", centreKey.rawRepresentation.base64EncodedString(), "--format", "json"])
        #expect(joined.status == 0, "\(joined.stderr)")
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
        let publicKey = try #require(form["public_key"] as? String)
        #expect(form["centre_fingerprint"] as? String == centreKey.fingerprint)
        let keyFile = kasir.folder.appendingPathComponent("central.key")
        #expect((try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // Once: a second join would re-key the café.
        #expect(try kasir.supervised(["central", "join", "--url", "https://pusat.example/", "--cafe", "BPN02",
                                      "--centre-key", centreKey.rawRepresentation.base64EncodedString()]).stderr
            == "Kafe ini sudah bergabung dengan pusat sebagai BPN01: kuncinya tidak dibuat ulang.\n")

        let added = try central(["cafe", "add", "BPN01", "--name", "Kafe Asimilasi Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan",
                                 "--kanwil", "Kalimantan Timur", "--public-key", publicKey], postgres, in: kasir.folder)
        #expect(added.status == 0 && added.stdout == "Kafe BPN01 terdaftar.\n", "\(added.stderr)")

        // The whole journal on a stick, then into the centre.
        let first = kasir.folder.appendingPathComponent("batch-1.json").path
        let exported = try kasir.supervised(["sync", "export", first])
        #expect(exported.status == 0, "\(exported.stderr)")
        let localCount = try #require(Int(try kasir.sqlite("SELECT COUNT(*) FROM journal;").trimmingCharacters(in: .whitespacesAndNewlines)))
        let localHead = try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(exported.stdout.contains("(\(localCount) entri) ditandatangani BPN01"), "\(exported.stdout)")
        // Never over a file already there.
        #expect(try kasir.supervised(["sync", "export", first]).status == 1)

        let imported = try central(["import", first], postgres, in: kasir.folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Diterima: \(localCount) entri baru dari BPN01; tercatat di pusat sampai #\(localCount).\n")
        #expect(try postgres.query("SELECT COUNT(*), MAX(seq) FROM journal WHERE cafe = 'BPN01'") == "\(localCount)|\(localCount)\n")
        #expect(try postgres.query("SELECT head_seq, head_hash FROM cafes WHERE code = 'BPN01'") == "\(localCount)|\(localHead)\n")
        // The same batch again stores nothing twice.
        let again = try central(["import", first], postgres, in: kasir.folder)
        #expect(again.status == 0 && again.stdout == "Sudah diterima sebelumnya: tidak ada entri baru dari BPN01.\n", "\(again.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(localCount)\n")
        #expect(try postgres.query("SELECT outcome FROM batches ORDER BY id") == "stored\nduplicate\n")

        // More sales; only what followed is sent, and it follows the head the centre holds.
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")
        let second = kasir.folder.appendingPathComponent("batch-2.json").path
        #expect(try kasir.supervised(["sync", "export", second, "--after", "\(localCount)"]).status == 0)
        let more = try central(["import", second], postgres, in: kasir.folder)
        #expect(more.status == 0 && more.stdout.hasPrefix("Diterima: "), "\(more.stderr)")
        let total = try kasir.sqlite("SELECT COUNT(*) FROM journal;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(total)\n")

        // An entry edited on the stick: its hash no longer follows; refused, nothing stored, kept as evidence.
        let text = try String(contentsOfFile: second, encoding: .utf8)
        let edited = kasir.folder.appendingPathComponent("edited.json").path
        try text.replacingOccurrences(of: #""kind":"order""#, with: #""kind":"order_void""#).write(toFile: edited, atomically: true, encoding: .utf8)
        let refused = try central(["import", edited], postgres, in: kasir.folder)
        #expect(refused.status == 1 && refused.stderr.hasPrefix("Hash entri jurnal #")
            && refused.stderr.hasSuffix(" tidak sama dengan isinya: diubah; kiriman ditolak. Alarm signature dicatat. Kiriman disimpan sebagai bukti.\n"),
            "\(refused.stderr)")

        // The café rewriting its own history, signed with its own key: the centre holds the
        // original, so the rewritten entry is a fork; refused, kept, and an alarm raised.
        let cafeKey = try Curve25519.Signing.PrivateKey(rawRepresentation: try #require(Data(base64Encoded: try String(
            contentsOf: keyFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))))
        var batch = try JSONDecoder().decode(LedgerBatch.self, from: try Data(contentsOf: URL(fileURLWithPath: first)))
        var entries = batch.entries
        let last = entries.count - 1
        entries[last].fields.subject = "W09"
        entries[last].hash = try #require(entries[last].recomputedHash)
        batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-11-30T02:00:00.000Z", key: cafeKey)
        let rewritten = kasir.folder.appendingPathComponent("rewritten.json").path
        try JSONEncoder().encode(batch).write(to: URL(fileURLWithPath: rewritten))
        let fork = try central(["import", rewritten], postgres, in: kasir.folder)
        #expect(fork.status == 1 && fork.stderr == "Ditolak: entry \(localCount) differs from the one held. Alarm rollback dicatat. Kiriman disimpan sebagai bukti.\n",
                "\(fork.stderr)")
        #expect(try postgres.query("SELECT kind, cafe FROM alarms ORDER BY id") == "signature|BPN01\nrollback|BPN01\n")
        #expect(try postgres.query("SELECT outcome, evidence IS NOT NULL FROM batches ORDER BY id DESC LIMIT 2") == "refused|t\nrefused|t\n")
        // A batch signed by another key, claiming BPN01: a signature alarm.
        batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-11-30T02:00:00.000Z", key: Curve25519.Signing.PrivateKey())
        try JSONEncoder().encode(batch).write(to: URL(fileURLWithPath: rewritten + ".2"))
        #expect(try central(["import", rewritten + ".2"], postgres, in: kasir.folder).stderr
            == "Tanda tangan kiriman jurnal BPN01 tidak cocok dengan kunci kafe yang terdaftar: ditolak. Alarm signature dicatat. Kiriman disimpan sebagai bukti.\n")
        // The evidence is the file's bytes as they came.
        let sent = try Data(contentsOf: URL(fileURLWithPath: rewritten + ".2"))
        #expect(try postgres.query("SELECT encode(sha256(evidence), 'hex') FROM batches ORDER BY id DESC LIMIT 1")
            == SHA256.hash(data: sent).map { String(format: "%02x", $0) }.joined() + "\n")

        // The journal is append-only in PostgreSQL too.
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE journal SET payload = '{}' WHERE seq = 1").status != 0)
        #expect(try CentralPostgres.psql(postgres.databaseURL, "DELETE FROM journal").status != 0)
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(total)\n")
        // A café's head never moves back, nor to an entry the centre does not hold; alarms stay as raised.
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE cafes SET head_seq = 1 WHERE code = 'BPN01'").status != 0)
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE cafes SET head_hash = repeat('1', 64) WHERE code = 'BPN01'").status != 0)
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE alarms SET kind = 'stale'").status != 0)
        #expect(try CentralPostgres.psql(postgres.databaseURL, "TRUNCATE alarms").status != 0)
        // A row written straight into the centre's journal must follow the one before it.
        #expect(try CentralPostgres.psql(postgres.databaseURL, """
            INSERT INTO journal (cafe, seq, at, kind, payload, prev_hash, hash, encoding, batch_id, received_at)
            SELECT 'BPN01', \(total) + 1, 't', 'order', '{}', repeat('1', 64), repeat('2', 64), 2, MIN(id), now() FROM batches
            """).status != 0)
        // The café's link to the centre never changes, nor the key it enrolled.
        #expect(try kasir.sqliteStatus("UPDATE central_link SET centre_key = zeroblob(32);") != 0)

        // A key file others can read is not used: whoever read it could sign as the café.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let exposed = try kasir.supervised(["sync", "export", kasir.folder.appendingPathComponent("batch-3.json").path])
        #expect(exposed.status == 1 && exposed.stderr == "Kunci kafe \(keyFile.path) bisa dibaca akun lain atau milik akun lain "
            + "(harus 0600 milik akun pengirim): tidak dipakai.\n", "\(exposed.stderr)")
    }
}
