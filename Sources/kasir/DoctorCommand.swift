import ArgumentParser
import Foundation
import KasirMessages
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
#if canImport(Glibc)
import Glibc
#endif

/// Checks the installation, one line each: config, database, templates, printer, time zone,
/// backups, clock, rules, how far the centre holds the journal, the static QRIS payload.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: HelpText.pick(
            "Periksa pemasangan, satu baris per hal; status bukan nol bila ada yang salah.",
            "Check the installation, one line each; non-zero when something is wrong."))
    @OptionGroup var common: CommonOptions

    /// Prints each line as it is found and counts what is wrong.
    final class Findings {
        var catalog = Catalog(language: Context.fallbackLanguage)
        var failures = 0

        func report(_ check: DoctorCheck, _ ok: Bool, _ detail: String) {
            print(catalog.doctorLine(check, ok: ok, detail: detail))
            if !ok { failures += 1 }
        }
    }

    func run() throws {
        let findings = Findings()
        let report = findings.report
        let folder = Locations.configFolder(common.config)
        let config: KasirConfiguration
        do {
            config = try KasirConfiguration.load(from: folder)
        } catch {
            report(.config, false, findings.catalog.describe(error))
            throw ExitCode(1)
        }
        findings.catalog = Catalog(language: Locations.languageOverride ?? config.cafe.language, calendar: config.cafe.calendar)
        let catalog = findings.catalog
        report(.config, true, folder.standardizedFileURL.path)
        let clock = SystemClock()
        let path = Locations.database(common.db, config: config)
        var database: AppDatabase?
        if FileManager.default.fileExists(atPath: path) {
            do {
                let opened = try AppDatabase.open(path: path, busyTimeout: config.cafe.busyTimeout, logger: Context.logger)
                database = opened
                let integrity = try opened.integrityCheck()
                report(.database, integrity == "ok", integrity == "ok" ? path : "\(path): \(integrity)")
            } catch {
                report(.database, false, catalog.describe(error))
            }
            let mode = (try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
            report(.databaseMode, mode & 0o007 == 0, String(format: "%o", mode))
        } else {
            report(.database, false, catalog.databaseMissing(path))
        }
        let folderPath = (path as NSString).deletingLastPathComponent
        var stats = statvfs()
        if statvfs(folderPath, &stats) == 0 {
            let free = Int64(stats.f_bavail) * Int64(stats.f_frsize)
            report(.freeDisk, free >= 200 * 1_048_576, "\(free / 1_048_576) MiB")
        }
        let templates = TemplateSet(language: config.cafe.language, overrides: config.templatesFolder)
        report(.templates, templates.problems.isEmpty,
               templates.problems.isEmpty ? (config.templatesFolder?.path ?? catalog.builtInTemplates) : templates.problems.map { catalog.describe($0) }.joined(separator: "; "))
        if let printer = PrintWorker.configuredPrinter(config, environment: Locations.environment) {
            do {
                let health = try PrinterHealth.check(printer, queueOf: database)
                report(.printer, health.isReady, catalog.printerHealthLine(health))
            } catch {
                report(.printer, false, catalog.describe(error))
            }
        } else {
            report(.printer, true, catalog.describe(PrintError.noPrinterConfigured))
        }
        let zone = config.cafe.calendar.timeZone
        let zoneKnown = FileManager.default.fileExists(atPath: "/usr/share/zoneinfo/" + zone.identifier)
        report(.timeZone, zoneKnown, "\(zone.identifier) (\(config.cafe.calendar.zoneLabel), UTC\(zone.secondsFromGMT() >= 0 ? "+" : "")\(zone.secondsFromGMT() / 3600))")
        if let database {
            let backupFolder = config.cafe.backupFolder.hasPrefix("/") ? URL(fileURLWithPath: config.cafe.backupFolder)
                : URL(fileURLWithPath: folderPath).appendingPathComponent(config.cafe.backupFolder)
            if let newest = AppDatabase.listBackups(in: backupFolder).last,
                let modified = try? FileManager.default.attributesOfItem(atPath: newest.path)[.modificationDate] as? Date
            {
                let hours = Int(clock.now().timeIntervalSince(modified) / 3600)
                report(.backup, hours <= 48, catalog.backupAge(newest.lastPathComponent, hours: hours))
            } else {
                // Every Z close writes a backup: none yet is only wrong once a till has closed.
                let closed = (try? database.lastClosedTill()) != nil
                report(.backup, !closed, catalog.noBackupYet(backupFolder.path))
            }
            if let last = try? database.lastJournalEntry(), let at = Timestamp.date(last.at) {
                report(.clock, clock.now() >= at, catalog.clockAgainstJournal(now: clock.now(), last: at))
            } else {
                report(.clock, true, catalog.localTime(clock.now()))
            }
            checkRules(config, database, findings)
            // Once the café has joined a centre: how far the centre holds the journal. Entries
            // waiting days are worth a look (the line down, the timer stopped), not a failure:
            // a café whose line is down for weeks carries its batches on a stick.
            if let status = try? database.anchorStatus(now: clock.now()) {
                let detail = catalog.anchorLines(status).joined(separator: "; ")
                if status.waitingLonger(than: 3 * 86_400) {
                    print(catalog.doctorNote(.central, detail: detail))
                } else {
                    report(.central, true, detail)
                }
            }
        }
        checkQRIS(config, database, findings)
        if findings.failures > 0 { throw ExitCode(1) }
    }

    /// The static QRIS payload in force — the database's once it has money rules, else the one
    /// the config would seed a new database with — read as QRIS: a broken one is a failure,
    /// said in the one line that names its tag, for every QRIS bill would be made from it.
    func checkQRIS(_ config: KasirConfiguration, _ database: AppDatabase?, _ findings: Findings) {
        let catalog = findings.catalog
        // A database whose rules cannot be read was reported under the rules already.
        let stored = database.flatMap { try? $0.moneyRules() }
        guard let payload = stored.map({ $0.rules.qrisPayload }) ?? config.cafe.qrisPayload else {
            findings.report(.qris, true, catalog.noStaticQRIS)
            return
        }
        do {
            let parsed = try QRISPayload.parse(payload)
            findings.report(.qris, true, catalog.staticQRIS(parsed))
        } catch {
            findings.report(.qris, false, catalog.describe(error))
        }
    }

    /// The rules as the config file sets them (`config` is read from the file here, never made
    /// to follow the database) against the database's, which apply: one line per figure that
    /// differs, and a fault while the money rules wait for an admin's confirmation.
    func checkRules(_ config: KasirConfiguration, _ database: AppDatabase, _ findings: Findings) {
        let catalog = findings.catalog
        do {
            guard let money = try database.moneyRules() else {
                // Gone after the journal recorded them is not "not set yet": nothing seeds them again.
                if try database.moneyRulesMissing() {
                    findings.report(.rules, false, catalog.describe(RulesError.rulesMissing(table: "money_rules")))
                } else {
                    findings.report(.rules, true, catalog.rulesNotSetYet)
                }
                return
            }
            let policy = try database.securityPolicy()
            let differences = catalog.moneyRuleDifferences(config: config.cafe.moneyRules, database: money.rules)
                + catalog.securityPolicyDifferences(config: config.cafe.security, database: policy)
            for difference in differences { print(catalog.doctorNote(.rules, detail: difference)) }
            if !money.confirmed {
                findings.report(.rules, false, catalog.moneyRulesUnconfirmedNote)
            } else if differences.isEmpty {
                findings.report(.rules, true, catalog.rulesAgree)
            }
        } catch {
            findings.report(.rules, false, catalog.describe(error))
        }
    }
}
