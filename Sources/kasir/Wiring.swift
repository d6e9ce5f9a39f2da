import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KasirActions
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTerminal
import Logging

/// Options every command takes: where the database and the config are.
struct CommonOptions: ParsableArguments {
    @Option(name: .long, help: HelpText.help(
        "Berkas basis data (bawaan: KASIR_DB, lalu konfigurasi, lalu /var/lib/kasir, lalu folder data pengguna).",
        "Database file (default: KASIR_DB, then config, then /var/lib/kasir, then the user's data directory)."))
    var db: String?

    @Option(name: .long, help: HelpText.help(
        "Folder konfigurasi (bawaan: KASIR_CONFIG, lalu /etc/kasir, lalu ./config).",
        "Config folder (default: KASIR_CONFIG, then /etc/kasir, then ./config)."))
    var config: String?
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// The real clock. Debug builds only: `KASIR_NOW` (ISO 8601) fixes it for a reproducible test.
struct SystemClock: WallClock {
    let fixed: Date?

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        #if DEBUG
        fixed = environment["KASIR_NOW"].flatMap { ISO8601DateFormatter().date(from: $0) }
        #else
        fixed = nil
        #endif
    }

    func now() -> Date { fixed ?? Date() }
}

/// Where things are, before any file is opened.
enum Locations {
    static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// `--config`, then `KASIR_CONFIG`, then `/etc/kasir` (an installed café), then `./config`
    /// (a developer's checkout).
    static func configFolder(_ option: String?) -> URL {
        KasirConfiguration.folder(option: option, environment: environment)
    }

    /// `--db`, then `KASIR_DB`, then the config, then `/var/lib/kasir` when Kasir is installed,
    /// else the user's data directory.
    static func database(_ option: String?, config: KasirConfiguration?) -> String {
        if let path = option ?? environment["KASIR_DB"] ?? config?.cafe.databasePath { return path }
        if FileManager.default.fileExists(atPath: "/var/lib/kasir") { return "/var/lib/kasir/kasir.sqlite" }
        return userDataFolder + "/kasir.sqlite"
    }

    /// The interface language `KASIR_LANG` asks for: it wins over the config's `language`.
    static var languageOverride: Language? {
        environment["KASIR_LANG"].flatMap(Language.init(rawValue:))
    }

    static var userDataFolder: String {
        let dataHome = environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/share"
        return dataHome + "/kasir"
    }

    /// Who runs a command, for the journal when no supervisor is named.
    ///
    /// The account the kernel says runs the process, not `$USER`, which anyone can set; only
    /// root's `$SUDO_UID` (set by sudo) names the account behind it. By number, not by login
    /// name: a login name is often a person's name, and the journal leaves the café; the café's
    /// admin reads the number against `/etc/passwd`.
    static var systemUser: String {
        let uid = getuid()
        if uid == 0, let sudoUID = environment["SUDO_UID"].flatMap(UInt32.init) { return "user:uid \(sudoUID) via sudo" }
        return "user:uid \(uid)"
    }
}

/// Everything a command needs, wired once: config, catalogue, clock, database, the acts.
struct Context {
    let config: KasirConfiguration
    let catalog: Catalog
    let clock: SystemClock
    let database: AppDatabase

    /// Loads config and opens the database. An error is thrown as it is; the root says it
    /// (``Kasir/main()``), in the language the config chose once it has been read.
    ///
    /// - Parameter concurrentReads: for the counter, see ``AppDatabase/open(path:busyTimeout:durable:concurrentReads:logger:)``.
    static func open(_ options: CommonOptions, concurrentReads: Bool = false) throws -> Context {
        #if DEBUG
        FaultInjection.point = Locations.environment["KASIR_FAULT"]
        #endif
        var config = try loadConfig(options.config)
        let clock = SystemClock()
        let database = try AppDatabase.open(
            path: Locations.database(options.db, config: config), busyTimeout: config.cafe.busyTimeout,
            concurrentReads: concurrentReads, logger: logger)
        // The rules are taken from the config once, when the database is new; never again:
        // from then on every command works by the database's.
        config = try CafeActions.establishRules(in: database, from: config, at: clock.now())
        let catalog = Catalog(language: config.cafe.language, calendar: config.cafe.calendar)
        ErrorCatalog.shared.choose(catalog)
        return Context(config: config, catalog: catalog, clock: clock, database: database)
    }

    /// The config from the folder the lookup finds. From here on, errors are said in its
    /// language and with its clock; a config that cannot be read is said in
    /// ``fallbackLanguage``.
    static func loadConfig(_ option: String?) throws -> KasirConfiguration {
        var config = try KasirConfiguration.load(from: Locations.configFolder(option))
        // KASIR_LANG chooses the language of this process over the config's, as for --help.
        if let language = Locations.languageOverride { config.cafe.language = language }
        ErrorCatalog.shared.choose(Catalog(language: config.cafe.language, calendar: config.cafe.calendar))
        return config
    }

    /// The acts, with their printer and backup folder.
    var actions: CafeActions {
        CafeActions(database: database, config: config, clock: clock, printer: printWorker(), backupFolder: backupFolder)
    }

    /// Says `line` on standard error; the command carries on.
    func warn(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    static var fallbackLanguage: Language {
        Locations.languageOverride ?? .id
    }

    /// Errors and details go to standard error, at critical level unless KASIR_LOG says otherwise.
    static let logger: Logger = {
        var logger = Logger(label: "kasir")
        logger.logLevel = Locations.environment["KASIR_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .critical
        return logger
    }()

    var gate: SupervisorGate { SupervisorGate(database: database, clock: clock) }

    /// The approving supervisor of an act: `--by`, then that supervisor's PIN (no echo on a
    /// terminal, else the next line of standard input). `nil` while no supervisor exists.
    func authorize(_ by: String?) throws -> Approver? {
        try gate.authorize(by, readPIN: readPIN).map(told)
    }

    /// Says on standard error, once, what the PIN check had for the supervisor (wrong PINs
    /// since their last sign-in, a weak PIN); standard output stays the command's.
    func told(_ approver: Approver) -> Approver {
        for line in catalog.signInNotice(approver.code, approver.notice) { warn(line) }
        return approver
    }

    /// The same for acts that always need a supervisor.
    func requireSupervisor(_ by: String?) throws -> Approver {
        try told(gate.require(by, readPIN: readPIN))
    }

    /// The same for acts only an admin may do.
    func requireAdmin(_ by: String?) throws -> Approver {
        try told(gate.requireAdmin(by, readPIN: readPIN))
    }

    func readPIN(_ code: String) -> String? {
        SecretLine.read(prompt: catalog.pinPrompt(code), promptTo: FileHandle.standardError)
    }

    /// The PIN in use, before a new one is set (`staff pin`): asked as the old one.
    func readOldPIN(_ code: String) -> String? {
        SecretLine.read(prompt: catalog.oldPINPrompt(code), promptTo: FileHandle.standardError)
    }

    /// Reads a new PIN and its confirmation: without echo on a terminal, as the next two lines
    /// of a pipe.
    func newPIN(for code: String) throws -> String {
        guard let pin = SecretLine.read(prompt: catalog.newPINPrompt(for: code), promptTo: FileHandle.standardError) else {
            throw InputError.malformedPIN
        }
        try SupervisorPIN.validate(pin)
        guard SecretLine.read(prompt: catalog.repeatPINPrompt, promptTo: FileHandle.standardError) == pin else {
            throw AccessError.pinsDiffer
        }
        return pin
    }

    /// Asks y/n on a terminal; from a script nothing is asked and the answer is yes.
    func confirmOnTerminal(_ question: String) -> Bool {
        guard isatty(STDIN_FILENO) != 0 else { return true }
        FileHandle.standardError.write(Data(question.utf8))
        guard let answer = readLine(strippingNewline: true) else { return false }
        return ["y", "ya", "yes", ""].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
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
    @discardableResult
    func sendSlips(_ worker: PrintWorker, count: Int) -> [PrintOutcome] {
        guard worker.hasPrinter else { return [] }
        let outcomes = worker.drain(until: worker.deadline(forJobs: count))
        for outcome in outcomes where outcome.status == .failed { warn(catalog.slipNotPrinted(outcome)) }
        return outcomes
    }

    /// Imports the configured menu when the database has none yet (first run).
    func ensureMenu() throws {
        try actions.importFirstMenu(by: nil)
    }

    /// Reads an amount.
    func amount(_ text: String) throws -> Rupiah {
        try Rupiah.parse(text)
    }

    /// The day a command means: `--day`, else today.
    func day(_ text: String?) throws -> BusinessDay {
        guard let text else { return config.cafe.calendar.day(of: clock.now()) }
        return try BusinessDay.parse(text)
    }

    /// A paper-sheet time `YYYY-MM-DD HH:MM` in the café's zone.
    func sheetTime(_ text: String?) throws -> Date? {
        try text.map { text in try config.cafe.calendar.instant(parsing: text) }
    }

    /// Whether standard output carries text for people (false once JSON has been printed).
    var speaks = true

    func print(_ text: String, terminator: String = "\n") {
        if speaks { Swift.print(text, terminator: terminator) }
    }

    /// Prints `value` as JSON.
    func printJSON<T: Encodable>(_ value: T) throws {
        Swift.print(try JSONOutput.encode(value))
    }

    /// The same context, printing nothing more to standard output.
    var silenced: Context {
        var copy = self
        copy.speaks = false
        return copy
    }
}

/// The catalogue the root says a failed command's error in (``Kasir/main()``): the one the
/// command's config chose, from the moment the command has read it.
///
/// Until then (and when the config cannot be read) errors are said in ``Context/fallbackLanguage``
/// with the café's default clock, as before a config is found.
///
/// ```swift
/// ErrorCatalog.shared.choose(Catalog(language: .en, calendar: config.cafe.calendar))
/// ErrorCatalog.shared.catalog.describe(TillError.noOpenTill)   // in English
/// ```
final class ErrorCatalog: @unchecked Sendable {
    static let shared = ErrorCatalog()

    private let lock = NSLock()
    private var chosen: Catalog?

    /// The catalogue chosen, else the fallback language's.
    var catalog: Catalog {
        lock.withLock { chosen } ?? Catalog(language: Context.fallbackLanguage)
    }

    /// Says every error from now on with `catalog`.
    func choose(_ catalog: Catalog) {
        lock.withLock { chosen = catalog }
    }
}

/// A progress figure on standard error, rewritten in place, shown only on a terminal and only
/// once the work has run for a second.
final class ProgressLine: @unchecked Sendable {
    let words: (Double) -> String
    let started = Date()
    let terminal = isatty(STDERR_FILENO) == 1
    let lock = NSLock()
    var shown = false

    init(words: @escaping (Double) -> String) { self.words = words }

    func show(_ share: Double) {
        guard terminal, Date().timeIntervalSince(started) > 1 else { return }
        lock.withLock {
            shown = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + words(share)).utf8))
        }
    }

    func clear() {
        lock.withLock { if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) } }
    }
}
