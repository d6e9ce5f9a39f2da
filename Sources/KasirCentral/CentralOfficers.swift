import Crypto
import Foundation
import KasirCore
import KasirStore
import PostgresNIO

/// An officer signed in to the centre's pages: who, what they may see, and the CSRF token
/// every form of their session carries.
public struct Officer: Hashable, Sendable {
    public var name: String
    public var role: CentralRole
    public var kanwil: String?
    public var cafe: String?
    public var csrf: String

    /// The cafés they may see, in the month from `start` to `end`: a Kanwil's, a café's own,
    /// or every one.
    public func scope(start: Date, end: Date) -> CentralScope {
        CentralScope(start: start, end: end, kanwil: kanwil, cafe: cafe)
    }
}

/// What a sign-in came to.
public enum SignInOutcome: Hashable, Sendable {
    /// Signed in: the cookie's token (never stored, only its SHA-256) and the officer.
    case signedIn(token: String, officer: Officer)
    case refused(SignInRefusal)
}

/// Why a sign-in was refused. A wrong password and an unknown name are one answer, so the
/// page does not say which names exist.
public enum SignInRefusal: String, Hashable, Sendable {
    case wrongCredentials
    /// Too many failures for this name lately.
    case locked
    /// Too many failures from this address lately.
    case addressLimited
    /// Too many sign-ins being checked at this moment: try again shortly.
    case busy
}

/// A sign-in under way, between its two turns at the database: the password is checked
/// between them, away from the connection every café's batch needs.
public struct SignInAttempt: Sendable {
    public var name: String
    public var address: String
    /// The stored hash; `nil` for a name no officer has (checked against a decoy all the same).
    var storedHash: String?
    var role: CentralRole?
    var kanwil: String?
    var cafe: String?
    var known: Bool

    /// Whether `password` is the officer's: PBKDF2 of 600,000 rounds, as long for an unknown
    /// name as for a known one. Call it off any database connection.
    public func matches(_ password: String) -> Bool {
        let matched = SecretHash.matches(password, stored: storedHash ?? CentralDatabase.decoyHash)
        return matched && storedHash != nil && role != nil
    }
}

/// The first turn of a sign-in: refused already (recorded), or a password to check.
public enum SignInStart: Sendable {
    case refused(SignInRefusal)
    case check(SignInAttempt)
}

extension CentralDatabase {
    /// How long a session lasts from its sign-in.
    public static let sessionLength: TimeInterval = 8 * 3_600
    /// Failures of one name, and from one address, within ``failureWindow`` before sign-in is
    /// refused without looking at the password.
    public static let accountFailureLimit = 5
    public static let addressFailureLimit = 20
    public static let failureWindow: TimeInterval = 15 * 60

    /// A sign-in's first turn: refused (and recorded) while the name or the address has
    /// failed too often in the last ``failureWindow``, by PostgreSQL's clock; else what the password
    /// is to be checked against. The second turn is ``finishSignIn(_:matched:token:)``.
    ///
    /// ```swift
    /// guard case .check(let attempt) = try await central.startSignIn(name: typed, address: peer) else { … }
    /// let matched = attempt.matches(password)            // off the connection
    /// let outcome = try await central.finishSignIn(attempt, matched: matched, token: CentralDatabase.newToken())
    /// ```
    public func startSignIn(name: String, address: String) async throws -> SignInStart {
        // Clipped by code points, as PostgreSQL counts them; a name no officer can have is
        // still recorded, and checked against the decoy, like any unknown one.
        let name = String(String.UnicodeScalarView(name.trimmingCharacters(in: .whitespaces).lowercased().unicodeScalars.prefix(64)))
        let address = String(String.UnicodeScalarView(address.unicodeScalars.prefix(80)))
        let counted = try await connection.query("""
            SELECT (SELECT count(*) FROM sign_ins WHERE user_name = \(name) AND at > now() - \(Self.failureWindow) * interval '1 second'
                        AND outcome IN ('wrong_password', 'unknown_user')),
                   (SELECT count(*) FROM sign_ins WHERE address = \(address) AND at > now() - \(Self.failureWindow) * interval '1 second'
                        AND outcome IN ('wrong_password', 'unknown_user'))
            """, logger: logger).collect()
        var (nameFailures, addressFailures): (Int64, Int64) = (0, 0)
        if let row = counted.first { (nameFailures, addressFailures) = try row.decode((Int64, Int64).self) }
        if nameFailures >= Self.accountFailureLimit {
            try await recordSignIn(name: name, address: address, outcome: "locked")
            return .refused(.locked)
        }
        if addressFailures >= Self.addressFailureLimit {
            try await recordSignIn(name: name, address: address, outcome: "address_limited")
            return .refused(.addressLimited)
        }
        let valid = name.range(of: "^[a-z][a-z0-9_]{2,31}$", options: .regularExpression) != nil
        let rows = valid ? try await connection.query("""
            SELECT role, kanwil, cafe, password_hash FROM central_users WHERE name = \(name)
            """, logger: logger).collect() : []
        let user = try rows.first?.decode((String, String?, String?, String?).self)
        return .check(SignInAttempt(name: name, address: address, storedHash: user?.3, role: user.flatMap { CentralRole(rawValue: $0.0) },
                                    kanwil: user?.1, cafe: user?.2, known: user != nil))
    }

    /// A sign-in's second turn: the outcome recorded before it is answered; on a match, the
    /// session of `token` (only its SHA-256 kept) in the same transaction, and sessions past
    /// their end cleared.
    public func finishSignIn(_ attempt: SignInAttempt, matched: Bool, token: String) async throws -> SignInOutcome {
        guard matched, let role = attempt.role else {
            try await recordSignIn(name: attempt.name, address: attempt.address, outcome: attempt.known ? "wrong_password" : "unknown_user")
            return .refused(.wrongCredentials)
        }
        let csrf = Self.randomToken()
        try await connection.withTransaction(logger: logger) { connection in
            _ = try await connection.query("""
                INSERT INTO sign_ins (user_name, address, outcome) VALUES (\(attempt.name), \(attempt.address), 'signed_in')
                """, logger: logger).collect()
            _ = try await connection.query("DELETE FROM web_sessions WHERE expires_at <= now()", logger: logger).collect()
            _ = try await connection.query("""
                INSERT INTO web_sessions (token_hash, user_name, csrf, address, created_at, expires_at)
                VALUES (\(Self.tokenHash(token)), \(attempt.name), \(csrf), \(attempt.address), now(), now() + \(Self.sessionLength) * interval '1 second')
                """, logger: logger).collect()
        }
        return .signedIn(token: token, officer: Officer(name: attempt.name, role: role, kanwil: attempt.kanwil, cafe: attempt.cafe, csrf: csrf))
    }

    /// The officer whose session `token` opens, while it lasts; `nil` for a token no session has.
    public func officer(token: String) async throws -> Officer? {
        guard (43...100).contains(token.utf8.count), token.utf8.allSatisfy({ Self.base64URL.contains($0) }) else { return nil }
        let rows = try await connection.query("""
            SELECT u.name, u.role, u.kanwil, u.cafe, s.csrf FROM web_sessions s JOIN central_users u ON u.name = s.user_name
            WHERE s.token_hash = \(Self.tokenHash(token)) AND s.expires_at > now()
            """, logger: logger).collect()
        guard let (name, role, kanwil, cafe, csrf) = try rows.first?.decode((String, String, String?, String?, String).self),
              let role = CentralRole(rawValue: role)
        else { return nil }
        return Officer(name: name, role: role, kanwil: kanwil, cafe: cafe, csrf: csrf)
    }

    /// Ends the session `token` opens, recorded.
    public func signOut(token: String, officer: Officer, address: String) async throws {
        try await connection.withTransaction(logger: logger) { connection in
            _ = try await connection.query("DELETE FROM web_sessions WHERE token_hash = \(Self.tokenHash(token))", logger: logger).collect()
            _ = try await connection.query("""
                INSERT INTO sign_ins (user_name, address, outcome)
                VALUES (\(officer.name), \(String(String.UnicodeScalarView(address.unicodeScalars.prefix(80)))), 'signed_out')
                """, logger: logger).collect()
        }
    }

    func recordSignIn(name: String, address: String, outcome: String) async throws {
        _ = try await connection.query("""
            INSERT INTO sign_ins (user_name, address, outcome) VALUES (\(name), \(address), \(outcome))
            """, logger: logger).collect()
    }

    /// 32 random bytes, base64url without padding: 43 characters (a session's, a form's).
    public static func newToken() -> String { randomToken() }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static let base64URL = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func tokenHash(_ token: String) -> Data { Data(SHA256.hash(data: Data(token.utf8))) }

    /// A hash no password is checked against but to spend the time a real one takes.
    static let decoyHash: String = (try? SecretHash.make(randomToken(), rounds: SecretHash.passwordRounds)) ?? ""
}
