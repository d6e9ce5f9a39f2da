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
    static let configuration = CommandConfiguration(commandName: "counter", abstract: HelpText.pick(
        "Buka layar kasir interaktif.",
        "Open the interactive counter."))
    @OptionGroup var common: CommonOptions
    @Flag(name: .customLong("after-crash"), help: .hidden) var afterCrash = false
    @Flag(help: HelpText.help(
        "Kasir kios: tidak pernah mendaftarkan petugas pertama sendiri.",
        "A kiosk's counter: never registers the first supervisor itself.")) var kiosk = false

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
        commandName: "init",
        abstract: HelpText.pick(
            "Buat basis data, impor menu, dan daftarkan petugas pertama (admin).",
            "Create the database, import the menu, and register the first supervisor (an admin)."),
        discussion: HelpText.pick(
            "Pada basis data yang sudah ada, init tidak mengubah apa pun: sejak itu petugas memakai perintahnya sendiri.",
            "On a database that exists already, init changes nothing: supervisors use their own commands from then on."))
    @OptionGroup var common: CommonOptions
    @Option(name: .customLong("supervisor-code"), help: HelpText.help(
        "Kode petugas pertama, mis. S1.",
        "The first supervisor's code, e.g. S1.")) var supervisorCode: String?
    @Option(name: .customLong("supervisor-name"), help: HelpText.help(
        "Nama petugas pertama.",
        "The first supervisor's name.")) var supervisorName: String?
    @Option(name: .customLong("supervisor-nip"), help: HelpText.help(
        "NIP petugas pertama.",
        "The first supervisor's NIP.")) var supervisorNIP: String?

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
        commandName: "menu", abstract: HelpText.pick(
            "Tampilkan dan impor menu, atau tandai menu habis.",
            "Show, import, or mark items sold out."), subcommands: [List.self, Import.self, Available.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: HelpText.pick(
            "Tampilkan menu yang dijual kasir.",
            "Show the menu the counter sells."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text

        func run() throws {
            let context = try Context.open(common)
            try context.ensureMenu()
            let menu = try context.attempt { try context.actions.menuAsTyped() }
            switch format {
            case .json:
                try context.printJSON(menu)
            case .text:
                let view = OrderView(catalog: context.catalog)
                for category in menu.categories {
                    context.print(category.name)
                    for item in menu.items where item.category == category.code {
                        let groups = item.modifierGroups.map { code in menu.group(code).map(context.catalog.modifierCode) ?? code }
                        let label = "\(item.code.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.name)"
                            + (groups.isEmpty ? "" : " [\(groups.joined(separator: ","))]")
                        context.print(view.row(label, item.available ? item.price.formatted : context.catalog.soldOut))
                    }
                }
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import", abstract: HelpText.pick(
            "Salin config/menu.toml ke basis data.",
            "Copy config/menu.toml into the database."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.authorize(by)
            let summary = try context.attempt { try context.database.importMenu(context.config.menu, approvedBy: approver?.code, at: context.clock.now()) }
            context.print(context.catalog.menuImported(summary))
        }
    }

    struct Available: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "available", abstract: HelpText.pick(
                "Tandai menu habis (off) atau ada lagi (on), tercatat di jurnal.",
                "Mark an item sold out (off) or back (on), journaled."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode menu, mis. KSGA.", "The item's code, e.g. KSGA.")) var code: String
        @Argument(help: HelpText.help("on atau off", "on or off")) var state: String
        @Option(help: HelpText.by) var by: String?

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
    static let configuration = CommandConfiguration(
        commandName: "note", abstract: HelpText.pick(
            "Catat catatan pembinaan petugas tentang seorang WBP.",
            "Record a supervisor's coaching note about a WBP."))
    @OptionGroup var common: CommonOptions
    @Argument(help: HelpText.staffCode) var code: String
    @Option(help: HelpText.help("Isi catatan.", "The note.")) var text: String
    @Option(help: HelpText.by) var by: String?

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
        commandName: "security",
        abstract: HelpText.pick(
            "Batas PIN salah, lama terkunci, batas diam mode petugas dan batas mundur lembar absen, disimpan di basis data.",
            "The PIN lockout, supervisor idle time and backdating limit, kept in the database."),
        subcommands: [Show.self, Set.self])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: HelpText.pick(
            "Tampilkan kebijakan yang berlaku.",
            "Show the policy in force."))
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            context.print(context.catalog.policy(try context.attempt { try context.database.securityPolicy() }))
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: HelpText.pick(
            "Ubah kebijakan (PIN admin; dijurnal).",
            "Change the policy (an admin's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("pin-attempts"), help: HelpText.help(
            "PIN salah berturut-turut sebelum terkunci (1–20).",
            "Wrong PINs in a row before a lockout (1–20)."))
        var attempts: Int?
        @Option(name: .customLong("pin-lockout-minutes"), help: HelpText.help(
            "Lama terkunci, dalam menit (1–1440).",
            "How long a lockout lasts, in minutes (1–1440)."))
        var minutes: Int?
        @Option(name: .customLong("supervisor-idle-seconds"), help: HelpText.help(
            "Mode petugas berakhir setelah sekian detik tanpa perintah (10–3600).",
            "Supervisor mode ends after this many seconds without a command (10–3600)."))
        var idle: Int?
        @Option(name: .customLong("max-backdate-days"), help: HelpText.help(
            "Waktu dari lembar absen paling lama sekian hari ke belakang (0–90).",
            "Paper-sheet times at most this many days back (0–90)."))
        var backdate: Int?
        @Option(help: HelpText.admin) var by: String?

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
