import Foundation
import KasirConfig
import KasirCore
import KasirStore
import Logging

/// What became of one print job, for the person at the counter.
public struct PrintOutcome: Hashable, Sendable {
    public var jobID: Int64
    public var kind: PrintJobKind
    public var orderNumber: Int?
    public var status: PrintJobStatus
    /// Why it did not print: what the job's row keeps, as ``PrintError/failure``.
    public var error: PrintError?
    /// The job's id at CUPS once CUPS accepted it: a failure after that happened mid-job.
    public var cupsJobID: Int?

    /// The code the job's row keeps.
    public var failure: PrintFailure? { error?.failure.code }

    public init(jobID: Int64, kind: PrintJobKind, orderNumber: Int?, status: PrintJobStatus, error: PrintError? = nil, cupsJobID: Int? = nil) {
        self.jobID = jobID
        self.kind = kind
        self.orderNumber = orderNumber
        self.status = status
        self.error = error
        self.cupsJobID = cupsJobID
    }
}

/// Sends the print queue to the printer, one job at a time, and follows each job until CUPS
/// reports it completed.
///
/// Orders are committed before their slips are queued; the worker only ever changes a job's
/// state, so a printer that fails never touches an order. A job that is refused, aborted,
/// stuck or late is left `failed` with the reason, for a reprint.
///
/// ```swift
/// let worker = PrintWorker(database: database, renderer: renderer, printer: printer, mode: .escpos, clock: clock, logger: logger)
/// let outcomes = worker.drain(until: clock.now().addingTimeInterval(10))
/// ```
public struct PrintWorker: Sendable {
    let database: AppDatabase
    public let renderer: SlipRenderer
    /// `nil` when no printer is configured: jobs are held and shown on screen instead.
    let printer: (any ReceiptPrinter)?
    let mode: PrinterMode
    let clock: any WallClock
    /// How long a job may take from submission to completed.
    public let jobDeadline: TimeInterval
    let pollInterval: TimeInterval
    let logger: Logger

    public init(
        database: AppDatabase, renderer: SlipRenderer, printer: (any ReceiptPrinter)?, mode: PrinterMode,
        clock: any WallClock, jobDeadline: TimeInterval = 10, pollInterval: TimeInterval = 0.02, logger: Logger
    ) {
        self.database = database
        self.renderer = renderer
        self.printer = printer
        self.mode = mode
        self.clock = clock
        self.jobDeadline = jobDeadline
        self.pollInterval = pollInterval
        self.logger = logger
    }

    /// Sends pending jobs until the queue is empty or `deadline` passes.
    ///
    /// The deadline is measured on the real clock (a fixed test clock would never pass it).
    ///
    /// - Parameters:
    ///   - deadline: when to stop taking new jobs; a job under way ends by its own deadline.
    ///   - finished: told of each job as it ends.
    @discardableResult
    public func drain(until deadline: Date, finished: (PrintOutcome) -> Void = { _ in }) -> [PrintOutcome] {
        var outcomes: [PrintOutcome] = []
        while Date() < deadline {
            let job: PrintJob
            do {
                guard let next = try database.claimNextPrintJob(at: clock.now()) else { break }
                job = next
            } catch {
                logger.error("print queue unreadable", metadata: ["error": "\(error)"])
                break
            }
            let outcome = send(job, deadline: Date().addingTimeInterval(jobDeadline))
            finished(outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// Renders (the first time), submits and follows one claimed job.
    func send(_ job: PrintJob, deadline: Date) -> PrintOutcome {
        var outcome = PrintOutcome(jobID: job.id, kind: job.kind, orderNumber: job.orderNumber, status: .failed)
        // The row keeps the error's own code and words: a failed job reads as the error did.
        let finish = { (status: PrintJobStatus, error: PrintError?, cupsJob: Int?) -> PrintOutcome in
            outcome.status = status
            outcome.error = error
            outcome.cupsJobID = cupsJob
            do {
                try database.finishPrintJob(job.id, status: status, queue: printer?.queue, cupsJobID: cupsJob, failure: error?.failure.code,
                                            detail: error?.failure.detail, at: clock.now())
            } catch {
                logger.error("print job state not saved", metadata: ["job": "\(job.id)", "error": "\(error)"])
            }
            return outcome
        }
        let payload: [UInt8]
        do {
            payload = try render(job)
        } catch let error as PrintError {
            return finish(.failed, error, nil)
        } catch {
            logger.error("print job not rendered", metadata: ["job": "\(job.id)", "error": "\(error)"])
            return finish(.failed, .template(file: "", problem: "\(error)"), nil)
        }
        guard let printer else { return finish(.held, .noPrinterConfigured, nil) }
        if job.kind.isCopy, let orderID = job.orderID { withdrawUnfinishedOriginals(ofOrder: orderID, from: printer) }
        let cupsJob: Int
        do {
            cupsJob = try printer.submit(payload, title: title(of: job))
        } catch {
            return finish(.failed, error, nil)
        }
        var state = PrinterJobState.unknown
        // The server accepted the job and then stopped answering (it died or was stopped while
        // starting the job): after `serverGoneGrace` of silence the job fails as exactly that,
        // rather than waiting out its deadline and saying "not ready".
        var serverGoneSince: Date?
        while Date() < deadline {
            do {
                state = try printer.state(ofJob: cupsJob)
                serverGoneSince = nil
            } catch {
                state = .unknown
                if case .serverUnreachable(let detail) = error {
                    let since = serverGoneSince ?? Date()
                    serverGoneSince = since
                    if Date().timeIntervalSince(since) >= serverGoneGrace {
                        logger.error("CUPS stopped answering during a job", metadata: ["job": "\(job.id)", "cups_job": "\(cupsJob)", "error": "\(detail)"])
                        return finish(.failed, .serverStopped(detail), cupsJob)
                    }
                }
            }
            switch state {
            case .completed: return finish(.printed, nil, cupsJob)
            case .aborted, .canceled, .stopped: return finish(.failed, .aborted("job \(state.rawValue)"), cupsJob)
            default: Thread.sleep(forTimeInterval: pollInterval)
            }
        }
        printer.cancel(job: cupsJob)
        return finish(.failed, .deadlinePassed(state: "job \(state.rawValue)"), cupsJob)
    }

    /// Cancels at CUPS the order's jobs that CUPS accepted and then stopped answering about,
    /// before their copy is sent: a print server that comes back must not print the original
    /// beside the SALINAN. (A job that missed its deadline was cancelled then.) Only on the
    /// queue it was sent to: a job number means nothing on another.
    func withdrawUnfinishedOriginals(ofOrder orderID: Int64, from printer: any ReceiptPrinter) {
        do {
            for original in try database.printJobs(orderID: orderID)
            where original.status == .failed && original.failure == .unreachable && original.queue == printer.queue {
                if let cupsJob = original.cupsJobID { printer.cancel(job: cupsJob) }
            }
        } catch {
            logger.error("print queue unreadable", metadata: ["order": "\(orderID)", "error": "\(error)"])
        }
    }

    /// How long the server may stay unreachable after accepting a job before the job fails:
    /// a brief restart is waited for, a dead daemon is not waited out to the deadline.
    var serverGoneGrace: TimeInterval { min(1, jobDeadline / 4) }

    /// The job's bytes: fixed at first rendering, so a reprint or a retry sends the same slip.
    func render(_ job: PrintJob) throws -> [UInt8] {
        if let payload = job.payload { return payload }
        guard job.kind.isRenderedFromOrder, let orderID = job.orderID, let order = try database.order(id: orderID) else {
            throw StoreError.unreadableValue(table: "print_jobs", column: "payload", value: "job \(job.id) has nothing to print")
        }
        let reprintedAt = job.kind.isCopy ? job.createdAt : nil
        let slip = try renderer.render(order, kind: job.kind, reprintedAt: reprintedAt, mode: mode)
        let screen = try renderer.render(order, kind: job.kind, reprintedAt: reprintedAt, mode: .text)
        let payload = EscPosEncoder.encode(slip, mode: mode)
        try database.storeRendering(ofJob: job.id, payload: payload, text: screen.text)
        return payload
    }

    /// The job's name at CUPS (`lpstat -o` shows it): plain characters only, see
    /// ``CUPSPrinter/submit(_:title:)`` for why.
    func title(of job: PrintJob) -> String {
        CUPSPrinter.plainJobName("kasir-\(job.kind.rawValue)-\(job.orderDay.map { "\($0)" } ?? "job")-\(job.orderNumber ?? Int(job.id))")
    }
}

/// Runs a ``PrintWorker`` on a thread of its own so the counter never waits for the printer.
///
/// ```swift
/// let background = BackgroundPrinting(worker: worker)
/// background.wake()                     // after each committed order
/// background.takeOutcomes()             // before each prompt: anything to tell?
/// background.finish()                   // before the process ends
/// ```
public final class BackgroundPrinting: @unchecked Sendable {
    public let worker: PrintWorker
    let queue = DispatchQueue(label: "kasir.print")
    let lock = NSLock()
    var outcomes: [PrintOutcome] = []
    var scheduled = false

    public init(worker: PrintWorker) { self.worker = worker }

    /// Asks the worker to send whatever is pending; returns at once.
    public func wake() {
        lock.lock()
        defer { lock.unlock() }
        guard !scheduled else { return }
        scheduled = true
        queue.async { [self] in
            lock.lock()
            scheduled = false
            lock.unlock()
            worker.drain(until: .distantFuture) { outcome in
                lock.lock()
                outcomes.append(outcome)
                lock.unlock()
            }
        }
    }

    /// What finished since the last call.
    public func takeOutcomes() -> [PrintOutcome] {
        lock.lock()
        defer { lock.unlock() }
        let taken = outcomes
        outcomes = []
        return taken
    }

    /// Waits until the slips still queued have printed or failed, at most as long as their
    /// deadlines allow.
    @discardableResult
    public func finish() -> Bool {
        let waiting = (try? worker.database.printJobs(status: [.pending, .sending]).count) ?? 0
        let done = DispatchSemaphore(value: 0)
        queue.async { done.signal() }
        return done.wait(timeout: .now() + worker.deadline(forJobs: waiting + 1).timeIntervalSinceNow) == .success
    }
}

extension PrintWorker {
    /// The worker the config describes: its templates, its CUPS queue (`KASIR_PRINTER`
    /// overrides `[printer] queue`), or none.
    public static func configured(
        _ config: KasirConfiguration, database: AppDatabase, clock: any WallClock,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) -> PrintWorker {
        let settings = config.cafe.printer
        let templates = TemplateSet(language: config.cafe.language, overrides: config.templatesFolder)
        return PrintWorker(
            database: database, renderer: SlipRenderer(settings: config.cafe, templates: templates),
            printer: configuredPrinter(config, environment: environment), mode: settings.mode,
            clock: clock, jobDeadline: settings.jobDeadline, logger: logger)
    }

    /// The CUPS queue the config names (`KASIR_PRINTER` overrides `[printer] queue`), or none.
    public static func configuredPrinter(
        _ config: KasirConfiguration, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> CUPSPrinter? {
        let settings = config.cafe.printer
        let queue = environment["KASIR_PRINTER"].flatMap { $0.isEmpty ? nil : $0 } ?? settings.queue
        return queue.map { CUPSPrinter(queue: $0, timeout: settings.timeout) }
    }

    /// Whether a printer is configured at all.
    public var hasPrinter: Bool { printer != nil }

    /// The printer, for `kasir printer status`.
    public var receiptPrinter: (any ReceiptPrinter)? { printer }

    /// The printer's bytes mode.
    public var printerMode: PrinterMode { mode }

    /// A slip as text for the screen (`kasir receipt show`, and the counter without a printer).
    ///
    /// - Throws: ``PrintError/template(file:problem:)`` when the template cannot be used.
    public func screenText(_ order: RecordedOrder, kind: PrintJobKind = .receipt) throws(PrintError) -> String {
        try renderer.render(order, kind: kind, mode: .text).text
    }

    /// Renders an X or Z report, queues it for the printer (when there is one), and returns
    /// its text for the screen.
    public func queueTillReport(_ report: TillReport, closing: Bool, at instant: Date) throws -> String {
        let text = try renderer.render(report, closing: closing, printedAt: instant, mode: .text).text
        if printer != nil {
            let bytes = EscPosEncoder.encode(try renderer.render(report, closing: closing, printedAt: instant, mode: mode), mode: mode)
            try database.enqueueReport(bytes: bytes, text: text, at: instant)
        }
        return text
    }

    /// Renders a refund's slip and queues it (when there is a printer); returns its text.
    public func queueRefundSlip(_ refund: RefundRecord, at instant: Date) throws -> String {
        guard let order = try database.order(day: refund.orderDay, number: refund.orderNumber) else {
            throw StoreError.orderNotFound(day: refund.orderDay.description, number: refund.orderNumber)
        }
        let text = try renderer.render(refund, of: order, mode: .text).text
        if printer != nil {
            let bytes = EscPosEncoder.encode(try renderer.render(refund, of: order, mode: mode), mode: mode)
            try database.enqueueRefundSlip(refund, bytes: bytes, text: text, at: instant)
        }
        return text
    }

    /// The bytes that open the cash drawer for a no-sale, in the printer's mode; `nil` when
    /// there is nothing to send: no printer is configured (the drawer hangs off the printer),
    /// or the printer takes plain text, which has no drawer command.
    ///
    /// The caller queues the bytes in the same transaction that records the no-sale, so the
    /// drawer never opens for a no-sale that was not recorded.
    ///
    /// ```swift
    /// try database.recordNoSale(reason: reason, supervisor: approver.code, drawerKick: worker.drawerKick(), at: now)
    /// ```
    public func drawerKick() -> [UInt8]? {
        guard printer != nil else { return nil }
        let kick = SlipDocument(elements: [.openDrawer], columns: renderer.settings.receiptColumns)
        let bytes = EscPosEncoder.encode(kick, mode: mode)
        return bytes.isEmpty ? nil : bytes
    }

    /// Queues a report's text for the printer as it is, line for line, and a cut.
    ///
    /// ```swift
    /// try worker.queueTextReport(document.text, at: clock.now())
    /// worker.drain(until: worker.deadline(forJobs: 1))
    /// ```
    ///
    /// - Throws: ``PrintError/noPrinterConfigured`` when there is no printer (nothing is
    ///   queued), or what the print queue throws.
    public func queueTextReport(_ text: String, at instant: Date) throws {
        guard printer != nil else { throw PrintError.noPrinterConfigured }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // A final newline ends the last line; it is not a blank line of its own.
        let printed = lines.last == "" ? lines.dropLast() : lines[...]
        let slip = SlipDocument(elements: printed.map { .text(String($0), bold: false, size: .normal) } + [.cut], columns: 80)
        try database.enqueueReport(bytes: EscPosEncoder.encode(slip, mode: mode), text: text, at: instant)
    }

    /// Every template problem, for the counter's start and `kasir doctor`.
    public var templateProblems: [PrintError] { renderer.templates.problems }

    /// How long `count` jobs may take at most: each job's deadline, with the connection
    /// timeouts of submitting and cancelling it on top.
    public func deadline(forJobs count: Int) -> Date {
        let timeout = printer?.timeout ?? 0
        return Date().addingTimeInterval(Double(count) * (jobDeadline + 3 * timeout))
    }
}

extension PrinterSettings {
    /// The slips each order queues: its receipt, and a bar ticket when the café uses them.
    public var slipsPerOrder: [PrintJobKind] { barTicket ? [.receipt, .barTicket] : [.receipt] }
}

/// The printer as CUPS describes it, together with what the print queue holds back: what
/// `kasir printer status` and `kasir doctor` report.
///
/// ```swift
/// if let health = worker.health() {
///     health.isReady        // false when CUPS is down, the queue stopped or not accepting jobs
///     health.waiting        // slips that failed or are held, newest first: reprint them
/// }
/// ```
public struct PrinterHealth: Sendable {
    public var queue: String
    /// What CUPS says of the queue, or why it could not be asked.
    public var status: Result<PrinterStatus, PrintError>
    /// Slips that did not print (failed or held), newest first.
    public var waiting: [PrintJob]

    /// CUPS answers, the queue is not stopped and it accepts jobs.
    public var isReady: Bool {
        guard case .success(let status) = status else { return false }
        return status.acceptingJobs && status.state != "stopped"
    }
}

extension PrinterHealth {
    /// Asks CUPS about `printer`'s queue and, when there is a database, the print queue about
    /// slips still waiting.
    ///
    /// - Throws: what reading the print queue throws (a CUPS problem is part of the answer).
    public static func check(_ printer: any ReceiptPrinter, queueOf database: AppDatabase?) throws -> PrinterHealth {
        let status: Result<PrinterStatus, PrintError>
        do {
            status = .success(try printer.status())
        } catch {
            status = .failure(error)
        }
        let waiting = try database?.printJobs(status: [.failed, .held]).sorted { $0.id > $1.id } ?? []
        return PrinterHealth(queue: printer.queue, status: status, waiting: waiting)
    }
}

extension PrintWorker {
    /// The printer and the slips waiting for it; `nil` when no printer is configured.
    public func health() throws -> PrinterHealth? {
        try printer.map { try PrinterHealth.check($0, queueOf: database) }
    }
}
