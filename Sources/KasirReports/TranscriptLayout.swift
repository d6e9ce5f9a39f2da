import Foundation
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint

/// Lays a ``Transcript`` out as text, and as an A4 HTML document a Rutan signs: its letterhead,
/// the person, charts with their tables, and the signatures from config.
public struct TranscriptLayout {
    let catalog: Catalog
    let settings: CafeSettings
    /// The café's code at the centre, once joined: the QR code carries it, so the page can
    /// tell a transcript not yet sent from a number never issued.
    let centreCode: String?

    public init(settings: CafeSettings, centreCode: String? = nil) {
        catalog = Catalog(language: settings.language, calendar: settings.calendar)
        self.settings = settings
        self.centreCode = centreCode
    }

    func w(_ word: ReportWord) -> String { catalog.word(word) }
    /// Hours and figures for people: `0,14` in Indonesian (JSON keeps numbers).
    func hours(_ value: Double) -> String { catalog.decimal(value) }
    func figure(_ value: Double) -> String { catalog.decimal(value) }
    var decimalComma: Bool { catalog.language == .id }
    func money(_ value: Int64) -> String { Rupiah(value).formatted }
    let stations = ["kasir", "bar", "dapur"]

    /// The skills that appear anywhere in the transcript, in a stable order.
    func skills(_ transcript: Transcript) -> [String] { transcript.itemsBySkill.keys.sorted() }

    /// The skill measures: title, and the value of a month.
    var measures: [(word: ReportWord, value: (Transcript.Metrics) -> Double)] {
        [(.ordersPerHour, { $0.ordersPerHour }), (.itemsPerHour, { $0.itemsPerHour }), (.modifierShare, { ($0.modifierShare * 100).rounded() }),
         (.linesRemovedPerHundred, { $0.linesRemovedPerHundred }), (.ordersVoidedPerHundred, { $0.ordersVoidedPerHundred }),
         (.cashVarianceAtKasir, { Double($0.cashVariance) })]
    }

    func period(_ transcript: Transcript) -> String {
        guard let first = transcript.firstDay, let last = transcript.lastDay else { return w(.none) }
        return "\(first) – \(last)"
    }

    func decrees(_ transcript: Transcript) -> String {
        transcript.decrees.isEmpty ? "-" : transcript.decrees.map { decree in
            "\(decree.number) (\(decree.from ?? "?") – \(decree.until ?? "?"))" + (decree.revoked ? ", \(w(.revoked))" : "")
        }.joined(separator: "; ")
    }

    func result(_ text: String) -> String { text == "kompeten" ? w(.competent) : w(.notYetCompetent) }

    // MARK: The tables, shared by text and HTML

    var identityRows: (Transcript) -> [[String]] {
        { transcript in
            (transcript.name.map { [[w(.name), $0]] } ?? []) + (transcript.registration.map { [[w(.registration), $0]] } ?? [])
                + [[w(.codeAndAlias), "\(transcript.code) (\(transcript.alias))"], [w(.period), period(transcript)], [w(.decrees), decrees(transcript)]]
        }
    }

    func summary(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(title: w(.summary), columns: [w(.measure), w(.value)], rows: [
            [w(.suppliedHours), hours(transcript.hours)], [w(.days), "\(transcript.days)"], [w(.ordersServed), "\(transcript.orders)"],
            [w(.itemsMade), "\(transcript.items)"], [w(.premiCredited), money(transcript.premiTotal)],
        ] + stations.map { ["\(w(.hours)) \($0)", hours(transcript.hoursByStation[$0] ?? 0)] }, numeric: [1])
    }

    func monthsTable(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(
            title: w(.hoursPerMonth), columns: [w(.month), w(.hours), w(.days)] + stations + [w(.orders), w(.items)],
            rows: transcript.months.map { month in
                [month.month, hours(month.hours), "\(month.days)"] + stations.map { hours(month.hoursByStation[$0] ?? 0) }
                    + ["\(month.orders)", "\(month.items)"]
            } + [[w(.total), hours(transcript.hours), "\(transcript.days)"] + stations.map { hours(transcript.hoursByStation[$0] ?? 0) }
                    + ["\(transcript.orders)", "\(transcript.items)"]],
            numeric: Set(1...7))
    }

    func measuresTable(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(
            title: w(.skillMeasures),
            columns: [w(.month), w(.ordersPerHourShort), w(.itemsPerHourShort), w(.modifierShort) + " %", w(.linesRemoved) + "/100", w(.ordersVoided) + "/100", w(.cashVariance)],
            rows: transcript.months.map { month in
                [month.month, figure(month.metrics.ordersPerHour), figure(month.metrics.itemsPerHour),
                 String(format: "%.0f", month.metrics.modifierShare * 100), figure(month.metrics.linesRemovedPerHundred),
                 figure(month.metrics.ordersVoidedPerHundred), money(month.metrics.cashVariance)]
            }, numeric: Set(1...6))
    }

    func itemsTable(_ transcript: Transcript) -> ReportDocument.Table {
        let skills = skills(transcript)
        return ReportDocument.Table(
            title: w(.itemsPerSkillPerMonth), columns: [w(.month)] + skills.map(catalog.skillName),
            rows: transcript.months.map { month in [month.month] + skills.map { "\(month.itemsBySkill[$0] ?? 0)" } }
                + [[w(.total)] + skills.map { "\(transcript.itemsBySkill[$0] ?? 0)" }],
            numeric: Set(1...max(skills.count, 1)))
    }

    func competencyTable(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(
            title: w(.competencyPractice), columns: [w(.unit), w(.title), w(.practiceHours), w(.suggestedHours), w(.assessments)],
            rows: transcript.competencies.map { unit in
                [unit.unit + (unit.verified ? "" : "*"), unit.title, hours(unit.practiceHours), "\(unit.suggestedHours)",
                 unit.assessments.isEmpty ? "-" : unit.assessments.map { assessment in
                     "\(assessment.date) \(result(assessment.result)) (\(assessment.assessorName ?? assessment.assessor))"
                         + (assessment.note.map { ": \($0)" } ?? "")
                 }.joined(separator: "; ")]
            }, numeric: [2, 3])
    }

    func notesTable(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(title: w(.coachingNotes), columns: [w(.date), w(.writtenBy), w(.note)],
                             rows: transcript.notes.map { ["\($0.date) \($0.time)", $0.by, $0.text] })
    }

    func premiTable(_ transcript: Transcript) -> ReportDocument.Table {
        ReportDocument.Table(title: w(.premiPerMonth), columns: [w(.month), w(.premi)],
                             rows: transcript.months.filter { $0.premi > 0 }.map { [$0.month, money($0.premi)] }
                                + [[w(.total), money(transcript.premiTotal)]], numeric: [1])
    }

    func check(_ transcript: Transcript) -> String {
        let asOf = Timestamp.date(transcript.asOf).map(catalog.localTime) ?? transcript.asOf
        return catalog.transcriptCheck(number: transcript.documentNumber, code: transcript.code, seq: transcript.journalSeq, asOf: asOf)
    }

    /// Where the transcript is checked online (`[central] url`), or `nil` when no centre is set.
    func verificationAddress(_ transcript: Transcript) -> String? {
        settings.documents.verificationURL.map { "\($0)/verifikasi/\(transcript.documentNumber)" + (centreCode.map { "?kafe=\($0)" } ?? "") }
    }

    /// The QR code of the page that checks the transcript, or of its number alone when no
    /// centre is set; empty when the number is not yet made.
    func qrCode(_ transcript: Transcript) -> String {
        guard !transcript.documentNumber.isEmpty,
              let matrix = try? QRMatrix(verificationAddress(transcript) ?? transcript.documentNumber, level: .medium)
        else { return "" }
        return matrix.svg(side: 96, title: "\(w(.documentNumber)) \(transcript.documentNumber)")
    }

    // MARK: Text

    /// The transcript as plain text: the same figures as the HTML, in tables.
    public func text(_ transcript: Transcript) -> String {
        let identity = ReportDocument.Table(columns: ["", ""], rows: identityRows(transcript))
        return ReportDocument(
            title: "\(w(.transcriptTitle)) · \(w(.documentNumber)) \(transcript.documentNumber)",
            subtitle: (settings.documents.letterhead.last.map { "\($0) · " } ?? "") + settings.name,
            csv: identity,
            tables: [identity, summary(transcript), monthsTable(transcript), measuresTable(transcript), itemsTable(transcript),
                     competencyTable(transcript)] + (transcript.notes.isEmpty ? [] : [notesTable(transcript)]) + [premiTable(transcript)],
            notes: [w(.unverifiedUnit), check(transcript)] + (verificationAddress(transcript).map { [catalog.transcriptVerifyOnline($0)] } ?? [])
        ).text
    }

    // MARK: HTML

    /// The transcript as one self-contained A4 HTML document: no scripts, no external files.
    public func html(_ transcript: Transcript) -> String {
        let escape = HTML.escape
        func table(_ table: ReportDocument.Table, caption: Bool = false) -> String {
            var html = "<table>" + (caption ? (table.title.map { "<caption>\(escape($0))</caption>" } ?? "") : "") + "<thead><tr>"
            html += table.columns.enumerated().map { "<th\(table.numeric.contains($0.offset) ? " class=\"n\"" : "")>\(escape($0.element))</th>" }.joined()
            html += "</tr></thead><tbody>"
            for row in table.rows {
                html += "<tr>" + row.enumerated().map { "<td\(table.numeric.contains($0.offset) ? " class=\"n\"" : "")>\(escape($0.element))</td>" }.joined() + "</tr>"
            }
            return html + "</tbody></table>"
        }
        let months = transcript.months
        var body = "<header class=\"letterhead\">" + settings.documents.letterhead.map { "<p>\(escape($0))</p>" }.joined()
        body += "<p class=\"cafe\">\(escape(settings.name)) · \(escape(settings.address))</p></header>\n"
        body += "<h1>\(escape(w(.transcriptTitle)))</h1><p class=\"docno\">\(escape(w(.documentNumber))): <b>\(escape(transcript.documentNumber))</b></p>\n"
        body += "<table class=\"identity\"><tbody>" + identityRows(transcript).map { "<tr><th>\(escape($0[0]))</th><td>\(escape($0[1]))</td></tr>" }.joined()
        body += "</tbody></table>\n"
        let figures = [(w(.suppliedHours), hours(transcript.hours)), (w(.days), "\(transcript.days)"), (w(.ordersServed), "\(transcript.orders)"),
                       (w(.itemsMade), "\(transcript.items)"), (w(.premiCredited), money(transcript.premiTotal))]
        body += "<section class=\"figures\">" + figures.map { "<div><span>\(escape($0.0))</span><b>\(escape($0.1))</b></div>" }.joined() + "</section>\n"
        body += "<section><h2>\(escape(w(.hoursPerMonth)))</h2>"
        body += SVGChart.columns(months.map { ($0.month, $0.hours) }, title: w(.hoursPerMonth), width: 660, height: 170, decimalComma: decimalComma)
        body += table(monthsTable(transcript)) + "</section>\n"
        body += "<section><h2>\(escape(w(.skillMeasures)))</h2><div class=\"charts\">"
        for measure in measures {
            body += "<figure><figcaption>\(escape(w(measure.word)))</figcaption>"
            body += SVGChart.line(months.map { ($0.month, measure.value($0.metrics)) }, title: w(measure.word), width: 200, height: 90,
                                  decimalComma: decimalComma) + "</figure>"
        }
        body += "</div>" + table(measuresTable(transcript)) + "</section>\n"
        body += "<section><h2>\(escape(w(.itemsPerSkillPerMonth)))</h2>" + table(itemsTable(transcript)) + "</section>\n"
        body += "<section><h2>\(escape(w(.competencyPractice)))</h2>"
        body += SVGChart.progress(transcript.competencies.map { ($0.unit + ($0.verified ? "" : "*"), $0.practiceHours, Double($0.suggestedHours)) },
                                  title: w(.competencyPractice), width: 660, decimalComma: decimalComma)
        body += table(competencyTable(transcript)) + "<p class=\"small\">\(escape(w(.unverifiedUnit)))</p></section>\n"
        if !transcript.notes.isEmpty { body += "<section><h2>\(escape(w(.coachingNotes)))</h2>" + table(notesTable(transcript)) + "</section>\n" }
        body += "<section><h2>\(escape(w(.premiPerMonth)))</h2>" + table(premiTable(transcript)) + "</section>\n"
        let signedOn = Timestamp.date(transcript.asOf).map { catalog.longDate(catalog.calendar.day(of: $0)) } ?? transcript.asOf
        // A signature page that falls on its own still says whose transcript it signs.
        let whose = "\(w(.transcriptTitle)) · \(transcript.name ?? transcript.alias) (\(transcript.code)) · \(transcript.documentNumber)"
        body += "<section class=\"signatures\"><p class=\"whose\">\(escape(whose))</p><p class=\"place\">\(escape(settings.documents.city.isEmpty ? "" : settings.documents.city + ", "))\(escape(signedOn))</p>"
        body += "<div class=\"signers\">" + settings.documents.signatories.map { signer in
            "<div class=\"signer\"><p>\(escape(signer.title))</p><div class=\"space\"></div>"
                + "<p class=\"signed-name\">\(signer.name.isEmpty ? "&nbsp;" : escape(signer.name))</p>"
                + "<p class=\"nip\">NIP \(signer.nip.isEmpty ? "&nbsp;" : escape(signer.nip))</p></div>"
        }.joined() + "</div>"
        // The signatures and the number that proves the page they sign stay on one page.
        let online = verificationAddress(transcript).map { "<br>\(escape(catalog.transcriptVerifyOnline($0)))" } ?? ""
        body += "<footer>\(qrCode(transcript))<p>\(escape(check(transcript)))\(online)</p></footer></section>\n"
        let style = """
            .letterhead { text-align: center; border-bottom: 3px double #1b1b1b; padding-bottom: 6px; margin-bottom: 14px; }
            .letterhead p { margin: 1px 0; font-weight: bold; font-size: 13px; } .letterhead p:last-of-type { font-size: 15px; }
            .letterhead p.cafe { font-weight: normal; font-size: 11px; color: #444; }
            h1 { text-align: center; font-size: 18px; letter-spacing: 1px; margin: 10px 0 2px; } .docno { text-align: center; margin: 0 0 12px; font-size: 12px; }
            table.identity { width: auto; font-size: 13px; } table.identity th { background: none; width: 170px; } table.identity td, table.identity th { border: none; padding: 2px 6px; }
            .figures { display: flex; gap: 10px; margin: 12px 0; } .figures div { flex: 1; border: 1px solid #cfe3d8; border-radius: 4px; padding: 6px 8px; }
            .figures span { display: block; font-size: 10px; color: #555; } .figures b { font-size: 16px; }
            section { page-break-inside: avoid; } .small { font-size: 10px; color: #555; }
            .signatures { margin-top: 22px; break-inside: avoid; page-break-inside: avoid; } .whose { font-size: 10px; color: #555; margin: 0 0 4px; } .place { text-align: right; margin: 0 0 8px; }
            .signers { display: flex; gap: 16px; justify-content: space-between; } .signer { flex: 1; text-align: center; font-size: 12px; }
            .signer p { margin: 2px 0; } .signer .space { height: 64px; } .signed-name { font-weight: bold; border-bottom: 1px solid #1b1b1b; }
            footer { margin-top: 18px; font-size: 10px; color: #555; border-top: 1px solid #ddd; padding-top: 4px; display: flex; gap: 10px; align-items: center; }
            footer p { margin: 0; } footer svg.qr { flex: none; }
            """
        return ReportDocument.page(title: "\(w(.transcriptTitle)) \(transcript.code)", style: style, body: body)
    }
}
