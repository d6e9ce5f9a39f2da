import Foundation
import KasirCore
import KasirStore

/// A supervisor whose PIN was checked for this act. Only ``SupervisorGate`` makes one, so an
/// act that takes an `Approver` cannot be reached without the PIN.
public struct Approver: Hashable, Sendable {
    public let code: String
    /// What the PIN check had for this supervisor, to be shown once where the PIN was typed:
    /// the wrong PINs typed for them since their last sign-in, a PIN today's rule calls weak.
    public let notice: SignInNotice

    init(_ code: String, notice: SignInNotice = SignInNotice()) {
        self.code = code
        self.notice = notice
    }
}

/// Asks for a supervisor's PIN at the moment of an act, and says who approved it.
///
/// Until the first supervisor exists an act needs no PIN; from then on it needs a code and
/// that supervisor's PIN, checked against the database's security policy, every wrong PIN
/// journaled before anything is shown.
///
/// ```swift
/// let gate = SupervisorGate(database: database, clock: clock)
/// let approver = try gate.require("S1", readPIN: { prompter.readSecret(prompt: "PIN S1: ") })
/// ```
public struct SupervisorGate: Sendable {
    let database: AppDatabase
    let clock: any WallClock

    public init(database: AppDatabase, clock: any WallClock) {
        self.database = database
        self.clock = clock
    }

    /// The approving supervisor, or `nil` while no supervisor exists.
    ///
    /// - Parameters:
    ///   - code: the `--by` code, or what the person typed.
    ///   - readPIN: asks for that supervisor's PIN; `nil` at end of input.
    /// - Throws: ``AccessError`` (required, unknown, wrong PIN, locked), ``InputError``.
    public func authorize(_ code: String?, readPIN: (String) -> String?) throws -> Approver? {
        guard let code else {
            if try database.hasSupervisors() { throw AccessError.supervisorRequired }
            return nil
        }
        return try require(code, readPIN: readPIN)
    }

    /// The same, for acts that cannot be done without a supervisor at all.
    public func require(_ code: String?, readPIN: (String) -> String?) throws -> Approver {
        guard let code else { throw AccessError.supervisorRequired }
        let supervisor = try StaffMember.parseCode(code)
        guard let pin = readPIN(supervisor) else { throw InputError.malformedPIN }
        let signIn = try database.authenticate(supervisor, pin: pin, at: clock.now())
        return Approver(supervisor, notice: signIn.notice)
    }

    /// The same, for acts only an admin may do.
    ///
    /// - Throws: ``AccessError/notAnAdmin(_:)`` as well.
    public func requireAdmin(_ code: String?, readPIN: (String) -> String?) throws -> Approver {
        let approver = try require(code, readPIN: readPIN)
        guard try database.isAdmin(approver.code) else { throw AccessError.notAnAdmin(approver.code) }
        return approver
    }

    /// The first supervisor, registered while none exists: always an admin, they approve their
    /// own registration and the acts of the set-up that follows (`kasir init`, the counter's
    /// first run).
    ///
    /// ```swift
    /// let officer = try StaffMember(officer: "S1", name: "Hadi Susanto", nip: "198001012005011001", admin: true)
    /// let approver = try gate.firstSupervisor(officer, pin: pin)
    /// ```
    ///
    /// - Throws: ``AccessError/supervisorRequired`` once a supervisor exists;
    ///   ``InputError/malformedPIN``, ``InputError/weakPIN(_:)`` (also a PIN from the NIP).
    public func firstSupervisor(_ member: StaffMember, pin: String) throws -> Approver {
        try database.addSupervisor(member, pin: pin, approvedBy: nil, at: clock.now())
        return Approver(member.code)
    }
}
