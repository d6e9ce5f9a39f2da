import Foundation
import GRDB
import KasirCore
import Logging

/// Why a backup could not be made, checked or restored.
public enum BackupError: Error, Equatable, Sendable {
    case cannotWrite(String)
    case notFound(String)
    case damaged(path: String, problem: String)
    case noBackups(String)
}

extension AppDatabase {
    /// Copies the live database into `folder` with SQLite's online backup, keeping the newest `keep`.
    ///
    /// - Returns: the new backup's path.
    @discardableResult
    public func createBackup(in folder: URL, keep: Int, at instant: Date) throws -> URL {
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw BackupError.cannotWrite(folder.path) }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        var name = "kasir-\(formatter.string(from: instant)).sqlite"
        var suffix = 1
        while FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path) {
            suffix += 1
            name = "kasir-\(formatter.string(from: instant))-\(suffix).sqlite"
        }
        let target = folder.appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw BackupError.cannotWrite(target.path)
        }
        do {
            let copy = try DatabaseQueue(path: target.path)
            try writer.backup(to: copy)
            try copy.close()
        } catch let error as DatabaseError {
            try? FileManager.default.removeItem(at: target)
            throw StoreError.from(error, path: target.path)
        }
        let backups = try listBackups(in: folder)
        for old in backups.dropLast(max(keep, 1)) { try? FileManager.default.removeItem(at: old) }
        return target
    }

    /// Backups in `folder`, oldest first.
    public func listBackups(in folder: URL) throws -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("kasir-") && $0.hasSuffix(".sqlite") }.sorted().map { folder.appendingPathComponent($0) }
    }

    /// Opens a backup read-only and checks it: SQLite's integrity check, then the journal.
    ///
    /// - Returns: the backup's journal head.
    public static func verifyBackup(at path: URL, logger: Logger) throws -> String {
        guard FileManager.default.fileExists(atPath: path.path) else { throw BackupError.notFound(path.path) }
        do {
            var configuration = Configuration()
            configuration.readonly = true
            let queue = try DatabaseQueue(path: path.path, configuration: configuration)
            let integrity = try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            guard integrity == ["ok"] else { throw BackupError.damaged(path: path.path, problem: integrity.prefix(3).joined(separator: "; ")) }
            let backup = try AppDatabase(readOnly: queue, logger: logger)
            if let finding = try backup.verifyJournal().first {
                throw BackupError.damaged(path: path.path, problem: "\(finding)")
            }
            return try backup.journalHead()
        } catch let error as DatabaseError {
            throw BackupError.damaged(path: path.path, problem: "\(error.resultCode)")
        }
    }

    /// Replaces the live database's content with a verified backup, and journals the restore.
    ///
    /// - Throws: ``TillError/backupOverOpenTill`` when a till is open and `overOpenTill` is false.
    public func restore(from path: URL, supervisor: String, overOpenTill: Bool, at instant: Date) throws {
        _ = try Self.verifyBackup(at: path, logger: logger)
        if try openTill() != nil && !overOpenTill { throw TillError.backupOverOpenTill }
        do {
            let source = try DatabaseQueue(path: path.path)
            try source.backup(to: writer)
            try source.close()
        } catch let error as DatabaseError {
            throw StoreError.from(error, path: path.path)
        }
        try write { db in
            try Self.journal(db, kind: "backup_restored", actor: supervisor, subject: path.lastPathComponent, at: instant)
        }
    }
}

extension AppDatabase {
    /// Wraps a read-only connection, without migrating it.
    convenience init(readOnly reader: DatabaseQueue, logger: Logger) throws {
        try self.init(unmigrated: reader, logger: logger)
    }
}
