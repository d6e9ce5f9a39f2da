import Crypto
import Foundation
import Testing

/// Issue 22: officers sign in to the centre's pages; a session is a cookie the server keeps
/// only the hash of, every form carries its CSRF token, failures are counted and recorded,
/// and a Kanwil officer sees their own cafés only, by the overview or by a typed URL.
@Suite(.enabled(if: CentralPostgres.runnable, "no PostgreSQL for the tests (scripts/test starts a private one)"))
struct OfficePagesEndToEndTests {
    let verification = VerificationEndToEndTests()
    let password = "kopi-tubruk-2026"

    /// A centre with BPN01 (Kalimantan Timur) and SBY01 (Jawa Timur), each a café that sold,
    /// joined and synced, and an officer of each scope made with `user add`.
    func centre(_ postgres: CentralPostgres) throws -> (kasir: KasirProcess, server: CentralServerProcess, users: [String: String]) {
        let (kasir, server) = try verification.joinedCafe(postgres)
        try #require(try kasir.run(["sync"]).status == 0)
        let other = try KasirProcess()
        try other.prepareCafe()
        try other.sell("--server", "W02", "--item", "PGR", "--pay", "cash:10000")
        let joined = try other.supervised(["central", "join", "--url", server.url + "/", "--cafe", "SBY01", "--format", "json"])
        let key = try #require((try JSONSerialization.jsonObject(with: Data(joined.stdout.utf8)) as? [String: String])?["public_key"], "\(joined.stderr)")
        let added = try KasirProcess.execute(CentralServerEndToEndTests.central, [
            "cafe", "add", "SBY01", "--name", "Kafe Asimilasi Surabaya", "--upt", "Rutan Kelas I Surabaya", "--kanwil", "Jawa Timur", "--public-key", key,
        ], input: "", environment: ["KASIR_CENTRAL_DB": postgres.databaseURL], in: kasir.folder)
        try #require(added.status == 0, "\(added.stderr)")
        try #require(try other.run(["sync"]).status == 0)
        let suffix = String(UInt32.random(in: 0...UInt32.max))
        var users: [String: String] = [:]
        for (key, scope) in [("kaltim", ["--role", "kanwil", "--kanwil", "Kalimantan Timur"]), ("pusat", ["--role", "directorate"])] {
            let name = "\(key)_\(suffix)"
            let made = try KasirProcess.execute(CentralServerEndToEndTests.central, ["user", "add", name] + scope, input: "\(password)\n\(password)\n",
                                                environment: ["KASIR_CENTRAL_DB": postgres.databaseURL], in: kasir.folder)
            try #require(made.status == 0, "\(made.stderr)")
            users[key] = name
        }
        return (kasir, server, users)
    }

    @Test func anOfficerSignsInAndSeesTheirOwnCafesOnly() throws {
        let postgres = try CentralPostgres()
        let (kasir, server, users) = try centre(postgres)
        defer { server.stop() }
        let folder = kasir.folder, kaltim = try #require(users["kaltim"])

        // Signed out, every page sends to the sign-in.
        let away = try PageAnswer.get("\(server.url)/", in: folder)
        #expect(away.status == 303 && away.headers["location"] == "/masuk")
        let form = try PageAnswer.get("\(server.url)/masuk", in: folder)
        let csrf = try #require(form.cookie("__Host-kasir_csrf"))
        #expect(form.status == 200 && form.body.contains("<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">"))
        #expect(form.cookies.first?.hasSuffix("; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600") == true)

        // A form without its token (posted from another site) is refused before anything is checked.
        let forged = try PageAnswer.post("\(server.url)/masuk", form: [("nama", kaltim), ("sandi", password)], in: folder)
        #expect(forged.status == 403 && forged.body.contains("Formulir ini sudah tidak berlaku (token CSRF tidak cocok)."))
        // Another token: its first character changed (to one it is not).
        let anotherToken = (csrf.first == "x" ? "y" : "x") + csrf.dropFirst()
        let otherToken = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", kaltim), ("sandi", password)],
                                             cookies: ["__Host-kasir_csrf": anotherToken], in: folder)
        #expect(otherToken.status == 403)
        // A body that is not well-formed (raw spaces, a broken escape, markup, non-ASCII) is
        // read byte by byte, refused for its token, and the server stays up.
        let raw = try PageAnswer.post("\(server.url)/masuk", raw: "nama=a b%zz%&sandi=<é>#\"&csrf=\(csrf)%2", cookies: ["__Host-kasir_csrf": csrf], in: folder)
        #expect(raw.status == 403 && raw.cookie("__Host-kasir_csrf") != nil)
        #expect(try PageAnswer.get("\(server.url)/masuk", in: folder).status == 200)
        // A form larger than any sign-in: refused whole.
        let oversized = try PageAnswer.post("\(server.url)/masuk", raw: "csrf=\(csrf)&nama=" + String(repeating: "a", count: 9_000),
                                            cookies: ["__Host-kasir_csrf": csrf], in: folder)
        #expect(oversized.status == 413)
        #expect(try postgres.query("SELECT count(*) FROM sign_ins") == "0\n")

        // A wrong password: one line, recorded; SQL in a field is only text.
        let signInCookie = ["__Host-kasir_csrf": csrf]
        let wrong = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", kaltim), ("sandi", "salah-sekali-123")],
                                        cookies: signInCookie, in: folder)
        #expect(wrong.status == 401 && wrong.body.contains("Nama pengguna atau kata sandi salah.") && wrong.cookie("__Host-kasir_sesi") == nil)
        let injected = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", "x' OR '1'='1"), ("sandi", "' OR ''='")],
                                           cookies: signInCookie, in: folder)
        #expect(injected.status == 401 && injected.body.contains("Nama pengguna atau kata sandi salah."))
        #expect(try postgres.query("SELECT user_name, outcome FROM sign_ins ORDER BY id") == "\(kaltim)|wrong_password\nx' or '1'='1|unknown_user\n")

        // The right one: a session cookie the browser keeps from scripts, whose token the
        // centre holds only as a hash.
        let signedIn = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", kaltim), ("sandi", password)],
                                           cookies: signInCookie, in: folder)
        let token = try #require(signedIn.cookie("__Host-kasir_sesi"), "\(signedIn.status) \(signedIn.body)")
        #expect(signedIn.status == 303 && signedIn.headers["location"] == "/")
        #expect(signedIn.cookies.contains { $0.hasPrefix("__Host-kasir_sesi=") && $0.hasSuffix("; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=28800") })
        let hash = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(try postgres.query("SELECT encode(token_hash, 'hex'), user_name FROM web_sessions") == "\(hash)|\(kaltim)\n")
        #expect(try postgres.query("SELECT count(*) FROM web_sessions WHERE position(convert_to('\(token)', 'UTF8') IN token_hash) > 0") == "0\n")
        let session = ["__Host-kasir_sesi": token]

        // The overview: their Kanwil's café, not another's.
        let overview = try PageAnswer.get("\(server.url)/", cookies: session, in: folder)
        #expect(overview.status == 200 && overview.body.contains("data-cafe=\"BPN01\"") && !overview.body.contains("SBY01"), "\(overview.body)")
        #expect(overview.body.contains("Masuk sebagai <b>\(kaltim)</b> · Kanwil Kalimantan Timur"))
        let own = try PageAnswer.get("\(server.url)/kafe/BPN01?bulan=2026-11", cookies: session, in: folder)
        #expect(own.status == 200 && own.body.contains("<h1>Kafe Asimilasi Balikpapan (BPN01) · 2026-11</h1>"), "\(own.body)")
        #expect(own.body.contains("href=\"/kafe/BPN01?bulan=2026-10\"") && own.body.contains("href=\"/kafe/BPN01?bulan=2026-12\""))
        // Another Kanwil's café by URL: refused, and logged with who asked.
        let other = try PageAnswer.get("\(server.url)/kafe/SBY01", cookies: session, in: folder)
        #expect(other.status == 403 && other.body.contains("Kafe ini bukan wewenang Anda. Permintaan ini dicatat.") && !other.body.contains("Surabaya"))
        let logged = try String(contentsOf: server.errors, encoding: .utf8) + server.said
        #expect(logged.contains("café refused") && logged.contains(kaltim) && logged.contains("SBY01"), "\(logged)")
        #expect(try PageAnswer.get("\(server.url)/kafe/BPN01?bulan=2026-13", cookies: session, in: folder).status == 400)

        // A forged or guessed cookie opens nothing.
        let guessed = try PageAnswer.get("\(server.url)/", cookies: ["__Host-kasir_sesi": String(token.reversed())], in: folder)
        #expect(guessed.status == 303 && guessed.headers["location"] == "/masuk")
        #expect(try PageAnswer.get("\(server.url)/kafe/BPN01", cookies: ["__Host-kasir_sesi": "' OR 1=1 --"], in: folder).status == 303)

        // Signing out needs the session's token too, then the cookie opens nothing.
        let noToken = try PageAnswer.post("\(server.url)/keluar", form: [("csrf", csrf)], cookies: session, in: folder)
        #expect(noToken.status == 403)
        let csrfOfSession = try #require(overview.body.range(of: #"name="csrf" value="[A-Za-z0-9_-]{43}""#, options: .regularExpression)
            .map { String(overview.body[$0].dropFirst(19).dropLast()) })
        let out = try PageAnswer.post("\(server.url)/keluar", form: [("csrf", csrfOfSession)], cookies: session, in: folder)
        #expect(out.status == 303 && out.headers["location"] == "/masuk")
        #expect(try PageAnswer.get("\(server.url)/", cookies: session, in: folder).status == 303)
        #expect(try postgres.query("SELECT count(*) FROM web_sessions") == "0\n")

        // Five wrong passwords lock the name: the right one is then refused too, and recorded.
        for _ in 0..<4 {
            _ = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", kaltim), ("sandi", "bukan-sandinya-1")],
                                    cookies: signInCookie, in: folder)
        }
        let locked = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", csrf), ("nama", kaltim), ("sandi", password)],
                                         cookies: signInCookie, in: folder)
        #expect(locked.status == 429 && locked.body.contains("Terlalu banyak percobaan gagal untuk nama ini.") && locked.cookie("__Host-kasir_sesi") == nil)
        #expect(try postgres.query("SELECT outcome, count(*) FROM sign_ins WHERE user_name = '\(kaltim)' GROUP BY outcome ORDER BY outcome")
                    == "locked|1\nsigned_in|1\nsigned_out|1\nwrong_password|5\n")
        // The record cannot be rewritten, even by the server's own role.
        let serverRole = try postgres.loginRole(in: "kasir_ingest")
        let erased = try postgres.query("DELETE FROM sign_ins", as: serverRole)
        #expect(erased.status != 0 && erased.stderr.contains("permission denied for table sign_ins"), "\(erased.stderr)")
        // The server's role reads what the pages are made from, and writes none of it.
        let privileges = try postgres.query("""
            SELECT t, has_table_privilege('\(serverRole)', t, 'SELECT'), has_table_privilege('\(serverRole)', t, 'INSERT, UPDATE, DELETE, TRUNCATE')
            FROM unnest(ARRAY['orders', 'attendance', 'pnbp_deposits', 'acceptances', 'staff']) t ORDER BY t
            """)
        #expect(privileges == "acceptances|t|f\nattendance|t|f\norders|t|f\npnbp_deposits|t|f\nstaff|t|f\n", "\(privileges)")
    }

    /// Signs `name` in through the form: the session cookie, and the session's CSRF token as
    /// the overview's sign-out form carries it.
    func signIn(_ name: String, _ server: CentralServerProcess, in folder: URL) throws -> (cookies: [String: String], csrf: String) {
        let form = try PageAnswer.get("\(server.url)/masuk", in: folder)
        let token = try #require(form.cookie("__Host-kasir_csrf"))
        let signedIn = try PageAnswer.post("\(server.url)/masuk", form: [("csrf", token), ("nama", name), ("sandi", password)],
                                           cookies: ["__Host-kasir_csrf": token], in: folder)
        let session = ["__Host-kasir_sesi": try #require(signedIn.cookie("__Host-kasir_sesi"), "\(signedIn.body)")]
        let overview = try PageAnswer.get("\(server.url)/", cookies: session, in: folder)
        let csrf = try #require(overview.body.range(of: #"name="csrf" value="[A-Za-z0-9_-]{43}""#, options: .regularExpression)
            .map { String(overview.body[$0].dropFirst(19).dropLast()) })
        return (session, csrf)
    }

    @Test func aCafesMonthHasItsReportsItsWBPAndItsAlarms() throws {
        let postgres = try CentralPostgres()
        let (kasir, server, users) = try centre(postgres)
        defer { server.stop() }
        let folder = kasir.folder, kaltim = try #require(users["kaltim"])
        try #require(try kasir.supervised(["competency", "record", "--staff", "W01", "--unit", "I.563030.006.01", "--date", "2026-11-25",
                                           "--result", "kompeten"]).status == 0)
        let issued = try kasir.supervised(["report", "transcript", "W01", "--format", "json"])
        let number = try #require(try kasir.json(issued)["document_number"] as? String)
        try #require(try kasir.run(["sync"]).status == 0)
        let (session, csrf) = try signIn(kaltim, server, in: folder)

        // The overview of November: BPN01's hours, net revenue and PNBP by its own rules.
        let november = try PageAnswer.get("\(server.url)/?bulan=2026-11", cookies: session, in: folder)
        let sales = try kasir.json(kasir.run(["report", "sales", "--month", "2026-11", "--format", "json"]))
        let net = try #require(sales["net_revenue"] as? Int, "\(sales)")
        try #require((1...999_999).contains(net))
        let netText = "Rp" + (net >= 1_000 ? "\(net / 1_000).\(String(format: "%03d", net % 1_000))" : "\(net)")
        #expect(november.body.contains("<td class=\"n\">4,00</td><td class=\"n\">\(netText)</td>"), "\(netText) \(november.body)")

        // The café's month: its reports as the command line makes them, to the byte in the downloads.
        let month = try PageAnswer.get("\(server.url)/kafe/BPN01?bulan=2026-11", cookies: session, in: folder)
        #expect(month.status == 200 && month.body.contains("href=\"/kafe/BPN01/wbp/W01?bulan=2026-11\">WBP W01 (Bima)</a>"), "\(month.body)")
        for file in ["pelatihan", "penjualan", "pnbp"] {
            #expect(month.body.contains("<a href=\"/kafe/BPN01/\(file).csv?bulan=2026-11\" download>CSV</a>"), "\(file)")
        }
        #expect(!month.body.contains("Budi") && !month.body.contains("B.12/2024"))
        // The training report as the café prints it: hours per station, competencies, charts.
        #expect(month.body.contains("<h3>Jam per stasiun</h3>") && month.body.contains("<h3>Kompetensi (jam latihan sampai bulan ini / saran)</h3>"))
        #expect(month.body.contains("<svg"))
        // The same page in English, one click away.
        #expect(month.body.contains("<a class=\"lang\" href=\"/kafe/BPN01?bulan=2026-11&amp;lang=en\" hreflang=\"en\">English</a>"))
        let english = try PageAnswer.get("\(server.url)/kafe/BPN01?bulan=2026-11&lang=en", cookies: session, in: folder)
        #expect(english.body.contains("<h3>Hours by station</h3>") && english.body.contains("<html lang=\"en\">"))
        let central = { (arguments: [String]) throws -> String in
            let made = try KasirProcess.execute(CentralServerEndToEndTests.central, arguments, input: "",
                                                environment: ["KASIR_CENTRAL_DB": postgres.databaseURL, "KASIR_CONFIG": kasir.config.path], in: folder)
            #expect(made.status == 0, "\(made.stderr)")
            return made.stdout
        }
        for (file, report) in [("pelatihan", "training"), ("penjualan", "sales"), ("pnbp", "pnbp")] {
            for format in ["csv", "json"] {
                let download = try PageAnswer.get("\(server.url)/kafe/BPN01/\(file).\(format)?bulan=2026-11", cookies: session, in: folder)
                let printed = try central(["report", report, "--month", "2026-11", "--cafe", "BPN01", "--format", format])
                #expect(download.status == 200 && download.body + (format == "json" ? "\n" : "") == printed, "\(file).\(format)")
                #expect(download.headers["content-disposition"] == "attachment; filename=\"BPN01-2026-11-\(file).\(format)\"")
            }
        }
        // The centre's hours for W01 are the café's own, to the hundredth.
        let own = try kasir.json(kasir.run(["report", "training", "--month", "2026-11", "--format", "json"]))
        let ownHours = (own["staff"] as? [[String: Any]])?.first { $0["code"] as? String == "W01" }?["hours"] as? Double
        let json = try PageAnswer.get("\(server.url)/kafe/BPN01/pelatihan.json?bulan=2026-11", cookies: session, in: folder)
        let cafes = try #require((try JSONSerialization.jsonObject(with: Data(json.body.utf8)) as? [String: Any])?["cafes"] as? [[String: Any]])
        let centreHours = (cafes.first?["staff"] as? [[String: Any]])?.first { $0["code"] as? String == "W01" }?["hours"] as? Double
        #expect(ownHours != nil && ownHours == centreHours && (ownHours ?? 0) > 0)
        #expect(try PageAnswer.get("\(server.url)/kafe/SBY01/pelatihan.csv?bulan=2026-11", cookies: session, in: folder).status == 403)
        // Nothing of SBY01 (another Kanwil's café, with sales and hours of its own) in what
        // the Kalimantan Timur officer reads.
        #expect(november.body.contains("data-cafe=\"BPN01\"") && !november.body.contains("SBY01") && !november.body.contains("Surabaya"))
        for file in ["pelatihan", "penjualan", "pnbp"] {
            let own = try PageAnswer.get("\(server.url)/kafe/BPN01/\(file).json?bulan=2026-11", cookies: session, in: folder)
            #expect(own.body.contains("\"BPN01\"") && !own.body.contains("SBY01"), "\(file)")
        }
        #expect(try PageAnswer.get("\(server.url)/kafe/SBY01/penjualan.json?bulan=2026-11", cookies: session, in: folder).status == 403)
        #expect(try PageAnswer.get("\(server.url)/kafe/BPN01/..%2F..%2Fetc%2Fpasswd?bulan=2026-11", cookies: session, in: folder).status == 404)

        // A WBP's progress: code and alias, their months, the transcript issued, linked to its check.
        let wbp = try PageAnswer.get("\(server.url)/kafe/BPN01/wbp/W01?bulan=2026-11", cookies: session, in: folder)
        #expect(wbp.status == 200 && wbp.body.contains("<h1 data-wbp=\"W01\">WBP W01 (Bima) · 2026-11</h1>"), "\(wbp.body)")
        #expect(wbp.body.contains("<a href=\"/verifikasi/\(number)?kafe=BPN01\">\(number)</a>") && !wbp.body.contains("Budi"))
        // A unit assessed competent reads so, as in the café's own report.
        let assessed = ((own["staff"] as? [[String: Any]])?.first { $0["code"] as? String == "W01" }?["competencies"] as? [[String: Any]])?
            .first { $0["last_result"] as? String == "Kompeten" }
        let assessedUnit = try #require(assessed?["code"] as? String, "W01 was assessed competent above")
        #expect(wbp.body.contains(">\(assessedUnit)") && wbp.body.contains("<td>Kompeten ("), "\(wbp.body)")
        #expect(try PageAnswer.get("\(server.url)/kafe/BPN01/wbp/W09?bulan=2026-11", cookies: session, in: folder).status == 404)
        #expect(try PageAnswer.get("\(server.url)/kafe/SBY01/wbp/W01?bulan=2026-11", cookies: session, in: folder).status == 403)

        // Alarms: their cafés' only, each with its evidence; an acknowledgement is recorded once.
        let now = Date()
        let stamp = ISO8601DateFormatter().string(from: now)
        _ = try postgres.query("""
            INSERT INTO alarms (cafe, kind, at, detail) VALUES ('BPN01', 'gap', '\(stamp)', 'batch from #900 while #60 is held');
            INSERT INTO alarms (cafe, kind, at, detail) VALUES ('SBY01', 'stale', '\(stamp)', 'no anchor for 4 days');
            """)
        let ids = try postgres.query("SELECT id FROM alarms ORDER BY id").split(separator: "\n").map(String.init)
        try #require(ids.count == 2)
        let list = try PageAnswer.get("\(server.url)/alarm", cookies: session, in: folder)
        #expect(list.status == 200 && list.body.contains("data-alarm=\"\(ids[0])\"") && !list.body.contains("data-alarm=\"\(ids[1])\""), "\(list.body)")
        #expect(list.body.contains("batch from #900 while #60 is held") && list.body.contains("tanpa kiriman (dinaikkan pusat sendiri)"))
        let unsigned = try PageAnswer.post("\(server.url)/alarm/\(ids[0])/akui", form: [("catatan", "dicek")], cookies: session, in: folder)
        #expect(unsigned.status == 403)
        let empty = try PageAnswer.post("\(server.url)/alarm/\(ids[0])/akui", form: [("csrf", csrf), ("catatan", "  ")], cookies: session, in: folder)
        #expect(empty.status == 400 && empty.body.contains("Catatan wajib diisi, paling banyak 500 karakter, tanpa karakter kendali."))
        let foreign = try PageAnswer.post("\(server.url)/alarm/\(ids[1])/akui", form: [("csrf", csrf), ("catatan", "bukan milik saya")], cookies: session, in: folder)
        #expect(foreign.status == 403 && foreign.body.contains("Alarm ini bukan wewenang Anda."))
        let seen = try PageAnswer.post("\(server.url)/alarm/\(ids[0])/akui", form: [("csrf", csrf), ("catatan", "Kafe kirim ulang lewat flashdisk <b>")],
                                       cookies: session, in: folder)
        #expect(seen.status == 303 && seen.headers["location"]?.hasPrefix("/alarm?bulan=") == true)
        #expect(try postgres.query("SELECT user_name, note FROM alarm_acks") == "\(kaltim)|Kafe kirim ulang lewat flashdisk <b>\n")
        let after = try PageAnswer.get("\(server.url)/alarm", cookies: session, in: folder)
        #expect(after.body.contains("Ditanggapi \(kaltim), ") && after.body.contains("Kafe kirim ulang lewat flashdisk &lt;b&gt;"))
        let again = try PageAnswer.post("\(server.url)/alarm/\(ids[0])/akui", form: [("csrf", csrf), ("catatan", "lagi")], cookies: session, in: folder)
        #expect(again.status == 400 && again.body.contains("Alarm #\(ids[0]) sudah ditanggapi; tanggapannya tetap tercatat."))
        let erased = try postgres.query("DELETE FROM alarm_acks", as: try postgres.loginRole(in: "kasir_ingest"))
        #expect(erased.status != 0 && erased.stderr.contains("permission denied for table alarm_acks"), "\(erased.stderr)")
    }

    /// In Chromium: a forged session cookie, a form without its token and another Kanwil's
    /// café by URL are refused; a Kanwil officer sees their café and downloads its CSV.
    @Test(.enabled(if: Browser.runnable && CentralPostgres.runnable, "chromium, chromedriver or Selenium is missing (scripts/setup --test)"))
    func theBrowserIsRefusedWhatIsNotTheOfficers() throws {
        let postgres = try CentralPostgres()
        let (kasir, server, users) = try centre(postgres)
        defer { server.stop() }
        let local = server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let downloads = kasir.folder.appendingPathComponent("downloads")
        try FileManager.default.createDirectory(at: downloads, withIntermediateDirectories: true)
        let shown = try Browser.script("refusals.py", [local, try #require(users["kaltim"]), password, "BPN01", "SBY01", downloads.path],
                                       in: kasir.folder)
        try #require(shown.status == 0, "\(shown.stderr)")
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(seen["forged_cookie_lands_on"] as? String == "\(local)/masuk")
        #expect(seen["cafes"] as? [String] == ["BPN01"])
        #expect(seen["other_cafe"] as? String == "Kafe ini bukan wewenang Anda. Permintaan ini dicatat.")
        #expect(seen["form_without_token"] as? String == "Formulir ini sudah tidak berlaku (token CSRF tidak cocok). Muat ulang halaman lalu coba lagi.")
        #expect(seen["still_signed_in"] as? String == "\(local)/")
        let printed = try KasirProcess.execute(CentralServerEndToEndTests.central, ["report", "training", "--month", "2026-11", "--cafe", "BPN01", "--format", "csv"],
                                               input: "", environment: ["KASIR_CENTRAL_DB": postgres.databaseURL, "KASIR_CONFIG": kasir.config.path],
                                               in: kasir.folder)
        #expect(printed.status == 0 && seen["download"] as? String == printed.stdout, "\(seen["download"] ?? "none")")
    }

    /// In Chromium: the directorate's officer signs in, sees both cafés, opens one.
    @Test(.enabled(if: Browser.runnable && CentralPostgres.runnable, "chromium, chromedriver or Selenium is missing (scripts/setup --test)"))
    func anOfficerSignsInInABrowser() throws {
        let postgres = try CentralPostgres()
        let (kasir, server, users) = try centre(postgres)
        defer { server.stop() }
        let images = ProcessInfo.processInfo.environment["KASIR_SCREENSHOTS"].map { URL(fileURLWithPath: $0) } ?? kasir.folder
        _ = try postgres.query("INSERT INTO alarms (cafe, kind, detail) VALUES ('SBY01', 'stale', 'no anchor for 4 days')")
        // localhost: a secure context over plain HTTP, so the browser keeps the Secure cookies.
        let local = server.url.replacingOccurrences(of: "127.0.0.1", with: "localhost")
        let shown = try Browser.script("sign_in.py", [local, try #require(users["pusat"]), password, "BPN01", images.appendingPathComponent("pusat").path],
                                       in: kasir.folder)
        try #require(shown.status == 0, "\(shown.stderr)")
        let page = try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
        #expect(Set(page["cafes"] as? [String] ?? []) == ["BPN01", "SBY01"])
        #expect((page["heading"] as? String)?.hasPrefix("Kafe Asimilasi Balikpapan (BPN01) · ") == true)
        #expect(page["cookie_hidden_from_scripts"] as? Bool == true)
        #expect(page["wbp"] as? String == "WBP W01 (Bima) · " + ((page["heading"] as? String)?.suffix(7) ?? ""))
        #expect((page["alarms"] as? [String])?.count == 1)
    }
}
