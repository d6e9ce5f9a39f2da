import KasirPrint

/// A QR code drawn with half-block characters, for the counter's screen turned to the customer.
///
/// Each character cell stands for two modules, one above the other: `▀` the upper lit, `▄`
/// the lower, `█` both, a space neither. So a symbol of `n` modules and its quiet zone of 4
/// modules each side take `n + 8` columns and `(n + 8 + 1) / 2` lines: a QRIS payload of 246
/// characters, mostly digits and capitals, is version 8 (49 modules) and takes 57 columns and
/// 29 lines.
///
/// A phone reads dark modules on a light ground. What a character cell lights is the
/// terminal's ink: light on the dark screen of the Linux console and of most terminals
/// (``Ink/light``, the default), so the characters draw the *light* modules and the quiet zone,
/// and the dark modules are left as the screen's own dark background. On a terminal with
/// dark ink on a light screen (``Ink/dark``) the characters draw the dark modules. Either way
/// the code appears dark on light, with plain characters only (no colours or reverse video,
/// which a terminal may not show and a captured screen loses).
///
/// ```swift
/// let screen = QRScreen(try QRMatrix(payload))
/// if screen.fits(rows: terminalRows - 4, columns: terminalColumns) {
///     prompter.show(screen.lines.joined(separator: "\n"))
/// }
/// ```
public struct QRScreen: Hashable, Sendable {
    /// What the terminal draws its characters in.
    public enum Ink: Hashable, Sendable {
        /// Light characters on a dark screen: the Linux console, and most terminals' default.
        case light
        /// Dark characters on a light screen.
        case dark
    }

    /// The light border a reader needs around the symbol, in modules, on each side.
    public static let quietZone = 4

    /// The lines to show, top first, each ``width`` characters wide.
    public let lines: [String]
    /// Columns the code takes: the symbol and its quiet zone.
    public let width: Int

    public init(_ matrix: QRMatrix, ink: Ink = .light) {
        let side = matrix.size + 2 * Self.quietZone
        // Whether the cell's character lights the module at (x, y) of the code with its quiet
        // zone; below the last row (an odd count) nothing is lit.
        func lit(_ x: Int, _ y: Int) -> Bool {
            guard y < side else { return false }
            let dark = matrix.isDark(x - Self.quietZone, y - Self.quietZone)
            switch ink {
            case .light: return !dark
            case .dark: return dark
            }
        }
        lines = stride(from: 0, to: side, by: 2).map { top in
            String((0..<side).map { x -> Character in
                switch (lit(x, top), lit(x, top + 1)) {
                case (true, true): return "█"
                case (true, false): return "▀"
                case (false, true): return "▄"
                case (false, false): return " "
                }
            })
        }
        width = side
    }

    /// Lines the code takes.
    public var height: Int { lines.count }

    /// Whether `rows` lines of `columns` characters hold the code: pass what the screen has
    /// left once the amount and the prompt have their lines.
    public func fits(rows: Int, columns: Int) -> Bool {
        rows >= height && columns >= width
    }
}
