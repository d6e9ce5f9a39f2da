import Foundation
import KasirCore
import KasirStore

/// The acts on people: registering baristas and supervisors, their decrees and PINs.
///
/// What a person typed is read by the rules in KasirCore before anyone is asked for a PIN
/// (``StaffMember/init(barista:registration:name:alias:status:)``,
/// ``StaffMember/init(officer:name:nip:admin:nameField:)``, ``Decree/init(number:from:until:)``);
/// the acts take what those made.
///
/// ```swift
/// let member = try StaffMember(barista: "W01", registration: "B.123/2024", name: "Budi Santoso", alias: "Bima")
/// let decree = try Decree(number: "W15.PAS-123", from: "2026-01-01", until: "2026-12-31")
/// let approver = try gate.authorize("S1", readPIN: readPIN)
/// try actions.addBarista(member, decree: decree, by: approver)
/// ```
extension CafeActions {
    // MARK: Registering

    /// Registers a WBP as a barista, with their assimilation decree when it is known.
    ///
    /// - Parameter approver: the supervisor who approves; `nil` only while no supervisor
    ///   exists (``SupervisorGate/authorize(_:readPIN:)`` gives `nil` only then).
    /// - Returns: the barista as registered.
    /// - Throws: ``AccessError/supervisorRequired`` without an approver once a supervisor
    ///   exists; ``StaffError/notABarista(_:)`` for someone else than a barista;
    ///   ``StaffError`` for a code, registration number or alias that is taken.
    @discardableResult
    public func addBarista(_ member: StaffMember, decree: Decree?, by approver: Approver?) throws -> StaffMember {
        guard member.role == .barista else { throw StaffError.notABarista(member.code) }
        if approver == nil, try database.hasSupervisors() { throw AccessError.supervisorRequired }
        return try database.addStaff(member, decree: decree, approvedBy: approver?.code, at: clock.now())
    }

    /// An admin registers an officer as a supervisor (or an admin) with their first PIN.
    /// The very first supervisor is registered by ``SupervisorGate/firstSupervisor(_:pin:)``.
    ///
    /// - Parameter pin: 6–12 digits, not weak, not taken from the officer's NIP.
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)``, ``AccessError/notAnAdmin(_:)``,
    ///   ``StaffError`` for a code that is taken.
    @discardableResult
    public func addSupervisor(_ member: StaffMember, pin: String, by admin: Approver) throws -> StaffMember {
        try database.addSupervisor(member, pin: pin, approvedBy: admin.code, at: clock.now())
    }

    // MARK: Decrees

    /// The decree on record for `code`, revoked, to be recorded with ``setDecree(_:of:by:)``:
    /// asked before anyone is asked for a PIN, so a WBP without a decree is refused on its own
    /// line and no PIN is spent.
    ///
    /// - Throws: ``StaffError/noDecree(_:)``.
    public func revokedDecree(of code: String) throws -> Decree {
        guard var decree = try database.decree(of: code) else { throw StaffError.noDecree(code) }
        decree.revoked = true
        return decree
    }

    /// Records a WBP's assimilation decree: a first one, a renewal, or a revocation
    /// (``revokedDecree(of:)``), which ends the WBP's open shift now, as a suspension does.
    ///
    /// - Throws: ``StaffError/unknownStaff(_:)`` when `code` is no barista's.
    public func setDecree(_ decree: Decree, of code: String, by approver: Approver) throws {
        try database.setDecree(decree, of: code, approvedBy: approver.code, on: today, at: clock.now())
    }

    // MARK: Supervisors' PINs

    /// A supervisor changes their own PIN: the new one is checked first (a refused one uses no
    /// try), then the old one, whose wrong guesses count toward the lockout as any other.
    ///
    /// - Returns: what the old PIN's check had for them, to be shown once: the wrong PINs since
    ///   their last sign-in. Never the old PIN's weakness: it has just been replaced.
    /// - Throws: ``AccessError`` for the old PIN, ``InputError/malformedPIN`` or
    ///   ``InputError/weakPIN(_:)`` for the new one.
    public func changeSupervisorPIN(of code: String, old: String, new: String) throws -> SignInNotice {
        var notice = try database.changePIN(of: code, old: old, new: new, at: clock.now()).notice
        notice.weakPIN = false
        return notice
    }

    /// An admin lifts a supervisor's PIN lockout; journaled.
    public func unlockSupervisor(_ code: String, by admin: Approver) throws {
        try database.unlockSupervisor(code, admin: admin.code, at: clock.now())
    }

    /// An admin sets a new PIN for a supervisor who forgot theirs; the lockout and the wrong
    /// PINs before it no longer count.
    ///
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)`` (also a PIN from the
    ///   supervisor's NIP), ``AccessError``.
    public func resetSupervisorPIN(of code: String, to pin: String, by admin: Approver) throws {
        try database.resetPIN(of: code, to: pin, admin: admin.code, at: clock.now())
    }

    // MARK: WBPs' PINs

    /// Checks that `code` is a WBP's before anyone is asked for a PIN: a barista's PIN is set
    /// (``setBaristaPIN(of:to:by:)``) or changed (``changeBaristaPIN(of:old:new:)``) only for one.
    ///
    /// - Throws: ``StaffError/unknownBarista(_:)``, ``StaffError/notABarista(_:)``.
    public func checkBarista(_ code: String) throws {
        guard let member = try database.staff(code: code) else { throw StaffError.unknownBarista(code) }
        guard member.role == .barista else { throw StaffError.notABarista(code) }
    }
}
