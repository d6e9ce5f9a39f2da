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
            printing: printing, backupFolder: context.backupFolder)
        let status = counter.run()
        if status != 0 { throw ExitCode(status) }
    }
}

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init", abstract: "Create the database, import the menu, and register the first supervisor.")
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("supervisor-code")) var supervisorCode: String?
    @Option(name: .customLong("supervisor-name")) var supervisorName: String?
    @Option(name: .customLong("supervisor-nip")) var supervisorNIP: String?

    func run() throws {
        let context = try Context.open(common)
        let catalog = context.catalog
        var approver: String?
        if let supervisorCode {
            guard try !context.attempt({ try context.database.hasSupervisors() }) else {
                throw Context.fail(catalog.pick("Petugas pertama sudah ada: tambah petugas dengan kasir staff add-supervisor.",
                                                "The first supervisor exists: add others with kasir staff add-supervisor."))
            }
            let member = try context.attempt { () throws -> StaffMember in
                StaffMember(
                    code: try StaffMember.parseCode(supervisorCode), role: .supervisor,
                    name: try StaffMember.validatedText(supervisorName ?? "", field: "supervisor-name"),
                    alias: try StaffMember.parseCode(supervisorCode), nip: try supervisorNIP.map { try StaffMember.validatedText($0, field: "nip", limit: 30) })
            }
            let pin = try StaffCommand.newPIN(for: member.code, context: context)
            try context.attempt { try context.database.addSupervisor(member, pin: pin, approvedBy: nil, at: context.clock.now()) }
            approver = member.code
            context.print(catalog.pick("Petugas \(member.code) terdaftar.", "Supervisor \(member.code) registered."))
        }
        let summary = try context.attempt { try context.database.importMenu(context.config.menu, approvedBy: approver, at: context.clock.now()) }
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
                context.print(JSONOutput.encode(menu))
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
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.authorize(by)
            let summary = try context.attempt { try context.database.importMenu(context.config.menu, approvedBy: approver, at: context.clock.now()) }
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
        commandName: "staff", abstract: "Register baristas and supervisors.",
        subcommands: [Add.self, AddSupervisor.self, Decree.self, Status.self, List.self])

    /// Reads a new PIN: twice without echo on a terminal, once as the next line of a pipe.
    static func newPIN(for code: String, context: Context) throws -> String {
        let catalog = context.catalog
        guard let pin = Context.readPIN(catalog.pick("PIN baru \(code): ", "New PIN for \(code): ")) else {
            throw Context.fail(catalog.describe(InputError.malformedPIN))
        }
        if isatty(STDIN_FILENO) != 0, Context.readPIN(catalog.pick("Ulangi PIN: ", "Repeat the PIN: ")) != pin {
            throw Context.fail(catalog.pick("Kedua PIN tidak sama.", "The two PINs differ."))
        }
        return pin
    }

    /// `--decree NO --decree-from DATE --decree-until DATE`, all or none.
    static func decree(_ number: String?, _ from: String?, _ until: String?, context: Context) throws -> KasirCore.Decree? {
        guard number != nil || from != nil || until != nil else { return nil }
        guard let number, let from, let until else {
            throw Context.fail(context.catalog.pick("SK perlu --decree, --decree-from dan --decree-until bersama.",
                                                    "A decree needs --decree, --decree-from and --decree-until together."))
        }
        return try context.attempt { () throws -> KasirCore.Decree in
            let decree = KasirCore.Decree(
                number: try StaffMember.validatedText(number, field: "decree", limit: 80),
                validFrom: try BusinessDay.parse(from), validUntil: try BusinessDay.parse(until))
            guard decree.validFrom <= decree.validUntil else { throw InputError.malformedDate(until) }
            return decree
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a WBP as a barista.")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option var registration: String
        @Option var name: String
        @Option var alias: String
        @Option(help: "active, released or suspended") var status: String = "active"
        @Option(help: "Assimilation decree (SK) number.") var decree: String?
        @Option(name: .customLong("decree-from"), help: "YYYY-MM-DD") var decreeFrom: String?
        @Option(name: .customLong("decree-until"), help: "YYYY-MM-DD") var decreeUntil: String?
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let decree = try StaffCommand.decree(decree, decreeFrom, decreeUntil, context: context)
            let member = try context.attempt { () throws -> StaffMember in
                guard let status = StaffStatus(rawValue: status) else {
                    throw InputError.notOneOf(field: "status", allowed: ["active", "released", "suspended"])
                }
                return StaffMember(
                    code: try StaffMember.parseCode(code), role: .barista,
                    name: try StaffMember.validatedText(name, field: "name"),
                    alias: try StaffMember.validatedText(alias, field: "alias", limit: 20),
                    registration: try StaffMember.validatedText(registration, field: "registration", limit: 40),
                    status: status)
            }
            let approver = try context.authorize(by)
            try context.attempt { try context.database.addStaff(member, decree: decree, approvedBy: approver, at: context.clock.now()) }
            context.print(context.catalog.pick("Barista \(member.alias) (\(member.code)) terdaftar.", "Barista \(member.alias) (\(member.code)) registered."))
        }
    }

    struct AddSupervisor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-supervisor", abstract: "Register an officer as a supervisor; their PIN follows the approver's.")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option var nip: String
        @Option var name: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let member = try context.attempt { () throws -> StaffMember in
                StaffMember(
                    code: try StaffMember.parseCode(code), role: .supervisor, name: try StaffMember.validatedText(name, field: "name"),
                    alias: try StaffMember.parseCode(code), nip: try StaffMember.validatedText(nip, field: "nip", limit: 30))
            }
            let approver = try context.requireSupervisor(by)
            let pin = try StaffCommand.newPIN(for: member.code, context: context)
            try context.attempt { try context.database.addSupervisor(member, pin: pin, approvedBy: approver, at: context.clock.now()) }
            context.print(context.catalog.pick("Petugas \(member.code) terdaftar.", "Supervisor \(member.code) registered."))
        }
    }

    struct Decree: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record, renew or revoke a WBP's assimilation decree.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option(name: .customLong("decree")) var number: String?
        @Option(name: .customLong("decree-from")) var from: String?
        @Option(name: .customLong("decree-until")) var until: String?
        @Flag var revoke = false
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            var decree: KasirCore.Decree
            if revoke {
                guard let existing = try context.attempt({ try context.database.decree(of: code) }) else {
                    throw Context.fail(context.catalog.describe(StaffError.noDecree(code)))
                }
                decree = existing
                decree.revoked = true
            } else {
                guard let given = try StaffCommand.decree(number, from, until, context: context) else {
                    throw Context.fail(context.catalog.pick("SK perlu --decree, --decree-from dan --decree-until bersama.",
                                                            "A decree needs --decree, --decree-from and --decree-until together."))
                }
                decree = given
            }
            let approver = try context.requireSupervisor(by)
            try context.attempt { try context.database.setDecree(decree, of: code, approvedBy: approver, at: context.clock.now()) }
            context.print(context.catalog.pick("SK \(code) dicatat.", "Decree of \(code) recorded."))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a WBP active, released or suspended.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Argument var status: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            guard let status = StaffStatus(rawValue: status) else {
                throw Context.fail(context.catalog.describe(InputError.notOneOf(field: "status", allowed: ["active", "released", "suspended"])))
            }
            let approver = try context.requireSupervisor(by)
            try context.attempt { try context.database.setStatus(status, of: code, approvedBy: approver, at: context.clock.now()) }
            context.print("\(code): \(context.catalog.statusName(status))")
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
                context.print(JSONOutput.encode(staff))
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
