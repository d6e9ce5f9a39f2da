import Foundation
import KasirPrint
import Testing
@testable import KasirTerminal

@Suite struct QRScreenTests {
    /// Two modules a cell, one above the other; the quiet zone of 4 is lit on a dark screen.
    @Test func halfBlocksDrawTwoModuleRowsALine() {
        let matrix = QRMatrix(rows: [[true, false], [false, true]])
        let screen = QRScreen(matrix)
        #expect(screen.width == 10)
        #expect(screen.lines == ["██████████", "██████████", "████▄▀████", "██████████", "██████████"])
        // Dark ink on a light screen draws the dark modules instead.
        #expect(QRScreen(matrix, ink: .dark).lines == [
            "          ", "          ", "    ▀▄    ", "          ", "          ",
        ])
    }

    /// An odd number of module rows leaves the last line's lower half to the screen.
    @Test func theLastLineOfAnOddSymbolIsHalfLit() {
        let screen = QRScreen(QRMatrix(rows: [[true]]))
        #expect(screen.lines == ["█████████", "█████████", "████▄████", "█████████", "▀▀▀▀▀▀▀▀▀"])
        #expect(screen.height == 5)
    }

    @Test func aQRISCodeNeedsAboutThirtyRows() throws {
        let screen = QRScreen(try QRMatrix(QRScreenTests.payload))
        // Version 8: 49 modules and the quiet zone, 57 across, 29 lines down.
        #expect(screen.width == 57 && screen.height == 29)
        #expect(screen.lines.allSatisfy { $0.count == 57 })
        #expect(screen.fits(rows: 29, columns: 57))
        #expect(!screen.fits(rows: 28, columns: 80))
        #expect(!screen.fits(rows: 50, columns: 56))
    }

    /// The lines as a screen shows them (each cell two pixels high, lit light on dark), read by
    /// zbarimg: the payload comes back.
    @Test(.enabled(if: QRScreenTests.zbarimg != nil || !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty,
                   "zbarimg is not installed (zbar-tools: scripts/setup --test)"))
    func theScreenScansBackToThePayload() throws {
        let zbarimg = try #require(QRScreenTests.zbarimg, "zbarimg is missing: scripts/setup --test installs zbar-tools")
        let lines = QRScreen(try QRMatrix(QRScreenTests.payload)).lines
        let scale = 4
        let width = lines[0].count * scale, height = lines.count * 2 * scale
        var pixels: [UInt8] = []
        for line in lines {
            for half in 0..<2 {
                let row = line.flatMap { cell -> [UInt8] in
                    let lit = half == 0 ? "█▀".contains(cell) : "█▄".contains(cell)
                    return Array(repeating: lit ? 255 : 0, count: scale)
                }
                for _ in 0..<scale { pixels += row }
            }
        }
        let image = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-qr-screen-\(UUID().uuidString).pgm")
        defer { try? FileManager.default.removeItem(at: image) }
        try (Data("P5\n\(width) \(height)\n255\n".utf8) + Data(pixels)).write(to: image)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: zbarimg)
        process.arguments = ["--raw", "-q", image.path]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let read = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(read == QRScreenTests.payload + "\n")
    }

    static let payload = "00020101021226660014ID.CO.QRIS.WWW01189360099900000000010215ID10200000000010303UMI"
        + "51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405180005802ID"
        + "5924KAFE DEMO BUKAN MERCHANT6008MAKASSAR6105901116225011020261129-30707KASIR-16304F26C"

    static let zbarimg: String? = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }
}
