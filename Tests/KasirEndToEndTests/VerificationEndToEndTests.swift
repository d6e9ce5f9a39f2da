import Crypto
import Foundation
import Testing

/// One HTTP answer, as curl saw it: status, headers (lower-case names), the cookies set, and body.
struct PageAnswer {
    var status: Int
    var headers: [String: String]
    /// Each `Set-Cookie` header whole, in order.
    var cookies: [String] = []
    var body: String

    /// `GET url`, not following redirects, from loopback.
    static func get(_ url: String, cookies: [String: String] = [:], in folder: URL) throws -> PageAnswer {
        try fetch(url, form: nil, cookies: cookies, in: folder)
    }

    /// `POST url` with `form` as `application/x-www-form-urlencoded`.
    static func post(_ url: String, form: [(String, String)], cookies: [String: String] = [:], in folder: URL) throws -> PageAnswer {
        try fetch(url, form: form, cookies: cookies, in: folder)
    }

    /// `POST url` with `body` sent as it is, whatever it holds.
    static func post(_ url: String, raw body: String, cookies: [String: String] = [:], in folder: URL) throws -> PageAnswer {
        try fetch(url, form: nil, raw: body, cookies: cookies, in: folder)
    }

    static func fetch(_ url: String, form: [(String, String)]?, raw: String? = nil, cookies: [String: String], in folder: URL) throws -> PageAnswer {
        let headerFile = folder.appendingPathComponent("headers-\(UUID().uuidString)")
        let bodyFile = folder.appendingPathComponent("body-\(UUID().uuidString)")
        var arguments = ["-s", "-o", bodyFile.path, "-D", headerFile.path, "-w", "%{http_code}"]
        if !cookies.isEmpty { arguments += ["-H", "Cookie: " + cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ")] }
        for (name, value) in form ?? [] { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        if let raw {
            let file = folder.appendingPathComponent("raw-\(UUID().uuidString)")
            try Data(raw.utf8).write(to: file)
            arguments += ["--data-binary", "@\(file.path)", "-H", "Content-Type: application/x-www-form-urlencoded"]
        }
        let fetched = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/curl"), arguments + [url], input: "", environment: [:], in: folder)
        try #require(fetched.status == 0, "curl \(url): \(fetched.stderr)")
        var headers: [String: String] = [:]
        var setCookies: [String] = []
        for line in try String(contentsOf: headerFile, encoding: .utf8).split(separator: "\r\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[name] = value
            if name == "set-cookie" { setCookies.append(value) }
        }
        return PageAnswer(status: try #require(Int(fetched.stdout)), headers: headers, cookies: setCookies,
                          body: (try? String(contentsOf: bodyFile, encoding: .utf8)) ?? "")
    }

    /// The value the answer sets cookie `name` to.
    func cookie(_ name: String) -> String? {
        cookies.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1).prefix { $0 != ";" }) }
    }

    /// The verdict the page shows (its `data-verdict`), if any.
    var verdict: String? {
        guard let range = body.range(of: #"data-verdict="[a-z_]+""#, options: .regularExpression) else { return nil }
        return String(body[range].dropFirst(14).dropLast())
    }
}

/// Python with Selenium, and Debian's Chromium and chromedriver: where scripts/setup --test
/// puts them.
enum Browser {
    static let chromium = "/usr/bin/chromium"
    static let chromedriver = "/usr/bin/chromedriver"
    /// The Python scripts/setup installs Selenium into: `KASIR_PYTHON`, else pyenv's 3.13.0,
    /// else python3 on the PATH.
    static let python: String? = {
        if let named = ProcessInfo.processInfo.environment["KASIR_PYTHON"], !named.isEmpty { return named }
        let pyenv = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv/versions/3.13.0/bin/python3").path
        return FileManager.default.isExecutableFile(atPath: pyenv) ? pyenv : ScanToolsPath.onPath("python3")
    }()

    /// Whether the browser tests run: when the tools are there, and always under CI, where a
    /// missing tool fails the test rather than skipping it.
    static var runnable: Bool {
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
        return ci || (FileManager.default.isExecutableFile(atPath: chromium) && FileManager.default.isExecutableFile(atPath: chromedriver) && python != nil)
    }

    /// Runs a script of Tests/Browser with the test's Python.
    static func script(_ name: String, _ arguments: [String], in folder: URL) throws -> KasirProcess.Result {
        let python = try #require(python, "no Python: scripts/setup --test installs Selenium into pyenv's")
        let script = KasirProcess.repository.appendingPathComponent("Tests/Browser/\(name)")
        return try KasirProcess.execute(URL(fileURLWithPath: python), [script.path] + arguments, input: "", environment: [:], in: folder)
    }

    /// A page's screenshot by headless Chromium.
    static func screenshot(_ url: String, to image: URL, height: Int = 1300, in folder: URL) throws {
        let shot = try KasirProcess.execute(URL(fileURLWithPath: chromium), [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,\(height)", "--screenshot=\(image.path)", url,
        ], input: "", environment: [:], in: folder)
        try #require(shot.status == 0 && FileManager.default.fileExists(atPath: image.path), "chromium: \(shot.stderr)")
    }
}

enum ScanToolsPath {
    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

/// Issue 22: a transcript handed out at the café is journaled as issued; once the café has
/// synced, anyone checks its number on the centre's public page, which shows the figures the
/// paper prints and nothing more, and tells an unknown number, one not yet sent and a record
/// changed since it was issued apart.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct VerificationEndToEndTests {
    let servers = CentralServerEndToEndTests()

    /// A café joined to a running centre and enrolled there, W01 having worked four hours at
    /// the bar (so a transcript has hours to show); nothing synced yet.
    func joinedCafe(_ postgres: CentralPostgres) throws -> (kasir: KasirProcess, server: CentralServerProcess) {
        let (kasir, key, _, _) = try servers.centreAndCafe(postgres)
        let server = try CentralServerProcess(postgres: postgres, key: key, folder: kasir.folder)
        let joined = try kasir.supervised(["central", "join", "--url", server.url + "/", "--cafe", "BPN01", "--format", "json"])
        try #require(joined.status == 0, "\(joined.stderr)")
        try servers.enrol(joined, postgres, key: key, in: kasir.folder)
        kasir.now = "2026-11-29T06:00:00Z"
        try #require(try kasir.supervised(["attendance", "out", "W01"]).status == 0)
        return (kasir, server)
    }

    @Test func aTranscriptIssuedAtTheCafeIsVerifiedAtTheCentre() throws {
        let postgres = try CentralPostgres()
        let (kasir, server) = try joinedCafe(postgres)
        defer { server.stop() }
        try #require(try kasir.run(["sync"]).status == 0)

        // Looking at a transcript issues nothing; handing it out (--by) journals it.
        try #require(try kasir.run(["report", "transcript", "W01", "--pseudonymous"]).status == 0)
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM transcript_issues;") == "0\n")
        let issued = try kasir.supervised(["report", "transcript", "W01", "--format", "json"])
        try #require(issued.status == 0, "\(issued.stderr)")
        let transcript = try kasir.json(issued)
        let number = try #require(transcript["document_number"] as? String)
        let madeAt = try #require(Int(number.split(separator: "-")[1]))
        #expect(try kasir.sqlite("SELECT seq, kind, actor, subject FROM journal WHERE row_table = 'transcript_issues';")
                    == "\(madeAt + 1)|transcript_issued|S1|W01\n")
        let row = try kasir.sqlite("SELECT number, made_at_seq, digest, issued_by IS NOT NULL, printed FROM transcript_issues;")
        let figures = try kasir.sqlite("SELECT figures FROM transcript_issues;").trimmingCharacters(in: .newlines)
        let digest = SHA256.hash(data: Data(figures.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(row == "\(number)|\(madeAt)|\(digest)|1|0\n")
        // The figures the centre will show carry no name, registration, decree, code or alias.
        for personal in ["Budi", "B.12/2024", "SK-W01", "W01", "Bima"] { #expect(!figures.contains(personal), "figures hold \(personal)") }
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(figures.utf8)) as? [String: Any])
        #expect(printed["hours"] as? Double == transcript["hours"] as? Double && (transcript["hours"] as? Double ?? 0) > 0, "\(figures)")
        // What was issued stays what it was.
        #expect(try kasir.sqliteStatus("UPDATE transcript_issues SET figures = '{}';") == 1)
        #expect(try kasir.run(["audit", "verify"]).status == 0)

        // Not yet sent: with the café's code the page says so; without it, it cannot know.
        let waiting = try PageAnswer.get("\(server.url)/verifikasi/\(number)?kafe=BPN01", in: kasir.folder)
        #expect(waiting.status == 200 && waiting.verdict == "not_yet_anchored", "\(waiting.body)")
        #expect(waiting.body.contains("Jurnal Kafe Asimilasi Balikpapan (BPN01) belum sampai di pusat sejauh tempat transkrip ini diterbitkan."), "\(waiting.body)")
        #expect(try PageAnswer.get("\(server.url)/verifikasi/\(number)", in: kasir.folder).verdict == "unknown")

        // Sent: anchored, with the café and the figures as printed.
        let synced = try kasir.run(["sync"])
        #expect(synced.status == 0, "\(synced.stderr)")
        let page = try PageAnswer.get("\(server.url)/verifikasi/\(number)?kafe=BPN01", in: kasir.folder)
        #expect(page.status == 200 && page.verdict == "anchored", "\(page.body)")
        #expect(page.body.contains("Diterbitkan oleh Kafe Asimilasi Balikpapan (BPN01), Rutan Kelas IIA Balikpapan, Kanwil Kalimantan Timur, pada 2026-11-29 14:00 WITA menurut jam kafe"))
        #expect(page.body.contains("(baris jurnal #\(madeAt + 1))"))
        let hours = String(format: "%.2f", transcript["hours"] as? Double ?? -1).replacingOccurrences(of: ".", with: ",")
        #expect(page.body.contains("<span>Jam pelatihan</span><b>\(hours)</b>"), "\(hours)")
        for personal in ["Budi", "B.12/2024", "SK-W01", "Bima", ">W01<"] { #expect(!page.body.contains(personal), "the page shows \(personal)") }
        #expect(page.headers["content-security-policy"]?.hasPrefix("default-src 'none'") == true)
        #expect(page.headers["referrer-policy"] == "no-referrer" && page.headers["x-content-type-options"] == "nosniff")
        // The same number found by typing alone, in English too.
        let english = try PageAnswer.get("\(server.url)/verifikasi/\(number.lowercased())?lang=en", in: kasir.folder)
        #expect(english.verdict == "anchored" && english.body.contains("Recorded: this transcript was issued and is anchored in the central journal"))
        #expect(english.body.contains("<html lang=\"en\">"))

        // The form sends a typed number to its own address.
        let typed = try PageAnswer.get("\(server.url)/verifikasi?nomor=%20\(number.lowercased())%20&kafe=bpn01", in: kasir.folder)
        #expect(typed.status == 303 && typed.headers["location"] == "/verifikasi/\(number)?lang=id&kafe=BPN01", "\(typed.headers)")
        #expect(try PageAnswer.get("\(server.url)/verifikasi", in: kasir.folder).body.contains("<input name=\"nomor\" value=\"\""))

        // One digit off: unknown, and said differently from a changed record.
        let last = number.last == "0" ? "1" : "0"
        let wrong = try PageAnswer.get("\(server.url)/verifikasi/\(number.dropLast())\(last)?kafe=BPN01", in: kasir.folder)
        #expect(wrong.status == 404 && wrong.verdict == "unknown" && wrong.body.contains("Tidak dikenal: nomor ini tidak tercatat"))
        // Not a number, or a café code that is not one: one line, no lookup; nothing echoed as markup.
        let junk = try PageAnswer.get("\(server.url)/verifikasi/%3Cscript%3Ealert(1)%3C%2Fscript%3E", in: kasir.folder)
        #expect(junk.status == 400 && junk.body.contains("Nomor dokumen tidak dikenali bentuknya. Contoh: TR-61682-9F3A-2C1B-7E04."))
        #expect(!junk.body.contains("<script>") && junk.verdict == nil)
        let badCafe = try PageAnswer.get("\(server.url)/verifikasi/\(number)?kafe=BPN01'%20OR%20'1'='1", in: kasir.folder)
        #expect(badCafe.status == 400 && badCafe.body.contains("Kode kafe terdiri dari 2–16 huruf besar dan angka."))
        #expect(try PageAnswer.get("\(server.url)/verifikasi/..%2F..%2Fetc%2Fpasswd", in: kasir.folder).status == 400)

        // A sequence past any journal (its next entry would overflow) is not a number: the
        // server answers, and stays up.
        let huge = try PageAnswer.get("\(server.url)/verifikasi/TR-9223372036854775807-0000-0000-0000?kafe=BPN01", in: kasir.folder)
        #expect(huge.status == 400 && huge.verdict == nil)
        // Far beyond the café's journal: not "not yet", which a forged paper would get for ever.
        let forged = try PageAnswer.get("\(server.url)/verifikasi/TR-999999999-0000-0000-0000?kafe=BPN01", in: kasir.folder)
        #expect(forged.status == 404 && forged.verdict == "unknown")

        // Another café (sorting first) journals the very same issue: with the café's code the
        // page reads that café alone; without it, two valid claims are shown as such.
        _ = try postgres.query("""
            INSERT INTO cafes (code, name, upt, kanwil, public_key) VALUES ('AAA01', 'Kafe Lain', 'UPT Lain', 'Lain', decode(repeat('ab', 32), 'hex'));
            ALTER TABLE journal DISABLE TRIGGER USER;
            INSERT INTO journal (cafe, seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding, batch_id, received_at)
                SELECT 'AAA01', seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding, batch_id, received_at
                FROM journal WHERE cafe = 'BPN01' AND row_table = 'transcript_issues';
            ALTER TABLE journal ENABLE TRIGGER USER;
            """)
        #expect(try PageAnswer.get("\(server.url)/verifikasi/\(number)?kafe=BPN01", in: kasir.folder).verdict == "anchored")
        let claimed = try PageAnswer.get("\(server.url)/verifikasi/\(number)", in: kasir.folder)
        #expect(claimed.verdict == "claimed_by_many" && claimed.body.contains("Kafe AAA01, BPN01 mencatat nomor yang sama."), "\(claimed.body)")

        // Whoever can write the centre's journal changes the figures: the digest no longer holds.
        let changed = figures.replacingOccurrences(of: "\"hours\":", with: "\"hours\":1", options: [], range: figures.range(of: "\"hours\":"))
        _ = try postgres.query("""
            ALTER TABLE journal DISABLE TRIGGER USER;
            UPDATE journal SET snapshot = replace(snapshot, '\(figures.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "'", with: "''"))',
                '\(changed.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "'", with: "''"))')
                WHERE cafe = 'BPN01' AND row_table = 'transcript_issues';
            ALTER TABLE journal ENABLE TRIGGER USER;
            """)
        let altered = try PageAnswer.get("\(server.url)/verifikasi/\(number)?kafe=BPN01", in: kasir.folder)
        #expect(altered.status == 200 && altered.verdict == "altered", "\(altered.body)")
        #expect(altered.body.contains("tidak lagi cocok dengan yang dicatat saat diterbitkan (angka tidak sesuai sidik digitalnya)"), "\(altered.body)")
        #expect(!altered.body.contains("<span>Jam pelatihan</span>"))

        // An address that tries number after number is stopped.
        var statuses: [Int] = []
        for attempt in 0..<32 {
            statuses.append(try PageAnswer.get("\(server.url)/verifikasi/TR-\(madeAt)-0000-0000-\(String(format: "%04X", attempt))", in: kasir.folder).status)
        }
        let stopped = try PageAnswer.get("\(server.url)/verifikasi/\(number)", in: kasir.folder)
        #expect(statuses.contains(429) && stopped.status == 429 && Int(stopped.headers["retry-after"] ?? "") ?? 0 >= 1, "\(statuses)")
        #expect(stopped.body.contains("Terlalu banyak pemeriksaan dari alamat ini."))
    }

    /// The transcript's QR code, drawn as SVG in its HTML and read back from Chromium's
    /// rendering by zbarimg, carries the centre's page for its number and the café's code.
    @Test(.enabled(if: Browser.runnable && ScanToolsPath.onPath("zbarimg") != nil || ProcessInfo.processInfo.environment["CI"] != nil,
                   "chromium or zbarimg is missing (scripts/setup --test)"))
    func theTranscriptsQRCodeCarriesItsVerificationPage() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        try kasir.sell("--server", "W01", "--item", "PGR", "--pay", "cash:10000")
        try kasir.edit("kasir.toml", "[central]\nurl = \"\"", "[central]\nurl = \"https://kasir.example.go.id/\"")
        let issued = try kasir.supervised(["report", "transcript", "W01", "--format", "html"])
        try #require(issued.status == 0, "\(issued.stderr)")
        let number = try #require(try kasir.sqlite("SELECT number FROM transcript_issues;").split(separator: "\n").first.map(String.init))
        #expect(issued.stdout.contains("Periksa keasliannya di https://kasir.example.go.id/verifikasi/\(number)"))
        let html = kasir.folder.appendingPathComponent("transcript.html")
        try issued.stdout.write(to: html, atomically: true, encoding: .utf8)
        let image = kasir.folder.appendingPathComponent("transcript.png")
        try Browser.screenshot(html.absoluteString, to: image, height: 4000, in: kasir.folder)
        let zbarimg = try #require(ScanToolsPath.onPath("zbarimg"))
        let scan = try KasirProcess.execute(URL(fileURLWithPath: zbarimg), ["--raw", "-q", image.path], input: "", environment: [:], in: kasir.folder)
        #expect(scan.status == 0 && scan.stdout == "https://kasir.example.go.id/verifikasi/\(number)\n", "\(scan.stdout)")
        // A bad address in config is refused on one line.
        try kasir.edit("kasir.toml", "url = \"https://kasir.example.go.id/\"", "url = \"kasir.example.go.id\"")
        let refused = try kasir.run(["report", "transcript", "W01", "--pseudonymous"])
        #expect(refused.status != 0 && refused.stderr.contains("url") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
    }

    /// In Chromium: a person types a number into the form and reads the verdict.
    @Test(.enabled(if: Browser.runnable && CentralPostgres.runnable, "chromium, chromedriver or Selenium is missing (scripts/setup --test)"))
    func aPersonVerifiesATranscriptInABrowser() throws {
        let postgres = try CentralPostgres()
        let (kasir, server) = try joinedCafe(postgres)
        defer { server.stop() }
        let issued = try kasir.supervised(["report", "transcript", "W01", "--format", "json"])
        let number = try #require(try kasir.json(issued)["document_number"] as? String)
        try #require(try kasir.run(["sync"]).status == 0)

        // KASIR_SCREENSHOTS=docs/images keeps the pages for the docs; else they go with the test's folder.
        let images = ProcessInfo.processInfo.environment["KASIR_SCREENSHOTS"].map { URL(fileURLWithPath: $0) } ?? kasir.folder
        let shown = try Browser.script("verify_transcript.py", [server.url, number, "BPN01", images.appendingPathComponent("verifikasi-tercatat.png").path],
                                       in: kasir.folder)
        try #require(shown.status == 0, "\(shown.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: String])
        #expect(page["verdict"] == "anchored" && page["heading"] == "✓ Tercatat: transkrip ini diterbitkan dan tercatat di jurnal pusat")
        #expect(page["address"] == "\(server.url)/verifikasi/\(number)?lang=id&kafe=BPN01")
        #expect(page["text"]?.contains("Kafe Asimilasi Balikpapan (BPN01)") == true && page["text"]?.contains("Budi") == false)

        let unknown = try Browser.script("verify_transcript.py", [server.url, "TR-1-0000-0000-0000", "-",
                                                                   images.appendingPathComponent("verifikasi-tidak-dikenal.png").path], in: kasir.folder)
        try #require(unknown.status == 0, "\(unknown.stderr)")
        let other = try #require(try JSONSerialization.jsonObject(with: Data(unknown.stdout.utf8)) as? [String: String])
        #expect(other["verdict"] == "unknown" && other["heading"] == "? Tidak dikenal: nomor ini tidak tercatat")
    }
}
