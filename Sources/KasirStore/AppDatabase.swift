import Foundation
#if canImport(Glibc)
import Glibc
#endif
import GRDB
import KasirCore
import Logging

/// The café's database: one SQLite file, and the only way to change it.
///
/// `AppDatabase` owns the schema migrations and every write method, so each write keeps the
/// data valid by construction: an order is committed with all its lines and payments in one
/// transaction, or not at all.
///
/// ```swift
/// let database = try AppDatabase.open(path: "/var/lib/kasir/kasir.sqlite", logger: logger)
/// let order = try database.recordOrder(draft, tenders: [.cash(tendered: 50_000)], pricing: policy, calendar: .wita, at: now)
/// ```
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    public let path: String
    let logger: Logger
    /// Set only on the handle ``batch(_:)`` gives its body: every call on that handle runs in
    /// the batch's one transaction. The database a caller opens never has one.
    let transaction: BatchTransaction?

    /// Wraps an open connection and brings its schema up to date.
    ///
    /// - Parameters:
    ///   - writer: a `DatabasePool` or `DatabaseQueue` configured by ``configuration()``.
    ///   - migrationWait: seconds to wait for another process that is migrating the same file.
    ///   - logger: where migration and failure details go; the caller makes it.
    /// - Throws: ``StoreError`` when the schema cannot be migrated; ``StoreError/locked`` when
    ///   another process holds the migration lock longer than `migrationWait`.
    public init(_ writer: any DatabaseWriter, migrationWait: TimeInterval = 10, logger: Logger) throws(StoreError) {
        self.writer = writer
        self.path = writer.path
        self.logger = logger
        self.transaction = nil
        do {
            // Set here as well as in prepareDatabase: a DatabasePool switches its writer to
            // NORMAL when it turns WAL on, after prepareDatabase has run.
            try writer.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            // GRDB reads which migrations are applied before it takes the write lock: two
            // processes opening a new file at once would both run the first one. Migrating is
            // therefore done by one process at a time, and the others find it done. The quick
            // look may fail while another process is creating the schema ("no such table"):
            // then this one waits for the lock and looks again.
            let migrated = (try? writer.read { db in try Self.migrator.hasCompletedMigrations(db) }) ?? false
            if !migrated {
                try Self.whileMigrationLockHeld(for: writer.path, waiting: migrationWait) { try Self.migrator.migrate(writer) }
            }
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            logger.error("migration failed", metadata: ["error": "\(error)"])
            throw StoreError.from(error, path: writer.path)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Runs `body` holding an exclusive `flock` on the database's folder (not on the file:
    /// closing a second descriptor of it would drop SQLite's own locks). A process that dies
    /// releases it; an in-memory database needs none, and a folder that cannot be opened
    /// gets none. Anyone who can read the folder can hold the lock, so it is waited for only
    /// `waiting` seconds, then ``StoreError/locked``.
    static func whileMigrationLockHeld(for path: String, waiting: TimeInterval, _ body: () throws -> Void) throws {
        guard path.hasPrefix("/") || FileManager.default.fileExists(atPath: path) else { return try body() }
        let folder = (path as NSString).deletingLastPathComponent
        let descriptor = Glibc.open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        // A folder this user cannot read: migrate as before (the file's own locks still hold).
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        let deadline = ProcessInfo.processInfo.systemUptime + waiting
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw StoreError.cannotOpen(path: path) }
            guard ProcessInfo.processInfo.systemUptime < deadline else { throw StoreError.locked }
            usleep(20_000)
        }
        defer { flock(descriptor, LOCK_UN) }
        try body()
    }

    /// Wraps a connection as it is, for reading a backup.
    init(unmigrated writer: any DatabaseWriter, logger: Logger) throws {
        self.writer = writer
        self.path = writer.path
        self.logger = logger
        self.transaction = nil
    }

    /// The settings every connection gets: foreign keys on, durable commits, patient writers.
    ///
    /// - Parameter busyTimeout: how long a write waits for another process before giving up.
    public static func configuration(busyTimeout: TimeInterval = 10) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second terminal waits for the first instead of failing.
        configuration.busyMode = .timeout(busyTimeout)
        configuration.prepareDatabase { db in
            // GRDB's writer defaults to NORMAL; a paid order must survive a power cut.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    /// Opens (creating when needed) the database file at `path` in WAL mode.
    ///
    /// A new file is created with mode 0600: it holds inmates' names and registration numbers.
    /// In an installed café's data folder (group `kasir`, set-group-ID) it is 0660 instead, so
    /// the counter account and the officers in that group share it, and no one else.
    ///
    /// - Parameters:
    ///   - path: the database file.
    ///   - busyTimeout: seconds a write waits for another process before ``StoreError/locked``.
    ///   - durable: false only for bulk-loading a demo database (no fsync per commit).
    ///   - concurrentReads: true for a long-running process whose reads should not wait for
    ///     its own background writes (the counter, whose printer thread writes while the
    ///     barista types); false for one command, which starts faster on one connection.
    ///   - logger: where failure details go.
    /// - Throws: ``StoreError/cannotOpen(path:)``, ``StoreError/corrupt(path:)``,
    ///   ``StoreError/readOnly(path:)``, ``StoreError/locked``; ``StoreError/symbolicLink(path:)``
    ///   when the file or its `-wal`, `-shm` or `-journal` is a symbolic link, dangling or not
    ///   (nothing is opened or created then).
    public static func open(
        path: String, busyTimeout: TimeInterval = 10, durable: Bool = true, concurrentReads: Bool = false, logger: Logger
    ) throws(StoreError) -> AppDatabase {
        // Root runs kasir too, in a folder group kasir can write: SQLite would follow a link
        // placed there and open, or create, whatever it names.
        if let link = Links.firstLink(amongDatabase: path) { throw .symbolicLink(path: link) }
        let fileManager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !fileManager.fileExists(atPath: folder) {
            do {
                try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch { throw .cannotOpen(path: path) }
        }
        if !fileManager.fileExists(atPath: path) {
            // O_EXCL, not FileManager.createFile: that writes a temporary file and renames it
            // over the path, which would replace a database another process has just created.
            let descriptor = Glibc.open(path, O_CREAT | O_EXCL | O_NOFOLLOW | O_WRONLY | O_CLOEXEC, mode_t(0o600))
            if descriptor >= 0 {
                let mode = fchmod(descriptor, mode_t(Self.fileMode(in: folder)))
                close(descriptor)
                guard mode == 0 else { throw .cannotOpen(path: path) }
            } else if errno != EEXIST {
                throw .cannotOpen(path: path)
            }
        } else if !fileManager.isWritableFile(atPath: path) {
            throw .readOnly(path: path)
        }
        // Looked at again as late as can be: GRDB cannot ask SQLite not to follow links.
        if let link = Links.firstLink(amongDatabase: path) { throw .symbolicLink(path: link) }
        do {
            // WAL either way, so other terminals read while one writes. A one-shot command uses a
            // single connection: a pool opens a second one for reads, and each connection parses
            // the whole schema (its CHECKs and triggers) before its first statement, a few
            // milliseconds of every command. The counter lives for hours and has a printer
            // thread writing beside it: there a pool's readers keep the barista from waiting.
            let writer: any DatabaseWriter
            var configuration = configuration(busyTimeout: busyTimeout)
            configuration.prepareDatabase { db in try Self.switchToWAL(db, waiting: busyTimeout) }
            if concurrentReads {
                writer = try DatabasePool(path: path, configuration: configuration)
            } else {
                writer = try DatabaseQueue(path: path, configuration: configuration)
            }
            let database = try AppDatabase(writer, migrationWait: busyTimeout, logger: logger)
            if !durable {
                // Only for generating demo history, where a lost last second costs nothing: no
                // fsync, a larger page cache, and fewer checkpoints while years are written.
                try writer.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 20000")
                }
            }
            return database
        } catch let error as StoreError {
            throw error
        } catch let error as DatabaseError {
            logger.error("open failed", metadata: ["error": "\(error)"])
            throw StoreError.from(error, path: path)
        } catch {
            throw .failed("\(error)")
        }
    }

    /// Turns WAL on, waiting up to `waiting` seconds for other connections.
    ///
    /// SQLite answers `SQLITE_BUSY` at once, without calling the busy handler, when several
    /// processes switch a new file to WAL together (terminals started on a café's first
    /// morning): one of them would fail with "database is locked". It is asked again until
    /// the switch is made, by this connection or another; on a file already in WAL the
    /// pragma changes nothing and answers at once.
    static func switchToWAL(_ db: Database, waiting: TimeInterval) throws {
        // The system's uptime, not the wall clock, which may be set while a café PC boots.
        let deadline = ProcessInfo.processInfo.systemUptime + waiting
        while true {
            do {
                try db.execute(sql: "PRAGMA journal_mode = WAL")
                return
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && ProcessInfo.processInfo.systemUptime < deadline {
                usleep(20_000)
            }
        }
    }

    /// 0660 in a set-group-ID folder (an installed café's shared data), else 0600.
    static func fileMode(in folder: String) -> Int {
        let mode = (try? FileManager.default.attributesOfItem(atPath: folder.isEmpty ? "." : folder)[.posixPermissions] as? Int) ?? 0
        return mode & 0o2000 != 0 ? 0o660 : 0o600
    }

    /// Runs `body` in one write transaction; domain errors pass through, SQLite ones are mapped.
    ///
    /// On the handle ``batch(_:)`` gives, it runs in the batch's transaction instead.
    func write<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            if let transaction { return try body(transaction.connection()) }
            return try writer.write(body)
        } catch let error as DatabaseError {
            logger.error("write failed", metadata: ["error": "\(error)"])
            throw StoreError.from(error, path: path)
        }
    }

    /// Runs `body` against a consistent snapshot (on a batch's handle: the batch's own writes).
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            if let transaction { return try body(transaction.connection()) }
            return try writer.read(body)
        } catch let error as DatabaseError {
            logger.error("read failed", metadata: ["error": "\(error)"])
            throw StoreError.from(error, path: path)
        }
    }

    /// A handle on the same file whose calls all run in `transaction`.
    private init(_ database: AppDatabase, in transaction: BatchTransaction) {
        self.writer = database.writer
        self.path = database.path
        self.logger = database.logger
        self.transaction = transaction
    }
}

extension AppDatabase {
    /// Runs `body` with a handle whose writes all go into one transaction, committed at its end:
    /// for writing a demo history fast. The caller composes the acts on the handle it is given;
    /// every act still runs through its own store function, with its own rules; only the commit
    /// is shared, so an act that fails fails the whole batch (nothing of it is kept). Savepoints
    /// per act would keep the rest, at the cost of copying every page each act touches:
    /// generating years of history would take twice as long.
    ///
    /// The handle is valid only inside `body`, on its thread (GRDB checks the connection's
    /// queue). Inside `body`, call the handle only: a call on `self` from the same thread would
    /// re-enter the writer, which GRDB refuses (it traps). An act that throws fails the batch;
    /// a body that catches an act's error and goes on keeps what the act wrote before it threw
    /// (there is no savepoint per act), so a body lets every error end the batch.
    ///
    /// ```swift
    /// try database.batch { week in
    ///     for draft in drafts { _ = try week.recordOrder(draft, tenders: tenders, pricing: pricing, calendar: calendar, at: time) }
    /// }
    /// ```
    public func batch<T>(_ body: (AppDatabase) throws -> T) throws -> T {
        // A batch's handle composing another batch: it is part of the same one.
        if transaction != nil { return try body(self) }
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    let transaction = BatchTransaction(db)
                    defer { transaction.close() }
                    result = try body(AppDatabase(self, in: transaction))
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError {
            logger.error("batch failed", metadata: ["error": "\(error)"])
            throw StoreError.from(error, path: path)
        }
    }
}

/// The connection of one ``AppDatabase/batch(_:)``, held by the handle it gives its body.
/// Closed when the batch ends, so a handle kept beyond it fails instead of writing outside it.
final class BatchTransaction: @unchecked Sendable {
    private let lock = NSLock()
    private var database: Database?

    init(_ db: Database) { database = db }

    func close() { lock.withLock { database = nil } }

    func connection() throws -> Database {
        guard let database = lock.withLock({ database }) else { throw StoreError.failed("a batch's handle was used after its batch ended") }
        return database
    }
}
