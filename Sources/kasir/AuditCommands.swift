import ArgumentParser
import Foundation
import KasirActions
import KasirMessages
import KasirConfig
import KasirCore
import KasirDemo
import KasirReports
import KasirStore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: HelpText.pick(
            "Periksa dan baca jurnal berantai hash (setiap perubahan ketahuan).",
            "Check and read the tamper-evident journal."), subcommands: [Verify.self, Log.self, Document.self])

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify",
            abstract: HelpText.pick(
                "Telusuri rantai hash dan cocokkan setiap baris yang dijurnal dengannya; diakhiri kepala jurnal dan jumlah baris.",
                "Walk the hash chain and compare every journaled row with it; end with the head and row count."),
            discussion: HelpText.pick(
                "--head HASH (dari laporan Z atau catatan yang disimpan di tempat lain) gagal bila hash itu tidak ada di rantai.",
                "--head HASH (from a Z report or a note kept elsewhere) fails unless that hash is in the chain."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help(
            "Kepala jurnal yang dicatat di tempat lain: pemeriksaan gagal bila tidak ada di rantai.",
            "A head written down elsewhere: the check fails unless it is in the chain."))
        var head: String?
        @Option(help: HelpText.help(
            "Periksa hanya baris sesudah baris jurnal ini (yang sudah diperiksa): pemeriksaan harian.",
            "Check only the rows after this journal row (one already verified): the daily check."))
        var since: Int64?
        @Flag(help: HelpText.help(
            "Tanyakan juga kepala jurnal yang dipegang pusat: gagal bila rantai lokal tidak memuatnya.",
            "Also ask the centre for the head it holds: fails unless the local chain holds it."))
        var central = false

        func run() throws {
            let context = try Context.open(common)
            // Typed as the Z report prints it (groups of four, over lines) or in one piece.
            let given = try head.map { text in try JournalHead.parse(text) }
            let progress = ProgressLine(words: context.catalog.checking)
            let report = try context.database.verifyJournal(
                head: given, since: since, savedCopies: context.backupFolder, progress: { progress.show($0) })
            progress.clear()
            for finding in report.findings.prefix(50) { context.warn(context.catalog.describe(finding)) }
            if report.findings.count > 50 { context.warn(context.catalog.moreFindings(report.findings.count - 50)) }
            if let after = report.rowsAfterGivenHead { context.print(context.catalog.rowsAfterHead(after)) }
            if let since { context.print(context.catalog.rowsCheckedSince(report.rowsChecked, since: since)) }
            context.print(context.catalog.journalSummary(rows: report.rows, head: report.head, intact: report.findings.isEmpty))
            if central {
                // After the local check: the centre's head is then compared with a chain known whole.
                let actions = context.actions
                let head = try actions.verifyCentralHead(transport: try actions.linkedTransport())
                context.print(context.catalog.centralHeadHeld(seq: head.seq))
            }
            if !report.findings.isEmpty { throw ExitCode(1) }
        }
    }

    struct Document: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "document",
            abstract: HelpText.pick(
                "Apakah catatan di balik transkrip (TR-...) atau laporan program (PR-...) tidak berubah?",
                "Is the record behind a transcript (TR-...) or programme report (PR-...) unchanged?"),
            discussion: HelpText.pick(
                "Membuat ulang dokumen dari baris jurnal yang disebut nomornya lalu membandingkan; status keluar 1 bila berbeda.",
                "Makes the document again from the journal row its number names and compares; exit 1 when it differs."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help(
            "Nomor dokumen, mis. TR-61682-9F3A-2C1B-7E04.",
            "The document number, e.g. TR-61682-9F3A-2C1B-7E04.")) var number: String
        @Option(help: HelpText.help("WBP pemilik transkrip.", "The WBP of a transcript.")) var staff: String?
        @Option(help: HelpText.help("YYYY-MM, bulan laporan program.", "YYYY-MM, the month of a programme report.")) var month: String?

        func run() throws {
            let context = try Context.open(common)
            let number = try DocumentNumber.parse(self.number)
            let code = try staff.map { text in try StaffMember.parseCode(text) }
            let month = try self.month.map { text in try BusinessMonth.parse(text) }
            let check = try ReportBuilder(database: context.database, config: context.config).check(number, staff: code, month: month)
            let subject = number.kind == .transcript ? (code ?? "") : (month?.description ?? "")
            if let owner = check.owner {
                context.print(context.catalog.documentOfAnother(number.description, asked: subject, owner: owner))
                throw ExitCode(1)
            }
            guard !check.matches else {
                context.print(context.catalog.documentMatches(number.description, subject: subject, seq: check.mark.seq, at: check.mark.cutoff))
                context.print(context.catalog.documentCompareWithPaper)
                switch check.rebuilt {
                case .transcript(let transcript): context.print(TranscriptLayout(settings: context.config.cafe).text(transcript), terminator: "")
                case .programme(let report): context.print(ReportLayout(settings: context.config.cafe).document(report).text, terminator: "")
                }
                return
            }
            context.print(context.catalog.documentDiffers(number.description, subject: subject, seq: check.mark.seq, now: check.recomputed.description))
            context.print(context.catalog.documentChangesSince(check.later.count, seq: check.mark.seq))
            for entry in check.later.prefix(20) { context.print("  " + context.catalog.journalLine(entry, hash: false)) }
            throw ExitCode(1)
        }
    }

    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", abstract: HelpText.pick("Tampilkan jurnal.", "Show the journal."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Mulai dari baris ini.", "From this row on.")) var from: Int64 = 1
        @Option(help: HelpText.help("Paling banyak sekian baris.", "At most this many rows.")) var limit: Int = 1_000
        @Option(help: HelpText.format) var format: OutputFormat = .text

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
            let entries = try context.database.journalEntries(from: from, limit: limit)
            switch format {
            case .json:
                try context.printJSON(entries.map { Row(seq: $0.seq, at: $0.at, kind: $0.kind, actor: $0.actor, subject: $0.subject, hash: $0.hash) })
            case .text:
                for entry in entries { context.print(context.catalog.journalLine(entry, hash: true)) }
            }
        }
    }
}

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: HelpText.pick(
            "Cadangan basis data, dibuat selagi berjalan.",
            "Online backups of the database."), subcommands: [Create.self, Verify.self, Restore.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: HelpText.pick(
                "Cadangkan basis data sekarang (PIN petugas); cadangan manual tidak pernah menggeser cadangan penutupan Z.",
                "Back up the database now (a supervisor's PIN); manual backups never push out a Z close's."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.requireSupervisor(by)
            let path = try context.actions.backup(by: approver)
            context.print(context.catalog.backupWritten(path.path))
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify", abstract: HelpText.pick(
                "Periksa cadangan (bawaan: yang terbaru): keutuhan dan jurnal.",
                "Check a backup (default: the newest): integrity and journal."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Berkas cadangan.", "The backup file.")) var file: String?

        func run() throws {
            let context = try Context.open(common)
            let path: URL
            if let file {
                path = URL(fileURLWithPath: file)
            } else {
                guard let newest = try context.database.listBackups(in: context.backupFolder).last else {
                    throw BackupError.noBackups(context.backupFolder.path)
                }
                path = newest
            }
            let head = try AppDatabase.verifyBackup(at: path, logger: Context.logger)
            context.print(context.catalog.backupIntact(path.path, head: head))
        }
    }

    struct Restore: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "restore",
            abstract: HelpText.pick(
                "Ganti basis data dengan cadangan yang sudah diperiksa (admin); basis data yang dipakai disimpan dulu.",
                "Replace the database with a verified backup (an admin); the live one is saved first."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Berkas cadangan.", "The backup file.")) var file: String
        @Option(help: HelpText.admin) var by: String?
        @Flag(name: .customLong("over-open-till"), help: HelpText.help("Pulihkan walaupun kas masih terbuka.", "Restore even though a till is open."))
        var overOpenTill = false

        func run() throws {
            let context = try Context.open(common)
            let approver = try context.requireAdmin(by)
            let saved = try context.actions.restore(from: URL(fileURLWithPath: file), overOpenTill: overOpenTill, by: approver)
            context.print(context.catalog.databaseRestored(file, savedAs: saved.path))
        }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: HelpText.pick(
            "Buat basis data demo terpisah berisi riwayat kafe buatan.",
            "Create a separate demo database with a seeded cafe history."))
    @Option(help: HelpText.help(
        "Di mana (bawaan: demo.sqlite di samping basis data biasa).",
        "Where (default: demo.sqlite beside the usual database).")) var db: String?
    @Option(help: HelpText.help("Folder konfigurasi.", "Config folder.")) var config: String?
    @Option(help: HelpText.help("Lama riwayat, dalam tahun.", "Years of history.")) var years: Int = 1
    @Option(help: HelpText.help("Lama riwayat, dalam hari (sebagai ganti tahun).", "Days of history (instead of years).")) var days: Int?
    @Flag(help: HelpText.help(
        "Beban kedai kopi kota, 130–170 pesanan setiap hari, untuk benchmark (bawaan: kafe di gerbang Rutan).",
        "A city coffee shop's load, every day 130–170 orders, for benchmarks (default: a café at a Rutan's gate)."))
    var busy = false

    func run() throws {
        let configuration = try Context.loadConfig(config)
        let catalog = Catalog(language: configuration.cafe.language, calendar: configuration.cafe.calendar)
        let path = db ?? (Locations.database(nil, config: configuration) as NSString).deletingLastPathComponent + "/demo.sqlite"
        guard (1...10).contains(years), (days ?? 1) >= 1 else { throw InputError.notOneOf(field: "years", allowed: ["1…10"]) }
        if FileManager.default.fileExists(atPath: path) { throw UsageError.fileExists(path: path) }
        let clock = SystemClock()
        do {
            let database = try AppDatabase.open(path: path, durable: false, logger: Context.logger)
            // A new database: its rules are the config's, as `kasir init` would give it.
            try CafeActions.establishRules(in: database, from: configuration, at: clock.now())
            let history = DemoHistory(database: database, menu: configuration.menu, pricing: configuration.cafe.pricing,
                                      premi: configuration.cafe.premi, calendar: configuration.cafe.calendar,
                                      competencyUnits: configuration.competencies.map(\.code), profile: busy ? .busy : .gateCafe)
            let calendar = configuration.cafe.calendar
            let orders = try history.generate(days: days ?? years * 365, endingBefore: calendar.day(of: clock.now()))
            try history.closeFullMonths(config: configuration, before: clock.now())
            print(catalog.demoReady(path, orders: orders, pin: DemoHistory.supervisorPIN))
            print(catalog.demoBaristaPIN(DemoHistory.baristaPIN, codes: try database.allStaff().filter { $0.role == .barista }.map(\.code)))
        } catch {
            try? FileManager.default.removeItem(atPath: path)
            throw error
        }
    }
}
