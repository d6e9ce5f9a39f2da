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
                // A text printer has no QR code; the slip's own words say where the code is.
                case .qrCode: break
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
                case .qrCode(let data):
                    bytes += qrCodeCommands(Array(data.utf8), columns: document.columns)
                }
            }
            if bold { bytes += [escape, 0x45, 0] }
            if size != .normal { bytes += [groupSeparator, 0x21, 0] }
            return bytes
        }
    }

    /// Font A is 12 dots wide: 32 columns are the 384 dots of 58 mm paper, 48 the 576 of 80 mm.
    static let dotsPerColumn = 12

    /// The largest QR module printed: 8 dots, 1 mm at 203 dpi; larger only wastes paper.
    static let largestQRModule = 8

    /// The light border a reader needs around a QR code, in modules, on each side.
    static let qrQuietZone = 4

    /// How many bytes a model 2 QR code holds in byte mode at error correction level M, by
    /// version 1–40 (ISO/IEC 18004, table 7).
    static let qrByteCapacityAtLevelM = [
        14, 26, 42, 62, 84, 106, 122, 152, 180, 213, 251, 287, 331, 362, 412, 450, 504, 560, 624, 666,
        711, 779, 857, 911, 997, 1059, 1125, 1190, 1264, 1370, 1452, 1538, 1628, 1722, 1809, 1911, 1989, 2099, 2213, 2331,
    ]

    /// The dots per module of a QR code of `byteCount` bytes on paper of `columns` columns: the
    /// largest that fits the symbol and its quiet zone (4 modules each side) across the paper,
    /// at most 8.
    ///
    /// The printer encodes the data itself and may choose a larger version than Kasir's own
    /// encoder would, so the size is worked out for byte mode, the largest it can choose. A
    /// QRIS payload of 150–250 characters is then version 8–11 (49–61 modules):
    ///
    /// | bytes | version | modules | 58 mm, 384 dots | 80 mm, 576 dots |
    /// |---|---|---|---|---|
    /// | 150 | 8 | 49 | 6 dots: 294 (342 with the quiet zone) | 8 dots: 392 (456) |
    /// | 180 | 9 | 53 | 6 dots: 318 (366) | 8 dots: 424 (488) |
    /// | 213 | 10 | 57 | 5 dots: 285 (325) | 8 dots: 456 (520) |
    /// | 251 | 11 | 61 | 5 dots: 305 (345) | 8 dots: 488 (552) |
    ///
    /// ```swift
    /// EscPosEncoder.qrModuleSize(bytes: 249, columns: 32)   // 5
    /// ```
    public static func qrModuleSize(bytes byteCount: Int, columns: Int) -> Int {
        let version = (qrByteCapacityAtLevelM.firstIndex { $0 >= byteCount } ?? qrByteCapacityAtLevelM.count - 1) + 1
        let modules = 17 + 4 * version
        return min(max(columns * dotsPerColumn / (modules + 2 * qrQuietZone), 1), largestQRModule)
    }

    /// `GS ( k` for a QR code of `data`: model 2, the module size for the paper, error
    /// correction M (a bit over 15% of the symbol may be lost), store the data, print it.
    /// Centred (`ESC a 1`), with a blank line above and below: at least 30 dots, the quiet
    /// zone of a module of 7 dots or less, 6 dots more from the line spacing for 8.
    static func qrCodeCommands(_ data: [UInt8], columns: Int) -> [UInt8] {
        // cn = 49 (QR code), fn, parameters; pL pH count from cn on.
        func function(_ body: [UInt8]) -> [UInt8] {
            [groupSeparator, 0x28, 0x6B, UInt8(truncatingIfNeeded: body.count), UInt8(truncatingIfNeeded: body.count >> 8)] + body
        }
        let module = UInt8(qrModuleSize(bytes: data.count, columns: columns))
        var bytes: [UInt8] = [escape, 0x61, 1, 0x0A]           // centre; a blank line above
        bytes += function([0x31, 0x41, 0x32, 0x00])            // fn 165: model 2
        bytes += function([0x31, 0x43, module])                // fn 167: module size in dots
        bytes += function([0x31, 0x45, 0x31])                  // fn 169: error correction M
        bytes += function([0x31, 0x50, 0x30] + data)           // fn 180: store the data
        bytes += function([0x31, 0x51, 0x30])                  // fn 181: print it
        bytes += [0x0A, escape, 0x61, 0]                       // a blank line below; left again
        return bytes
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
