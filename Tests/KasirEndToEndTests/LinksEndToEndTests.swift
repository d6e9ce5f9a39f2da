import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Kasir opens no symbolic link as a database or a backup: a member of group `kasir` can put
/// one in the data folder, and root's `kasir` would otherwise open or create what it names.
@Suite struct LinksEndToEndTests {
    /// Whether nothing at all is at `path`, not even a dangling link (`lstat`, which follows none).
    static func nothingAt(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) != 0
    }

    /// A café with its first supervisor, S1, and nothing else.
    static func initialised() throws -> KasirProcess {
        let kasir = try KasirProcess()
        let start = try kasir.run(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi"], input: KasirProcess.pin + KasirProcess.pin)
        try #require(start.status == 0, "\(start.stderr)")
        return kasir
    }

    /// Seen on the old main: a dangling link where the database would be made had root's
    /// `kasir init` create the link's target (0644), wherever it pointed.
    @Test func aDanglingLinkWhereTheDatabaseGoesIsRefused() throws {
        let kasir = try KasirProcess()
        let target = kasir.folder.appendingPathComponent("elsewhere.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: kasir.database.path, withDestinationPath: target)
        let result = try kasir.run(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi"], input: KasirProcess.pin + KasirProcess.pin)
        #expect(result.status == 1)
        #expect(result.stderr == "Basis data \(kasir.database.path) adalah tautan simbolik; Kasir tidak membuka tautan.\n")
        #expect(result.stdout == "")
        // Nothing was made: not the target, not a file beside the link; the link is as it was.
        #expect(Self.nothingAt(target))
        for suffix in ["-wal", "-shm", "-journal"] { #expect(Self.nothingAt(kasir.database.path + suffix), "\(suffix)") }
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: kasir.database.path) == target)
        // Every command is refused alike, in English when asked.
        let english = try kasir.run(["order", "list"], environment: ["KASIR_LANG": "en"])
        #expect(english.status == 1)
        #expect(english.stderr == "The database \(kasir.database.path) is a symbolic link; Kasir does not open links.\n")
        #expect(Self.nothingAt(target))
    }

    /// SQLite opens and creates the database's `-wal`, `-shm` and `-journal` by name: a link
    /// there is refused as the database itself would be.
    @Test func aLinkBesideTheDatabaseIsRefused() throws {
        let kasir = try Self.initialised()
        let before = try kasir.dump()
        // Whichever of the three is not there now (in WAL mode, at least the -journal).
        let companion = try #require(["-wal", "-shm", "-journal"].map { kasir.database.path + $0 }.first(where: Self.nothingAt))
        let target = kasir.folder.appendingPathComponent("elsewhere").path
        try FileManager.default.createSymbolicLink(atPath: companion, withDestinationPath: target)
        let result = try kasir.run(["order", "list"])
        #expect(result.status == 1)
        #expect(result.stderr == "Basis data \(companion) adalah tautan simbolik; Kasir tidak membuka tautan.\n")
        #expect(Self.nothingAt(target))
        // The link goes before sqlite3, which follows links, looks at the file: unchanged, and
        // the café works as before.
        try FileManager.default.removeItem(atPath: companion)
        #expect(try kasir.dump() == before)
        #expect(try kasir.run(["order", "list"]).status == 0)
    }

    /// A link where a backup is to be written: refused, nothing written where it points, no
    /// backup journaled.
    @Test func aLinkWhereABackupGoesIsRefused() throws {
        let kasir = try Self.initialised()
        let backups = kasir.folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: false)
        // The name a manual backup at 10:00 WITA gets.
        let name = "\(backups)/kasir-manual-20261129-100000-WITA.sqlite"
        let target = kasir.folder.appendingPathComponent("stolen.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: name, withDestinationPath: target)
        let created = try kasir.supervised(["backup", "create"])
        #expect(created.status == 1)
        #expect(created.stderr == "Cadangan \(name) adalah tautan simbolik; Kasir tidak membuka tautan.\n")
        #expect(Self.nothingAt(target))
        #expect(try FileManager.default.contentsOfDirectory(atPath: backups) == ["kasir-manual-20261129-100000-WITA.sqlite"])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: name) == target)
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'backup_created';") == "0\n")
        // Verifying it (the newest "backup" in the folder) is refused alike.
        let verified = try kasir.run(["backup", "verify"])
        #expect(verified.status == 1)
        #expect(verified.stderr == "Cadangan \(name) adalah tautan simbolik; Kasir tidak membuka tautan.\n")
        #expect(Self.nothingAt(target))
    }

    /// The backups folder swapped for a link to another folder: no backup is written there,
    /// and none is looked for there.
    @Test func aBackupsFolderThatIsALinkIsRefused() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let backups = kasir.folder.appendingPathComponent("backups").path
        let elsewhere = kasir.folder.appendingPathComponent("elsewhere").path
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: backups, withDestinationPath: elsewhere)
        let line = "Folder cadangan \(backups) adalah tautan simbolik; Kasir tidak membuka tautan.\n"
        let created = try kasir.supervised(["backup", "create"])
        #expect(created.status == 1)
        #expect(created.stderr == line)
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == [])
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM journal WHERE kind = 'backup_created';") == "0\n")
        let verified = try kasir.run(["backup", "verify"])
        #expect(verified.status == 1)
        #expect(verified.stderr == line)
        // Nor does a Z close leave its backup there; the close itself stands and says so.
        let close = try kasir.supervised(["till", "close", "--count", "100000x2"])
        #expect(close.stderr.contains("Cadangan gagal dibuat: Folder cadangan \(backups) adalah tautan simbolik; Kasir tidak membuka tautan."),
                "\(close.stderr)")
        #expect(try kasir.sqlite("SELECT closed_at IS NOT NULL FROM tills;") == "1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: elsewhere) == [])
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: backups) == elsewhere)
    }

    /// A backup given by a link is neither checked nor restored: SQLite would read (and, for a
    /// restore, open for writing) whatever the link names by then.
    @Test func aBackupGivenByALinkIsNeitherVerifiedNorRestored() throws {
        let kasir = try Self.initialised()
        let created = try kasir.supervised(["backup", "create"])
        try #require(created.status == 0, "\(created.stderr)")
        let backup = created.stdout.replacingOccurrences(of: "Cadangan dibuat: ", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        let linked = kasir.folder.appendingPathComponent("linked.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: linked, withDestinationPath: backup)
        let line = "Cadangan \(linked) adalah tautan simbolik; Kasir tidak membuka tautan.\n"
        let verified = try kasir.run(["backup", "verify", linked])
        #expect(verified.status == 1)
        #expect(verified.stderr == line)
        let before = try kasir.dump()
        let backupsBefore = try FileManager.default.contentsOfDirectory(atPath: kasir.folder.appendingPathComponent("backups").path).sorted()
        let restored = try kasir.supervised(["backup", "restore", linked])
        #expect(restored.status == 1)
        #expect(restored.stderr == line)
        // Nothing changed: the database, the backups folder (no copy saved before a restore), the backup.
        #expect(try kasir.dump() == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: kasir.folder.appendingPathComponent("backups").path).sorted() == backupsBefore)
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == bytes)
        for suffix in ["-wal", "-shm", "-journal"] { #expect(Self.nothingAt(linked + suffix), "\(suffix)") }
        // The same backup by its own path is fine.
        #expect(try kasir.run(["backup", "verify", backup]).status == 0)
    }
}
