import Foundation

/// One line of an acquirer's settlement report, as Kasir reads it whatever the layout: the
/// payment it settles (by reference and amount), the day the layout's date column gives, and
/// the MDR the acquirer kept.
///
/// ```swift
/// let line = SettlementLine(line: 2, day: BusinessDay(year: 2026, month: 11, day: 29), reference: "QR-1", amount: 10_000, fee: 0)
/// line.net   // Rp10.000
/// ```
public struct SettlementLine: Hashable, Sendable {
    /// Its line number in the file: the header is line 1.
    public var line: Int
    /// The day the layout's date column gives (the day paid, or the day settled: ``SettlementFile/settlementDays``).
    public var day: BusinessDay
    /// The payment's reference, in capitals, as a QRIS reference is kept (``Tender/reference(_:)``).
    public var reference: String
    /// What the customer paid.
    public var amount: Rupiah
    /// The MDR the acquirer kept (with the tax on it where the layout adds that column).
    public var fee: Rupiah

    public init(line: Int, day: BusinessDay, reference: String, amount: Rupiah, fee: Rupiah) {
        self.line = line
        self.day = day
        self.reference = reference
        self.amount = amount
        self.fee = fee
    }

    /// What reached the café's account.
    public var net: Rupiah { amount - fee }

    /// Days a line's date may fall before the day its layout expects: an acquirer that dates
    /// in WIB (UTC+7) puts a payment made just after midnight WITA on the day before.
    public static let daysEarly = 1
    /// Days a line's date may fall after the day its layout expects: a settlement held over
    /// a weekend and a public holiday.
    public static let daysLate = 4

    /// Whether this line, of a layout whose date falls `settlementDays` after the day paid,
    /// can settle a payment made on `paid`: its date is that day give or take ``daysEarly``
    /// and ``daysLate``. A line dated otherwise names a payment it cannot be (a reference
    /// reused, a file of another year) and confirms nothing.
    ///
    /// ```swift
    /// let line = SettlementLine(line: 2, day: BusinessDay(year: 2026, month: 11, day: 30), reference: "QR-1", amount: 10_000, fee: 0)
    /// line.canSettle(paidOn: BusinessDay(year: 2026, month: 11, day: 29), settlementDays: 1)   // true
    /// line.canSettle(paidOn: BusinessDay(year: 2025, month: 11, day: 29), settlementDays: 1)   // false
    /// ```
    public func canSettle(paidOn paid: BusinessDay, settlementDays: Int) -> Bool {
        let expected = paid.adding(days: settlementDays)
        return day >= expected.adding(days: -Self.daysEarly) && day <= expected.adding(days: Self.daysLate)
    }
}

/// A settlement report as a layout read it: what `kasir qris reconcile` hands the store.
public struct SettlementFile: Hashable, Sendable {
    /// The file's name as given (its last path component), for people.
    public var name: String
    /// SHA-256 of the file's bytes, in hex: the same file imported again changes nothing.
    public var sha256: String
    /// The layout that read it (`kasir`, `xendit-billing`).
    public var layout: String
    /// How many days after a payment the date of its line falls: 0 when the layout's date is
    /// the day paid. A payment counts as not settled only when a file covers the day its line
    /// would carry.
    public var settlementDays: Int
    /// Its settlement lines, in file order (lines a layout leaves out, such as another
    /// channel's, are not here).
    public var lines: [SettlementLine]
    /// The file's bytes, kept when it is imported: ``sha256`` is their digest.
    public var content: Data
    /// The layout as it read the file (its columns, units, filter), as canonical JSON: the
    /// config chooses the layout, so what it was is recorded with the file.
    public var layoutDefinition: String

    public init(name: String, sha256: String, layout: String, settlementDays: Int = 0, lines: [SettlementLine], content: Data = Data(),
                layoutDefinition: String = "") {
        self.name = name
        self.sha256 = sha256
        self.layout = layout
        self.settlementDays = settlementDays
        self.lines = lines
        self.content = content
        self.layoutDefinition = layoutDefinition
    }

    /// The first and last day its lines carry: the span the file covers.
    public var span: (from: BusinessDay, through: BusinessDay)? {
        guard let first = lines.map(\.day).min(), let last = lines.map(\.day).max() else { return nil }
        return (first, last)
    }
}

/// Why a settlement report cannot be imported. Nothing is recorded when one is thrown: a
/// file with one bad line is refused whole, with that line's number.
public enum SettlementError: KasirError, Equatable {
    /// The file cannot be read, or is not UTF-8 text.
    case unreadable(String)
    /// The file holds no settlement line.
    case empty(String)
    /// A column the layout names is not in the file's header.
    case missingColumn(String)
    /// Line `line` is not CSV (a quote left open, text after a closing quote).
    case malformedCSV(line: Int)
    /// Line `line` has `found` fields where the header has `expected`.
    case fieldCount(line: Int, found: Int, expected: Int)
    /// Line `line`'s `column` holds `value`, which is not a date, an amount or a reference of the layout's form.
    case malformedField(line: Int, column: String, value: String)
    /// Line `line`'s fee is more than its amount, or its net is not the amount less the fee.
    case feeMismatch(line: Int)
    /// Line `line` repeats line `first` (the same reference, day and amount).
    case duplicateLine(line: Int, first: Int)
    /// `--mapping` names a layout the config does not have.
    case unknownLayout(name: String, known: [String])
    /// The header names `column`, which the layout reads, more than once.
    case duplicateColumn(String)
    /// Line `line` is dated `day`, after the day the file is imported: no acquirer settles
    /// tomorrow's payments.
    case dateAfterImport(line: Int, day: BusinessDay)
    /// Line `line`'s fee is more than the money rules let an acquirer keep of its amount
    /// (``MoneyRules/qrisMDRCeiling``).
    case feeAboveCeiling(line: Int, fee: Rupiah, amount: Rupiah, ceiling: Percentage)
    /// The file is larger than a settlement report can be (`limit` bytes).
    case tooLarge(name: String, limit: Int)
}

extension SettlementError {
    public var nature: ErrorNature {
        switch self {
        // The file or the layout named is wrong; nothing was recorded and the person can fix it.
        case .unreadable, .empty, .missingColumn, .malformedCSV, .fieldCount, .malformedField, .feeMismatch, .duplicateLine, .unknownLayout,
            .dateAfterImport, .feeAboveCeiling, .tooLarge, .duplicateColumn:
            return .refusal
        }
    }
}
