import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirPrint

/// A printer that takes every job and then says of it what the test wants.
struct ScriptedPrinter: ReceiptPrinter {
    enum Answer: Sendable {
        /// CUPS says the job is in this state, every time it is asked.
        case state(PrinterJobState)
        /// The server accepted the job, then stopped answering.
        case serverGone
    }

    var answer: Answer
    var queue = "receipt"
    var timeout: Double = 0.1

    func submit(_ bytes: [UInt8], title: String) throws(PrintError) -> Int { 7 }

    func state(ofJob id: Int) throws(PrintError) -> PrinterJobState {
        switch answer {
        case .state(let state): return state
        case .serverGone: throw .serverUnreachable("Connection refused")
        }
    }

    func cancel(job id: Int) {}

    func status() throws(PrintError) -> PrinterStatus {
        PrinterStatus(queue: queue, state: "idle", acceptingJobs: true, message: "", reasons: [])
    }
}

@Suite struct PrintWorkerTests {
    static let start = Timestamp.date("2026-11-29T02:00:00.000Z")!
    let folder = TemporaryFolder("kasir-print")
    let config: KasirConfiguration
    let database: AppDatabase

    init() throws {
        config = try KasirConfiguration.load(from: fixtureConfig)
        database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
    }

    /// A worker whose jobs may take a second: a server gone for a quarter of that fails the job.
    func worker(_ printer: (any ReceiptPrinter)?, mode: PrinterMode = .escpos) -> PrintWorker {
        PrintWorker(
            database: database, renderer: SlipRenderer(settings: config.cafe, templates: TemplateSet(language: config.cafe.language, overrides: nil)),
            printer: printer, mode: mode, clock: TestClock(Self.start), jobDeadline: 1, pollInterval: 0.01, logger: quietLogger)
    }

    /// The row of the job an outcome is about.
    func row(of outcome: PrintOutcome) throws -> PrintJob {
        try #require(try database.printJobs(status: [.failed, .held]).first(where: { $0.id == outcome.jobID }))
    }

    /// What the worker records on a job that did not print is a ``PrintError``: the row keeps
    /// its code (the raw strings rows of every release hold) and reads back as the same case.
    @Test func aFailedJobReadsBackAsTheErrorTheWorkerRecorded() throws {
        let cases: [(printer: ScriptedPrinter?, status: PrintJobStatus, code: String, error: PrintError)] = [
            (ScriptedPrinter(answer: .state(.aborted)), .failed, "aborted", .aborted("job aborted")),
            (ScriptedPrinter(answer: .state(.canceled)), .failed, "aborted", .aborted("job canceled")),
            (ScriptedPrinter(answer: .state(.pending)), .failed, "late", .deadlinePassed(state: "job pending")),
            (ScriptedPrinter(answer: .serverGone), .failed, "unreachable", .serverStopped("Connection refused")),
            (nil, .held, "no_printer", .noPrinterConfigured),
        ]
        for expected in cases {
            try database.enqueueReport(bytes: Array("Laporan\n".utf8), text: "Laporan\n", at: Self.start)
            let outcomes = worker(expected.printer).drain(until: Date().addingTimeInterval(5))
            let outcome = try #require(outcomes.first)
            #expect(outcomes.count == 1)
            #expect(outcome.status == expected.status)
            #expect(outcome.error == expected.error)
            let job = try row(of: outcome)
            #expect(job.failure?.rawValue == expected.code)
            let stored = try #require(job.failure)
            #expect(PrintError(failure: stored, detail: job.failureDetail, acceptedByCUPS: job.cupsJobID != nil) == expected.error)
        }
    }

    /// A job the process left half sent is found by the next worker: it reads as interrupted.
    @Test func anInterruptedJobReadsAsInterrupted() throws {
        try database.enqueueReport(bytes: [0x0A], text: "\n", at: Self.start)
        _ = try #require(try database.claimNextPrintJob(at: Self.start))
        #expect(try database.claimNextPrintJob(at: Self.start.addingTimeInterval(600)) == nil)
        let job = try #require(try database.printJobs(status: [.failed]).first)
        #expect(job.failure?.rawValue == "interrupted")
        let stored = try #require(job.failure)
        #expect(PrintError(failure: stored, detail: job.failureDetail) == .interrupted)
    }

    /// Every case survives the trip through the queue's code and detail; rows of earlier
    /// releases (a template's "file: problem", an unreachable server after CUPS took the job)
    /// read as the case they were.
    @Test func everyPrintErrorRoundTripsThroughItsStoredForm() {
        let errors: [PrintError] = [
            .template(file: "/etc/kasir/receipts/receipt.mustache", problem: "unclosed section"), .noPrinterConfigured,
            .serverUnreachable("/run/cups/cups.sock: No such file or directory"), .serverStopped("Connection refused"),
            .refused("The printer or class does not exist."), .aborted("job stopped"), .deadlinePassed(state: "job processing"),
            .interrupted,
        ]
        for error in errors {
            let (code, detail) = error.failure
            let acceptedByCUPS: Bool
            if case .serverStopped = error { acceptedByCUPS = true } else { acceptedByCUPS = false }
            #expect(PrintError(failure: code, detail: detail, acceptedByCUPS: acceptedByCUPS) == error)
        }
        #expect(PrintError(failure: .template, detail: "receipt.mustache: unclosed") == .template(file: "receipt.mustache", problem: "unclosed"))
        #expect(PrintError(failure: .unreachable, detail: "gone", acceptedByCUPS: true) == .serverStopped("gone"))
        #expect(PrintError(failure: .unreachable, detail: "gone") == .serverUnreachable("gone"))
        #expect(PrintError(failure: .late, detail: nil).failure.detail == nil)
    }

    /// The drawer kick follows the configured printer: ESC/POS pulses the drawer; plain text
    /// has no drawer command and no printer has no drawer, so there is nothing to queue.
    @Test func theDrawerKickFollowsThePrinterAndItsMode() {
        let printer = ScriptedPrinter(answer: .state(.completed))
        #expect(worker(printer, mode: .escpos).drawerKick() == [0x1B, 0x40, 0x1B, 0x74, 0x00, 0x1B, 0x70, 0x00, 0x19, 0xFA])
        #expect(worker(printer, mode: .text).drawerKick() == nil)
        #expect(worker(nil, mode: .escpos).drawerKick() == nil)
    }

    /// A text report goes to the printer line for line, in the printer's mode, with a cut;
    /// without a printer it is refused and nothing is queued.
    @Test func aTextReportIsQueuedInThePrintersMode() throws {
        #expect(throws: PrintError.noPrinterConfigured) {
            try worker(nil).queueTextReport("Penjualan\n", at: Self.start)
        }
        #expect(try database.printJobs(status: [.pending]).isEmpty)

        let text = "Penjualan 2026-11\nW01  Rp5.000\n"
        try worker(ScriptedPrinter(answer: .state(.completed)), mode: .text).queueTextReport(text, at: Self.start)
        let job = try #require(try database.printJobs(status: [.pending]).first)
        #expect(job.kind == .report)
        #expect(job.text == text)
        #expect(job.payload == Array("Penjualan 2026-11\nW01  Rp5.000\n\n\n\u{0C}".utf8))
    }

    /// A command waits for its slips at most their deadlines plus the printer's own timeouts,
    /// whatever printer it is.
    @Test func theDeadlineCountsThePrintersTimeout() {
        let printer = ScriptedPrinter(answer: .state(.completed), timeout: 2)
        let waited = worker(printer).deadline(forJobs: 2).timeIntervalSinceNow
        #expect(waited > 2 * (1 + 3 * 2) - 1 && waited <= 2 * (1 + 3 * 2))
        #expect(worker(nil).deadline(forJobs: 2).timeIntervalSinceNow <= 2 * 1)
    }
}
