import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal

struct ReceiptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "receipt", abstract: "Show, reprint and follow receipts.", subcommands: [Show.self, Reprint.self, Queue.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an order's receipt on screen.")
        @OptionGroup var common: CommonOptions
        @Argument var number: Int
        @Option(help: "YYYY-MM-DD, a WITA day (default: today).") var day: String?
        @Flag(help: "The bar ticket instead of the receipt.") var bar = false

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let worker = context.printWorker()
            let order = try context.attempt { () throws -> RecordedOrder in
                guard let order = try context.database.order(day: day, number: number) else {
                    throw StoreError.orderNotFound(day: day.description, number: number)
                }
                return order
            }
            let text = try context.attempt { try worker.screenText(order, kind: bar ? .barTicket : .receipt) }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    struct Reprint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an order's receipt again, marked SALINAN (copy).")
        @OptionGroup var common: CommonOptions
        @Argument var number: Int
        @Option(help: "YYYY-MM-DD, a WITA day (default: today).") var day: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let worker = context.printWorker()
            guard worker.hasPrinter else { throw Context.fail(context.catalog.describe(PrintError.noPrinterConfigured)) }
            let jobs = try context.attempt { try context.database.enqueueReprint(day: day, number: number, at: context.clock.now()) }
            let outcomes = context.sendSlips(worker, count: jobs.count)
            let printed = outcomes.filter { jobs.contains($0.jobID) && $0.status == .printed }.count
            guard printed == jobs.count else { throw ExitCode(1) }
            context.print(context.catalog.pick("Salinan pesanan #\(number) tercetak.", "Copy of order #\(number) printed."))
        }
    }

    struct Queue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List slips that have not printed: pending, failed, held.")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text

        struct Row: Encodable {
            var job: Int64
            var day: String?
            var number: Int?
            var kind: String
            var status: String
            var attempts: Int
            var error: String?
        }

        func run() throws {
            let context = try Context.open(common)
            let jobs = try context.attempt { try context.database.printJobs(status: [.pending, .sending, .failed, .held]) }
            let rows = jobs.map {
                Row(job: $0.id, day: $0.orderDay?.description, number: $0.orderNumber, kind: $0.kind.rawValue,
                    status: $0.status.rawValue, attempts: $0.attempts, error: $0.lastError)
            }
            switch format {
            case .json: context.print(JSONOutput.encode(rows))
            case .text:
                if rows.isEmpty { context.print(context.catalog.pick("Antrean cetak kosong.", "The print queue is empty.")) }
                for row in rows {
                    context.print([
                        "\(row.job)", row.day ?? "-", row.number.map { "#\($0)" } ?? "-", row.kind, row.status,
                        "\(row.attempts)", row.error ?? "",
                    ].joined(separator: "\t"))
                }
            }
        }
    }
}

struct PrinterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "printer", abstract: "The receipt printer.", subcommands: [Status.self])

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The configured CUPS queue and what CUPS says of it.")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text

        struct Report: Encodable {
            var queue: String
            var server: String
            var state: String
            var acceptingJobs: Bool
            var message: String
            var reasons: [String]
        }

        func run() throws {
            let context = try Context.open(common)
            let worker = context.printWorker()
            guard let printer = worker.receiptPrinter else { throw Context.fail(context.catalog.describe(PrintError.noPrinterConfigured)) }
            let status = try context.attempt { try printer.status() }
            let server = ProcessInfo.processInfo.environment["CUPS_SERVER"] ?? "default"
            let report = Report(queue: status.queue, server: server, state: status.state, acceptingJobs: status.acceptingJobs,
                                message: status.message, reasons: status.reasons)
            switch format {
            case .json: context.print(JSONOutput.encode(report))
            case .text:
                let catalog = context.catalog
                context.print(catalog.pick("Printer", "Printer") + ": \(status.queue) (CUPS \(server))")
                context.print(catalog.pick("Status", "State") + ": \(status.state)"
                    + (status.acceptingJobs ? catalog.pick(", menerima pekerjaan", ", accepting jobs") : catalog.pick(", MENOLAK pekerjaan", ", NOT accepting jobs")))
                if !status.message.isEmpty { context.print(catalog.pick("Pesan", "Message") + ": \(status.message)") }
                let reasons = status.reasons.filter { $0 != "none" }
                if !reasons.isEmpty { context.print(catalog.pick("Alasan", "Reasons") + ": " + reasons.joined(separator: ", ")) }
            }
        }
    }
}
