import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirConfig
import KasirCore
import KasirStore
import KasirTerminal

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: HelpText.pick(
            "Catat, tampilkan, daftar, batalkan dan refund pesanan.",
            "Take, show, list, void and refund orders."),
        subcommands: [New.self, Show.self, List.self, VoidOrder.self, Refund.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: HelpText.pick(
                "Catat pesanan yang dibayar (atau gratis, dengan diskon 100% yang disetujui).",
                "Record a paid (or, with an approved 100% discount, complimentary) order."),
            discussion: HelpText.pick(
                "Contoh: kasir order new --server W01 --item KSGA:2:ukuran=L,gula=sedikit --item PGR --pay cash:100000. Beberapa pilihan satu grup: --item KSGA:1:tambahan=shot,vanila.",
                "Example: kasir order new --server W01 --item KSGA:2:size=L,sugar=less --item PGR --pay cash:100000. Several options of one group: --item KSGA:1:extra=shot,vanilla."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("WBP yang melayani pesanan.", "The WBP who serves the order.")) var server: String
        @Option(name: .customLong("item"), help: HelpText.help(
            "KODE[:JML[:GRUP=PILIHAN,...]], boleh diulang; beberapa pilihan satu grup: GRUP=A,B.",
            "CODE[:QTY[:GROUP=OPTION,...]], repeatable; several options of one group: GROUP=A,B."))
        var items: [String] = []
        @Option(name: .customLong("pay"), help: HelpText.help(
            "cash:JUMLAH atau qris:JUMLAH:REF, boleh diulang untuk pembayaran terpisah; tanpa --pay untuk pesanan Rp0.",
            "cash:AMOUNT or qris:AMOUNT:REF, repeatable for split tender; none for a Rp0 order."))
        var payments: [String] = []
        @Option(help: HelpText.help(
            "WBP yang membuat menunya (bawaan: yang melayani).",
            "The WBP who made the items (default: the server).")) var maker: String?
        @Option(help: HelpText.help("dine-in atau takeaway", "dine-in or takeaway")) var type: String = "dine-in"
        @Option(help: HelpText.help("Catatan pesanan.", "A note on the order.")) var note: String?
        @Option(help: HelpText.help(
            "Diskon pesanan, 10% atau jumlah; perlu --reason dan --by.",
            "A discount on the order, 10% or an amount; needs --reason and --by."))
        var discount: String?
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.format) var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            try context.ensureMenu()
            var approval: Approval?
            if let discount {
                _ = try Discount.parse(discount)
                let why = try CafeActions.reason(self.reason)
                let approver = try context.requireSupervisor(by)
                approval = Approval(supervisorCode: approver.code, reason: why, at: context.clock.now())
            }
            let actions = context.actions
            let slips = context.config.cafe.printer.slipsPerOrder
            let menu = try actions.menuAsTyped()
            guard let type = OrderType(rawValue: type) else { throw InputError.notOneOf(field: "type", allowed: OrderType.allCases.map(\.rawValue)) }
            let serverCode = try StaffMember.parseCode(server)
            let makerCode = try maker.map { try StaffMember.parseCode($0) }
            var draft = OrderDraft(serverCode: serverCode, type: type)
            if let note { try draft.setNote(note) }
            for item in items {
                try draft.add(OrderLine(spec: ItemSpec.parse(item), menu: menu, makerCode: makerCode == serverCode ? nil : makerCode))
            }
            if let discount, let approval { try draft.applyDiscount(try Discount.parse(discount), line: nil, approval: approval) }
            let order = try actions.sell(draft, tenders: try payments.map { try Tender.parse($0) }, slips: slips, enteredBy: Locations.systemUser)
            // The order is safe before any slip is sent: say so first.
            defer { context.sendSlips(actions.printer, count: slips.count) }
            switch format {
            case .json: try context.printJSON(OrderJSON(order))
            case .text: context.print(context.catalog.orderRecorded(order))
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: HelpText.pick("Tampilkan satu pesanan.", "Show one order."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Nomor pesanan hari itu.", "The order's number of the day.")) var number: Int
        @Option(help: HelpText.day) var day: String?
        @Option(help: HelpText.format) var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            guard let order = try context.database.order(day: day, number: number) else {
                throw StoreError.orderNotFound(day: day.description, number: number)
            }
            switch format {
            case .json: try context.printJSON(OrderJSON(order))
            case .text:
                context.print(OrderView(catalog: context.catalog).order(order, calendar: context.config.cafe.calendar, pricing: context.config.cafe.pricing))
            }
        }
    }

    struct VoidOrder: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "void",
            abstract: HelpText.pick(
                "Batalkan pesanan lunas dari kas yang terbuka yang belum direfund sedikit pun (petugas, dengan alasan).",
                "Void a paid order of the open till that nothing was refunded of (supervisor, with a reason)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Nomor pesanan hari itu.", "The order's number of the day.")) var number: Int
        @Option(help: HelpText.day) var day: String?
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            _ = try CafeActions.reason(self.reason)
            let approver = try context.requireSupervisor(by)
            let order = try context.actions.voidOrder(day: day, number: number, reason: reason, by: approver)
            context.print(context.catalog.orderVoided(number, by: approver.code, payments: order.payments))
        }
    }

    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "refund",
            abstract: HelpText.pick(
                "Refund pesanan, seluruhnya atau beberapa baris, kembali lewat cara bayarnya (petugas, dengan alasan).",
                "Refund an order, whole or some lines, back the way it was paid (supervisor, with a reason)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Nomor pesanan hari itu.", "The order's number of the day.")) var number: Int
        @Option(help: HelpText.day) var day: String?
        @Option(name: .customLong("line"), help: HelpText.help(
            "Baris yang direfund, BARIS atau BARIS:JML, boleh diulang; tanpa --line: semua yang tersisa.",
            "A line to refund, LINE or LINE:QTY, repeatable; none: all that is left."))
        var lines: [String] = []
        @Flag(name: .customLong("qris-cash"), help: HelpText.help(
            "Bagian QRIS dibayar kembali tunai dari laci (tercetak dan dijurnal begitu).",
            "Pay the QRIS part back in cash from the drawer (printed and journaled as such)."))
        var qrisAsCash = false
        @Option(help: HelpText.reason) var reason: String?
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.help(
            "Petugas kedua, lain dari --by: perlu untuk pesanan dari kas yang sudah ditutup dan untuk --qris-cash; PIN-nya dibaca sesudah PIN --by.",
            "A second supervisor, not the --by one: needed for an order of a closed till and for --qris-cash; their PIN is read after the --by one's."))
        var second: String?
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Result: Encodable {
            struct Part: Encodable {
                var method: String
                var tender: String
                var reference: String?
                var amount: Int64
            }
            var number: Int
            var day: String
            var refunded: Int64
            var tax: Int64
            var cash: Int64
            /// What the cash rounding added to (positive) or took off (negative) `refunded`.
            var rounding: Int64
            var parts: [Part]
        }

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let picks = try lines.map { try RefundPick.parse($0) }
            _ = try CafeActions.reason(self.reason)
            let actions = context.actions
            // A second supervisor missing where the refund needs one, or the same as --by, is
            // refused before any PIN is asked.
            try actions.checkRefundApprovers(day: day, number: number, picks: picks, qrisAsCash: qrisAsCash, first: by, second: second)
            let approver = try context.requireSupervisor(by)
            let secondApprover = try second.map { try context.requireSupervisor($0) }
            let (refund, _) = try actions.refund(day: day, number: number, picks: picks, qrisAsCash: qrisAsCash, reason: reason, by: approver,
                                                 second: secondApprover)
            defer { context.sendSlips(actions.printer, count: 1) }
            switch format {
            case .json:
                try context.printJSON(Result(
                    number: number, day: day.description, refunded: refund.plan.amount.value, tax: refund.plan.tax.value,
                    cash: refund.plan.cashOut.value, rounding: refund.plan.rounding.value,
                    parts: refund.plan.parts.map {
                        .init(method: $0.paidOut.rawValue, tender: $0.tender.rawValue, reference: $0.reference, amount: $0.amount.value)
                    }))
            case .text: context.print(context.catalog.refunded(refund))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: HelpText.pick(
            "Daftar pesanan satu hari.",
            "List the orders of a day."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.day) var day: String?
        @Option(help: HelpText.format) var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let orders = try context.database.orders(day: day)
            switch format {
            case .json: try context.printJSON(orders.map(OrderJSON.init))
            case .text:
                let calendar = context.config.cafe.calendar
                for order in orders {
                    let fields = ["#\(order.number)", calendar.clockTime(of: order.createdAt), order.server.code,
                                  order.type.rawValue, order.totals.total.formatted, order.status.rawValue]
                        + (order.refunded > .zero && order.status == .paid ? [context.catalog.label(.refunded) + " " + order.refunded.formatted] : [])
                    context.print(fields.joined(separator: "\t"))
                }
                if orders.isEmpty { context.print(context.catalog.noOrdersOn(day)) }
            }
        }
    }
}
