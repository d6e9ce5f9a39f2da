import KasirCore

/// Why the centre cannot do what was asked. Here rather than beside the centre's store, so
/// that the message catalogue, which the café's `kasir` links too, words it without linking
/// PostgreSQL's client.
public enum CentralError: KasirError, Equatable {
    /// The PostgreSQL URL cannot be read.
    case badDatabaseURL(String)
    /// PostgreSQL cannot be reached or refused the connection.
    case unreachable(String)
    /// A café code is not 2–16 capital letters and digits.
    case badCafeCode(String)
    /// A public key that is not 32 bytes of base64 Ed25519.
    case badPublicKey
    /// The café, or its key, is enrolled already.
    case cafeExists(String)
    /// No PostgreSQL URL given: `--db`, `KASIR_CENTRAL_DB` or `/etc/kasir/central.toml`.
    case noDatabase
    /// A batch file that is not a batch.
    case unreadableBatch(String)
    /// PostgreSQL refused a statement: its own message.
    case database(String)
    /// A reader's name that is not 3–32 lower-case letters, digits and `_`, starting with a letter.
    case badUserName(String)
    /// A reader (or a PostgreSQL role) of that name exists already.
    case userExists(String)
    /// The password and its confirmation differ.
    case passwordsDiffer
    /// A password shorter than 12 characters, or with a control character in it.
    case weakPassword
    /// A Kanwil reader without `--kanwil`, a café reader without `--cafe`, or either given to
    /// a role it does not narrow.
    case badScope(role: String)
    /// No café is enrolled with that code.
    case unknownCafe(String)
}

extension CentralError {
    public var nature: ErrorNature {
        switch self {
        // The operator typed something that cannot be used; nothing changed.
        case .badDatabaseURL, .badCafeCode, .badPublicKey, .cafeExists, .noDatabase, .unreadableBatch, .badUserName, .userExists,
            .passwordsDiffer, .weakPassword, .badScope, .unknownCafe:
            return .refusal
        // The database server is not there.
        case .unreachable, .database:
            return .fault
        }
    }
}
