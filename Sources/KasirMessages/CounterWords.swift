import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// The words of a bill's foot and an order's head.
public enum Label: Sendable {
    case subtotal, discount, service, taxIncluded, rounding, change, barista, note, refunded
}

/// What the counter says, prompt by prompt.
extension Catalog {
    public func label(_ label: Label) -> String {
        switch label {
        case .subtotal: return "Subtotal"
        case .discount: return pick("Diskon", "Discount")
        case .service: return pick("Layanan", "Service")
        case .taxIncluded: return pick("(termasuk)", "(included)")
        case .rounding: return pick("Pembulatan", "Rounding")
        case .change: return pick("Kembalian", "Change")
        case .barista: return "Barista"
        case .note: return pick("Catatan", "Note")
        case .refunded: return pick("Sudah direfund", "Refunded")
        }
    }

    public func orderHeading(_ number: Int, at instant: Date, status: OrderStatus) -> String {
        let mark: String
        switch status {
        case .paid: mark = ""
        case .void: mark = pick(" · BATAL", " · VOID")
        case .refunded: mark = pick(" · DIREFUND", " · REFUNDED")
        }
        return pick("Pesanan", "Order") + " #\(number) · \(localTime(instant))" + mark
    }

    // MARK: Barista prompt

    public var counterNotSetUp: String {
        pick("Kasir belum disiapkan: petugas mendaftar dulu dari terminal petugas (kasir init, kasir staff add).",
             "Kasir is not set up yet: an officer registers first from an officer's terminal (kasir init, kasir staff add).")
    }

    public var pressEnterToCheckAgain: String { pick("Tekan Enter untuk memeriksa lagi: ", "Press Enter to check again: ") }

    public var restartedAfterCrash: String {
        pick("Kasir dimulai ulang setelah gangguan: pesanan yang sedang diketik tidak tersimpan; pesanan yang sudah tersimpan aman.",
             "Kasir restarted after a fault: an order being typed was not saved; saved orders are safe.")
    }

    public var counterWelcome: String {
        pick("Ketik ? untuk bantuan.", "Type ? for help.")
    }

    public var baristaPrompt: String { pick("Barista (kode): ", "Barista (code): ") }

    public var baristaPromptHelp: String {
        pick("Ketik kode barista (mis. W01) untuk mulai pesanan, 'cetak N' untuk salinan struk N, 'spv' untuk petugas.",
             "Type a barista's code (e.g. W01) to start an order, 'cetak N' for a copy of receipt N, 'spv' for a supervisor.")
    }

    public var onlySupervisorEndsTheProgram: String {
        pick("Hanya petugas yang menutup program: spv, lalu tutup-program.", "Only a supervisor ends the program: spv, then tutup-program.")
    }

    public func copyQueued(_ number: Int) -> String {
        pick("Salinan struk #\(number) dikirim ke printer.", "A copy of receipt #\(number) was sent to the printer.")
    }

    public var noPrinterSlipsShownOnScreen: String {
        pick("Printer belum diatur: struk disimpan di antrean dan ditampilkan di layar.",
             "No printer is configured: receipts are kept in the queue and shown on screen.")
    }

    public var answerYesOrNo: String { pick("Jawab y (ya) atau n (tidak).", "Answer y (yes) or n (no).") }

    // MARK: The order

    public func newOrder(alias: String, code: String, type: OrderType) -> String {
        pick("Pesanan baru", "New order") + " — \(alias) (\(code)) · \(typeName(type))"
    }

    public var orderCancelled: String { pick("Pesanan dibatalkan; tidak ada yang disimpan.", "Order cancelled; nothing was saved.") }

    public var inputEndedUnpaid: String {
        pick("Input berakhir: pesanan yang belum dibayar tidak disimpan.", "Input ended: the unpaid order was not saved.")
    }

    public func orderEndedByFault(_ error: any Error) -> String {
        pick("Gangguan: pesanan ini dihentikan dan tidak disimpan (\(describe(error)))",
             "A fault ended this order; nothing of it was saved (\(describe(error)))")
    }

    public func lineRemoved(quantity: Int, name: String) -> String {
        pick("Dihapus", "Removed") + ": \(quantity)× \(name)"
    }

    public var orderDiscountWithdrawn: String {
        pick("Diskon pesanan dicabut karena isinya berubah: minta persetujuan lagi bila perlu.",
             "The order discount is withdrawn because the order changed: ask for approval again if needed.")
    }

    public func noteSet(_ note: String?) -> String { label(.note) + ": " + (note ?? "-") }

    public func discountApproved(_ amount: Rupiah, detail: String, line: Int?, by supervisor: String) -> String {
        let what = line.map { pick("baris \($0)", "line \($0)") } ?? pick("pesanan", "the order")
        return pick("Diskon \(detail) untuk \(what) = \(amount), disetujui \(supervisor).",
                    "Discount \(detail) on \(what) = \(amount), approved by \(supervisor).")
    }

    public func priceApproved(line: Int, price: Rupiah, by supervisor: String) -> String {
        pick("Harga baris \(line) menjadi \(price), disetujui \(supervisor).", "Line \(line) priced \(price), approved by \(supervisor).")
    }

    public func orderTotalLabel(items: Int) -> String { "Total (\(items) item)" }

    public var emptyOrder: String { pick("  (kosong)", "  (empty)") }
    public var soldOut: String { pick("habis", "sold out") }
    public var modifiersHeading: String { pick("Pilihan:", "Modifiers:") }

    /// The order prompt's commands, laid out by ``HelpLayout`` for the terminal's width.
    public var orderHelp: [HelpEntry] {
        [
            HelpEntry(pick("KODE [JML] [grup=pilihan ...] [@W02]", "CODE [QTY] [group=option ...] [@W02]"),
                      pick("tambah menu (kode atau nomor), mis. KSGA 2 ukuran=L atau 2 KSGA", "add an item (code or number), e.g. KSGA 2 size=L or 2 KSGA")),
            HelpEntry(pick("grup=a,b", "group=a,b"),
                      pick("beberapa pilihan satu grup, mis. tambahan=shot,vanila", "several options of one group, e.g. extra=shot,vanilla")),
            HelpEntry(pick("hapus N", "remove N"), pick("hapus baris N", "take off line N")),
            HelpEntry(pick("catatan TEKS", "note TEXT"), pick("catatan pesanan", "order note")),
            HelpEntry(pick("bawa | makan", "takeaway | dine-in"), pick("bawa pulang / di tempat", "take away / eat here")),
            HelpEntry(pick("lihat", "view"), pick("tampilkan pesanan", "show the order")),
            HelpEntry("menu", pick("daftar menu", "the menu")),
            HelpEntry(pick("bayar", "pay"), pick("bayar dan simpan", "pay and save")),
            HelpEntry(pick("batal", "cancel"), pick("batalkan pesanan", "cancel the order")),
            HelpEntry(pick("ganti", "switch"), pick("ganti barista", "change barista")),
            HelpEntry(pick("diskon [N] 10%|JUMLAH ALASAN", "discount [N] 10%|AMOUNT REASON"), pick("diskon (PIN petugas)", "discount (supervisor PIN)")),
            HelpEntry(pick("harga N JUMLAH ALASAN", "price N AMOUNT REASON"), pick("ubah harga baris N (PIN petugas)", "price line N (supervisor PIN)")),
            HelpEntry("cetak N", pick("salinan struk N", "copy of receipt N")),
            HelpEntry("spv", pick("mode petugas", "supervisor mode")),
            HelpEntry("Ctrl-C", pick("batalkan pesanan", "cancel the order")),
            HelpEntry(pick("keluar, Ctrl-D", "quit, Ctrl-D"), pick("kembali ke barista", "back to the barista prompt")),
        ]
    }

    // MARK: Checkout

    public var complimentaryNoPayment: String {
        pick("Total Rp0 (disetujui petugas): tidak ada pembayaran.", "Total Rp0 (approved by a supervisor): no payment.")
    }

    public var saveOrderQuestion: String { pick("Simpan pesanan? (y/n): ", "Save the order? (y/n): ") }

    public func paymentPrompt(remaining: Rupiah, first: Bool) -> String {
        (first ? pick("Bayar", "Pay") : pick("Sisa", "Remaining")) + " \(remaining) "
            + pick("(tunai JUMLAH · pas · qris [JUMLAH] [REF] · kembali): ", "(cash AMOUNT · exact · qris [AMOUNT] [REF] · back): ")
    }

    public func orderSaved(number: Int, change: Rupiah) -> String {
        "✔ " + pick("Pesanan", "Order") + " #\(number) " + pick("tersimpan", "saved")
            + (change > .zero ? " · " + label(.change) + " \(change)" : "")
    }

    public func recentOrders(_ numbers: some Sequence<Int>) -> String {
        pick("Pesanan terakhir", "Latest orders") + ": " + numbers.map { "#\($0)" }.joined(separator: " ")
    }

    // MARK: Supervisor mode

    public var supervisorCodePrompt: String { pick("Kode petugas: ", "Supervisor code: ") }
    /// A refund that needs a second supervisor asks their code before any PIN.
    public var secondSupervisorPrompt: String { pick("Petugas kedua: ", "Second supervisor: ") }
    public func pinPrompt(_ code: String) -> String { pick("PIN \(code): ", "PIN for \(code): ") }
    /// Changing one's own PIN: the one in use, before the new one twice.
    public func oldPINPrompt(_ code: String) -> String { pick("PIN lama \(code): ", "Current PIN for \(code): ") }
    public var newPINPrompt: String { pick("PIN baru (6–12 angka): ", "New PIN (6–12 digits): ") }
    public var repeatPINPrompt: String { pick("Ulangi PIN: ", "Repeat the PIN: ") }

    public func supervisorModeStarted(_ code: String) -> String {
        pick("Mode petugas \(code). Ketik ? untuk daftar, 'selesai' untuk kembali.", "Supervisor mode \(code). Type ? for the list, 'done' to go back.")
    }

    public func supervisorPrompt(_ code: String) -> String { "spv \(code)> " }

    /// Said whenever supervisor mode ends by itself, in the policy's own terms (whole minutes
    /// as minutes): the next act asks for the PIN again, and the person should know why.
    public func supervisorModeIdle(seconds: Int) -> String {
        let span = seconds > 0 && seconds % 60 == 0
            ? pick("\(seconds / 60) menit", seconds == 60 ? "1 minute" : "\(seconds / 60) minutes")
            : pick("\(seconds) detik", seconds == 1 ? "1 second" : "\(seconds) seconds")
        return pick("Mode petugas berakhir (\(span) tanpa perintah).", "Supervisor mode ended (\(span) without a command).")
    }

    /// Said when supervisor mode reaches the policy's cap since its PIN, however busy it was.
    public func supervisorModeCapped(seconds: Int) -> String {
        let span = seconds > 0 && seconds % 60 == 0
            ? pick("\(seconds / 60) menit", seconds == 60 ? "1 minute" : "\(seconds / 60) minutes")
            : pick("\(seconds) detik", seconds == 1 ? "1 second" : "\(seconds) seconds")
        return pick("Mode petugas berakhir (batas \(span) sejak PIN). Ketik spv untuk masuk lagi.",
                    "Supervisor mode ended (its limit of \(span) since the PIN). Type spv to sign in again.")
    }

    /// Said when a money act's PIN was refused in supervisor mode: whoever typed it may not be
    /// the supervisor, so the mode ends with it.
    public var supervisorModeEndedByRefusedPIN: String {
        pick("Mode petugas berakhir karena PIN ditolak. Ketik spv untuk masuk lagi.",
             "Supervisor mode ended because the PIN was refused. Type spv to sign in again.")
    }

    public func unknownSupervisorCommand(_ word: String) -> String {
        pick("Perintah petugas tidak dikenal: \(clipped(word)). Ketik ? untuk daftar.", "Unknown supervisor command: \(clipped(word)). Type ? for the list.")
    }

    public func programEnded(by code: String) -> String { pick("Program ditutup oleh \(code).", "Program ended by \(code).") }

    /// Supervisor mode's commands, laid out by ``HelpLayout`` for the terminal's width.
    public var supervisorHelp: [HelpEntry] {
        [
            HelpEntry(pick("buka JUMLAH", "open AMOUNT"), pick("buka kas dengan modal", "open the till")),
            HelpEntry("x", pick("laporan X", "X report")),
            HelpEntry(pick("masuk KODE kasir|bar|dapur", "in CODE kasir|bar|dapur"), pick("absen masuk WBP", "clock a WBP in")),
            HelpEntry(pick("pulang KODE", "out CODE"), pick("absen keluar", "clock out")),
            HelpEntry(pick("istirahat KODE / lanjut KODE", "break CODE / resume CODE"), pick("istirahat dan kembali", "a break and back")),
            HelpEntry(pick("tugas", "duty"), pick("ambil alih tugas", "take over the duty")),
            HelpEntry(pick("batal NOMOR ALASAN", "void NUMBER REASON"), pick("batalkan pesanan", "void an order")),
            HelpEntry(pick("refund NOMOR [BARIS[:JML] ...] [qris-tunai] ALASAN", "refund NUMBER [LINE[:QTY] ...] [qris-cash] REASON"),
                      pick("kembalikan uang pesanan", "refund an order")),
            HelpEntry(pick("kas masuk|keluar JUMLAH ALASAN", "cash in|out AMOUNT REASON"), pick("kas masuk atau keluar", "pay in or out")),
            HelpEntry(pick("laci ALASAN", "no-sale REASON"), pick("buka laci tanpa jual", "open the drawer")),
            HelpEntry(pick("habis KODE / ada KODE", "sold-out CODE / available CODE"), pick("menu habis / ada lagi", "sold out / back")),
            HelpEntry(pick("catatan KODE TEKS", "note CODE TEXT"), pick("catatan pembinaan", "a coaching note")),
            HelpEntry(pick("tutup 100000x2,50000x1", "close 100000x2,50000x1"), pick("tutup kas (hitung buta)", "close the till (blind)")),
            HelpEntry(pick("hitung …", "recount …"), pick("hitung ulang setelah tutup", "count again after the close")),
            HelpEntry(pick("cetak NOMOR", "cetak NUMBER"), pick("salinan struk", "copy of a receipt")),
            HelpEntry(pick("selesai", "done"), pick("kembali ke kasir", "back to the counter")),
            HelpEntry(pick("tutup-program", "shutdown"), pick("menutup program kasir", "end the counter program")),
        ]
    }

    public func tillOpened(_ id: Int64, float: Rupiah, by code: String) -> String {
        pick("Kas #\(id) dibuka oleh \(code), modal \(float).", "Till #\(id) opened by \(code), float \(float).")
    }

    public func clockedIn(_ code: String, station: Station, at instant: Date) -> String {
        pick("\(code) masuk di \(station.rawValue), \(localTime(instant)).", "\(code) clocked in at \(station.rawValue), \(localTime(instant)).")
    }

    public func clockedOut(_ code: String, at instant: Date) -> String {
        pick("\(code) keluar, \(localTime(instant)).", "\(code) clocked out, \(localTime(instant)).")
    }

    public func breakStarted(_ code: String) -> String { pick("\(code) istirahat.", "\(code) on a break.") }
    public func breakEnded(_ code: String) -> String { pick("\(code) kembali bertugas.", "\(code) back from the break.") }

    /// A void, and what it sends back and how: a void undoes the sale, so the supervisor is told
    /// to hand back each payment the way it came (the cash part from the drawer, each QRIS
    /// payment as a QRIS refund with its reference).
    public func orderVoided(_ number: Int, by code: String, payments: [Payment]) -> String {
        let voided = pick("Pesanan #\(number) dibatalkan, disetujui \(code).", "Order #\(number) voided, approved by \(code).")
        let back = payments.map { payment -> String in
            switch payment.method {
            case .cash: return pick("tunai \(payment.amount) dari laci", "cash \(payment.amount) from the drawer")
            case .qris:
                return pick("QRIS \(payment.reference ?? "") \(payment.amount) sebagai refund QRIS",
                            "QRIS \(payment.reference ?? "") \(payment.amount) as a QRIS refund")
            }
        }
        guard !back.isEmpty else { return voided + pick(" Tidak ada uang yang dikembalikan.", " No money goes back.") }
        return voided + pick(" Kembalikan ke pelanggan: ", " Give back to the customer: ") + back.joined(separator: ", ") + "."
    }

    /// Said before a close's count is confirmed: closing the till leaves these shifts open, and
    /// their hours keep counting until someone clocks them out.
    public func stillClockedIn(_ shifts: [AttendanceRecord]) -> String {
        let list = shifts.map { "\($0.staffCode) (\($0.alias))" }.joined(separator: ", ")
        return pick("Perhatian: masih absen masuk: \(list). Absen keluar dulu bila sudah selesai (pulang KODE); jam kerja mereka terus dihitung.",
                    "Note: still clocked in: \(list). Clock them out first if they are done (out CODE); their hours keep counting.")
    }

    /// What a refund gave back, and how; cash as it left the drawer, with its rounding.
    public func refunded(_ refund: RefundRecord) -> String {
        let parts = refund.plan.parts.map { part -> String in
            switch (part.paidOut, part.tender) {
            case (.cash, .qris):
                return pick("tunai (QRIS \(part.reference ?? "")) \(part.amount)", "cash (QRIS \(part.reference ?? "")) \(part.amount)")
                    + roundingNote(part.rounding)
            case (.cash, _): return pick("tunai \(part.amount)", "cash \(part.amount)") + roundingNote(part.rounding)
            case (.qris, _): return "QRIS \(part.reference ?? "") \(part.amount)"
            }
        }.joined(separator: ", ")
        let approvers = refund.secondSupervisor.map { pick("\(refund.supervisor) dan \($0)", "\(refund.supervisor) and \($0)") } ?? refund.supervisor
        return pick("Refund \(refund.plan.amount) untuk pesanan #\(refund.orderNumber), disetujui \(approvers): \(parts).",
                    "Refunded \(refund.plan.amount) on order #\(refund.orderNumber), approved by \(approvers): \(parts).")
    }

    /// ` (pembulatan -Rp86)` after a cash part the rounding changed; nothing when it did not.
    func roundingNote(_ rounding: Rupiah) -> String {
        guard rounding != .zero else { return "" }
        return " (" + label(.rounding).lowercased() + " " + (rounding > .zero ? "+" : "") + rounding.formatted + ")"
    }

    public func cashMoved(_ direction: CashDirection, amount: Rupiah, by code: String) -> String {
        switch direction {
        case .payIn: return pick("Kas masuk \(amount), disetujui \(code).", "Paid in \(amount), approved by \(code).")
        case .payOut: return pick("Kas keluar \(amount), disetujui \(code).", "Paid out \(amount), approved by \(code).")
        }
    }

    /// A no-sale recorded; the drawer opens only when a kick was sent to a printer that can.
    public func drawerOpened(by code: String, kicked: Bool) -> String {
        kicked ? pick("Laci dibuka (tanpa penjualan), disetujui \(code).", "Drawer opened (no sale), approved by \(code).")
            : pick("Tanpa penjualan dicatat, disetujui \(code); tidak ada printer untuk membuka laci, buka dengan kunci.",
                   "No sale recorded, approved by \(code); no printer to open the drawer: open it with its key.")
    }

    public func onDuty(_ code: String) -> String { pick("\(code) kini bertugas.", "\(code) is now on duty.") }

    public func countConfirmation(_ total: Rupiah) -> String {
        pick("Dihitung \(total) — benar? (y/n): ", "Counted \(total) — correct? (y/n): ")
    }

    public var countNotRecorded: String { pick("Hitungan tidak dicatat; kas tetap terbuka.", "The count was not recorded; the till stays open.") }

    /// After the blind count is committed: what the drawer should hold, and the variance.
    public func tillClosed(_ report: TillReport) -> String {
        let session = report.session
        let counted = session.countedCash ?? .zero
        let expected = session.expectedCash ?? report.figures.expectedCash
        return pick("Kas #\(session.id) ditutup. Dihitung \(counted) · seharusnya \(expected) · ",
                    "Till #\(session.id) closed. Counted \(counted) · expected \(expected) · ") + variance(counted - expected)
    }

    public func recounted(_ counted: Rupiah, expected: Rupiah, till: Int64) -> String {
        pick("Hitung ulang kas #\(till) dicatat: \(counted) · seharusnya \(expected) · \(variance(counted - expected)). Selisih penutupan tetap dari hitungan buta.",
             "Recount of till #\(till) recorded: \(counted) · expected \(expected) · \(variance(counted - expected)). The close's variance stays that of the blind count.")
    }

    public func backupFailed(_ error: any Error) -> String {
        pick("Cadangan gagal dibuat: \(describe(error))", "The backup could not be written: \(describe(error))")
    }

    public func availabilitySet(_ item: String, available: Bool) -> String {
        available ? pick("\(item) tersedia lagi.", "\(item) is available again.") : pick("\(item) habis.", "\(item) is sold out.")
    }

    public func noteRecorded(_ code: String) -> String { pick("Catatan untuk \(code) dicatat.", "Note on \(code) recorded.") }

    // MARK: First run

    public var firstRunIntroduction: String {
        pick("Basis data baru. Buat petugas pertama, daftarkan barista, lalu buka kas. ('keluar' untuk berhenti.)",
             "A new database. Create the first supervisor, register a barista, then open the till. ('quit' to stop.)")
    }

    public var firstSupervisorCodePrompt: String { pick("Kode petugas (mis. S1): ", "Supervisor code (e.g. S1): ") }
    public var firstSupervisorNamePrompt: String { pick("Nama petugas: ", "Supervisor's name: ") }
    public var nipPrompt: String { "NIP: " }
    public func supervisorRegistered(_ code: String) -> String { pick("Petugas \(code) terdaftar.", "Supervisor \(code) registered.") }
    public var baristaCodePrompt: String { pick("Kode barista (mis. W01): ", "Barista code (e.g. W01): ") }
    public var registrationPrompt: String { pick("Nomor registrasi: ", "Registration number: ") }
    public var fullNamePrompt: String { pick("Nama lengkap: ", "Full name: ") }
    public var aliasPrompt: String { pick("Alias di struk: ", "Alias on receipts: ") }
    public var decreeNumberPrompt: String { pick("Nomor SK asimilasi: ", "Assimilation decree number: ") }
    public var decreeFromPrompt: String { pick("SK berlaku dari (YYYY-MM-DD): ", "Decree valid from (YYYY-MM-DD): ") }
    public var decreeUntilPrompt: String { pick("SK berlaku sampai (YYYY-MM-DD): ", "Decree valid until (YYYY-MM-DD): ") }
    public var stationPrompt: String { pick("Stasiun (kasir/bar/dapur): ", "Station (kasir/bar/dapur): ") }
    public var floatPrompt: String { pick("Modal awal kas: ", "Float: ") }

    public func baristaRegistered(alias: String, code: String) -> String {
        pick("Barista \(alias) (\(code)) terdaftar dan masuk.", "Barista \(alias) (\(code)) registered and clocked in.")
    }
}
