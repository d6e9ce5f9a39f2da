import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// What `kasir doctor` checks, one line each.
public enum DoctorCheck: Sendable {
    case config, database, databaseMode, freeDisk, templates, printer, timeZone, backup, clock
    /// Where the config file's rules and the database's differ (the database's apply).
    case rules
    /// The static QRIS payload in force, read as QRIS.
    case qris
    /// How far the centre holds the journal, once the café has joined one.
    case central
}

/// What the one-shot commands say.
extension Catalog {
    func line(for error: UsageError) -> String {
        switch error {
        case .firstSupervisorExists:
            return pick("Petugas pertama sudah ada: admin menambah petugas dengan kasir staff add-supervisor --by KODE.",
                        "The first supervisor exists: an admin adds others with kasir staff add-supervisor --by CODE.")
        case .decreeNeedsAllThree:
            return pick("SK perlu --decree, --decree-from dan --decree-until bersama.", "A decree needs --decree, --decree-from and --decree-until together.")
        case .baristaPINByOrChange:
            return pick("Pilih salah satu: --by KODE (petugas memasang PIN bersama WBP) atau --change (WBP mengganti PIN-nya sendiri).",
                        "Give one of: --by CODE (a supervisor sets the PIN with the WBP) or --change (the WBP changes their own).")
        case .fileExists(let path):
            return pick("Sudah ada: \(path). Hapus dulu atau pilih --db lain.", "Already there: \(path). Remove it or choose another --db.")
        }
    }

    public func databaseAlreadyReady(_ path: String) -> String {
        pick("Basis data sudah ada: \(path). Tidak ada yang diubah (menu: kasir menu import --by KODE).",
             "The database exists already: \(path). Nothing was changed (menu: kasir menu import --by CODE).")
    }

    public func databaseReady(_ path: String) -> String { pick("Basis data siap", "Database ready") + ": \(path)" }

    public func menuImported(_ summary: MenuImportSummary) -> String {
        func list(_ codes: [String]) -> String { codes.isEmpty ? "-" : codes.joined(separator: ", ") }
        return pick(
            "Menu: baru \(list(summary.added)); harga berubah \(list(summary.repriced)); ditarik \(list(summary.withdrawn)); tetap \(summary.unchanged).",
            "Menu: added \(list(summary.added)); repriced \(list(summary.repriced)); withdrawn \(list(summary.withdrawn)); unchanged \(summary.unchanged).")
    }

    public func policy(_ policy: SecurityPolicy) -> String {
        pick("""
            PIN salah sebelum terkunci: \(policy.pinAttempts)
            Lama terkunci: \(policy.pinLockoutMinutes) menit
            Mode petugas berakhir setelah: \(policy.supervisorIdleSeconds) detik tanpa tindakan, paling lama \(policy.supervisorSessionCapSeconds) detik
            Waktu dari lembar absen paling lama: \(policy.maxBackdateDays) hari ke belakang
            Giliran lebih dari \(policy.maxShiftHours) jam perlu alasan
            """, """
            Wrong PINs before a lockout: \(policy.pinAttempts)
            Lockout: \(policy.pinLockoutMinutes) minutes
            Supervisor mode ends after: \(policy.supervisorIdleSeconds) seconds without an act, \(policy.supervisorSessionCapSeconds) seconds at most
            Paper-sheet times at most: \(policy.maxBackdateDays) days back
            Shifts over \(policy.maxShiftHours) hours need a reason
            """)
    }

    /// The money rules as `kasir policy show` lists them.
    public func moneyRules(_ rules: MoneyRules, confirmed: Bool) -> String {
        let tax = rules.pricing.tax
        let weights = rules.premi.stationWeights.map { table in
            MoneyRules.stations.map { "\($0) \(table[$0] ?? 100)%" }.joined(separator: ", ")
        }
        let rounding = rules.pricing.rounding
        let mode = pick(["nearest": "terdekat", "down": "ke bawah", "up": "ke atas"][rounding.mode.rawValue] ?? rounding.mode.rawValue, rounding.mode.rawValue)
        var lines = [
            pick("\(tax.label): \(tax.rate.formatted), \(tax.pricesIncludeTax ? "sudah termasuk dalam harga" : "ditambahkan pada harga")",
                 "\(tax.label): \(tax.rate.formatted), \(tax.pricesIncludeTax ? "included in prices" : "added to prices")"),
            pick("Biaya layanan: \(rules.pricing.serviceCharge.formatted)", "Service charge: \(rules.pricing.serviceCharge.formatted)"),
            pick("Pembulatan: Rp\(rounding.unit), \(mode)", "Rounding: Rp\(rounding.unit), \(mode)"),
            pick("Laba dibagi: premi \(rules.premi.premi.formatted), PNBP \(rules.premi.pnbp.formatted), modal \(rules.premi.capital.formatted)",
                 "Profit split: premi \(rules.premi.premi.formatted), PNBP \(rules.premi.pnbp.formatted), capital \(rules.premi.capital.formatted)"),
            pick("Premi dibagi menurut: \(weights.map { "jam × bobot pos (\($0))" } ?? "jam")",
                 "Premi shared by: \(weights.map { "hours × station weight (\($0))" } ?? "hours")"),
            pick("Cadangan Z disimpan: \(rules.backupsKept)", "Z backups kept: \(rules.backupsKept)"),
            pick("QRIS statis: \(rules.qrisPayload == nil ? "tidak ada" : "ada")", "Static QRIS: \(rules.qrisPayload == nil ? "none" : "set")"),
            pick("Biaya MDR QRIS tertinggi di laporan settlement: \(rules.qrisMDRCeiling.formatted)",
                 "Highest QRIS MDR on a settlement report: \(rules.qrisMDRCeiling.formatted)"),
            pick("Zona waktu hari dan bulan: \(rules.timeZone)", "Time zone of days and months: \(rules.timeZone)"),
        ]
        if !confirmed {
            lines.append(pick("BELUM DIKONFIRMASI: kas tidak dibuka dan pesanan tidak dicatat sampai admin menjalankan kasir policy confirm atau policy set.",
                              "NOT CONFIRMED: no till opens and no order is recorded until an admin runs kasir policy confirm or policy set."))
        }
        return lines.joined(separator: "\n")
    }

    // MARK: Staff

    public func baristaAdded(alias: String, code: String) -> String {
        pick("Barista \(alias) (\(code)) terdaftar.", "Barista \(alias) (\(code)) registered.")
    }

    public func decreeRecorded(_ code: String) -> String { pick("SK \(code) dicatat.", "Decree of \(code) recorded.") }
    public func pinChanged(_ code: String) -> String { pick("PIN \(code) diganti.", "The PIN of \(code) was changed.") }

    public func supervisorUnlocked(_ code: String, by admin: String) -> String {
        pick("Kunci \(code) dibuka oleh \(admin).", "\(code) unlocked by \(admin).")
    }

    public func pinReset(_ code: String, by admin: String) -> String {
        pick("PIN baru \(code) dipasang oleh \(admin).", "A new PIN for \(code) was set by \(admin).")
    }

    public func newPINPrompt(for code: String) -> String { pick("PIN baru \(code) (6–12 angka): ", "New PIN for \(code) (6–12 digits): ") }

    // MARK: Orders and attendance

    public func orderRecorded(_ order: RecordedOrder) -> String {
        pick("Pesanan", "Order") + " #\(order.number) (\(order.day)) " + pick("tersimpan", "saved") + " · Total \(order.totals.total)"
            + (order.change > .zero ? " · " + label(.change) + " \(order.change)" : "")
    }

    public func noOrdersOn(_ day: BusinessDay) -> String { pick("Belum ada pesanan pada \(day).", "No orders on \(day).") }

    public var nobodyClockedIn: String { pick("Tidak ada yang sedang bertugas.", "Nobody is clocked in.") }

    public func openShift(_ shift: AttendanceRecord, forgotten: Bool) -> String {
        [shift.staffCode, shift.alias, shift.station.rawValue, localTime(shift.clockIn),
         shift.onBreak ? pick("istirahat", "on break") : "", forgotten ? pick("LUPA ABSEN KELUAR", "FORGOTTEN CLOCK-OUT") : ""]
            .joined(separator: "\t").trimmingCharacters(in: .whitespaces)
    }

    /// An admin closed a forgotten clock-out (`attendance close-forgotten`).
    public func forgottenShiftClosed(_ code: String, at instant: Date, admin: String) -> String {
        pick("\(code) keluar, \(localTime(instant)): lupa absen keluar, ditutup admin \(admin).",
             "\(code) clocked out, \(localTime(instant)): a forgotten clock-out, closed by admin \(admin).")
    }

    // MARK: Printing

    public func copyPrinted(_ number: Int) -> String { pick("Salinan pesanan #\(number) tercetak.", "Copy of order #\(number) printed.") }
    public var printQueueEmpty: String { pick("Antrean cetak kosong.", "The print queue is empty.") }

    public func printerState(_ status: PrinterStatus) -> String {
        "\(status.queue): \(status.state)" + (status.acceptingJobs ? pick(", menerima pekerjaan", ", accepting jobs") : pick(", MENOLAK pekerjaan", ", NOT accepting jobs"))
    }

    /// Slips that did not print, and the newest one's reason: `nil` when none wait.
    ///
    /// "2 slip belum tercetak; terakhir Struk #3: server printer berhenti saat mencetak (…). Cetak ulang: kasir receipt reprint 3"
    public func slipsWaiting(_ jobs: [PrintJob]) -> String? {
        guard let newest = jobs.first else { return nil }
        let reason = failureReason(newest.failure, detail: newest.failureDetail, acceptedByCUPS: newest.cupsJobID != nil)
        let name = slipName(newest.kind) + (newest.orderNumber.map { " #\($0)" } ?? "")
        let reprint = newest.orderNumber.map { pick(". Cetak ulang: kasir receipt reprint \($0)", ". Reprint: kasir receipt reprint \($0)") } ?? ""
        return pick("\(jobs.count) slip belum tercetak; terakhir \(name): ", "\(jobs.count) slips not printed; the last, \(name): ")
            + reason + reprint
    }

    /// `kasir doctor`'s printer line: the queue's state, or why CUPS cannot say, and what waits.
    public func printerHealthLine(_ health: PrinterHealth) -> String {
        var parts: [String]
        switch health.status {
        case .success(let status): parts = [printerState(status)]
        case .failure(let error): parts = ["\(health.queue): " + describe(error)]
        }
        if let waiting = slipsWaiting(health.waiting) { parts.append(waiting) }
        return parts.joined(separator: " · ")
    }

    public func printerStatus(_ status: PrinterStatus, server: String) -> String {
        var rows = ["Printer: \(status.queue) (CUPS \(server))", pick("Status", "State") + ": " + printerState(status)]
        if !status.message.isEmpty { rows.append(pick("Pesan", "Message") + ": \(status.message)") }
        let reasons = status.reasons.filter { $0 != "none" }
        if !reasons.isEmpty { rows.append(pick("Alasan", "Reasons") + ": " + reasons.joined(separator: ", ")) }
        return rows.joined(separator: "\n")
    }

    // MARK: Journal and backups

    public func moreFindings(_ count: Int) -> String { pick("… dan \(count) temuan lagi.", "… and \(count) more findings.") }

    public func rowsAfterHead(_ count: Int) -> String {
        pick("Kepala yang diberikan ada di jurnal; \(count) baris sesudahnya.", "The given head is in the journal; \(count) rows follow it.")
    }

    /// With `--since`: what was checked.
    public func rowsCheckedSince(_ count: Int, since: Int64) -> String {
        pick("Diperiksa \(count) baris sesudah #\(since) dan baris data yang dijaminnya.",
             "Checked \(count) rows after #\(since) and the data rows they vouch for.")
    }

    /// On a terminal, while a long check runs.
    public func checking(_ share: Double) -> String {
        pick("Memeriksa jurnal… ", "Checking the journal… ") + "\(Int(share * 100))%"
    }

    public func journalSummary(rows: Int, head: String, intact: Bool) -> String {
        (intact ? pick("Jurnal utuh", "Journal intact") : pick("Jurnal TIDAK utuh", "Journal NOT intact"))
            + pick(": \(rows) baris, kepala \(head).", ": \(rows) rows, head \(head).")
    }

    public func backupWritten(_ path: String) -> String { pick("Cadangan dibuat: \(path)", "Backup written: \(path)") }

    public func backupIntact(_ path: String, head: String) -> String {
        pick("Cadangan utuh: \(path), kepala jurnal \(head).", "Backup intact: \(path), journal head \(head).")
    }

    public func databaseRestored(_ file: String, savedAs saved: String) -> String {
        pick("Basis data dipulihkan dari \(file). Yang diganti disimpan di \(saved).", "Database restored from \(file). What it replaced is saved as \(saved).")
    }

    /// `audit document`: the number made again matches.
    public func documentMatches(_ number: String, subject: String, seq: Int64, at instant: Date) -> String {
        pick("✔ Dokumen \(number) cocok: catatan \(subject) sampai jurnal #\(seq) (\(localTime(instant))) tidak berubah.",
             "✔ Document \(number) matches: the record of \(subject) up to journal row #\(seq) (\(localTime(instant))) is unchanged.")
    }

    /// `audit document`: a matching number vouches for the record; the figures on the paper are
    /// compared with the record's, printed below this line.
    public var documentCompareWithPaper: String {
        pick("Cocokkan angka di kertas dengan isi catatan ini (nama disamarkan):",
             "Compare the figures on the paper with this record (names as aliases):")
    }

    /// `audit document`: it does not.
    public func documentDiffers(_ number: String, subject: String, seq: Int64, now: String) -> String {
        pick("✘ Dokumen \(number) TIDAK cocok: catatan \(subject) sampai jurnal #\(seq) sudah berubah (kini \(now)).",
             "✘ Document \(number) does NOT match: the record of \(subject) up to journal row #\(seq) has changed (now \(now)).")
    }

    /// `audit document`: the number is another WBP's transcript, not the one asked about (codes
    /// only: who a code is stays with the supervisors).
    public func documentOfAnother(_ number: String, asked: String, owner: String) -> String {
        pick("✘ Dokumen \(number) bukan transkrip \(asked): nomor ini milik WBP lain, \(owner). Periksa dengan --staff \(owner).",
             "✘ Document \(number) is not \(asked)'s transcript: the number belongs to another WBP, \(owner). Check it with --staff \(owner).")
    }

    /// What the journal recorded since, that may explain it.
    public func documentChangesSince(_ count: Int, seq: Int64) -> String {
        count == 0
            ? pick("Tidak ada entri jurnal sesudah #\(seq) yang menjelaskannya: catatan diubah di luar Kasir. Jalankan kasir audit verify.",
                   "No journal entry after #\(seq) explains it: the record was changed outside Kasir. Run kasir audit verify.")
            : pick("Sesudah #\(seq) jurnal mencatat \(count) perubahan yang bisa menjelaskannya:",
                   "After #\(seq) the journal recorded \(count) changes that may explain it:")
    }

    public func demoReady(_ path: String, orders: Int, pin: String) -> String {
        pick("Kafe demo siap: \(path) (\(orders) pesanan). PIN petugas S1: \(pin).\nCoba: KASIR_DB=\(path) kasir report training --month …",
             "Demo café ready: \(path) (\(orders) orders). Supervisor S1's PIN: \(pin).\nTry: KASIR_DB=\(path) kasir report training --month …")
    }

    // MARK: Training, premi, PNBP

    public func assessmentRecorded(unit: String, code: String, competent: Bool) -> String {
        pick("Asesmen \(unit) untuk \(code): \(competent ? "Kompeten" : "Belum Kompeten").",
             "Assessment \(unit) for \(code): \(competent ? "Competent" : "Not yet competent").")
    }

    public func monthlyCostRecorded(_ month: BusinessMonth, amount: Rupiah) -> String {
        pick("Harga pokok \(month): \(amount).", "Cost of goods \(month): \(amount).")
    }

    public func pendingDeposit(_ till: TillShareFact) -> String {
        pick("Kas #\(till.till): pendapatan \(till.revenue), harga pokok \(till.cost), bagian PNBP \(till.share)",
             "Till #\(till.till): revenue \(till.revenue), cost \(till.cost), PNBP share \(till.share)")
    }

    public func pendingDepositTotal(_ total: Rupiah, tills: Int) -> String {
        pick("Harus disetor: \(total) (\(tills) kas).", "To deposit: \(total) (\(tills) tills).")
    }

    public func depositRecorded(_ amount: Rupiah, tills: [Int64]) -> String {
        let list = tills.map { "#\($0)" }.joined(separator: ", ")
        return pick("Setoran PNBP \(amount) dicatat untuk kas \(list).", "PNBP deposit of \(amount) recorded for till \(list).")
    }

    // MARK: Doctor

    public func doctorLine(_ check: DoctorCheck, ok: Bool, detail: String) -> String {
        (ok ? "✔ " : "✘ ") + doctorName(check) + ": " + detail
    }

    /// A line worth reading that is not a fault: `kasir doctor` still ends well.
    public func doctorNote(_ check: DoctorCheck, detail: String) -> String {
        "⚠ " + doctorName(check) + ": " + detail
    }

    func doctorName(_ check: DoctorCheck) -> String {
        let name: String
        switch check {
        case .config: name = pick("konfigurasi", "config")
        case .database: name = pick("basis data", "database")
        case .databaseMode: name = pick("izin berkas basis data", "database file mode")
        case .freeDisk: name = pick("ruang disk", "free disk")
        case .templates: name = pick("templat struk", "slip templates")
        case .printer: name = "printer"
        case .timeZone: name = pick("zona waktu", "time zone")
        case .backup: name = pick("cadangan terbaru", "newest backup")
        case .clock: name = pick("jam", "clock")
        case .rules: name = pick("aturan", "rules")
        case .qris: name = pick("QRIS statis", "static QRIS")
        case .central: name = pick("pusat", "centre")
        }
        return name
    }

    /// Each money rule the config file sets otherwise than the database, one detail each.
    public func moneyRuleDifferences(config: MoneyRules, database: MoneyRules) -> [String] {
        var lines: [String] = []
        func compare(_ figure: String, _ inConfig: String, _ inDatabase: String) {
            if inConfig != inDatabase { lines.append(ruleDiffers(figure, config: inConfig, database: inDatabase)) }
        }
        let (fileTax, tax) = (config.pricing.tax, database.pricing.tax)
        compare(tax.label, fileTax.rate.formatted, tax.rate.formatted)
        compare(pick("Nama pajak", "Tax label"), fileTax.label, tax.label)
        compare(pick("\(tax.label) sudah termasuk harga", "\(tax.label) included in prices"), yesNo(fileTax.pricesIncludeTax), yesNo(tax.pricesIncludeTax))
        compare(pick("Biaya layanan", "Service charge"), config.pricing.serviceCharge.formatted, database.pricing.serviceCharge.formatted)
        compare(pick("Pembulatan", "Rounding"), roundingRule(config.pricing.rounding), roundingRule(database.pricing.rounding))
        compare(pick("Bagian premi", "Premi share"), config.premi.premi.formatted, database.premi.premi.formatted)
        compare(pick("Bagian PNBP", "PNBP share"), config.premi.pnbp.formatted, database.premi.pnbp.formatted)
        compare(pick("Bagian modal", "Capital share"), config.premi.capital.formatted, database.premi.capital.formatted)
        compare(pick("Premi dibagi menurut", "Premi shared by"), premiWeights(config.premi), premiWeights(database.premi))
        compare(pick("Cadangan Z disimpan", "Z backups kept"), "\(config.backupsKept)", "\(database.backupsKept)")
        // Two payloads with the same last characters differ all the same: compare them whole.
        if config.qrisPayload != database.qrisPayload {
            lines.append(ruleDiffers(pick("QRIS statis", "Static QRIS"), config: qrisPayload(config.qrisPayload), database: qrisPayload(database.qrisPayload)))
        }
        compare(pick("Zona waktu", "Time zone"), config.timeZone, database.timeZone)
        compare(pick("Biaya MDR QRIS tertinggi", "Highest QRIS MDR"), config.qrisMDRCeiling.formatted, database.qrisMDRCeiling.formatted)
        return lines
    }

    /// Each figure of the security policy the config file sets otherwise than the database.
    public func securityPolicyDifferences(config: SecurityPolicy, database: SecurityPolicy) -> [String] {
        let seconds = pick("detik", "seconds"), minutes = pick("menit", "minutes")
        let figures: [(String, Int, Int, String)] = [
            (pick("PIN salah sebelum terkunci", "Wrong PINs before a lockout"), config.pinAttempts, database.pinAttempts, ""),
            (pick("Lama terkunci", "Lockout"), config.pinLockoutMinutes, database.pinLockoutMinutes, minutes),
            (pick("Mode petugas tanpa tindakan", "Supervisor mode without an act"), config.supervisorIdleSeconds, database.supervisorIdleSeconds, seconds),
            (pick("Mode petugas paling lama", "Supervisor mode at most"), config.supervisorSessionCapSeconds, database.supervisorSessionCapSeconds, seconds),
            (pick("Lembar absen ke belakang", "Paper-sheet times back"), config.maxBackdateDays, database.maxBackdateDays, pick("hari", "days")),
            (pick("Giliran tanpa alasan", "Shifts without a reason"), config.maxShiftHours, database.maxShiftHours, pick("jam", "hours")),
        ]
        return figures.filter { $0.1 != $0.2 }.map { item in
            let (figure, inConfig, inDatabase, unit) = item
            let suffix = unit.isEmpty ? "" : " " + unit
            return ruleDiffers(figure, config: "\(inConfig)\(suffix)", database: "\(inDatabase)\(suffix)")
        }
    }

    /// `PB1 di konfigurasi 0%, di basis data 10% (basis data berlaku).`
    func ruleDiffers(_ figure: String, config: String, database: String) -> String {
        pick("\(figure) di konfigurasi \(config), di basis data \(database) (basis data berlaku).",
             "\(figure) in the config \(config), in the database \(database) (the database's applies).")
    }

    /// Yes or no, as a cell of a comparison or a report.
    public func yesNo(_ value: Bool) -> String { value ? pick("ya", "yes") : pick("tidak", "no") }

    func roundingRule(_ rule: RoundingRule) -> String {
        let mode = pick(["nearest": "terdekat", "down": "ke bawah", "up": "ke atas"][rule.mode.rawValue] ?? rule.mode.rawValue, rule.mode.rawValue)
        return "Rp\(rule.unit) \(mode)"
    }

    func premiWeights(_ policy: PremiPolicy) -> String {
        guard let table = policy.stationWeights else { return pick("jam", "hours") }
        return MoneyRules.stations.map { "\($0) \(table[$0] ?? 100)%" }.joined(separator: ", ")
    }

    /// Whether a static QRIS is set, and its last characters (its checksum) to tell two apart
    /// on screen. Shown only: whether two payloads are the same is asked of the whole strings.
    func qrisPayload(_ payload: String?) -> String {
        guard let payload else { return pick("tidak ada", "none") }
        return pick("ada", "set") + " (…\(payload.suffix(8)))"
    }

    /// Money rules an upgrade set and no admin confirmed yet.
    public var moneyRulesUnconfirmedNote: String {
        pick("aturan uang belum dikonfirmasi admin: kas tidak dibuka dan pesanan tidak dicatat (kasir policy show, lalu kasir policy confirm --by ADMIN)",
             "the money rules are not confirmed by an admin: no till opens and no order is recorded (kasir policy show, then kasir policy confirm --by ADMIN)")
    }

    public var rulesAgree: String { pick("konfigurasi dan basis data sama", "the config and the database agree") }

    public var rulesNotSetYet: String {
        pick("belum ada di basis data: diambil dari konfigurasi saat pertama dipakai", "none in the database yet: taken from the config on first use")
    }

    public func databaseMissing(_ path: String) -> String {
        pick("\(path) belum ada (kasir init, atau buka kasir untuk pertama kali)", "\(path) does not exist yet (kasir init, or open the counter once)")
    }

    public var builtInTemplates: String { pick("bawaan", "built-in") }

    public func backupAge(_ name: String, hours: Int) -> String {
        pick("\(name), \(hours) jam lalu", "\(name), \(hours) hours old")
    }

    public func noBackupYet(_ folder: String) -> String { pick("belum ada cadangan di \(folder)", "no backup yet in \(folder)") }

    public func clockAgainstJournal(now: Date, last: Date) -> String {
        now >= last
            ? pick("\(localTime(now)), setelah catatan jurnal terakhir (\(localTime(last)))", "\(localTime(now)), after the last journal entry (\(localTime(last)))")
            : pick("\(localTime(now)) LEBIH AWAL dari catatan jurnal terakhir (\(localTime(last))): jam mundur?",
                   "\(localTime(now)) is BEFORE the last journal entry (\(localTime(last))): has the clock gone back?")
    }
}
