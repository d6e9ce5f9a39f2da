import Foundation
import KasirCentral
import KasirConfig
import KasirCore
import KasirMessages
import KasirReports

/// The public verification page, `/verifikasi` and `/verifikasi/NUMBER`: a form, and what the
/// anchored journal says of a number. Plain HTML and CSS, no script, prints on A4; it shows
/// the figures the paper carries and nothing else.
///
/// ```swift
/// let page = VerificationPage(language: .id)
/// let html = page.render(number: "TR-812-9F3A-2C1B-7E04", cafe: "BPN01", outcome: .verdict(verdict))
/// ```
struct VerificationPage {
    /// What the page answers under its form.
    enum Outcome {
        case form
        case verdict(TranscriptVerdict)
        case problem(String)
    }

    let language: Language
    let catalog: Catalog
    let words: VerificationWords

    init(language: Language) {
        self.language = language
        catalog = Catalog(language: language, calendar: .wita)
        words = VerificationWords(catalog)
    }

    func render(number: String?, cafe: String?, outcome: Outcome) -> String {
        let escape = HTML.escape
        let other = words.otherLanguage
        var switchQuery = "lang=\(other.code)"
        if let cafe, !cafe.isEmpty { switchQuery += "&amp;kafe=\(escape(Self.queryValue(cafe)))" }
        let switchPath = number.map { "/verifikasi/\(escape(Self.queryValue($0)))" } ?? "/verifikasi"
        var body = "<nav class=\"lang\"><a href=\"\(switchPath)?\(switchQuery)\" hreflang=\"\(other.code)\">\(escape(other.label))</a></nav>\n"
        body += "<h1>\(escape(words.title))</h1><p class=\"sub\">\(escape(words.intro))</p>\n"
        body += "<form method=\"get\" action=\"/verifikasi\"><input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\">"
        body += "<label>\(escape(words.numberLabel))<input name=\"nomor\" value=\"\(escape(number ?? ""))\" maxlength=\"40\" "
            + "placeholder=\"TR-61682-9F3A-2C1B-7E04\" autocomplete=\"off\" spellcheck=\"false\" required></label>"
        body += "<label>\(escape(words.cafeLabel))<input name=\"kafe\" value=\"\(escape(cafe ?? ""))\" maxlength=\"16\" autocomplete=\"off\"></label>"
        body += "<button type=\"submit\">\(escape(words.check))</button></form>\n"
        switch outcome {
        case .form: break
        case .problem(let text): body += "<section class=\"verdict bad\" role=\"alert\"><p>\(escape(text))</p></section>\n"
        case .verdict(let verdict): body += self.verdict(verdict)
        }
        body += "<footer>\(escape(words.footer))</footer>\n"
        return ReportDocument.page(title: number.map { "\(words.title) · \($0)" } ?? words.title, style: Self.style, body: body,
                                   language: language.rawValue)
    }

    func verdict(_ verdict: TranscriptVerdict) -> String {
        let escape = HTML.escape
        switch verdict {
        case .anchored(let transcript):
            let cafe = transcript.cafe
            var html = "<section class=\"verdict good\" data-verdict=\"anchored\"><h2>✓ \(escape(words.anchoredHeading))</h2>"
            html += "<p class=\"docno\">\(escape(transcript.number))</p><p>\(escape(words.anchoredBy(cafe: cafe.name, code: cafe.code, upt: cafe.upt, kanwil: cafe.kanwil, issued: catalog.localTime(transcript.issuedAt), received: catalog.localTime(transcript.receivedAt), seq: transcript.seq)))</p>"
            html += "<p class=\"small\">\(escape(words.compareNote))</p></section>\n"
            return html + figures(transcript.figures)
        case .altered(let number, let cafe, let problem):
            return "<section class=\"verdict bad\" data-verdict=\"altered\"><h2>✗ \(escape(words.alteredHeading))</h2><p class=\"docno\">\(escape(number))</p>"
                + "<p>\(escape(words.altered(cafe: cafe.name, code: cafe.code, upt: cafe.upt, problem: words.problem(problem.rawValue))))</p></section>\n"
        case .notYetAnchored(let number, let cafe, _):
            return "<section class=\"verdict wait\" data-verdict=\"not_yet_anchored\"><h2>… \(escape(words.notYetHeading))</h2><p class=\"docno\">\(escape(number))</p>"
                + "<p>\(escape(words.notYet(cafe: cafe.name, code: cafe.code)))</p></section>\n"
        case .unknown(let number):
            return "<section class=\"verdict bad\" data-verdict=\"unknown\"><h2>? \(escape(words.unknownHeading))</h2><p class=\"docno\">\(escape(number))</p>"
                + "<p>\(escape(words.unknown))</p></section>\n"
        case .claimedByMany(let number, let cafes):
            return "<section class=\"verdict bad\" data-verdict=\"claimed_by_many\"><h2>✗ \(escape(words.manyHeading))</h2><p class=\"docno\">\(escape(number))</p>"
                + "<p>\(escape(words.many(cafes)))</p></section>\n"
        }
    }

    /// The figures of an anchored transcript, as the paper prints them.
    func figures(_ figures: TranscriptFigures) -> String {
        let escape = HTML.escape
        let period = [figures.firstDay, figures.lastDay].compactMap { $0 }.joined(separator: " – ")
        let asOf = Timestamp.date(figures.asOf).map(catalog.localTime) ?? figures.asOf
        var html = "<section class=\"figures\">"
        for (label, value) in [(words.period, period.isEmpty ? "-" : period), (words.totalHours, catalog.decimal(figures.hours)),
                               (words.days, "\(figures.days)"), (words.orders, "\(figures.orders)"), (words.items, "\(figures.items)")] {
            html += "<div><span>\(escape(label))</span><b>\(escape(value))</b></div>"
        }
        html += "</section><p class=\"small\">\(escape(words.asOf)) \(escape(asOf))</p>\n"
        html += "<h2>\(escape(words.months))</h2><table><thead><tr><th>\(escape(words.month))</th><th class=\"n\">\(escape(words.hours))</th>"
        html += "<th class=\"n\">\(escape(words.days))</th><th class=\"n\">\(escape(words.items))</th></tr></thead><tbody>"
        for month in figures.months {
            html += "<tr><td>\(escape(month.month))</td><td class=\"n\">\(escape(catalog.decimal(month.hours)))</td>"
                + "<td class=\"n\">\(month.days)</td><td class=\"n\">\(month.items)</td></tr>"
        }
        html += "</tbody></table>\n"
        guard !figures.competencies.isEmpty else { return html }
        html += "<h2>\(escape(words.competencies))</h2><table><thead><tr><th>\(escape(words.unit))</th><th>\(escape(words.unitTitle))</th>"
        html += "<th class=\"n\">\(escape(words.practice))</th><th class=\"n\">\(escape(words.suggested))</th><th>\(escape(words.assessment))</th></tr></thead><tbody>"
        for unit in figures.competencies {
            let assessed = unit.result.map { "\(words.result($0))" + (unit.assessedOn.map { " (\($0))" } ?? "") } ?? words.notAssessed
            html += "<tr><td>\(escape(unit.unit + (unit.verified ? "" : "*")))</td><td>\(escape(unit.title))</td>"
                + "<td class=\"n\">\(escape(catalog.decimal(unit.practiceHours)))</td><td class=\"n\">\(unit.suggestedHours)</td><td>\(escape(assessed))</td></tr>"
        }
        html += "</tbody></table>"
        if figures.competencies.contains(where: { !$0.verified }) { html += "<p class=\"small\">\(escape(words.unverifiedUnit))</p>" }
        return html + "\n"
    }

    /// A value as it may stand in a URL's path or query: the page only ever puts a checked
    /// number or café code there, but escapes it anyway.
    static func queryValue(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-"))) ?? ""
    }

    static let style = """
        nav.lang { float: right; font-size: 13px; } form { display: flex; flex-wrap: wrap; gap: 10px 16px; align-items: flex-end; margin: 14px 0; }
        label { display: flex; flex-direction: column; font-size: 12px; color: #444; gap: 3px; }
        input { font: inherit; font-size: 16px; padding: 6px 8px; border: 1px solid #888; border-radius: 4px; min-width: 16em; }
        input[name=kafe] { min-width: 8em; text-transform: uppercase; }
        button { font: inherit; font-size: 15px; padding: 7px 18px; border: 0; border-radius: 4px; background: #2f6f4f; color: #fff; cursor: pointer; }
        .verdict { border-left: 6px solid; padding: 8px 14px; margin: 14px 0; background: #f7f7f7; page-break-inside: avoid; }
        .verdict h2 { margin: 2px 0 6px; color: inherit; } .verdict p { margin: 4px 0; }
        .verdict.good { border-color: #2f6f4f; background: #eef5f1; } .verdict.good h2 { color: #1f5a3d; }
        .verdict.bad { border-color: #a12a2a; background: #fbeeee; } .verdict.bad h2 { color: #8a1f1f; }
        .verdict.wait { border-color: #b07a00; background: #fff7e6; } .verdict.wait h2 { color: #7a5400; }
        .docno { font-family: "DejaVu Sans Mono", monospace; font-size: 15px; font-weight: bold; }
        .figures { display: flex; flex-wrap: wrap; gap: 10px; margin: 12px 0 4px; } .figures div { flex: 1; min-width: 120px; border: 1px solid #cfe3d8; border-radius: 4px; padding: 6px 8px; }
        .figures span { display: block; font-size: 11px; color: #555; } .figures b { font-size: 18px; }
        .small { font-size: 11px; color: #555; } footer { margin-top: 26px; font-size: 11px; color: #555; border-top: 1px solid #ddd; padding-top: 6px; }
        @media print { form, nav.lang { display: none; } }
        """
}
