import Foundation

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

    public var title: String
    public var subtitle: String
    /// The table CSV carries: one header row, stable snake_case column names.
    public var csv: Table
    /// What text and HTML show, in order.
    public var tables: [Table]
    /// Bars for the HTML chart: label and value.
    public var chart: (title: String, bars: [(label: String, value: Double)])?
    public var notes: [String]

    public init(title: String, subtitle: String, csv: Table, tables: [Table], chart: (title: String, bars: [(label: String, value: Double)])? = nil, notes: [String] = []) {
        self.title = title
        self.subtitle = subtitle
        self.csv = csv
        self.tables = tables
        self.chart = chart
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
            out.append(line(table.columns))
            out.append(String(repeating: "-", count: min(widths.reduce(0, +) + 2 * max(widths.count - 1, 0), 80)))
            out += table.rows.map(line)
            out.append("")
        }
        out += notes
        return out.joined(separator: "\n").trimmingCharacters(in: .newlines) + "\n"
    }

    /// RFC 4180 CSV of the main table.
    public var csvText: String {
        func field(_ value: String) -> String {
            value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }
        return ([csv.columns] + csv.rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// One self-contained HTML file: inline CSS for screen and A4 print, an inline SVG chart.
    public var html: String {
        func escape(_ text: String) -> String {
            text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var body = "<header><h1>\(escape(title))</h1><p class=\"sub\">\(escape(subtitle))</p></header>\n"
        if let chart, !chart.bars.isEmpty {
            let top = max(chart.bars.map(\.value).max() ?? 1, 1)
            let rowHeight = 26
            let height = chart.bars.count * rowHeight + 10
            var svg = "<svg role=\"img\" aria-label=\"\(escape(chart.title))\" viewBox=\"0 0 640 \(height)\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
            for (index, bar) in chart.bars.enumerated() {
                let y = index * rowHeight + 5
                let width = Int((bar.value / top) * 440)
                svg += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(escape(bar.label))</text>"
                svg += "<rect x=\"140\" y=\"\(y + 3)\" width=\"\(max(width, 1))\" height=\"18\" rx=\"3\" fill=\"#2f6f4f\"/>"
                svg += "<text x=\"\(146 + width)\" y=\"\(y + 17)\" font-size=\"13\">\(String(format: "%.2f", bar.value))</text>"
            }
            svg += "</svg>"
            body += "<section class=\"chart\"><h2>\(escape(chart.title))</h2>\(svg)</section>\n"
        }
        for table in tables {
            body += "<section>"
            if let title = table.title { body += "<h2>\(escape(title))</h2>" }
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
        if !notes.isEmpty { body += "<section class=\"notes\">" + notes.map { "<p>\(escape($0))</p>" }.joined() + "</section>\n" }
        return """
            <!DOCTYPE html>
            <html lang="id"><head><meta charset="utf-8"><title>\(escape(title))</title>
            <style>
            body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1b1b1b; margin: 24px; max-width: 1100px; }
            h1 { font-size: 22px; margin: 0; } h2 { font-size: 16px; margin: 18px 0 6px; color: #2f6f4f; }
            .sub { color: #555; margin: 4px 0 12px; } .chart svg { max-width: 680px; }
            table { border-collapse: collapse; width: 100%; font-size: 12px; page-break-inside: auto; }
            th, td { border-bottom: 1px solid #ddd; padding: 4px 6px; text-align: left; vertical-align: top; }
            th { background: #eef5f1; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
            tr { page-break-inside: avoid; } .notes p { color: #8a4b00; font-size: 12px; }
            @page { size: A4; margin: 14mm; }
            @media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
            </style></head><body>
            \(body)</body></html>

            """
    }
}
