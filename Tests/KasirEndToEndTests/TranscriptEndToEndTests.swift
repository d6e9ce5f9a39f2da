import Foundation
import KasirCore
import Testing

/// Three months of two WBP, small enough to compute by hand (no tax, so revenue is the totals):
///
/// | day (WITA)  | W01                          | W02                          | orders                                   | till     |
/// |-------------|------------------------------|------------------------------|------------------------------------------|----------|
/// | 2026-09-02  | bar 08:00–12:00 (4 h)        | kasir 08:00–13:00 (5 h)      | W02 serves, W01 makes PGR×2 and TBK      | −Rp1.000 |
/// |             |                              |                              | (sugar=less); W02 makes AIR              |          |
/// | 2026-10-05  | kasir 08:00–12:00, break     | bar 08:00–14:00 (6 h)        | W01 serves, W02 makes TBK×2; an AIR      | Rp0      |
/// |             | 10:00–10:30 (3.5 h)          |                              | order voided                             |          |
/// | 2026-11-10  | bar 08:00–10:15 (2.25 h)     | kasir 08:00–16:00 (8 h)      | W02 serves, W01 makes PGR and TBK        | +Rp2.000 |
/// |             |                              |                              | (sugar=less)                             |          |
final class TranscriptFixture {
    let kasir: KasirProcess

    init() throws {
        kasir = try KasirProcess()
        try kasir.edit("kasir.toml", "rate_percent = 10", "rate_percent = 0")
        kasir.now = "2026-09-01T00:00:00Z"
        try #require(try kasir.run(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi"], input: KasirProcess.pin + KasirProcess.pin).status == 0)
        for (code, registration, name, alias) in [("W01", "B.12/2026", "Budi Santoso", "Bima"), ("W02", "B.13/2026", "Andi Wijaya", "Arka")] {
            try require(["staff", "add", "--code", code, "--registration", registration, "--name", name, "--alias", alias,
                         "--decree", "SK-\(code)/2026", "--decree-from", "2026-09-01", "--decree-until", "2027-06-30"])
        }
        // September
        try at("2026-09-01T00:00:00Z", ["till", "open", "--float", "100000"])
        try at("2026-09-02T00:00:00Z", ["attendance", "in", "W01", "--station", "bar"])
        try at("2026-09-02T00:00:00Z", ["attendance", "in", "W02", "--station", "kasir"])
        try sell("2026-09-02T01:00:00Z", ["--server", "W02", "--maker", "W01", "--item", "PGR:2", "--pay", "cash:20000"])
        try sell("2026-09-02T01:10:00Z", ["--server", "W02", "--maker", "W01", "--item", "TBK:1:sugar=less", "--pay", "cash:8000"])
        try sell("2026-09-02T01:20:00Z", ["--server", "W02", "--item", "AIR", "--pay", "cash:5000"])
        try at("2026-09-02T04:00:00Z", ["attendance", "out", "W01"])
        try at("2026-09-02T05:00:00Z", ["attendance", "out", "W02"])
        try at("2026-09-02T09:00:00Z", ["till", "close", "--count", "100000x1,20000x1,10000x1,2000x1"])
        // October
        try at("2026-10-05T00:00:00Z", ["till", "open", "--float", "100000"])
        try at("2026-10-05T00:00:00Z", ["attendance", "in", "W01", "--station", "kasir"])
        try at("2026-10-05T00:00:00Z", ["attendance", "in", "W02", "--station", "bar"])
        try sell("2026-10-05T01:00:00Z", ["--server", "W01", "--maker", "W02", "--item", "TBK:2", "--pay", "cash:16000"])
        try sell("2026-10-05T01:30:00Z", ["--server", "W01", "--maker", "W02", "--item", "AIR", "--pay", "cash:5000"])
        try at("2026-10-05T01:40:00Z", ["order", "void", "2", "--reason", "salah pesan"])
        try at("2026-10-05T02:00:00Z", ["attendance", "break", "W01"])
        try at("2026-10-05T02:30:00Z", ["attendance", "resume", "W01"])
        try at("2026-10-05T03:00:00Z", ["note", "W01", "--text", "Menyeduh tubruk dengan rapi; perlu lebih cepat di jam ramai."])
        try at("2026-10-05T03:05:00Z", ["competency", "record", "--staff", "W01", "--unit", "KAFE-MANUAL", "--result", "kompeten", "--note", "seduh rapi"])
        try at("2026-10-05T04:00:00Z", ["attendance", "out", "W01"])
        try at("2026-10-05T06:00:00Z", ["attendance", "out", "W02"])
        try at("2026-10-05T09:00:00Z", ["till", "close", "--count", "100000x1,10000x1,5000x1,1000x1"])
        // November
        try at("2026-11-10T00:00:00Z", ["till", "open", "--float", "100000"])
        try at("2026-11-10T00:00:00Z", ["attendance", "in", "W01", "--station", "bar"])
        try at("2026-11-10T00:00:00Z", ["attendance", "in", "W02", "--station", "kasir"])
        try sell("2026-11-10T01:00:00Z", ["--server", "W02", "--maker", "W01", "--item", "PGR", "--item", "TBK:1:sugar=less", "--pay", "cash:18000"])
        try at("2026-11-10T02:15:00Z", ["attendance", "out", "W01"])
        try at("2026-11-10T08:00:00Z", ["attendance", "out", "W02"])
        try at("2026-11-10T09:00:00Z", ["till", "close", "--count", "100000x1,20000x1"])
        try at("2026-11-10T09:10:00Z", ["premi", "close", "--month", "2026-09"])
        try at("2026-11-10T09:11:00Z", ["premi", "close", "--month", "2026-10"])
        kasir.now = "2026-11-10T10:00:00Z"
    }

    func require(_ arguments: [String]) throws {
        let result = try kasir.supervised(arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }

    func at(_ instant: String, _ arguments: [String]) throws {
        kasir.now = instant
        try require(arguments)
    }

    func sell(_ instant: String, _ arguments: [String]) throws {
        kasir.now = instant
        let result = try kasir.run(["order", "new"] + arguments)
        try #require(result.status == 0, "\(arguments): \(result.stderr)")
    }

    func transcript(_ code: String, _ extra: [String] = []) throws -> [String: Any] {
        try kasir.json(kasir.supervised(["report", "transcript", code, "--format", "json"] + extra))
    }
}

@Suite struct TranscriptEndToEndTests {
    /// Every figure of W01's transcript, as computed by hand in the fixture's table.
    @Test func everyFigureOfTheTranscriptIsTheHandComputedOne() throws {
        let fixture = try TranscriptFixture()
        let json = try fixture.transcript("W01")
        #expect(json["code"] as? String == "W01" && json["alias"] as? String == "Bima")
        #expect(json["name"] as? String == "Budi Santoso" && json["registration"] as? String == "B.12/2026")
        #expect(json["first_day"] as? String == "2026-09-02" && json["last_day"] as? String == "2026-11-10")
        #expect(json["hours"] as? Double == 9.75 && json["days"] as? Int == 3)
        #expect(json["orders"] as? Int == 1 && json["items"] as? Int == 5)
        #expect(json["hours_by_station"] as? [String: Double] == ["bar": 6.25, "kasir": 3.5])
        #expect(json["items_by_skill"] as? [String: Int] == ["food": 3, "manual-brew": 2])
        #expect((json["decrees"] as? [[String: Any]])?.map { "\($0["number"]!) \($0["from"]!) \($0["until"]!)" } == ["SK-W01/2026 2026-09-01 2027-06-30"])
        // 4 h with PGR×2 and a TBK with sugar: food 2/3, manual brew 1/3; voided and made by
        // W02 in October; 2.25 h with PGR and a TBK with sugar in November.
        let months = try #require(json["months"] as? [[String: Any]])
        #expect(months.map { $0["month"] as? String } == ["2026-09", "2026-10", "2026-11"])
        #expect(months.map { $0["hours"] as? Double } == [4, 3.5, 2.25])
        #expect(months.map { $0["days"] as? Int } == [1, 1, 1])
        #expect(months.map { $0["orders"] as? Int } == [0, 1, 0])
        #expect(months.map { $0["items"] as? Int } == [3, 0, 2])
        #expect(months.map { $0["items_by_skill"] as? [String: Int] } == [["food": 2, "manual-brew": 1], [:], ["food": 1, "manual-brew": 1]])
        #expect(months.map { $0["premi"] as? Int } == [4_667, 2_026, 0])
        let metrics = months.compactMap { $0["metrics"] as? [String: Any] }
        #expect(metrics.map { $0["orders_per_hour"] as? Double } == [0, 0.29, 0])
        #expect(metrics.map { $0["items_per_hour"] as? Double } == [0.75, 0, 0.89])
        #expect(metrics.map { $0["modifier_share"] as? Double } == [0.33, 0, 0.5])
        #expect(metrics.map { $0["orders_voided_per_hundred"] as? Double } == [0, 50, 0])
        #expect(metrics.map { $0["lines_removed_per_hundred"] as? Double } == [0, 0, 0])
        #expect(metrics.map { $0["cash_variance"] as? Int } == [0, 0, 0])
        // Practice: September 9.600 s food and 4.800 s manual brew; November 4.050 s each.
        let units = try #require(json["competencies"] as? [[String: Any]])
        #expect(units.map { "\($0["unit"]!)=\($0["practice_hours"]!)/\($0["suggested_hours"]!)" } == [
            "I.563030.006.01=2.46/40", "KAFE-ESPRESSO=0/60", "KAFE-MANUAL=2.46/30", "KAFE-NONKOPI=0/20", "KAFE-MAKANAN=3.79/20", "KAFE-LAYANAN=6.25/40",
        ])
        let assessed = try #require(units.first { $0["unit"] as? String == "KAFE-MANUAL" }?["assessments"] as? [[String: Any]])
        #expect(assessed.map { "\($0["date"]!) \($0["assessor"]!) \($0["assessor_name"]!) \($0["result"]!) \($0["note"]!)" }
            == ["2026-10-05 S1 Pak Hadi kompeten seduh rapi"])
        let notes = try #require(json["notes"] as? [[String: Any]])
        #expect(notes.map { "\($0["date"]!) \($0["time"]!) \($0["by"]!): \($0["text"]!)" }
            == ["2026-10-05 11:00 S1: Menyeduh tubruk dengan rapi; perlu lebih cepat di jam ramai."])
        // Premi: September 21.000 profit, half to the pool, 4/9 of it; October 11.000, 3.5/9.5.
        #expect(json["premi_total"] as? Int == 4_667 + 2_026)
        let number = try #require(json["document_number"] as? String)
        #expect(number.hasPrefix("TR-\(json["journal_seq"] as? Int ?? 0)-"))
        // W02: the kasir's variances and the orders served.
        let other = try fixture.transcript("W02")
        #expect(other["hours"] as? Double == 19 && other["orders"] as? Int == 4 && other["items"] as? Int == 3)
        let otherMonths = try #require(other["months"] as? [[String: Any]])
        #expect(otherMonths.compactMap { ($0["metrics"] as? [String: Any])?["cash_variance"] as? Int } == [-1_000, 0, 2_000])
        #expect(otherMonths.compactMap { ($0["metrics"] as? [String: Any])?["orders_per_hour"] as? Double } == [0.6, 0, 0.13])
        #expect(other["premi_total"] as? Int == 5_833 + 3_474)
    }

    /// A month's hours in the transcript are that month's `report training` hours.
    @Test func monthsAgreeWithTheTrainingReport() throws {
        let fixture = try TranscriptFixture()
        let months = try #require(try fixture.transcript("W02")["months"] as? [[String: Any]])
        for month in months {
            let report = try fixture.kasir.json(fixture.kasir.run(["report", "training", "--month", month["month"] as! String, "--format", "json"]))
            let entry = (report["staff"] as? [[String: Any]])?.first { $0["code"] as? String == "W02" }
            #expect(entry?["hours"] as? Double == month["hours"] as? Double)
        }
    }

    /// The number changes when a row behind it changes, and `audit document` says so and why;
    /// left alone, it is confirmed.
    @Test func theDocumentNumberProvesTheRecord() throws {
        let fixture = try TranscriptFixture()
        let kasir = fixture.kasir
        // The same record shown with aliases carries the same number (shown first: handing the
        // named one out journals its issue, and a transcript made after that is made at a later entry).
        let shown = try kasir.json(kasir.run(["report", "transcript", "W01", "--pseudonymous", "--format", "json"]))["document_number"] as? String
        let number = try #require(try fixture.transcript("W01")["document_number"] as? String)
        #expect(shown == number)
        let confirmed = try kasir.run(["audit", "document", number, "--staff", "W01"])
        #expect(confirmed.status == 0)
        #expect(confirmed.stdout.hasPrefix("✔ Dokumen \(number) cocok: catatan W01 sampai jurnal #"))
        // The figures come with the match, to be read beside the paper: a forged figure under a
        // real number is seen there. Aliases only: whoever checks may not be a supervisor.
        #expect(confirmed.stdout.contains("Cocokkan angka di kertas dengan isi catatan ini"))
        #expect(confirmed.stdout.contains(number))
        #expect(confirmed.stdout.contains("Bima"))
        #expect(!confirmed.stdout.contains("Budi Santoso"))
        // Checked against the wrong WBP, the number is named as the other's (a code, no name),
        // not as a record changed outside Kasir.
        let wrongWBP = try kasir.run(["audit", "document", number, "--staff", "W02"])
        #expect(wrongWBP.status == 1)
        #expect(wrongWBP.stdout == "✘ Dokumen \(number) bukan transkrip W02: nomor ini milik WBP lain, W01. Periksa dengan --staff W01.\n")
        // A row behind it changed outside Kasir: another number, and nothing in the journal explains it.
        _ = try kasir.sqlite("DROP TRIGGER order_lines_fixed; UPDATE order_lines SET quantity = 3, line_total = 30000 WHERE item_code = 'PGR' AND quantity = 2;")
        let edited = try kasir.run(["audit", "document", number, "--staff", "W01"])
        #expect(edited.status == 1)
        #expect(edited.stdout.contains("✘ Dokumen \(number) TIDAK cocok: catatan W01 sampai jurnal #"))
        #expect(edited.stdout.contains("Tidak ada entri jurnal sesudah #"))
        _ = try kasir.sqlite("UPDATE order_lines SET quantity = 2, line_total = 20000 WHERE item_code = 'PGR' AND quantity = 3;")
        #expect(try kasir.run(["audit", "document", number, "--staff", "W01"]).status == 0)
        // New work after a transcript does not change what it covers: a document is rebuilt from
        // the rows as journaled at or before its entry. A shift open when the second one was made
        // is not in it, even once closed afterwards at a time before it was made (a forgotten
        // clock-out); nor is a whole paper-sheet shift of an earlier day entered after it.
        try fixture.at("2026-11-10T10:00:00Z", ["attendance", "in", "W01", "--station", "bar"])
        try fixture.at("2026-11-10T10:30:00Z", ["note", "W02", "--text", "Rapi."])
        let second = try #require(try fixture.transcript("W01")["document_number"] as? String)
        #expect(second != number)
        try fixture.at("2026-11-10T12:00:00Z", ["attendance", "out", "W01", "--at", "2026-11-10 18:20", "--reason", "lupa absen"])
        try fixture.at("2026-11-10T12:05:00Z", ["attendance", "in", "W01", "--station", "bar", "--at", "2026-11-08 08:00", "--reason", "lembar absen"])
        try fixture.at("2026-11-10T12:06:00Z", ["attendance", "out", "W01", "--at", "2026-11-08 16:00", "--reason", "lembar absen"])
        #expect(try kasir.run(["audit", "document", number, "--staff", "W01"]).status == 0)
        let late = try kasir.run(["audit", "document", second, "--staff", "W01"])
        #expect(late.status == 0, "\(late.stdout)")
        // The work is in the next transcript.
        let third = try #require(try fixture.transcript("W01")["document_number"] as? String)
        #expect(third != second)
        // A number that is not one, or one of the wrong kind, is one line and exit 1.
        let malformed = try kasir.run(["audit", "document", "TR-12", "--staff", "W01"])
        #expect(malformed.status == 1 && malformed.stderr == "Nomor dokumen tidak dikenali: \"TR-12\" (contoh: TR-61682-9F3A-2C1B-7E04).\n")
        #expect(try kasir.run(["audit", "document", number]).stderr == "Transkrip diperiksa untuk satu WBP: tambahkan --staff KODE.\n")
    }

    /// The monthly programme report carries a number of its own, checked the same way.
    @Test func theProgrammeReportHasANumberToo() throws {
        let fixture = try TranscriptFixture()
        let kasir = fixture.kasir
        let report = try kasir.json(kasir.run(["report", "programme", "--month", "2026-10", "--format", "json"]))
        let number = try #require(report["document_number"] as? String)
        #expect(number.hasPrefix("PR-"))
        #expect(try kasir.run(["audit", "document", number, "--month", "2026-10"]).stdout.hasPrefix("✔ Dokumen \(number) cocok: catatan 2026-10 sampai jurnal #"))
        _ = try kasir.sqlite("UPDATE breaks SET ended_at = '2026-10-05T02:15:00.000Z';")
        #expect(try kasir.run(["audit", "document", number, "--month", "2026-10"]).status == 1)
    }

    /// The HTML: one `svg` per chart, the Rutan's letterhead and signatures from config, the
    /// person's name only when not pseudonymous; names need a supervisor.
    @Test func theHTMLIsADocumentToSign() throws {
        let fixture = try TranscriptFixture()
        let kasir = fixture.kasir
        try kasir.edit("kasir.toml", "title = \"Kepala Rutan Kelas IIA Balikpapan\"\nname = \"\"\nnip = \"\"",
                       "title = \"Kepala Rutan Kelas IIA Balikpapan\"\nname = \"Hendra Kurniawan\"\nnip = \"197203041998031002\"")
        let named = try kasir.supervised(["report", "transcript", "W01", "--format", "html"])
        #expect(named.status == 0, "\(named.stderr)")
        let html = named.stdout
        // Hours per month, six skill measures, the competency units, the QR code of its number.
        #expect(html.components(separatedBy: "<svg").count - 1 == 1 + 6 + 1 + 1)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("href="))
        for text in ["RUMAH TAHANAN NEGARA KELAS IIA BALIKPAPAN", "Budi Santoso", "B.12/2026", "Kepala Rutan Kelas IIA Balikpapan", "Hendra Kurniawan",
                     "NIP 197203041998031002", "Kepala Seksi Pelayanan Tahanan", "Balikpapan, 10 November 2026", "@page { size: A4"] {
            #expect(html.contains(text), "\(text)")
        }
        let pseudonymous = try kasir.run(["report", "transcript", "W01", "--format", "html", "--pseudonymous"]).stdout
        #expect(pseudonymous.contains("W01 (Bima)") && !pseudonymous.contains("Budi Santoso") && !pseudonymous.contains("B.12/2026")
                && !pseudonymous.contains("SK-W01"))
        #expect(pseudonymous.components(separatedBy: "<svg").count - 1 == 9)
        let refused = try kasir.run(["report", "transcript", "W01"])
        #expect(refused.status == 1)
        #expect(refused.stderr == "Transkrip dengan nama hanya untuk petugas: tambahkan --by KODE, atau --pseudonymous untuk alias saja.\n")
    }

    /// The monthly training report looks back six months and shows the coaching notes, in
    /// HTML as small charts and in text and CSV as figures.
    @Test func theTrainingReportLooksBack() throws {
        let fixture = try TranscriptFixture()
        let kasir = fixture.kasir
        let text = try kasir.run(["report", "training", "--month", "2026-10"]).stdout
        #expect(text.contains("Jam enam bulan terakhir"))
        #expect(text.contains("Bima     0,00     0,00     0,00     0,00     4,00     3,50\n"), "\(text)")
        #expect(text.contains("Catatan pembinaan") && text.contains("Menyeduh tubruk dengan rapi"))
        let csv = try kasir.run(["report", "training", "--month", "2026-10", "--format", "csv"]).stdout
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let w01 = try #require(rows.first { $0.count > 1 && $0[1] == "W01" })
        #expect(w01[try #require(header.firstIndex(of: "hours_m1"))] == "4.00")
        #expect(w01[try #require(header.firstIndex(of: "items_manual-brew_m1"))] == "1")
        #expect(w01[try #require(header.firstIndex(of: "practice_KAFE-MANUAL"))] == "1.33")
        #expect(w01[try #require(header.firstIndex(of: "coaching_notes"))] == "1")
        let html = try kasir.run(["report", "training", "--month", "2026-10", "--format", "html"]).stdout
        // The bar chart of the month, and per WBP: hours, one line per skill they made, competency progress.
        #expect(html.components(separatedBy: "<svg").count - 1 == 1 + (1 + 2 + 1) + (1 + 2 + 1))
    }
}

extension TranscriptEndToEndTests {
    /// A note written after a transcript with the PC's clock a minute behind the journal (an
    /// NTP step back) is not in it: a document counts what was journaled by its entry.
    @Test func workJournaledAfterADocumentLeavesItWhateverTheClockSays() throws {
        let fixture = try TranscriptFixture()
        let kasir = fixture.kasir
        let number = try #require(try fixture.transcript("W01")["document_number"] as? String)
        let last = try kasir.sqlite("SELECT MAX(at) FROM journal;").trimmingCharacters(in: .newlines)
        let behind = try #require(Timestamp.date(last)).addingTimeInterval(-60)
        let clock = ISO8601DateFormatter().string(from: behind)
        try fixture.at(clock, ["note", "W01", "--text", "Cepat dan rapi."])
        try fixture.at(clock, ["competency", "record", "--staff", "W01", "--unit", "KAFE-MANUAL", "--result", "kompeten"])
        let check = try kasir.run(["audit", "document", number, "--staff", "W01"])
        #expect(check.status == 0, "\(check.stdout)")
    }
}
