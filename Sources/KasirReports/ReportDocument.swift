import Foundation
import KasirCore

/// A report laid out once and rendered as text, CSV or HTML (JSON comes from the report's model).
public struct ReportDocument: Sendable {
    public struct Table: Sendable {
        public var title: String?
        public var columns: [String]
        public var rows: [[String]]
        /// Columns aligned right (numbers and money).
        public var numeric: Set<Int>

        public init(title: String? = nil, columns: [String], rows: [[String]], numeric: Set<Int> = []) {
            self.title = title
            self.columns = columns
            self.rows = rows
            self.numeric = numeric
        }
    }

    /// A small chart of a panel.
    public enum Chart: Sendable {
        /// Columns over months: label and value.
        case columns(title: String, [(label: String, value: Double)])
        /// A line over months.
        case line(title: String, [(label: String, value: Double)])
        /// Progress toward a target: label, value, target.
        case progress(title: String, [(label: String, value: Double, target: Double)])

        var title: String {
            switch self {
            case .columns(let title, _), .line(let title, _), .progress(let title, _): return title
            }
        }

        func svg(decimalComma: Bool) -> String {
            switch self {
            case .columns(let title, let bars): return SVGChart.columns(bars, title: title, width: 330, height: 130, decimalComma: decimalComma)
            case .line(let title, let points): return SVGChart.line(points, title: title, width: 200, height: 90, decimalComma: decimalComma)
            case .progress(let title, let items): return SVGChart.progress(items, title: title, width: 520, decimalComma: decimalComma)
            }
        }
    }

    /// A group of small charts in the HTML form, such as one WBP's look back; text and CSV
    /// carry the same figures in their tables.
    public struct Panel: Sendable {
        public var title: String
        public var charts: [Chart]
    }

    public var title: String
    public var subtitle: String
    /// The table CSV carries: one header row, stable snake_case column names.
    public var csv: Table
    /// What text and HTML show, in order.
    public var tables: [Table]
    /// Bars for the HTML chart: label and value.
    public var chart: (title: String, bars: [(label: String, value: Double)])?
    public var panels: [Panel]
    public var notes: [String]
    /// Whether the charts write `0,5` (Indonesian) rather than `0.5`, as the tables do.
    public var decimalComma = false

    public init(title: String, subtitle: String, csv: Table, tables: [Table], chart: (title: String, bars: [(label: String, value: Double)])? = nil,
                panels: [Panel] = [], notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.csv = csv
        self.tables = tables
        self.chart = chart
        self.panels = panels
        self.notes = notes
    }

    /// Plain text; tables are sized to their content, which the reports keep within 80 columns.
    public var text: String {
        var out = [title, subtitle, ""]
        for table in tables {
            if let title = table.title { out.append(title) }
            let widths = table.columns.indices.map { column in
                ([table.columns[column]] + table.rows.map { column < $0.count ? $0[column] : "" }).map(\.count).max() ?? 0
            }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { index, cell in
                    let pad = String(repeating: " ", count: max(widths[index] - cell.count, 0))
                    return table.numeric.contains(index) ? pad + cell : cell + pad
                }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
            }
            // A table of labels and values (columns all empty) has no header.
            if !table.columns.allSatisfy(\.isEmpty) {
                out.append(line(table.columns))
                out.append(String(repeating: "-", count: min(widths.reduce(0, +) + 2 * max(widths.count - 1, 0), 80)))
            }
            out += table.rows.map(line)
            out.append("")
        }
        out += notes
        return out.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    /// RFC 4180 CSV of the main table. A cell a spreadsheet would run as a formula (it starts
    /// with `=`, `+`, `@`, a tab, a carriage return, or `-` followed by more than a number: text a café
    /// typed, such as an alias) is written with a `'` before it, so it is read as text.
    public var csvText: String {
        func field(_ value: String) -> String {
            var value = value
            if let first = value.first, "=+@\t\r".contains(first) || (first == "-" && !(value.dropFirst().first.map { $0.isNumber || $0 == "." } ?? true)) {
                value = "'" + value
            }
            return value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        return ([csv.columns] + csv.rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One self-contained HTML file: inline CSS for screen and A4 print, inline SVG charts.
    public var html: String { Self.page(title: title, style: "", body: htmlBody()) }

    /// The document as HTML to stand in a page: its title a heading of `level` (1–5), its
    /// tables' titles one level below.
    public func htmlBody(level: Int = 1) -> String {
        let escape = HTML.escape
        let level = min(max(level, 1), 5), below = level + 1
        var body = "<header><h\(level)>\(escape(title))</h\(level)><p class=\"sub\">\(escape(subtitle))</p></header>\n"
        if let chart, !chart.bars.isEmpty {
            body += "<section class=\"chart\"><h\(below)>\(escape(chart.title))</h\(below)>\(SVGChart.horizontalBars(chart.bars, title: chart.title, decimalComma: decimalComma))</section>\n"
        }
        for table in tables {
            body += "<section>"
            if let title = table.title { body += "<h\(below)>\(escape(title))</h\(below)>" }
            body += "<table><thead><tr>" + table.columns.enumerated().map { index, column in
                "<th\(table.numeric.contains(index) ? " class=\"n\"" : "")>\(escape(column))</th>"
            }.joined() + "</tr></thead><tbody>"
            for row in table.rows {
                body += "<tr>" + row.enumerated().map { index, cell in
                    "<td\(table.numeric.contains(index) ? " class=\"n\"" : "")>\(escape(cell))</td>"
                }.joined() + "</tr>"
            }
            body += "</tbody></table></section>\n"
        }
        for panel in panels {
            body += "<section class=\"panel\"><h\(below)>\(escape(panel.title))</h\(below)><div class=\"charts\">"
            body += panel.charts.map { "<figure><figcaption>\(escape($0.title))</figcaption>\($0.svg(decimalComma: decimalComma))</figure>" }.joined()
            body += "</div></section>\n"
        }
        if !notes.isEmpty { body += "<section class=\"notes\">" + notes.map { "<p>\(escape($0))</p>" }.joined() + "</section>\n" }
        return body
    }

    /// A whole HTML page in the documents' look: A4 in print, `style` after the shared rules.
    public static func page(title: String, style: String, body: String, language: String = "id") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(HTML.escape(language))"><head><meta charset="utf-8"><title>\(HTML.escape(title))</title>
        <style>
        body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 24px; max-width: 1100px; }
        h1 { font-size: 22px; margin: 0; } h2 { font-size: 16px; margin: 18px 0 6px; color: #2f6f4f; }
        .sub { color: #555; margin: 4px 0 12px; } .chart svg { max-width: 680px; height: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 12px; page-break-inside: auto; }
        th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
        th { background: #eef5f1; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr { page-break-inside: avoid; } .notes p { color: #8a4b00; font-size: 12px; }
        .panel { page-break-inside: avoid; } .charts { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: flex-start; }
        figure { margin: 0; } figcaption { font-size: 11px; color: #555; margin-bottom: 2px; } svg { max-width: 100%; height: auto; }
        @page { size: A4; margin: 14mm; }
        @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
        \(style)
        </style></head><body>
        \(body)</body></html>

        """
    }
}
