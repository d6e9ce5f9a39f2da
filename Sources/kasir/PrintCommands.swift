import ArgumentParser
import Foundation
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: HelpText.pick(
            "Tampilkan, cetak ulang dan ikuti struk.",
            "Show, reprint and follow receipts."), subcommands: [Show.self, Reprint.self, Queue.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: HelpText.pick(
            "Tampilkan struk pesanan di layar.",
            "Show an order's receipt on screen."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Nomor pesanan hari itu.", "The order's number of the day.")) var number: Int
        @Option(help: HelpText.day) var day: String?
        @Flag(help: HelpText.help("Tiket bar, bukan struk.", "The bar ticket instead of the receipt.")) var bar = false

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let worker = context.printWorker()
            guard let order = try context.database.order(day: day, number: number) else {
                throw StoreError.orderNotFound(day: day.description, number: number)
            }
            let text = try worker.screenText(order, kind: bar ? .barTicket : .receipt)
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    struct Reprint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reprint",
            abstract: HelpText.pick(
                "Cetak ulang struk pesanan, bertanda SALINAN; laci tidak pernah terbuka. Dijurnal dengan siapa yang meminta.",
                "Print an order's receipt again, marked SALINAN (copy); it never opens the drawer. Journaled with who asked."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Nomor pesanan hari itu.", "The order's number of the day.")) var number: Int
        @Option(help: HelpText.day) var day: String?
        @Option(help: HelpText.help(
            "Petugas yang meminta (bawaan: pengguna sistem yang menjalankan perintah).",
            "The supervisor asking (default: the system user running the command)."))
        var by: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let actions = context.actions
            guard actions.printer.hasPrinter else { throw PrintError.noPrinterConfigured }
            let askedBy = try by.map { try context.requireSupervisor($0).code } ?? Locations.systemUser
            let jobs = try actions.reprint(day: day, number: number, askedBy: askedBy)
            let outcomes = context.sendSlips(actions.printer, count: jobs.count)
            let printed = outcomes.filter { jobs.contains($0.jobID) && $0.status == .printed }.count
            guard printed == jobs.count else { throw ExitCode(1) }
            context.print(context.catalog.copyPrinted(number))
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "queue", abstract: HelpText.pick(
                "Daftar slip yang belum tercetak: menunggu, gagal, ditahan.",
                "List slips that have not printed: pending, failed, held."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Row: Encodable {
            var job: Int64
            var day: String?
            var number: Int?
            var kind: String
            var status: String
            var attempts: Int
            var failure: String?
            var reason: String?
        }

        func run() throws {
            let context = try Context.open(common)
            let worker = context.printWorker()
            // A template that cannot be used is said as exactly that, before the jobs it stops.
            for problem in worker.templateProblems { context.warn(context.catalog.describe(problem)) }
            let jobs = try context.database.printJobs(status: [.pending, .sending, .failed, .held])
            let rows = jobs.map { job in
                Row(job: job.id, day: job.orderDay?.description, number: job.orderNumber, kind: job.kind.rawValue,
                    status: job.status.rawValue, attempts: job.attempts, failure: job.failure?.rawValue,
                    reason: job.failure.map { context.catalog.failureReason($0, detail: job.failureDetail, acceptedByCUPS: job.cupsJobID != nil) })
            }
            switch format {
            case .json: try context.printJSON(rows)
            case .text:
                if rows.isEmpty { context.print(context.catalog.printQueueEmpty) }
                for (row, job) in zip(rows, jobs) {
                    context.print([
                        "\(row.job)", row.day ?? "-", row.number.map { "#\($0)" } ?? "-",
                        context.catalog.queuedSlipName(job.kind), context.catalog.printStatusName(job.status),
                        "\(row.attempts)", row.reason ?? "",
                    ].joined(separator: "\t"))
                }
            }
        }
    }
}

struct PrinterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer", abstract: HelpText.pick("Printer struk.", "The receipt printer."), subcommands: [Status.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: HelpText.pick(
                "Antrean CUPS yang diatur dan kata CUPS tentangnya.",
                "The configured CUPS queue and what CUPS says of it."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Report: Encodable {
            var queue: String
            var server: String
            var state: String
            var acceptingJobs: Bool
            var message: String
            var reasons: [String]
            /// Slips that failed or are held, waiting for a reprint.
            var slipsWaiting: Int
        }

        /// What CUPS says, then the slips that wait. When CUPS cannot be asked (a daemon that
        /// died mid-job, a queue that does not exist), the waiting slips are still said on
        /// standard output, and the error is thrown: its line, and a non-zero status.
        func run() throws {
            let context = try Context.open(common)
            let worker = context.printWorker()
            guard let health = try worker.health() else { throw PrintError.noPrinterConfigured }
            let waiting = context.catalog.slipsWaiting(health.waiting)
            let status: PrinterStatus
            switch health.status {
            case .success(let answer): status = answer
            case .failure(let error):
                if let waiting, format == .text { context.print(waiting) }
                throw error
            }
            let server = ProcessInfo.processInfo.environment["CUPS_SERVER"] ?? "default"
            let report = Report(queue: status.queue, server: server, state: status.state, acceptingJobs: status.acceptingJobs,
                                message: status.message, reasons: status.reasons, slipsWaiting: health.waiting.count)
            switch format {
            case .json: try context.printJSON(report)
            case .text:
                context.print(context.catalog.printerStatus(status, server: server))
                if let waiting { context.print(waiting) }
            }
        }
    }
}
