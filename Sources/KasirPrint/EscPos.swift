import Foundation
import KasirConfig

/// Turns a ``SlipDocument`` into the bytes a printer understands.
///
/// Text goes out in code page PC437 (selected with `ESC t 0`), which every ESC/POS printer
/// has; what it cannot print is transliterated (`×` → `x`, `é` → `e`, `—` → `-`).
///
/// ```swift
/// let bytes = EscPosEncoder.encode(slip, mode: .escpos)
/// ```
public enum EscPosEncoder {
    static let escape: UInt8 = 0x1B
    static let groupSeparator: UInt8 = 0x1D

    public static func encode(_ document: SlipDocument, mode: PrinterMode) -> [UInt8] {
        switch mode {
        case .text:
            var bytes: [UInt8] = []
            for element in document.elements {
                switch element {
                case .text(let text, _, _): bytes += transliterate(text) + [0x0A]
                case .feed: bytes += [0x0A, 0x0A, 0x0A]
                case .cut: bytes += [0x0A, 0x0A, 0x0C]
                case .openDrawer: break
                }
            }
            return bytes
        case .escpos:
            var bytes: [UInt8] = [escape, 0x40, escape, 0x74, 0x00]   // initialise; PC437
            var bold = false
            var size = SlipDocument.Size.normal
            for element in document.elements {
                switch element {
                case .text(let text, let lineBold, let lineSize):
                    if lineBold != bold {
                        bytes += [escape, 0x45, lineBold ? 1 : 0]
                        bold = lineBold
                    }
                    if lineSize != size {
                        bytes += [groupSeparator, 0x21, sizeByte(lineSize)]
                        size = lineSize
                    }
                    bytes += transliterate(text) + [0x0A]
                case .feed, .cut:
                    // Styles end before the paper moves, so the next slip starts plain.
                    if bold { bytes += [escape, 0x45, 0]; bold = false }
                    if size != .normal { bytes += [groupSeparator, 0x21, 0]; size = .normal }
                    bytes += element == .feed
                        ? [escape, 0x64, 3]
                        : [escape, 0x64, 4, groupSeparator, 0x56, 0x42, 0x00]   // feed, partial cut
                case .openDrawer:
                    bytes += [escape, 0x70, 0x00, 0x19, 0xFA]   // pulse pin 2: 50 ms on, 500 ms off
                }
            }
            if bold { bytes += [escape, 0x45, 0] }
            if size != .normal { bytes += [groupSeparator, 0x21, 0] }
            return bytes
        }
    }

    static func sizeByte(_ size: SlipDocument.Size) -> UInt8 {
        switch size {
        case .normal: return 0x00
        case .double: return 0x11
        case .tall: return 0x01
        }
    }

    /// ASCII for the printer: known symbols by hand, accents stripped, anything else `?`.
    public static func transliterate(_ text: String) -> [UInt8] {
        var bytes: [UInt8] = []
        for character in text {
            if let replacement = replacements[character] {
                bytes += Array(replacement.utf8)
                continue
            }
            let folded = String(character).folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
            for scalar in folded.unicodeScalars {
                if scalar.isASCII && scalar.value >= 0x20 && scalar.value < 0x7F {
                    bytes.append(UInt8(scalar.value))
                } else if !(scalar.properties.generalCategory == .nonspacingMark) {
                    bytes.append(UInt8(ascii: "?"))
                }
            }
        }
        return bytes
    }

    static let replacements: [Character: String] = [
        "×": "x", "—": "-", "–": "-", "·": "-", "…": "...", "‘": "'", "’": "'", "“": "\"", "”": "\"",
        "•": "*", "✔": "v", "€": "EUR", "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "\t": " ",
    ]
}
