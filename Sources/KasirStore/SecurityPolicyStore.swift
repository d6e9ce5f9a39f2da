import Foundation
import GRDB
import KasirCore

extension AppDatabase {
    /// The security policy in force: the database's, or the standard one until it is set.
    public func securityPolicy() throws -> SecurityPolicy {
        try read { db in try Self.securityPolicy(db) }
    }

    static func securityPolicy(_ db: Database) throws -> SecurityPolicy {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM security_policy WHERE id = 1") else { return .standard }
        do {
            return try SecurityPolicy(
                pinAttempts: row["pin_attempts"], pinLockoutMinutes: row["pin_lockout_minutes"],
                supervisorIdleSeconds: row["supervisor_idle_seconds"], maxBackdateDays: row["max_backdate_days"])
        } catch {
            throw StoreError.unreadableValue(table: "security_policy", column: "*", value: "\(error)")
        }
    }

    /// Sets the policy from the config the first time a database is used; afterwards does
    /// nothing, so a changed config file cannot loosen it.
    ///
    /// - Returns: whether this call set it.
    @discardableResult
    public func establishSecurityPolicy(_ policy: SecurityPolicy, at instant: Date) throws -> Bool {
        if try read({ db in try Bool.fetchOne(db, sql: "SELECT 1 FROM security_policy WHERE id = 1") == true }) { return false }
        return try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM security_policy WHERE id = 1") != true else { return false }
            try Self.storePolicy(db, policy, by: nil, at: instant)
            try Self.journal(db, kind: "security_policy_set", actor: nil, subject: "config", row: JournalRow(.securityPolicy, 1), at: instant)
            return true
        }
    }

    /// An admin changes the policy.
    ///
    /// - Throws: ``AccessError/notAnAdmin(_:)``.
    public func setSecurityPolicy(_ policy: SecurityPolicy, admin: String, at instant: Date) throws {
        try write { db in
            let adminID = try Self.adminID(db, code: admin)
            try Self.storePolicy(db, policy, by: adminID, at: instant)
            try Self.journal(db, kind: "security_policy_set", actor: admin, subject: "admin", row: JournalRow(.securityPolicy, 1), at: instant)
        }
    }

    static func storePolicy(_ db: Database, _ policy: SecurityPolicy, by setBy: Int64?, at instant: Date) throws {
        try db.execute(
            sql: """
                INSERT INTO security_policy (id, pin_attempts, pin_lockout_minutes, supervisor_idle_seconds, max_backdate_days, set_by, at)
                VALUES (1, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET pin_attempts = excluded.pin_attempts, pin_lockout_minutes = excluded.pin_lockout_minutes,
                    supervisor_idle_seconds = excluded.supervisor_idle_seconds, max_backdate_days = excluded.max_backdate_days,
                    set_by = excluded.set_by, at = excluded.at
                """,
            arguments: [policy.pinAttempts, policy.pinLockoutMinutes, policy.supervisorIdleSeconds, policy.maxBackdateDays, setBy,
                        Timestamp.string(instant)])
    }
}
