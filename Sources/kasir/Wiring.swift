import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal
import Logging

/// Options every command takes: where the database and the config are.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: "Database file (default: KASIR_DB, then config, then the user's data directory).")
    var db: String?

    @Option(name: .long, help: "Config folder (default: KASIR_CONFIG, then ./config).")
    var config: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The real clock, unless KASIR_NOW (ISO 8601) fixes it for a reproducible test or demo.
struct SystemClock: WallClock {
    let fixed: Date?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        fixed = environment["KASIR_NOW"].flatMap { ISO8601DateFormatter().date(from: $0) }
    }

    func now() -> Date { fixed ?? Date() }
}

/// Everything a command needs, wired once: config, catalogue, clock, database.
struct Context {
    let config: KasirConfiguration
    let catalog: Catalog
    let clock: SystemClock
    let database: AppDatabase

    /// Loads config and opens the database; on failure prints one line and exits non-zero.
    static func open(_ options: CommonOptions) throws -> Context {
        let environment = ProcessInfo.processInfo.environment
        let folder = options.config ?? environment["KASIR_CONFIG"] ?? "config"
        let config: KasirConfiguration
        do {
            config = try KasirConfiguration.load(from: URL(fileURLWithPath: folder))
        } catch {
            throw fail(Catalog(language: fallbackLanguage).describe(error))
        }
        let catalog = Catalog(language: config.cafe.language)
        let path = options.db ?? environment["KASIR_DB"] ?? config.cafe.databasePath ?? defaultDatabasePath(environment)
        do {
            let database = try AppDatabase.open(path: path, busyTimeout: config.cafe.busyTimeout, logger: logger)
            return Context(config: config, catalog: catalog, clock: SystemClock(environment: environment), database: database)
        } catch {
            throw fail(catalog.describe(error))
        }
    }

    /// Runs `body`, turning any error into its one line and exit status 1.
    @discardableResult
    func attempt<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw Self.fail(catalog.describe(error)) }
    }

    /// Prints `line` to standard error and ends the command with status 1.
    static func fail(_ line: String) -> ExitCode {
        FileHandle.standardError.write(Data((line + "\n").utf8))
        return ExitCode(1)
    }

    static var fallbackLanguage: Language {
        ProcessInfo.processInfo.environment["KASIR_LANG"].flatMap(Language.init(rawValue:)) ?? .id
    }

    static func defaultDatabasePath(_ environment: [String: String]) -> String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/kasir/kasir.sqlite"
    }

    /// Errors and details go to standard error, at warning level unless KASIR_LOG says otherwise.
    static let logger: Logger = {
        var logger = Logger(label: "kasir")
        logger.logLevel = ProcessInfo.processInfo.environment["KASIR_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    /// The approving supervisor of an act: `--by`, then that supervisor's PIN (no echo on a
    /// terminal, else the next line of standard input). `nil` while no supervisor exists.
    func authorize(_ by: String?) throws -> String? {
        let gate = SupervisorGate(database: database, settings: config.cafe, clock: clock)
        return try attempt { try gate.authorize(by, readPIN: Self.readPIN) }
    }

    /// The same for acts that always need a supervisor (the till).
    func requireSupervisor(_ by: String?) throws -> String {
        let gate = SupervisorGate(database: database, settings: config.cafe, clock: clock)
        return try attempt { try gate.require(by, readPIN: Self.readPIN) }
    }

    static func readPIN(_ prompt: String) -> String? {
        StandardPrompter.readSecretLine(prompt: prompt, promptTo: FileHandle.standardError)
    }

    /// Asks y/n on standard input; `--yes` answers for scripts. End of input is "no".
    func confirm(_ question: String, yes: Bool) -> Bool {
        if yes { return true }
        if isatty(STDIN_FILENO) != 0 { FileHandle.standardError.write(Data((question + " (y/n): ").utf8)) }
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "ya", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// Where Z closes leave backups: `[backup] folder`, relative to the database's folder.
    var backupFolder: URL {
        let folder = config.cafe.backupFolder
        if folder.hasPrefix("/") { return URL(fileURLWithPath: folder) }
        return URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent(folder)
    }

    /// The print worker for this config and database.
    func printWorker() -> PrintWorker {
        PrintWorker.configured(config, database: database, clock: clock, logger: Self.logger)
    }

    /// Sends pending slips before a one-shot command exits, within their deadline, and says
    /// on standard error which did not print (the command itself has succeeded).
    func sendSlips(_ worker: PrintWorker, count: Int) -> [PrintOutcome] {
        guard worker.hasPrinter else { return [] }
        let outcomes = worker.drain(until: worker.deadline(forJobs: count))
        for outcome in outcomes where outcome.status == .failed {
            FileHandle.standardError.write(Data((catalog.slipNotPrinted(outcome) + "\n").utf8))
        }
        return outcomes
    }

    /// Imports the configured menu when the database has none yet (first run).
    func ensureMenu() throws {
        do {
            _ = try database.menu()
        } catch StoreError.noMenu {
            try attempt { try database.importMenu(config.menu, at: clock.now()) }
        }
    }

    /// Reads an amount, or ends the command with its one line.
    func amount(_ text: String) throws -> Rupiah {
        try attempt { try Rupiah.parse(text) }
    }

    /// The day a command means: `--day`, else today in WITA.
    func day(_ text: String?) throws -> BusinessDay {
        guard let text else { return config.cafe.calendar.day(of: clock.now()) }
        return try attempt { try BusinessDay.parse(text) }
    }

    /// Whether standard output carries text for people (false once JSON has been printed).
    var speaks = true

    func print(_ text: String, terminator: String = "\n") {
        if speaks { Swift.print(text, terminator: terminator) }
    }

    /// The same context, printing nothing more to standard output.
    var silenced: Context {
        var copy = self
        copy.speaks = false
        return copy
    }
}
