import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

extension Counter {
    /// On an empty database: the first supervisor (an admin), the first barista with their own
    /// PIN, clocked in, and the till.
    func firstRun() -> Bool {
        prompter.show(catalog.firstRunIntroduction)
        func field(_ prompt: String, _ check: (String) throws -> String) -> String? {
            while true {
                guard case .line(let answer) = ask(prompt) else { return nil }
                if (try? CounterGrammar.order(answer, lines: 0)) == .quit { return nil }
                do { return try check(answer) } catch { prompter.show(catalog.describe(error)) }
            }
        }
        do {
            let approver: Approver
            if try !database.hasSupervisors() {
                guard let code = field(catalog.firstSupervisorCodePrompt, { try StaffMember.parseCode($0) }),
                    let name = field(catalog.firstSupervisorNamePrompt, { try StaffMember.validatedText($0, field: "name") }),
                    let nip = field(catalog.nipPrompt, { try StaffMember.validatedText($0, field: "nip", limit: 30) }),
                    let pin = newPIN(nip: nip)
                else { return false }
                approver = try SupervisorGate(database: database, clock: clock)
                    .firstSupervisor(StaffMember(code: code, role: .admin, name: name, alias: code, nip: nip), pin: pin)
                prompter.show(catalog.supervisorRegistered(code))
            } else {
                guard let signedIn = supervisorSignIn() else { return false }
                approver = signedIn
            }
            if try !database.allStaff().contains(where: { $0.role == .barista }) {
                guard let code = field(catalog.baristaCodePrompt, { try StaffMember.parseCode($0) }),
                    let registration = field(catalog.registrationPrompt, { try StaffMember.validatedText($0, field: "registration", limit: 40) }),
                    let name = field(catalog.fullNamePrompt, { try StaffMember.validatedText($0, field: "name") }),
                    let alias = field(catalog.aliasPrompt, { try StaffMember.validatedText($0, field: "alias", limit: 20) }),
                    let number = field(catalog.decreeNumberPrompt, { try StaffMember.validatedText($0, field: "decree", limit: 80) }),
                    let from = field(catalog.decreeFromPrompt, { try BusinessDay.parse($0).description }),
                    let until = field(catalog.decreeUntilPrompt, { try BusinessDay.parse($0).description }),
                    let station = field(catalog.stationPrompt, { text in
                        guard let station = Station(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                            throw InputError.notOneOf(field: "station", allowed: Station.allCases.map(\.rawValue))
                        }
                        return station.rawValue
                    })
                else { return false }
                // The WBP's own PIN, typed by them with the supervisor present: without it they
                // could not take the counter.
                prompter.show(catalog.baristaTypesOwnPIN(code))
                guard let pin = newPIN() else { return false }
                try database.addStaff(
                    StaffMember(code: code, role: .barista, name: name, alias: alias, registration: registration),
                    decree: Decree(number: number, validFrom: try BusinessDay.parse(from), validUntil: try BusinessDay.parse(until)),
                    approvedBy: approver.code, at: clock.now())
                try actions.setBaristaPIN(of: code, to: pin, by: approver)
                try actions.clockIn(code, station: try Station.stored(station), by: approver)
                prompter.show(catalog.baristaRegistered(alias: alias, code: code))
            }
            if try database.openTill() == nil {
                guard let float = field(catalog.floatPrompt, { try Rupiah.parse($0).formatted }) else { return false }
                let till = try actions.openTill(float: try Rupiah.parse(float), count: nil, by: approver)
                prompter.show(catalog.tillOpened(till.id, float: till.float, by: approver.code))
            }
            return true
        } catch {
            prompter.show(catalog.describe(error))
            return false
        }
    }

    /// A new PIN: asked twice at a terminal, once from a pipe; a weak one (or one from `nip`)
    /// is refused and asked again.
    func newPIN(nip: String? = nil) -> String? {
        while true {
            guard let pin = prompter.readSecret(prompt: catalog.newPINPrompt) else { return nil }
            do { try SupervisorPIN.validate(pin, nip: nip) } catch {
                prompter.show(catalog.describe(error))
                continue
            }
            guard prompter.isTerminal else { return pin }
            guard let again = prompter.readSecret(prompt: catalog.repeatPINPrompt) else { return nil }
            if again == pin { return pin }
            prompter.show(catalog.describe(AccessError.pinsDiffer))
        }
    }
}
