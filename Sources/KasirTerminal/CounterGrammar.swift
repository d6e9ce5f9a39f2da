import Foundation
import KasirCore

/// What a line typed at the order prompt asks for.
public enum OrderInput: Equatable, Sendable {
    case help, menu, view, cancel, switchBarista, quit, pay, supervisor
    case remove(line: Int)
    case note(String)
    case type(OrderType)
    /// A discount on a line, or the order when `line` is `nil`, with its reason.
    case discount(line: Int?, Discount, reason: String)
    /// A new unit price for a line, with its reason.
    case priceOverride(line: Int, Rupiah, reason: String)
    /// A copy of receipt N of today.
    case reprint(number: Int)
    /// An item, made by `maker` when another barista makes it.
    case item(ItemSpec, maker: String?)
}

/// What a line typed at the checkout prompt asks for.
public enum PaymentInput: Equatable, Sendable {
    /// Back to the order.
    case back
    /// A payment as typed: cash, or QRIS with the reference the customer's app shows.
    case tender(Tender)
    /// A QRIS code with this amount in it for the customer to scan; the reference is asked
    /// once they have paid.
    case qrisCode(Rupiah)
}

/// What a line typed in supervisor mode asks for.
public enum DeskInput: Equatable, Sendable {
    case done, help, x, duty, endProgram
    case open(Rupiah)
    case clockIn(String, Station)
    case clockOut(String)
    case breakStart(String)
    case breakEnd(String)
    case void(number: Int, reason: String)
    case refund(number: Int, picks: [RefundPick], qrisAsCash: Bool, reason: String)
    case cash(CashDirection, Rupiah, reason: String)
    case noSale(reason: String)
    case close(CashCount)
    case recount(CashCount)
    case availability(item: String, available: Bool)
    case note(code: String, text: String)
    case reprint(number: Int)
}

/// The counter's input grammar: a pure parser from a typed line to what it asks for, so the
/// counter's flows never guess and the grammar can be tested on its own.
///
/// Words are Indonesian with English aliases. A number that could be a line or an amount is a
/// line when an amount or percentage follows it and it is no more than an order's line limit:
/// `diskon 5000 pelanggan tetap` is Rp5.000 off the order, `diskon 2 5000 rusak` Rp5.000 off
/// line 2, and `diskon 5 5000 rusak` on a one-line order asks for line 5, which the counter
/// refuses before any PIN (read as an amount, it was once approved as Rp5 off the order).
///
/// ```swift
/// try CounterGrammar.order("diskon 10% pelanggan tetap", lines: 2)   // .discount(line: nil, .percent(10%), reason: "pelanggan tetap")
/// try CounterGrammar.desk("refund 3 2:1 dingin", denominations: cafe.denominations)
/// ```
public enum CounterGrammar {
    /// Reads a line of the order prompt.
    ///
    /// - Parameters:
    ///   - text: the line, trimmed or not.
    ///   - lines: how many lines the order has now. A line number beyond them is still read as
    ///     a line (never as an amount), for the counter to refuse.
    /// - Throws: ``InputError`` naming what cannot be read.
    public static func order(_ text: String, lines: Int) throws(InputError) -> OrderInput {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { throw .malformedItem("") }
        let rest = Array(words.dropFirst())
        let restText = rest.joined(separator: " ")
        switch first.lowercased() {
        case "?", "bantuan", "help": return .help
        case "menu", "m": return .menu
        case "lihat", "l", "view": return .view
        case "batal", "cancel": return .cancel
        case "ganti", "switch": return .switchBarista
        case "keluar", "quit", "exit": return .quit
        case "bayar", "pay", "b": return .pay
        case "spv", "petugas", "supervisor": return .supervisor
        case "bawa", "takeaway": return .type(.takeaway)
        case "makan", "dine-in", "dinein": return .type(.dineIn)
        case "catatan", "note": return .note(restText)
        case "hapus", "remove", "del", "-":
            guard rest.count == 1, let line = Int(rest[0]), line > 0 else { throw .malformedText(field: "hapus BARIS") }
            return .remove(line: line)
        case "cetak", "print", "reprint":
            guard rest.count == 1, let number = Int(rest[0]), number > 0 else { throw .malformedText(field: "cetak NOMOR") }
            return .reprint(number: number)
        case "diskon", "discount":
            if rest.count >= 2, let line = Int(rest[0]), (1...OrderDraft.lineLimit).contains(line), let discount = try? Discount.parse(rest[1]) {
                return .discount(line: line, discount, reason: try reason(rest.dropFirst(2)))
            }
            guard !rest.isEmpty else { throw .malformedText(field: "diskon [BARIS] 10%|JUMLAH ALASAN") }
            return .discount(line: nil, try Discount.parse(rest[0]), reason: try reason(rest.dropFirst()))
        case "harga", "price":
            guard rest.count >= 2, let line = Int(rest[0]), line > 0 else { throw .malformedText(field: "harga BARIS JUMLAH ALASAN") }
            return .priceOverride(line: line, try Rupiah.parse(rest[1]), reason: try reason(rest.dropFirst(2)))
        default:
            var maker: String?
            var item: [String] = []
            for word in words {
                if word.hasPrefix("@") {
                    guard maker == nil else { throw .malformedItem(clipped(text)) }
                    maker = try StaffMember.parseCode(String(word.dropFirst()))
                } else {
                    item.append(word)
                }
            }
            return .item(try ItemSpec.parse(item.joined(separator: " ")), maker: maker)
        }
    }

    /// Reads a line of supervisor mode.
    ///
    /// - Parameter denominations: the café's notes and coins, for a cash count.
    /// - Returns: `nil` for a command word the desk does not know.
    /// - Throws: ``InputError`` naming what cannot be read.
    public static func desk(_ text: String, denominations: [Rupiah]) throws(InputError) -> DeskInput? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first else { return nil }
        let rest = Array(words.dropFirst())
        switch first.lowercased() {
        case "selesai", "done", "keluar", "quit": return .done
        case "?", "bantuan", "help": return .help
        case "x": return .x
        case "tugas", "duty": return .duty
        case "tutup-program", "shutdown": return .endProgram
        case "buka", "open":
            guard rest.count == 1 else { throw .malformedText(field: "buka JUMLAH") }
            return .open(try Rupiah.parse(rest[0]))
        case "masuk", "in":
            guard rest.count == 2, let station = Station(rawValue: rest[1].lowercased()) else {
                throw .malformedText(field: "masuk KODE kasir|bar|dapur")
            }
            return .clockIn(try StaffMember.parseCode(rest[0]), station)
        case "pulang", "out":
            guard rest.count == 1 else { throw .malformedText(field: "pulang KODE") }
            return .clockOut(try StaffMember.parseCode(rest[0]))
        case "istirahat", "break":
            guard rest.count == 1 else { throw .malformedText(field: "istirahat KODE") }
            return .breakStart(try StaffMember.parseCode(rest[0]))
        case "lanjut", "resume":
            guard rest.count == 1 else { throw .malformedText(field: "lanjut KODE") }
            return .breakEnd(try StaffMember.parseCode(rest[0]))
        case "batal", "void":
            guard let number = rest.first.flatMap(Int.init), number > 0 else { throw .malformedText(field: "batal NOMOR ALASAN") }
            return .void(number: number, reason: try reason(rest.dropFirst()))
        case "refund":
            guard let number = rest.first.flatMap(Int.init), number > 0 else {
                throw .malformedText(field: "refund NOMOR [BARIS[:JML] ...] [qris-tunai] ALASAN")
            }
            var index = 1
            var picks: [RefundPick] = []
            while index < rest.count, rest[index].first?.isNumber == true {
                picks.append(try RefundPick.parse(rest[index]))
                index += 1
            }
            var qrisAsCash = false
            if index < rest.count, ["qris-tunai", "qris-cash"].contains(rest[index].lowercased()) {
                qrisAsCash = true
                index += 1
            }
            return .refund(number: number, picks: picks, qrisAsCash: qrisAsCash, reason: try reason(rest.dropFirst(index)))
        case "kas", "cash":
            guard rest.count >= 2 else { throw .malformedText(field: "kas masuk|keluar JUMLAH ALASAN") }
            let direction: CashDirection
            switch rest[0].lowercased() {
            case "masuk", "in": direction = .payIn
            case "keluar", "out": direction = .payOut
            default: throw .malformedText(field: "kas masuk|keluar JUMLAH ALASAN")
            }
            let amount = try Rupiah.parse(rest[1])
            guard amount > .zero else { throw .malformedAmount(clipped(rest[1])) }
            return .cash(direction, amount, reason: try reason(rest.dropFirst(2)))
        case "laci", "no-sale":
            return .noSale(reason: try reason(rest[...]))
        case "tutup", "close":
            guard rest.count == 1 else { throw .malformedCount(clipped(rest.joined(separator: " "))) }
            return .close(try CashCount.parse(rest[0], denominations: denominations))
        case "hitung", "recount":
            guard rest.count == 1 else { throw .malformedCount(clipped(rest.joined(separator: " "))) }
            return .recount(try CashCount.parse(rest[0], denominations: denominations))
        case "habis", "sold-out":
            guard rest.count == 1, ItemSpec.isPlainWord(rest[0]) else { throw .malformedText(field: "habis KODE") }
            return .availability(item: rest[0].uppercased(), available: false)
        case "ada", "available":
            guard rest.count == 1, ItemSpec.isPlainWord(rest[0]) else { throw .malformedText(field: "ada KODE") }
            return .availability(item: rest[0].uppercased(), available: true)
        case "catatan", "note":
            guard rest.count >= 2 else { throw .malformedText(field: "catatan KODE TEKS") }
            return .note(code: try StaffMember.parseCode(rest[0]), text: try StaffMember.validatedText(rest.dropFirst().joined(separator: " "), field: "text", limit: 1_000))
        case "cetak", "print", "reprint":
            guard rest.count == 1, let number = Int(rest[0]), number > 0 else { throw .malformedText(field: "cetak NOMOR") }
            return .reprint(number: number)
        default:
            return nil
        }
    }

    /// Reads a payment typed at the checkout prompt.
    ///
    /// `qris` alone, or `qris JUMLAH`, asks for a QRIS code with the amount in it (what is
    /// still due, or that amount) for the customer to scan; `qris [JUMLAH] REF` records a
    /// payment made at the static QRIS stand, as it always did. A second word that reads as an
    /// amount (``Rupiah/parse(_:)``: up to Rp1.000.000.000) is the amount, anything else the
    /// reference: a bank's reference is letters and digits, or a dozen digits and more; one of
    /// a few digits only is typed after its amount (`qris 18000 123456`).
    ///
    /// ```swift
    /// try CounterGrammar.payment("qris", remaining: 18_000)        // .qrisCode(18_000)
    /// try CounterGrammar.payment("qris 10000", remaining: 18_000)  // .qrisCode(10_000)
    /// try CounterGrammar.payment("qris QR-77", remaining: 18_000)  // .tender(.qris(amount: 18_000, reference: "QR-77"))
    /// ```
    public static func payment(_ text: String, remaining: Rupiah) throws(InputError) -> PaymentInput {
        let words = text.split(separator: " ").map(String.init)
        switch words.first?.lowercased() {
        case "kembali", "back": return .back
        case "pas", "exact": return .tender(.cash(tendered: remaining))
        case "tunai", "t", "cash", "c":
            guard words.count == 2 else { throw .malformedPayment(clipped(text)) }
            return .tender(.cash(tendered: try positive(words[1], text)))
        case "qris", "q":
            switch words.count {
            case 1: return .qrisCode(remaining)
            case 2:
                if (try? Rupiah.parse(words[1])) != nil { return .qrisCode(try positive(words[1], text)) }
                return .tender(.qris(amount: remaining, reference: try Tender.reference(words[1])))
            case 3: return .tender(.qris(amount: try positive(words[1], text), reference: try Tender.reference(words[2])))
            default: throw .malformedPayment(clipped(text))
            }
        default:
            guard words.count == 1 else { throw .malformedPayment(clipped(text)) }
            return .tender(.cash(tendered: try positive(words[0], text)))
        }
    }

    /// Reads the reference typed once the customer has paid by a QRIS code (``Tender/reference(_:)``);
    /// `nil` for `kembali`, which withdraws the code.
    ///
    /// ```swift
    /// try CounterGrammar.qrisReference("qr-77")    // "QR-77"
    /// try CounterGrammar.qrisReference("kembali")  // nil
    /// ```
    public static func qrisReference(_ text: String) throws(InputError) -> String? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "kembali", "back": return nil
        default: return try Tender.reference(text)
        }
    }

    static func positive(_ word: String, _ text: String) throws(InputError) -> Rupiah {
        let amount = try Rupiah.parse(word)
        guard amount > .zero else { throw .malformedPayment(clipped(text)) }
        return amount
    }

    static func reason(_ words: ArraySlice<String>) throws(InputError) -> String {
        try Reason(words.joined(separator: " ")).text
    }
}
