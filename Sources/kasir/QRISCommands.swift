import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

/// QRIS payments: a static QRIS payment is only what the barista typed until it is confirmed;
/// a month's premi is closed only once each is confirmed or written off.
struct QRISCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qris", abstract: HelpText.pick(
            "Pembayaran QRIS: konfirmasi (uangnya sudah masuk) atau hapus buku, sebelum premi bulannya ditutup.",
            "QRIS payments: confirm them (the money arrived) or write them off, before their month's premi is closed."),
        subcommands: [Confirm.self, WriteOff.self, List.self, Reconcile.self])

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "confirm", abstract: HelpText.pick(
                "Konfirmasi pembayaran QRIS satu pesanan atau satu referensi: uangnya sudah masuk rekening kafe (PIN petugas; dijurnal).",
                "Confirm the QRIS payments of an order, or the one with a reference: the money reached the café's account (a supervisor's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Pesanannya, YYYY-MM-DD#N, mis. 2026-11-29#3.", "The order, YYYY-MM-DD#N, e.g. 2026-11-29#3.")) var order: String?
        @Option(help: HelpText.help("Referensi QRIS-nya.", "The QRIS reference.")) var reference: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            guard (order == nil) != (reference == nil) else { throw InputError.orderOrReferenceRequired }
            let selector: QRISSelector
            if let order {
                let named = try CafeActions.orderReference(order)
                selector = .order(day: named.day, number: named.number)
            } else {
                selector = .reference(try Tender.reference(reference ?? ""))
            }
            let approver = try context.requireSupervisor(by)
            let confirmed = try context.actions.confirmQRIS(selector, by: approver)
            for payment in confirmed { context.print(context.catalog.qrisConfirmed(payment, by: approver.code)) }
        }
    }

    struct WriteOff: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-off", abstract: HelpText.pick(
                "Hapus buku pembayaran QRIS satu bulan yang tidak pernah dikonfirmasi: keluar dari pendapatan dan premi (PIN admin; dijurnal).",
                "Write off a month's QRIS payments that were never confirmed: out of revenue and premi (an admin's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM, bulan yang sudah selesai.", "YYYY-MM, a month that is over.")) var month: String
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let month = try BusinessMonth.parse(self.month)
            // The reason before the PIN: no PIN is spent on an act that cannot be done.
            _ = try CafeActions.reason(reason)
            let admin = try context.requireAdmin(by)
            let tally = try context.actions.writeOffQRIS(month: month, reason: reason, by: admin)
            context.print(context.catalog.qrisWrittenOff(month: month, tally, by: admin.code))
        }
    }

    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconcile", abstract: HelpText.pick(
                "Impor laporan settlement acquirer (CSV): tiap baris dicocokkan dengan pembayaran QRIS menurut referensi dan nominal, "
                    + "yang cocok dikonfirmasi dan biaya MDR-nya dicatat (PIN petugas; dijurnal).",
                "Import the acquirer's settlement report (CSV): each line is matched to a QRIS payment by reference and amount, "
                    + "matched ones are confirmed and their MDR recorded (a supervisor's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Berkas CSV laporan settlement.", "The settlement report's CSV file.")) var file: String
        @Option(help: HelpText.help(
            "Tata letak laporan di config/settlement.toml, mis. kasir atau xendit-billing (bawaan: default di berkas itu).",
            "The report's layout in config/settlement.toml, e.g. kasir or xendit-billing (default: that file's default).")) var mapping: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            // The file before the PIN: no PIN is spent on a file that cannot be imported.
            let settlement = try context.actions.readSettlement(file: URL(fileURLWithPath: file), mapping: mapping)
            let approver = try context.requireSupervisor(by)
            let summary = try context.actions.reconcileQRIS(settlement, by: approver)
            for line in context.catalog.settlementSummary(summary) { context.print(line) }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: HelpText.pick(
                "Pembayaran QRIS satu bulan dan statusnya: belum dikonfirmasi, dikonfirmasi, dihapusbukukan.",
                "A month's QRIS payments and where each stands: unconfirmed, confirmed, written off."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("YYYY-MM", "YYYY-MM")) var month: String
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Row: Encodable {
            var order: String
            var reference: String?
            var amount: Int64
            /// `unconfirmed`, `confirmed` or `written_off`.
            var status: String
        }

        func run() throws {
            let context = try Context.open(common)
            let month = try BusinessMonth.parse(self.month)
            let payments = try context.database.qrisPayments(month: month)
            switch format {
            case .json:
                try context.printJSON(payments.map {
                    Row(order: "\($0.day)#\($0.number)", reference: $0.reference, amount: $0.amount.value, status: $0.status.rawValue)
                })
            case .text:
                for payment in payments { context.print(context.catalog.qrisLine(payment)) }
            }
        }
    }
}
