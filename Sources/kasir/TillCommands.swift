import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

struct TillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "till", abstract: HelpText.pick(
            "Buka kas, kas masuk/keluar, laporan, dan tutup kas.",
            "Open, move, report on and close the till."),
        subcommands: [Open.self, X.self, Move.self, Close.self, Recount.self, Duty.self, NoSale.self])

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "open", abstract: HelpText.pick(
            "Buka kas dengan modal awal.",
            "Open the till with a float."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Modal awal sebagai jumlah.", "The float as an amount.")) var float: String?
        @Option(help: HelpText.help(
            "Modal awal dihitung per pecahan, mis. 50000x2,10000x5.",
            "The float counted by denomination, e.g. 50000x2,10000x5.")) var count: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let counted = try count.map { text in try CashCount.parse(text, denominations: context.config.cafe.denominations) }
            guard let amount = try float.map({ try context.amount($0) }) ?? counted?.total else {
                throw InputError.floatRequired
            }
            let approver = try context.requireSupervisor(by)
            let till = try context.actions.openTill(float: amount, count: counted, by: approver)
            context.print(context.catalog.tillOpened(till.id, float: amount, by: approver.code))
        }
    }

    struct X: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "x",
            abstract: HelpText.pick(
                "Cetak laporan X kas yang terbuka (tidak menutup apa pun; tanpa angka kas, jadi tutup kas tetap buta).",
                "Print an X report of the open till (nothing is closed; no cash figures, so the close stays blind)."))
        @OptionGroup var common: CommonOptions
        @Flag(help: HelpText.help("Tampilkan saja, jangan cetak.", "Show it only, do not print.")) var noPrint = false

        func run() throws {
            let context = try Context.open(common)
            let actions = context.actions
            if noPrint {
                guard let till = try context.database.openTill() else { throw TillError.noOpenTill }
                let text = try actions.printer.renderer.render(try context.database.tillReport(id: till.id), closing: false,
                                                              printedAt: context.clock.now(), mode: .text).text
                context.print(text, terminator: "")
                return
            }
            let text = try actions.xReport().text
            context.print(text, terminator: "")
            context.sendSlips(actions.printer, count: 1)
        }
    }

    struct Move: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "move", abstract: HelpText.pick(
            "Kas masuk atau keluar, dengan alasan.",
            "Pay cash in or out of the till, with a reason."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("in (masuk) atau out (keluar)", "in or out")) var direction: String
        @Argument(help: HelpText.help("Jumlahnya, mis. 50.000.", "The amount, e.g. 50.000.")) var amount: String
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let direction = try CashDirection.typed(self.direction, field: "direction")
            let amount = try context.amount(self.amount)
            guard amount > .zero else { throw InputError.malformedAmount(self.amount) }
            _ = try CafeActions.reason(self.reason)
            let approver = try context.requireSupervisor(by)
            try context.actions.moveCash(direction, amount: amount, reason: reason, by: approver)
            context.print(context.catalog.cashMoved(direction, amount: amount, by: approver.code))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close",
            abstract: HelpText.pick(
                "Tutup kas dengan hitungan buta: hitungan disimpan dulu, uang yang seharusnya ada ditampilkan sesudahnya.",
                "Close the till with a blind count: the count is committed first, the expected cash shown after."),
            discussion: HelpText.pick(
                "Di terminal hitungan dikonfirmasi sebelum disimpan; dari skrip hanya baris PIN yang dibaca.",
                "On a terminal the count is confirmed before it is committed; from a script only the PIN line is read."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help(
            "Isi laci dihitung per pecahan, mis. 100000x2,50000x3,2000x4.",
            "The drawer counted by denomination, e.g. 100000x2,50000x3,2000x4."))
        var count: String
        @Option(help: HelpText.by) var by: String?
        @Flag(help: HelpText.help("Jangan minta konfirmasi hitungan di terminal.", "Do not ask to confirm the count on a terminal.")) var yes = false
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Figures: Encodable {
            var till: Int64
            var expectedCash: Int64
            var countedCash: Int64
            var variance: Int64
            var cashSales: Int64
            var qrisSales: Int64
            var cashRefunds: Int64
            var journalHead: String
            var backup: String?
        }

        func run() throws {
            let context = try Context.open(common)
            let counted = try CashCount.parse(count, denominations: context.config.cafe.denominations)
            let approver = try context.requireSupervisor(by)
            guard try context.database.openTill() != nil else { throw TillError.noOpenTill }
            guard yes || context.confirmOnTerminal(context.catalog.countConfirmation(counted.total)) else {
                throw TillError.countNotConfirmed
            }
            let actions = context.actions
            let outcome = try actions.closeTill(count: counted, by: approver)
            if case .failure(let error) = outcome.backup { context.warn(context.catalog.backupFailed(error)) }
            let session = outcome.report.session
            switch format {
            case .json:
                try context.printJSON(Figures(
                    till: session.id, expectedCash: session.expectedCash?.value ?? 0, countedCash: session.countedCash?.value ?? 0,
                    variance: session.variance?.value ?? 0, cashSales: outcome.report.figures.cashSales.value,
                    qrisSales: outcome.report.figures.qrisSales.value, cashRefunds: outcome.report.figures.cashRefunds.value,
                    journalHead: outcome.report.journalHead, backup: try? outcome.backup.get().path))
            case .text:
                context.print(context.catalog.tillClosed(outcome.report))
                // Where the close's backup went, beside the Z report that names the same time.
                if case .success(let path) = outcome.backup { context.print(context.catalog.backupWritten(path.path)) }
                context.print(outcome.text, terminator: "")
            }
            context.sendSlips(actions.printer, count: 1)
        }
    }

    struct Recount: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recount",
            abstract: HelpText.pick(
                "Hitung ulang laci kas terakhir yang ditutup: hitungan baru yang dijurnal, di samping hitungan buta.",
                "Count the drawer of the last closed till again: a new, journaled count beside the blind one."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Isi laci dihitung per pecahan.", "The drawer counted by denomination.")) var count: String
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let counted = try CashCount.parse(count, denominations: context.config.cafe.denominations)
            let approver = try context.requireSupervisor(by)
            let actions = context.actions
            let outcome = try actions.recount(count: counted, by: approver)
            context.print(context.catalog.recounted(outcome.counted, expected: outcome.expected, till: outcome.report.session.id))
            context.sendSlips(actions.printer, count: 1)
        }
    }

    struct Duty: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "duty", abstract: HelpText.pick(
                "Ambil alih tugas kas yang terbuka dengan PIN sendiri.",
                "Take over the duty of the open till with your own PIN."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.requireSupervisor(by)
            try context.actions.takeOverDuty(by: approver)
            context.print(context.catalog.onDuty(approver.code))
        }
    }

    struct NoSale: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "no-sale", abstract: HelpText.pick(
            "Buka laci tanpa penjualan.",
            "Open the cash drawer without a sale."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            _ = try CafeActions.reason(self.reason)
            let approver = try context.requireSupervisor(by)
            let actions = context.actions
            let kicked = try actions.noSale(reason: reason, by: approver)
            if kicked { context.sendSlips(actions.printer, count: 1) }
            context.print(context.catalog.drawerOpened(by: approver.code, kicked: kicked))
        }
    }
}
