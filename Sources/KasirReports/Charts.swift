import Foundation
import KasirCore

/// Small inline SVG charts for the HTML documents: no scripts, no external files, one `<svg>`
/// element per chart, readable in print (dark ink, labels on the bars).
///
/// ```swift
/// let svg = SVGChart.columns([("2026-10", 31.5), ("2026-11", 40)], title: "Jam per bulan")
/// ```
public enum SVGChart {
    static let ink = "#2f6f4f"
    static let light = "#cfe3d8"

    /// A coordinate, to a tenth.
    static func n(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A number as the charts print it: whole when whole, else two decimals, with a decimal
    /// comma for an Indonesian reader (`31,5`; coordinates keep the dot SVG needs).
    static func figure(_ value: Double, decimalComma: Bool = false) -> String {
        let text = value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
        return decimalComma ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func open(_ title: String, width: Int, height: Int) -> String {
        "<svg role=\"img\" aria-label=\"\(HTML.escape(title))\" viewBox=\"0 0 \(width) \(height)\" width=\"\(width)\" height=\"\(height)\" "
            + "xmlns=\"http://www.w3.org/2000/svg\" font-family=\"DejaVu Sans, Arial, sans-serif\">"
    }

    /// Horizontal bars, one per label, with the value at the end of each.
    static func horizontalBars(_ bars: [(label: String, value: Double)], title: String, width: Int = 640, decimalComma: Bool = false) -> String {
        let top = max(bars.map(\.value).max() ?? 1, 1)
        let rowHeight = 26
        var svg = open(title, width: width, height: bars.count * rowHeight + 10)
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight + 5
            let length = Int((bar.value / top) * Double(width - 200))
            svg += "<text x=\"0\" y=\"\(y + 17)\" font-size=\"13\">\(HTML.escape(bar.label))</text>"
            svg += "<rect x=\"140\" y=\"\(y + 3)\" width=\"\(max(length, 1))\" height=\"18\" rx=\"3\" fill=\"\(ink)\"/>"
            svg += "<text x=\"\(146 + length)\" y=\"\(y + 17)\" font-size=\"13\">\(figure(bar.value, decimalComma: decimalComma))</text>"
        }
        return svg + "</svg>"
    }

    /// Vertical columns over time (months), the value above each and the label below.
    public static func columns(_ bars: [(label: String, value: Double)], title: String, width: Int = 640, height: Int = 170, decimalComma: Bool = false) -> String {
        let top = max(bars.map(\.value).max() ?? 1, 1)
        let plot = Double(height - 44)
        let slot = Double(width) / Double(max(bars.count, 1))
        let barWidth = max(min(slot * 0.6, 48), 3)
        let labelEvery = max(1, Int((36 / slot).rounded(.up)))
        var svg = open(title, width: width, height: height)
        svg += "<line x1=\"0\" y1=\"\(Int(plot) + 16)\" x2=\"\(width)\" y2=\"\(Int(plot) + 16)\" stroke=\"#999\" stroke-width=\"1\"/>"
        for (index, bar) in bars.enumerated() {
            let length = bar.value / top * plot
            let x = Double(index) * slot + (slot - barWidth) / 2
            let y = plot + 16 - length
            svg += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"\(n(max(length, 0.5)))\" fill=\"\(ink)\"/>"
            if slot >= 26 {
                svg += "<text x=\"\(n(x + barWidth / 2))\" y=\"\(n(y - 3))\" font-size=\"10\" text-anchor=\"middle\">\(figure(bar.value, decimalComma: decimalComma))</text>"
            }
            if index % labelEvery == 0 {
                svg += "<text x=\"\(n(x + barWidth / 2))\" y=\"\(height - 12)\" font-size=\"10\" text-anchor=\"middle\">\(HTML.escape(bar.label))</text>"
            }
        }
        return svg + "</svg>"
    }

    /// A small line over time: the first and last value labelled, the dots on every point.
    static func line(_ points: [(label: String, value: Double)], title: String, width: Int = 300, height: Int = 96, decimalComma: Bool = false) -> String {
        let values = points.map(\.value)
        let low = min(values.min() ?? 0, 0)
        let high = max(values.max() ?? 1, low + 1)
        let left = 8.0, right = Double(width) - 8, top = 16.0, bottom = Double(height) - 20
        func x(_ index: Int) -> Double { points.count < 2 ? (left + right) / 2 : left + (right - left) * Double(index) / Double(points.count - 1) }
        func y(_ value: Double) -> Double { bottom - (value - low) / (high - low) * (bottom - top) }
        var svg = open(title, width: width, height: height)
        svg += "<line x1=\"\(n(left))\" y1=\"\(n(y(low)))\" x2=\"\(n(right))\" y2=\"\(n(y(low)))\" stroke=\"#bbb\" stroke-width=\"1\"/>"
        let path = points.indices.map { "\(n(x($0))),\(n(y(points[$0].value)))" }.joined(separator: " ")
        svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(ink)\" stroke-width=\"2\"/>"
        for index in points.indices {
            svg += "<circle cx=\"\(n(x(index)))\" cy=\"\(n(y(points[index].value)))\" r=\"2.5\" fill=\"\(ink)\"/>"
        }
        if let first = points.first, let last = points.last {
            svg += "<text x=\"\(n(left))\" y=\"\(height - 6)\" font-size=\"10\">\(HTML.escape(first.label))</text>"
            svg += "<text x=\"\(n(right))\" y=\"\(height - 6)\" font-size=\"10\" text-anchor=\"end\">\(HTML.escape(last.label))</text>"
            svg += "<text x=\"\(n(right))\" y=\"11\" font-size=\"11\" text-anchor=\"end\" font-weight=\"bold\">\(figure(last.value, decimalComma: decimalComma))</text>"
        }
        return svg + "</svg>"
    }

    /// One bar per item showing progress toward a target: the target's length in light ink,
    /// what was done in dark ink over it, the figures beside.
    public static func progress(_ items: [(label: String, value: Double, target: Double)], title: String, width: Int = 640, decimalComma: Bool = false) -> String {
        let top = max(items.map { max($0.value, $0.target) }.max() ?? 1, 1)
        let rowHeight = 24
        let barLeft = 170.0, barSpace = Double(width) - barLeft - 90
        var svg = open(title, width: width, height: items.count * rowHeight + 8)
        for (index, item) in items.enumerated() {
            let y = Double(index * rowHeight + 4)
            svg += "<text x=\"0\" y=\"\(n(y + 15))\" font-size=\"12\">\(HTML.escape(item.label))</text>"
            svg += "<rect x=\"\(n(barLeft))\" y=\"\(n(y + 2))\" width=\"\(n(max(item.target / top * barSpace, 1)))\" height=\"16\" fill=\"\(light)\"/>"
            svg += "<rect x=\"\(n(barLeft))\" y=\"\(n(y + 2))\" width=\"\(n(max(item.value / top * barSpace, 1)))\" height=\"16\" fill=\"\(ink)\"/>"
            // The target stays visible when the practice has gone past it.
            let mark = barLeft + max(item.target / top * barSpace, 1)
            svg += "<line x1=\"\(n(mark))\" y1=\"\(n(y))\" x2=\"\(n(mark))\" y2=\"\(n(y + 20))\" stroke=\"#1b1b1b\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(n(barLeft + barSpace + 6))\" y=\"\(n(y + 15))\" font-size=\"12\">\(figure(item.value, decimalComma: decimalComma)) / \(figure(item.target, decimalComma: decimalComma))</text>"
        }
        return svg + "</svg>"
    }
}
