import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal

struct CounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "counter", abstract: "Open the interactive counter.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = try Context.open(common)
        try context.ensureMenu()
        let printing = BackgroundPrinting(worker: context.printWorker())
        let counter = Counter(
            database: context.database, settings: context.config.cafe, clock: context.clock, prompter: StandardPrompter(),
            printing: printing)
        let status = counter.run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "Create the database and import the menu.")
    @OptionGroup var common: CommonOptions

    func run() throws {
        let context = try Context.open(common)
        let summary = try context.attempt { try context.database.importMenu(context.config.menu, at: context.clock.now()) }
        let catalog = context.catalog
        context.print(catalog.pick("Basis data siap", "Database ready") + ": \(context.database.path)")
        context.print(MenuCommand.Import.describe(summary, catalog: catalog))
    }
}

struct MenuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "menu", abstract: "Show or import the menu.", subcommands: [List.self, Import.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the menu the counter sells.")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            try context.ensureMenu()
            let menu = try context.attempt { try context.database.menu() }
            switch format {
            case .json:
                context.print(OrderJSON.encode(menu))
            case .text:
                let view = OrderView(catalog: context.catalog)
                for category in menu.categories {
                    context.print(category.name)
                    for item in menu.items where item.category == category.code {
                        let label = "\(item.code.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.name)"
                            + (item.modifierGroups.isEmpty ? "" : " [\(item.modifierGroups.joined(separator: ","))]")
                        context.print(view.row(label, item.available ? item.price.formatted : context.catalog.pick("habis", "sold out")))
                    }
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Copy config/menu.toml into the database.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let summary = try context.attempt { try context.database.importMenu(context.config.menu, at: context.clock.now()) }
            context.print(Self.describe(summary, catalog: context.catalog))
        }

        static func describe(_ summary: MenuImportSummary, catalog: Catalog) -> String {
            func list(_ codes: [String]) -> String { codes.isEmpty ? "-" : codes.joined(separator: ", ") }
            return catalog.pick(
                "Menu: baru \(list(summary.added)); harga berubah \(list(summary.repriced)); ditarik \(list(summary.withdrawn)); tetap \(summary.unchanged).",
                "Menu: added \(list(summary.added)); repriced \(list(summary.repriced)); withdrawn \(list(summary.withdrawn)); unchanged \(summary.unchanged).")
        }
    }
}

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Register and list baristas.", subcommands: [Add.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a WBP as a barista.")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option var registration: String
        @Option var name: String
        @Option var alias: String
        @Option(help: "active, released or suspended") var status: String = "active"

        func run() throws {
            let context = try Context.open(common)
            let member = try context.attempt { () throws -> StaffMember in
                guard let status = StaffStatus(rawValue: status) else {
                    throw InputError.malformedText(field: "status (active|released|suspended)")
                }
                return StaffMember(
                    code: try StaffMember.parseCode(code), role: .barista,
                    name: try StaffMember.validatedText(name, field: "name"),
                    alias: try StaffMember.validatedText(alias, field: "alias", limit: 20),
                    registration: try StaffMember.validatedText(registration, field: "registration", limit: 40),
                    status: status)
            }
            try context.attempt { try context.database.addStaff(member, at: context.clock.now()) }
            context.print(context.catalog.pick("Barista \(member.alias) (\(member.code)) terdaftar.", "Barista \(member.alias) (\(member.code)) registered."))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List everyone registered.")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            let staff = try context.attempt { try context.database.allStaff() }
            switch format {
            case .json:
                context.print(OrderJSON.encode(staff))
            case .text:
                for member in staff {
                    let fields = [member.code, member.role.rawValue, member.alias, member.name,
                                  member.registration ?? member.nip ?? "-", context.catalog.statusName(member.status)]
                    context.print(fields.joined(separator: "\t"))
                }
            }
        }
    }
}
