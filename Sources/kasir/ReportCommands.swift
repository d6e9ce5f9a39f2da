import ArgumentParser
import Foundation
import KasirActions
import KasirCatalog
import KasirConfig
import KasirCore
import KasirPrint
import KasirReports
import KasirStore
import KasirTerminal

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, csv, json, html
}

/// Options every report takes.
struct ReportOptions: ParsableArguments {
    @Option var format: ReportFormat = .text
    @Flag(help: "Aliases only: no names or registration numbers (the default without --by).") var pseudonymous = false
    @Flag(name: .customLong("print"), help: "Also send the text to the receipt printer.") var sendToPrinter = false
    @Option(help: "A supervisor, to show inmates' names and registration numbers.") var by: String?

    /// Whether names may be shown: only to a supervisor who gave their PIN, and not when asked for aliases.
    func showsNames(_ context: Context) throws -> Bool {
        guard let by, !pseudonymous else { return false }
        _ = try context.requireSupervisor(by)
        return true
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Training, sales, premi and programme reports.",
        subcommands: [Training.self, Sales.self, Premi.self, Programme.self, Transcript.self])

    /// Prints `document` (or `json`) in the chosen format, and to the printer when asked.
    ///
    /// The document is laid out only when a format or the printer needs it, not for JSON.
    static func emit<T: Encodable>(_ json: T, _ document: @autoclosure () -> ReportDocument, options: ReportOptions, context: Context) throws {
        guard options.format != .json || options.sendToPrinter else { return try context.printJSON(json) }
        let document = document()
        switch options.format {
        case .json: try context.printJSON(json)
        case .csv: context.print(document.csvText, terminator: "")
        case .html: context.print(document.html, terminator: "")
        case .text: context.print(document.text, terminator: "")
        }
        if options.sendToPrinter { try printText(document.text, context: context) }
    }

    /// Queues `text` for the receipt printer as it is, and sends it.
    static func printText(_ text: String, context: Context) throws {
        let worker = context.printWorker()
        guard worker.hasPrinter else { throw Context.fail(context.catalog.describe(PrintError.noPrinterConfigured)) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let slip = SlipDocument(elements: lines.map { .text(String($0), bold: false, size: .normal) } + [.cut], columns: 80)
        let bytes = EscPosEncoder.encode(slip, mode: context.config.cafe.printer.mode)
        try context.attempt { try context.database.enqueueReport(bytes: bytes, text: text, at: context.clock.now()) }
        _ = context.sendSlips(worker, count: 1)
    }

    static func month(_ text: String?, context: Context) throws -> BusinessMonth {
        guard let text else { return context.config.cafe.calendar.month(of: context.clock.now()) }
        return try context.attempt { try BusinessMonth.parse(text) }
    }

    struct Training: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "training", abstract: "Hours, skills, competencies and premi per WBP for a WITA month.")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM (default: this month).") var month: String?
        @Option(help: "One WBP only.") var staff: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            let code = try staff.map { text in try context.attempt { try StaffMember.parseCode(text) } }
            let builder = ReportBuilder(database: context.database, config: context.config)
            let names = try options.showsNames(context)
            let report = try context.attempt { try builder.training(month, staff: code, pseudonymous: !names) }
            let skills = Array(Set(context.config.menu.items.map(\.skill))).sorted()
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report, skills: skills), options: options, context: context)
        }
    }

    struct Sales: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sales", abstract: "Sales over cafe days, grouped by item, category, hour, barista or payment.")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM-DD") var from: String?
        @Option(help: "YYYY-MM-DD") var to: String?
        @Option(help: "YYYY-MM, instead of --from/--to.") var month: String?
        @Option(help: "item, category, hour, barista or payment") var group: String = "item"
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            guard let grouping = ReportBuilder.SalesGrouping(rawValue: group) else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "group", allowed: ReportBuilder.SalesGrouping.allCases.map(\.rawValue))))
            }
            let first: BusinessDay
            let last: BusinessDay
            if let from, let to {
                first = try context.attempt { try BusinessDay.parse(from) }
                last = try context.attempt { try BusinessDay.parse(to) }
            } else {
                let month = try ReportCommand.month(month, context: context)
                first = month.first
                last = month.last
            }
            let report = try context.attempt { try ReportBuilder(database: context.database, config: context.config).sales(from: first, through: last, by: grouping) }
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Premi: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "premi", abstract: "The month's profit split and each WBP's premi.")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM (default: this month).") var month: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            let names = try options.showsNames(context)
            let report = try context.attempt { try ReportBuilder(database: context.database, config: context.config).premi(month, pseudonymous: !names) }
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Programme: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "programme", abstract: "Participants, hours, revenue, PNBP, premi and competencies of a month.")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM (default: this month).") var month: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            let report = try context.attempt { () throws -> ProgrammeReport in
                guard let mark = try context.database.journalMark() else { throw DocumentError.noSuchJournalRow(1) }
                return try ReportBuilder(database: context.database, config: context.config).programme(month, at: mark)
            }
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transcript",
            abstract: "A WBP's whole participation, with a document number: hours, skills, competencies, notes, premi.",
            discussion: "Names in full (the person's own document) need --by; --pseudonymous shows aliases only. "
                + "The number is checked with kasir audit document NUMBER --staff CODE.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "The WBP's code, e.g. W01.") var staff: String
        @Option var format: ReportFormat = .text
        @Flag(help: "Aliases only: no name, registration or decree numbers.") var pseudonymous = false
        @Flag(name: .customLong("print"), help: "Also send the text to the receipt printer.") var sendToPrinter = false
        @Option(help: "A supervisor, to show the name and registration number.") var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(staff) }
            guard format != .csv else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "format", allowed: ["text", "json", "html"])))
            }
            if !pseudonymous {
                guard by != nil else { throw Context.fail(context.catalog.describe(DocumentError.namesNeedSupervisor)) }
                _ = try context.requireSupervisor(by)
            }
            let full = try context.attempt { () throws -> KasirReports.Transcript in
                guard let mark = try context.database.journalMark() else { throw DocumentError.noSuchJournalRow(1) }
                return try ReportBuilder(database: context.database, config: context.config).transcript(of: code, at: mark)
            }
            let transcript = pseudonymous ? full.pseudonymous : full
            let layout = TranscriptLayout(settings: context.config.cafe)
            switch format {
            case .json: try context.printJSON(transcript)
            case .html: context.print(layout.html(transcript), terminator: "")
            case .text, .csv: context.print(layout.text(transcript), terminator: "")
            }
            if sendToPrinter { try ReportCommand.printText(layout.text(transcript), context: context) }
        }
    }
}

struct CompetencyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "competency", abstract: "Competency assessments.", subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: "Record an assessment: Kompeten or Belum Kompeten.")
        @OptionGroup var common: CommonOptions
        @Option var staff: String
        @Option var unit: String
        @Option(help: "YYYY-MM-DD (default: today).") var date: String?
        @Option(help: "kompeten or belum") var result: String
        @Option var note: String?
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(staff) }
            guard context.config.competencies.contains(where: { $0.code == unit }) else {
                throw Context.fail(context.catalog.unknownCompetencyUnit(unit))
            }
            let competent: Bool
            switch result.lowercased() {
            case "kompeten", "competent": competent = true
            case "belum", "belum-kompeten", "belum_kompeten", "not-yet": competent = false
            default: throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "result", allowed: ["kompeten", "belum"])))
            }
            let day = try context.day(date)
            let note = try self.note.map { text in try context.attempt { try StaffMember.validatedText(text, field: "note", limit: 500) } }
            let assessor = try context.requireSupervisor(by).code
            try context.attempt {
                try context.database.recordAssessment(staff: code, unit: unit, on: day, competent: competent, note: note, assessor: assessor, at: context.clock.now())
            }
            context.print(context.catalog.assessmentRecorded(unit: unit, code: code, competent: competent))
        }
    }
}

struct PremiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "premi", abstract: "Close a month's premi; enter a month's cost.", subcommands: [Close.self, Cost.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "close", abstract: "Credit each WBP's premi ledger for a month (once).")
        @OptionGroup var common: CommonOptions
        @Option var month: String
        @Option var by: String?
        @Option var format: ReportFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let month = try context.attempt { try BusinessMonth.parse(self.month) }
            let supervisor = try context.requireSupervisor(by).code
            let report = try context.attempt { try ReportBuilder(database: context.database, config: context.config).closePremi(month, supervisor: supervisor, at: context.clock.now()) }
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report),
                                   options: try ReportOptions.parse(["--format", format.rawValue]), context: context)
        }
    }

    struct Cost: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "cost", abstract: "Enter a month's whole cost, ingredients and running costs (instead of the ingredient costs kept on its lines).")
        @OptionGroup var common: CommonOptions
        @Option var month: String
        @Option var amount: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let month = try context.attempt { try BusinessMonth.parse(self.month) }
            let amount = try context.amount(self.amount)
            let supervisor = try context.requireSupervisor(by).code
            try context.attempt { try context.database.setMonthlyCost(amount, month: month, supervisor: supervisor, at: context.clock.now()) }
            context.print(context.catalog.monthlyCostRecorded(month, amount: amount))
        }
    }
}

struct PnbpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pnbp", abstract: "PNBP deposits.", subcommands: [Pending.self, Deposit.self])

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pending", abstract: "Closed tills not yet deposited, with the PNBP share of each.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let tills = try context.attempt { try context.database.undepositedTills(policy: context.config.cafe.premi) }
            for till in tills { context.print(context.catalog.pendingDeposit(till)) }
            context.print(context.catalog.pendingDepositTotal(tills.reduce(Rupiah.zero) { $0 + $1.share }, tills: tills.count))
        }
    }

    struct Deposit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deposit",
            abstract: "Record a deposit: exactly the PNBP share of the tills it covers (--till, or every closed till not yet deposited).")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM-DD (default: today).") var date: String?
        @Option var amount: String
        @Option(help: "The 15-digit SIMPONI billing code.") var billing: String
        @Option(help: "The NTPN on the receipt.") var ntpn: String
        @Option(name: .customLong("till"), help: "A till the deposit covers, repeatable.") var tills: [Int64] = []
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(date)
            let amount = try context.amount(self.amount)
            let supervisor = try context.requireSupervisor(by).code
            let shares = try context.attempt {
                try context.database.recordDeposit(on: day, amount: amount, billingCode: billing, ntpn: ntpn, tills: tills.isEmpty ? nil : tills,
                                                   policy: context.config.cafe.premi, supervisor: supervisor, at: context.clock.now())
            }
            context.print(context.catalog.depositRecorded(amount, tills: shares.map(\.till)))
        }
    }
}
