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

    /// The test's database as `role` sees it (the private cluster trusts loopback, so no
    /// password is asked; grants and row-level security still hold); the superuser's without one.
    func url(as role: String?) -> String {
        guard let role else { return databaseURL }
        return databaseURL.replacingOccurrences(of: "postgres://postgres@", with: "postgres://\(role)@")
    }

    /// `sql` run as `role`: its output, or its error.
    func query(_ sql: String, as role: String) throws -> KasirProcess.Result {
        try Self.psql(url(as: role), sql)
    }

    /// A login role of the cluster (roles are the cluster's, not one database's: named anew
    /// each test) in `group`.
    func loginRole(in group: String) throws -> String {
        let name = "t\(UInt32.random(in: 0...UInt32.max))"
        _ = try query("CREATE ROLE \(name) LOGIN IN ROLE \(group)")
        return name
    }
}

/// Issue 20: a café's journal leaves signed, on a stick (`kasir sync export`), and the centre
/// (`kasir-central import`) stores it only when everything it can check holds, each entry once.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct CentralEndToEndTests {
    static var central: URL { KasirProcess.productsDirectory.appendingPathComponent("kasir-central") }

    func central(_ arguments: [String], _ postgres: CentralPostgres, as role: String? = nil, input: String = "", in folder: URL) throws -> KasirProcess.Result {
        try KasirProcess.execute(Self.central, arguments, input: input, environment: ["KASIR_CENTRAL_DB": postgres.url(as: role)], in: folder)
    }

    @Test func aBatchOnAStickIsStoredOnceAndARewrittenHistoryIsRefused() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")

        // The centre's schema, made once.
        let migrated = try central(["migrate"], postgres, in: kasir.folder)
        #expect(migrated.status == 0 && migrated.stdout == "Skema diperbarui: versi 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11.\n", "\(migrated.stderr)")
        #expect(try central(["migrate"], postgres, in: kasir.folder).stdout == "Skema sudah terbaru.\n")

        // The café joins, pinning the centre's key, and gives its own for the enrolment form.
        let centreKey = Curve25519.Signing.PrivateKey().publicKey
        let joined = try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01",
                                           "--centre-key", centreKey.rawRepresentation.base64EncodedString(), "--format", "json"])
        #expect(joined.status == 0, "\(joined.stderr)")
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
        let publicKey = try #require(form["public_key"] as? String)
        #expect(form["centre_fingerprint"] as? String == centreKey.fingerprint)
        let keyFile = kasir.folder.appendingPathComponent("central.key")
        #expect((try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        // Once: a second join would re-key the café.
        #expect(try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN02",
                                      "--centre-key", centreKey.rawRepresentation.base64EncodedString()]).stderr
            == "Kafe ini sudah bergabung dengan pusat sebagai BPN01: kuncinya tidak dibuat ulang.\n")

        let added = try central(["cafe", "add", "BPN01", "--name", "Kafe Asimilasi Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan",
                                 "--kanwil", "Kalimantan Timur", "--public-key", publicKey], postgres, in: kasir.folder)
        #expect(added.status == 0 && added.stdout == "Kafe BPN01 terdaftar.\n", "\(added.stderr)")

        // Free text after the join: it stays at the café, its entry leaves in its public form.
        let noted = try kasir.supervised(["note", "W01", "--text", "Budi lupa takaran gula"])
        #expect(noted.status == 0, "\(noted.stderr)")

        // The journal from the join on, on a stick, then into the centre: what came before may
        // hold names in clear and never leaves the café.
        let first = kasir.folder.appendingPathComponent("batch-1.json").path
        let exported = try kasir.supervised(["sync", "export", first])
        #expect(exported.status == 0, "\(exported.stderr)")
        func number(_ sql: String) throws -> Int { try #require(Int(try kasir.sqlite(sql).trimmingCharacters(in: .whitespacesAndNewlines))) }
        let joinSeq = try number("SELECT seq FROM journal WHERE kind = 'central_joined';")
        let localMax = try number("SELECT MAX(seq) FROM journal;")
        let localCount = localMax - joinSeq + 1
        #expect(joinSeq > 1)
        let localHead = try kasir.sqlite("SELECT hash FROM journal ORDER BY seq DESC LIMIT 1;").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(exported.stdout.contains("(\(localCount) entri) ditandatangani BPN01"), "\(exported.stdout)")
        #expect(try !String(contentsOfFile: first, encoding: .utf8).contains("takaran"))
        // Never over a file already there.
        #expect(try kasir.supervised(["sync", "export", first]).status == 1)

        // Taken in as the server's role, which owns nothing, never as the superuser.
        let server = try postgres.loginRole(in: "kasir_ingest")
        let imported = try central(["import", first], postgres, as: server, in: kasir.folder)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout == "Diterima: \(localCount) entri baru dari BPN01; tercatat di pusat sampai #\(localMax).\n")
        #expect(try postgres.query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM journal WHERE cafe = 'BPN01'") == "\(localCount)|\(joinSeq)|\(localMax)\n")
        #expect(try postgres.query("SELECT head_seq, head_hash, base_seq FROM cafes WHERE code = 'BPN01'") == "\(localMax)|\(localHead)|\(joinSeq - 1)\n")
        // The note reached the centre as its salted digest and `true`, never as its words.
        #expect(try postgres.query("SELECT COUNT(*) FROM journal WHERE snapshot LIKE '%takaran%'") == "0\n")
        #expect(try postgres.query("SELECT kind, snapshot LIKE '%\"text\":true%' FROM journal WHERE private_digest IS NOT NULL AND kind = 'coaching_note'")
            == "coaching_note|t\n")
        // The rows the join journaled as they stood carry their words the same way: as `true`.
        #expect(try postgres.query("SELECT COUNT(*) FROM journal WHERE private_digest IS NOT NULL AND snapshot NOT LIKE '%:true%'") == "0\n")
        // The same batch again stores nothing twice.
        let again = try central(["import", first], postgres, as: server, in: kasir.folder)
        #expect(again.status == 0 && again.stdout == "Sudah diterima sebelumnya: tidak ada entri baru dari BPN01.\n", "\(again.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(localCount)\n")
        #expect(try postgres.query("SELECT outcome FROM batches ORDER BY id") == "stored\nduplicate\n")

        // More sales; only what followed is sent, and it follows the head the centre holds.
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")
        let second = kasir.folder.appendingPathComponent("batch-2.json").path
        #expect(try kasir.supervised(["sync", "export", second, "--after", "\(localMax)"]).status == 0)
        let more = try central(["import", second], postgres, as: server, in: kasir.folder)
        #expect(more.status == 0 && more.stdout.hasPrefix("Diterima: "), "\(more.stderr)")
        let total = try number("SELECT COUNT(*) FROM journal;") - joinSeq + 1
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "\(total)\n")
        // A sale entered from the command line names the account by number, not by its login name.
        #expect(try postgres.query("SELECT DISTINCT actor FROM journal WHERE kind = 'order'") == "user:uid \(getuid())\n")

        // An entry edited on the stick: its hash no longer follows; refused, nothing stored, kept as evidence.
        let text = try String(contentsOfFile: second, encoding: .utf8)
        let edited = kasir.folder.appendingPathComponent("edited.json").path
        try text.replacingOccurrences(of: #""kind":"order""#, with: #""kind":"order_void""#).write(toFile: edited, atomically: true, encoding: .utf8)
        let refused = try central(["import", edited], postgres, as: server, in: kasir.folder)
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
        let fork = try central(["import", rewritten], postgres, as: server, in: kasir.folder)
        #expect(fork.status == 1 && fork.stderr == "Ditolak: entry \(localMax) differs from the one held. Alarm rollback dicatat. Kiriman disimpan sebagai bukti.\n",
                "\(fork.stderr)")
        // Shown again (a café on its old branch syncs every few minutes): recorded, not alarmed or kept again.
        let again2 = try central(["import", rewritten], postgres, as: server, in: kasir.folder)
        #expect(again2.status == 1 && again2.stderr.hasPrefix("Ditolak: entry \(localMax) differs from the one held (again: kept and alarmed with batch ")
                    && again2.stderr.hasSuffix(". Kiriman dicatat; isinya tidak disimpan.\n"), "\(again2.stderr)")
        #expect(try postgres.query("SELECT kind, cafe FROM alarms ORDER BY id") == "signature|BPN01\nrollback|BPN01\n")
        #expect(try postgres.query("SELECT outcome, evidence IS NOT NULL FROM batches ORDER BY id DESC LIMIT 3") == "refused|f\nrefused|t\nrefused|t\n")
        // A batch signed by another key, claiming BPN01: a signature alarm.
        batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-11-30T02:00:00.000Z", key: Curve25519.Signing.PrivateKey())
        try JSONEncoder().encode(batch).write(to: URL(fileURLWithPath: rewritten + ".2"))
        #expect(try central(["import", rewritten + ".2"], postgres, as: server, in: kasir.folder).stderr
            == "Tanda tangan kiriman jurnal BPN01 tidak cocok dengan kunci kafe yang terdaftar: ditolak. Alarm signature dicatat. Kiriman disimpan sebagai bukti.\n")
        // The evidence is the file's bytes as they came.
        let sent = try Data(contentsOf: URL(fileURLWithPath: rewritten + ".2"))
        #expect(try postgres.query("SELECT encode(sha256(evidence), 'hex') FROM batches ORDER BY id DESC LIMIT 1")
            == SHA256.hash(data: sent).map { String(format: "%02x", $0) }.joined() + "\n")

        // The server's role adds rows and moves heads, and nothing else: it owns no table, so it
        // can neither rewrite the journal nor switch off what guards it.
        for sql in ["UPDATE journal SET payload = '{}'", "DELETE FROM batches", "ALTER TABLE journal DISABLE TRIGGER ALL",
                    "DROP TABLE alarms", "UPDATE cafes SET public_key = public_key", "ALTER TABLE journal DISABLE ROW LEVEL SECURITY"] {
            let attempt = try postgres.query(sql, as: server)
            #expect(attempt.status != 0 && (attempt.stderr.contains("permission denied") || attempt.stderr.contains("must be owner")),
                    "\(sql): \(attempt.stderr)")
        }

        // The journal is append-only in PostgreSQL too.
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE journal SET payload = '{}' WHERE seq = \(joinSeq)").status != 0)
        // Nor may where a café's history begins move once the centre holds some of it.
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE cafes SET base_seq = 0 WHERE code = 'BPN01'").status != 0)
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
            SELECT 'BPN01', MAX(j.seq) + 1, 't', 'order', '{}', repeat('1', 64), repeat('2', 64), 2, MIN(b.id), now() FROM batches b, journal j
            """).status != 0)
        // The café's link to the centre never changes, nor the key it enrolled.
        #expect(try kasir.sqliteStatus("UPDATE central_link SET centre_key = zeroblob(32);") != 0)

        // The centre re-checks what it holds, as a reader: intact; then an entry its owner changed.
        let reader = try postgres.loginRole(in: "kasir_directorate")
        let span = "(#\(joinSeq)–#\(joinSeq + total - 1))"
        let verified = try central(["verify"], postgres, as: reader, in: kasir.folder)
        #expect(verified.status == 0 && verified.stdout == "BPN01: \(total) entri \(span), 2 kiriman: hash, rantai dan tanda tangan utuh.\n",
                "\(verified.stdout)\(verified.stderr)")
        _ = try postgres.query("""
            ALTER TABLE journal DISABLE TRIGGER journal_append_only;
            UPDATE journal SET payload = '{"x":1}' WHERE seq = \(joinSeq + 1);
            ALTER TABLE journal ENABLE TRIGGER journal_append_only
            """)
        let broken = try central(["verify", "--cafe", "BPN01"], postgres, as: reader, in: kasir.folder)
        #expect(broken.status == 1 && broken.stdout == "BPN01: \(total) entri \(span): 1 masalah.\n"
            + "  Entri #\(joinSeq + 1): hash tidak sama dengan isinya (diubah di PostgreSQL sesudah diterima).\n", "\(broken.stdout)\(broken.stderr)")
        #expect(try central(["verify", "--cafe", "XYZ01"], postgres, as: reader, in: kasir.folder).stderr == "Kafe XYZ01 belum terdaftar di pusat.\n")

        // A key file others can read is not used: whoever read it could sign as the café.
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: keyFile.path)
        let exposed = try kasir.supervised(["sync", "export", kasir.folder.appendingPathComponent("batch-3.json").path])
        #expect(exposed.status == 1 && exposed.stderr == "Kunci kafe \(keyFile.path) bisa dibaca akun lain atau milik akun lain "
            + "(harus 0600 milik akun pengirim): tidak dipakai.\n", "\(exposed.stderr)")
    }

    /// Readers see what their role allows, by row-level security, as PostgreSQL login roles
    /// that `kasir-central user add` makes: the directorate every café, a Kanwil its own, a
    /// café itself; none can write.
    @Test func readersSeeTheirOwnCafesOnly() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try central(["migrate"], postgres, in: kasir.folder).status == 0)
        let joined = try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01", "--centre-key",
                                           Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString(), "--format", "json"])
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
        #expect(try central(["cafe", "add", "BPN01", "--name", "Kafe Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan", "--kanwil", "Kalimantan Timur",
                             "--public-key", try #require(form["public_key"] as? String)], postgres, in: kasir.folder).status == 0)
        #expect(try central(["cafe", "add", "SBY01", "--name", "Kafe Surabaya", "--upt", "Rutan Kelas I Surabaya", "--kanwil", "Jawa Timur",
                             "--public-key", Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString()],
                            postgres, in: kasir.folder).status == 0)
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let file = kasir.folder.appendingPathComponent("batch.json").path
        #expect(try kasir.supervised(["sync", "export", file]).status == 0)
        #expect(try central(["import", file], postgres, as: try postgres.loginRole(in: "kasir_ingest"), in: kasir.folder).status == 0)
        let total = try postgres.query("SELECT COUNT(*) FROM journal")

        let suffix = String(UInt32.random(in: 0...UInt32.max))
        let password = "kopi-tubruk-2026\nkopi-tubruk-2026\n"
        func add(_ name: String, _ scope: [String]) throws -> KasirProcess.Result {
            try central(["user", "add", name] + scope, postgres, input: password, in: kasir.folder)
        }
        let kaltim = "kaltim_\(suffix)", jatim = "jatim_\(suffix)", pusat = "pusat_\(suffix)", kafe = "sby_\(suffix)"
        for (name, scope) in [(kaltim, ["--role", "kanwil", "--kanwil", "Kalimantan Timur"]), (jatim, ["--role", "kanwil", "--kanwil", "Jawa Timur"]),
                              (pusat, ["--role", "directorate"]), (kafe, ["--role", "cafe", "--cafe", "SBY01"])] {
            let made = try add(name, scope)
            #expect(made.status == 0 && made.stdout == "Pengguna \(name) dibuat.\n", "\(made.stderr)")
        }
        func sees(_ role: String, _ sql: String) throws -> String {
            let result = try postgres.query(sql, as: role)
            #expect(result.status == 0, "\(role): \(result.stderr)")
            return result.stdout
        }
        #expect(try sees(pusat, "SELECT code FROM cafes ORDER BY code") == "BPN01\nSBY01\n")
        #expect(try sees(pusat, "SELECT COUNT(*) FROM journal") == total)
        #expect(try sees(kaltim, "SELECT code FROM cafes ORDER BY code") == "BPN01\n")
        #expect(try sees(kaltim, "SELECT COUNT(*) FROM journal") == total)
        #expect(try sees(jatim, "SELECT code FROM cafes ORDER BY code") == "SBY01\n")
        #expect(try sees(jatim, "SELECT COUNT(*) FROM journal") == "0\n")
        #expect(try sees(kafe, "SELECT COUNT(*), MIN(code) FROM cafes") == "1|SBY01\n")
        #expect(try sees(kafe, "SELECT COUNT(*) FROM batches") == "0\n")
        // The reports across cafés, as each reader may see them: a café quiet for five days is stale.
        _ = try postgres.query("UPDATE cafes SET enrolled_at = now() - interval '5 days' WHERE code = 'SBY01'")
        let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
        func report(_ role: String, _ arguments: [String]) throws -> KasirProcess.Result {
            try central(["report"] + arguments + ["--month", month], postgres, as: role, in: kasir.folder)
        }
        let cafes = try report(pusat, ["cafes", "--format", "json"])
        #expect(cafes.status == 0, "\(cafes.stderr)")
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(cafes.stdout.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["cafe"] as? String } == ["SBY01", "BPN01"])   // by Kanwil: Jawa Timur, Kalimantan Timur
        #expect(listed.map { $0["stale"] as? Bool } == [true, false])
        #expect(listed.last?["head_seq"] as? Int == Int(try postgres.query("SELECT MAX(seq) FROM journal").trimmingCharacters(in: .whitespacesAndNewlines)))
        let own = try report(kaltim, ["cafes", "--format", "csv"])
        let lines = own.stdout.split(separator: "\r\n")   // CSV's own line ends
        #expect(own.status == 0 && lines.first == "cafe,name,upt,kanwil,head_seq,anchored_at,entries,alarms,stale,branches", "\(own.stdout)\(own.stderr)")
        #expect(lines.count == 2 && lines.last?.hasPrefix("BPN01,Kafe Balikpapan,Rutan Kelas IIA Balikpapan,Kalimantan Timur,") == true)
        let text = try report(jatim, ["cafes"])
        #expect(text.status == 0 && text.stdout.contains("SBY01") && !text.stdout.contains("BPN01") && text.stdout.contains("belum pernah"), "\(text.stdout)")
        // A Kanwil reader asking for another Kanwil sees nothing of it.
        let other = try report(jatim, ["cafes", "--kanwil", "Kalimantan Timur", "--format", "json"])
        let none = try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [Any]
        #expect(other.status == 0 && none?.isEmpty == true, "\(other.stdout)")
        _ = try postgres.query("INSERT INTO alarms (cafe, kind, detail) VALUES ('SBY01', 'stale', 'last anchored never'), ('BPN01', 'gap', 'entries 9…10 missing')")
        let alarms = try report(kaltim, ["alarms", "--format", "json"])
        let raised = try #require(try JSONSerialization.jsonObject(with: Data(alarms.stdout.utf8)) as? [[String: Any]])
        #expect(raised.map { "\($0["cafe"] ?? "")|\($0["kind"] ?? "")" } == ["BPN01|gap"] && raised.first?["at"] is String, "\(alarms.stdout)")
        let html = try report(pusat, ["alarms", "--format", "html"])
        #expect(html.status == 0 && html.stdout.contains("<table") && html.stdout.contains("SBY01") && html.stdout.contains("BPN01"))

        // Readers only read, and cannot borrow a wider role.
        for (role, sql) in [(kaltim, "INSERT INTO alarms (cafe, kind, detail) VALUES ('BPN01', 'stale', 'x')"), (pusat, "DELETE FROM journal"),
                            (jatim, "SET ROLE kasir_directorate"), (kafe, "SELECT * FROM central_users"), (kaltim, "SELECT evidence FROM batches"),
                            (kafe, "SELECT kasir_reader_kanwil()")] {
            #expect(try postgres.query(sql, as: role).status != 0, "\(role): \(sql)")
        }

        // What cannot be made, each with one line and nothing made.
        #expect(try central(["user", "add", "mismatch_\(suffix)", "--role", "directorate"], postgres, input: "kopi-tubruk-2026\nkopi-susu-2026\n",
                            in: kasir.folder).stderr == "Kata sandi dan ulangannya berbeda: pengguna tidak dibuat.\n")
        #expect(try add(kaltim, ["--role", "directorate"]).stderr == "Pengguna \(kaltim) sudah ada: tidak dibuat ulang.\n")
        #expect(try add("x_\(suffix)", ["--role", "kanwil"]).stderr
            == "Peran kanwil: --kanwil hanya untuk peran kanwil dan wajib baginya, --cafe hanya untuk peran cafe dan wajib baginya.\n")
        #expect(try add("y_\(suffix)", ["--role", "cafe", "--cafe", "MKS01"]).stderr == "Kafe MKS01 belum terdaftar di pusat.\n")
        #expect(try central(["user", "add", "z_\(suffix)", "--role", "directorate"], postgres, input: "pendek\npendek\n", in: kasir.folder).stderr
            == "Kata sandi minimal 12 karakter, tanpa karakter kendali: pengguna tidak dibuat.\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM central_users") == "4\n")
    }

    /// What a rogue or tampered café could send: a history begun past its join, or a note in
    /// clear under its own signature. Neither is taken, and the note is not kept as evidence.
    /// An entry the server's role writes in by itself is in no signed batch: `verify` says so.
    @Test func theCentreTakesNoTextInClearNorAHistoryBegunPastTheJoin() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try central(["migrate"], postgres, in: kasir.folder).status == 0)
        let joined = try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01", "--centre-key",
                                           Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString(), "--format", "json"])
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
        #expect(try central(["cafe", "add", "BPN01", "--name", "Kafe Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan", "--kanwil", "Kalimantan Timur",
                             "--public-key", try #require(form["public_key"] as? String)], postgres, in: kasir.folder).status == 0)
        #expect(try kasir.supervised(["note", "W01", "--text", "Budi lupa takaran gula"]).status == 0)
        let file = kasir.folder.appendingPathComponent("batch.json").path
        #expect(try kasir.supervised(["sync", "export", file]).status == 0)
        let batch = try JSONDecoder().decode(LedgerBatch.self, from: try Data(contentsOf: URL(fileURLWithPath: file)))
        let key = try Curve25519.Signing.PrivateKey(rawRepresentation: try #require(Data(base64Encoded: try String(
            contentsOf: kasir.folder.appendingPathComponent("central.key"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines))))
        let server = try postgres.loginRole(in: "kasir_ingest")
        func send(_ entries: [LedgerEntry], as name: String) throws -> KasirProcess.Result {
            let path = kasir.folder.appendingPathComponent(name).path
            try JSONEncoder().encode(try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-11-29T03:00:00.000Z", key: key))
                .write(to: URL(fileURLWithPath: path))
            return try central(["import", path], postgres, as: server, in: kasir.folder)
        }

        // Begun past the join: its history would leave out whatever came before.
        let late = try send(Array(batch.entries.dropFirst()), as: "late.json")
        #expect(late.status == 1 && late.stderr.hasPrefix("Ditolak: the café's history at the centre must begin at its join"), "\(late.stderr)")
        // The note in clear, hashed so, under the café's own key.
        let whole = try kasir.sqlite("SELECT snapshot FROM journal WHERE kind = 'coaching_note';").trimmingCharacters(in: .newlines)
        var entries = batch.entries
        let note = try #require(entries.firstIndex { $0.fields.kind == "coaching_note" })
        entries[note].fields.snapshot = whole
        entries[note].fields.privateDigest = nil
        entries[note].hash = try #require(entries[note].recomputedHash)
        let clear = try send(entries, as: "clear.json")
        #expect(clear.status == 1 && clear.stderr.hasPrefix("Ditolak: entry \(entries[note].seq) may carry free text in clear"), "\(clear.stderr)")
        #expect(try postgres.query("SELECT outcome, evidence IS NULL, reason LIKE '%not kept: sha256 %' FROM batches ORDER BY id")
            == "refused|f|f\nrefused|t|t\n")
        // A made-up time, which the monthly reports would read.
        var timeless = batch.entries
        timeless[note].fields.at = "hello world, not a time"
        timeless[note].hash = try #require(timeless[note].recomputedHash)
        let made = try send(timeless, as: "timeless.json")
        #expect(made.status == 1 && made.stderr.hasPrefix("Ditolak: entry \(timeless[note].seq) is not as a café writes entries"), "\(made.stderr)")
        #expect(try postgres.query("SELECT kind FROM alarms ORDER BY id") == "gap\nsignature\nsignature\n")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal") == "0\n")
        // The café's own batch is taken.
        #expect(try central(["import", file], postgres, as: server, in: kasir.folder).status == 0)

        // The server's role writes an entry in by itself and moves the head: chained, hashed,
        // and in no batch the café signed.
        let head = try postgres.query("SELECT head_seq || ' ' || head_hash FROM cafes").trimmingCharacters(in: .newlines).split(separator: " ")
        let (seq, previous) = (try #require(Int64(head[0])) + 1, String(head[1]))
        let fields = JournalFields(at: "2026-11-29T04:00:00.000Z", kind: "cash_out", actor: "S1", subject: "till 1", payload: "{}")
        let hash = JournalHash.hex(encoding: .v3, previous: previous, seq: seq, fields: fields)
        let planted = try postgres.query("""
            INSERT INTO journal (cafe, seq, at, kind, actor, subject, payload, prev_hash, hash, encoding, batch_id, received_at)
            SELECT 'BPN01', \(seq), '\(fields.at)', 'cash_out', 'S1', 'till 1', '{}', '\(previous)', '\(hash)', 3, MAX(id), now() FROM batches;
            UPDATE cafes SET head_seq = \(seq), head_hash = '\(hash)' WHERE code = 'BPN01'
            """, as: server)
        #expect(planted.status == 0, "\(planted.stderr)")
        let verified = try central(["verify"], postgres, as: try postgres.loginRole(in: "kasir_directorate"), in: kasir.folder)
        #expect(verified.status == 1 && verified.stdout.hasSuffix(
            "  Entri sesudah #\(seq - 1) tidak ada dalam kiriman yang ditandatangani kafe: masuk ke PostgreSQL dengan cara lain.\n"), "\(verified.stdout)")
    }

    /// A café that restored a backup on purpose (its journal records the restore) is refused as
    /// a fork or rollback from then on; an officer at the centre accepts its new branch with a
    /// reason, the old branch kept whole as evidence, and the café is anchored again. Only the
    /// tables' owner can do it: the server's role can neither call the acceptance nor move a
    /// head back by setting what the acceptance sets.
    @Test func anOfficerAcceptsACafesNewBranchAfterARestore() throws {
        let postgres = try CentralPostgres()
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try central(["migrate"], postgres, in: kasir.folder).status == 0)
        let joined = try kasir.supervised(["central", "join", "--url", "http://127.0.0.1:9/", "--cafe", "BPN01", "--centre-key",
                                           Curve25519.Signing.PrivateKey().publicKey.rawRepresentation.base64EncodedString(), "--format", "json"])
        let form = try #require(try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: Any])
        #expect(try central(["cafe", "add", "BPN01", "--name", "Kafe Balikpapan", "--upt", "Rutan Kelas IIA Balikpapan", "--kanwil", "Kalimantan Timur",
                             "--public-key", try #require(form["public_key"] as? String)], postgres, in: kasir.folder).status == 0)
        let server = try postgres.loginRole(in: "kasir_ingest")
        func number(_ sql: String) throws -> Int { try #require(Int(try kasir.sqlite(sql).trimmingCharacters(in: .whitespacesAndNewlines)), "\(sql)") }
        var carried = 0
        /// The café's journal after `after` (from its join by default) on a stick, into the centre as the server's role.
        func carry(after: Int? = nil) throws -> KasirProcess.Result {
            carried += 1
            let file = kasir.folder.appendingPathComponent("batch-\(carried).json").path
            let exported = try kasir.supervised(["sync", "export", file] + (after.map { ["--after", "\($0)"] } ?? []))
            #expect(exported.status == 0, "\(exported.stderr)")
            return try central(["import", file], postgres, as: server, in: kasir.folder)
        }

        // Anchored, backed up, then more sales the centre takes in.
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let joinSeq = try number("SELECT seq FROM journal WHERE kind = 'central_joined';")
        #expect(try carry().status == 0)
        let backupHead = try number("SELECT MAX(seq) FROM journal;")
        let backupHash = try kasir.sqlite("SELECT hash FROM journal WHERE seq = \(backupHead);").trimmingCharacters(in: .whitespacesAndNewlines)
        let created = try kasir.supervised(["backup", "create"])
        #expect(created.status == 0, "\(created.stderr)")
        let backup = created.stdout.replacingOccurrences(of: "Cadangan dibuat: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        let fork = backupHead + 1
        #expect(try kasir.sqlite("SELECT kind FROM journal WHERE seq = \(fork);") == "backup_created\n")
        try kasir.sell("--server", "W02", "--item", "AIR", "--pay", "cash:5000")
        #expect(try carry(after: backupHead).status == 0)
        let oldHead = try number("SELECT MAX(seq) FROM journal;")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(oldHead)\n")

        // The café restores the older backup on purpose: its journal says so, and goes on from there.
        let restored = try kasir.supervised(["backup", "restore", backup, "--over-open-till"])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try kasir.sqlite("SELECT kind FROM journal WHERE seq = \(fork);") == "backup_restored\n")
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        let newHead = try number("SELECT MAX(seq) FROM journal;")
        // Its journal from the join on parts from the centre's at the restore: refused, kept, alarmed.
        let kind = newHead < oldHead ? "rollback" : "fork"
        let refused = try carry()
        #expect(refused.status == 1 && refused.stderr == "Ditolak: entry \(fork) differs from the one held. Alarm \(kind) dicatat. Kiriman disimpan sebagai bukti.\n",
                "\(refused.stderr)")
        #expect(try postgres.query("SELECT kind FROM alarms") == "\(kind)\n")
        // A batch that begins after the fork, as `kasir sync` shows the centre where its head
        // was, says nothing of where the branches part: kept, and passed over for one that does.
        #expect(try carry(after: newHead - 1).status == 1)

        // A reason is required: missing or blank, one line, nothing done.
        let reasonLine = "Penerimaan cabang baru perlu alasan: --reason \"…\", 1–500 karakter dalam satu baris.\n"
        let missing = try central(["cafe", "accept", "BPN01"], postgres, in: kasir.folder)
        #expect(missing.status == 1 && missing.stderr == reasonLine && missing.stdout.isEmpty, "\(missing.stderr)")
        let blank = try central(["cafe", "accept", "BPN01", "--reason", "   "], postgres, in: kasir.folder)
        #expect(blank.status == 1 && blank.stderr == reasonLine, "\(blank.stderr)")
        #expect(try central(["cafe", "accept", "BPN01", "--reason", String(repeating: "a", count: 501)], postgres, in: kasir.folder).stderr == reasonLine)
        #expect(try central(["cafe", "accept", "XYZ01", "--reason", "pulih"], postgres, in: kasir.folder).stderr == "Kafe XYZ01 belum terdaftar di pusat.\n")
        // Not the server's to do.
        let byServer = try central(["cafe", "accept", "BPN01", "--reason", "pulih"], postgres, as: server, in: kasir.folder)
        #expect(byServer.status == 1 && byServer.stderr.hasPrefix("PostgreSQL pusat menolak: permission denied"), "\(byServer.stderr)")
        #expect(try postgres.query("SELECT head_seq, (SELECT COUNT(*) FROM acceptances) FROM cafes") == "\(oldHead)|0\n")

        // The officer accepts: the entries from the fork on are kept as evidence, the head goes back before it.
        let reason = "Cadangan dipulihkan sesudah disk rusak (BA 12/XI/2026)"
        let accepted = try central(["cafe", "accept", "BPN01", "--reason", "  \(reason) "], postgres, in: kasir.folder)
        #expect(accepted.status == 0 && accepted.stdout == "Cabang baru BPN01 diterima: entri #\(fork)–#\(oldHead) (\(oldHead - fork + 1) entri) "
            + "disimpan sebagai bukti (penerimaan 1); pusat kini memegang #\(backupHead).\n", "\(accepted.stdout)\(accepted.stderr)")
        #expect(try postgres.query("SELECT head_seq, head_hash FROM cafes") == "\(backupHead)|\(backupHash)\n")
        #expect(try postgres.query("SELECT COUNT(*), MIN(seq), MAX(seq) FROM journal_superseded WHERE acceptance_id = 1")
            == "\(oldHead - fork + 1)|\(fork)|\(oldHead)\n")
        #expect(try postgres.query("SELECT COUNT(*), MAX(seq) FROM journal") == "\(backupHead - joinSeq + 1)|\(backupHead)\n")
        #expect(try postgres.query("SELECT fork_seq, old_head_seq, evidence_batch_id, reason, accepted_by FROM acceptances")
            == "\(fork)|\(oldHead)|3|\(reason)|postgres\n")
        // Once: nothing new has come from the café since.
        #expect(try central(["cafe", "accept", "BPN01", "--reason", reason], postgres, in: kasir.folder).stderr
            == "Tidak ada cabang baru BPN01 untuk diterima: pusat belum menyimpan bukti fork atau rollback darinya sejak penerimaan terakhir.\n")

        // The café sends its new branch as usual, from the head the centre now holds.
        let resumed = try carry()
        #expect(resumed.status == 0 && resumed.stdout == "Diterima: \(newHead - backupHead) entri baru dari BPN01; tercatat di pusat sampai #\(newHead).\n",
                "\(resumed.stdout)\(resumed.stderr)")

        // Re-checked as the directorate, old branch and all; a Kanwil, which may not read the evidence, is told so.
        let directorate = try postgres.loginRole(in: "kasir_directorate")
        let summary = "BPN01: \(newHead - joinSeq + 1) entri (#\(joinSeq)–#\(newHead)), 3 kiriman, \(oldHead - fork + 1) entri bukti dari 1 penerimaan cabang: "
            + "hash, rantai dan tanda tangan utuh.\n"
        let verified = try central(["verify", "--cafe", "BPN01"], postgres, as: directorate, in: kasir.folder)
        #expect(verified.status == 0 && verified.stdout == summary, "\(verified.stdout)\(verified.stderr)")
        let kaltim = "kaltim_\(UInt32.random(in: 0...UInt32.max))"
        #expect(try central(["user", "add", kaltim, "--role", "kanwil", "--kanwil", "Kalimantan Timur"], postgres,
                            input: "kopi-tubruk-2026\nkopi-tubruk-2026\n", in: kasir.folder).status == 0)
        let seen = try central(["verify", "--cafe", "BPN01"], postgres, as: kaltim, in: kasir.folder)
        #expect(seen.status == 0 && seen.stdout == summary + "  Kiriman cabang lama (penerimaan 1) tidak diperiksa: buktinya hanya dibaca direktorat.\n",
                "\(seen.stdout)\(seen.stderr)")
        #expect(try postgres.query("SELECT COUNT(*) FROM journal_superseded", as: kaltim).status != 0)

        // Both branches in the café's history, as the reports show it.
        let month = String(ISO8601DateFormatter().string(from: Date()).prefix(7))
        let report = try central(["report", "cafes", "--month", month, "--format", "json"], postgres, as: directorate, in: kasir.folder)
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]], "\(report.stderr)")
        let branches = try #require(listed.first?["branches"] as? [[String: Any]], "\(report.stdout)")
        #expect(branches.count == 1)
        #expect(branches.first?["fork_seq"] as? Int == fork && branches.first?["old_head_seq"] as? Int == oldHead
                && branches.first?["new_head_seq"] as? Int == backupHead && branches.first?["entries"] as? Int == oldHead - fork + 1)
        #expect(branches.first?["reason"] as? String == reason && branches.first?["accepted_by"] as? String == "postgres"
                && branches.first?["accepted_at"] is String)
        let text = try central(["report", "cafes", "--month", month], postgres, as: kaltim, in: kasir.folder)
        #expect(text.status == 0 && text.stdout.contains("Cabang baru yang diterima") && text.stdout.contains("#\(fork)–#\(oldHead) (\(oldHead - fork + 1))")
                && text.stdout.contains(reason), "\(text.stdout)")
        let csv = try central(["report", "cafes", "--month", month, "--format", "csv"], postgres, as: kaltim, in: kasir.folder)
        #expect(csv.stdout.split(separator: "\r\n").last?.hasSuffix(",1") == true, "\(csv.stdout)")

        // Only the owner, in the acceptance, moves a head back or takes an entry out of the journal.
        let direct = try postgres.query("SELECT kasir_accept_branch('BPN01', \(fork), 3, 'x')", as: server)
        #expect(direct.status != 0 && direct.stderr.contains("permission denied for function kasir_accept_branch"), "\(direct.stderr)")
        let back = try postgres.query("SET kasir.accepting = 'BPN01'; UPDATE cafes SET head_seq = \(backupHead), head_hash = '\(backupHash)' WHERE code = 'BPN01'",
                                      as: server)
        #expect(back.status != 0 && back.stderr.contains("a café's head never moves back"), "\(back.stderr)")
        let gone = try postgres.query("SET kasir.accepting = 'BPN01'; DELETE FROM journal WHERE seq = \(newHead)", as: server)
        #expect(gone.status != 0 && gone.stderr.contains("permission denied"), "\(gone.stderr)")
        // Not even the owner, outside one, for an entry not kept as evidence.
        let unkept = try CentralPostgres.psql(postgres.databaseURL, "SET kasir.accepting = 'BPN01'; DELETE FROM journal WHERE seq = \(newHead)")
        #expect(unkept.status != 0 && unkept.stderr.contains("journal is append-only"), "\(unkept.stderr)")
        #expect(try CentralPostgres.psql(postgres.databaseURL, "DELETE FROM journal_superseded").status != 0)
        #expect(try CentralPostgres.psql(postgres.databaseURL, "UPDATE acceptances SET reason = 'lain'").status != 0)
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(newHead)\n")

        // The old branch's batch, carried in again (a stick left in a drawer), never undoes the acceptance.
        let replayed = try central(["import", kasir.folder.appendingPathComponent("batch-2.json").path], postgres, as: server, in: kasir.folder)
        #expect(replayed.status == 1 && replayed.stderr.contains("is of a branch set aside by an acceptance"), "\(replayed.stderr)")
        #expect(try postgres.query("SELECT head_seq FROM cafes") == "\(newHead)\n")

        // A journal row and an evidence row changed by the owner are both found, and the old
        // branch's batch no longer vouches for anything.
        _ = try postgres.query("""
            ALTER TABLE journal DISABLE TRIGGER journal_append_only;
            UPDATE journal SET payload = '{"x":1}' WHERE seq = \(joinSeq + 1);
            ALTER TABLE journal ENABLE TRIGGER journal_append_only;
            ALTER TABLE journal_superseded DISABLE TRIGGER journal_superseded_append_only;
            UPDATE journal_superseded SET payload = '{"x":1}' WHERE seq = \(oldHead);
            ALTER TABLE journal_superseded ENABLE TRIGGER journal_superseded_append_only
            """)
        let broken = try central(["verify", "--cafe", "BPN01"], postgres, as: directorate, in: kasir.folder)
        #expect(broken.status == 1 && broken.stdout == "BPN01: \(newHead - joinSeq + 1) entri (#\(joinSeq)–#\(newHead)): 3 masalah.\n"
            + "  Entri #\(joinSeq + 1): hash tidak sama dengan isinya (diubah di PostgreSQL sesudah diterima).\n"
            + "  Bukti penerimaan 1, entri #\(oldHead): tidak seperti yang dipegang (diubah, hilang, atau tidak menyambung).\n"
            + "  Kiriman 2: tanda tangan atau titik periksanya tidak cocok dengan kunci kafe dan entri yang disimpan.\n", "\(broken.stdout)\(broken.stderr)")
    }
}
