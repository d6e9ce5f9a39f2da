import Foundation
import KasirCore
import KasirLedger
import KasirStore
import PostgresNIO

/// Who reads the centre: the directorate (every café), a Kanwil (its own cafés) or a café (its
/// own rows). Each reader is a login role of PostgreSQL in the matching group role, so
/// PostgreSQL checks the password and row-level security decides what they see (schema v3).
public enum CentralRole: String, Sendable, CaseIterable {
    case directorate, kanwil, cafe

    /// The group role whose grants and policies a reader of this role gets.
    var groupRole: String { "kasir_\(rawValue)" }
}

/// A reader of the centre as `kasir-central user add` makes one.
public struct CentralUser: Hashable, Sendable {
    public var name: String
    public var role: CentralRole
    /// The Kanwil a Kanwil reader sees.
    public var kanwil: String?
    /// The café a café reader sees.
    public var cafe: String?

    public init(name: String, role: CentralRole, kanwil: String? = nil, cafe: String? = nil) {
        self.name = name
        self.role = role
        self.kanwil = kanwil
        self.cafe = cafe
    }

    /// The checks of what was typed, before anything is asked of PostgreSQL.
    ///
    /// - Throws: ``CentralError/badUserName(_:)``, ``CentralError/badScope(role:)``,
    ///   ``CentralError/weakPassword``.
    public func validate(password: String) throws(CentralError) {
        // PostgreSQL keeps names starting with pg_ for itself.
        guard name.range(of: "^[a-z][a-z0-9_]{2,31}$", options: .regularExpression) != nil, !name.hasPrefix("pg_") else { throw .badUserName(name) }
        guard (role == .kanwil) == (kanwil != nil), (role == .cafe) == (cafe != nil), kanwil.map({ (1...200).contains($0.count) }) ?? true
        else { throw .badScope(role: role.rawValue) }
        guard password.count >= 12, !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .weakPassword
        }
    }
}

extension CentralDatabase {
    /// Makes a reader: a row in `central_users` and a PostgreSQL login role of that name, with
    /// the password, in the group role of `user.role`, in one transaction. Only the operator
    /// who migrates (who may create roles) can.
    ///
    /// ```swift
    /// try await central.addUser(CentralUser(name: "kanwil_kaltim", role: .kanwil, kanwil: "Kalimantan Timur"), password: typed)
    /// ```
    ///
    /// - Throws: ``CentralError`` (the checks of ``CentralUser/validate(password:)``,
    ///   ``CentralError/userExists(_:)``, ``CentralError/unknownCafe(_:)``).
    public func addUser(_ user: CentralUser, password: String) async throws {
        try user.validate(password: password)
        let taken = try await connection.query("""
            SELECT 1 FROM pg_roles WHERE rolname = \(user.name) UNION ALL SELECT 1 FROM central_users WHERE name = \(user.name)
            """, logger: logger).collect()
        guard taken.isEmpty else { throw CentralError.userExists(user.name) }
        if let cafe = user.cafe {
            let known = try await connection.query("SELECT 1 FROM cafes WHERE code = \(cafe)", logger: logger).collect()
            guard !known.isEmpty else { throw CentralError.unknownCafe(cafe) }
        }
        // For the pages' sign-in: the server cannot read PostgreSQL's own verifier.
        let hash = try SecretHash.make(password, rounds: SecretHash.passwordRounds)
        try await connection.withTransaction(logger: logger) { connection in
            _ = try await connection.query("""
                INSERT INTO central_users (name, role, kanwil, cafe, password_hash)
                VALUES (\(user.name), \(user.role.rawValue), \(user.kanwil), \(user.cafe), \(hash))
                """, logger: logger).collect()
            // CREATE ROLE takes no parameters: the name is checked above to be letters, digits
            // and _, and the password is a string literal with its quotes doubled, read with
            // standard strings on (so a backslash is only a backslash, whatever the server's
            // setting). PostgreSQL keeps only its SCRAM verifier.
            _ = try await connection.query("SET LOCAL standard_conforming_strings = on", logger: logger).collect()
            let literal = "'" + password.replacingOccurrences(of: "'", with: "''") + "'"
            _ = try await connection.query(
                PostgresQuery(unsafeSQL: "CREATE ROLE \(user.name) LOGIN PASSWORD \(literal) IN ROLE \(user.role.groupRole)"), logger: logger).collect()
            // A reader's query cannot hold the centre for long.
            _ = try await connection.query(PostgresQuery(unsafeSQL: "ALTER ROLE \(user.name) SET statement_timeout = '60s'"), logger: logger).collect()
        }
    }
}
