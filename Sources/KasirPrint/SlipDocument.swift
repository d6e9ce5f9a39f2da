import Foundation

/// A slip (receipt, bar ticket, report) as lines with print styles, before encoding.
///
/// Templates write plain lines with optional markers in front:
///
/// | marker | meaning |
/// |---|---|
/// | `[c]` | centred |
/// | `[b]` | bold |
/// | `[2x]` | double width and height (half as many columns) |
/// | `[tall]` | double height |
/// | `[i]` | indented by three columns, wrapped with the same indent |
/// | `[lr]LEFT‖RIGHT` | RIGHT flush with the edge; LEFT wraps before it (separator `||`) |
/// | `[rule]` | a line of dashes across the paper |
/// | `[feed]`, `[cut]`, `[drawer]` | feed paper; feed and cut; open the cash drawer |
/// | `[qr]DATA` | DATA as a QR code, centred (ESC/POS only: a text printer prints nothing for it) |
///
/// ```swift
/// let slip = SlipDocument.layout("[c][b]Kafe\n[lr]TOTAL||Rp18.000\n[cut]", columns: 32)
/// ```
public struct SlipDocument: Hashable, Sendable {
    public enum Size: Hashable, Sendable { case normal, double, tall }

    public enum Element: Hashable, Sendable {
        case text(String, bold: Bool, size: Size)
        case feed
        case cut
        case openDrawer
        /// A QR code of the text, model 2, error correction level M, centred with its quiet
        /// zone; sized for the paper by ``EscPosEncoder``.
        case qrCode(String)
    }

    public var elements: [Element]
    public var columns: Int

    public init(elements: [Element], columns: Int) {
        self.elements = elements
        self.columns = columns
    }

    /// Lays out template output at `columns` columns.
    ///
    /// - Parameters:
    ///   - markup: the rendered template.
    ///   - columns: 32 for 58 mm paper, 48 for 80 mm.
    ///   - doubleWidthHalvesColumns: true for ESC/POS printers, where `[2x]` text is twice as
    ///     wide; false for plain text, which prints it normally.
    public static func layout(_ markup: String, columns: Int, doubleWidthHalvesColumns: Bool = true) -> SlipDocument {
        var elements: [Element] = []
        var lines = markup.components(separatedBy: "\n")
        // A template's final newline is not an extra blank line.
        if lines.last == "" { lines.removeLast() }
        for line in lines {
            var rest = Substring(line)
            var centred = false, bold = false, indented = false, leftRight = false
            var size = Size.normal
            markers: while rest.hasPrefix("[") {
                for (marker, apply) in [
                    ("[c]", { centred = true }), ("[b]", { bold = true }), ("[2x]", { size = .double }),
                    ("[tall]", { size = .tall }), ("[i]", { indented = true }), ("[lr]", { leftRight = true }),
                ] as [(String, () -> Void)] where rest.hasPrefix(marker) {
                    apply()
                    rest = rest.dropFirst(marker.count)
                    continue markers
                }
                break
            }
            // A QR code's data is taken as it is: never wrapped, centred or transliterated.
            if rest.hasPrefix("[qr]") {
                elements.append(.qrCode(String(rest.dropFirst("[qr]".count)).trimmingCharacters(in: .whitespaces)))
                continue
            }
            switch rest {
            case "[rule]":
                elements.append(.text(String(repeating: "-", count: columns), bold: false, size: .normal))
                continue
            case "[feed]": elements.append(.feed); continue
            case "[cut]": elements.append(.cut); continue
            case "[drawer]": elements.append(.openDrawer); continue
            default: break
            }
            let width = size == .double && doubleWidthHalvesColumns ? columns / 2 : columns
            let rows: [String]
            if leftRight {
                let parts = rest.components(separatedBy: "||")
                rows = Self.leftRight(parts[0], parts.dropFirst().joined(separator: "||"), width: width)
            } else if indented {
                rows = Self.wrap(String(rest), width: width, indent: 3, firstIndent: 3)
            } else {
                let wrapped = Self.wrap(String(rest), width: width, indent: 0, firstIndent: 0)
                rows = centred ? wrapped.map { Self.centre($0, width: width) } : wrapped
            }
            for row in rows { elements.append(.text(row, bold: bold, size: size)) }
        }
        return SlipDocument(elements: elements, columns: columns)
    }

    /// The slip as it reads on screen.
    public var text: String {
        elements.compactMap { element -> String? in
            if case .text(let text, _, _) = element { return text }
            return nil
        }.joined(separator: "\n") + "\n"
    }

    /// Breaks `text` into rows of at most `width` columns at spaces (mid-word only when a word
    /// is longer than a row), indenting continuation rows by `indent`.
    static func wrap(_ text: String, width: Int, indent: Int, firstIndent: Int) -> [String] {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return [""] }
        var rows: [String] = []
        var current = String(repeating: " ", count: firstIndent)
        var currentHasWord = false
        func flush() {
            rows.append(current)
            current = String(repeating: " ", count: indent)
            currentHasWord = false
        }
        for word in trimmed.split(separator: " ", omittingEmptySubsequences: true) {
            var word = Substring(word)
            while !word.isEmpty {
                let room = width - current.count - (currentHasWord ? 1 : 0)
                if word.count <= room {
                    current += (currentHasWord ? " " : "") + word
                    currentHasWord = true
                    word = ""
                } else if !currentHasWord {
                    let cut = max(room, 1)
                    current += word.prefix(cut)
                    word = word.dropFirst(cut)
                    flush()
                } else {
                    flush()
                }
            }
        }
        if currentHasWord || rows.isEmpty { rows.append(current) }
        return rows
    }

    /// `left` wrapped to leave room for `right`, which ends the first row; when a word of
    /// `left` cannot fit beside `right`, `right` takes a row of its own under it.
    static func leftRight(_ left: String, _ right: String, width: Int) -> [String] {
        let rightText = right.trimmingCharacters(in: .whitespaces)
        let room = width - rightText.count - 1
        if room < 1 || left.split(separator: " ").contains(where: { $0.count > room }) {
            return wrap(left, width: width, indent: 3, firstIndent: 0)
                + [String(repeating: " ", count: max(width - rightText.count, 0)) + rightText]
        }
        var rows = wrap(left, width: room, indent: 3, firstIndent: 0)
        let first = rows[0]
        rows[0] = first + String(repeating: " ", count: max(width - first.count - rightText.count, 1)) + rightText
        return rows
    }

    static func centre(_ text: String, width: Int) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let pad = max((width - trimmed.count) / 2, 0)
        return String(repeating: " ", count: pad) + trimmed
    }
}
