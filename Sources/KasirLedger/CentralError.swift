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
    /// `cafe accept`: the centre has kept no fork or rollback evidence of the café since its
    /// last acceptance (or ever): there is no new branch to take.
    case nothingToAccept(String)
    /// `cafe accept`: none of the café's evidence shows where its journal parts from the
    /// centre's: no entry in it that differs from the one held follows an entry held. A batch
    /// that begins after the fork cannot say where the new branch starts.
    case evidenceDoesNotConnect(String)
    /// `cafe accept`: the reason is missing, empty (or only spaces), longer than 500
    /// characters, or more than one line.
    case badReason
    /// `cafe accept`: the café's journal parts from the centre's at or before where its
    /// history at the centre begins (`base`, the entry before its join): the join itself
    /// would change, which the centre never lets happen.
    case forkBeforeHistory(cafe: String, base: Int64)
    /// A report: a row the centre holds of a café says something no café writes (a kind, a
    /// month, a day it cannot read): verified and signed, so sent on purpose, and not counted.
    case unreadableFact(cafe: String, table: String, value: String)
    /// `cafe accept`: the café's new branch does not begin with a restore (`backup_restored`)
    /// where it parts from the centre's: a journal rewritten, not restored.
    case restoreNotRecorded(String)
    /// An alarm's acknowledgement note that is empty, longer than 500 characters, or holds a
    /// control character other than a line break.
    case badNote
    /// The alarm has been acknowledged already: once is recorded, and kept.
    case alreadyAcknowledged(Int64)
}

extension CentralError {
    public var nature: ErrorNature {
        switch self {
        // The operator typed something that cannot be used; nothing changed.
        case .badDatabaseURL, .badCafeCode, .badPublicKey, .cafeExists, .noDatabase, .unreadableBatch, .badUserName, .userExists,
            .passwordsDiffer, .weakPassword, .badScope, .unknownCafe, .nothingToAccept, .evidenceDoesNotConnect, .badReason, .forkBeforeHistory,
            .restoreNotRecorded, .badNote, .alreadyAcknowledged:
            return .refusal
        // The database server is not there.
        case .unreachable, .database, .unreadableFact:
            return .fault
        }
    }
}
