import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// Every sentence a person reads, in Bahasa Indonesia and English.
///
/// One place for the words: flows, commands and reports name a message or pass an error to
/// ``describe(_:)``, and the catalogue chooses the language. A message can differ by where it
/// is read: at the counter it names the counter's own commands (`cetak 3`), on the command line
/// the shell's (`kasir receipt reprint 3`).
///
/// ```swift
/// let catalog = Catalog(language: .id)
/// catalog.describe(OrderError.cashShort(due: 40_000, tendered: 20_000))
/// // "Uang tunai kurang: perlu Rp40.000, diterima Rp20.000."
/// ```
public struct Catalog: Sendable {
    /// Where the words are read.
    public enum Surface: Sendable { case counter, commandLine }

    public var language: Language
    public var surface: Surface
    /// Gives times and the zone's name (`WITA`).
    public var calendar: CafeCalendar

    public init(language: Language, surface: Surface = .commandLine, calendar: CafeCalendar = .wita) {
        self.language = language
        self.surface = surface
        self.calendar = calendar
    }

    /// The Indonesian or English wording, by the configured language. Only the catalogue's
    /// own files call it.
    func pick(_ id: String, _ en: String) -> String { language == .id ? id : en }

    /// The counter's wording or the command line's.
    func here(counter: String, commandLine: String) -> String { surface == .counter ? counter : commandLine }

    /// `2026-11-29 10:00 WITA`.
    public func localTime(_ instant: Date) -> String { "\(calendar.dateTime(of: instant)) \(calendar.zoneLabel)" }

    /// One journal entry as a tab-separated line: sequence, café time, kind, actor, subject, and
    /// the start of its hash when `hash` is true (`audit log`; `audit document` lists without).
    public func journalLine(_ entry: JournalEntry, hash: Bool) -> String {
        let when = Timestamp.date(entry.at).map { calendar.dateTime(of: $0) } ?? entry.at
        return (["#\(entry.seq)", when, journalKindName(entry.kind), entry.actor ?? "-", entry.subject ?? "-"] + (hash ? [String(entry.hash.prefix(12))] : []))
            .joined(separator: "\t")
    }

    /// The one line shown for an error.
    ///
    /// Every Kasir error reads as its own line (``MessageDescribable``). An error from below
    /// Kasir that no mapping turned into one (a file error of Foundation, say) is said as what
    /// it is, a fault of the system, in the system's own words.
    public func describe(_ error: any Error) -> String {
        if let error = error as? any MessageDescribable { return error.line(in: self) }
        return systemFault(error)
    }

    /// A fault from below Kasir, in the words of the system that failed, on one line.
    func systemFault(_ error: any Error) -> String {
        let words = "\(error)".split(whereSeparator: \.isNewline).joined(separator: " ")
        return pick("Gangguan sistem: \(words)", "System fault: \(words)")
    }

    func line(for error: UnknownKind) -> String {
        pick("Nilai tersimpan tidak dikenal: \(error).", "Unknown stored value: \(error).")
    }

    func line(for error: InputError) -> String {
        switch error {
        case .malformedAmount(let text):
            return pick("Jumlah uang tidak dikenali: \"\(text)\" (contoh: 50000, 50.000, Rp50.000).",
                        "Amount not understood: \"\(text)\" (e.g. 50000, 50.000, Rp50.000).")
        case .amountTooLarge(let text):
            return pick("Jumlah terlalu besar: \"\(text)\" (paling banyak Rp1.000.000.000).",
                        "Amount too large: \"\(text)\" (at most Rp1.000.000.000).")
        case .malformedQuantity(let text):
            return pick("Jumlah porsi tidak dikenali: \"\(text)\" (angka 1–99).",
                        "Quantity not understood: \"\(text)\" (a number 1–99).")
        case .quantityOutOfRange(let text):
            return pick("Jumlah porsi harus 1–99, bukan \(text).", "Quantity must be 1–99, not \(text).")
        case .malformedItem(let text):
            return pick("Pesanan tidak dikenali: \"\(text)\" (contoh: KSGA 2 ukuran=L).",
                        "Item not understood: \"\(text)\" (e.g. KSGA 2 size=L).")
        case .malformedModifier(let text):
            return pick("Pilihan tidak dikenali: \"\(text)\" (contoh: ukuran=L; beberapa pilihan satu grup: tambahan=shot,vanila).",
                        "Modifier not understood: \"\(text)\" (e.g. size=L; several of one group: extra=shot,vanilla).")
        case .malformedPayment(let text):
            return pick("Pembayaran tidak dikenali: \"\(text)\" (contoh: cash:50000 atau qris:25000:REF).",
                        "Payment not understood: \"\(text)\" (e.g. cash:50000 or qris:25000:REF).")
        case .malformedStaffCode(let text):
            return pick("Kode petugas tidak sah: \"\(text)\" (huruf dan angka, paling banyak 12).",
                        "Invalid staff code: \"\(text)\" (letters and digits, at most 12).")
        case .malformedDate(let text):
            return pick("Tanggal tidak sah: \"\(text)\" (format YYYY-MM-DD).",
                        "Invalid date: \"\(text)\" (format YYYY-MM-DD).")
        case .endsBeforeStart(let from, let until):
            return pick("Tanggal akhir \(until) sebelum tanggal mulai \(from).", "The last day \(until) is before the first day \(from).")
        case .malformedText(let field):
            return pick("Isian \(fieldName(field)) kosong atau berisi karakter kendali.",
                        "The \(fieldName(field)) is empty or contains control characters.")
        case .textTooLong(let field, let limit):
            return pick("Isian \(fieldName(field)) terlalu panjang (paling banyak \(limit) karakter).",
                        "The \(fieldName(field)) is too long (at most \(limit) characters).")
        case .malformedCount(let text):
            return pick("Hitungan uang tidak dikenali: \"\(text)\" (contoh: 100000x2,50000x3).",
                        "Cash count not understood: \"\(text)\" (e.g. 100000x2,50000x3).")
        case .unknownDenomination(let text):
            return pick("Pecahan \(text) tidak ada dalam daftar pecahan.", "\(text) is not one of the denominations.")
        case .malformedPIN:
            return pick("PIN harus 6–12 angka.", "A PIN is 6–12 digits.")
        case .weakPIN(let weakness):
            return weakPIN(weakness)
        case .malformedDocumentNumber(let text):
            return pick("Nomor dokumen tidak dikenali: \"\(text)\" (contoh: TR-61682-9F3A-2C1B-7E04).",
                        "Document number not understood: \"\(text)\" (e.g. TR-61682-9F3A-2C1B-7E04).")
        case .malformedJournalHead(let text):
            return pick("Kepala jurnal tidak dikenali: \"\(clipped(text, to: 16))\" (64 angka heksadesimal 0–9 dan a–f seperti tercetak di laporan Z; spasi dan baris baru boleh).",
                        "Journal head not understood: \"\(clipped(text, to: 16))\" (64 hexadecimal digits 0–9 and a–f as printed on the Z report; spaces and line breaks are fine).")
        case .notOneOf(let field, let allowed):
            return pick("\(fieldName(field)) harus salah satu dari: ", "\(fieldName(field)) must be one of: ") + allowed.joined(separator: ", ") + "."
        case .reasonRequired:
            return here(counter: pick("Sebutkan alasannya.", "Give the reason."),
                        commandLine: pick("Sebutkan alasannya: --reason TEKS.", "Give the reason: --reason TEXT."))
        case .unknownCompetencyUnit(let unit):
            return pick("Unit kompetensi tidak dikenal: \(clipped(unit)) (lihat competencies.toml).", "Unknown competency unit: \(clipped(unit)) (see competencies.toml).")
        case .floatRequired:
            return pick("Sebutkan modal awal: --float JUMLAH atau --count PECAHANxJUMLAH,… (yang sama).",
                        "Give the float: --float AMOUNT or --count VALUExPIECES,… (agreeing).")
        case .orderOrReferenceRequired:
            return pick("Sebutkan salah satu: --order YYYY-MM-DD#N atau --reference REF.", "Give one of: --order YYYY-MM-DD#N or --reference REF.")
        }
    }

    func line(for error: OrderError) -> String {
        switch error {
        case .unknownItem(let code):
            return pick("Menu tidak dikenal: \(code). Ketik 'menu' untuk daftar.", "Unknown item: \(code). Type 'menu' for the list.")
        case .itemUnavailable(let code):
            return pick("\(code) sedang tidak tersedia.", "\(code) is not available now.")
        case .unknownModifierGroup(let item, let group, let valid):
            let takes = valid.isEmpty ? "" : pick(" Pilihan \(item): ", " \(item) takes: ") + valid.map(modifierCode).joined(separator: ", ") + "."
            return pick("\(item) tidak punya pilihan \"\(group)\".", "\(item) has no modifier \"\(group)\".") + takes
        case .unknownModifierOption(let group, let option):
            let code = modifierCode(group)
            return pick("\"\(option)\" bukan pilihan \(code). Pilihan \(code): \(optionCodes(group)).",
                        "\"\(option)\" is not a \(code) option. Options for \(code): \(optionCodes(group)).")
                + (severalExample(group).map { pick(" Boleh lebih dari satu: \($0).", " More than one is allowed: \($0).") } ?? "")
        case .tooManyChoices(let group):
            let code = modifierCode(group)
            return pick("Pilihan \(code) hanya boleh satu (\(optionCodes(group))).", "Choose only one \(code) (\(optionCodes(group))).")
        case .missingRequiredModifier(let item, let group):
            return pick("\(item) perlu pilihan \(group).", "\(item) needs a \(group) choice.")
        case .emptyOrder:
            return pick("Pesanan masih kosong.", "The order is empty.")
        case .tooManyLines(let limit):
            return pick("Pesanan paling banyak \(limit) baris.", "An order has at most \(limit) lines.")
        case .lineQuantityTooLarge(let limit):
            return pick("Satu baris paling banyak \(limit) porsi.", "A line holds at most \(limit).")
        case .noSuchLine(let number):
            return pick("Tidak ada baris \(number).", "There is no line \(number).")
        case .noPayment:
            return pick("Belum ada pembayaran.", "No payment given.")
        case .cashShort(let due, let tendered):
            return pick("Uang tunai kurang: perlu \(due), diterima \(tendered).", "Cash short: \(due) due, \(tendered) tendered.")
        case .nonCashExceedsDue(let due, let paid):
            return pick("QRIS \(paid) melebihi tagihan \(due); QRIS tidak memberi kembalian.",
                        "QRIS \(paid) exceeds the \(due) due; QRIS gives no change.")
        case .paymentsDoNotCoverTotal(let total, let paid):
            return pick("Pembayaran \(paid) tidak sama dengan total \(total).", "Payments of \(paid) do not match the total \(total).")
        case .nothingDueInCash:
            return pick("Tagihan sudah lunas tanpa tunai.", "Nothing is left to pay in cash.")
        case .duplicateReference(let reference):
            return pick("Referensi QRIS \(reference) dipakai dua kali.", "QRIS reference \(reference) given twice.")
        case .referenceAlreadyUsed(let reference):
            return pick("Referensi QRIS \(reference) sudah dipakai pesanan lain: periksa bukti pembayarannya.",
                        "QRIS reference \(reference) already paid another order: check the payment proof.")
        case .referenceIsBillNumber(let reference):
            return pick("\(reference) adalah nomor tagihan QRIS dari Kasir, bukan referensi pembayaran: ketik referensi yang tertulis di aplikasi pelanggan.",
                        "\(reference) is a Kasir QRIS bill number, not a payment reference: type the reference the customer's app shows.")
        }
    }

    func line(for error: StaffError) -> String {
        switch error {
        case .unknownStaff(let code):
            return pick("Petugas tidak dikenal: \(code).", "Unknown staff code: \(code).")
        case .unknownBarista(let code):
            return pick("Barista tidak dikenal: \(code).", "Unknown barista: \(code).")
        case .notABarista(let code):
            return pick("\(code) bukan barista (WBP).", "\(code) is not a barista (WBP).")
        case .notActive(let code, let status):
            return pick("\(code) tidak aktif (\(statusName(status))): tidak boleh melayani.",
                        "\(code) is not active (\(statusName(status))): may not serve.")
        case .duplicateCode(let code):
            return pick("Kode \(code) sudah dipakai.", "Code \(code) is already taken.")
        case .duplicateRegistration(let registration):
            return pick("Nomor registrasi \(registration) sudah terdaftar.", "Registration \(registration) is already registered.")
        case .duplicateAlias(let alias):
            return pick("Alias \(alias) sudah dipakai.", "Alias \(alias) is already taken.")
        case .noDecree(let code):
            return pick("\(code) belum punya SK asimilasi tercatat: tidak boleh bertugas.",
                        "\(code) has no assimilation decree on record: may not work.")
        case .decreeNotYetValid(let code, let from):
            return pick("SK asimilasi \(code) baru berlaku mulai \(from).", "\(code)'s assimilation decree is valid only from \(from).")
        case .decreeExpired(let code, let until):
            return pick("SK asimilasi \(code) sudah habis sejak \(until): tidak boleh bertugas.",
                        "\(code)'s assimilation decree expired on \(until): may not work.")
        case .decreeRevoked(let code):
            return pick("SK asimilasi \(code) dicabut: tidak boleh bertugas.", "\(code)'s assimilation decree was revoked: may not work.")
        case .notClockedIn(let code):
            return pick("\(code) belum absen masuk (dikonfirmasi petugas).", "\(code) is not clocked in (confirmed by a supervisor).")
        case .alreadyClockedIn(let code):
            return pick("\(code) sudah absen masuk.", "\(code) is already clocked in.")
        case .notOnBreak(let code):
            return pick("\(code) tidak sedang istirahat.", "\(code) is not on a break.")
        case .alreadyOnBreak(let code):
            return pick("\(code) sudah istirahat.", "\(code) is already on a break.")
        case .onBreak(let code):
            return here(
                counter: pick("\(code) sedang istirahat: tidak boleh melayani atau membuat pesanan sampai petugas mencatat 'lanjut \(code)'.",
                              "\(code) is on a break: may not serve or make orders until a supervisor records 'resume \(code)'."),
                commandLine: pick("\(code) sedang istirahat: tidak boleh melayani atau membuat pesanan (akhiri dengan kasir attendance resume \(code)).",
                                  "\(code) is on a break: may not serve or make orders (end it with kasir attendance resume \(code))."))
        }
    }

    func line(for error: TillError) -> String {
        switch error {
        case .noOpenTill:
            return here(
                counter: pick("Kas belum dibuka: petugas membuka kas dulu (spv, lalu buka JUMLAH).",
                              "The till is not open: a supervisor opens it first (spv, then open AMOUNT)."),
                commandLine: pick("Kas belum dibuka: petugas membuka kas dulu (kasir till open).",
                                  "The till is not open: a supervisor opens it first (kasir till open)."))
        case .tillAlreadyOpen:
            return pick("Kas sudah dibuka.", "The till is already open.")
        case .noSupervisorOnDuty:
            return pick("Tidak ada petugas yang bertugas.", "No supervisor is on duty.")
        case .orderInClosedTill(let number):
            return pick("Pesanan #\(number) milik kas yang sudah ditutup: gunakan refund.", "Order #\(number) belongs to a closed till: refund it instead.")
        case .alreadyVoided(let number):
            return pick("Pesanan #\(number) sudah dibatalkan.", "Order #\(number) is already void.")
        case .voidAfterRefund(let number):
            return pick("Pesanan #\(number) sudah direfund sebagian: refund sisanya, jangan dibatalkan.",
                        "Order #\(number) was partly refunded: refund the rest instead of voiding it.")
        case .nothingToRefund:
            return pick("Tidak ada yang bisa direfund.", "Nothing is left to refund.")
        case .noClosedTill:
            return pick("Belum ada kas yang ditutup untuk dihitung ulang.", "No closed till to recount.")
        case .floatDisagreesWithCount(let float, let counted):
            return pick("Modal \(float) tidak sama dengan hitungannya \(counted).", "The float \(float) does not match its count \(counted).")
        case .backupOverOpenTill:
            return pick("Kas masih terbuka: pemulihan ditolak (tambahkan --over-open-till bila memang perlu).",
                        "A till is open: restore refused (add --over-open-till if you really mean it).")
        case .countNotConfirmed:
            return countNotRecorded
        }
    }

    func line(for error: AccessError) -> String {
        switch error {
        case .unknownSupervisor(let code): return pick("Petugas tidak dikenal: \(code).", "Unknown supervisor: \(code).")
        case .notASupervisor(let code): return pick("\(code) bukan petugas aktif.", "\(code) is not an active supervisor.")
        case .notAnAdmin(let code):
            return pick("\(code) bukan admin: hanya admin yang boleh melakukan ini.", "\(code) is not an admin: only an admin may do this.")
        case .wrongPIN(let code, let left):
            return pick("PIN \(code) salah (sisa \(left) kali sebelum terkunci).", "Wrong PIN for \(code) (\(left) tries left before lockout).")
        case .locked(let code, let until):
            return lockedOut(code, until: until)
        case .pinNotSet(let code): return pick("\(code) belum punya PIN.", "\(code) has no PIN.")
        case .supervisorRequired:
            return here(counter: pick("Tindakan ini perlu petugas.", "This needs a supervisor."),
                        commandLine: pick("Tindakan ini perlu petugas: tambahkan --by KODE.", "This needs a supervisor: add --by CODE."))
        case .pinsDiffer: return pick("Kedua PIN tidak sama.", "The two PINs differ.")
        case .lockedUntilUnlocked(let code): return lockedUntilUnlocked(code)
        }
    }

    /// One line per finding of `kasir audit verify`, naming the row.
    public func describe(_ finding: AuditFinding) -> String {
        switch finding {
        case .journalRowAltered(let seq):
            return pick("Jurnal baris \(seq) diubah: hash tidak cocok.", "Journal row \(seq) was altered: its hash does not match.")
        case .journalRowsMissing(let seq):
            return pick("Baris jurnal hilang sebelum baris \(seq).", "Journal rows are missing before row \(seq).")
        case .rowDiffers(let table, let key, let seq):
            return pick("\(table) baris \(key) berbeda dari jurnal baris \(seq).", "\(table) row \(key) differs from journal row \(seq).")
        case .rowDeleted(let table, let key, let seq):
            return pick("\(table) baris \(key) dihapus (tercatat di jurnal baris \(seq)).", "\(table) row \(key) was deleted (journal row \(seq)).")
        case .rowNotJournaled(let table, let key):
            return pick("\(table) baris \(key) tidak tercatat di jurnal.", "\(table) row \(key) is not in the journal.")
        case .differedAtUpgrade(let table, let key, let seq):
            return pick("\(table) baris \(key) sudah berbeda dari jurnal saat pembaruan (jurnal baris \(seq)).",
                        "\(table) row \(key) already differed from the journal at the upgrade (journal row \(seq)).")
        case .deletedBeforeUpgrade(let table, let key, let seq):
            return pick("\(table) baris \(key) sudah dihapus sebelum pembaruan (jurnal baris \(seq)).",
                        "\(table) row \(key) was deleted before the upgrade (journal row \(seq)).")
        case .tillHeadMismatch(let till):
            return pick("Kepala jurnal kas #\(till) tidak sama dengan jurnal penutupannya.",
                        "The journal head of till #\(till) does not match its close entry.")
        case .headNotInChain(let head):
            return pick("Kepala \(head.prefix(16))… tidak ada di jurnal: jurnal dipotong atau diganti.",
                        "Head \(head.prefix(16))… is not in the journal: it was cut back or replaced.")
        case .headBeforeRestore(let head, let restoredAt, let savedAs):
            return pick("Kepala \(head.prefix(16))… tidak ada di jurnal ini: basis data dipulihkan dari cadangan pada \(localTime(restoredAt)), dan kepala ini ada di jurnal yang diganti (disimpan sebagai \(savedAs)).",
                        "Head \(head.prefix(16))… is not in this journal: the database was restored from a backup at \(localTime(restoredAt)), and the head is in the journal it replaced (saved as \(savedAs)).")
        case .partWithoutOwner(let table, let parent):
            return pick("Baris \(table) milik \(parent) yang tidak ada: ditulis di luar Kasir.",
                        "A \(table) row belongs to \(parent), which does not exist: written outside Kasir.")
        case .monthlyFiguresDiffer(let table, let month):
            return pick("Angka bulanan \(table) \(month) tidak sama dengan pesanannya: diubah di luar Kasir.",
                        "The monthly figures \(table) of \(month) disagree with the orders: changed outside Kasir.")
        case .sinceNotInChain(let seq):
            return pick("Jurnal tidak punya baris #\(seq) untuk --since: jurnal dipotong, atau nomor salah.",
                        "The journal has no row #\(seq) for --since: it was cut back, or the number is wrong.")
        case .baselineOutOfPlace(let seq):
            return pick("Entri jurnal #\(seq) adalah entri peningkatan di luar bloknya: disisipkan.",
                        "Journal entry #\(seq) is an upgrade entry outside its block: slipped in.")
        case .ambiguousEntry(let seq):
            return pick("Entri jurnal #\(seq) (format lama) memuat byte pemisah: bisa dibaca sebagai entri lain, ditolak.",
                        "Journal entry #\(seq) (old format) holds the separator byte: it could be read as another entry; refused.")
        case .entryWithoutRow(let seq, let kind):
            return pick("Entri jurnal #\(seq) (\(kind)) tidak membawa barisnya: barisnya dipindahkan.",
                        "Journal entry #\(seq) (\(kind)) carries no row: its row was moved away.")
        case .olderEncodingAfterNewer(let seq):
            return pick("Entri jurnal #\(seq) memakai format lama setelah format baru: ditulis di luar Kasir.",
                        "Journal entry #\(seq) uses the old format after the new one: written outside Kasir.")
        case .unknownEncoding(let seq):
            return pick("Entri jurnal #\(seq) memakai format yang tidak dikenal.", "Journal entry #\(seq) uses an unknown format.")
        case .triggerPlanted(let name):
            return pick("Trigger \(name) tidak dibuat oleh Kasir: ditanam untuk mengubah baris saat ditulis.",
                        "Trigger \(name) was not made by Kasir: planted to change rows as they are written.")
        case .triggerChanged(let name):
            return pick("Trigger \(name) diubah dari yang dibuat Kasir.", "Trigger \(name) differs from the one Kasir made.")
        case .triggerMissing(let name):
            return pick("Trigger \(name) milik Kasir hilang: penjaga dicabut.", "Kasir's trigger \(name) is gone: a guard was taken away.")
        case .settlementFileDiffers(let sha256):
            return pick("Berkas laporan settlement \(sha256.prefix(16))… yang disimpan hilang atau bukan berkas yang diimpor: diubah di luar Kasir.",
                        "The settlement report \(sha256.prefix(16))… kept is gone or is not the file imported: changed outside Kasir.")
        }
    }

    func line(for error: RulesError) -> String {
        switch error {
        case .moneyRulesUnconfirmed:
            return pick("Aturan uang belum dikonfirmasi admin sejak pembaruan: lihat kasir policy show, lalu kasir policy confirm --by ADMIN (atau policy set).",
                        "The money rules have not been confirmed by an admin since the upgrade: see kasir policy show, then kasir policy confirm --by ADMIN (or policy set).")
        case .rulesMissing(let table):
            return pick("Aturan \(table) yang tercatat di jurnal hilang dari database: database diubah di luar Kasir; pulihkan cadangan (kasir backup restore).",
                        "The \(table) rules the journal records are gone from the database: it was changed outside Kasir; restore a backup (kasir backup restore).")
        }
    }

    func line(for error: DocumentError) -> String {
        switch error {
        case .noSuchJournalRow(let seq):
            return pick("Jurnal tidak punya baris #\(seq): jurnal dipotong, atau nomor dokumen salah.",
                        "The journal has no row #\(seq): it was cut back, or the document number is wrong.")
        case .subjectRequired(let kind):
            return kind == "TR"
                ? pick("Transkrip diperiksa untuk satu WBP: tambahkan --staff KODE.", "A transcript is checked for one WBP: add --staff CODE.")
                : pick("Laporan program diperiksa untuk satu bulan: tambahkan --month YYYY-MM.", "A programme report is checked for one month: add --month YYYY-MM.")
        case .namesNeedSupervisor:
            return pick("Transkrip dengan nama hanya untuk petugas: tambahkan --by KODE, atau --pseudonymous untuk alias saja.",
                        "A transcript with names is for a supervisor: add --by CODE, or --pseudonymous for aliases only.")
        }
    }

    func line(for error: PremiError) -> String {
        switch error {
        case .alreadyClosed(let month): return pick("Premi \(month) sudah ditutup.", "The premi of \(month) is already closed.")
        case .notClosableYet(let month, let from, let days):
            return days == 0
                ? pick("Premi \(month) baru bisa ditutup mulai \(localTime(from)), setelah bulannya selesai.",
                       "The premi of \(month) can be closed from \(localTime(from)), once the month is over.")
                : pick("Premi \(month) baru bisa ditutup mulai \(localTime(from)): sampai saat itu waktu dari lembar absen (\(days) hari ke belakang) masih bisa masuk ke bulan itu.",
                       "The premi of \(month) can be closed from \(localTime(from)): until then times from the paper sheet (\(days) days back) can still fall in that month.")
        case .shiftStillOpen(let code, let since):
            return pick("\(code) masih absen masuk sejak \(localTime(since)): tutup dulu gilirannya (kasir attendance out \(code) --at, atau close-forgotten oleh admin), lalu premi.",
                        "\(code) is still clocked in since \(localTime(since)): close that shift first (kasir attendance out \(code) --at, or close-forgotten by an admin), then the premi.")
        case .malformedBillingCode(let code):
            return pick("Kode billing SIMPONI harus 15 angka: \"\(clipped(code))\".", "A SIMPONI billing code is 15 digits: \"\(clipped(code))\".")
        case .malformedNTPN(let ntpn): return pick("NTPN tidak sah: \"\(clipped(ntpn))\".", "Invalid NTPN: \"\(clipped(ntpn))\".")
        case .nothingToDeposit: return pick("Tidak ada kas tertutup yang belum disetor.", "No closed till is waiting for a deposit.")
        case .duplicateNTPN(let ntpn): return pick("NTPN \(clipped(ntpn)) sudah tercatat.", "NTPN \(clipped(ntpn)) is already recorded.")
        case .depositMismatch(let amount, let expected, let tills):
            let list = tills.map { "#\($0)" }.joined(separator: ", ")
            return pick("Setoran \(amount) tidak sama dengan bagian PNBP kas \(list): \(expected).",
                        "The deposit of \(amount) is not the PNBP share of till \(list): \(expected).")
        case .tillNotClosed(let till): return pick("Kas #\(till) belum ditutup.", "Till #\(till) is not closed.")
        case .tillAlreadyDeposited(let till): return pick("Kas #\(till) sudah disetor.", "Till #\(till) was already deposited.")
        }
    }

    func line(for error: RefundError) -> String {
        switch error {
        case .noSuchLine(let line): return pick("Tidak ada baris \(line).", "There is no line \(line).")
        case .lineQuantityExceeded(let line, let left):
            return pick("Baris \(line) tinggal \(left) yang bisa direfund.", "Only \(left) of line \(line) is left to refund.")
        case .malformedQuantity(let line): return pick("Jumlah refund baris \(line) tidak sah.", "The refund quantity of line \(line) is not valid.")
        case .nothingToRefund: return pick("Tidak ada yang bisa direfund.", "Nothing is left to refund.")
        case .secondSupervisorRequired(.closedTill):
            return here(counter: pick("Refund pesanan dari kas yang sudah ditutup perlu PIN petugas kedua.",
                                      "A refund of an order from a closed till needs a second supervisor's PIN."),
                        commandLine: pick("Refund pesanan dari kas yang sudah ditutup perlu PIN petugas kedua (--second).",
                                          "A refund of an order from a closed till needs a second supervisor's PIN (--second)."))
        case .secondSupervisorRequired(.qrisInCash):
            return here(counter: pick("QRIS yang dibayar kembali tunai perlu PIN petugas kedua.",
                                      "Paying QRIS back in cash needs a second supervisor's PIN."),
                        commandLine: pick("QRIS yang dibayar kembali tunai perlu PIN petugas kedua (--second).",
                                          "Paying QRIS back in cash needs a second supervisor's PIN (--second)."))
        case .sameSupervisorTwice(let code):
            return pick("Petugas kedua harus orang lain, bukan \(code) lagi.", "The second supervisor must be someone other than \(code).")
        case .writtenOffQRIS(let reference):
            let named = reference.map { " \($0)" } ?? ""
            return pick("QRIS\(named) sudah dihapusbukukan admin: tidak bisa di-refund (uangnya tidak pernah masuk). Konfirmasi dulu bila ternyata masuk (kasir qris confirm).",
                        "QRIS\(named) was written off by an admin: it cannot be refunded (its money never arrived). Confirm it first if it did (kasir qris confirm).")
        }
    }

    func line(for error: AttendanceError) -> String {
        switch error {
        case .inTheFuture(let instant):
            return pick("Waktu \(localTime(instant)) belum terjadi.", "\(localTime(instant)) is in the future.")
        case .beyondBackdateLimit(let days):
            return pick("Waktu dari lembar absen paling lama \(days) hari ke belakang.", "A time from the paper sheet may be at most \(days) days back.")
        case .reasonRequired:
            return here(counter: pick("Waktu dari lembar absen perlu alasan.", "A time from the paper sheet needs a reason."),
                        commandLine: pick("Waktu dari lembar absen (--at) perlu --reason.", "A time from the paper sheet (--at) needs --reason."))
        case .overlapsShift(let code, let start, let end):
            let until = end.map { calendar.clockTime(of: $0) } ?? pick("sekarang", "now")
            return pick("\(code) sudah tercatat bertugas \(localTime(start))–\(until): giliran tidak boleh tumpang tindih.",
                        "\(code) is already on record for \(localTime(start))–\(until): shifts may not overlap.")
        case .endsBeforeStart(let start):
            return pick("Absen keluar tidak boleh sebelum absen masuk (\(localTime(start))).", "A clock-out cannot be before the clock-in (\(localTime(start))).")
        case .longShiftNeedsReason(let code, let hours):
            return here(counter: pick("Giliran \(code) lebih dari \(hours) jam: perlu alasan petugas, dicatat lewat baris perintah (kasir attendance out \(code) --reason …).",
                                      "\(code)'s shift is longer than \(hours) hours: it needs a supervisor's reason, given on the command line (kasir attendance out \(code) --reason …)."),
                        commandLine: pick("Giliran \(code) lebih dari \(hours) jam: perlu alasan petugas (--reason).",
                                          "\(code)'s shift is longer than \(hours) hours: it needs a supervisor's reason (--reason)."))
        case .premiClosed(let month):
            return pick("Premi \(month) sudah ditutup: absen di bulan itu tidak bisa dicatat atau diubah lagi.",
                        "The premi of \(month) is closed: attendance in that month can no longer be entered or changed.")
        }
    }

    func line(for error: BackupError) -> String {
        switch error {
        case .cannotWrite(let path): return pick("Cadangan tidak bisa ditulis: \(path).", "Cannot write the backup: \(path).")
        case .cannotRead(let path): return pick("Cadangan tidak bisa dibaca: \(path).", "Cannot read the backup: \(path).")
        case .notFound(let path): return pick("Cadangan tidak ditemukan: \(path).", "Backup not found: \(path).")
        case .damaged(let path, let problem): return pick("Cadangan rusak: \(path) (\(problem)).", "The backup is damaged: \(path) (\(problem)).")
        case .noBackups(let folder): return pick("Belum ada cadangan di \(folder).", "No backups in \(folder).")
        case .symbolicLink(let path):
            return pick("Cadangan \(path) adalah tautan simbolik; Kasir tidak membuka tautan.",
                        "The backup \(path) is a symbolic link; Kasir does not open links.")
        case .folderIsSymbolicLink(let folder):
            return pick("Folder cadangan \(folder) adalah tautan simbolik; Kasir tidak membuka tautan.",
                        "The backups folder \(folder) is a symbolic link; Kasir does not open links.")
        }
    }

    func line(for error: StoreError) -> String {
        switch error {
        case .locked:
            return pick("Basis data sedang dipakai proses lain terlalu lama; coba lagi.",
                        "The database is held by another process for too long; try again.")
        case .corrupt(let path):
            return pick("Basis data rusak atau bukan basis data Kasir: \(path).", "The database is damaged or not a Kasir database: \(path).")
        case .readOnly(let path):
            return pick("Basis data tidak bisa ditulis: \(path).", "The database cannot be written: \(path).")
        case .diskFull:
            return pick("Disk penuh: tidak ada yang disimpan.", "The disk is full: nothing was saved.")
        case .cannotOpen(let path):
            return pick("Basis data tidak bisa dibuka: \(path).", "The database cannot be opened: \(path).")
        case .symbolicLink(let path):
            return pick("Basis data \(path) adalah tautan simbolik; Kasir tidak membuka tautan.",
                        "The database \(path) is a symbolic link; Kasir does not open links.")
        case .failed(let detail):
            return pick("Basis data gagal: \(detail)", "Database failure: \(detail)")
        case .orderNotFound(let day, let number):
            return pick("Tidak ada pesanan #\(number) pada \(day).", "There is no order #\(number) on \(day).")
        case .noMenu:
            return here(counter: pick("Menu belum ada di basis data: petugas mengimpor menu dulu.", "The database has no menu yet: a supervisor imports it first."),
                        commandLine: pick("Menu belum ada di basis data: jalankan 'kasir init' atau 'kasir menu import'.",
                                          "The database has no menu yet: run 'kasir init' or 'kasir menu import'."))
        case .unreadableValue(let table, let column, let value):
            return pick("Nilai tidak dikenal di \(table).\(column): \"\(clipped(value))\" (dari versi lain, atau diubah di luar Kasir).",
                        "Unknown value in \(table).\(column): \"\(clipped(value))\" (from another version, or edited outside Kasir).")
        case .refusedBySchema(let detail):
            return pick("Basis data menolak perubahan: \(detail).", "The database refused the change: \(detail).")
        case .writtenRowsDiffer(let table, let key):
            return pick("Basis data tidak menyimpan \(table) \(key) seperti yang ditulis (baris atau pemicu asing?); tidak ada yang disimpan. Jalankan kasir audit verify.",
                        "The database did not keep \(table) \(key) as written (a foreign row or trigger?); nothing was saved. Run kasir audit verify.")
        }
    }

    func line(for error: ConfigError) -> String {
        switch error {
        case .unreadable(let file):
            return pick("Berkas konfigurasi tidak bisa dibaca: \(file).", "Cannot read config file: \(file).")
        case .syntax(let file, let line, let column, let message):
            return pick("\(file) baris \(line) kolom \(column): \(message).", "\(file) line \(line), column \(column): \(message).")
        case .invalid(let file, let key, let problem):
            return "\(file): \(key): " + describe(problem)
        }
    }

    /// A printing failure as a sentence: the words of ``printProblem(_:)``, which a slip that
    /// did not print reads with too.
    func line(for error: PrintError) -> String {
        let clause = printProblem(error)
        return clause.prefix(1).uppercased() + String(clause.dropFirst()) + "."
    }

    /// What went wrong with printing, as a clause: "printer menolak (…)". One wording for each
    /// ``PrintError``, whether it was thrown or read back from a job that did not print.
    public func printProblem(_ error: PrintError) -> String {
        // CUPS's own words (or the template's file and problem) in brackets, without their
        // full stop: the sentence around them has its own.
        let detail = error.failure.detail.map { words in " (" + (words.hasSuffix(".") ? String(words.dropLast()) : words) + ")" } ?? ""
        switch error {
        case .template: return pick("templat struk tidak bisa dipakai", "a slip template cannot be used") + detail
        case .noPrinterConfigured:
            return pick("printer belum diatur ([printer] queue di kasir.toml, atau KASIR_PRINTER)",
                        "no printer is configured ([printer] queue in kasir.toml, or KASIR_PRINTER)")
        case .serverUnreachable: return pick("server printer tidak bisa dihubungi", "the printer server cannot be reached") + detail
        case .serverStopped: return pick("server printer berhenti saat mencetak", "the printer server stopped while printing") + detail
        case .refused: return pick("printer menolak", "the printer refused") + detail
        case .aborted: return pick("pencetakan dibatalkan", "printing was aborted") + detail
        case .deadlinePassed: return pick("printer tidak siap", "the printer is not ready") + detail
        case .interrupted:
            return pick("terputus sebelum printer menjawab; mungkin sudah tercetak", "interrupted before the printer answered; it may have printed")
        case .qrEncoding(let bytes):
            return pick("kode QR tidak bisa dibuat dari \(bytes) bita data (kosong, atau terlalu panjang untuk satu kode QR)",
                        "no QR code can be made of \(bytes) bytes of data (empty, or too long for one QR code)")
        }
    }

    /// The line shown when a slip did not print; the order itself is safe.
    public func slipNotPrinted(_ outcome: PrintOutcome) -> String {
        // A drawer kick, a report or a QRIS bill has no order: its slip is named alone.
        let slip = slipName(outcome.kind) + (outcome.orderNumber.map { " #\($0)" } ?? "")
        let reprint = outcome.orderNumber.map { number in
            here(counter: pick(" Cetak ulang: cetak \(number)", " Reprint: cetak \(number)"),
                 commandLine: pick(" Cetak ulang: kasir receipt reprint \(number)", " Reprint: kasir receipt reprint \(number)"))
        } ?? ""
        return pick("\(slip) belum tercetak — ", "\(slip) not printed — ")
            + (outcome.error.map { printProblem($0) } ?? failureReason(nil, detail: nil)) + "." + reprint
    }

    /// What a slip of `kind` is called.
    public func slipName(_ kind: PrintJobKind) -> String {
        switch kind {
        case .barTicket, .barTicketCopy: return pick("Tiket bar", "Bar ticket")
        case .report: return pick("Laporan", "Report")
        case .refundSlip: return pick("Bukti refund", "Refund slip")
        case .drawer: return pick("Buka laci", "Drawer kick")
        case .receipt, .receiptCopy: return pick("Struk", "Receipt")
        case .qrisBill: return pick("Tagihan QRIS", "QRIS bill")
        }
    }

    /// Why a slip did not print, in the reader's words: its stored code and detail read as the
    /// ``PrintError`` they were recorded from.
    ///
    /// - Parameter acceptedByCUPS: CUPS had taken the job (it has a CUPS job id): a server that
    ///   cannot be reached after that stopped in the middle of the job.
    public func failureReason(_ failure: PrintFailure?, detail: String?, acceptedByCUPS: Bool = false) -> String {
        guard let failure else { return pick("alasan tidak diketahui", "reason unknown") }
        return printProblem(PrintError(failure: failure, detail: detail, acceptedByCUPS: acceptedByCUPS))
    }

    func describe(_ problem: ConfigProblem) -> String {
        switch problem {
        case .missing: return pick("wajib diisi.", "is required.")
        case .wrongType(let expected): return pick("harus berupa \(expected).", "must be a \(expected).")
        case .outOfRange(let range): return pick("di luar batas (\(range)).", "is out of range (\(range)).")
        case .notOneOf(let allowed):
            return pick("harus salah satu dari: ", "must be one of: ") + allowed.joined(separator: ", ") + "."
        case .duplicate(let value): return pick("\(value) ganda.", "\(value) appears twice.")
        case .unknownReference(let value): return pick("\(value) tidak dikenal.", "\(value) is not known.")
        }
    }

    public func statusName(_ status: StaffStatus) -> String {
        switch status {
        case .active: return pick("aktif", "active")
        case .released: return pick("bebas", "released")
        case .suspended: return pick("diskors", "suspended")
        }
    }

    public func typeName(_ type: OrderType) -> String {
        switch type {
        case .dineIn: return pick("Makan di tempat", "Dine in")
        case .takeaway: return pick("Bawa pulang", "Takeaway")
        }
    }

    public func methodName(_ method: PaymentMethod) -> String {
        switch method {
        case .cash: return pick("Tunai", "Cash")
        case .qris: return "QRIS"
        }
    }
}
