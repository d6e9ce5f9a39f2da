import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirStore
import KasirTerminal

struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order", abstract: "Take, show and list orders.", subcommands: [New.self, Show.self, List.self, Void.self, Refund.self])

    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a paid order.",
            discussion: "Example: kasir order new --server W01 --item KSGA:2:size=L,sugar=less --item PGR --pay cash:100000")
        @OptionGroup var common: CommonOptions
        @Option(help: "The WBP who serves the order.") var server: String
        @Option(name: .customLong("item"), help: "CODE[:QTY[:GROUP=OPTION,...]], repeatable.") var items: [String] = []
        @Option(name: .customLong("pay"), help: "cash:AMOUNT or qris:AMOUNT:REF, repeatable for split tender.") var payments: [String] = []
        @Option(help: "The WBP who made the items (default: the server).") var maker: String?
        @Option(help: "dine-in or takeaway") var type: String = "dine-in"
        @Option var note: String?
        @Option(help: "A discount on the order, 10% or an amount; needs --reason and --by.") var discount: String?
        @Option var reason: String?
        @Option var by: String?
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            try context.ensureMenu()
            var approval: Approval?
            if let discount {
                _ = try context.attempt { try Discount.parse(discount) }
                let why = try context.attempt { try StaffMember.validatedText(self.reason ?? "", field: "reason", limit: 200) }
                let supervisor = try context.requireSupervisor(by)
                approval = Approval(supervisorCode: supervisor, reason: why, at: context.clock.now())
            }
            let worker = context.printWorker()
            let slips = context.config.cafe.printer.slipsPerOrder
            let order = try context.attempt { () throws -> RecordedOrder in
                let menu = try context.database.menu()
                guard let type = OrderType(rawValue: type) else { throw InputError.notOneOf(field: "type", allowed: ["dine-in", "takeaway"]) }
                let serverCode = try StaffMember.parseCode(server)
                let makerCode = try maker.map { try StaffMember.parseCode($0) }
                var draft = OrderDraft(serverCode: serverCode, type: type)
                if let note { try draft.setNote(note) }
                for item in items {
                    try draft.add(OrderLine(spec: ItemSpec.parse(item), menu: menu, makerCode: makerCode == serverCode ? nil : makerCode))
                }
                if let discount, let approval { try draft.applyDiscount(try Discount.parse(discount), line: nil, approval: approval) }
                let tenders = try payments.map { try Tender.parse($0) }
                return try context.database.recordOrder(
                    draft, tenders: tenders, pricing: context.config.cafe.pricing, calendar: context.config.cafe.calendar,
                    at: context.clock.now(), printJobs: slips)
            }
            // The order is safe before any slip is sent: say so first.
            defer { _ = context.sendSlips(worker, count: slips.count) }
            switch format {
            case .json: context.print(JSONOutput.encode(OrderJSON(order)))
            case .text:
                let catalog = context.catalog
                var line = catalog.pick("Pesanan", "Order") + " #\(order.number) (\(order.day)) " + catalog.pick("tersimpan", "saved")
                    + " · Total \(order.totals.total.formatted)"
                if order.change > .zero { line += " · " + catalog.pick("Kembalian", "Change") + " \(order.change.formatted)" }
                context.print(line)
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one order.")
        @OptionGroup var common: CommonOptions
        @Argument var number: Int
        @Option(help: "YYYY-MM-DD, a WITA day (default: today).") var day: String?
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let order = try context.attempt { () throws -> RecordedOrder in
                guard let order = try context.database.order(day: day, number: number) else {
                    throw StoreError.orderNotFound(day: day.description, number: number)
                }
                return order
            }
            switch format {
            case .json: context.print(JSONOutput.encode(OrderJSON(order)))
            case .text:
                let view = OrderView(catalog: context.catalog)
                context.print(view.order(order, calendar: context.config.cafe.calendar, pricing: context.config.cafe.pricing))
            }
        }
    }

    struct Void: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Void a paid order of the open till (supervisor, with a reason).")
        @OptionGroup var common: CommonOptions
        @Argument var number: Int
        @Option var day: String?
        @Option var reason: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let reason = try context.attempt { try StaffMember.validatedText(self.reason, field: "reason", limit: 200) }
            let supervisor = try context.requireSupervisor(by)
            try context.attempt { try context.database.voidOrder(day: day, number: number, reason: reason, supervisor: supervisor, at: context.clock.now()) }
            context.print(context.catalog.pick("Pesanan #\(number) dibatalkan, disetujui \(supervisor).", "Order #\(number) voided, approved by \(supervisor)."))
        }
    }

    struct Refund: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Refund a paid order, whole or some lines (supervisor, with a reason).")
        @OptionGroup var common: CommonOptions
        @Argument var number: Int
        @Option var day: String?
        @Option(name: .customLong("line"), help: "A line to refund (1-based), repeatable; none: the whole order.") var lines: [Int] = []
        @Option var reason: String
        @Option var by: String?
        @Option var format: OutputFormat = .text

        struct Result: Encodable {
            var number: Int
            var day: String
            var refunded: Int64
        }

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let reason = try context.attempt { try StaffMember.validatedText(self.reason, field: "reason", limit: 200) }
            let supervisor = try context.requireSupervisor(by)
            let amount = try context.attempt {
                try context.database.refundOrder(day: day, number: number, lines: lines, reason: reason, supervisor: supervisor, at: context.clock.now())
            }
            switch format {
            case .json: context.print(JSONOutput.encode(Result(number: number, day: day.description, refunded: amount.value)))
            case .text:
                context.print(context.catalog.pick("Refund \(amount.formatted) untuk pesanan #\(number), disetujui \(supervisor).",
                                                   "Refunded \(amount.formatted) on order #\(number), approved by \(supervisor)."))
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the orders of a day.")
        @OptionGroup var common: CommonOptions
        @Option(help: "YYYY-MM-DD, a WITA day (default: today).") var day: String?
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let day = try context.day(day)
            let orders = try context.attempt { try context.database.orders(day: day) }
            switch format {
            case .json: context.print(JSONOutput.encode(orders.map(OrderJSON.init)))
            case .text:
                let calendar = context.config.cafe.calendar
                for order in orders {
                    let fields = ["#\(order.number)", calendar.clockTime(of: order.createdAt), order.server.code,
                                  order.type.rawValue, order.totals.total.formatted, order.status.rawValue]
                    context.print(fields.joined(separator: "\t"))
                }
                if orders.isEmpty { context.print(context.catalog.pick("Belum ada pesanan pada \(day).", "No orders on \(day).")) }
            }
        }
    }
}
