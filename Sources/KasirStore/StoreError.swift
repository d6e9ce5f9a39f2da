import Foundation
import GRDB
import KasirCore

/// Why the database could not do what was asked. Nothing was changed when one is thrown.
public enum StoreError: KasirError, Equatable {
    /// Another process held the database longer than the busy timeout.
    case locked
    /// The file is not a Kasir database, or is damaged.
    case corrupt(path: String)
    /// The file or its folder cannot be written.
    case readOnly(path: String)
    /// The disk is full.
    case diskFull
    /// The file cannot be opened or created.
    case cannotOpen(path: String)
    /// The database file, or a file SQLite keeps beside it (`-wal`, `-shm`, `-journal`), is a
    /// symbolic link (perhaps a dangling one): Kasir opens no link.
    case symbolicLink(path: String)
    /// Any other SQLite failure, with SQLite's own words for the log.
    case failed(String)
    /// No order with this number on this day.
    case orderNotFound(day: String, number: Int)
    /// The database holds no menu yet: `kasir init` or `kasir menu import` first.
    case noMenu
    /// A stored value of a form the code does not know: written by a newer Kasir, or by hand.
    case unreadableValue(table: String, column: String, value: String)
    /// A rule the schema itself enforces refused the write (a CHECK or trigger), in SQLite's words.
    case refusedBySchema(String)
    /// The rows read back in the transaction are not what was just written (a row planted
    /// beforehand, a trigger rewriting it): nothing is committed.
    case writtenRowsDiffer(table: String, key: String)

    /// Maps an SQLite failure onto the cases a person can act on.
    static func from(_ error: DatabaseError, path: String) -> StoreError {
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked
        case .SQLITE_CORRUPT, .SQLITE_NOTADB: return .corrupt(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH: return .readOnly(path: path)
        case .SQLITE_FULL: return .diskFull
        case .SQLITE_CANTOPEN: return .cannotOpen(path: path)
        case .SQLITE_CONSTRAINT: return .refusedBySchema(error.message ?? "\(error)")
        default: return .failed("\(error)")
        }
    }
}

extension StoreError {
    public var nature: ErrorNature {
        switch self {
        // A database busy elsewhere: nothing changed, and the same act can be tried again.
        case .locked, .orderNotFound, .noMenu:
            return .refusal
        // A schema's CHECK or trigger refusing a write means the code let through what it should
        // have refused: a fault, as much as a damaged file.
        case .corrupt, .readOnly, .diskFull, .cannotOpen, .symbolicLink, .failed, .unreadableValue, .refusedBySchema, .writtenRowsDiffer:
            return .fault
        }
    }
}

extension Row {
    /// The instant in `column`.
    ///
    /// - Throws: ``StoreError/unreadableValue(table:column:value:)`` for anything but a ``Timestamp``.
    func instant(_ column: String, table: String) throws -> Date {
        try Self.instant(self[column], column: column, table: table)
    }

    /// The instant in `column`, or `nil` when it is NULL.
    func optionalInstant(_ column: String, table: String) throws -> Date? {
        let text: String? = self[column]
        return text == nil ? nil : try Self.instant(text, column: column, table: table)
    }

    /// The instant at position `index`, for loops over many rows (a name is looked up per row);
    /// `column` names it in the error.
    func instant(at index: Int, column: String, table: String) throws -> Date {
        try Self.instant(self[index], column: column, table: table)
    }

    /// The instant at position `index`, or `nil` when it is NULL.
    func optionalInstant(at index: Int, column: String, table: String) throws -> Date? {
        let text: String? = self[index]
        return text == nil ? nil : try Self.instant(text, column: column, table: table)
    }

    static func instant(_ text: String?, column: String, table: String) throws -> Date {
        guard let text, let date = Timestamp.date(text) else {
            throw StoreError.unreadableValue(table: table, column: column, value: text ?? "NULL")
        }
        return date
    }

    /// The value of a closed set in `column`.
    ///
    /// - Throws: ``StoreError/unreadableValue(table:column:value:)`` for a value outside the set.
    func kind<Kind: StoredKind>(_ column: String, table: String) throws -> Kind {
        try Self.kind(self[column], column: column, table: table)
    }

    /// The value of a closed set at position `index`; `column` names it in the error.
    func kind<Kind: StoredKind>(at index: Int, column: String, table: String) throws -> Kind {
        try Self.kind(self[index], column: column, table: table)
    }

    static func kind<Kind: StoredKind>(_ text: String?, column: String, table: String) throws -> Kind {
        guard let text, let value = Kind(rawValue: text) else {
            throw StoreError.unreadableValue(table: table, column: column, value: text ?? "NULL")
        }
        return value
    }

    /// The month in `column`.
    func month(_ column: String, table: String) throws -> BusinessMonth {
        let text: String? = self[column]
        guard let text, let month = try? BusinessMonth.parse(text) else {
            throw StoreError.unreadableValue(table: table, column: column, value: text ?? "NULL")
        }
        return month
    }

    /// The day in `column`.
    func day(_ column: String, table: String) throws -> BusinessDay {
        let text: String? = self[column]
        guard let text, let day = try? BusinessDay.parse(text) else {
            throw StoreError.unreadableValue(table: table, column: column, value: text ?? "NULL")
        }
        return day
    }
}
