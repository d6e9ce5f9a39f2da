import _CryptoExtras
import Crypto
import Foundation
import GRDB
import KasirCore

/// Why a supervisor's PIN did not open the door.
public enum AccessError: Error, Equatable, Sendable {
    case unknownSupervisor(String)
    case notASupervisor(String)
    case wrongPIN(code: String, attemptsLeft: Int)
    case locked(code: String, until: Date)
    case pinNotSet(String)
    /// Supervisors exist, so the act needs `--by SUP`.
    case supervisorRequired
}

/// How many wrong PINs lock a supervisor, and for how long.
public struct PINPolicy: Sendable {
    public var attempts: Int
    public var lockout: TimeInterval
    public init(attempts: Int = 5, lockout: TimeInterval = 15 * 60) {
        self.attempts = attempts
        self.lockout = lockout
    }
}

/// PINs are stored only as salted PBKDF2-SHA256 hashes, never in clear.
enum PINHash {
    static let rounds = 210_000

    /// Checks a PIN's form: 4 to 12 digits.
    static func validate(_ pin: String) throws(InputError) {
        guard (4...12).contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformedPIN }
    }

    static func make(_ pin: String) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(try derive(pin, salt: salt, rounds: rounds))"
    }

    static func matches(_ pin: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]),
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
    /// - Parameters:
    ///   - member: the supervisor; `role` must be `.supervisor` or `.admin`.
    ///   - pin: 4–12 digits; only its salted hash is stored.
    ///   - approver: the supervisor who added them (`nil` for the first one, at `kasir init`).
    @discardableResult
    public func addSupervisor(_ member: StaffMember, pin: String, approvedBy approver: String?, at instant: Date) throws -> StaffMember {
        try PINHash.validate(pin)
        let hash = try PINHash.make(pin)
        return try write { db in
            try Self.insertStaff(db, member, at: instant)
            let id = db.lastInsertedRowID
            try db.execute(sql: "UPDATE staff SET pin_hash = ? WHERE id = ?", arguments: [hash, id])
            try Self.journal(db, kind: "supervisor_added", actor: approver, subject: member.code, row: ("staff", id), at: instant)
            try Self.journal(db, kind: "pin_set", actor: approver, subject: member.code, at: instant)
            return member
        }
    }

    /// Changes a supervisor's PIN (they prove the old one first, through ``authenticate``).
    public func changePIN(of code: String, to pin: String, at instant: Date) throws {
        try PINHash.validate(pin)
        let hash = try PINHash.make(pin)
        try write { db in
            try db.execute(sql: "UPDATE staff SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE code = ?", arguments: [hash, code])
            try Self.journal(db, kind: "pin_changed", actor: code, subject: code, at: instant)
        }
    }

    /// Checks a supervisor's PIN; every failure and lockout is journaled.
    ///
    /// - Returns: the supervisor.
    /// - Throws: ``AccessError`` — unknown, not a supervisor, locked, or wrong PIN (after which
    ///   the attempts left are counted down; the last one locks for `policy.lockout`).
    @discardableResult
    public func authenticate(_ code: String, pin: String, policy: PINPolicy, at instant: Date) throws -> StaffMember {
        let found = try read { db -> (member: StaffMember, lockedUntil: String?, pinHash: String?, failed: Int)? in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else { return nil }
            return (Self.staffMember(row), row["locked_until"], row["pin_hash"], row["failed_pins"])
        }
        guard let found else { throw AccessError.unknownSupervisor(code) }
        let member = found.member
        guard member.role == .supervisor || member.role == .admin, member.status == .active else { throw AccessError.notASupervisor(code) }
        if let until = found.lockedUntil.flatMap(Self.parseTimestamp), until > instant {
            throw AccessError.locked(code: code, until: until)
        }
        guard let stored = found.pinHash else { throw AccessError.pinNotSet(code) }
        if PINHash.matches(pin, stored: stored) {
            if found.failed > 0 || found.lockedUntil != nil {
                try write { db in try db.execute(sql: "UPDATE staff SET failed_pins = 0, locked_until = NULL WHERE code = ?", arguments: [code]) }
            }
            return member
        }
        let failure = try write { db -> AccessError in
            let failed = (try Int.fetchOne(db, sql: "SELECT failed_pins FROM staff WHERE code = ?", arguments: [code]) ?? 0) + 1
            try Self.journal(db, kind: "pin_failed", actor: code, subject: code, payload: ["attempt": failed], at: instant)
            if failed >= policy.attempts {
                let until = instant.addingTimeInterval(policy.lockout)
                try db.execute(sql: "UPDATE staff SET failed_pins = 0, locked_until = ? WHERE code = ?", arguments: [Self.timestamp(until), code])
                try Self.journal(db, kind: "pin_lockout", actor: code, subject: code, payload: ["until": Self.timestamp(until)], at: instant)
                return .locked(code: code, until: until)
            }
            try db.execute(sql: "UPDATE staff SET failed_pins = ? WHERE code = ?", arguments: [failed, code])
            return .wrongPIN(code: code, attemptsLeft: policy.attempts - failed)
        }
        throw failure
    }

    static func parseTimestamp(_ text: String) -> Date? {
        try? timestampStyle.parse(text)
    }

    /// The person behind `code`, checked to be an active supervisor, inside a transaction.
    static func supervisorID(_ db: Database, code: String) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
            throw AccessError.unknownSupervisor(code)
        }
        let member = staffMember(row)
        guard member.role == .supervisor || member.role == .admin, member.status == .active else { throw AccessError.notASupervisor(code) }
        return row["id"]
    }
}
