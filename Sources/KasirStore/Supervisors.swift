import _CryptoExtras
import Crypto
import Foundation
import GRDB
import KasirCore

/// Why a supervisor's PIN, or their role, did not open the door.
public enum AccessError: KasirError, Equatable {
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
    /// Locked a second time within ``AppDatabase/pinWindow``: until an admin unlocks.
    case lockedUntilUnlocked(String)
    /// The supervisor has no PIN.
    case pinNotSet(String)
    /// Supervisors exist, so the act needs `--by SUP`.
    case supervisorRequired
    /// The new PIN and its repetition differ.
    case pinsDiffer
}

extension AccessError {
    public var nature: ErrorNature {
        switch self {
        case .unknownSupervisor, .notASupervisor, .notAnAdmin, .wrongPIN, .locked, .lockedUntilUnlocked, .pinNotSet, .supervisorRequired,
             .pinsDiffer:
            return .refusal
        }
    }
}

/// What a supervisor is told, once, when their PIN opens the door.
public struct SignInNotice: Hashable, Sendable {
    /// Wrong PINs typed for this supervisor since their last sign-in (0: none).
    public var failures: Int
    /// Their last sign-in; when none is on record, the first of those wrong PINs.
    public var since: Date?
    /// Whether the PIN they typed would be refused if it were set today (``SupervisorPIN``):
    /// a PIN set before the rule, to be changed with `kasir staff pin`.
    public var weakPIN: Bool

    public init(failures: Int = 0, since: Date? = nil, weakPIN: Bool = false) {
        self.failures = failures
        self.since = since
        self.weakPIN = weakPIN
    }

    /// Whether there is nothing to tell.
    public var isEmpty: Bool { failures == 0 && !weakPIN }
}

/// A supervisor whose PIN was right, and what they are to be told about it.
public struct SignIn: Hashable, Sendable {
    public var member: StaffMember
    public var notice: SignInNotice
}

/// Secrets are stored only as salted PBKDF2-SHA256 hashes, never in clear: supervisors' and
/// WBP's PINs at the café, officers' passwords at the centre. The stored form names the
/// function and its rounds, `pbkdf2-sha256$ROUNDS$SALT$HASH`, so a stronger setting later
/// still reads the hashes made before.
///
/// ```swift
/// let stored = try SecretHash.make("246810")
/// SecretHash.matches("246810", stored: stored)   // true
/// ```
public enum SecretHash {
    /// The fewest rounds made or accepted (swift-crypto refuses fewer): a PIN is tried at the
    /// counter, against a lockout.
    public static let rounds = 210_000
    /// An officer's password, tried over the network: OWASP's figure for PBKDF2-SHA256.
    public static let passwordRounds = 600_000

    public static func make(_ secret: String, rounds: Int = rounds) throws -> String {
        var salt = [UInt8](repeating: 0, count: 16)
        var generator = SystemRandomNumberGenerator()
        for index in salt.indices { salt[index] = UInt8.random(in: 0...255, using: &generator) }
        return "pbkdf2-sha256$\(rounds)$\(Data(salt).base64EncodedString())$\(try derive(secret, salt: salt, rounds: rounds))"
    }

    public static func matches(_ secret: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$").map(String.init)
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let rounds = Int(parts[1]), rounds >= Self.rounds, rounds <= 10_000_000,
            let salt = Data(base64Encoded: parts[2]), let expected = Data(base64Encoded: parts[3]),
            let actual = try? derive(secret, salt: [UInt8](salt), rounds: rounds), let actualData = Data(base64Encoded: actual),
            actualData.count == expected.count
        else { return false }
        // Compare every byte, so the time taken says nothing about where they differ.
        return zip(actualData, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func derive(_ secret: String, salt: [UInt8], rounds: Int) throws -> String {
        let key = try KDF.Insecure.PBKDF2.deriveKey(
            from: Array(secret.utf8), salt: salt, using: .sha256, outputByteCount: 32, rounds: rounds)
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
    ///   - pin: 6–12 digits, not weak (nor from `member`'s NIP); only its salted hash is stored.
    ///   - approver: the admin who adds them (`nil` for the first one).
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)``, ``AccessError/supervisorRequired``
    ///   (supervisors exist and no approver was given), ``AccessError/notAnAdmin(_:)``, ``StaffError``.
    @discardableResult
    public func addSupervisor(_ member: StaffMember, pin: String, approvedBy approver: String?, at instant: Date) throws -> StaffMember {
        try SupervisorPIN.validate(pin, nip: member.nip)
        guard member.role != .barista else { throw StaffError.notABarista(member.code) }
        let hash = try SecretHash.make(pin)
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
    /// The new PIN is checked (form, weakness, the supervisor's NIP) before the old one, so a
    /// refused new PIN uses no try.
    ///
    /// - Returns: the sign-in the old PIN made, with what to tell the supervisor.
    /// - Throws: ``AccessError`` for the old PIN, ``InputError/malformedPIN`` or
    ///   ``InputError/weakPIN(_:)`` for the new one.
    @discardableResult
    public func changePIN(of code: String, old: String, new: String, at instant: Date) throws -> SignIn {
        try SupervisorPIN.validate(new, nip: try nip(of: code))
        let signIn = try authenticate(code, pin: old, at: instant)
        try setPIN(of: code, to: new, kind: "pin_changed", actor: code, at: instant)
        return signIn
    }

    /// An admin sets a new PIN for a supervisor who forgot theirs, and lifts any lockout: the
    /// wrong PINs before it no longer count (``authenticate(_:pin:at:)``).
    ///
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)``, ``AccessError``.
    public func resetPIN(of code: String, to pin: String, admin: String, at instant: Date) throws {
        try SupervisorPIN.validate(pin, nip: try nip(of: code))
        try setPIN(of: code, to: pin, kind: "pin_reset", actor: admin, admin: admin, at: instant)
    }

    /// The NIP of `code`, for the PIN rule; `nil` when there is none (or no such person: the
    /// act that follows says so).
    func nip(of code: String) throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT nip FROM staff WHERE code = ?", arguments: [code]) }
    }

    /// Stores a new PIN's hash. An admin's reset also lifts the lockout; a supervisor's own
    /// change (after a right old PIN) leaves the count of attempts under way as it is.
    func setPIN(of code: String, to pin: String, kind: String, actor: String, admin: String? = nil, at instant: Date) throws {
        let hash = try SecretHash.make(pin)
        try write { db in
            if let admin { _ = try Self.adminID(db, code: admin) }
            let id = try Self.supervisorRow(db, code: code, activeOnly: false)
            if admin != nil {
                try db.execute(sql: "UPDATE staff SET pin_hash = ?, failed_pins = 0, locked_until = NULL WHERE id = ?", arguments: [hash, id])
            } else {
                try db.execute(sql: "UPDATE staff SET pin_hash = ? WHERE id = ?", arguments: [hash, id])
            }
            try Self.journal(db, kind: kind, actor: actor, subject: code, row: JournalRow(.staff, id), at: instant)
        }
    }

    /// An admin lifts a supervisor's lockout (also one only an admin lifts); the wrong PINs and
    /// lockouts before it no longer count (``authenticate(_:pin:at:)``).
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
    /// Wrong PINs are counted from the journal's `pin_failed` entries of the last
    /// ``pinWindow`` (24 hours, rolling), since the last admin unlock or reset and since the
    /// last lockout ended; a right PIN does not clear them. The attempt that makes them the
    /// policy's `pinAttempts` locks the supervisor out: the first lockout in the window for the
    /// policy's minutes, a second one until an admin unlocks (for the whole window when no
    /// other admin could).
    ///
    /// The count is checked, and the attempt counted as under way (`staff.failed_pins`), in one
    /// write before the slow hash is computed, so guesses made in parallel cannot each get a
    /// try; a wrong PIN is journaled before the caller can show anything.
    ///
    /// - Returns: the supervisor, with the wrong PINs typed for them since their last sign-in
    ///   and whether the PIN typed would be refused today (a PIN set before the rule).
    /// - Throws: ``AccessError`` — unknown, not a supervisor, locked, no PIN, or wrong PIN.
    @discardableResult
    public func authenticate(_ code: String, pin: String, at instant: Date) throws -> SignIn {
        let attempt = try write { db -> Result<(StaffMember, String, Int64), AccessError> in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
                throw AccessError.unknownSupervisor(code)
            }
            let member = try Self.staffMember(row)
            guard member.role != .barista, member.status == .active else { throw AccessError.notASupervisor(code) }
            guard let stored: String = row["pin_hash"] else { throw AccessError.pinNotSet(code) }
            let id: Int64 = row["id"]
            let policy = try Self.securityPolicy(db)
            let record = try Self.pinRecord(db, code: code, at: instant)
            if let lock = record.lock(code, at: instant) { throw lock }
            // Attempts under way (counted before their hash, not judged yet), or cut off before
            // they were judged, hold their tries: when they and the wrong PINs use every try,
            // lock now and say so in the journal, so the lockout ends and leaves a trace.
            let underWay: Int = row["failed_pins"]
            if record.failures + underWay >= policy.pinAttempts {
                return .failure(try Self.lockOut(db, id: id, code: code, lockoutsBefore: record.lockoutsInWindow, policy: policy, at: instant))
            }
            try db.execute(sql: "UPDATE staff SET failed_pins = failed_pins + 1 WHERE id = ?", arguments: [id])
            return .success((member, stored, id))
        }
        let (member, stored, id) = try attempt.get()
        if SecretHash.matches(pin, stored: stored) {
            var notice = try write { db in try Self.signIn(db, id: id, code: code, at: instant) }
            notice.weakPIN = (try? SupervisorPIN.validate(pin, nip: member.nip)) == nil
            return SignIn(member: member, notice: notice)
        }
        let failure = try write { db -> AccessError in
            try db.execute(sql: "UPDATE staff SET failed_pins = MAX(failed_pins - 1, 0) WHERE id = ?", arguments: [id])
            let record = try Self.pinRecord(db, code: code, at: instant)
            let failures = record.failures + 1
            try Self.journal(db, kind: "pin_failed", actor: code, subject: code, payload: ["attempt": .integer(Int64(failures))], at: instant)
            // Locked meanwhile by an attempt made beside this one: this wrong PIN belongs to that lockout.
            if let lock = record.lock(code, at: instant) { return lock }
            let policy = try Self.securityPolicy(db)
            guard failures >= policy.pinAttempts else {
                let underWay = try Int.fetchOne(db, sql: "SELECT failed_pins FROM staff WHERE id = ?", arguments: [id]) ?? 0
                return .wrongPIN(code: code, attemptsLeft: max(policy.pinAttempts - failures - underWay, 0))
            }
            return try Self.lockOut(db, id: id, code: code, lockoutsBefore: record.lockoutsInWindow, policy: policy, at: instant)
        }
        throw failure
    }

    /// How far back wrong PINs and lockouts count: 24 hours, rolling.
    public static let pinWindow: TimeInterval = 24 * 3_600

    /// The kinds of entry a PIN check reads, word for word as the partial index `journal_pin`
    /// (v11) names them: SQLite uses that index only for a query that carries this term.
    static let pinEntryKinds = "kind IN ('pin_failed', 'pin_lockout', 'pin_unlocked', 'pin_reset')"

    /// What the journal says of a supervisor's wrong PINs, as a check at one instant needs it.
    struct PINRecord {
        /// The last lockout since the last admin unlock or reset: when it ends, `nil` for one
        /// only an admin lifts.
        var lastLockout: (seq: Int64, until: Date?)?
        /// Lockouts within the window since the last admin unlock or reset.
        var lockoutsInWindow: Int
        /// Wrong PINs toward the next lockout: within the window, since the last admin unlock
        /// or reset, and since the last lockout ended (those typed while it was in force
        /// were attempts already under way, and belong to it).
        var failures: Int

        /// The lockout in force at `instant`, if any.
        func lock(_ code: String, at instant: Date) -> AccessError? {
            guard let last = lastLockout else { return nil }
            guard let until = last.until else { return .lockedUntilUnlocked(code) }
            return until > instant ? .locked(code: code, until: until) : nil
        }
    }

    /// - Parameter clearedAfter: a journal row after which nothing before counts, besides the
    ///   last unlock or reset (a WBP's PIN set by a supervisor, ``AppDatabase/setBaristaPIN(of:to:supervisor:at:)``).
    static func pinRecord(_ db: Database, code: String, at instant: Date, clearedAfter floor: Int64 = 0) throws -> PINRecord {
        let kinds = pinEntryKinds
        let cleared = max(try Int64.fetchOne(
            db, sql: "SELECT MAX(seq) FROM journal WHERE \(kinds) AND subject = ? AND kind IN ('pin_unlocked', 'pin_reset')",
            arguments: [code]) ?? 0, floor)
        let windowStart = Timestamp.string(instant.addingTimeInterval(-pinWindow))
        var last: (seq: Int64, until: Date?)?
        if let row = try Row.fetchOne(
            db, sql: "SELECT seq, payload FROM journal WHERE \(kinds) AND subject = ? AND kind = 'pin_lockout' AND seq > ? ORDER BY seq DESC LIMIT 1",
            arguments: [code, cleared]) {
            let payload = (try? JSONSerialization.jsonObject(with: Data((row["payload"] as String).utf8))) as? [String: Any]
            // No end on record (`until_unlocked`): only an admin lifts it.
            let seq: Int64 = row["seq"]
            last = (seq: seq, until: (payload?["until"] as? String).flatMap { Timestamp.date($0) })
        }
        let lockouts = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM journal WHERE \(kinds) AND subject = ? AND kind = 'pin_lockout' AND seq > ? AND at > ?",
            arguments: [code, cleared, windowStart]) ?? 0
        let roundStart = last?.until.map { Timestamp.string($0) } ?? windowStart
        let failures = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM journal WHERE \(kinds) AND subject = ? AND kind = 'pin_failed' AND seq > ? AND at > ? AND at >= ?",
            arguments: [code, cleared, windowStart, roundStart]) ?? 0
        return PINRecord(lastLockout: last, lockoutsInWindow: lockouts, failures: failures)
    }

    /// Locks `code` out and journals it (`pin_lockout`, with `lockout`: its number in the
    /// window, and `until`, or `until_unlocked` when only an admin lifts it).
    static func lockOut(
        _ db: Database, id: Int64, code: String, lockoutsBefore: Int, policy: SecurityPolicy, at instant: Date
    ) throws -> AccessError {
        let number = lockoutsBefore + 1
        let until: Date?
        if number == 1 {
            until = instant.addingTimeInterval(policy.lockout)
        } else if try Bool.fetchOne(
            db, sql: "SELECT 1 FROM staff WHERE role = 'admin' AND status = 'active' AND pin_hash IS NOT NULL AND id != ? LIMIT 1",
            arguments: [id]) == true {
            until = nil
        } else {
            // No other admin could lift it: it lasts the whole window instead of for ever.
            until = instant.addingTimeInterval(pinWindow)
        }
        var payload: [String: CanonicalJSON] = ["lockout": .integer(Int64(number))]
        if let until { payload["until"] = .string(Timestamp.string(until)) } else { payload["until_unlocked"] = .bool(true) }
        // The attempts under way hold no try once the lockout is on: it starts a new round.
        try db.execute(sql: "UPDATE staff SET failed_pins = 0, locked_until = ? WHERE id = ?", arguments: [until.map { Timestamp.string($0) }, id])
        try Self.journal(db, kind: "pin_lockout", actor: code, subject: code, payload: payload, at: instant)
        if let until { return .locked(code: code, until: until) }
        return .lockedUntilUnlocked(code)
    }

    /// Records a right PIN: the attempt is no longer under way, and the wrong PINs journaled
    /// since the supervisor's last journaled act (which took a right PIN) are counted for them.
    /// Nothing else is written, so a right PIN followed by a refused act changes nothing; the
    /// next sign-in tells the same wrong PINs again until an act is recorded.
    static func signIn(_ db: Database, id: Int64, code: String, at instant: Date) throws -> SignInNotice {
        try db.execute(sql: "UPDATE staff SET failed_pins = MAX(failed_pins - 1, 0) WHERE id = ?", arguments: [id])
        let last = try Row.fetchOne(db, sql: """
            SELECT seq, at FROM journal WHERE actor = ? AND kind NOT IN ('pin_failed', 'pin_lockout') ORDER BY seq DESC LIMIT 1
            """, arguments: [code])
        let lastSeq = last.map { $0["seq"] as Int64 } ?? 0
        let lastAt = last.flatMap { $0["at"] as String? }
        let failed = try Row.fetchOne(
            db, sql: "SELECT COUNT(*), MIN(at) FROM journal WHERE \(pinEntryKinds) AND subject = ? AND kind = 'pin_failed' AND seq > ?",
            arguments: [code, lastSeq])
        let count = failed.map { $0[0] as Int } ?? 0
        let first = failed.flatMap { $0[1] as String? }
        return SignInNotice(failures: count, since: count > 0 ? (lastAt ?? first).flatMap { Timestamp.date($0) } : nil)
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
