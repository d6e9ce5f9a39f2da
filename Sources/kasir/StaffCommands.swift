import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: HelpText.pick("Daftarkan barista dan petugas; PIN.", "Register baristas and supervisors; PINs."),
        subcommands: [Add.self, AddSupervisor.self, Decree.self, Status.self, List.self, PIN.self, Unlock.self, ResetPIN.self, WBPPIN.self])

    /// `--decree NO --decree-from DATE --decree-until DATE`, all or none.
    static func decree(_ number: String?, _ from: String?, _ until: String?, context: Context) throws -> KasirCore.Decree? {
        guard number != nil || from != nil || until != nil else { return nil }
        guard let number, let from, let until else { throw UsageError.decreeNeedsAllThree }
        return try KasirCore.Decree(number: number, from: from, until: until)
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: HelpText.pick(
            "Daftarkan seorang WBP sebagai barista.",
            "Register a WBP as a barista."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Kode barista, mis. W01.", "The barista's code, e.g. W01.")) var code: String
        @Option(help: HelpText.help("Nomor registrasi WBP.", "The WBP's registration number.")) var registration: String
        @Option(help: HelpText.help("Nama lengkap (hanya petugas yang melihatnya).", "Full name (only supervisors see it).")) var name: String
        @Option(help: HelpText.help("Alias di struk dan laporan.", "The alias on receipts and reports.")) var alias: String
        @Option(help: HelpText.help("active, released atau suspended", "active, released or suspended")) var status: String = "active"
        @Option(help: HelpText.help("Nomor SK asimilasi.", "Assimilation decree (SK) number.")) var decree: String?
        @Option(name: .customLong("decree-from"), help: HelpText.help(
            "YYYY-MM-DD, SK berlaku mulai.",
            "YYYY-MM-DD, the decree is valid from.")) var decreeFrom: String?
        @Option(name: .customLong("decree-until"), help: HelpText.help(
            "YYYY-MM-DD, SK berlaku sampai.",
            "YYYY-MM-DD, the decree is valid until.")) var decreeUntil: String?
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let decree = try StaffCommand.decree(decree, decreeFrom, decreeUntil, context: context)
            var member = try StaffMember(barista: code, registration: registration, name: name, alias: alias)
            member.status = try StaffStatus.typed(status, field: "status")
            let approver = try context.authorize(by)
            try context.actions.addBarista(member, decree: decree, by: approver)
            context.print(context.catalog.baristaAdded(alias: member.alias, code: member.code))
        }
    }

    struct AddSupervisor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-supervisor",
            abstract: HelpText.pick(
                "Daftarkan pegawai sebagai petugas (PIN admin, lalu PIN baru dua kali).",
                "Register an officer as a supervisor (an admin's PIN, then the new PIN twice)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Kode petugas, mis. S2.", "The supervisor's code, e.g. S2.")) var code: String
        @Option(help: HelpText.help("NIP petugas.", "The officer's NIP.")) var nip: String
        @Option(help: HelpText.help("Nama petugas.", "The officer's name.")) var name: String
        @Flag(help: HelpText.help(
            "Jadikan juga admin (boleh menambah dan menonaktifkan petugas, mengubah kebijakan).",
            "Make them an admin too (may add and suspend supervisors, change the policy).")) var admin = false
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let member = try StaffMember(officer: code, name: name, nip: nip, admin: admin)
            let approver = try context.requireAdmin(by)
            let pin = try context.newPIN(for: member.code)
            try context.actions.addSupervisor(member, pin: pin, by: approver)
            context.print(context.catalog.supervisorRegistered(member.code))
        }
    }

    struct Decree: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decree", abstract: HelpText.pick(
                "Catat, perpanjang atau cabut SK asimilasi seorang WBP.",
                "Record, renew or revoke a WBP's assimilation decree."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.staffCode) var code: String
        @Option(name: .customLong("decree"), help: HelpText.help("Nomor SK asimilasi.", "Assimilation decree (SK) number.")) var number: String?
        @Option(name: .customLong("decree-from"), help: HelpText.help(
            "YYYY-MM-DD, SK berlaku mulai.",
            "YYYY-MM-DD, the decree is valid from.")) var from: String?
        @Option(name: .customLong("decree-until"), help: HelpText.help(
            "YYYY-MM-DD, SK berlaku sampai.",
            "YYYY-MM-DD, the decree is valid until.")) var until: String?
        @Flag(help: HelpText.help("Cabut SK yang tercatat.", "Revoke the decree on record.")) var revoke = false
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            let actions = context.actions
            let decree: KasirCore.Decree
            if revoke {
                decree = try actions.revokedDecree(of: code)
            } else {
                guard let given = try StaffCommand.decree(number, from, until, context: context) else {
                    throw UsageError.decreeNeedsAllThree
                }
                decree = given
            }
            let approver = try context.requireSupervisor(by)
            try actions.setDecree(decree, of: code, by: approver)
            context.print(context.catalog.decreeRecorded(code))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: HelpText.pick(
                "Ubah status seseorang menjadi active, released atau suspended (status petugas perlu admin).",
                "Set someone active, released or suspended (a supervisor's status needs an admin)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode orangnya, mis. W01.", "Their code, e.g. W01.")) var code: String
        @Argument(help: HelpText.help("active, released atau suspended", "active, released or suspended")) var status: String
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            let status = try StaffStatus.typed(self.status, field: "status")
            let approver = try context.requireSupervisor(by)
            try context.actions.setStatus(status, of: code, by: approver)
            context.print("\(code): \(context.catalog.statusName(status))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: HelpText.pick(
                "Daftar semua yang terdaftar: alias, dan nama hanya untuk petugas (--by).",
                "List everyone registered: aliases, and names only for a supervisor (--by)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text
        @Option(help: HelpText.help(
            "Petugas, untuk melihat nama dan nomor registrasi.",
            "A supervisor, to see names and registration numbers.")) var by: String?

        struct Row: Encodable {
            var code: String
            var role: String
            var alias: String
            var name: String?
            var registration: String?
            var status: String
        }

        func run() throws {
            let context = try Context.open(common)
            let named = by != nil ? try context.requireSupervisor(by) : nil
            let staff = try context.database.allStaff()
            let rows = staff.map { member in
                // Officers' names are not protected; inmates' only with a supervisor's PIN.
                let showName = named != nil || member.role != .barista
                return Row(code: member.code, role: member.role.rawValue, alias: member.alias, name: showName ? member.name : nil,
                           registration: showName ? (member.registration ?? member.nip) : nil, status: member.status.rawValue)
            }
            switch format {
            case .json: try context.printJSON(rows)
            case .text:
                for (row, member) in zip(rows, staff) {
                    context.print([row.code, context.catalog.roleName(member.role), row.alias, row.name ?? "-", row.registration ?? "-",
                                   context.catalog.statusName(member.status)]
                        .joined(separator: "\t"))
                }
            }
        }
    }

    struct PIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pin", abstract: HelpText.pick(
                "Ganti PIN sendiri: PIN lama, lalu PIN baru dua kali.",
                "Change your own PIN: the old one, then the new one twice."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode petugas Anda, mis. S1.", "Your supervisor code, e.g. S1.")) var code: String

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            guard let old = context.readOldPIN(code) else { throw InputError.malformedPIN }
            let new = try context.newPIN(for: code)
            let notice = try context.actions.changeSupervisorPIN(of: code, old: old, new: new)
            for line in context.catalog.signInNotice(code, notice) { context.warn(line) }
            context.print(context.catalog.pinChanged(code))
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "unlock", abstract: HelpText.pick(
                "Buka kunci PIN seorang petugas (PIN admin; dijurnal).",
                "Lift a supervisor's PIN lockout (an admin's PIN; journaled)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode petugas yang terkunci.", "The locked supervisor's code.")) var code: String
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            let admin = try context.requireAdmin(by)
            try context.actions.unlockSupervisor(code, by: admin)
            context.print(context.catalog.supervisorUnlocked(code, by: admin.code))
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin",
            abstract: HelpText.pick(
                "Pasang PIN baru untuk petugas yang lupa PIN-nya (PIN admin, lalu PIN baru dua kali).",
                "Set a new PIN for a supervisor who forgot theirs (an admin's PIN, then the new one twice)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode petugas yang lupa PIN.", "The supervisor's code.")) var code: String
        @Option(help: HelpText.admin) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            let admin = try context.requireAdmin(by)
            let pin = try context.newPIN(for: code)
            try context.actions.resetSupervisorPIN(of: code, to: pin, by: admin)
            context.print(context.catalog.pinReset(code, by: admin.code))
        }
    }

    /// A WBP's own PIN, asked when they take the counter: set by a supervisor with the WBP
    /// present (`--by`: the supervisor's PIN, then the WBP types the new one twice), or changed
    /// by the WBP (`--change`: the old one, then the new one twice).
    struct WBPPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wbp-pin",
            abstract: HelpText.pick(
                "PIN barista seorang WBP: petugas memasangnya bersama WBP (--by: PIN petugas, lalu WBP mengetik PIN baru dua kali), "
                    + "atau WBP menggantinya sendiri (--change: PIN lama, lalu yang baru dua kali).",
                "A WBP's barista PIN: a supervisor sets it with the WBP present (--by: the supervisor's PIN, then the WBP types the new one twice), "
                    + "or the WBP changes it (--change: the old one, then the new one twice)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Kode WBP, mis. W01.", "The WBP's code, e.g. W01.")) var code: String
        @Flag(help: HelpText.help("WBP mengganti PIN-nya sendiri.", "The WBP changes their own PIN.")) var change = false
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try StaffMember.parseCode(self.code)
            guard change == (by == nil) else { throw UsageError.baristaPINByOrChange }
            let actions = context.actions
            // The code is a WBP's before anyone types a PIN.
            try actions.checkBarista(code)
            if change {
                guard let old = context.readOldPIN(code) else { throw InputError.malformedPIN }
                let new = try context.newPIN(for: code)
                try actions.changeBaristaPIN(of: code, old: old, new: new)
                context.print(context.catalog.pinChanged(code))
            } else {
                let approver = try context.requireSupervisor(by)
                let pin = try context.newPIN(for: code)
                try actions.setBaristaPIN(of: code, to: pin, by: approver)
                context.print(context.catalog.baristaPINSet(code, by: approver.code))
            }
        }
    }
}
