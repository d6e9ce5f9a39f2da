import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// The supervisor's acts at the counter, each after the supervisor's own PIN.
///
/// ```
/// spv            → Kode petugas: S1, PIN: ****
/// spv S1> buka 200000              open the till with a float
/// spv S1> masuk W01 bar            clock a WBP in (pulang W01, istirahat W01, lanjut W01)
/// spv S1> batal 3 salah input      void order 3
/// spv S1> refund 3 pelanggan batal refund order 3
/// spv S1> kas keluar 20000 beli es pay out (kas masuk … pays in)
/// spv S1> laci tukar uang          open the drawer without a sale
/// spv S1> x                        X report
/// spv S1> tutup 100000x2,50000x1   blind close, then the Z report
/// spv S1> tugas                    take over the duty
/// spv S1> selesai                  back to the counter
/// ```
extension Counter {
    /// Asks for a supervisor's code and PIN; `nil` when refused (the reason is shown).
    func supervisorSignIn() -> String? {
        guard let answer = ask(catalog.pick("Kode petugas: ", "Supervisor code: ")) else { return nil }
        let gate = SupervisorGate(database: database, settings: settings, clock: clock)
        do {
            return try gate.require(answer.trimmingCharacters(in: .whitespaces), readPIN: { prompter.readSecret(prompt: $0) })
        } catch {
            prompter.show(catalog.describe(error))
            return nil
        }
    }

    /// Runs supervisor mode until `selesai`; returns false when input ended.
    func supervisorDesk() -> Bool {
        guard let supervisor = supervisorSignIn() else { return true }
        prompter.show(catalog.pick("Mode petugas \(supervisor). Ketik ? untuk daftar, 'selesai' untuk kembali.",
                                   "Supervisor mode \(supervisor). Type ? for the list, 'done' to go back."))
        while true {
            guard let input = ask("spv \(supervisor)> ") else { return false }
            let words = input.split(separator: " ").map(String.init)
            guard let command = words.first?.lowercased() else { continue }
            let rest = Array(words.dropFirst())
            let now = clock.now()
            do {
                switch command {
                case "selesai", "done", "keluar", "quit": return true
                case "?", "bantuan", "help": prompter.show(deskHelp)
                case "buka", "open":
                    guard rest.count == 1 else { throw InputError.malformedAmount(input) }
                    let float = try Rupiah.parse(rest[0])
                    let till = try database.openTill(float: float, count: nil, supervisor: supervisor, at: now)
                    prompter.show(catalog.pick("Kas #\(till.id) dibuka, modal \(float.formatted).", "Till #\(till.id) opened, float \(float.formatted)."))
                case "masuk", "in":
                    guard rest.count == 2, let station = Station(rawValue: rest[1].lowercased()) else {
                        throw InputError.malformedText(field: "masuk KODE kasir|bar|dapur")
                    }
                    let code = try StaffMember.parseCode(rest[0])
                    try database.clockIn(code, station: station, supervisor: supervisor, at: now, lateEntry: false, calendar: settings.calendar)
                    prompter.show(catalog.pick("\(code) masuk di \(station.rawValue).", "\(code) clocked in at \(station.rawValue)."))
                case "pulang", "out":
                    guard rest.count >= 1 else { throw InputError.malformedStaffCode(input) }
                    let code = try StaffMember.parseCode(rest[0])
                    try database.clockOut(code, supervisor: supervisor, at: now, lateEntry: false, reason: nil)
                    prompter.show(catalog.pick("\(code) keluar.", "\(code) clocked out."))
                case "istirahat", "break", "lanjut", "resume":
                    guard rest.count == 1 else { throw InputError.malformedStaffCode(input) }
                    let code = try StaffMember.parseCode(rest[0])
                    let starting = command == "istirahat" || command == "break"
                    try database.setBreak(code, starting: starting, supervisor: supervisor, at: now)
                    prompter.show(starting ? catalog.pick("\(code) istirahat.", "\(code) on a break.")
                                            : catalog.pick("\(code) kembali bertugas.", "\(code) back from the break."))
                case "batal", "void":
                    guard rest.count >= 2, let number = Int(rest[0]) else { throw InputError.malformedText(field: "batal NOMOR ALASAN") }
                    let reason = try StaffMember.validatedText(rest.dropFirst().joined(separator: " "), field: "reason", limit: 200)
                    try database.voidOrder(day: settings.calendar.day(of: now), number: number, reason: reason, supervisor: supervisor, at: now)
                    prompter.show(catalog.pick("Pesanan #\(number) dibatalkan.", "Order #\(number) voided."))
                case "refund":
                    guard rest.count >= 2, let number = Int(rest[0]) else { throw InputError.malformedText(field: "refund NOMOR ALASAN") }
                    let reason = try StaffMember.validatedText(rest.dropFirst().joined(separator: " "), field: "reason", limit: 200)
                    let amount = try database.refundOrder(
                        day: settings.calendar.day(of: now), number: number, lines: [], reason: reason, supervisor: supervisor, at: now)
                    prompter.show(catalog.pick("Refund \(amount.formatted) untuk pesanan #\(number).", "Refunded \(amount.formatted) on order #\(number)."))
                case "kas", "cash":
                    guard rest.count >= 3, ["masuk", "keluar", "in", "out"].contains(rest[0].lowercased()) else {
                        throw InputError.malformedText(field: "kas masuk|keluar JUMLAH ALASAN")
                    }
                    let direction = ["masuk", "in"].contains(rest[0].lowercased()) ? "in" : "out"
                    let amount = try Rupiah.parse(rest[1])
                    guard amount > .zero else { throw InputError.malformedAmount(rest[1]) }
                    let reason = try StaffMember.validatedText(rest.dropFirst(2).joined(separator: " "), field: "reason", limit: 200)
                    try database.moveCash(direction, amount: amount, reason: reason, supervisor: supervisor, at: now)
                    prompter.show((direction == "in" ? catalog.pick("Kas masuk", "Paid in") : catalog.pick("Kas keluar", "Paid out")) + " \(amount.formatted).")
                case "laci", "no-sale":
                    let reason = try StaffMember.validatedText(rest.joined(separator: " "), field: "reason", limit: 200)
                    let kick = EscPosEncoder.encode(SlipDocument(elements: [.openDrawer], columns: settings.receiptColumns), mode: .escpos)
                    try database.recordNoSale(reason: reason, supervisor: supervisor, drawerKick: kick, at: now)
                    printing?.wake()
                    prompter.show(catalog.pick("Laci dibuka tanpa penjualan.", "Drawer opened without a sale."))
                case "tugas", "duty":
                    try database.takeOverDuty(supervisor: supervisor, at: now)
                    prompter.show(catalog.pick("\(supervisor) kini bertugas.", "\(supervisor) is now on duty."))
                case "x":
                    guard let till = try database.openTill() else { throw TillError.noOpenTill }
                    try showTillReport(try database.tillReport(id: till.id), closing: false, at: now)
                case "tutup", "close":
                    // Blind: the count comes first; the expected cash only after it.
                    guard rest.count == 1 else { throw InputError.malformedCount(input) }
                    let count = try CashCount.parse(rest[0], denominations: settings.denominations)
                    guard let till = try database.openTill() else { throw TillError.noOpenTill }
                    let figures = try database.tillReport(id: till.id).figures
                    prompter.show(catalog.pick(
                        "Dihitung \(count.total.formatted) · seharusnya \(figures.expectedCash.formatted) · selisih \(figures.variance(counted: count.total).formatted)",
                        "Counted \(count.total.formatted) · expected \(figures.expectedCash.formatted) · variance \(figures.variance(counted: count.total).formatted)"))
                    guard let answer = ask(catalog.pick("Tutup kas? (y/n): ", "Close the till? (y/n): ")) else { return false }
                    guard ["y", "ya", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                        prompter.show(catalog.pick("Kas tidak ditutup.", "The till was not closed."))
                        continue
                    }
                    let report = try database.closeTill(count: count, supervisor: supervisor, at: now)
                    if let backupFolder {
                        do {
                            try database.createBackup(in: backupFolder, keep: settings.backupsKept, at: now)
                        } catch {
                            prompter.show(catalog.describe(error))
                        }
                    }
                    try showTillReport(report, closing: true, at: now)
                default:
                    prompter.show(catalog.pick("Perintah petugas tidak dikenal: \(command). Ketik ? untuk daftar.",
                                               "Unknown supervisor command: \(command). Type ? for the list."))
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    func showTillReport(_ report: TillReport, closing: Bool, at instant: Date) throws {
        guard let printing else { return }
        prompter.show(try printing.worker.queueTillReport(report, closing: closing, at: instant))
        printing.wake()
    }

    var deskHelp: String {
        catalog.pick("""
            buka JUMLAH              buka kas dengan modal      x                  laporan X
            masuk KODE kasir|bar|dapur  absen masuk WBP         pulang KODE        absen keluar
            istirahat KODE / lanjut KODE  istirahat             tugas              ambil alih tugas
            batal NOMOR ALASAN       batalkan pesanan           refund NOMOR ALASAN  refund pesanan
            kas masuk|keluar JUMLAH ALASAN                      laci ALASAN        buka laci tanpa jual
            tutup 100000x2,50000x1   tutup kas (hitung buta)    selesai            kembali ke kasir
            """, """
            open AMOUNT              open the till              x                  X report
            in CODE kasir|bar|dapur  clock a WBP in             out CODE           clock out
            break CODE / resume CODE breaks                     duty               take over the duty
            void NUMBER REASON       void an order              refund NUMBER REASON  refund an order
            cash in|out AMOUNT REASON                           no-sale REASON     open the drawer
            close 100000x2,50000x1   close the till (blind)     done               back to the counter
            """)
    }

    /// On an empty database: the first supervisor, the first barista, clocked in, and the till.
    func firstRun() -> Bool {
        prompter.show(catalog.pick("Basis data baru. Buat petugas pertama, daftarkan barista, lalu buka kas. ('keluar' untuk berhenti.)",
                                   "A new database. Create the first supervisor, register a barista, then open the till. ('quit' to stop.)"))
        func field(_ id: String, _ en: String, _ check: (String) throws -> String) -> String? {
            while true {
                guard let answer = ask(catalog.pick(id, en)) else { return nil }
                if Command(answer.trimmingCharacters(in: .whitespaces)) == .quit { return nil }
                do { return try check(answer) } catch { prompter.show(catalog.describe(error)) }
            }
        }
        do {
            var supervisor: String
            if try !database.hasSupervisors() {
                guard let code = field("Kode petugas (mis. S1): ", "Supervisor code (e.g. S1): ", { try StaffMember.parseCode($0) }),
                    let name = field("Nama petugas: ", "Supervisor's name: ", { try StaffMember.validatedText($0, field: "name") }),
                    let nip = field("NIP: ", "NIP: ", { try StaffMember.validatedText($0, field: "nip", limit: 30) }),
                    let pin = prompter.readSecret(prompt: catalog.pick("PIN baru (4–12 angka): ", "New PIN (4–12 digits): "))
                else { return false }
                try database.addSupervisor(
                    StaffMember(code: code, role: .supervisor, name: name, alias: code, nip: nip), pin: pin, approvedBy: nil, at: clock.now())
                prompter.show(catalog.pick("Petugas \(code) terdaftar.", "Supervisor \(code) registered."))
                supervisor = code
            } else {
                guard let code = supervisorSignIn() else { return false }
                supervisor = code
            }
            if try !database.allStaff().contains(where: { $0.role == .barista }) {
                guard let code = field("Kode barista (mis. W01): ", "Barista code (e.g. W01): ", { try StaffMember.parseCode($0) }),
                    let registration = field("Nomor registrasi: ", "Registration number: ", { try StaffMember.validatedText($0, field: "registration", limit: 40) }),
                    let name = field("Nama lengkap: ", "Full name: ", { try StaffMember.validatedText($0, field: "name") }),
                    let alias = field("Alias di struk: ", "Alias on receipts: ", { try StaffMember.validatedText($0, field: "alias", limit: 20) }),
                    let number = field("Nomor SK asimilasi: ", "Assimilation decree number: ", { try StaffMember.validatedText($0, field: "decree", limit: 80) }),
                    let from = field("SK berlaku dari (YYYY-MM-DD): ", "Decree valid from (YYYY-MM-DD): ", { try BusinessDay.parse($0).description }),
                    let until = field("SK berlaku sampai (YYYY-MM-DD): ", "Decree valid until (YYYY-MM-DD): ", { try BusinessDay.parse($0).description }),
                    let station = field("Stasiun (kasir/bar/dapur): ", "Station (kasir/bar/dapur): ", { text in
                        guard let station = Station(rawValue: text.trimmingCharacters(in: .whitespaces).lowercased()) else {
                            throw InputError.notOneOf(field: "station", allowed: ["kasir", "bar", "dapur"])
                        }
                        return station.rawValue
                    })
                else { return false }
                try database.addStaff(
                    StaffMember(code: code, role: .barista, name: name, alias: alias, registration: registration),
                    decree: Decree(number: number, validFrom: try BusinessDay.parse(from), validUntil: try BusinessDay.parse(until)),
                    approvedBy: supervisor, at: clock.now())
                try database.clockIn(code, station: Station(rawValue: station)!, supervisor: supervisor, at: clock.now(), lateEntry: false, calendar: settings.calendar)
                prompter.show(catalog.pick("Barista \(alias) (\(code)) terdaftar dan masuk.", "Barista \(alias) (\(code)) registered and clocked in."))
            }
            if try database.openTill() == nil {
                guard let float = field("Modal awal kas: ", "Float: ", { try Rupiah.parse($0).formatted }) else { return false }
                let till = try database.openTill(float: try Rupiah.parse(float), count: nil, supervisor: supervisor, at: clock.now())
                prompter.show(catalog.pick("Kas #\(till.id) dibuka.", "Till #\(till.id) opened."))
            }
            return true
        } catch {
            prompter.show(catalog.describe(error))
            return false
        }
    }
}
