import Foundation
import GRDB
import KasirCore

/// Why a WBP's own PIN did not let them take the counter, or could not be changed.
public enum BaristaPINError: KasirError, Equatable {
    /// The WBP has no PIN yet: a supervisor sets it with them present.
    case pinNotSet(String)
    /// A wrong PIN; `attemptsLeft` before the lockout.
    case wrongPIN(code: String, attemptsLeft: Int)
    /// Locked after repeated wrong PINs, until a supervisor sets a new PIN with the WBP.
    case locked(String)
}

extension BaristaPINError {
    public var nature: ErrorNature {
        switch self {
        case .pinNotSet, .wrongPIN, .locked:
            return .refusal
        }
    }
}

/// Where a WBP's PIN stands, before anyone is asked for it.
public enum BaristaPINState: Hashable, Sendable {
    case notSet
    case locked
    case ready
}

/// A WBP's own PIN, asked when they take the counter, so an order, its items and its skills are
/// credited to the person who typed them and not to any code someone knows.
///
/// The PIN is kept as a staff row's salted PBKDF2 hash, as a supervisor's is: the row's journal
/// snapshot carries a digest of it (`pin_digest`), so `audit verify` finds a hash swapped by
/// hand. A supervisor sets it with the WBP present (`wbp_pin_set`, which also lifts a lockout);
/// the WBP changes it after their old PIN (`wbp_pin_changed`). Both vouch for the staff row.
///
/// Wrong PINs are journaled (`pin_failed`, subject the WBP) before anything is shown, and counted
/// as a supervisor's are (``AppDatabase/pinRecord(_:code:at:clearedAfter:)``): the policy's
/// attempts within 24 hours since the PIN was last set lock the WBP out (`pin_lockout`, with
/// `until_unlocked`) until a supervisor sets a new one. The X and Z reports list them.
extension AppDatabase {
    /// Whether `code` has a PIN, and whether a lockout stands.
    ///
    /// - Throws: ``StaffError/unknownBarista(_:)``, ``StaffError/notABarista(_:)``.
    public func baristaPINState(_ code: String, at instant: Date) throws -> BaristaPINState {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT role, pin_hash FROM staff WHERE code = ?", arguments: [code]) else {
                throw StaffError.unknownBarista(code)
            }
            let role: StaffRole = try row.kind("role", table: "staff")
            guard role == .barista else { throw StaffError.notABarista(code) }
            guard (row["pin_hash"] as String?) != nil else { return .notSet }
            return try Self.baristaPINRecord(db, code: code, at: instant).lastLockout != nil ? .locked : .ready
        }
    }

    /// A supervisor, with the WBP present, sets the WBP's PIN (their first, or a new one when
    /// they forgot it or are locked out): the wrong PINs before it no longer count.
    ///
    /// - Parameters:
    ///   - pin: 6–12 digits, not weak (``SupervisorPIN``); only its salted hash is stored.
    ///   - supervisor: an active supervisor, whose PIN the caller checked.
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)``, ``AccessError``,
    ///   ``StaffError/unknownBarista(_:)``, ``StaffError/notABarista(_:)``.
    public func setBaristaPIN(of code: String, to pin: String, supervisor: String, at instant: Date) throws {
        try SupervisorPIN.validate(pin)
        let hash = try SecretHash.make(pin)
        try write { db in
            _ = try Self.supervisorID(db, code: supervisor)
            let id = try Self.baristaRow(db, code: code)
            try db.execute(sql: "UPDATE staff SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ?", arguments: [hash, id])
            try Self.journal(db, kind: "wbp_pin_set", actor: supervisor, subject: code, row: JournalRow(.staff, id), at: instant)
        }
    }

    /// A WBP changes their own PIN after the old one (a wrong old PIN counts as a failed
    /// attempt, like any other). The new PIN is checked first, so a refused one uses no try.
    ///
    /// - Throws: ``InputError/malformedPIN`` or ``InputError/weakPIN(_:)`` for the new PIN;
    ///   ``BaristaPINError`` for the old one.
    public func changeBaristaPIN(of code: String, old: String, new: String, at instant: Date) throws {
        try SupervisorPIN.validate(new)
        try authenticateBarista(code, pin: old, at: instant)
        let hash = try SecretHash.make(new)
        try write { db in
            let id = try Self.baristaRow(db, code: code)
            try db.execute(sql: "UPDATE staff SET pin_hash = ? WHERE id = ?", arguments: [hash, id])
            try Self.journal(db, kind: "wbp_pin_changed", actor: code, subject: code, row: JournalRow(.staff, id), at: instant)
        }
    }

    /// Checks a WBP's PIN against the security policy's attempts.
    ///
    /// The count is checked, and the attempt counted as under way (`staff.failed_pins`), in one
    /// write before the slow hash, so guesses made in parallel cannot each get a try; a wrong
    /// PIN is journaled before the caller can show anything. A right PIN writes nothing that
    /// stays.
    ///
    /// - Returns: the WBP.
    /// - Throws: ``BaristaPINError`` (no PIN, wrong, locked), ``StaffError`` (unknown, not a WBP).
    @discardableResult
    public func authenticateBarista(_ code: String, pin: String, at instant: Date) throws -> StaffMember {
        let attempt = try write { db -> Result<(StaffMember, String, Int64), BaristaPINError> in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
                throw StaffError.unknownBarista(code)
            }
            let member = try Self.staffMember(row)
            guard member.role == .barista else { throw StaffError.notABarista(code) }
            guard let stored: String = row["pin_hash"] else { throw BaristaPINError.pinNotSet(code) }
            let id: Int64 = row["id"]
            let record = try Self.baristaPINRecord(db, code: code, at: instant)
            if record.lastLockout != nil { throw BaristaPINError.locked(code) }
            let policy = try Self.securityPolicy(db)
            // Attempts under way hold their tries: when they and the wrong PINs use every try,
            // lock now and say so in the journal.
            let underWay: Int = row["failed_pins"]
            if record.failures + underWay >= policy.pinAttempts {
                return .failure(try Self.lockOutBarista(db, id: id, code: code, lockoutsBefore: record.lockoutsInWindow, at: instant))
            }
            try db.execute(sql: "UPDATE staff SET failed_pins = failed_pins + 1 WHERE id = ?", arguments: [id])
            return .success((member, stored, id))
        }
        let (member, stored, id) = try attempt.get()
        if SecretHash.matches(pin, stored: stored) {
            try write { db in try db.execute(sql: "UPDATE staff SET failed_pins = MAX(failed_pins - 1, 0) WHERE id = ?", arguments: [id]) }
            return member
        }
        let failure = try write { db -> BaristaPINError in
            try db.execute(sql: "UPDATE staff SET failed_pins = MAX(failed_pins - 1, 0) WHERE id = ?", arguments: [id])
            let record = try Self.baristaPINRecord(db, code: code, at: instant)
            let failures = record.failures + 1
            try Self.journal(db, kind: "pin_failed", actor: code, subject: code, payload: ["attempt": .integer(Int64(failures))], at: instant)
            // Locked meanwhile by an attempt made beside this one: this wrong PIN belongs to that lockout.
            if record.lastLockout != nil { return .locked(code) }
            let policy = try Self.securityPolicy(db)
            guard failures >= policy.pinAttempts else {
                let underWay = try Int.fetchOne(db, sql: "SELECT failed_pins FROM staff WHERE id = ?", arguments: [id]) ?? 0
                return .wrongPIN(code: code, attemptsLeft: max(policy.pinAttempts - failures - underWay, 0))
            }
            return try Self.lockOutBarista(db, id: id, code: code, lockoutsBefore: record.lockoutsInWindow, at: instant)
        }
        throw failure
    }

    /// What the journal says of a WBP's wrong PINs: counted from the last time a supervisor
    /// set their PIN (the partial index `journal_wbp_pin_set`, v14, finds it).
    static func baristaPINRecord(_ db: Database, code: String, at instant: Date) throws -> PINRecord {
        let lastSet = try Int64.fetchOne(
            db, sql: "SELECT MAX(seq) FROM journal WHERE kind = 'wbp_pin_set' AND subject = ?", arguments: [code]) ?? 0
        return try pinRecord(db, code: code, at: instant, clearedAfter: lastSet)
    }

    /// Locks a WBP out until a supervisor sets a new PIN (`pin_lockout` with `until_unlocked`).
    static func lockOutBarista(_ db: Database, id: Int64, code: String, lockoutsBefore: Int, at instant: Date) throws -> BaristaPINError {
        try db.execute(sql: "UPDATE staff SET failed_pins = 0 WHERE id = ?", arguments: [id])
        try journal(db, kind: "pin_lockout", actor: code, subject: code,
                    payload: ["lockout": .integer(Int64(lockoutsBefore + 1)), "until_unlocked": .bool(true)], at: instant)
        return .locked(code)
    }

    /// The staff row of WBP `code`, inside a transaction.
    static func baristaRow(_ db: Database, code: String) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, role FROM staff WHERE code = ?", arguments: [code]) else {
            throw StaffError.unknownBarista(code)
        }
        let role: StaffRole = try row.kind("role", table: "staff")
        guard role == .barista else { throw StaffError.notABarista(code) }
        return row["id"]
    }
}
