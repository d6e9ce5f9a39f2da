import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import KasirCore
import Logging

/// Why a backup could not be made, checked or restored.
public enum BackupError: KasirError, Equatable {
    /// The backup folder or file cannot be written.
    case cannotWrite(String)
    /// The backup cannot be read (its permissions, or a failing disk), or copied aside to be checked.
    case cannotRead(String)
    /// No backup at this path.
    case notFound(String)
    /// The backup fails SQLite's integrity check or its journal does not hold.
    case damaged(path: String, problem: String)
    /// The folder holds no backups.
    case noBackups(String)
    /// A backup (or a file SQLite keeps beside it) is a symbolic link: Kasir opens no link.
    case symbolicLink(String)
    /// The backups folder is a symbolic link: Kasir writes and reads no backup through it.
    case folderIsSymbolicLink(String)
}

extension BackupError {
    public var nature: ErrorNature {
        switch self {
        case .notFound, .noBackups:
            return .refusal
        // A link where a backup or the backups folder should be is an installation tampered with,
        // as for the database itself (``StoreError/symbolicLink(path:)``).
        case .cannotWrite, .cannotRead, .damaged, .symbolicLink, .folderIsSymbolicLink:
            return .fault
        }
    }
}

/// Why a backup was made: at a Z close, or by a supervisor's hand. Rotation keeps the newest
/// of each kind separately, so manual backups never push out a close's.
public enum BackupKind: String, Sendable, CaseIterable {
    case close = "z"
    case manual
    /// The live database, saved just before a restore replaced it.
    case beforeRestore = "before-restore"

    /// The kind a file name says; backups from before the kinds were named came from closes.
    init?(fileName name: String) {
        guard name.hasPrefix("kasir-"), name.hasSuffix(".sqlite") else { return nil }
        let rest = name.dropFirst("kasir-".count)
        if rest.hasPrefix("manual-") {
            self = .manual
        } else if rest.hasPrefix("before-restore-") {
            self = .beforeRestore
        } else if rest.hasPrefix("z-") || rest.first?.isNumber == true {
            self = .close
        } else {
            return nil
        }
    }

    /// `20261129-160000-WITA` of a file name, which orders backups of every kind by time. Names
    /// carry the café's time and say so, as the Z report does; older ones, in UTC, say nothing
    /// and sort before them. Without `.sqlite`, a second backup of the same second (`-2`) sorts
    /// after the first.
    static func stamp(of name: String) -> String {
        let rest = name.dropFirst("kasir-".count)
        let stamp = rest.drop(while: { !$0.isNumber })
        return String(stamp.hasSuffix(".sqlite") ? stamp.dropLast(".sqlite".count) : stamp)
    }
}

extension AppDatabase {
    /// Copies the live database into `folder` with SQLite's online backup, keeping the newest
    /// `keep` backups of the same kind.
    ///
    /// The file is named by the café's time of `instant` with the zone's name
    /// (`kasir-z-20261129-160000-WITA.sqlite`), the time the Z report printed beside it shows.
    /// It is left in rollback-journal mode, so opening it to read (``verifyBackup(at:logger:)``,
    /// `sqlite3`) leaves no `-wal` or `-shm` file beside it.
    ///
    /// - Returns: the new backup's path.
    @discardableResult
    public func createBackup(
        in folder: URL, kind: BackupKind, keep: Int, by actor: String?, at instant: Date, calendar: CafeCalendar = .wita
    ) throws -> URL {
        // The folder's parent is one group kasir can write: a "backups" swapped for a link would
        // have root's backups written wherever it points.
        if Links.isLink(folder.path) { throw BackupError.folderIsSymbolicLink(folder.path) }
        do {
            let shared = Self.fileMode(in: folder.deletingLastPathComponent().path) == 0o660
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: shared ? 0o2770 : 0o700])
        } catch { throw BackupError.cannotWrite(folder.path) }
        // The café's wall time, written in the timestamp's shape, then the zone's name.
        let local = instant.addingTimeInterval(TimeInterval(calendar.timeZone.secondsFromGMT(for: instant)))
        let stamp = String(Timestamp.string(local).prefix(19)).replacingOccurrences(of: "-", with: "")
            .replacingOccurrences(of: ":", with: "").replacingOccurrences(of: "T", with: "-")
        let zone = calendar.zoneLabel.filter { $0.isLetter || $0.isNumber }
        var name = "kasir-\(kind.rawValue)-\(stamp)-\(zone).sqlite"
        var suffix = 1
        // lstat, not fileExists: a dangling link at the name is something there, and refused.
        while true {
            let taken = folder.appendingPathComponent(name).path
            guard Links.somethingIsAt(taken) else { break }
            if Links.isLink(taken) { throw BackupError.symbolicLink(taken) }
            suffix += 1
            name = "kasir-\(kind.rawValue)-\(stamp)-\(zone)-\(suffix).sqlite"
        }
        let target = folder.appendingPathComponent(name)
        // O_EXCL: a new file or none, never through a link put at the name meanwhile (O_EXCL
        // does not follow one); not FileManager.createFile, which writes beside and renames.
        let descriptor = Glibc.open(target.path, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            throw Links.isLink(target.path) ? BackupError.symbolicLink(target.path) : BackupError.cannotWrite(target.path)
        }
        let moded = fchmod(descriptor, mode_t(Self.fileMode(in: folder.path)))
        close(descriptor)
        do {
            guard moded == 0 else { throw BackupError.cannotWrite(target.path) }
            try Self.refuseLinks(atBackup: target)
            let copy = try DatabaseQueue(path: target.path)
            try writer.backup(to: copy)
            try copy.close()
            // The copy is in WAL mode like the live file; a fresh connection reads that and
            // turns it back to a rollback journal, which a reader never writes beside.
            try Self.refuseLinks(atBackup: target)
            let plain = try DatabaseQueue(path: target.path)
            try plain.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = DELETE") }
            try plain.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(at: target)
            throw StoreError.from(error, path: target.path)
        } catch {
            // The file this made goes; a link put in its place is left as it is.
            if !Links.isLink(target.path) { try? FileManager.default.removeItem(at: target) }
            throw error
        }
        for old in try listBackups(in: folder, kind: kind).dropLast(max(keep, 1)) { try? FileManager.default.removeItem(at: old) }
        if kind == .manual {
            let fileName = name
            _ = try write { db in try Self.journal(db, kind: "backup_created", actor: actor, subject: fileName, at: instant) }
        }
        return target
    }

    /// Backups in `folder`, oldest first; of one kind, or every kind.
    ///
    /// - Throws: ``BackupError/folderIsSymbolicLink(_:)`` when `folder` is a symbolic link.
    public func listBackups(in folder: URL, kind: BackupKind? = nil) throws -> [URL] {
        if Links.isLink(folder.path) { throw BackupError.folderIsSymbolicLink(folder.path) }
        return Self.listBackups(in: folder, kind: kind)
    }

    /// The same, without a database at hand (`kasir doctor`); none in a folder that is a link.
    public static func listBackups(in folder: URL, kind: BackupKind? = nil) -> [URL] {
        guard !Links.isLink(folder.path) else { return [] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { name in BackupKind(fileName: name).map { kind == nil || $0 == kind } ?? false }
            .sorted { BackupKind.stamp(of: $0) < BackupKind.stamp(of: $1) }
            .map { folder.appendingPathComponent($0) }
    }

    /// Opens a backup read-only and checks it: SQLite's integrity check, then the journal.
    ///
    /// Reading a backup made in WAL mode (before backups were turned to a rollback journal)
    /// makes SQLite create `-wal` and `-shm` files beside it: those it made are removed after,
    /// so a check leaves the backups folder as it found it.
    ///
    /// - Returns: the backup's journal head.
    /// - Throws: ``BackupError/symbolicLink(_:)`` when the backup, or a file SQLite keeps
    ///   beside it, is a symbolic link (dangling or not): nothing is opened then.
    public static func verifyBackup(at path: URL, logger: Logger) throws -> String {
        try refuseLinks(atBackup: path)
        guard FileManager.default.fileExists(atPath: path.path) else { throw BackupError.notFound(path.path) }
        // Kasir's backups use a rollback journal, which a reader leaves no file beside. An older
        // backup in WAL mode would gain -wal/-shm files, which nobody could safely remove while
        // another process might have it open: that one is checked as a private copy instead.
        var checked = path
        var copyFolder: URL?
        defer { copyFolder.map { try? FileManager.default.removeItem(at: $0) } }
        // Foundation's file errors are said here, as the backup that cannot be read.
        do {
            if try isWriteAheadLog(path) {
                let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-verify-\(UUID().uuidString)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
                copyFolder = folder
                checked = folder.appendingPathComponent("backup.sqlite")
                try FileManager.default.copyItem(at: path, to: checked)
                if FileManager.default.fileExists(atPath: path.path + "-wal") {
                    try FileManager.default.copyItem(atPath: path.path + "-wal", toPath: checked.path + "-wal")
                }
            }
        } catch {
            throw BackupError.cannotRead(path.path)
        }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: checked.path, configuration: configuration)
            defer { try? queue.close() }
            let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard integrity == ["ok"] else { throw BackupError.damaged(path: path.path, problem: integrity.prefix(3).joined(separator: "; ")) }
            let backup = try AppDatabase(readOnly: queue, logger: logger)
            if let finding = try backup.verifyJournal().findings.first {
                throw BackupError.damaged(path: path.path, problem: "\(finding)")
            }
            return try backup.journalHead()
        } catch let error as DatabaseError {
            throw BackupError.damaged(path: path.path, problem: "\(error.resultCode)")
        }
    }

    /// Throws ``BackupError/symbolicLink(_:)`` when the backup at `path`, or its `-wal`, `-shm`
    /// or `-journal`, is a symbolic link: SQLite would follow it.
    static func refuseLinks(atBackup path: URL) throws {
        if let link = Links.firstLink(amongDatabase: path.path) { throw BackupError.symbolicLink(link) }
    }

    /// Whether the database file at `path` is in WAL mode: bytes 18 and 19 of its header are 2
    /// (1 for a rollback journal). Read without opening it through SQLite.
    static func isWriteAheadLog(_ path: URL) throws -> Bool {
        let handle = try FileHandle(forReadingFrom: path)
        defer { try? handle.close() }
        let header = try handle.read(upToCount: 20) ?? Data()
        return header.count == 20 && header[18] == 2 && header[19] == 2
    }

    /// Replaces the live database's content with a verified backup, and journals the restore.
    ///
    /// The live database is first saved beside the other backups (kind `before-restore`), and
    /// the restored journal's first new entry names the head and row count it replaced, so a
    /// restore can never quietly erase a day: what it replaced is on file and on record.
    ///
    /// - Parameters:
    ///   - path: a backup; checked (integrity and journal) before anything changes.
    ///   - folder: where the live database is saved first.
    ///   - admin: who restores; only an admin may.
    /// - Returns: where the live database was saved.
    /// - Throws: ``TillError/backupOverOpenTill`` when a till is open and `overOpenTill` is
    ///   false; ``AccessError/notAnAdmin(_:)``; ``BackupError``.
    @discardableResult
    public func restore(
        from path: URL, savingLiveIn folder: URL, admin: String, overOpenTill: Bool, at instant: Date, calendar: CafeCalendar = .wita
    ) throws -> URL {
        _ = try Self.verifyBackup(at: path, logger: logger)
        guard try isAdmin(admin) else { throw AccessError.notAnAdmin(admin) }
        if try openTill() != nil && !overOpenTill { throw TillError.backupOverOpenTill }
        let replaced = try read { db in
            (head: try Self.journalHead(db),
             rows: try Int64.fetchOne(db, sql: "SELECT COUNT(*) FROM journal") ?? 0)
        }
        let saved = try createBackup(in: folder, kind: .beforeRestore, keep: Int.max, by: admin, at: instant, calendar: calendar)
        // Looked at again just before SQLite opens it: the check above was a while ago.
        try Self.refuseLinks(atBackup: path)
        do {
            let source = try DatabaseQueue(path: path.path)
            try source.backup(to: writer)
            try source.close()
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path.path)
        }
        // The admin may not exist in an older backup: the entry names them without needing the row.
        _ = try write { db in
            try Self.journal(db, kind: "backup_restored", actor: admin, subject: path.lastPathComponent, payload: [
                "replaced_head": .string(replaced.head), "replaced_rows": .integer(replaced.rows), "saved_as": .string(saved.lastPathComponent),
            ], at: instant)
        }
        return saved
    }
}

extension AppDatabase {
    /// Wraps a read-only connection, without migrating it.
    convenience init(readOnly reader: DatabaseQueue, logger: Logger) throws {
        try self.init(unmigrated: reader, logger: logger)
    }
}
