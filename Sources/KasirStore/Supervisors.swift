import _CryptoExtras
import Crypto
import Foundation
import GRDB
import KasirCore

/// Why a supervisor's PIN, or their role, did not open the door.
public enum AccessError: Error, Equatable, Sendable {
    /// No one has this code.
    case unknownSupervisor(String)
    /// The person is not an active supervisor.
    case notASupervisor(String)
    /// The act needs an admin (adding, suspending or unlocking supervisors, the policy).
    case notAnAdmin(String)
    /// A wrong PIN; `attemptsLeft` before the lockout.
    case wrongPIN(code: String, attemptsLeft: Int)
    /// Locked after repeated wrong PINs, until `until`.
    case locked(code: String, until: Date)
    /// The supervisor has no PIN.
    case pinNotSet(String)
    /// Supervisors exist, so the act needs `--by SUP`.
    case supervisorRequired
    /// The new PIN and its repetition differ.
    case pinsDiffer
}

/// PINs are stored only as salted PBKDF2-SHA256 hashes, never in clear.
enum PINHash {
    static let rounds = 210_000

    static func make(_ pin: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(try derive(pin, salt: salt, rounds: rounds))"
    }

    static func matches(_ pin: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= Self.rounds,
            let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]),
            let actual = try? derive(pin, salt: [UInt8](salt), rounds: rounds), let actualData = Data(base64Encoded: actual),
            actualData.count == expected.count
        else { return false }
        // Compare every byte, so the time taken says nothing about where they differ.
        return zip(actualData, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(_ pin: String, salt: [UInt8], rounds: Int) throws -> String {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(pin.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
        return key.withUnsafeBytes { Data($0) }.base64EncodedString()
    }
}

extension AppDatabase {
    /// Whether any supervisor exists: until one does, supervisor acts need no PIN.
    public func hasSupervisors() throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE role IN ('supervisor', 'admin') LIMIT 1") == true }
    }

    /// Registers a supervisor (an officer, with NIP) and sets their PIN.
    ///
    /// The first supervisor is registered without an approver and is always an admin; after
    /// that, only an active admin may add supervisors.
    ///
    /// - Parameters:
    ///   - member: the supervisor; `role` `.supervisor` or `.admin`.
    ///   - pin: 6–12 digits; only its salted hash is stored.
    ///   - approver: the admin who adds them (`nil` for the first one).
    /// - Throws: ``InputError/malformedPIN``, ``AccessError/supervisorRequired`` (supervisors
    ///   exist and no approver was given), ``AccessError/notAnAdmin(_:)``, ``StaffError``.
    @discardableResult
    public func addSupervisor(_ member: StaffMember, pin: String, approvedBy approver: String?, at instant: Date) throws -> StaffMember {
        try SupervisorPIN.validate(pin)
        guard member.role != .barista else { throw StaffError.notABarista(member.code) }
        let hash = try PINHash.make(pin)
        return try write { db in
            var member = member
            if let approver {
                _ = try Self.adminID(db, code: approver)
            } else {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE role IN ('supervisor', 'admin')") != true else {
                    throw AccessError.supervisorRequired
                }
                member.role = .admin
            }
            try Self.insertStaff(db, member, at: instant)
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE staff SET pin_hash = ? WHERE id = ?", arguments: [hash, id])
            try Self.journal(db, kind: "supervisor_added", actor: approver, subject: member.code, row: JournalRow(.staff, id), at: instant)
            return member
        }
    }

    /// Changes a supervisor's own PIN after checking the old one (a wrong old PIN counts as a
    /// failed attempt, like any other).
    ///
    /// - Throws: ``AccessError`` for the old PIN, ``InputError/malformedPIN`` for the new one.
    public func changePIN(of code: String, old: String, new: String, at instant: Date) throws {
        try SupervisorPIN.validate(new)
        try authenticate(code, pin: old, at: instant)
        try setPIN(of: code, to: new, kind: "pin_changed", actor: code, at: instant)
    }

    /// An admin sets a new PIN for a supervisor who forgot theirs, and lifts any lockout.
    public func resetPIN(of code: String, to pin: String, admin: String, at instant: Date) throws {
        try SupervisorPIN.validate(pin)
        try setPIN(of: code, to: pin, kind: "pin_reset", actor: admin, admin: admin, at: instant)
    }

    func setPIN(of code: String, to pin: String, kind: String, actor: String, admin: String? = nil, at instant: Date) throws {
        let hash = try PINHash.make(pin)
        try write { db in
            if let admin { _ = try Self.adminID(db, code: admin) }
            let id = try Self.supervisorRow(db, code: code, activeOnly: false)
            try db.execute(sql: "UPDATE staff SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ?", arguments: [hash, id])
            try Self.journal(db, kind: kind, actor: actor, subject: code, row: JournalRow(.staff, id), at: instant)
        }
    }

    /// An admin lifts a supervisor's lockout.
    public func unlockSupervisor(_ code: String, admin: String, at instant: Date) throws {
        try write { db in
            _ = try Self.adminID(db, code: admin)
            let id = try Self.supervisorRow(db, code: code, activeOnly: false)
            try db.execute(sql: "UPDATE staff SET failed_pins = 0, locked_until = NULL WHERE id = ?", arguments: [id])
            try Self.journal(db, kind: "pin_unlocked", actor: admin, subject: code, at: instant)
        }
    }

    /// Checks a supervisor's PIN against the security policy in the database.
    ///
    /// The failure count is checked and raised in one write before the slow hash is computed,
    /// so guesses made in parallel cannot each get a try; a wrong PIN is journaled before the
    /// caller can show anything, and the attempt that reaches the limit locks the supervisor.
    ///
    /// - Returns: the supervisor.
    /// - Throws: ``AccessError`` — unknown, not a supervisor, locked, no PIN, or wrong PIN.
    @discardableResult
    public func authenticate(_ code: String, pin: String, at instant: Date) throws -> StaffMember {
        let attempt = try write { db -> Result<(StaffMember, String, SecurityPolicy), AccessError> in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
                throw AccessError.unknownSupervisor(code)
            }
            let member = try Self.staffMember(row)
            guard member.role != .barista, member.status == .active else { throw AccessError.notASupervisor(code) }
            guard let stored: String = row["pin_hash"] else { throw AccessError.pinNotSet(code) }
            let policy = try Self.securityPolicy(db)
            var failed: Int = row["failed_pins"]
            if let until = try row.optionalInstant("locked_until", table: "staff") {
                guard until <= instant else { throw AccessError.locked(code: code, until: until) }
                failed = 0
            }
            // Attempts already under way, or cut off before they were judged, have used every
            // try: lock now and say so in the journal, so the lockout ends and leaves a trace.
            if failed >= policy.pinAttempts {
                let until = instant.addingTimeInterval(policy.lockout)
                try db.execute(sql: "UPDATE staff SET locked_until = ? WHERE code = ?", arguments: [Timestamp.string(until), code])
                try Self.journal(db, kind: "pin_lockout", actor: code, subject: code, payload: ["until": .string(Timestamp.string(until))], at: instant)
                return .failure(.locked(code: code, until: until))
            }
            try db.execute(sql: "UPDATE staff SET failed_pins = ?, locked_until = NULL WHERE code = ?", arguments: [failed + 1, code])
            return .success((member, stored, policy))
        }
        let (member, stored, policy) = try attempt.get()
        if PINHash.matches(pin, stored: stored) {
            try write { db in try db.execute(sql: "UPDATE staff SET failed_pins = 0 WHERE code = ?", arguments: [code]) }
            return member
        }
        let failure = try write { db -> AccessError in
            let failed = try Int.fetchOne(db, sql: "SELECT failed_pins FROM staff WHERE code = ?", arguments: [code]) ?? policy.pinAttempts
            try Self.journal(db, kind: "pin_failed", actor: code, subject: code, payload: ["attempt": .integer(Int64(failed))], at: instant)
            guard failed >= policy.pinAttempts else { return .wrongPIN(code: code, attemptsLeft: policy.pinAttempts - failed) }
            let until = instant.addingTimeInterval(policy.lockout)
            try db.execute(sql: "UPDATE staff SET locked_until = ? WHERE code = ?", arguments: [Timestamp.string(until), code])
            try Self.journal(db, kind: "pin_lockout", actor: code, subject: code, payload: ["until": .string(Timestamp.string(until))], at: instant)
            return .locked(code: code, until: until)
        }
        throw failure
    }

    /// The person behind `code`, checked to be an active supervisor, inside a transaction.
    static func supervisorID(_ db: Database, code: String) throws -> Int64 {
        try supervisorRow(db, code: code, activeOnly: true)
    }

    static func supervisorRow(_ db: Database, code: String, activeOnly: Bool) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, role, status FROM staff WHERE code = ?", arguments: [code]) else {
            throw AccessError.unknownSupervisor(code)
        }
        let role: StaffRole = try row.kind("role", table: "staff")
        let status: StaffStatus = try row.kind("status", table: "staff")
        guard role != .barista, status == .active || !activeOnly else { throw AccessError.notASupervisor(code) }
        return row["id"]
    }

    /// The person behind `code`, checked to be an active admin.
    static func adminID(_ db: Database, code: String) throws -> Int64 {
        let id = try supervisorID(db, code: code)
        guard try String.fetchOne(db, sql: "SELECT role FROM staff WHERE id = ?", arguments: [id]) == StaffRole.admin.rawValue else {
            throw AccessError.notAnAdmin(code)
        }
        return id
    }

    /// Whether `code` is an active admin.
    public func isAdmin(_ code: String) throws -> Bool {
        try read { db in (try? Self.adminID(db, code: code)) != nil }
    }
}
