import Foundation
import KasirConfig
import KasirCore
import KasirStore

extension CafeActions {
    // MARK: The database's rules

    /// Gives a database its rules the first time any command uses it, and says which rules
    /// are in force from then on.
    ///
    /// The security policy and the money rules are taken from `config` once, when the
    /// database has none (each journaled, with no actor: the café chose them); never again, so
    /// a config file handed to a later command can neither loosen access nor move money. The
    /// config returned follows the database's rules (tax, rounding, the split, backups, QRIS,
    /// the time zone, the security policy), unconfirmed ones included: the acts that move
    /// money read them again at the moment of the act and refuse while they are unconfirmed
    /// (``CafeActions``' own reading), so a counter that runs for days follows an admin's
    /// `policy set` at once.
    ///
    /// A static function, for the acts' own config is the one it returns: there are no
    /// ``CafeActions`` before the rules are established.
    ///
    /// ```swift
    /// let database = try AppDatabase.open(path: path, logger: logger)
    /// let config = try CafeActions.establishRules(in: database, from: loaded, at: clock.now())
    /// let actions = CafeActions(database: database, config: config, clock: clock, printer: worker, backupFolder: folder)
    /// ```
    ///
    /// - Returns: `config` with the database's rules in place of its own.
    /// - Throws: ``InputError`` when `config`'s money rules are out of bounds for a new
    ///   database, and the store's errors.
    @discardableResult
    public static func establishRules(in database: AppDatabase, from config: KasirConfiguration, at instant: Date) throws -> KasirConfiguration {
        try database.establishSecurityPolicy(config.cafe.security, at: instant)
        try database.establishMoneyRules(config.cafe.moneyRules, at: instant)
        var config = config
        if let rules = try database.moneyRules()?.rules { config.cafe.follow(rules) }
        config.cafe.security = try database.securityPolicy()
        return config
    }

    // MARK: The menu

    /// An admin copies config/menu.toml into the database: prices and costs decide premi, so
    /// only an admin's PIN changes them. Orders already taken keep their own prices; every
    /// item or group that changed is journaled.
    ///
    /// - Returns: which items were added, repriced and withdrawn.
    @discardableResult
    public func importMenu(by admin: Approver) throws -> MenuImportSummary {
        try database.importMenu(config.menu, approvedBy: admin.code, at: clock.now())
    }

    /// The configured menu, imported when the database has none yet (its first run: `init`,
    /// or the first `counter`); a database with a menu is left as it is, and from then on
    /// only ``importMenu(by:)`` changes it.
    ///
    /// - Parameter approver: the first supervisor when `init` registered one, else `nil`.
    /// - Returns: what was imported, or `nil` when the database had a menu.
    @discardableResult
    public func importFirstMenu(by approver: Approver?) throws -> MenuImportSummary? {
        do {
            _ = try database.menu()
            return nil
        } catch StoreError.noMenu {
            return try database.importMenu(config.menu, approvedBy: approver?.code, at: clock.now())
        }
    }
}
