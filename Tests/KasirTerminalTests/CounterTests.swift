import Foundation
import GRDB
import KasirConfig
import KasirCore
import KasirStore
import Logging
import KasirPrint
import Testing
@testable import KasirTerminal

/// Feeds the counter prepared lines and keeps everything it shows.
final class ScriptedPrompter: Prompter {
    var lines: [String]
    var transcript = ""

    init(_ lines: [String]) { self.lines = lines }

    func readLine(prompt: String) -> String? {
        transcript += prompt
        guard !lines.isEmpty else {
            transcript += "<EOF>\n"
            return nil
        }
        let line = lines.removeFirst()
        transcript += line + "\n"
        return line
    }

    func show(_ text: String) { transcript += text + "\n" }

    func readSecret(prompt: String) -> String? {
        transcript += prompt
        guard !lines.isEmpty else {
            transcript += "<EOF>\n"
            return nil
        }
        transcript += "****\n"
        return lines.removeFirst()
    }
}

struct FixedClock: WallClock {
    var instant: Date
    func now() -> Date { instant }
}

struct CounterFixture {
    let database: AppDatabase
    let settings: CafeSettings

    init(baristas: Bool = true) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-counter-\(UUID().uuidString)")
        let config = try KasirConfiguration.load(from: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config"))
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
        try database.importMenu(config.menu, at: Date())
        settings = config.cafe
        if baristas {
            let start = ISO8601DateFormatter().date(from: "2026-11-29T00:00:00Z")!
            let decree = Decree(number: "SK-1/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1), validUntil: BusinessDay(year: 2026, month: 12, day: 31))
            try database.addSupervisor(StaffMember(code: "S1", role: .supervisor, name: "Hadi", alias: "S1", nip: "1980"), pin: "2468", approvedBy: nil, at: start)
            for (code, name, alias, registration) in [("W01", "Budi Santoso", "Bima", "B.1/2024"), ("W02", "Andi Wijaya", "Arka", "B.2/2024")] {
                try database.addStaff(StaffMember(code: code, role: .barista, name: name, alias: alias, registration: registration), decree: decree, approvedBy: "S1", at: start)
                try database.clockIn(code, station: .bar, supervisor: "S1", at: start, lateEntry: false, calendar: .wita)
            }
            try database.openTill(float: 200_000, count: nil, supervisor: "S1", at: start)
        }
    }

    /// Runs a counter session over `lines` at 10:00 WITA on 29 November 2026.
    static let receipts = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Receipts")

    func run(_ lines: [String], withPrinting: Bool = false, committed: ((RecordedOrder) -> Void)? = nil) -> (status: Int32, screen: String) {
        let prompter = ScriptedPrompter(lines)
        let clock = FixedClock(instant: ISO8601DateFormatter().date(from: "2026-11-29T02:00:00Z")!)
        let renderer = Result { () throws(PrintError) in try SlipRenderer(folder: Self.receipts, settings: settings) }
        let counter = Counter(
            database: database, settings: settings, clock: clock, prompter: prompter,
            printing: withPrinting ? BackgroundPrinting(worker: PrintWorker(
                database: database, renderer: renderer, printer: nil, mode: .text, clock: clock, logger: quietLogger)) : nil,
            onCommitted: committed ?? { _ in })
        return (counter.run(), prompter.transcript)
    }

    var today: BusinessDay { BusinessDay(year: 2026, month: 11, day: 29) }
}

@Suite struct CounterTests {
    @Test func threeOrdersByTwoBaristasOneSplit() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01",
            "KSGA 2 size=L sugar=less", "PGR", "bayar", "100000", "y",
            "CAP temp=iced @W02", "bawa", "catatan tanpa sedotan", "bayar", "qris 10000 QR-77", "tunai 20.000", "y",
            "ganti", "w02",
            "ETM 3 ice=less", "AIR", "hapus 2", "bayar", "pas", "y",
            "keluar",
        ])
        #expect(status == 0)
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.map(\.number) == [1, 2, 3])
        #expect(orders.map(\.server.code) == ["W01", "W01", "W02"])
        #expect(orders.map(\.totals.total) == [56_000, 24_000, 18_000])
        #expect(orders.map(\.change) == [44_000, 6_000, 0])
        #expect(orders[1].payments.map(\.method) == [.qris, .cash])
        #expect(orders[1].payments[0].reference == "QR-77")
        #expect(orders[1].type == .takeaway)
        #expect(orders[1].note == "tanpa sedotan")
        #expect(orders[1].lines[0].makerCode == "W02")
        #expect(orders[2].lines.map(\.itemCode) == ["ETM"])
        #expect(screen.contains("✔ Pesanan #1 tersimpan · Kembalian Rp44.000"))
        #expect(screen.contains("✔ Pesanan #3 tersimpan\n"))
        #expect(screen.contains("Dihapus: 1× Air Mineral"))
        // The running total after each step.
        #expect(screen.contains("  Total (2 item)                        Rp46.000\n> PGR\n  2. 1× Pisang Goreng                   Rp10.000\n  Total (3 item)                        Rp56.000"))
    }

    @Test func badInputRepromptsWithOneLineAndChangesNothing() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W99", "'; DROP TABLE staff; --", "W01",
            "XYZ", "KSGA 0", "KSGA 100", "KSGA size=XL", "PGR -1", "hapus 4", "bayar",
            "PGR", "bayar", "tunai lima", "qris 20000 R1", "tunai 5.000", "kembali", "batal", "keluar",
        ])
        #expect(status == 0)
        let expectedLines = [
            "Petugas tidak dikenal: W99.",
            "Kode petugas tidak sah: \"'; DROP TABLE staff; --\" (huruf dan angka, paling banyak 12).",
            "Menu tidak dikenal: XYZ. Ketik 'menu' untuk daftar.",
            "Jumlah porsi harus 1–99, bukan 0.",
            "Jumlah porsi harus 1–99, bukan 100.",
            "Pilihan size tidak punya \"XL\".",
            "Jumlah porsi tidak dikenali: \"-1\" (angka 1–99).",
            "Tidak ada baris 4.",
            "Pesanan masih kosong.",
            "Jumlah uang tidak dikenali: \"lima\" (contoh: 50000, 50.000, Rp50.000).",
            "QRIS Rp20.000 melebihi tagihan Rp10.000; QRIS tidak memberi kembalian.",
            "Pesanan dibatalkan; tidak ada yang disimpan.",
        ]
        for line in expectedLines { #expect(screen.contains("\n" + line + "\n"), "\(line)") }
        #expect(try fixture.database.orders(day: fixture.today).isEmpty)
    }

    @Test func endOfInputMidOrderSavesNothing() throws {
        let fixture = try CounterFixture()
        var committed: [Int] = []
        let (status, screen) = fixture.run(["W01", "PGR", "bayar", "50000"], committed: { committed.append($0.number) })
        #expect(status == 1)
        #expect(committed.isEmpty)
        #expect(try fixture.database.orders(day: fixture.today).isEmpty)
        #expect(screen.hasSuffix("Simpan pesanan? (y/n): <EOF>\nInput berakhir: pesanan yang belum dibayar tidak disimpan.\n"))
    }

    @Test func decliningTheConfirmationGoesBackToTheOrder() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["W01", "PGR", "bayar", "pas", "n", "AIR", "bayar", "pas", "y", "keluar"])
        let orders = try fixture.database.orders(day: fixture.today)
        #expect(orders.count == 1)
        #expect(orders[0].totals.total == 15_000)
        #expect(screen.contains("✔ Pesanan #1 tersimpan"))
    }

    @Test func anInactiveBaristaIsTurnedAway() throws {
        let fixture = try CounterFixture()
        try fixture.database.setStatus(.suspended, of: "W02", approvedBy: "S1", at: ISO8601DateFormatter().date(from: "2026-11-29T01:00:00Z")!)
        let (_, screen) = fixture.run(["W02", "keluar"])
        #expect(screen.contains("\nW02 tidak aktif (diskors): tidak boleh melayani.\n"))
    }

    @Test func theFirstRunWalksThroughSupervisorBaristaAndTill() throws {
        let fixture = try CounterFixture(baristas: false)
        let (status, screen) = fixture.run([
            "S1", "Pak Hadi", "198001012005011001", "2468",
            "W01", "B.1/2024", "Budi Santoso", "Bima", "SK-7/2026", "2026-01-01", "2026-12-31", "bar",
            "150000", "W01", "PGR", "bayar", "pas", "y", "keluar",
        ])
        #expect(status == 0)
        #expect(screen.contains("Barista Bima (W01) terdaftar dan masuk."))
        #expect(screen.contains("Kas #1 dibuka."))
        #expect(try fixture.database.openTill()?.float == 150_000)
        #expect(try fixture.database.staff(code: "W01")?.registration == "B.1/2024")
        #expect(try fixture.database.orders(day: fixture.today).count == 1)
    }

    @Test func englishIsSelectable() throws {
        var fixture = try CounterFixture()
        fixture = CounterFixture(database: fixture.database, settings: { var s = fixture.settings; s.language = .en; return s }())
        let (_, screen) = fixture.run(["W01", "XYZ", "PGR", "pay", "cash 20000", "y", "quit"])
        #expect(screen.contains("\nUnknown item: XYZ. Type 'menu' for the list.\n"))
        #expect(screen.contains("✔ Order #1 saved · Change Rp10.000"))
    }
}

extension CounterFixture {
    init(database: AppDatabase, settings: CafeSettings) {
        self.database = database
        self.settings = settings
    }
}

let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()

@Suite struct SupervisorDeskTests {
    @Test func aSupervisorRunsTheTillFromTheCounter() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run([
            "W01", "KSGA", "PGR", "diskon 2 5000 kue gosong", "S1", "2468", "bayar", "50000", "y",
            "spv", "S1", "1111",
            "spv", "S1", "2468", "kas keluar 10000 beli gula", "batal 1 pelanggan batal", "x",
            "tutup 100000x2", "y", "selesai",
            "keluar",
        ], withPrinting: true)
        #expect(status == 0)
        #expect(screen.contains("Diskon Rp5.000 disetujui S1."))
        #expect(screen.contains("✔ Pesanan #1 tersimpan · Kembalian Rp27.000"))   // 18.000 + 10.000 − 5.000
        #expect(screen.contains("PIN S1 salah (sisa 4 kali sebelum terkunci)."))
        #expect(screen.contains("Kas keluar Rp10.000."))
        #expect(screen.contains("Pesanan #1 dibatalkan."))
        // Blind: the expected cash appears only after the count. 200.000 − 10.000 (the order was voided).
        #expect(screen.contains("Dihitung Rp200.000 · seharusnya Rp190.000 · selisih Rp10.000"))
        #expect(screen.components(separatedBy: "Kas seharusnya").count == 2)   // on the Z report only, not the X
        #expect(try fixture.database.openTill() == nil)
        #expect(try fixture.database.verifyJournal().isEmpty)
        let approvals = try fixture.database.tillReport(id: 1).approvals.map(\.kind)
        #expect(approvals == ["discount", "void"])
    }

    @Test func noSaleWithoutAnOpenTill() throws {
        let fixture = try CounterFixture()
        let (_, screen) = fixture.run(["spv", "S1", "2468", "tutup 100000x2", "y", "selesai", "W01", "keluar"])
        #expect(screen.contains("\nKas belum dibuka: petugas membuka kas dulu (kasir till open).\n"))
    }
}
