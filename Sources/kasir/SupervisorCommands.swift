import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal

struct AttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance", abstract: "Clock WBP in and out, confirmed by a supervisor.",
        subcommands: [In.self, Out.self, Break.self, Resume.self, List.self])

    /// `--at "YYYY-MM-DD HH:MM"` in WITA, from the paper sign-in sheet.
    static func instant(_ at: String?, context: Context) throws -> (Date, lateEntry: Bool) {
        guard let at else { return (context.clock.now(), false) }
        return (try context.attempt { try context.config.cafe.calendar.instant(parsing: at) }, true)
    }

    struct In: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clock a WBP in at a station.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option(help: "kasir, bar or dapur") var station: String
        @Option var by: String?
        @Option(help: "YYYY-MM-DD HH:MM (WITA), from the paper sheet: journaled as a late entry.") var at: String?

        func run() throws {
            let context = try Context.open(common)
            guard let station = Station(rawValue: station) else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "station", allowed: ["kasir", "bar", "dapur"])))
            }
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            let (instant, late) = try AttendanceCommand.instant(at, context: context)
            let supervisor = try context.requireSupervisor(by)
            try context.attempt {
                try context.database.clockIn(code, station: station, supervisor: supervisor, at: instant, lateEntry: late,
                                             recordedAt: context.clock.now(), calendar: context.config.cafe.calendar)
            }
            context.print(context.catalog.pick("\(code) masuk di \(station.rawValue), \(context.config.cafe.calendar.dateTime(of: instant)) WITA.",
                                               "\(code) clocked in at \(station.rawValue), \(context.config.cafe.calendar.dateTime(of: instant)) WITA."))
        }
    }

    struct Out: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Clock a WBP out (a forgotten clock-out: --at with --reason).")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option var by: String?
        @Option(help: "YYYY-MM-DD HH:MM (WITA), the real time.") var at: String?
        @Option var reason: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            let (instant, late) = try AttendanceCommand.instant(at, context: context)
            let supervisor = try context.requireSupervisor(by)
            try context.attempt { try context.database.clockOut(code, supervisor: supervisor, at: instant, lateEntry: late, recordedAt: context.clock.now(), reason: reason) }
            context.print(context.catalog.pick("\(code) keluar, \(context.config.cafe.calendar.dateTime(of: instant)) WITA.",
                                               "\(code) clocked out, \(context.config.cafe.calendar.dateTime(of: instant)) WITA."))
        }
    }

    struct Break: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start a WBP's break.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option var by: String?

        func run() throws { try AttendanceCommand.setBreak(code, starting: true, by: by, common: common) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "End a WBP's break.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option var by: String?

        func run() throws { try AttendanceCommand.setBreak(code, starting: false, by: by, common: common) }
    }

    static func setBreak(_ code: String, starting: Bool, by: String?, common: CommonOptions) throws {
        let context = try Context.open(common)
        let code = try context.attempt { try StaffMember.parseCode(code) }
        let supervisor = try context.requireSupervisor(by)
        try context.attempt { try context.database.setBreak(code, starting: starting, supervisor: supervisor, at: context.clock.now()) }
        context.print(starting ? context.catalog.pick("\(code) istirahat.", "\(code) on a break.")
                               : context.catalog.pick("\(code) kembali bertugas.", "\(code) back from the break."))
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open shifts; a shift open since an earlier day is a forgotten clock-out.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let calendar = context.config.cafe.calendar
            let today = calendar.day(of: context.clock.now())
            let open = try context.attempt { try context.database.openAttendance() }
            if open.isEmpty { context.print(context.catalog.pick("Tidak ada yang sedang bertugas.", "Nobody is clocked in.")) }
            for shift in open {
                let forgotten = calendar.day(of: shift.clockIn) < today
                context.print([shift.staffCode, shift.alias, shift.station.rawValue, calendar.dateTime(of: shift.clockIn),
                               shift.onBreak ? context.catalog.pick("istirahat", "on break") : "",
                               forgotten ? context.catalog.pick("LUPA ABSEN KELUAR", "FORGOTTEN CLOCK-OUT") : ""]
                    .joined(separator: "\t").trimmingCharacters(in: .whitespaces))
            }
        }
    }
}

struct TillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "till", abstract: "Open, move, report on and close the till.",
        subcommands: [Open.self, X.self, Move.self, Close.self, Duty.self, NoSale.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open the till with a float.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The float as an amount.") var float: String?
        @Option(help: "The float counted by denomination, e.g. 50000x2,10000x5.") var count: String?
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let counted = try count.map { text in try context.attempt { try CashCount.parse(text, denominations: context.config.cafe.denominations) } }
            let amount = try float.map { try context.amount($0) } ?? counted?.total
            guard let amount, counted == nil || counted!.total == amount else {
                throw Context.fail(context.catalog.pick("Sebutkan modal awal: --float JUMLAH atau --count PECAHANxJUMLAH,… (yang sama).",
                                                        "Give the float: --float AMOUNT or --count VALUExPIECES,… (agreeing)."))
            }
            let supervisor = try context.requireSupervisor(by)
            let till = try context.attempt { try context.database.openTill(float: amount, count: counted, supervisor: supervisor, at: context.clock.now()) }
            context.print(context.catalog.pick("Kas #\(till.id) dibuka oleh \(supervisor), modal \(amount.formatted).",
                                               "Till #\(till.id) opened by \(supervisor), float \(amount.formatted)."))
        }
    }

    struct X: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print an X report of the open till (nothing is closed).")
        @OptionGroup var common: CommonOptions
        @Flag(help: "Show it only, do not print.") var noPrint = false

        func run() throws {
            let context = try Context.open(common)
            let worker = context.printWorker()
            let report = try context.attempt { () throws -> TillReport in
                guard let till = try context.database.openTill() else { throw TillError.noOpenTill }
                return try context.database.tillReport(id: till.id)
            }
            try TillCommand.output(report, closing: false, context: context, worker: worker, print: !noPrint)
        }
    }

    /// Shows a till report and sends it through the print queue.
    static func output(_ report: TillReport, closing: Bool, context: Context, worker: PrintWorker, print: Bool) throws {
        let text = try context.attempt {
            print ? try worker.queueTillReport(report, closing: closing, at: context.clock.now())
                : try SlipRenderer(folder: context.config.templatesFolder, settings: context.config.cafe)
                    .render(report, closing: closing, printedAt: context.clock.now(), mode: .text).text
        }
        context.print(text, terminator: "")
        if print { _ = context.sendSlips(worker, count: 1) }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Pay cash in or out of the till, with a reason.")
        @OptionGroup var common: CommonOptions
        @Argument(help: "in or out") var direction: String
        @Argument var amount: String
        @Option var reason: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            guard direction == "in" || direction == "out" else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "direction", allowed: ["in", "out"])))
            }
            let amount = try context.amount(self.amount)
            guard amount > .zero else { throw Context.fail(context.catalog.describe(InputError.malformedAmount(self.amount))) }
            let reason = try context.attempt { try StaffMember.validatedText(self.reason, field: "reason", limit: 200) }
            let supervisor = try context.requireSupervisor(by)
            try context.attempt { try context.database.moveCash(direction, amount: amount, reason: reason, supervisor: supervisor, at: context.clock.now()) }
            context.print(direction == "in" ? context.catalog.pick("Kas masuk \(amount.formatted).", "Paid in \(amount.formatted).")
                                            : context.catalog.pick("Kas keluar \(amount.formatted).", "Paid out \(amount.formatted)."))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Close the till with a blind count: the expected cash is shown only after the count.")
        @OptionGroup var common: CommonOptions
        @Option(help: "The drawer counted by denomination, e.g. 100000x2,50000x3,2000x4.") var count: String
        @Option var by: String?
        @Flag(help: "Confirm without asking (scripts).") var yes = false
        @Option var format: OutputFormat = .text

        struct Figures: Encodable {
            var till: Int64
            var expectedCash: Int64
            var countedCash: Int64
            var variance: Int64
            var cashSales: Int64
            var qrisSales: Int64
            var journalHead: String
            var backup: String?
        }

        func run() throws {
            let context = try Context.open(common)
            let counted = try context.attempt { try CashCount.parse(count, denominations: context.config.cafe.denominations) }
            let supervisor = try context.requireSupervisor(by)
            let preview = try context.attempt { () throws -> TillReport in
                guard let till = try context.database.openTill() else { throw TillError.noOpenTill }
                return try context.database.tillReport(id: till.id)
            }
            let catalog = context.catalog
            let variance = preview.figures.variance(counted: counted.total)
            FileHandle.standardError.write(Data(catalog.pick(
                "Dihitung \(counted.total.formatted) · seharusnya \(preview.figures.expectedCash.formatted) · selisih \(variance.formatted)\n",
                "Counted \(counted.total.formatted) · expected \(preview.figures.expectedCash.formatted) · variance \(variance.formatted)\n").utf8))
            guard context.confirm(catalog.pick("Tutup kas?", "Close the till?"), yes: yes) else {
                throw Context.fail(catalog.pick("Kas tidak ditutup.", "The till was not closed."))
            }
            let report = try context.attempt { try context.database.closeTill(count: counted, supervisor: supervisor, at: context.clock.now()) }
            let backup = try? context.database.createBackup(in: context.backupFolder, keep: context.config.cafe.backupsKept, at: context.clock.now())
            if backup == nil {
                FileHandle.standardError.write(Data(catalog.pick("Cadangan gagal dibuat di \(context.backupFolder.path).\n",
                                                                 "The backup could not be written to \(context.backupFolder.path).\n").utf8))
            }
            let worker = context.printWorker()
            switch format {
            case .json:
                context.print(JSONOutput.encode(Figures(
                    till: report.session.id, expectedCash: report.session.expectedCash?.value ?? 0,
                    countedCash: report.session.countedCash?.value ?? 0, variance: report.session.variance?.value ?? 0,
                    cashSales: report.figures.cashSales.value, qrisSales: report.figures.qrisSales.value,
                    journalHead: report.journalHead, backup: backup?.path)))
                try TillCommand.output(report, closing: true, context: context.silenced, worker: worker, print: true)
            case .text:
                try TillCommand.output(report, closing: true, context: context, worker: worker, print: true)
            }
        }
    }

    struct Duty: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take over the duty of the open till with your own PIN.")
        @OptionGroup var common: CommonOptions
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let supervisor = try context.requireSupervisor(by)
            try context.attempt { try context.database.takeOverDuty(supervisor: supervisor, at: context.clock.now()) }
            context.print(context.catalog.pick("\(supervisor) kini bertugas.", "\(supervisor) is now on duty."))
        }
    }

    struct NoSale: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "no-sale", abstract: "Open the cash drawer without a sale.")
        @OptionGroup var common: CommonOptions
        @Option var reason: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let reason = try context.attempt { try StaffMember.validatedText(self.reason, field: "reason", limit: 200) }
            let supervisor = try context.requireSupervisor(by)
            let kick = EscPosEncoder.encode(SlipDocument(elements: [.openDrawer], columns: context.config.cafe.receiptColumns), mode: .escpos)
            try context.attempt { try context.database.recordNoSale(reason: reason, supervisor: supervisor, drawerKick: kick, at: context.clock.now()) }
            _ = context.sendSlips(context.printWorker(), count: 1)
            context.print(context.catalog.pick("Laci dibuka (tanpa penjualan), disetujui \(supervisor).", "Drawer opened (no sale), approved by \(supervisor)."))
        }
    }
}
