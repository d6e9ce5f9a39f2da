import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs the built `kasir` binary the way a person or a script would, in a folder of its own,
/// removed when the test is done.
final class KasirProcess: @unchecked Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package's folder: for the files the tests read (the fixture config, the golden
    /// receipts, the scripts), never for what was built.
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The config every end-to-end test starts from, copied into its own folder: the tests'
    /// fixture (its own menu and prices), never the café's `config/`.
    static let fixtureConfig = repository.appendingPathComponent("Tests/Fixtures/config")

    /// The folder SwiftPM built this run's products into — `.build/<triple>/debug`, or
    /// `…/release` under `swift test -c release` — where the test bundle lies beside `kasir`.
    ///
    /// On Linux the bundle is the running executable itself (`KasirPackageTests.xctest`); on
    /// macOS a helper from the toolchain loads it, so `Bundle.main` is that helper and the
    /// loaded `.xctest` bundle is looked up instead.
    static let productsDirectory: URL = {
        #if os(macOS)
        if let bundle = Bundle.allBundles.first(where: { $0.bundleURL.pathExtension == "xctest" }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        return Bundle.main.bundleURL
        #else
        let executable = URL(fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]).standardizedFileURL
        var bundle = executable
        while bundle.pathExtension != "xctest" && bundle.pathComponents.count > 1 { bundle.deleteLastPathComponent() }
        return (bundle.pathExtension == "xctest" ? bundle : executable).deletingLastPathComponent()
        #endif
    }()

    /// The `kasir` under test: `KASIR_BINARY` when set, else the one built with this test run.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["KASIR_BINARY"], !path.isEmpty { return URL(fileURLWithPath: path) }
        return productsDirectory.appendingPathComponent("kasir")
    }

    /// Whether ``binary`` honours what the tests set: the clock (`KASIR_NOW`) and the fault
    /// points (`KASIR_FAULT`) exist in debug builds only, as the tests of a debug build do.
    static var binaryTakesTestSettings: Bool {
        #if DEBUG
        return true
        #else
        return ProcessInfo.processInfo.environment["KASIR_BINARY"] != nil
        #endif
    }

    /// The optimised binary, as installed (built by scripts/test for the installer's tests).
    static var releaseBinary: URL {
        if let path = ProcessInfo.processInfo.environment["KASIR_RELEASE_BIN"] { return URL(fileURLWithPath: path) }
        return repository.appendingPathComponent(".build/release/kasir")
    }

    /// A temporary folder holding the database and a copy of the fixture config.
    let folder: URL
    var database: URL { folder.appendingPathComponent("kasir.sqlite") }
    var config: URL { folder.appendingPathComponent("config") }
    /// When the café's clock says it is: 10:00 WITA on 29 November 2026 unless a test moves it.
    var now = "2026-11-29T02:00:00Z"

    init() throws {
        // A release kasir ignores KASIR_NOW: every test would fail on dates, none saying why.
        try #require(KasirProcess.binaryTakesTestSettings, """
            End-to-end tests need a debug kasir (KASIR_NOW, KASIR_FAULT): run them with `swift test`, or set \
            KASIR_BINARY to a debug build; `swift test -c release --skip KasirEndToEndTests` runs the rest.
            """)
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.fixtureConfig, to: config)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// Changes one line of the copied config, e.g. `edit("kasir.toml", "language = \"id\"", "language = \"en\"")`.
    func edit(_ file: String, _ old: String, _ new: String) throws {
        let url = config.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "config has \(old)")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// Runs `kasir ARGS`, feeding `input` on standard input (closed at its end).
    @discardableResult
    func run(_ arguments: [String], input: String = "", environment extra: [String: String] = [:]) throws -> Result {
        try Self.execute(Self.binary, arguments, input: input, environment: [
            "KASIR_DB": database.path, "KASIR_CONFIG": config.path, "KASIR_NOW": now,
        ].merging(extra) { $1 }, in: folder)
    }

    /// Starts `kasir ARGS` without waiting, on `database` (the test's own unless given), with
    /// `input` written and closed; stdout and stderr go to `output`, to be read after it ends.
    func launch(_ arguments: [String], database path: String? = nil, input: String = "", output: URL) throws -> Process {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KASIR_DB"] = path ?? database.path
        environment["KASIR_CONFIG"] = config.path
        environment["KASIR_NOW"] = now
        process.environment = environment
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: output)
        process.standardError = process.standardOutput
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return process
    }

    /// Runs the sqlite3 shell on the test database (`readOnly`: without touching the file at all).
    func sqlite(_ sql: String, readOnly: Bool = false, database path: String? = nil) throws -> String {
        let result = try Self.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), (readOnly ? ["-readonly"] : []) + [path ?? database.path], input: sql,
                                      environment: [:], in: folder)
        #expect(result.status == 0, "sqlite3: \(result.stderr)")
        return result.stdout
    }

    /// Runs SQL that drops triggers, then puts every one of them back, as someone hiding an edit
    /// would (`audit verify` reports a trigger planted, changed or missing).
    @discardableResult
    func sqliteKeepingTriggers(_ sql: String) throws -> String {
        let triggers = try sqlite("SELECT sql || ';' FROM sqlite_master WHERE type = 'trigger';")
        let output = try sqlite(sql)
        _ = try sqlite(triggers.replacingOccurrences(of: "CREATE TRIGGER ", with: "CREATE TRIGGER IF NOT EXISTS "))
        return output
    }

    /// The exit status of SQL the schema may refuse (a trigger's abort is status 1).
    func sqliteStatus(_ sql: String) throws -> Int32 {
        try Self.execute(URL(fileURLWithPath: "/usr/bin/sqlite3"), [database.path], input: sql, environment: [:], in: folder).status
    }

    /// Every row of the database as SQL text: equal before and after means nothing changed.
    func dump() throws -> String { try sqlite(".dump\n") }

    ///
    /// Spawned with no signal blocked and every signal at its default: the test runner's
    /// threads block most signals, and a child inheriting that (as Foundation's `Process`
    /// passes it on) never hears SIGTERM or SIGCHLD — a tmux server then cannot end its pane,
    /// and cupsd ignores the stop it is sent.
    static func execute(_ executable: URL, _ arguments: [String], input: String, environment: [String: String], in folder: URL) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for key in ["KASIR_DB", "KASIR_CONFIG", "KASIR_NOW", "KASIR_PRINTER", "KASIR_LANG", "KASIR_FAULT"] { env[key] = nil }
        env.merge(environment) { $1 }
        // The captured output goes to the temporary folder, never into the folder it runs in.
        let id = UUID().uuidString
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-out-\(id)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-err-\(id)")
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = open(outURL.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        let err = open(errURL.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        var stdin: [Int32] = [-1, -1]
        try #require(out >= 0 && err >= 0 && pipe(&stdin) == 0, "cannot capture \(executable.path)")
        for descriptor in stdin { _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdin[0], 0)
        posix_spawn_file_actions_adddup2(&actions, out, 1)
        posix_spawn_file_actions_adddup2(&actions, err, 2)
        let addChdir = try #require(Self.addChdir, "glibc without posix_spawn_file_actions_addchdir_np")
        try #require(addChdir(&actions, folder.path) == 0, "cannot run in \(folder.path)")
        // Nothing but the three: a descriptor another test holds open (a binary being copied
        // for writing) must not stay open in this child, or exec of that copy fails as busy.
        let addCloseFrom = try #require(Self.addCloseFrom, "glibc without posix_spawn_file_actions_addclosefrom_np")
        try #require(addCloseFrom(&actions, 3) == 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable.path, &actions, &attributes, argv, envp)
        close(stdin[0])
        close(out)
        close(err)
        guard spawned == 0 else {
            close(stdin[1])
            throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO)
        }
        // A child that ends without reading its input is no failure (SIGPIPE is ignored here).
        let bytes = Array(input.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { Glibc.write(stdin[1], $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            written += count
        }
        close(stdin[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        // As Foundation's Process reports it: the exit code, or the signal that ended it.
        let signal = status & 0x7F
        return Result(
            status: signal == 0 ? (status >> 8) & 0xFF : signal,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// glibc's `posix_spawn_file_actions_addchdir_np` (2.29 and later), which Swift's Glibc
    /// module does not import: the child starts in its folder without changing the test's.
    static let addChdir: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32)? =
        dlsym(nil, "posix_spawn_file_actions_addchdir_np").map {
            unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32).self)
        }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), likewise.
    static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        dlsym(nil, "posix_spawn_file_actions_addclosefrom_np").map {
            unsafeBitCast($0, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }

    /// The supervisor's PIN in every test.
    static let pin = "246810\n"

    /// Runs `kasir ARGS --by S1`, with S1's PIN as the first line of standard input.
    @discardableResult
    func supervised(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> Result {
        try run(arguments + ["--by", "S1"], input: Self.pin + input, environment: environment)
    }

    /// A database with the menu, supervisor S1, two baristas with decrees clocked in at the
    /// bar, and the till open with a Rp200.000 float: ready to sell.
    func prepareCafe() throws {
        let start = try run(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi", "--supervisor-nip", "198001012005011001"],
                            input: Self.pin + Self.pin)
        try #require(start.status == 0, "\(start.stderr)")
        for (code, registration, name, alias) in [("W01", "B.12/2024", "Budi Santoso", "Bima"), ("W02", "B.13/2024", "Andi Wijaya", "Arka")] {
            let added = try supervised(["staff", "add", "--code", code, "--registration", registration, "--name", name, "--alias", alias,
                                        "--decree", "SK-\(code)/2026", "--decree-from", "2026-01-01", "--decree-until", "2026-12-31"])
            try #require(added.status == 0, "\(added.stderr)")
            try #require(try supervised(["attendance", "in", code, "--station", "bar"]).status == 0)
        }
        try #require(try supervised(["till", "open", "--float", "200000"]).status == 0)
    }

    /// Each WBP's own PIN, typed after their code to take the counter (a line of its own).
    static let w01PIN = "135790\n"
    static let w02PIN = "975310\n"

    /// ``prepareCafe()``, and W01 and W02 given their PINs by S1 (`staff wbp-pin`): ready for
    /// the counter.
    func prepareCounter() throws {
        try prepareCafe()
        for (code, pin) in [("W01", Self.w01PIN), ("W02", Self.w02PIN)] {
            let set = try supervised(["staff", "wbp-pin", code], input: pin + pin)
            try #require(set.status == 0, "\(set.stderr)")
        }
    }
}
