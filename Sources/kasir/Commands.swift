import ArgumentParser
import Foundation
import KasirActions
import KasirCatalog
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal

struct CounterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "counter", abstract: "Open the interactive counter.")
    @OptionGroup var common: CommonOptions
    @Flag(name: .customLong("after-crash"), help: .hidden) var afterCrash = false
    @Flag(help: "A kiosk's counter: never registers the first supervisor itself.") var kiosk = false

    func run() throws {
        let context = try Context.open(common, concurrentReads: true)
        try context.ensureMenu()
        let actions = context.actions
        let printing = BackgroundPrinting(worker: actions.printer)
        let prompter = StandardPrompter()
        defer { prompter.restore() }
        let counter = Counter(actions: actions, prompter: prompter, printing: printing)
        counter.restartedAfterCrash = afterCrash
        counter.setUpAllowed = !kiosk
        let status = counter.run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database, import the menu, and register the first supervisor (an admin).",
        discussion: "On a database that exists already, init changes nothing: supervisors use their own commands from then on.")
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("supervisor-code")) var supervisorCode: String?
    @Option(name: .customLong("supervisor-name")) var supervisorName: String?
    @Option(name: .customLong("supervisor-nip")) var supervisorNIP: String?

    func run() throws {
        let context = try Context.open(common)
        let catalog = context.catalog
        if try context.attempt({ try context.database.hasSupervisors() }) {
            guard supervisorCode == nil else { throw Context.fail(catalog.firstSupervisorExists) }
            context.print(catalog.databaseAlreadyReady(context.database.path))
            return
        }
        var approver: Approver?
        if let supervisorCode {
            let member = try context.attempt { () throws -> StaffMember in
                StaffMember(
                    code: try StaffMember.parseCode(supervisorCode), role: .admin,
                    name: try StaffMember.validatedText(supervisorName ?? "", field: "supervisor-name"),
                    alias: try StaffMember.parseCode(supervisorCode), nip: try supervisorNIP.map { try StaffMember.validatedText($0, field: "nip", limit: 30) })
            }
            let pin = try context.newPIN(for: member.code)
            approver = try context.attempt { try context.gate.firstSupervisor(member, pin: pin) }
            context.print(catalog.supervisorRegistered(member.code))
        }
        // Only a new database gets the configured menu here; after that, `menu import --by`.
        if (try? context.database.menu()) == nil {
            let summary = try context.attempt { try context.database.importMenu(context.config.menu, approvedBy: approver?.code, at: context.clock.now()) }
            context.print(catalog.menuImported(summary))
        }
        context.print(catalog.databaseReady(context.database.path))
    }
}

struct MenuCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "menu", abstract: "Show, import, or mark items sold out.", subcommands: [List.self, Import.self, Available.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Show the menu the counter sells.")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            try context.ensureMenu()
            let menu = try context.attempt { try context.database.menu() }
            switch format {
            case .json:
                try context.printJSON(menu)
            case .text:
                let view = OrderView(catalog: context.catalog)
                for category in menu.categories {
                    context.print(category.name)
                    for item in menu.items where item.category == category.code {
                        let label = "\(item.code.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.name)"
                            + (item.modifierGroups.isEmpty ? "" : " [\(item.modifierGroups.joined(separator: ","))]")
                        context.print(view.row(label, item.available ? item.price.formatted : context.catalog.soldOut))
                    }
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: "Copy config/menu.toml into the database.")
        @OptionGroup var common: CommonOptions
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.authorize(by)
            let summary = try context.attempt { try context.database.importMenu(context.config.menu, approvedBy: approver?.code, at: context.clock.now()) }
            context.print(context.catalog.menuImported(summary))
        }
    }

    struct Available: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "available", abstract: "Mark an item sold out (off) or back (on), journaled.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Argument(help: "on or off") var state: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            guard ["on", "off"].contains(state) else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "state", allowed: ["on", "off"])))
            }
            let approver = try context.requireSupervisor(by)
            try context.attempt { try context.actions.setAvailability(of: code, available: state == "on", by: approver) }
            context.print(context.catalog.availabilitySet(code.uppercased(), available: state == "on"))
        }
    }
}

struct NoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "note", abstract: "Record a supervisor's coaching note about a WBP.")
    @OptionGroup var common: CommonOptions
    @Argument var code: String
    @Option var text: String
    @Option var by: String?

    func run() throws {
        let context = try Context.open(common)
        let code = try context.attempt { try StaffMember.parseCode(self.code) }
        let approver = try context.requireSupervisor(by)
        try context.attempt { try context.actions.addNote(about: code, text: text, by: approver) }
        context.print(context.catalog.noteRecorded(code))
    }
}

struct SecurityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "security", abstract: "The PIN lockout, supervisor idle time and backdating limit, kept in the database.",
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the policy in force.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            context.print(context.catalog.policy(try context.attempt { try context.database.securityPolicy() }))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: "Change the policy (an admin's PIN; journaled).")
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("pin-attempts")) var attempts: Int?
        @Option(name: .customLong("pin-lockout-minutes")) var minutes: Int?
        @Option(name: .customLong("supervisor-idle-seconds")) var idle: Int?
        @Option(name: .customLong("max-backdate-days")) var backdate: Int?
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let current = try context.attempt { try context.database.securityPolicy() }
            let policy = try context.attempt {
                try SecurityPolicy(
                    pinAttempts: attempts ?? current.pinAttempts, pinLockoutMinutes: minutes ?? current.pinLockoutMinutes,
                    supervisorIdleSeconds: idle ?? current.supervisorIdleSeconds, maxBackdateDays: backdate ?? current.maxBackdateDays)
            }
            let admin = try context.requireAdmin(by)
            try context.attempt { try context.database.setSecurityPolicy(policy, admin: admin.code, at: context.clock.now()) }
            context.print(context.catalog.policy(policy))
        }
    }
}
