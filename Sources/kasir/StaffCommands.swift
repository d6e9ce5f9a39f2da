import ArgumentParser
import Foundation
import KasirActions
import KasirCatalog
import KasirCore
import KasirStore

struct StaffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff", abstract: "Register baristas and supervisors; PINs.",
        subcommands: [Add.self, AddSupervisor.self, Decree.self, Status.self, List.self, PIN.self, Unlock.self, ResetPIN.self])

    /// `--decree NO --decree-from DATE --decree-until DATE`, all or none.
    static func decree(_ number: String?, _ from: String?, _ until: String?, context: Context) throws -> KasirCore.Decree? {
        guard number != nil || from != nil || until != nil else { return nil }
        guard let number, let from, let until else { throw Context.fail(context.catalog.decreeNeedsAllThree) }
        return try context.attempt { () throws -> KasirCore.Decree in
            let decree = KasirCore.Decree(
                number: try StaffMember.validatedText(number, field: "decree", limit: 80),
                validFrom: try BusinessDay.parse(from), validUntil: try BusinessDay.parse(until))
            guard decree.validFrom <= decree.validUntil else { throw InputError.malformedDate(until) }
            return decree
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a WBP as a barista.")
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
                StaffMember(
                    code: try StaffMember.parseCode(code), role: .barista,
                    name: try StaffMember.validatedText(name, field: "name"),
                    alias: try StaffMember.validatedText(alias, field: "alias", limit: 20),
                    registration: try StaffMember.validatedText(registration, field: "registration", limit: 40),
                    status: try StaffStatus.stored(status))
            }
            let approver = try context.authorize(by)
            try context.attempt { try context.database.addStaff(member, decree: decree, approvedBy: approver?.code, at: context.clock.now()) }
            context.print(context.catalog.baristaAdded(alias: member.alias, code: member.code))
        }
    }

    struct AddSupervisor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-supervisor", abstract: "Register an officer as a supervisor (an admin's PIN, then the new PIN twice).")
        @OptionGroup var common: CommonOptions
        @Option var code: String
        @Option var nip: String
        @Option var name: String
        @Flag(help: "Make them an admin too (may add and suspend supervisors, change the policy).") var admin = false
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let member = try context.attempt { () throws -> StaffMember in
                StaffMember(
                    code: try StaffMember.parseCode(code), role: admin ? .admin : .supervisor, name: try StaffMember.validatedText(name, field: "name"),
                    alias: try StaffMember.parseCode(code), nip: try StaffMember.validatedText(nip, field: "nip", limit: 30))
            }
            let approver = try context.requireAdmin(by)
            let pin = try context.newPIN(for: member.code)
            try context.attempt { try context.database.addSupervisor(member, pin: pin, approvedBy: approver.code, at: context.clock.now()) }
            context.print(context.catalog.supervisorRegistered(member.code))
        }
    }

    struct Decree: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "decree", abstract: "Record, renew or revoke a WBP's assimilation decree.")
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
                    throw Context.fail(context.catalog.decreeNeedsAllThree)
                }
                decree = given
            }
            let approver = try context.requireSupervisor(by)
            try context.attempt { try context.database.setDecree(decree, of: code, approvedBy: approver.code, at: context.clock.now()) }
            context.print(context.catalog.decreeRecorded(code))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Set someone active, released or suspended (a supervisor's status needs an admin).")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Argument var status: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            let status = try context.attempt { try StaffStatus.stored(self.status) }
            let approver = try context.requireSupervisor(by)
            try context.attempt { try context.actions.setStatus(status, of: code, by: approver) }
            context.print("\(code): \(context.catalog.statusName(status))")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List everyone registered: aliases, and names only for a supervisor (--by).")
        @OptionGroup var common: CommonOptions
        @Option var format: OutputFormat = .text
        @Option(help: "A supervisor, to see names and registration numbers.") var by: String?

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
            let staff = try context.attempt { try context.database.allStaff() }
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
                    context.print([row.code, row.role, row.alias, row.name ?? "-", row.registration ?? "-", context.catalog.statusName(member.status)]
                        .joined(separator: "\t"))
                }
            }
        }
    }

    struct PIN: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pin", abstract: "Change your own PIN: the old one, then the new one twice.")
        @OptionGroup var common: CommonOptions
        @Argument var code: String

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            guard let old = context.readPIN(code) else { throw Context.fail(context.catalog.describe(InputError.malformedPIN)) }
            let new = try context.newPIN(for: code)
            try context.attempt { try context.database.changePIN(of: code, old: old, new: new, at: context.clock.now()) }
            context.print(context.catalog.pinChanged(code))
        }
    }

    struct Unlock: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Lift a supervisor's PIN lockout (an admin's PIN; journaled).")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            let admin = try context.requireAdmin(by)
            try context.attempt { try context.database.unlockSupervisor(code, admin: admin.code, at: context.clock.now()) }
            context.print(context.catalog.supervisorUnlocked(code, by: admin.code))
        }
    }

    struct ResetPIN: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-pin", abstract: "Set a new PIN for a supervisor who forgot theirs (an admin's PIN, then the new one twice).")
        @OptionGroup var common: CommonOptions
        @Argument var code: String
        @Option var by: String?

        func run() throws {
            let context = try Context.open(common)
            let code = try context.attempt { try StaffMember.parseCode(self.code) }
            let admin = try context.requireAdmin(by)
            let pin = try context.newPIN(for: code)
            try context.attempt { try context.database.resetPIN(of: code, to: pin, admin: admin.code, at: context.clock.now()) }
            context.print(context.catalog.pinReset(code, by: admin.code))
        }
    }
}
