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
                supervisorIdleSeconds: row["supervisor_idle_seconds"], maxBackdateDays: row["max_backdate_days"],
                supervisorSessionCapSeconds: row["supervisor_session_cap_seconds"] ?? 600, maxShiftHours: row["max_shift_hours"] ?? 12)
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
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM security_policy WHERE id = 1") != true,
                try !Self.wasJournaled(db, table: JournaledTable.securityPolicy.name)
            else { return false }
            try Self.storePolicy(db, policy, by: nil, at: instant)
            try Self.journal(db, kind: "security_policy_set", actor: nil, subject: "config", row: JournalRow(.securityPolicy, 1), at: instant)
            return true
        }
    }

    /// Whether the journal ever vouched for a row of `table`. A config seeds rules only into a
    /// database that never had them: rules the journal vouches for that are gone were deleted
    /// outside Kasir (to have a config loosen them), and are not seeded again. What needs them
    /// is refused (``RulesError/rulesMissing(table:)``); a backup restore, `audit verify` and
    /// `doctor` still open the database.
    static func wasJournaled(_ db: Database, table: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM journal WHERE row_table = ? LIMIT 1", arguments: [table]) == true
    }

    /// The money rules were journaled and are gone: deleted outside Kasir.
    public func moneyRulesMissing() throws -> Bool {
        try read { db in try Self.moneyRules(db) == nil && Self.wasJournaled(db, table: JournaledTable.moneyRules.name) }
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
                INSERT INTO security_policy (id, pin_attempts, pin_lockout_minutes, supervisor_idle_seconds, max_backdate_days,
                    supervisor_session_cap_seconds, max_shift_hours, set_by, at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET pin_attempts = excluded.pin_attempts, pin_lockout_minutes = excluded.pin_lockout_minutes,
                    supervisor_idle_seconds = excluded.supervisor_idle_seconds, max_backdate_days = excluded.max_backdate_days,
                    supervisor_session_cap_seconds = excluded.supervisor_session_cap_seconds, max_shift_hours = excluded.max_shift_hours,
                    set_by = excluded.set_by, at = excluded.at
                """,
            arguments: [policy.pinAttempts, policy.pinLockoutMinutes, policy.supervisorIdleSeconds, policy.maxBackdateDays,
                        policy.supervisorSessionCapSeconds, policy.maxShiftHours, setBy, Timestamp.string(instant)])
    }
}

/// Why money may not move yet.
public enum RulesError: KasirError, Equatable {
    /// The database was upgraded and its money rules are the standard ones until an admin
    /// confirms or sets them (`kasir policy confirm|set`).
    case moneyRulesUnconfirmed
    /// The journal vouches for rules (`table`: `money_rules`, `security_policy`) the database no
    /// longer has: they were deleted outside Kasir, and a config file must not set them again.
    case rulesMissing(table: String)
}

extension RulesError {
    public var nature: ErrorNature {
        switch self {
        // Refused until an admin confirms the rules; nothing is broken.
        case .moneyRulesUnconfirmed:
            return .refusal
        // The file was changed outside Kasir: restore a backup.
        case .rulesMissing:
            return .fault
        }
    }
}

extension AppDatabase {
    /// The money rules in force and whether an admin has confirmed them; `nil` until set.
    public func moneyRules() throws -> (rules: MoneyRules, confirmed: Bool)? {
        try read { db in try Self.moneyRules(db) }
    }

    static func moneyRules(_ db: Database) throws -> (rules: MoneyRules, confirmed: Bool)? {
        guard try db.tableExists("money_rules"), let row = try Row.fetchOne(db, sql: "SELECT * FROM money_rules WHERE id = 1") else { return nil }
        let mode: String = row["rounding_mode"]
        guard let rounding = RoundingRule.Mode(rawValue: mode) else {
            throw StoreError.unreadableValue(table: "money_rules", column: "rounding_mode", value: mode)
        }
        var premi = PremiPolicy()
        premi.premi = Percentage(basisPoints: row["premi_basis_points"])
        premi.pnbp = Percentage(basisPoints: row["pnbp_basis_points"])
        premi.capital = Percentage(basisPoints: row["capital_basis_points"])
        if let weights: String = row["station_weights"] {
            guard let table = try? JSONDecoder().decode([String: Int].self, from: Data(weights.utf8)) else {
                throw StoreError.unreadableValue(table: "money_rules", column: "station_weights", value: weights)
            }
            premi.stationWeights = table
        }
        let rules = MoneyRules(
            pricing: PricingPolicy(
                tax: TaxPolicy(rate: Percentage(basisPoints: row["tax_basis_points"]), pricesIncludeTax: row["prices_include_tax"], label: row["tax_label"]),
                serviceCharge: Percentage(basisPoints: row["service_basis_points"]),
                rounding: RoundingRule(unit: row["rounding_unit"], mode: rounding)),
            premi: premi, backupsKept: row["backups_kept"], qrisPayload: row["qris_payload"], timeZone: row["time_zone"],
            qrisMDRCeiling: Percentage(basisPoints: row["qris_mdr_ceiling_basis_points"]))
        return (rules, row["confirmed"])
    }

    /// The money rules, refusing while an upgrade's standard ones wait for an admin.
    ///
    /// - Throws: ``RulesError/moneyRulesUnconfirmed``.
    public func confirmedMoneyRules() throws -> MoneyRules {
        try read { db in try Self.confirmedMoneyRules(db) }
    }

    static func confirmedMoneyRules(_ db: Database) throws -> MoneyRules {
        guard let (rules, confirmed) = try moneyRules(db) else {
            if try wasJournaled(db, table: JournaledTable.moneyRules.name) { throw RulesError.rulesMissing(table: JournaledTable.moneyRules.name) }
            throw RulesError.moneyRulesUnconfirmed
        }
        guard confirmed else { throw RulesError.moneyRulesUnconfirmed }
        return rules
    }

    /// Sets the money rules from the config the first time a database is used (confirmed: the
    /// café chose them); afterwards does nothing.
    ///
    /// - Returns: whether this call set them.
    @discardableResult
    public func establishMoneyRules(_ rules: MoneyRules, at instant: Date) throws -> Bool {
        if try read({ db in try Self.moneyRules(db) != nil }) { return false }
        try rules.validate()
        return try write { db in
            guard try Self.moneyRules(db) == nil, try !Self.wasJournaled(db, table: JournaledTable.moneyRules.name) else { return false }
            try Self.storeMoneyRules(db, rules, by: nil, at: instant)
            try Self.journal(db, kind: "money_rules_set", actor: nil, subject: "config", row: JournalRow(.moneyRules, 1), at: instant)
            return true
        }
    }

    /// An admin sets (and so confirms) the money rules.
    ///
    /// - Throws: ``AccessError/notAnAdmin(_:)``, ``InputError`` for a figure out of bounds.
    public func setMoneyRules(_ rules: MoneyRules, admin: String, at instant: Date) throws {
        try rules.validate()
        try write { db in
            let adminID = try Self.adminID(db, code: admin)
            try Self.storeMoneyRules(db, rules, by: adminID, at: instant)
            try Self.journal(db, kind: "money_rules_set", actor: admin, subject: "admin", row: JournalRow(.moneyRules, 1), at: instant)
        }
    }

    static func storeMoneyRules(_ db: Database, _ rules: MoneyRules, by setBy: Int64?, at instant: Date) throws {
        let weights = try rules.premi.stationWeights.map { weights -> String in
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            return String(decoding: try encoder.encode(weights), as: UTF8.self)
        }
        try db.execute(
            sql: """
                INSERT INTO money_rules (id, tax_label, tax_basis_points, prices_include_tax, service_basis_points, rounding_unit,
                    rounding_mode, premi_basis_points, pnbp_basis_points, capital_basis_points, station_weights, backups_kept, qris_payload,
                    time_zone, qris_mdr_ceiling_basis_points, confirmed, set_by, at)
                VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT(id) DO UPDATE SET tax_label = excluded.tax_label, tax_basis_points = excluded.tax_basis_points,
                    prices_include_tax = excluded.prices_include_tax, service_basis_points = excluded.service_basis_points,
                    rounding_unit = excluded.rounding_unit, rounding_mode = excluded.rounding_mode,
                    premi_basis_points = excluded.premi_basis_points, pnbp_basis_points = excluded.pnbp_basis_points,
                    capital_basis_points = excluded.capital_basis_points, station_weights = excluded.station_weights,
                    backups_kept = excluded.backups_kept, qris_payload = excluded.qris_payload, time_zone = excluded.time_zone,
                    qris_mdr_ceiling_basis_points = excluded.qris_mdr_ceiling_basis_points, confirmed = 1,
                    set_by = excluded.set_by, at = excluded.at
                """,
            arguments: [rules.pricing.tax.label, rules.pricing.tax.rate.basisPoints, rules.pricing.tax.pricesIncludeTax,
                        rules.pricing.serviceCharge.basisPoints, rules.pricing.rounding.unit, rules.pricing.rounding.mode.rawValue,
                        rules.premi.premi.basisPoints, rules.premi.pnbp.basisPoints, rules.premi.capital.basisPoints, weights,
                        rules.backupsKept, rules.qrisPayload, rules.timeZone, rules.qrisMDRCeiling.basisPoints, setBy, Timestamp.string(instant)])
    }
}
