import ArgumentParser
import Foundation
import KasirConfig
import KasirCore
import KasirReports
import KasirStore
import KasirTerminal

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Check and read the tamper-evident journal.", subcommands: [Verify.self, Log.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk the hash chain and compare every journaled row with it.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let findings = try context.attempt { try context.database.verifyJournal() }
            let catalog = context.catalog
            guard let first = findings.first else {
                let count = try context.attempt { try context.database.journalEntries().count }
                let head = try context.attempt { try context.database.journalHead() }
                context.print(catalog.pick("Jurnal utuh: \(count) baris, kepala \(head).", "Journal intact: \(count) rows, head \(head)."))
                return
            }
            for finding in findings.prefix(20) { FileHandle.standardError.write(Data((catalog.describe(finding) + "\n").utf8)) }
            _ = first
            throw ExitCode(1)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the journal.")
        @OptionGroup var common: CommonOptions
        @Option(help: "From this row on.") var from: Int64 = 1
        @Option var limit: Int = 1_000
        @Option var format: OutputFormat = .text

        struct Row: Encodable {
            var seq: Int64
            var at: String
            var kind: String
            var actor: String?
            var subject: String?
            var hash: String
        }

        func run() throws {
            let context = try Context.open(common)
            let entries = try context.attempt { try context.database.journalEntries(from: from, limit: limit) }
            switch format {
            case .json:
                context.print(JSONOutput.encode(entries.map { Row(seq: $0.seq, at: $0.at, kind: $0.kind, actor: $0.actor, subject: $0.subject, hash: $0.hash) }))
            case .text:
                let formatter = ISO8601DateFormatter()
                formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                for entry in entries {
                    let when = formatter.date(from: entry.at).map { context.config.cafe.calendar.dateTime(of: $0) } ?? entry.at
                    context.print(["\(entry.seq)", when, entry.kind, entry.actor ?? "-", entry.subject ?? "-", String(entry.hash.prefix(12))]
                        .joined(separator: "\t"))
                }
            }
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Online backups of the database.", subcommands: [Create.self, Verify.self, Restore.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Back up the database now into the backup folder.")
        @OptionGroup var common: CommonOptions

        func run() throws {
            let context = try Context.open(common)
            let path = try context.attempt {
                try context.database.createBackup(in: context.backupFolder, keep: context.config.cafe.backupsKept, at: context.clock.now())
            }
            context.print(context.catalog.pick("Cadangan dibuat: \(path.path)", "Backup written: \(path.path)"))
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a backup (default: the newest): integrity and journal.")
        @OptionGroup var common: CommonOptions
        @Argument var file: String?

        func run() throws {
            let context = try Context.open(common)
            let path = try file.map { URL(fileURLWithPath: $0) } ?? context.attempt { () throws -> URL in
                guard let newest = try context.database.listBackups(in: context.backupFolder).last else {
                    throw BackupError.noBackups(context.backupFolder.path)
                }
                return newest
            }
            let head = try context.attempt { try AppDatabase.verifyBackup(at: path, logger: Context.logger) }
            context.print(context.catalog.pick("Cadangan utuh: \(path.path), kepala jurnal \(head).", "Backup intact: \(path.path), journal head \(head)."))
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace the database with a verified backup.")
        @OptionGroup var common: CommonOptions
        @Argument var file: String
        @Option var by: String?
        @Flag(name: .customLong("over-open-till"), help: "Restore even though a till is open.") var overOpenTill = false

        func run() throws {
            let context = try Context.open(common)
            let supervisor = try context.requireSupervisor(by)
            try context.attempt {
                try context.database.restore(from: URL(fileURLWithPath: file), supervisor: supervisor, overOpenTill: overOpenTill, at: context.clock.now())
            }
            context.print(context.catalog.pick("Basis data dipulihkan dari \(file).", "Database restored from \(file)."))
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Create a separate demo database with a seeded café history.")
    @Option(help: "Where (default: demo.sqlite beside the usual database).") var db: String?
    @Option(help: "Config folder.") var config: String?
    @Option(help: "Years of history.") var years: Int = 1
    @Option(help: "Days of history (instead of years).") var days: Int?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = config ?? environment["KASIR_CONFIG"] ?? "config"
        let configuration: KasirConfiguration
        do { configuration = try KasirConfiguration.load(from: URL(fileURLWithPath: folder)) } catch {
            throw Context.fail(Catalog(language: Context.fallbackLanguage).describe(error))
        }
        let catalog = Catalog(language: configuration.cafe.language)
        let path = db ?? (Context.defaultDatabasePath(environment) as NSString).deletingLastPathComponent + "/demo.sqlite"
        guard (1...10).contains(years), (days ?? 1) >= 1 else { throw Context.fail(catalog.describe(InputError.notOneOf(field: "years", allowed: ["1…10"]))) }
        if FileManager.default.fileExists(atPath: path) {
            throw Context.fail(catalog.pick("Sudah ada: \(path). Hapus dulu atau pilih --db lain.", "Already there: \(path). Remove it or choose another --db."))
        }
        let clock = SystemClock(environment: environment)
        do {
            let database = try AppDatabase.open(path: path, durable: false, logger: Context.logger)
            let history = DemoHistory(database: database, menu: configuration.menu, pricing: configuration.cafe.pricing,
                                      calendar: configuration.cafe.calendar, competencyUnits: configuration.competencies.map(\.code))
            let calendar = configuration.cafe.calendar
            let orders = try history.generate(days: days ?? years * 365, endingBefore: calendar.day(of: clock.now()))
            // Programme staff close each month's premi; so does the demo, for every full month.
            let builder = ReportBuilder(database: database, config: configuration)
            if let first = try database.firstOrderDate() {
                var month = calendar.month(of: first)
                let current = calendar.month(of: clock.now())
                while month < current {
                    _ = try builder.closePremi(month, supervisor: "S1", at: calendar.interval(of: month).end.addingTimeInterval(9 * 3600))
                    month = month.next
                }
            }
            print(catalog.pick("Kafe demo siap: \(path) (\(orders) pesanan). PIN petugas S1: \(DemoHistory.supervisorPIN).",
                               "Demo café ready: \(path) (\(orders) orders). Supervisor S1's PIN: \(DemoHistory.supervisorPIN)."))
            print(catalog.pick("Coba: KASIR_DB=\(path) kasir report training --month …", "Try: KASIR_DB=\(path) kasir report training --month …"))
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw Context.fail(catalog.describe(error))
        }
    }
}
