import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// The interactive counter: pick the barista, take the order, take payment, commit.
///
/// Nothing reaches the database before the person confirms a paid order, and then the order
/// and its payments are committed together; cancelling, Ctrl-C or end of input at any earlier
/// point leaves nothing behind.
///
/// ```swift
/// let counter = Counter(database: database, settings: config.cafe, clock: SystemClock(), prompter: StandardPrompter())
/// let status = counter.run()   // 0, or 1 when input ended with an unpaid order open
/// ```
public final class Counter {
    let database: AppDatabase
    let settings: CafeSettings
    let clock: any WallClock
    let prompter: any Prompter
    let catalog: Catalog
    let view: OrderView
    /// Called after each committed order; never able to undo the commit.
    let onCommitted: (RecordedOrder) -> Void
    /// Sends slips in the background; `nil` runs the counter without printing at all.
    let printing: BackgroundPrinting?
    /// Where a Z close at the counter leaves its backup.
    let backupFolder: URL?
    var toldNoPrinter = false

    public init(
        database: AppDatabase, settings: CafeSettings, clock: any WallClock, prompter: any Prompter,
        printing: BackgroundPrinting? = nil, backupFolder: URL? = nil, onCommitted: @escaping (RecordedOrder) -> Void = { _ in }
    ) {
        self.backupFolder = backupFolder
        self.database = database
        self.settings = settings
        self.clock = clock
        self.prompter = prompter
        self.catalog = Catalog(language: settings.language)
        self.view = OrderView(catalog: catalog)
        self.printing = printing
        self.onCommitted = onCommitted
    }

    enum Outcome { case next, switchBarista, quit, inputEnded(unpaid: Bool) }

    /// Runs until the person quits or input ends.
    ///
    /// - Returns: the exit status: 0, or 1 when input ended in the middle of an order or the
    ///   counter could not start.
    public func run() -> Int32 {
        let status = session()
        if let printing {
            // Slips still on their way get the time their deadline allows, then are reported.
            printing.finish()
            reportPrinting()
        }
        return status
    }

    /// Shows the person any slip that did not print since the last prompt: one line each.
    func reportPrinting() {
        guard let printing else { return }
        for outcome in printing.takeOutcomes() where outcome.status == .failed {
            prompter.show(catalog.slipNotPrinted(outcome))
        }
    }

    /// Reports printing, then asks.
    func ask(_ prompt: String) -> String? {
        reportPrinting()
        return prompter.readLine(prompt: prompt)
    }

    func session() -> Int32 {
        let menu: Menu
        do { menu = try database.menu() } catch {
            prompter.show(catalog.describe(error))
            return 1
        }
        prompter.show("Kasir — \(settings.name)")
        if let problem = printing?.worker.templateProblem { prompter.show(catalog.describe(problem)) }
        prompter.show(catalog.pick("Ketik ? untuk bantuan, 'keluar' untuk selesai.", "Type ? for help, 'quit' to finish."))
        do {
            if try !database.hasSupervisors() || !database.allStaff().contains(where: { $0.role == .barista }) {
                guard firstRun() else { return 1 }
            }
        } catch {
            prompter.show(catalog.describe(error))
            return 1
        }
        while true {
            guard let server = askBarista() else { return 0 }
            guard let server = server else { return 0 }
            var outcome = Outcome.next
            while case .next = outcome {
                outcome = takeOrder(server: server, menu: menu)
            }
            switch outcome {
            case .quit: return 0
            case .inputEnded(let unpaid): return unpaid ? 1 : 0
            case .switchBarista, .next: continue
            }
        }
    }

    /// Asks until an active barista's code is given; `.some(nil)` means quit, `nil` end of input.
    func askBarista() -> StaffMember?? {
        while true {
            guard let answer = ask(catalog.pick("Barista (kode): ", "Barista (code): ")) else { return nil }
            let text = answer.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            if Command(text) == .quit { return .some(nil) }
            if Command(text) == .help {
                prompter.show(catalog.pick("Ketik kode barista (mis. W01) untuk mulai pesanan, 'spv' untuk petugas, atau 'keluar'.",
                                           "Type a barista's code (e.g. W01) to start an order, 'spv' for a supervisor, or 'quit'."))
                continue
            }
            if Command(text) == .supervisor {
                guard supervisorDesk() else { return nil }
                continue
            }
            do {
                let code = try StaffMember.parseCode(text)
                guard let member = try database.staff(code: code) else { throw StaffError.unknownStaff(code) }
                guard member.role == .barista else { throw StaffError.notABarista(code) }
                try database.checkCanServe(code, on: settings.calendar.day(of: clock.now()))
                if try database.openTill() == nil { throw TillError.noOpenTill }
                return .some(member)
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Takes one order from first item to commit or cancel.
    func takeOrder(server: StaffMember, menu: Menu) -> Outcome {
        var draft = OrderDraft(serverCode: server.code)
        prompter.show(catalog.pick("Pesanan baru", "New order") + " — \(server.alias) (\(server.code)) · \(catalog.typeName(draft.type))")
        while true {
            guard let input = ask("> ") else { return inputEnded(draft) }
            let text = input.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            let (word, argument) = Self.split(text)
            do {
                switch Command(word) {
                case .help:
                    prompter.show(help)
                case .menu:
                    prompter.show(menuList(menu))
                case .view:
                    showDraft(draft)
                case .remove:
                    guard let number = Int(argument) else { throw OrderError.noSuchLine(0) }
                    let line = try draft.removeLine(number)
                    prompter.show(catalog.pick("Dihapus", "Removed") + ": \(line.quantity)× \(line.itemName)")
                    showTotal(draft)
                case .note:
                    try draft.setNote(argument)
                    prompter.show(catalog.pick("Catatan", "Note") + ": " + (draft.note ?? "-"))
                case .takeaway, .dineIn:
                    draft.type = Command(word) == .takeaway ? .takeaway : .dineIn
                    prompter.show(catalog.typeName(draft.type))
                case .cancel:
                    prompter.show(catalog.pick("Pesanan dibatalkan; tidak ada yang disimpan.", "Order cancelled; nothing was saved."))
                    return .next
                case .switchBarista:
                    if !draft.lines.isEmpty {
                        prompter.show(catalog.pick("Pesanan dibatalkan; tidak ada yang disimpan.", "Order cancelled; nothing was saved."))
                    }
                    return .switchBarista
                case .quit:
                    if !draft.lines.isEmpty {
                        prompter.show(catalog.pick("Pesanan dibatalkan; tidak ada yang disimpan.", "Order cancelled; nothing was saved."))
                    }
                    return .quit
                case .supervisor:
                    guard supervisorDesk() else { return inputEnded(draft) }
                case .discount, .priceOverride:
                    try approveChange(Command(word)!, argument, on: &draft)
                case .pay:
                    guard !draft.lines.isEmpty else { throw OrderError.emptyOrder }
                    switch pay(draft) {
                    case .committed: return .next
                    case .back: showDraft(draft)
                    case .inputEnded: return inputEnded(draft)
                    }
                case nil:
                    try addItem(text, to: &draft, menu: menu)
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// `diskon [BARIS] 10%|JUMLAH ALASAN` or `harga BARIS JUMLAH ALASAN`, after a supervisor's PIN.
    func approveChange(_ command: Command, _ argument: String, on draft: inout OrderDraft) throws {
        var words = argument.split(separator: " ").map(String.init)
        var line: Int?
        if command == .priceOverride || (words.count >= 3 && Int(words[0]) != nil && !words[1].isEmpty) {
            guard let number = words.first.flatMap(Int.init) else { throw OrderError.noSuchLine(0) }
            line = number
            words.removeFirst()
        }
        guard words.count >= 2 else {
            throw InputError.malformedText(field: command == .discount ? "diskon [BARIS] 10%|JUMLAH ALASAN" : "harga BARIS JUMLAH ALASAN")
        }
        let reason = try StaffMember.validatedText(words.dropFirst().joined(separator: " "), field: "reason", limit: 200)
        if let line, !draft.lines.indices.contains(line - 1) { throw OrderError.noSuchLine(line) }
        if command == .discount {
            let discount = try Discount.parse(words[0])
            guard let supervisor = supervisorSignIn() else { return }
            try draft.applyDiscount(discount, line: line, approval: Approval(supervisorCode: supervisor, reason: reason, at: clock.now()))
            prompter.show(catalog.pick("Diskon \(discount.formatted) disetujui \(supervisor).", "Discount \(discount.formatted) approved by \(supervisor)."))
        } else {
            let price = try Rupiah.parse(words[0])
            guard let supervisor = supervisorSignIn() else { return }
            try draft.overridePrice(price, line: line!, approval: Approval(supervisorCode: supervisor, reason: reason, at: clock.now()))
            prompter.show(catalog.pick("Harga baris \(line!) menjadi \(price.formatted), disetujui \(supervisor).",
                                       "Line \(line!) priced \(price.formatted), approved by \(supervisor)."))
        }
        showTotal(draft)
    }

    /// Says so when input ends with an unpaid order open (nothing of it was written).
    func inputEnded(_ draft: OrderDraft) -> Outcome {
        if !draft.lines.isEmpty {
            prompter.show(catalog.pick("Input berakhir: pesanan yang belum dibayar tidak disimpan.",
                                       "Input ended: the unpaid order was not saved."))
        }
        return .inputEnded(unpaid: !draft.lines.isEmpty)
    }

    /// Adds `KODE [JML] [grup=pilihan …] [@MAKER]` to the draft.
    func addItem(_ text: String, to draft: inout OrderDraft, menu: Menu) throws {
        var maker: String?
        var rest: [Substring] = []
        for token in text.split(separator: " ") {
            if token.hasPrefix("@") {
                maker = try StaffMember.parseCode(String(token.dropFirst()))
            } else {
                rest.append(token)
            }
        }
        if let maker, maker != draft.serverCode {
            guard let member = try database.staff(code: maker) else { throw StaffError.unknownStaff(maker) }
            guard member.role == .barista else { throw StaffError.notABarista(maker) }
            guard member.status == .active else { throw StaffError.notActive(code: maker, status: member.status) }
        }
        let spec = try ItemSpec.parse(rest.joined(separator: " "))
        let line = try OrderLine(spec: spec, menu: menu, makerCode: maker == draft.serverCode ? nil : maker)
        try draft.add(line)
        let number = draft.lines.firstIndex { $0.itemCode == line.itemCode && $0.modifiers == line.modifiers && $0.makerCode == line.makerCode }! + 1
        prompter.show(view.line(draft.lines[number - 1], number: number, showMaker: true).joined(separator: "\n"))
        showTotal(draft)
    }

    func showTotal(_ draft: OrderDraft) {
        let totals = draft.totals(settings.pricing)
        let count = draft.lines.reduce(0) { $0 + $1.quantity }
        prompter.show(view.row("Total (\(count) item)", totals.total.formatted))
    }

    func showDraft(_ draft: OrderDraft) {
        var rows = [catalog.typeName(draft.type) + (draft.note.map { " · " + $0 } ?? "")]
        for (index, line) in draft.lines.enumerated() {
            rows += view.line(line, number: index + 1, showMaker: true)
        }
        if draft.lines.isEmpty { rows.append(catalog.pick("  (kosong)", "  (empty)")) }
        rows += view.totals(draft.totals(settings.pricing), tax: settings.pricing.tax, serviceCharge: settings.pricing.serviceCharge)
        prompter.show(rows.joined(separator: "\n"))
    }

    enum PaymentOutcome { case committed, back, inputEnded }

    /// Collects tenders until the total is covered, confirms, and commits.
    func pay(_ draft: OrderDraft) -> PaymentOutcome {
        let totals = draft.totals(settings.pricing)
        prompter.show(view.totals(totals, tax: settings.pricing.tax, serviceCharge: settings.pricing.serviceCharge).joined(separator: "\n"))
        var tenders: [Tender] = []
        while true {
            let paid = tenders.reduce(Rupiah.zero) { sum, tender in
                switch tender {
                case .cash(let tendered): return sum + tendered
                case .qris(let amount, _): return sum + amount
                }
            }
            let remaining = totals.total - paid
            if remaining <= .zero {
                do {
                    let checkout = try draft.checkout(pricing: settings.pricing, tenders: tenders)
                    prompter.show(view.payments(checkout.payments).joined(separator: "\n"))
                } catch {
                    prompter.show(catalog.describe(error))
                    tenders.removeLast()
                    continue
                }
                switch confirm() {
                case nil: return .inputEnded
                case false?: return .back
                case true?: break
                }
                do {
                    let order = try database.recordOrder(
                        draft, tenders: tenders, pricing: settings.pricing, calendar: settings.calendar, at: clock.now(),
                        printJobs: printing == nil ? [] : settings.printer.slipsPerOrder)
                    var message = "✔ " + catalog.pick("Pesanan", "Order") + " #\(order.number) " + catalog.pick("tersimpan", "saved")
                    if order.change > .zero { message += " · " + catalog.pick("Kembalian", "Change") + " \(order.change.formatted)" }
                    prompter.show(message)
                    slipsCommitted(for: order)
                    onCommitted(order)
                    return .committed
                } catch {
                    prompter.show(catalog.describe(error))
                    return .back
                }
            }
            let prompt = (paid == .zero ? catalog.pick("Bayar", "Pay") : catalog.pick("Sisa", "Remaining"))
                + " \(remaining.formatted) " + catalog.pick("(tunai JUMLAH · pas · qris [JUMLAH] REF · kembali): ",
                                                             "(cash AMOUNT · exact · qris [AMOUNT] REF · back): ")
            guard let input = ask(prompt) else { return .inputEnded }
            let text = input.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { continue }
            do {
                switch try Self.tender(text, remaining: remaining) {
                case nil: return .back
                case let tender?:
                    if case .qris(let amount, _) = tender, amount > remaining {
                        throw OrderError.nonCashExceedsDue(due: remaining, paid: amount)
                    }
                    tenders.append(tender)
                }
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Starts the slips of a committed order on their way; without a printer, shows the receipt.
    func slipsCommitted(for order: RecordedOrder) {
        guard let printing else { return }
        printing.wake()
        if !printing.worker.hasPrinter {
            if !toldNoPrinter {
                prompter.show(catalog.pick(
                    "Printer belum diatur: struk disimpan di antrean dan ditampilkan di layar.",
                    "No printer is configured: receipts are kept in the queue and shown on screen."))
                toldNoPrinter = true
            }
            do {
                prompter.show(try printing.worker.screenText(order))
            } catch {
                prompter.show(catalog.describe(error))
            }
        }
    }

    /// Reads one payment at the counter; `nil` means go back to the order.
    static func tender(_ text: String, remaining: Rupiah) throws(InputError) -> Tender? {
        let words = text.split(separator: " ").map(String.init)
        switch words.first?.lowercased() {
        case "kembali", "back": return nil
        case "pas", "exact": return .cash(tendered: remaining)
        case "tunai", "t", "cash", "c":
            guard words.count == 2 else { throw .malformedPayment(clipped(text)) }
            return .cash(tendered: try positive(words[1], text))
        case "qris", "q":
            switch words.count {
            case 2: return .qris(amount: remaining, reference: try Tender.reference(words[1]))
            case 3: return .qris(amount: try positive(words[1], text), reference: try Tender.reference(words[2]))
            default: throw .malformedPayment(clipped(text))
            }
        default:
            guard words.count == 1 else { throw .malformedPayment(clipped(text)) }
            return .cash(tendered: try positive(words[0], text))
        }
    }

    private static func positive(_ word: String, _ text: String) throws(InputError) -> Rupiah {
        let amount = try Rupiah.parse(word)
        guard amount > .zero else { throw .malformedPayment(clipped(text)) }
        return amount
    }

    /// Asks y/n; `nil` at end of input.
    func confirm() -> Bool? {
        while true {
            guard let answer = ask(catalog.pick("Simpan pesanan? (y/n): ", "Save the order? (y/n): ")) else { return nil }
            switch answer.trimmingCharacters(in: .whitespaces).lowercased() {
            case "y", "ya", "yes", "": return true
            case "n", "t", "tidak", "no": return false
            default: prompter.show(catalog.pick("Jawab y (ya) atau n (tidak).", "Answer y (yes) or n (no)."))
            }
        }
    }

    /// The first word and the rest.
    static func split(_ text: String) -> (String, String) {
        guard let space = text.firstIndex(of: " ") else { return (text, "") }
        return (String(text[..<space]), String(text[text.index(after: space)...]).trimmingCharacters(in: .whitespaces))
    }

    var help: String {
        catalog.pick("""
            KODE [JML] [grup=pilihan ...] [@W02]  tambah menu (kode atau nomor), mis. KSGA 2 size=L sugar=less
            hapus N        hapus baris N            catatan TEKS   catatan pesanan
            bawa | makan   bawa pulang / di tempat  lihat          tampilkan pesanan
            menu           daftar menu              bayar          bayar dan simpan
            batal          batalkan pesanan         ganti          ganti barista
            diskon [N] 10%|JUMLAH ALASAN            harga N JUMLAH ALASAN   (PIN petugas)
            spv            mode petugas: buka/tutup kas, absen, batal, refund, kas masuk/keluar, X
            keluar         selesai
            """, """
            CODE [QTY] [group=option ...] [@W02]  add an item (code or number), e.g. KSGA 2 size=L sugar=less
            remove N       take off line N          note TEXT      order note
            takeaway | dine-in                      view           show the order
            menu           the menu                 pay            pay and save
            cancel         cancel the order         switch         change barista
            discount [N] 10%|AMOUNT REASON          price N AMOUNT REASON   (supervisor PIN)
            spv            supervisor mode: till, attendance, void, refund, pay in/out, X
            quit           finish
            """)
    }

    func menuList(_ menu: Menu) -> String {
        var rows: [String] = []
        for category in menu.categories {
            let items = menu.items.filter { $0.category == category.code }
            guard !items.isEmpty else { continue }
            rows.append(category.name)
            for item in items {
                let number = menu.number(of: item) ?? 0
                let label = "\(number < 10 ? " " : "")\(number) \(item.code.padding(toLength: 5, withPad: " ", startingAt: 0)) \(item.name)"
                rows.append(view.row(label, item.available ? item.price.formatted : catalog.pick("habis", "sold out")))
            }
        }
        let groups = menu.modifierGroups.map { group in
            "  \(group.code): " + group.options.map { $0.priceDelta == .zero ? $0.code : "\($0.code) +\($0.priceDelta.formatted)" }.joined(separator: " ")
        }
        return (rows + [catalog.pick("Pilihan:", "Modifiers:")] + groups).joined(separator: "\n")
    }
}

/// The counter's command words, in Indonesian with English aliases.
enum Command: Equatable {
    case help, menu, view, remove, note, takeaway, dineIn, cancel, switchBarista, quit, pay, supervisor, discount, priceOverride

    init?(_ word: String) {
        switch word.lowercased() {
        case "?", "bantuan", "help": self = .help
        case "menu", "m": self = .menu
        case "lihat", "l", "view": self = .view
        case "hapus", "remove", "del", "-": self = .remove
        case "catatan", "note": self = .note
        case "bawa", "takeaway": self = .takeaway
        case "makan", "dine-in", "dinein": self = .dineIn
        case "batal", "cancel": self = .cancel
        case "ganti", "switch": self = .switchBarista
        case "keluar", "quit", "exit": self = .quit
        case "bayar", "pay", "b": self = .pay
        case "spv", "petugas", "supervisor": self = .supervisor
        case "diskon", "discount": self = .discount
        case "harga", "price": self = .priceOverride
        default: return nil
        }
    }
}
