import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// Asks for a supervisor's PIN at the moment of an act, and says who approved it.
///
/// Until the first supervisor exists an act needs no PIN; from then on it needs a code and
/// that supervisor's PIN, and every wrong PIN is journaled by the store.
///
/// ```swift
/// let gate = SupervisorGate(database: database, settings: settings, clock: clock)
/// let approver = try gate.authorize("S1", readPIN: { prompter.readSecret(prompt: $0) })
/// ```
public struct SupervisorGate {
    let database: AppDatabase
    let policy: PINPolicy
    let clock: any WallClock
    let catalog: Catalog

    public init(database: AppDatabase, settings: CafeSettings, clock: any WallClock) {
        self.database = database
        self.policy = PINPolicy(attempts: settings.pinAttempts, lockout: TimeInterval(settings.pinLockoutMinutes * 60))
        self.clock = clock
        self.catalog = Catalog(language: settings.language)
    }

    /// The approving supervisor's code, or `nil` while no supervisor exists.
    ///
    /// - Parameters:
    ///   - code: the `--by` code, or what the person typed.
    ///   - readPIN: asks for the PIN with the prompt given; `nil` at end of input.
    /// - Throws: ``AccessError`` (required, unknown, wrong PIN, locked).
    public func authorize(_ code: String?, readPIN: (String) -> String?) throws -> String? {
        guard let code else {
            if try database.hasSupervisors() { throw AccessError.supervisorRequired }
            return nil
        }
        let supervisor = try StaffMember.parseCode(code)
        guard let pin = readPIN(catalog.pick("PIN \(supervisor): ", "PIN for \(supervisor): ")) else { throw InputError.malformedPIN }
        try database.authenticate(supervisor, pin: pin, policy: policy, at: clock.now())
        return supervisor
    }

    /// The same, when an act cannot be done without a supervisor at all (a sale's till, a close).
    public func require(_ code: String?, readPIN: (String) -> String?) throws -> String {
        guard let code else { throw AccessError.supervisorRequired }
        return try authorize(code, readPIN: readPIN)!
    }
}
