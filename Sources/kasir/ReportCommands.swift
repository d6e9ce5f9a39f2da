import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
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
    @Option(help: HelpText.reportFormat) var format: ReportFormat = .text
    @Flag(help: HelpText.help(
        "Alias saja: tanpa nama atau nomor registrasi (bawaan tanpa --by).",
        "Aliases only: no names or registration numbers (the default without --by)."))
    var pseudonymous = false
    @Flag(name: .customLong("print"), help: HelpText.help(
        "Kirim juga teksnya ke printer struk.",
        "Also send the text to the receipt printer.")) var sendToPrinter = false
    @Option(help: HelpText.help(
        "Petugas, untuk menampilkan nama dan nomor registrasi WBP.",
        "A supervisor, to show inmates' names and registration numbers."))
    var by: String?

    /// Whether names may be shown: only to a supervisor who gave their PIN, and not when asked for aliases.
    func showsNames(_ context: Context) throws -> Bool {
        guard let by, !pseudonymous else { return false }
        _ = try context.requireSupervisor(by)
        return true
    }
}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: HelpText.pick(
            "Laporan pelatihan, penjualan, premi dan program.",
            "Training, sales, premi and programme reports."),
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
    ///
    /// - Throws: ``PrintError/noPrinterConfigured`` when there is no printer.
    static func printText(_ text: String, context: Context) throws {
        let worker = context.printWorker()
        try worker.queueTextReport(text, at: context.clock.now())
        context.sendSlips(worker, count: 1)
    }

    static func month(_ text: String?, context: Context) throws -> BusinessMonth {
        guard let text else { return context.config.cafe.calendar.month(of: context.clock.now()) }
        return try BusinessMonth.parse(text)
    }

    struct Training: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "training", abstract: HelpText.pick(
                "Jam, keterampilan, kompetensi dan premi per WBP untuk satu bulan WITA.",
                "Hours, skills, competencies and premi per WBP for a WITA month."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.month) var month: String?
        @Option(help: HelpText.help("Satu WBP saja.", "One WBP only.")) var staff: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            let code = try staff.map { try StaffMember.parseCode($0) }
            let builder = ReportBuilder(database: context.database, config: context.config)
            let names = try options.showsNames(context)
            let report = try builder.training(month, staff: code, pseudonymous: !names)
            let skills = Array(Set(context.config.menu.items.map(\.skill))).sorted()
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report, skills: skills), options: options, context: context)
        }
    }

    struct Sales: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sales",
            abstract: HelpText.pick(
                "Penjualan selama beberapa hari kafe, per menu (item), kategori, jam, barista atau pembayaran.",
                "Sales over cafe days, grouped by item, category, hour, barista or payment."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM-DD, hari pertama.", "YYYY-MM-DD, the first day.")) var from: String?
        @Option(help: HelpText.help("YYYY-MM-DD, hari terakhir.", "YYYY-MM-DD, the last day.")) var to: String?
        @Option(help: HelpText.help("YYYY-MM, sebagai ganti --from/--to.", "YYYY-MM, instead of --from/--to.")) var month: String?
        @Option(help: HelpText.help(
            "item, category, hour, barista atau payment",
            "item, category, hour, barista or payment")) var group: String = "item"
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            guard let grouping = ReportBuilder.SalesGrouping(rawValue: group) else {
                throw InputError.notOneOf(field: "group", allowed: ReportBuilder.SalesGrouping.allCases.map(\.rawValue))
            }
            let first: BusinessDay
            let last: BusinessDay
            if let from, let to {
                first = try BusinessDay.parse(from)
                last = try BusinessDay.parse(to)
            } else {
                let month = try ReportCommand.month(month, context: context)
                first = month.first
                last = month.last
            }
            let report = try ReportBuilder(database: context.database, config: context.config).sales(from: first, through: last, by: grouping)
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Premi: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "premi", abstract: HelpText.pick(
            "Pembagian laba bulan itu dan premi setiap WBP.",
            "The month's profit split and each WBP's premi."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.month) var month: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            let names = try options.showsNames(context)
            let report = try ReportBuilder(database: context.database, config: context.config).premi(month, pseudonymous: !names)
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Programme: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "programme",
            abstract: HelpText.pick(
                "Peserta, jam, pendapatan, PNBP, premi dan kompetensi satu bulan.",
                "Participants, hours, revenue, PNBP, premi and competencies of a month."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.month) var month: String?
        @OptionGroup var options: ReportOptions

        func run() throws {
            let context = try Context.open(common)
            let month = try ReportCommand.month(month, context: context)
            guard let mark = try context.database.journalMark() else { throw DocumentError.noSuchJournalRow(1) }
            let report = try ReportBuilder(database: context.database, config: context.config).programme(month, at: mark)
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report), options: options, context: context)
        }
    }

    struct Transcript: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "transcript",
            abstract: HelpText.pick(
                "Seluruh keikutsertaan seorang WBP, dengan nomor dokumen: jam, keterampilan, kompetensi, catatan, premi.",
                "A WBP's whole participation, with a document number: hours, skills, competencies, notes, premi."),
            discussion: HelpText.pick(
                "Nama lengkap (dokumen milik orangnya sendiri) perlu --by; --pseudonymous hanya menampilkan alias. Dengan --by atau --print transkrip diterbitkan: nomornya dicatat di jurnal, dan setelah kasir sync dapat diperiksa siapa saja di halaman /verifikasi pusat. Nomornya diperiksa di kafe dengan kasir audit document NOMOR --staff KODE.",
                "Names in full (the person's own document) need --by; --pseudonymous shows aliases only. With --by or --print the transcript is issued: its number is journaled and, once kasir sync has run, anyone can check it on the centre's /verifikasi page. At the café the number is checked with kasir audit document NUMBER --staff CODE."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var staff: String
        @Option(help: HelpText.help("text, json atau html.", "text, json or html.")) var format: ReportFormat = .text
        @Flag(help: HelpText.help(
            "Alias saja: tanpa nama, nomor registrasi atau nomor SK.",
            "Aliases only: no name, registration or decree numbers.")) var pseudonymous = false
        @Flag(name: .customLong("print"), help: HelpText.help(
            "Kirim juga teksnya ke printer struk.",
            "Also send the text to the receipt printer.")) var sendToPrinter = false
        @Option(help: HelpText.help(
            "Petugas, untuk menampilkan nama dan nomor registrasi.",
            "A supervisor, to show the name and registration number.")) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(staff)
            guard format != .csv else { throw InputError.notOneOf(field: "format", allowed: ["text", "json", "html"]) }
            if !pseudonymous, by == nil { throw DocumentError.namesNeedSupervisor }
            // Whoever is named as issuing it has typed their PIN.
            let approver = by == nil ? nil : try context.requireSupervisor(by)
            let full: KasirReports.Transcript
            if approver != nil || sendToPrinter {
                // Handed out: journaled as issued, so its number can be checked at the centre.
                full = try context.actions.issueTranscript(of: code, by: approver, printed: sendToPrinter)
            } else {
                guard let mark = try context.database.journalMark() else { throw DocumentError.noSuchJournalRow(1) }
                full = try ReportBuilder(database: context.database, config: context.config).transcript(of: code, at: mark)
            }
            let transcript = pseudonymous ? full.pseudonymous : full
            let layout = TranscriptLayout(settings: context.config.cafe, centreCode: try context.database.centralLink()?.cafe)
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
    static let configuration = CommandConfiguration(commandName: "competency", abstract: HelpText.pick(
        "Asesmen kompetensi.",
        "Competency assessments."), subcommands: [Record.self])

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "record", abstract: HelpText.pick(
            "Catat asesmen: Kompeten atau Belum Kompeten.",
            "Record an assessment: Kompeten or Belum Kompeten."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.staffCode) var staff: String
        @Option(help: HelpText.help("Kode unit kompetensi (competencies.toml).", "The competency unit's code (competencies.toml).")) var unit: String
        @Option(help: HelpText.help("YYYY-MM-DD (bawaan: hari ini).", "YYYY-MM-DD (default: today).")) var date: String?
        @Option(help: HelpText.help("kompeten atau belum", "kompeten or belum")) var result: String
        @Option(help: HelpText.help("Catatan asesor.", "The assessor's note.")) var note: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(staff)
            let actions = context.actions
            try actions.checkAssessment(unit: unit, note: note)
            let competent: Bool
            switch result.lowercased() {
            case "kompeten", "competent": competent = true
            case "belum", "belum-kompeten", "belum_kompeten", "not-yet": competent = false
            default: throw InputError.notOneOf(field: "result", allowed: ["kompeten", "belum"])
            }
            let day = try context.day(date)
            let approver = try context.requireSupervisor(by)
            try actions.recordAssessment(of: code, unit: unit, on: day, competent: competent, note: note, by: approver)
            context.print(context.catalog.assessmentRecorded(unit: unit, code: code, competent: competent))
        }
    }
}

struct PremiCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "premi", abstract: HelpText.pick(
            "Tutup premi satu bulan; masukkan biaya satu bulan.",
            "Close a month's premi; enter a month's cost."), subcommands: [Close.self, Cost.self])

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: HelpText.pick(
                "Kreditkan premi setiap WBP untuk satu bulan (sekali saja).",
                "Credit each WBP's premi ledger for a month (once)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM, bulan yang ditutup.", "YYYY-MM, the month to close.")) var month: String
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.reportFormat) var format: ReportFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let month = try BusinessMonth.parse(self.month)
            let approver = try context.requireSupervisor(by)
            let report = try context.actions.closePremi(month, by: approver)
            try ReportCommand.emit(report, ReportLayout(settings: context.config.cafe).document(report),
                                   options: try ReportOptions.parse(["--format", format.rawValue]), context: context)
        }
    }

    struct Cost: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cost",
            abstract: HelpText.pick(
                "Masukkan seluruh biaya satu bulan, bahan dan biaya operasional (sebagai ganti harga pokok bahan di tiap baris).",
                "Enter a month's whole cost, ingredients and running costs (instead of the ingredient costs kept on its lines)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM", "YYYY-MM")) var month: String
        @Option(help: HelpText.help("Jumlahnya, mis. 2.500.000.", "The amount, e.g. 2.500.000.")) var amount: String
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let month = try BusinessMonth.parse(self.month)
            let amount = try context.amount(self.amount)
            let approver = try context.requireSupervisor(by)
            try context.actions.setMonthlyCost(amount, month: month, by: approver)
            context.print(context.catalog.monthlyCostRecorded(month, amount: amount))
        }
    }
}

struct PnbpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pnbp", abstract: HelpText.pick(
        "Setoran PNBP.",
        "PNBP deposits."), subcommands: [Pending.self, Deposit.self])

    struct Pending: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pending", abstract: HelpText.pick(
                "Kas tertutup yang belum disetor, dengan bagian PNBP masing-masing.",
                "Closed tills not yet deposited, with the PNBP share of each."))
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let tills = try context.database.undepositedTills(policy: context.config.cafe.premi)
            for till in tills { context.print(context.catalog.pendingDeposit(till)) }
            context.print(context.catalog.pendingDepositTotal(tills.reduce(Rupiah.zero) { $0 + $1.share }, tills: tills.count))
        }
    }

    struct Deposit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deposit",
            abstract: HelpText.pick(
                "Catat setoran: tepat bagian PNBP dari kas yang dicakupnya (--till, atau semua kas tertutup yang belum disetor).",
                "Record a deposit: exactly the PNBP share of the tills it covers (--till, or every closed till not yet deposited)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM-DD (bawaan: hari ini).", "YYYY-MM-DD (default: today).")) var date: String?
        @Option(help: HelpText.help("Jumlah yang disetor.", "The amount deposited.")) var amount: String
        @Option(help: HelpText.help("Kode billing SIMPONI, 15 angka.", "The 15-digit SIMPONI billing code.")) var billing: String
        @Option(help: HelpText.help("NTPN pada bukti setor.", "The NTPN on the receipt.")) var ntpn: String
        @Option(name: .customLong("till"), help: HelpText.help("Kas yang dicakup setoran, boleh diulang.", "A till the deposit covers, repeatable."))
        var tills: [Int64] = []
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(date)
            let amount = try context.amount(self.amount)
            let approver = try context.requireSupervisor(by)
            let shares = try context.actions.recordDeposit(
                on: day, amount: amount, billingCode: billing, ntpn: ntpn, tills: tills.isEmpty ? nil : tills, by: approver)
            context.print(context.catalog.depositRecorded(amount, tills: shares.map(\.till)))
        }
    }
}
