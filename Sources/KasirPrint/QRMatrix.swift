import CQRencode
import KasirCore

/// The modules of a QR code (model 2), made by libqrencode: what the counter's screen draws.
///
/// The printer makes its own symbol from the data (``SlipDocument/Element/qrCode(_:)``); this
/// one is for the screen, and lets a slip refuse data no QR code holds before it is queued.
///
/// ```swift
/// let matrix = try QRMatrix("00020101021226…6304F26C")
/// matrix.size            // 49 for a QRIS payload of 246 characters (version 8)
/// matrix.isDark(0, 0)    // true: the top-left finder pattern
/// ```
public struct QRMatrix: Hashable, Sendable {
    /// How much of the symbol may be lost and still read: about 7%, 15%, 25% or 30%.
    public enum Level: Hashable, Sendable {
        case low, medium, quartile, high

        var libqrencode: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Modules on each side, without the quiet zone.
    public let size: Int
    /// Row by row from the top left; `true` is dark.
    let modules: [Bool]

    /// The QR code of `text` (as UTF-8), in the smallest version that holds it.
    ///
    /// Digits and upper-case letters are encoded compactly (numeric and alphanumeric mode),
    /// the rest byte by byte, case kept.
    ///
    /// - Throws: ``PrintError/qrEncoding(bytes:)`` when `text` is empty or more than a QR code
    ///   holds at `level`.
    public init(_ text: String, level: Level = .medium) throws(PrintError) {
        let length = text.utf8.count
        // libqrencode reads a C string: a NUL would end the data early, so it is refused.
        guard length > 0, !text.utf8.contains(0),
              let code = QRcode_encodeString(text, 0, level.libqrencode, QR_MODE_8, 1)
        else { throw .qrEncoding(bytes: length) }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        // Bit 0 of each byte is the module's colour; the other bits say what part of the
        // symbol it belongs to.
        self.init(size: width, modules: (0..<width * width).map { data[$0] & 1 == 1 })
    }

    /// A matrix from its rows, top first (`true` is dark): for tests, and for a symbol made
    /// elsewhere.
    ///
    /// - Precondition: `rows` is square.
    public init(rows: [[Bool]]) {
        precondition(rows.allSatisfy { $0.count == rows.count }, "a QR matrix is square")
        self.init(size: rows.count, modules: rows.flatMap { $0 })
    }

    init(size: Int, modules: [Bool]) {
        self.size = size
        self.modules = modules
    }

    /// Whether the module in column `x`, row `y` (from the top left, 0-based) is dark; outside
    /// the symbol (its quiet zone) is light.
    public func isDark(_ x: Int, _ y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }

    /// The symbol's version, 1–40: `size` is 17 + 4 × version.
    public var version: Int { (size - 17) / 4 }
}

extension QRMatrix {
    /// The symbol as an SVG element, `side` CSS pixels square with its quiet zone of four
    /// modules: one path of the dark runs of each row, so it prints crisp at any size and a
    /// page needs no script or image file for it.
    ///
    /// ```swift
    /// let svg = try QRMatrix("https://kasir.example.go.id/verifikasi/TR-812-9F3A-2C1B-7E04").svg(side: 110, title: "QR")
    /// ```
    ///
    /// - Parameter title: what a screen reader says, escaped here.
    public func svg(side: Int, title: String) -> String {
        let quiet = 4
        let extent = size + 2 * quiet
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x, y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x, y) { x += 1 }
                path += "M\(start + quiet) \(y + quiet)h\(x - start)v1h-\(x - start)z"
            }
        }
        let escaped = HTML.escape(title)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" width=\"\(side)\" height=\"\(side)\" viewBox=\"0 0 \(extent) \(extent)\" "
            + "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"\(escaped)\"><title>\(escaped)</title>"
            + "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
