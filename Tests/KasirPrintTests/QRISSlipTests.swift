import Foundation
import KasirConfig
import KasirCore
import KasirTestSupport
import Testing
@testable import KasirPrint
#if canImport(Glibc)
import Glibc
#endif

/// A dynamic QRIS payload as Kasir makes one (Rp18.000, bill 20261129-3, terminal KASIR-1,
/// CRC F26C), for a merchant that does not exist.
let sampleQRISPayload = "00020101021226660014ID.CO.QRIS.WWW01189360099900000000010215ID10200000000010303UMI"
    + "51440014ID.CO.QRIS.WWW0215ID10200000000010303UMI5204581253033605405180005802ID"
    + "5924KAFE DEMO BUKAN MERCHANT6008MAKASSAR6105901116225011020261129-30707KASIR-16304F26C"

@Suite struct QRCodeCommandTests {
    @Test func aQRCodeIsModel2LevelMStoredThenPrintedCentred() {
        #expect(EscPosEncoder.qrCodeCommands(Array("ABC".utf8), columns: 32) == [
            0x1B, 0x61, 0x01, 0x0A,                                        // centre; blank line
            0x1D, 0x28, 0x6B, 0x04, 0x00, 0x31, 0x41, 0x32, 0x00,          // fn 165: model 2
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x43, 0x08,                // fn 167: 8 dots a module
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x45, 0x31,                // fn 169: level M
            0x1D, 0x28, 0x6B, 0x06, 0x00, 0x31, 0x50, 0x30, 0x41, 0x42, 0x43,  // fn 180: 3 + 3 bytes
            0x1D, 0x28, 0x6B, 0x03, 0x00, 0x31, 0x51, 0x30,                // fn 181: print
            0x0A, 0x1B, 0x61, 0x00,                                        // blank line; left
        ])
    }

    /// pL pH count the data and the three bytes before it (cn, fn, m), low byte first.
    @Test func theStoreCommandCountsTheDataLowByteFirst() {
        let counts: [Int: [UInt8]] = [246: [249, 0], 253: [0, 1], 300: [0x2F, 1], 2_331: [0x1E, 9]]
        for (length, count) in counts.sorted(by: { $0.key < $1.key }) {
            let data = [UInt8](repeating: 0x41, count: length)
            let bytes = EscPosEncoder.qrCodeCommands(data, columns: 48)
            // After ESC a 1 LF (4), fn 165 (9), fn 167 (8) and fn 169 (8).
            #expect(Array(bytes[29..<37]) == [0x1D, 0x28, 0x6B] + count + [0x31, 0x50, 0x30], "\(length) bytes")
            #expect(Array(bytes[37..<(37 + length)]) == data)
            #expect(bytes.count == 29 + 8 + length + 8 + 4)
        }
    }

    /// A QRIS payload of 150–250 characters (version 8–11 in byte mode) on either paper, and
    /// any payload EMVCo allows (512 characters at most) in modules of 3 dots or more.
    @Test func theModuleSizeFitsTheSymbolAndItsQuietZoneOnThePaper() {
        #expect([150, 180, 213, 251].map { EscPosEncoder.qrModuleSize(bytes: $0, columns: 32) } == [6, 6, 5, 5])
        #expect([150, 180, 213, 251].map { EscPosEncoder.qrModuleSize(bytes: $0, columns: 48) } == [8, 8, 8, 8])
        for (columns, dots) in [(32, 384), (48, 576)] {
            for bytes in 1...512 {
                let module = EscPosEncoder.qrModuleSize(bytes: bytes, columns: columns)
                let version = EscPosEncoder.qrByteCapacityAtLevelM.firstIndex { $0 >= bytes }! + 1
                #expect((17 + 4 * version + 8) * module <= dots, "\(bytes) bytes on \(dots) dots")
                #expect(module >= 3, "\(bytes) bytes on \(dots) dots: modules too small to scan")
            }
        }
    }

    @Test func theQRMarkerTakesItsDataWholeAndTextPrintersSkipIt() {
        let slip = SlipDocument.layout("[c]Scan\n[qr] \(sampleQRISPayload) \n[cut]", columns: 32)
        #expect(slip.elements == [.text("              Scan", bold: false, size: .normal), .qrCode(sampleQRISPayload), .cut])
        #expect(slip.text == "              Scan\n")
        #expect(EscPosEncoder.encode(slip, mode: .text) == Array("              Scan\n\n\n\u{0C}".utf8))
        let escpos = EscPosEncoder.encode(slip, mode: .escpos)
        let commands = EscPosEncoder.qrCodeCommands(Array(sampleQRISPayload.utf8), columns: 32)
        #expect(escpos.count > commands.count)
        #expect(escpos.indices.contains { Array(escpos[$0...].prefix(commands.count)) == commands })
    }
}

@Suite struct QRMatrixTests {
    @Test func aQRISPayloadIsASmallVersion() throws {
        let matrix = try QRMatrix(sampleQRISPayload)
        // libqrencode packs the digits and capitals: version 8 where byte mode needs 11.
        #expect(matrix.size == 49)
        #expect(matrix.version == 8)
        // The three finder patterns: a dark ring of 7 with a light one inside, light beyond.
        for (left, top) in [(0, 0), (matrix.size - 7, 0), (0, matrix.size - 7)] {
            #expect((0..<7).allSatisfy { matrix.isDark(left + $0, top) && matrix.isDark(left + $0, top + 6) })
            #expect((1..<6).allSatisfy { !matrix.isDark(left + $0, top + 1) })
        }
        #expect(!matrix.isDark(7, 0) && !matrix.isDark(-1, 0) && !matrix.isDark(0, matrix.size))
    }

    @Test func whatNoQRCodeHoldsIsRefusedWithItsLength() {
        #expect(throws: PrintError.qrEncoding(bytes: 0)) { try QRMatrix("") }
        #expect(throws: PrintError.qrEncoding(bytes: 2_332)) { try QRMatrix(String(repeating: "x", count: 2_332)) }
        #expect((try? QRMatrix(String(repeating: "x", count: 2_331)))?.size == 177)
        #expect(throws: PrintError.qrEncoding(bytes: 3)) { try QRMatrix("a\u{0}b") }
    }

    @Test(.enabled(if: ScanTools.runnable(needsEmupos: false), "zbarimg is not installed (zbar-tools: scripts/setup --test)"))
    func theMatrixScansBackToItsText() throws {
        let zbarimg = try #require(ScanTools.zbarimg, "zbarimg is missing: scripts/setup --test installs zbar-tools")
        let folder = TemporaryFolder("kasir-qr-matrix")
        let image = folder.appendingPathComponent("matrix.pgm")
        try ScanTools.pgm(try QRMatrix(sampleQRISPayload)).write(to: image)
        let scan = try ScanTools.run(zbarimg, ["--raw", "-q", image.path])
        #expect(scan.status == 0)
        #expect(scan.output == sampleQRISPayload + "\n")
        withExtendedLifetime(folder) {}
    }
}

@Suite struct QRISBillTests {
    static let at = ISO8601DateFormatter().date(from: "2026-11-29T02:05:00Z")!
    let bill = QRISBill(payload: sampleQRISPayload, amount: 18_000, billNumber: "20261129-3", terminalLabel: "KASIR-1", at: QRISBillTests.at)

    func renderer(width: Int = 58, language: Language = .id) throws -> SlipRenderer {
        var settings = try KasirConfiguration.load(from: fixtureConfig).cafe
        settings.receiptWidth = width
        settings.language = language
        return SlipRenderer(settings: settings, templates: TemplateSet(language: language, overrides: nil))
    }

    @Test func theBillCarriesTheCodeTheTotalAndNoTip() throws {
        let slip = try renderer().render(bill)
        #expect(slip.elements.filter { $0 == .qrCode(sampleQRISPayload) }.count == 1)
        #expect(slip.elements.last == .cut)
        #expect(!slip.elements.contains(.openDrawer))
        let rows = slip.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.contains("TAGIHAN QRIS"))
        #expect(rows.contains { $0.hasPrefix("Tagihan No.") && $0.hasSuffix("20261129-3") })
        #expect(rows.contains { $0.hasPrefix("Terminal") && $0.hasSuffix("KASIR-1") })
        #expect(rows.contains { $0.hasPrefix("TOTAL") && $0.hasSuffix("Rp18.000") })
        #expect(rows.contains("Scan dengan aplikasi pembayaran"))
        #expect(rows.contains("Jangan bayar lebih dari total."))
        #expect(rows.contains("Tanpa tip dan biaya tambahan."))
        #expect(!rows.contains("Kode QR ada di layar kasir"))
        for element in slip.elements {
            if case .text(let text, _, let size) = element { #expect(text.count <= (size == .double ? 16 : 32), "\(text)") }
        }
    }

    /// A text printer cannot print the code: the slip says where it is instead.
    @Test func onATextPrinterTheBillPointsToTheScreen() throws {
        let slip = try renderer(width: 80, language: .en).render(bill, mode: .text)
        #expect(!slip.elements.contains { if case .qrCode = $0 { true } else { false } })
        let rows = slip.text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(rows.contains("QRIS BILL"))
        #expect(rows.contains("The QR code is on the counter screen"))
        #expect(rows.contains { $0.hasPrefix("TOTAL") && $0.hasSuffix("Rp18.000") })
        #expect(rows.contains("Do not pay more than the total."))
        #expect(rows.contains("No tip, no extra fee."))
    }

    @Test func aPayloadNoQRCodeHoldsIsRefusedBeforeItIsPrinted() throws {
        let long = QRISBill(payload: String(repeating: "x", count: 3_000), amount: 18_000, billNumber: "20261129-3", at: QRISBillTests.at)
        let slips = try renderer()
        #expect(throws: PrintError.qrEncoding(bytes: 3_000)) { try slips.render(long) }
    }

    /// The slip's bytes printed by emupos (a receipt printer emulator drawing what an Epson
    /// draws) on 58 and 80 mm paper, and the image read by zbarimg: the payload comes back.
    @Test(.enabled(if: ScanTools.runnable(needsEmupos: true), "emupos or zbarimg is not installed (scripts/setup --test)"))
    func thePrintedCodeScansBackToThePayload() throws {
        let zbarimg = try #require(ScanTools.zbarimg, "zbarimg is missing: scripts/setup --test installs zbar-tools")
        let emupos = try #require(ScanTools.emupos, "emupos is missing: scripts/setup --test installs it with pip")
        let folder = TemporaryFolder("kasir-qris-slip")
        var slips: [String: URL] = [:]
        for width in [58, 80] {
            let file = folder.appendingPathComponent("tagihan-\(width).bin")
            try Data(EscPosEncoder.encode(try renderer(width: width).render(bill), mode: .escpos)).write(to: file)
            slips["p\(width)"] = file
        }
        let printer = try EmulatedPrinters(emupos, in: folder.url, devices: ["p58": 384, "p80": 576])
        for (device, file) in slips.sorted(by: { $0.key < $1.key }) {
            let receipt = try printer.print([UInt8](try Data(contentsOf: file)), on: device)
            let dump = try String(contentsOf: receipt.appendingPathExtension("txt"), encoding: .utf8)
            #expect(dump.contains("[qr \(sampleQRISPayload)]"), "\(device): emupos read another QR code: \(dump)")
            let scan = try ScanTools.run(zbarimg, ["--raw", "-q", receipt.appendingPathExtension("png").path])
            #expect(scan.status == 0, "\(device): zbarimg found no code in \(receipt.path).png")
            #expect(scan.output == sampleQRISPayload + "\n", "\(device)")
        }
        withExtendedLifetime(printer) {}
        withExtendedLifetime(folder) {}
    }
}

/// zbarimg and emupos, where scripts/setup --test puts them.
enum ScanTools {
    static let zbarimg = onPath("zbarimg")

    /// `EMUPOS`, else pip's script in a pyenv Python (scripts/setup), else on the PATH. The
    /// pyenv Pythons come before the PATH: pyenv's shim for `emupos` runs it with the global
    /// Python, which may not be the one it was installed in, and exits at once.
    static let emupos: String? = {
        if let named = ProcessInfo.processInfo.environment["EMUPOS"], !named.isEmpty { return named }
        let versions = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".pyenv/versions").path
        let installed = ((try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []).sorted()
            .map { "\(versions)/\($0)/bin/emupos" }
        return installed.last { FileManager.default.isExecutableFile(atPath: $0) } ?? onPath("emupos")
    }()

    /// Whether a test that needs the tools runs: when they are there, and always under CI,
    /// where a missing tool fails the test rather than skipping it.
    static func runnable(needsEmupos: Bool) -> Bool {
        let ci = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty } ?? false
        return ci || (zbarimg != nil && (!needsEmupos || emupos != nil))
    }

    static func onPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a tool to its end; what it writes to standard error (zbar's complaints about D-Bus)
    /// is dropped.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The matrix as a binary PGM image, `scale` pixels a module, with its quiet zone of 4.
    static func pgm(_ matrix: QRMatrix, scale: Int = 4) -> Data {
        let side = (matrix.size + 8) * scale
        var pixels: [UInt8] = []
        pixels.reserveCapacity(side * side)
        for y in 0..<side {
            for x in 0..<side { pixels.append(matrix.isDark(x / scale - 4, y / scale - 4) ? 0 : 255) }
        }
        return Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)
    }
}

/// `emupos run` with receipt printers of the given widths in dots on free ports of 127.0.0.1,
/// stopped with the last reference to it. Each printer keeps its receipts in a folder of its own.
final class EmulatedPrinters {
    let process = Process()
    let folder: URL
    var ports: [String: UInt16] = [:]
    var log: String { (try? String(contentsOf: folder.appendingPathComponent("emupos.log"), encoding: .utf8)) ?? "" }

    init(_ executable: String, in folder: URL, devices: [String: Int]) throws {
        self.folder = folder
        let names = devices.keys.sorted()
        let free = try Loopback.freePorts(names.count + 1)
        var config = "schema: 1\napi: { host: 127.0.0.1, port: \(free[0]) }\ndevices:\n"
        for (device, port) in zip(names, free.dropFirst()) {
            let dots = devices[device]!
            // A profile of its own for each width: emupos's built-in profiles are all 80 mm.
            let profile = folder.appendingPathComponent("\(device).yaml")
            try """
                type: printer
                name: Receipt printer, \(dots) dots
                dpi: 203
                width_dots: \(dots)
                font_a: { width: 12, height: 24 }
                font_b: { width: 9, height: 17 }
                code_pages: { 0: PC437 }
                default_code_page: 0
                drawer_sensor_open_level: high

                """.write(to: profile, atomically: true, encoding: .utf8)
            ports[device] = port
            config += """
                  - id: \(device)
                    type: printer
                    profile: \(profile.path)
                    connections:
                      - tcp: { port: \(port) }
                    receipts_dir: \(folder.appendingPathComponent("receipts-\(device)").path)

                """
        }
        let file = folder.appendingPathComponent("emupos.yaml")
        try config.write(to: file, atomically: true, encoding: .utf8)
        let logFile = folder.appendingPathComponent("emupos.log")
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["run", "--config", file.path]
        process.currentDirectoryURL = folder
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning {
            // SIGKILL, not terminate(): a child spawned from a test's worker thread inherits
            // its blocked signals, SIGTERM among them, and would never end.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    /// Sends `bytes` to printer `device` as a POS does (one connection, closed at the end) and
    /// waits for the receipt the cut ends.
    ///
    /// - Returns: the receipt's files without their extension: `.png` the image, `.txt` what
    ///   emupos read (`[qr DATA]` for a QR code).
    func print(_ bytes: [UInt8], on device: String, within seconds: TimeInterval = 60) throws -> URL {
        let deadline = Date().addingTimeInterval(seconds)
        let port = try #require(ports[device])
        try Loopback.send(bytes, toPort: port, until: deadline, whileRunning: process)
        let receipts = folder.appendingPathComponent("receipts-\(device)")
        while true {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: receipts.path)) ?? []
            // The metadata is written last, each file whole (emupos writes and renames).
            if let meta = names.first(where: { $0.hasSuffix(".json") }) {
                return receipts.appendingPathComponent(String(meta.dropLast(".json".count)))
            }
            try #require(process.isRunning && Date() < deadline, "emupos printed no receipt on \(device); its log:\n\(log)")
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}

/// TCP on 127.0.0.1, as a POS talks to a network receipt printer.
enum Loopback {
    static func address(port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr = in_addr(s_addr: UInt32(0x7F00_0001).bigEndian)
        return address
    }

    /// `count` different ports nobody listens on now: those the kernel gives sockets bound to
    /// port 0, each held until all are chosen.
    static func freePorts(_ count: Int) throws -> [UInt16] {
        var descriptors: [Int32] = []
        defer { for descriptor in descriptors { close(descriptor) } }
        var ports: [UInt16] = []
        for _ in 0..<count {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            descriptors.append(descriptor)
            var bound = Self.address(port: 0)
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let found = withUnsafeMutablePointer(to: &bound) { pointer -> Bool in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address -> Bool in
                    guard bind(descriptor, address, length) == 0 else { return false }
                    return getsockname(descriptor, address, &length) == 0
                }
            }
            try #require(found, "no free port: errno \(errno)")
            ports.append(UInt16(bigEndian: bound.sin_port))
        }
        return ports
    }

    /// Connects to `port` (again and again until `deadline`: the server may still be starting)
    /// and sends `bytes`.
    static func send(_ bytes: [UInt8], toPort port: UInt16, until deadline: Date, whileRunning server: Process) throws {
        while true {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            try #require(descriptor >= 0)
            var target = Self.address(port: port)
            let connected = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            if connected == 0 {
                defer { close(descriptor) }
                var sent = 0
                while sent < bytes.count {
                    let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    try #require(count > 0, "sending to port \(port) failed: errno \(errno)")
                    sent += count
                }
                return
            }
            close(descriptor)
            try #require(server.isRunning && Date() < deadline, "nothing listens on port \(port)")
            Thread.sleep(forTimeInterval: 0.1)
        }
    }
}
