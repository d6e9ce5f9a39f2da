import GRDB

/// Why the database could not do what was asked. Nothing was changed when one is thrown.
public enum StoreError: Error, Equatable, Sendable {
    /// Another process held the database longer than the busy timeout.
    case locked
    /// The file is not a Kasir database, or is damaged.
    case corrupt(path: String)
    case readOnly(path: String)
    case diskFull
    case cannotOpen(path: String)
    /// Any other SQLite failure, with SQLite's own words for the log.
    case failed(String)
    case orderNotFound(day: String, number: Int)
    /// The database holds no menu yet: `kasir init` or `kasir menu import` first.
    case noMenu

    /// Maps an SQLite failure onto the cases a person can act on.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path)
        default: return .failed("\(error)")
        }
    }
}
