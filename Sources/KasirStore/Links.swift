import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Kasir opens no symbolic link as its database or as a backup.
///
/// Root runs `kasir` too, and every member of group `kasir` can place a file in the data
/// folder: a link there, even a dangling one, would have SQLite open or create its target with
/// root's rights. SQLite (through GRDB, which does not pass `SQLITE_OPEN_NOFOLLOW`) follows
/// links, so each path is looked at with `lstat`, which never does, just before it is opened.
/// What remains is the moment between that look and SQLite's own open (docs/trust.md).
enum Links {
    /// The files SQLite opens, and creates, beside a database by their names.
    static let companionSuffixes = ["-wal", "-shm", "-journal"]

    /// Whether `path` is a symbolic link, dangling or not.
    static func isLink(_ path: String) -> Bool {
        var info = stat()
        guard lstat(path, &info) == 0 else { return false }
        return (info.st_mode & 0o170000) == 0o120000
    }

    /// The first of a database file and its companions that is a symbolic link, if any.
    static func firstLink(amongDatabase path: String) -> String? {
        ([path] + companionSuffixes.map { path + $0 }).first(where: isLink)
    }

    /// Whether anything, a dangling link included, is at `path`.
    static func somethingIsAt(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }
}
