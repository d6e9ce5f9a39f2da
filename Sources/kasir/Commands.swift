import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
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
        try actions.checkStaticQRIS()
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
        if try context.database.hasSupervisors() {
            guard supervisorCode == nil else { throw UsageError.firstSupervisorExists }
            context.print(catalog.databaseAlreadyReady(context.database.path))
            return
        }
        var approver: Approver?
        if let supervisorCode {
            let member = try StaffMember(officer: supervisorCode, name: supervisorName ?? "", nip: supervisorNIP, admin: true, nameField: .supervisorName)
            let pin = try context.newPIN(for: member.code)
            approver = try context.gate.firstSupervisor(member, pin: pin)
            context.print(catalog.supervisorRegistered(member.code))
        }
        // Only a new database gets the configured menu here; after that, `menu import --by`.
        if let summary = try context.actions.importFirstMenu(by: approver) {
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
            let menu = try context.actions.menuAsTyped()
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
            "Salin config/menu.toml ke basis data (PIN admin: harga dan harga pokok menentukan premi).",
            "Copy config/menu.toml into the database (an admin's PIN: prices and costs decide premi)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.requireAdmin(by)
            let summary = try context.actions.importMenu(by: approver)
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
            guard ["on", "off"].contains(state) else { throw InputError.notOneOf(field: "state", allowed: ["on", "off"]) }
            let approver = try context.requireSupervisor(by)
            try context.actions.setAvailability(of: code, available: state == "on", by: approver)
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
        let code = try StaffMember.parseCode(self.code)
        let approver = try context.requireSupervisor(by)
        try context.actions.addNote(about: code, text: text, by: approver)
        context.print(context.catalog.noteRecorded(code))
    }
}

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: HelpText.pick(
            "Aturan yang menentukan uang, premi dan akses (pajak, pembulatan, bagi hasil, PIN, mode petugas), disimpan di basis data.",
            "The rules that decide money, premi and access (tax, rounding, the split, PINs, supervisor mode), kept in the database."),
        subcommands: [Show.self, Set.self, Confirm.self],
        aliases: ["security"])

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: HelpText.pick(
            "Tampilkan aturan yang berlaku.",
            "Show the rules in force."))
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let security = try context.database.securityPolicy()
            let money = try context.database.moneyRules()
            context.print(context.catalog.policy(security))
            if let money { context.print(context.catalog.moneyRules(money.rules, confirmed: money.confirmed)) }
        }
    }

    struct Set: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "set", abstract: HelpText.pick(
            "Ubah aturan (PIN admin; dijurnal). Yang tidak disebut tetap.",
            "Change the rules (an admin's PIN; journaled). What is not named stays."))
        @OptionGroup var common: CommonOptions
        @Option(name: .customLong("pin-attempts"), help: HelpText.help(
            "PIN salah sebelum terkunci (1–20).", "Wrong PINs before a lockout (1–20)."))
        var attempts: Int?
        @Option(name: .customLong("pin-lockout-minutes"), help: HelpText.help(
            "Lama terkunci, dalam menit (1–1440).", "How long a lockout lasts, in minutes (1–1440)."))
        var minutes: Int?
        @Option(name: .customLong("supervisor-idle-seconds"), help: HelpText.help(
            "Mode petugas berakhir setelah sekian detik tanpa tindakan (10–3600).",
            "Supervisor mode ends after this many seconds without an act (10–3600)."))
        var idle: Int?
        @Option(name: .customLong("supervisor-session-cap-seconds"), help: HelpText.help(
            "Mode petugas berakhir paling lambat sekian detik setelah PIN (60–3600).",
            "Supervisor mode ends at the latest this many seconds after its PIN (60–3600)."))
        var cap: Int?
        @Option(name: .customLong("max-backdate-days"), help: HelpText.help(
            "Waktu dari lembar absen paling lama sekian hari ke belakang (0–90).",
            "Paper-sheet times at most this many days back (0–90)."))
        var backdate: Int?
        @Option(name: .customLong("max-shift-hours"), help: HelpText.help(
            "Giliran lebih lama dari ini perlu alasan petugas (1–24).",
            "A shift longer than this needs a supervisor's reason (1–24)."))
        var shiftHours: Int?
        @Option(name: .customLong("tax-rate"), help: HelpText.help("Tarif PB1 dalam persen (0–100).", "The PB1 rate in percent (0–100)."))
        var taxRate: String?
        @Option(name: .customLong("tax-label"), help: HelpText.help("Nama pajak di struk.", "The tax's name on receipts."))
        var taxLabel: String?
        @Option(name: .customLong("prices-include-tax"), help: HelpText.help(
            "Harga menu sudah termasuk pajak: ya atau tidak.", "Menu prices include the tax: yes or no."))
        var includeTax: String?
        @Option(name: .customLong("service-charge"), help: HelpText.help("Biaya layanan dalam persen.", "The service charge in percent."))
        var service: String?
        @Option(name: .customLong("rounding-unit"), help: HelpText.help(
            "Pembulatan total: 1, 50, 100, 500 atau 1000 Rupiah.", "Totals rounded to 1, 50, 100, 500 or 1000 Rupiah."))
        var roundingUnit: Int64?
        @Option(name: .customLong("rounding-mode"), help: HelpText.help("nearest, down atau up.", "nearest, down or up."))
        var roundingMode: String?
        @Option(name: .customLong("premi-percent"), help: HelpText.help("Bagian premi dari laba.", "The premi share of profit."))
        var premi: String?
        @Option(name: .customLong("pnbp-percent"), help: HelpText.help("Bagian PNBP dari laba.", "The PNBP share of profit."))
        var pnbp: String?
        @Option(name: .customLong("capital-percent"), help: HelpText.help("Bagian modal kerja dari laba.", "The working capital share of profit."))
        var capital: String?
        @Option(name: .customLong("station-weights"), help: HelpText.help(
            "Bobot pos untuk premi, mis. kasir=100,bar=120,dapur=100; 'jam' untuk jam saja.",
            "Station weights for premi, e.g. kasir=100,bar=120,dapur=100; 'hours' for plain hours."))
        var weights: String?
        @Option(name: .customLong("backups-kept"), help: HelpText.help("Cadangan Z yang disimpan (1–1000).", "Z backups kept (1–1000)."))
        var backupsKept: Int?
        @Option(name: .customLong("time-zone"), help: HelpText.help(
            "Zona waktu hari dan bulan kafe, mis. Asia/Makassar (WITA).", "The time zone of the café's days and months, e.g. Asia/Makassar (WITA)."))
        var timeZone: String?
        @Option(name: .customLong("qris-payload"), help: HelpText.help(
            "Payload QRIS statis kafe ('' untuk tidak ada).", "The café's static QRIS payload ('' for none)."))
        var qris: String?
        @Option(name: .customLong("qris-mdr-ceiling"), help: HelpText.help(
            "Biaya MDR tertinggi yang boleh tertulis di laporan settlement, dalam persen (standar 0,8).",
            "The highest MDR a settlement report may show, in percent (standard 0.8)."))
        var qrisMDRCeiling: String?
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let current = try context.database.securityPolicy()
            var security: SecurityPolicy?
            if [attempts, minutes, idle, cap, backdate, shiftHours].contains(where: { $0 != nil }) {
                security = try SecurityPolicy(
                    pinAttempts: attempts ?? current.pinAttempts, pinLockoutMinutes: minutes ?? current.pinLockoutMinutes,
                    supervisorIdleSeconds: idle ?? current.supervisorIdleSeconds, maxBackdateDays: backdate ?? current.maxBackdateDays,
                    supervisorSessionCapSeconds: cap ?? current.supervisorSessionCapSeconds, maxShiftHours: shiftHours ?? current.maxShiftHours)
            }
            let change = MoneyRules.Change(
                taxRate: taxRate, taxLabel: taxLabel, pricesIncludeTax: includeTax, serviceCharge: service, roundingUnit: roundingUnit,
                roundingMode: roundingMode, premi: premi, pnbp: pnbp, capital: capital, stationWeights: weights, backupsKept: backupsKept,
                qrisPayload: qris, timeZone: timeZone, qrisMDRCeiling: qrisMDRCeiling)
            let money: MoneyRules? = try change.isEmpty ? nil : (context.database.moneyRules()?.rules ?? .standard).changing(change)
            guard security != nil || money != nil else {
                throw InputError.notOneOf(field: "policy set", allowed: ["--pin-attempts", "--tax-rate", "…"])
            }
            let admin = try context.requireAdmin(by)
            try context.actions.setPolicy(security: security, money: money, by: admin)
            context.print(context.catalog.policy(try context.database.securityPolicy()))
            if let rules = try context.database.moneyRules() {
                context.print(context.catalog.moneyRules(rules.rules, confirmed: rules.confirmed))
            }
        }
    }

    struct Confirm: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "confirm", abstract: HelpText.pick(
            "Konfirmasi aturan uang yang dipasang pembaruan, apa adanya (PIN admin; dijurnal).",
            "Confirm the money rules an upgrade set, as they are (an admin's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let admin = try context.requireAdmin(by)
            try context.actions.confirmMoneyRules(by: admin)
            if let rules = try context.database.moneyRules() {
                context.print(context.catalog.moneyRules(rules.rules, confirmed: rules.confirmed))
            }
        }
    }
}
