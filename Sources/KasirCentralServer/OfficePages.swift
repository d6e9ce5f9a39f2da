import Foundation
import Hummingbird
import KasirCentral
import KasirConfig
import KasirCore
import KasirLedger
import KasirMessages
import KasirReports

/// The officers' pages: sign-in, the overview of their cafés, and one café's month. Plain
/// HTML and CSS, no script; every form carries its CSRF token.
struct OfficePages {
    let language: Language
    let catalog: Catalog
    let words: OfficeWords

    /// The page's own address with the other language: its path and month.
    let otherLanguageLink: String

    init(language: Language, path: String = "/", month: String? = nil) {
        self.language = language
        catalog = Catalog(language: language, calendar: .wita)
        words = OfficeWords(catalog)
        var query = language == .id ? ["lang=en"] : []
        if let month, (try? BusinessMonth.parse(month)) != nil { query.insert("bulan=\(month)", at: 0) }
        otherLanguageLink = path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// The pages of `request`, in its language (`?lang=en`, else Bahasa Indonesia).
    init(_ request: Request) {
        // The page itself, for a GET: its path with empty segments dropped (`//kafe` would read
        // as another host); the overview for the answer to a form.
        let path = request.method == .get ? "/" + request.uri.path.split(separator: "/").joined(separator: "/") : "/"
        self.init(language: request.uri.queryParameters["lang"] == "en" ? .en : .id, path: path,
                  month: request.uri.queryParameters["bulan"].map(String.init))
    }

    var languageQuery: String { language == .en ? "?lang=en" : "" }

    /// The page around `body`: the officer and a sign-out form when signed in.
    func page(title: String, officer: Officer?, body: String) -> String {
        let escape = HTML.escape
        let other = language == .id ? ("English", "en") : ("Bahasa Indonesia", "id")
        var header = "<header class=\"bar\"><b>\(escape(words.product))</b>"
            + "<a class=\"lang\" href=\"\(escape(otherLanguageLink))\" hreflang=\"\(other.1)\">\(other.0)</a>"
        if let officer {
            header += "<nav><a href=\"/\(languageQuery)\">\(escape(words.overviewTitle))</a> · <a href=\"/alarm\(languageQuery)\">\(escape(words.alarmsPage))</a></nav>"
            header += "<span>\(escape(words.signedInAs)) <b>\(escape(officer.name))</b> · \(escape(words.role(officer.role.rawValue, kanwil: officer.kanwil, cafe: officer.cafe)))</span>"
            header += "<form method=\"post\" action=\"/keluar\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape(officer.csrf))\">"
                + "<button type=\"submit\">\(escape(words.signOut))</button></form>"
        }
        header += "</header>\n"
        return ReportDocument.page(title: title, style: Self.style, body: header + body, language: language.rawValue)
    }

    func signIn(csrf: String, problem: String?, name: String = "") -> String {
        let escape = HTML.escape
        var body = "<h1>\(escape(words.signInTitle))</h1><p class=\"sub\">\(escape(words.signInIntro))</p>\n"
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(escape(problem))</p>\n" }
        body += "<form class=\"signin\" method=\"post\" action=\"/masuk\(languageQuery)\"><input type=\"hidden\" name=\"csrf\" value=\"\(escape(csrf))\">"
        body += "<label>\(escape(words.name))<input name=\"nama\" value=\"\(escape(name))\" autocomplete=\"username\" maxlength=\"64\" required></label>"
        body += "<label>\(escape(words.password))<input name=\"sandi\" type=\"password\" autocomplete=\"current-password\" maxlength=\"200\" required></label>"
        body += "<button type=\"submit\">\(escape(words.signIn))</button></form>\n"
        return page(title: words.signInTitle, officer: nil, body: body)
    }

    /// A café's month at a glance: its WBP's hours, its net revenue, the PNBP its closed tills
    /// owe and what it deposited.
    struct MonthFigures {
        var hours: Double
        var netRevenue: Int64
        var pnbpDue: Int64
        var pnbpDeposited: Int64
    }

    /// The cafés the officer may see, the one needing attention first.
    func overview(_ officer: Officer, statuses: [CentralCafeStatus], figures: [String: MonthFigures], month: BusinessMonth, now: Date) -> String {
        let escape = HTML.escape
        let sorted = statuses.sorted { a, b in
            if a.stale != b.stale { return a.stale }
            if (a.alarmsInMonth > 0) != (b.alarmsInMonth > 0) { return a.alarmsInMonth > 0 }
            return (a.anchoredAt ?? .distantPast) < (b.anchoredAt ?? .distantPast)
        }
        var body = "<h1>\(escape(words.overviewTitle)) \(escape(month.description))</h1><p class=\"sub\">\(escape(words.overviewIntro))</p>\n"
        body += monthLinks(path: "/", month: month)
        guard !sorted.isEmpty else { return page(title: words.overviewTitle, officer: officer, body: body + "<p>\(escape(words.noCafes))</p>") }
        let w = { (word: CentralReportWord) in catalog.word(word) }
        body += "<table><thead><tr><th>\(escape(w(.cafe)))</th><th>\(escape(w(.name)))</th><th>\(escape(w(.kanwil)))</th>"
            + "<th class=\"n\">\(escape(w(.headHeld)))</th><th>\(escape(w(.lastAnchor)))</th><th class=\"n\">\(escape(words.anchorAge))</th>"
            + "<th class=\"n\">\(escape(words.hoursThisMonth))</th><th class=\"n\">\(escape(words.netRevenue))</th>"
            + "<th class=\"n\">\(escape(words.pnbpDue))</th><th class=\"n\">\(escape(words.pnbpDeposited))</th>"
            + "<th class=\"n\">\(escape(w(.alarmsInMonth)))</th><th>\(escape(w(.stale)))</th></tr></thead><tbody>"
        for status in sorted {
            let link = "/kafe/\(status.code)?bulan=\(month)" + (language == .en ? "&amp;lang=en" : "")
            let attention = status.stale || status.alarmsInMonth > 0
            body += "<tr\(attention ? " class=\"attention\"" : "") data-cafe=\"\(escape(status.code))\"><td><a href=\"\(link)\">\(escape(status.code))</a></td>"
                + "<td>\(escape(status.name))</td><td>\(escape(status.kanwil))</td><td class=\"n\">#\(status.headSeq)</td>"
                + "<td>\(escape(status.anchoredAt.map(catalog.localTime) ?? w(.never)))</td>"
                + "<td class=\"n\">\(escape(status.anchoredAt.map { words.age(now.timeIntervalSince($0)) } ?? "-"))</td>"
                + [figures[status.code].map { catalog.decimal($0.hours) } ?? "-", figures[status.code].map { Rupiah($0.netRevenue).formatted } ?? "-",
                   figures[status.code].map { Rupiah($0.pnbpDue).formatted } ?? "-", figures[status.code].map { Rupiah($0.pnbpDeposited).formatted } ?? "-"]
                    .map { "<td class=\"n\">\(escape($0))</td>" }.joined()
                + "<td class=\"n\">\(status.alarmsInMonth)</td><td>\(escape(catalog.yesNo(status.stale)))</td></tr>"
        }
        body += "</tbody></table><p class=\"small\">\(escape(w(.staleLegend)))</p>\n"
        return page(title: words.overviewTitle, officer: officer, body: body)
    }

    /// One café's month: where its journal stands, and its alarms.
    func cafe(_ officer: Officer, status: CentralCafeStatus, alarms: [CentralAlarm], staff: [TrainingEntry],
              documents: [(file: String, document: ReportDocument)], month: BusinessMonth, now: Date) -> String {
        let escape = HTML.escape
        let w = { (word: CentralReportWord) in catalog.word(word) }
        var body = "<p class=\"crumb\"><a href=\"/\(languageQuery)\">\(escape(words.overviewTitle))</a></p>"
        body += "<h1>\(escape(status.name)) (\(escape(status.code))) · \(escape(month.description))</h1>"
        body += "<p class=\"sub\">\(escape(status.upt)) · Kanwil \(escape(status.kanwil))</p>\n"
        body += monthLinks(path: "/kafe/\(status.code)", month: month)
        let figures = [(w(.headHeld), "#\(status.headSeq)"), (w(.lastAnchor), status.anchoredAt.map(catalog.localTime) ?? w(.never)),
                       (words.anchorAge, status.anchoredAt.map { words.age(now.timeIntervalSince($0)) } ?? "-"),
                       (w(.entriesInMonth), "\(status.entriesInMonth)"), (w(.alarmsInMonth), "\(status.alarmsInMonth)"),
                       (w(.stale), catalog.yesNo(status.stale))]
        body += "<section class=\"figures\">" + figures.map { "<div><span>\(escape($0.0))</span><b>\(escape($0.1))</b></div>" }.joined() + "</section>\n"
        body += "<h2>\(escape(words.alarmsTitle))</h2>"
        if alarms.isEmpty {
            body += "<p>\(escape(words.noAlarms))</p>"
        } else {
            body += "<table class=\"alarms\"><thead><tr><th>\(escape(words.at))</th><th>\(escape(words.kind))</th><th>\(escape(words.detail))</th></tr></thead><tbody>"
            for alarm in alarms {
                body += "<tr><td>\(escape(catalog.localTime(alarm.at)))</td><td>\(escape(alarm.kind))</td><td>\(escape(alarm.detail))</td></tr>"
            }
            body += "</tbody></table>"
        }
        if !staff.isEmpty {
            let suffix = "?bulan=\(month)" + (language == .en ? "&amp;lang=en" : "")
            body += "<h2>\(escape(words.wbpList))</h2><p class=\"wbp\">" + staff.map { entry in
                "<a href=\"/kafe/\(status.code)/wbp/\(VerificationPage.queryValue(entry.code))\(suffix)\">\(escape(words.wbpTitle(code: entry.code, alias: entry.alias)))</a>"
            }.joined(separator: " · ") + "</p>\n"
        }
        for (file, document) in documents {
            let base = "/kafe/\(status.code)/\(file)"
            let suffix = "?bulan=\(month)" + (language == .en ? "&amp;lang=en" : "")
            body += "<section class=\"report\" id=\"\(file)\">\(document.htmlBody(level: 2))"
            body += "<p class=\"downloads\"><a href=\"\(base).csv\(suffix)\" download>CSV</a> · <a href=\"\(base).json\(suffix)\" download>JSON</a></p></section>\n"
        }
        return page(title: "\(status.code) \(month)", officer: officer, body: body)
    }

    /// One WBP's progress at a café: the month, the six months before, competencies, and the
    /// transcripts issued with their numbers. Code and alias only.
    func wbp(_ officer: Officer, cafe: CentralCafeStatus, entry: TrainingEntry, transcripts: [IssuedTranscript], month: BusinessMonth) -> String {
        let escape = HTML.escape
        var body = "<p class=\"crumb\"><a href=\"/\(languageQuery)\">\(escape(words.overviewTitle))</a> · "
            + "<a href=\"/kafe/\(cafe.code)?bulan=\(month)\(language == .en ? "&amp;lang=en" : "")\">\(escape(cafe.name))</a></p>"
        body += "<h1 data-wbp=\"\(escape(entry.code))\">\(escape(words.wbpTitle(code: entry.code, alias: entry.alias))) · \(escape(month.description))</h1><p class=\"sub\">\(escape(words.wbpIntro))</p>\n"
        body += monthLinks(path: "/kafe/\(cafe.code)/wbp/\(VerificationPage.queryValue(entry.code))", month: month)
        let figures = [(words.hoursThisMonth, catalog.decimal(entry.hours)), (words.days, "\(entry.days)"), (words.orders, "\(entry.orders)"),
                       (words.items, "\(entry.items)")]
        body += "<section class=\"figures\">" + figures.map { "<div><span>\(escape($0.0))</span><b>\(escape($0.1))</b></div>" }.joined() + "</section>\n"
        let skills = Array(Set(entry.history.flatMap { $0.itemsBySkill.keys })).sorted()
        body += "<h2>\(escape(words.lastSixMonths))</h2>"
        body += SVGChart.columns(entry.history.map { ($0.month, $0.hours) }, title: words.hours, width: 560, height: 140, decimalComma: language == .id)
        body += "<table><thead><tr><th>\(escape(words.month))</th><th class=\"n\">\(escape(words.hours))</th><th class=\"n\">\(escape(words.items))</th>"
            + skills.map { "<th class=\"n\">\(escape(catalog.skillName($0)))</th>" }.joined() + "</tr></thead><tbody>"
        for month in entry.history {
            body += "<tr><td>\(escape(month.month))</td><td class=\"n\">\(escape(catalog.decimal(month.hours)))</td><td class=\"n\">\(month.items)</td>"
                + skills.map { "<td class=\"n\">\(month.itemsBySkill[$0] ?? 0)</td>" }.joined() + "</tr>"
        }
        body += "</tbody></table>\n<h2>\(escape(words.competencies))</h2>"
        body += SVGChart.progress(entry.competencies.map { ($0.code + ($0.verified ? "" : "*"), $0.practiceHours, Double($0.suggestedHours)) },
                                  title: words.competencies, width: 560, decimalComma: language == .id)
        body += "<table><thead><tr><th>\(escape(words.unit))</th><th>\(escape(catalog.word(ReportWord.title)))</th><th class=\"n\">\(escape(words.practice))</th><th>\(escape(words.lastResult))</th></tr></thead><tbody>"
        for unit in entry.competencies {
            let result = unit.lastResult.map { ($0 == UnitProgress.competent ? catalog.word(ReportWord.competent) : catalog.word(ReportWord.notYetCompetent)) + (unit.lastAssessed.map { " (\($0))" } ?? "") } ?? "-"
            body += "<tr><td>\(escape(unit.code + (unit.verified ? "" : "*")))</td><td>\(escape(unit.title))</td>"
                + "<td class=\"n\">\(escape(catalog.decimal(unit.practiceHours))) / \(unit.suggestedHours)</td><td>\(escape(result))</td></tr>"
        }
        body += "</tbody></table>\n<h2>\(escape(words.transcripts))</h2>"
        if transcripts.isEmpty {
            body += "<p>\(escape(words.noTranscripts))</p>"
        } else {
            body += "<table><thead><tr><th>No.</th><th>\(escape(words.issuedAt))</th><th class=\"n\">\(escape(words.journalRow))</th></tr></thead><tbody>"
            for transcript in transcripts {
                body += "<tr><td><a href=\"/verifikasi/\(escape(transcript.number))?kafe=\(cafe.code)\(language == .en ? "&amp;lang=en" : "")\">\(escape(transcript.number))</a></td>"
                    + "<td>\(escape(catalog.localTime(transcript.issuedAt)))</td><td class=\"n\">#\(transcript.seq)</td></tr>"
            }
            body += "</tbody></table>"
        }
        return page(title: "\(entry.code) \(cafe.code) \(month)", officer: officer, body: body)
    }

    /// The month's alarms of the officer's cafés, each with its evidence and its
    /// acknowledgement, or a form to give one.
    func alarms(_ officer: Officer, records: [AlarmRecord], month: BusinessMonth, problem: String? = nil) -> String {
        let escape = HTML.escape
        var body = "<p class=\"crumb\"><a href=\"/\(languageQuery)\">\(escape(words.overviewTitle))</a></p>"
        body += "<h1>\(escape(words.alarmsPage)) \(escape(month.description))</h1>\n" + monthLinks(path: "/alarm", month: month)
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(escape(problem))</p>\n" }
        guard !records.isEmpty else { return page(title: words.alarmsPage, officer: officer, body: body + "<p>\(escape(words.noAlarms))</p>") }
        body += "<table class=\"alarms\"><thead><tr><th>#</th><th>\(escape(words.at))</th><th>Kafe</th><th>\(escape(words.kind))</th>"
            + "<th>\(escape(words.detail))</th><th>\(escape(words.evidence))</th><th>\(escape(words.acknowledgement))</th></tr></thead><tbody>"
        for record in records {
            let evidence = record.evidence.map {
                words.batch($0.batchID, claimed: $0.claimedCafe, first: $0.firstSeq, last: $0.lastSeq, received: catalog.localTime($0.receivedAt),
                            outcome: $0.outcome, bytes: $0.evidenceBytes) + ($0.reason.map { ": \($0)" } ?? "")
            } ?? words.noEvidence
            var acknowledgement: String
            if let ack = record.acknowledgement {
                acknowledgement = escape(words.acknowledged(by: ack.by, at: catalog.localTime(ack.at), note: ack.note))
            } else {
                acknowledgement = "<form method=\"post\" action=\"/alarm/\(record.id)/akui?bulan=\(month)\(language == .en ? "&amp;lang=en" : "")\">"
                    + "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(officer.csrf))\">"
                    + "<label>\(escape(words.note))<textarea name=\"catatan\" maxlength=\"500\" rows=\"2\" required></textarea></label>"
                    + "<button type=\"submit\">\(escape(words.acknowledge))</button></form>"
            }
            body += "<tr id=\"alarm-\(record.id)\" data-alarm=\"\(record.id)\"><td>\(record.id)</td><td>\(escape(catalog.localTime(record.alarm.at)))</td>"
                + "<td>\(escape(record.alarm.cafe ?? "-"))</td><td>\(escape(record.alarm.kind))</td><td>\(escape(record.alarm.detail))</td>"
                + "<td class=\"small\">\(escape(evidence))</td><td>\(acknowledgement)</td></tr>"
        }
        body += "</tbody></table>\n"
        return page(title: words.alarmsPage, officer: officer, body: body)
    }

    /// A page that only says one thing: refused, not found, unavailable.
    func problem(_ text: String, officer: Officer?) -> String {
        page(title: words.product, officer: officer, body: "<p class=\"problem\" role=\"alert\">\(HTML.escape(text))</p><p><a href=\"/\(languageQuery)\">\(HTML.escape(words.overviewTitle))</a></p>")
    }

    func monthLinks(path: String, month: BusinessMonth) -> String {
        let suffix = language == .en ? "&amp;lang=en" : ""
        let path = HTML.escape(path)
        return "<nav class=\"months\"><a href=\"\(path)?bulan=\(month.previous)\(suffix)\">\(HTML.escape(words.previous))</a>"
            + "<a href=\"\(path)?bulan=\(month.next)\(suffix)\">\(HTML.escape(words.next))</a></nav>\n"
    }

    static let style = """
        header.bar { display: flex; gap: 16px; align-items: center; justify-content: space-between; border-bottom: 2px solid #2f6f4f; padding-bottom: 6px; margin-bottom: 14px; font-size: 13px; }
        header.bar form { margin: 0; } header.bar button { font: inherit; padding: 3px 10px; }
        form.signin { display: flex; flex-direction: column; gap: 10px; max-width: 320px; margin: 14px 0; }
        label { display: flex; flex-direction: column; font-size: 12px; color: #444; gap: 3px; }
        input { font: inherit; font-size: 16px; padding: 6px 8px; border: 1px solid #888; border-radius: 4px; }
        form.signin button { font: inherit; font-size: 15px; padding: 7px 18px; border: 0; border-radius: 4px; background: #2f6f4f; color: #fff; cursor: pointer; }
        .problem { border-left: 6px solid #a12a2a; background: #fbeeee; padding: 8px 12px; color: #8a1f1f; }
        nav.months { display: flex; justify-content: space-between; font-size: 13px; margin: 6px 0 10px; } .crumb { font-size: 13px; margin: 0 0 4px; }
        tr.attention td { background: #fff4e5; } table.alarms textarea { font: inherit; width: 100%; } table.alarms form { display: flex; flex-direction: column; gap: 4px; } .small { font-size: 11px; color: #555; }
        .figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0; } .figures div { flex: 1; min-width: 120px; border: 1px solid #cfe3d8; border-radius: 4px; padding: 6px 8px; }
        .figures span { display: block; font-size: 11px; color: #555; } .figures b { font-size: 16px; }
        section.report { border-top: 1px solid #ddd; margin-top: 18px; } section.report header h2 { font-size: 18px; color: #1b1b1b; }
        section.report h3 { font-size: 14px; margin: 12px 0 4px; color: #2f6f4f; } .downloads { font-size: 13px; }
        @media print { header.bar form, nav.months, .downloads { display: none; } }
        """
}
