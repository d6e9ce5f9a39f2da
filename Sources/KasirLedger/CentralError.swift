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
}

extension CentralError {
    public var nature: ErrorNature {
        switch self {
        // The operator typed something that cannot be used; nothing changed.
        case .badDatabaseURL, .badCafeCode, .badPublicKey, .cafeExists, .noDatabase, .unreadableBatch:
            return .refusal
        // The database server is not there.
        case .unreachable, .database:
            return .fault
        }
    }
}
