import Foundation
import KasirActions
import KasirMessages
import KasirCore
import KasirStore

extension Counter {
    /// On an empty database: the first supervisor (an admin), the first barista with their own
    /// PIN, clocked in, and the till. Each answer is checked by its rule as it is typed, and
    /// asked again until it passes; `quit` (or the end of input) stops the set-up.
    func firstRun() -> Bool {
        prompter.show(catalog.firstRunIntroduction)
        func field<Value>(_ prompt: String, _ check: (String) throws -> Value) -> Value? {
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
                    let name = field(catalog.firstSupervisorNamePrompt, { try StaffMember.Field.name.validated($0) }),
                    let nip = field(catalog.nipPrompt, { try StaffMember.Field.nip.validated($0) }),
                    let pin = newPIN(nip: nip)
                else { return false }
                approver = try SupervisorGate(database: database, clock: clock)
                    .firstSupervisor(try StaffMember(officer: code, name: name, nip: nip, admin: true), pin: pin)
                prompter.show(catalog.supervisorRegistered(code))
            } else {
                guard let signedIn = supervisorSignIn() else { return false }
                approver = signedIn
            }
            if try !database.allStaff().contains(where: { $0.role == .barista }) {
                guard let code = field(catalog.baristaCodePrompt, { try StaffMember.parseCode($0) }),
                    let registration = field(catalog.registrationPrompt, { try StaffMember.Field.registration.validated($0) }),
                    let name = field(catalog.fullNamePrompt, { try StaffMember.Field.name.validated($0) }),
                    let alias = field(catalog.aliasPrompt, { try StaffMember.Field.alias.validated($0) }),
                    let number = field(catalog.decreeNumberPrompt, { try StaffMember.Field.decree.validated($0) }),
                    let from = field(catalog.decreeFromPrompt, { try BusinessDay.parse($0) }),
                    // The decree's rule at its last answer: a last day before the first is asked again.
                    let decree = field(catalog.decreeUntilPrompt, { try Decree(number: number, validFrom: from, validUntil: try BusinessDay.parse($0)) }),
                    let station = field(catalog.stationPrompt, { (text: String) throws -> Station in
                        guard let station = Station(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                            throw InputError.notOneOf(field: "station", allowed: Station.allCases.map(\.rawValue))
                        }
                        return station
                    })
                else { return false }
                // The WBP's own PIN, typed by them with the supervisor present: without it they
                // could not take the counter.
                prompter.show(catalog.baristaTypesOwnPIN(code))
                guard let pin = newPIN() else { return false }
                let member = try StaffMember(barista: code, registration: registration, name: name, alias: alias)
                try actions.addBarista(member, decree: decree, by: approver)
                try actions.setBaristaPIN(of: code, to: pin, by: approver)
                try actions.clockIn(code, station: station, by: approver)
                prompter.show(catalog.baristaRegistered(alias: alias, code: code))
            }
            if try database.openTill() == nil {
                guard let float = field(catalog.floatPrompt, { try Rupiah.parse($0) }) else { return false }
                let till = try actions.openTill(float: float, count: nil, by: approver)
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
