import Foundation
import KasirPrint
import Testing

/// One order with modifiers, a maker, a note, takeaway and split tender.
let goldenSession = """
    W01
    135790
    KSGA 2 size=L sugar=less
    CAP temp=iced milk=oat extra=shot @W02
    975310
    PGR
    bawa
    catatan tanpa sedotan
    bayar
    qris 20000 QR-0001
    tunai 100.000
    y
    keluar

    """

/// Slips through a private CUPS: the bytes printed, the order they print in, and every way a
/// printer fails, with deadlines of a few seconds.
///
/// Timing-sensitive (job deadlines, the order of jobs, a server stopped mid-job): one test at a
/// time, and scripts/test runs the suite after all other tests, with the kiosk and busy-timeout
/// suites (see `timing_sensitive` there), so that no other test loads the machine.
@Suite(.serialized) struct PrintingEndToEndTests {
    static let golden = KasirProcess.repository.appendingPathComponent("Tests/KasirEndToEndTests/Golden")

    /// A café whose printer is the private CUPS's virtual receipt printer; a broken printer
    /// gets short deadlines so the test does not wait long for what will never print.
    func cafe(_ cups: PrivateCUPS, width: Int = 58, shortDeadlines: Bool = false) throws -> KasirProcess {
        let kasir = try KasirProcess()
        if shortDeadlines {
            try kasir.edit("kasir.toml", "timeout_seconds = 3 ", "timeout_seconds = 1 ")
            try kasir.edit("kasir.toml", "job_deadline_seconds = 10", "job_deadline_seconds = 2")
        }
        if width == 80 { try kasir.edit("kasir.toml", "width_mm = 58", "width_mm = 80") }
        try kasir.prepareCounter()
        return kasir
    }

    func printerEnvironment(_ cups: PrivateCUPS, queue: String = "receipt") -> [String: String] {
        ["CUPS_SERVER": cups.socket, "KASIR_PRINTER": queue]
    }

    @Test(arguments: [58, 80])
    func anOrderAtTheCounterReachesThePrinterByteForByte(width: Int) throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups, width: width)
        let result = try kasir.run(["counter"], input: goldenSession, environment: printerEnvironment(cups))
        #expect(result.status == 0)
        #expect(result.stdout.contains("✔ Pesanan #1 tersimpan · Kembalian Rp29.000"))
        #expect(!result.stdout.contains("belum tercetak"))
        try #require(try cups.printed() == ["receipt-1.bin", "receipt-2.bin"], "\(cups.diagnosis)")
        #expect(cups.isRunning, "\(cups.diagnosis)")
        for (file, name) in [("receipt-1.bin", "receipt-\(width).bin"), ("receipt-2.bin", "bar_ticket-\(width).bin")] {
            let golden = Self.golden.appendingPathComponent(name)
            if ProcessInfo.processInfo.environment["KASIR_UPDATE_GOLDEN"] == "1" {
                try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
                try cups.bytes(file).write(to: golden)
            }
            #expect(try cups.bytes(file) == Data(contentsOf: golden), "\(name)")
        }
        #expect(try kasir.sqlite("SELECT kind, status, cups_job_id FROM print_jobs ORDER BY id;") == "receipt|printed|1\nbar_ticket|printed|2\n")
    }

    enum Fault: String, CaseIterable {
        case queueMissing, queueDisabled, queueRejecting, serverDown, serverSilent, backendFailing
    }

    /// Whatever is wrong with the printer, the order is recorded, the counter carries on, the
    /// slips wait as failed, and a reprint prints them (as SALINAN) once the printer is back.
    @Test(arguments: Fault.allCases)
    func aBrokenPrinterNeverLosesAnOrder(fault: Fault) throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups, shortDeadlines: true)
        var environment = printerEnvironment(cups)
        var silent: SilentServer?
        switch fault {
        case .queueMissing: environment["KASIR_PRINTER"] = "nosuch"
        case .queueDisabled: try cups.admin("cupsdisable", "receipt")
        case .queueRejecting: try cups.admin("cupsreject", "receipt")
        case .serverDown: cups.stop()
        case .serverSilent:
            silent = try SilentServer(in: kasir.folder)
            environment["CUPS_SERVER"] = silent!.path
        case .backendFailing: environment["KASIR_PRINTER"] = "broken"
        }
        let session = "W01\n135790\nKSGA 2 size=L\nbayar\npas\ny\nW01\nPGR\nbayar\npas\ny\nkeluar\n"
            .replacingOccurrences(of: "y\nW01\n", with: "y\n")
        let result = try kasir.run(["counter"], input: session, environment: environment)
        #expect(result.status == 0)
        let stdout = result.stdout
        // Both orders were confirmed; the failures are reported afterwards, one line each.
        let secondConfirmed = try #require(stdout.range(of: "✔ Pesanan #2 tersimpan"))
        #expect(stdout.contains("✔ Pesanan #1 tersimpan"))
        // Each says why, and names the counter's own command, never a shell one.
        let reason = [Fault.queueMissing: "printer menolak", .queueDisabled: "printer tidak siap", .queueRejecting: "printer menolak",
                      .serverDown: "server printer tidak bisa dihubungi", .serverSilent: "server printer tidak bisa dihubungi",
                      .backendFailing: "pencetakan dibatalkan"][fault]!
        let firstFailure = try #require(stdout.range(of: "Struk #1 belum tercetak — \(reason)"))
        #expect(stdout.contains("Struk #1 belum tercetak — "))
        #expect(stdout.range(of: #"Tiket bar #2 belum tercetak — [^\n]*\. Cetak ulang: cetak 2\n"#, options: .regularExpression) != nil)
        #expect(!stdout.contains("kasir receipt"))
        if fault == .serverSilent || fault == .queueDisabled {
            // The counter did not wait for the printer before confirming the next order.
            #expect(secondConfirmed.lowerBound < firstFailure.lowerBound)
        }
        #expect(try kasir.sqlite("SELECT number, total FROM orders ORDER BY id;") == "1|46000\n2|10000\n")
        #expect(try kasir.sqlite("SELECT status, count(*) FROM print_jobs GROUP BY status;") == "failed|4\n")
        let queue = try kasir.run(["receipt", "queue"], environment: environment)
        #expect(queue.stdout.components(separatedBy: "\n").filter { $0.contains("\tgagal\t") }.count == 4)

        // The printer comes back.
        environment = printerEnvironment(cups)
        switch fault {
        case .queueDisabled: try cups.admin("cupsenable", "receipt")
        case .queueRejecting: try cups.admin("cupsaccept", "receipt")
        case .serverDown: try cups.start()
        default: break
        }
        _ = silent
        let reprint = try kasir.run(["receipt", "reprint", "1"], environment: environment)
        #expect(reprint.status == 0, "\(reprint.stderr)")
        #expect(reprint.stdout == "Salinan pesanan #1 tercetak.\n")
        let printed = try cups.printed()
        // The receipt copy and the bar ticket copy, and nothing of the jobs that timed out.
        try #require(printed.count == 2, "\(cups.diagnosis)")
        let receipt = String(decoding: try cups.bytes(printed[0]), as: UTF8.self)
        #expect(receipt.contains("*** SALINAN ***"))
        #expect(receipt.contains("Dicetak ulang\n     29-11-2026 10:00 WITA\n"))
        #expect(receipt.contains("TOTAL   Rp46.000"))
        #expect(String(decoding: try cups.bytes(printed[1]), as: UTF8.self).contains("2x Es Kopi Susu Gula Aren"))
        #expect(try kasir.run(["receipt", "queue"], environment: environment).stdout.components(separatedBy: "\n")
            .filter { $0.hasPrefix("1\t") || $0.hasPrefix("2\t") }.isEmpty)
    }

    @Test func oneShotOrdersPrintBeforeTheCommandEnds() throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups)
        let result = try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"], environment: printerEnvironment(cups))
        #expect(result.status == 0)
        #expect(try cups.printed() == ["receipt-1.bin", "receipt-2.bin"], "\(cups.diagnosis)")

        // With the printer refusing, the order is still recorded and the command says so once.
        try cups.admin("cupsreject", "receipt")
        let refused = try kasir.run(["order", "new", "--server", "W01", "--item", "AIR", "--pay", "cash:5000"], environment: printerEnvironment(cups))
        #expect(refused.status == 0)
        #expect(refused.stdout == "Pesanan #2 (2026-11-29) tersimpan · Total Rp5.000\n")
        #expect(refused.stderr.components(separatedBy: "\n").filter { $0.hasSuffix("Cetak ulang: kasir receipt reprint 2") }.count == 2)
        #expect(refused.stderr.hasPrefix("Struk #2 belum tercetak — printer menolak ("))
        let queue = try kasir.run(["receipt", "queue", "--format", "json"], environment: printerEnvironment(cups))
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(queue.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["status"] as? String } == ["failed", "failed"])
        #expect(rows.map { $0["failure"] as? String } == ["refused", "refused"])
        #expect((rows.first?["reason"] as? String)?.contains("not accepting jobs") == true)
    }

    /// Debian's CUPS 2.4.2-3+deb12u10 segfaults when a job's document-name has a space; the
    /// names Kasir used to send ("kasir receipt 2026-12-02 #3") print on it now, byte for byte,
    /// and the daemon lives — on the older build too.
    @Test func jobNamesThatCrashedCUPSPrintAndTheDaemonLives() throws {
        let cups = try PrivateCUPS()
        let printer = CUPSPrinter(queue: "receipt", timeout: 3, server: cups.socket)
        let bytes: [UInt8] = Array("\u{1B}@Kasir\n".utf8) + [0x1D, 0x56, 0x00]
        for (index, title) in ["kasir receipt 2026-12-02 #3", "kasir bar_ticket 2026-12-02 #3", "Struk #4 (salinan)"].enumerated() {
            let job = try printer.submit(bytes, title: title)
            var state = PrinterJobState.unknown
            for _ in 0..<250 where !state.isFinal {
                state = try printer.state(ofJob: job)
                if !state.isFinal { Thread.sleep(forTimeInterval: 0.02) }
            }
            #expect(state == .completed, "\(title): \(cups.diagnosis)")
            try #require(cups.isRunning, "\(title) stopped the daemon: \(cups.diagnosis)")
            #expect(try cups.printed().count == index + 1, "\(cups.diagnosis)")
            #expect(try cups.bytes("receipt-\(job).bin") == Data(bytes))
        }
        #expect(CUPSPrinter.plainJobName("kasir receipt 2026-12-02 #3") == "kasir-receipt-2026-12-02-3")
    }

    /// A print server that dies in the middle of a job: the order is safe, the slip says the
    /// server stopped while printing, `printer status` and `doctor` say the server is gone and
    /// which slips wait, and once it is back the reprint prints the copy — and only the copy.
    @Test func aServerThatDiesMidJobIsReportedAndTheOrderWaits() throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups)
        let environment = printerEnvironment(cups, queue: "dying")
        let sold = try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"], environment: environment)
        #expect(sold.status == 0)
        #expect(sold.stdout == "Pesanan #1 (2026-11-29) tersimpan · Total Rp10.000\n")
        let lines = sold.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("Struk #1 belum tercetak — server printer berhenti saat mencetak (") == true, "\(sold.stderr)")
        #expect(lines.last?.hasPrefix("Tiket bar #1 belum tercetak — server printer tidak bisa dihubungi (") == true, "\(sold.stderr)")
        #expect(!cups.isRunning)
        #expect(try kasir.sqlite("SELECT number, total, status FROM orders;") == "1|10000|paid\n")
        #expect(try kasir.sqlite("SELECT kind, status, failure, cups_job_id IS NOT NULL FROM print_jobs ORDER BY id;")
            == "receipt|failed|unreachable|1\nbar_ticket|failed|unreachable|0\n")

        let status = try kasir.run(["printer", "status"], environment: environment)
        #expect(status.status == 1)
        #expect(status.stderr.hasPrefix("Server printer tidak bisa dihubungi ("), "\(status.stderr)")
        #expect(status.stdout.hasPrefix("2 slip belum tercetak; terakhir Tiket bar #1: server printer tidak bisa dihubungi ("), "\(status.stdout)")
        #expect(status.stdout.hasSuffix(". Cetak ulang: kasir receipt reprint 1\n"))
        let queue = try kasir.run(["receipt", "queue"], environment: environment)
        #expect(queue.stdout.contains("\tStruk\tgagal\t1\tserver printer berhenti saat mencetak ("), "\(queue.stdout)")
        let doctor = try kasir.run(["doctor"], environment: environment)
        #expect(doctor.status == 1)
        #expect(doctor.stdout.contains("✘ printer: dying: Server printer tidak bisa dihubungi ("), "\(doctor.stdout)")
        #expect(doctor.stdout.contains(" · 2 slip belum tercetak; terakhir Tiket bar #1: "))

        // The server is back: the copies print, the originals stay withdrawn.
        try cups.start()
        let back = try kasir.run(["printer", "status"], environment: environment)
        #expect(back.status == 0)
        #expect(back.stdout.contains("Status: dying: idle, menerima pekerjaan\n2 slip belum tercetak; terakhir Tiket bar #1: "), "\(back.stdout)")
        let reprint = try kasir.run(["receipt", "reprint", "1"], environment: environment)
        #expect(reprint.status == 0, "\(reprint.stderr)")
        let printed = try cups.printed()
        try #require(printed.count == 2, "\(cups.diagnosis)")
        #expect(printed.allSatisfy { $0.hasPrefix("dying-") })
        #expect(try printed.allSatisfy { String(decoding: try cups.bytes($0), as: UTF8.self).contains("SALINAN") })
        #expect(cups.isRunning)
    }

    /// A no-sale opens the drawer through the printer the config names, in its mode: ESC/POS
    /// sends the kick alone; plain text has no drawer command and no printer has no drawer, so
    /// neither queues a job. The no-sale is recorded and journaled every time.
    @Test func aNoSaleKicksTheDrawerOnlyThroughAPrinterThatCan() throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups)
        let noSale = ["till", "no-sale", "--reason", "tukar uang receh"]
        let kicked = try kasir.supervised(noSale, environment: printerEnvironment(cups))
        #expect(kicked.status == 0, "\(kicked.stderr)")
        let printed = try cups.printed()
        try #require(printed.count == 1, "\(cups.diagnosis)")
        // Initialise, code page PC437, pulse pin 2: the kick and nothing else.
        #expect(try cups.bytes(printed[0]) == Data([0x1B, 0x40, 0x1B, 0x74, 0x00, 0x1B, 0x70, 0x00, 0x19, 0xFA]))

        try kasir.edit("kasir.toml", #"mode = "escpos""#, #"mode = "text""#)
        let plain = try kasir.supervised(noSale, environment: printerEnvironment(cups))
        #expect(plain.status == 0, "\(plain.stderr)")
        let unprinted = try kasir.supervised(noSale)
        #expect(unprinted.status == 0, "\(unprinted.stderr)")

        #expect(try cups.printed().count == 1, "\(cups.diagnosis)")
        #expect(try kasir.sqlite("SELECT kind, status FROM print_jobs;") == "drawer|printed\n")
        #expect(try kasir.sqlite("SELECT count(*) FROM approvals WHERE kind = 'no_sale';") == "3\n")
        #expect(try kasir.sqlite("SELECT count(*) FROM journal WHERE kind = 'approval_no_sale';") == "3\n")
    }

    @Test func printerStatusReportsWhatCUPSSays() throws {
        let cups = try PrivateCUPS()
        let kasir = try cafe(cups)
        let ready = try kasir.run(["printer", "status"], environment: printerEnvironment(cups))
        #expect(ready.stdout == "Printer: receipt (CUPS \(cups.socket))\nStatus: receipt: idle, menerima pekerjaan\n")
        try cups.admin("cupsreject", "receipt")
        let json = try kasir.run(["printer", "status", "--format", "json"], environment: printerEnvironment(cups))
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["accepting_jobs"] as? Bool == false)
        let missing = try kasir.run(["printer", "status"], environment: printerEnvironment(cups, queue: "nosuch"))
        #expect(missing.status == 1)
        #expect(missing.stderr == "Printer menolak (The printer or class does not exist).\n")
        cups.stop()
        let down = try kasir.run(["printer", "status"], environment: printerEnvironment(cups))
        #expect(down.status == 1)
        #expect(down.stderr.hasPrefix("Server printer tidak bisa dihubungi ("))
    }

    @Test func withoutAPrinterReceiptsAreKeptAndShown() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let result = try kasir.run(["counter"], input: "W01\n135790\nPGR\nbayar\npas\ny\nAIR\nbayar\npas\ny\nkeluar\n")
        #expect(result.status == 0)
        let notice = "Printer belum diatur: struk disimpan di antrean dan ditampilkan di layar."
        #expect(result.stdout.components(separatedBy: notice).count == 2)   // said once
        #expect(result.stdout.contains("1x Pisang Goreng        Rp10.000"))
        #expect(result.stdout.contains("1x Air Mineral           Rp5.000"))
        // The bar ticket is shown too: the bar reads it off the screen.
        #expect(result.stdout.components(separatedBy: "10:00 WITA - DI TEMPAT\n").count == 3)
        #expect(result.stdout.contains("\n1x Pisang Goreng\n") && result.stdout.contains("\n1x Air Mineral\n"))
        #expect(try kasir.sqlite("SELECT status, count(*) FROM print_jobs GROUP BY status;") == "held|4\n")
        let show = try kasir.run(["receipt", "show", "2"])
        #expect(show.stdout.contains("             No. 2\n"))
        #expect(show.stdout.contains("Barista: Bima\n"))
        #expect(!show.stdout.contains("Budi"))
        let reprint = try kasir.run(["receipt", "reprint", "2"])
        #expect(reprint.status == 1)
        #expect(reprint.stderr == "Printer belum diatur ([printer] queue di kasir.toml, atau KASIR_PRINTER).\n")
    }
}
