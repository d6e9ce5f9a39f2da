import Foundation
import KasirCore
import SwiftCSV

/// How one acquirer's settlement report is laid out: which column holds the date, the
/// reference, the amount and the fee, and how they are written. A layout only reads a file;
/// what a line means (matching by reference and amount, the fee as a cost, which payments a
/// file vouches for) is Kasir's, whatever the layout.
///
/// Kasir's own layout (``kasir``) is built in: `date,reference,amount,fee,net`, one line per
/// QRIS payment, the date being the day it was paid. Others come from `config/settlement.toml`.
///
/// ```swift
/// let file = try SettlementLayout.kasir.read("date,reference,amount,fee,net\n2026-11-29,QR-1,10000,0,10000\n",
///                                            name: "november.csv", sha256: digest)
/// file.lines.first?.reference   // "QR-1"
/// ```
public struct SettlementLayout: Hashable, Sendable {
    /// What `--mapping` names it by (`kasir`, `xendit-billing`).
    public var name: String
    /// For people: whose export it is.
    public var title: String
    public var delimiter: Character
    /// The column of the line's date.
    public var date: String
    /// How the date is written: `yyyy`, `MM`, `dd` and the characters between them
    /// (`yyyy-MM-dd`, `dd/MM/yyyy`, `yyyyMMdd`). A time after the date is ignored.
    public var dateFormat: String
    public var reference: String
    public var amount: String
    /// The columns whose sum is the fee the acquirer kept (its MDR, and the tax on it where
    /// that is a column of its own). None: the fee is the amount less ``net``, or nothing.
    public var fee: [String]
    /// The column of what reached the café's account, checked against the amount less the fee.
    public var net: String?
    /// A thousands separator amounts may carry (`.` or `,`); the other is then the decimal mark.
    public var thousandsSeparator: Character?
    /// Whether amounts are written in hundredths of a Rupiah (sen), as some acquirers write them.
    public var amountsInCents: Bool
    /// How many days after a payment the date of its line falls: 0 when the date is the day paid.
    public var settlementDays: Int
    /// Only lines whose `keepColumn` holds one of `keepValues` are settlement lines of QRIS
    /// (an export that lists every channel); none: every line is.
    public var keepColumn: String?
    public var keepValues: [String]

    public init(name: String, title: String, delimiter: Character = ",", date: String, dateFormat: String = "yyyy-MM-dd",
                reference: String, amount: String, fee: [String], net: String? = nil, thousandsSeparator: Character? = nil,
                amountsInCents: Bool = false, settlementDays: Int = 0, keepColumn: String? = nil, keepValues: [String] = []) {
        self.name = name
        self.title = title
        self.delimiter = delimiter
        self.date = date
        self.dateFormat = dateFormat
        self.reference = reference
        self.amount = amount
        self.fee = fee
        self.net = net
        self.thousandsSeparator = thousandsSeparator
        self.amountsInCents = amountsInCents
        self.settlementDays = settlementDays
        self.keepColumn = keepColumn
        self.keepValues = keepValues
    }

    /// The layout as canonical JSON (keys sorted): what a settlement file is recorded with, so
    /// the record says how the file was read whatever the config says later.
    public var definition: String {
        struct Definition: Encodable {
            var name, title, delimiter, date, dateFormat, reference, amount: String
            var fee: [String]
            var net: String?
            var thousandsSeparator: String?
            var amountsInCents: Bool
            var settlementDays: Int
            var keepColumn: String?
            var keepValues: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let value = Definition(
            name: name, title: title, delimiter: String(delimiter), date: date, dateFormat: dateFormat, reference: reference, amount: amount,
            fee: fee, net: net, thousandsSeparator: thousandsSeparator.map(String.init), amountsInCents: amountsInCents,
            settlementDays: settlementDays, keepColumn: keepColumn, keepValues: keepValues)
        // Every field is a string, number, bool or list of strings: encoding cannot fail.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    /// Kasir's own layout: `date,reference,amount,fee,net`, whole Rupiah, the day paid.
    public static let kasir = SettlementLayout(
        name: "kasir", title: "Kasir (date,reference,amount,fee,net)", date: "date", reference: "reference", amount: "amount",
        fee: ["fee"], net: "net")

    /// Reads a settlement report. A file with one line that cannot be read is refused whole,
    /// naming that line; lines with every field empty are skipped. A line number, here and in
    /// every ``SettlementError``, is the line of the file (as an editor counts it, the header
    /// being line 1) on which the record begins, though a quoted field spans lines before it.
    ///
    /// - Parameters:
    ///   - name: the file's name, as it is recorded.
    ///   - sha256: the digest of the file's bytes.
    /// - Throws: ``SettlementError``.
    public func read(_ contents: String, name: String, sha256: String) throws(SettlementError) -> SettlementFile {
        // A spreadsheet's export may begin with a byte order mark; it is not part of the first column's name.
        let text = contents.hasPrefix("\u{FEFF}") ? String(contents.dropFirst()) : contents
        let csvDelimiter = CSVDelimiter(unicodeScalarLiteral: delimiter)
        let header: [String]
        var records: [[String]] = []
        do {
            let csv = try EnumeratedCSV(string: text, delimiter: csvDelimiter, loadColumns: false)
            header = csv.header.map { $0.trimmingCharacters(in: .whitespaces) }
            // Each record as the parser read it, not padded to the longest, so a short line is found.
            try csv.enumerateAsArray(startAt: 1, rowLimit: nil) { records.append($0) }
        } catch {
            throw .malformedCSV(line: Self.firstUnreadableLine(text, delimiter: csvDelimiter))
        }
        func column(_ wanted: String) throws(SettlementError) -> Int {
            let indexes = header.indices.filter { header[$0].caseInsensitiveCompare(wanted) == .orderedSame }
            guard let index = indexes.first else { throw .missingColumn(wanted) }
            // Two columns of one name: reading the first would be a guess.
            guard indexes.count == 1 else { throw .duplicateColumn(wanted) }
            return index
        }
        let dateColumn = try column(date), referenceColumn = try column(reference), amountColumn = try column(amount)
        var feeColumns: [Int] = []
        for name in fee { feeColumns.append(try column(name)) }
        var netColumn: Int?
        if let net { netColumn = try column(net) }
        var keep: Int?
        if let keepColumn { keep = try column(keepColumn) }

        let endsInNewline = text.hasSuffix("\n") || text.hasSuffix("\r") || text.hasSuffix("\r\n")
        // The line a person finds a record on in an editor: a quoted field may span lines.
        let startLines = Self.recordStartLines(text, delimiter: delimiter)
        var lines: [SettlementLine] = []
        var seen: [String: Int] = [:]
        for (index, original) in records.enumerated() {
            // `records` begins after the header, which is SwiftCSV's record 0.
            let number = startLines[min(index + 1, startLines.count - 1)]
            guard original.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else { continue }
            var fields = original
            // The parser drops the last field of a file that does not end in a newline when that field is empty.
            if fields.count == header.count - 1 && index == records.count - 1 && !endsInNewline { fields.append("") }
            guard fields.count == header.count else { throw .fieldCount(line: number, found: fields.count, expected: header.count) }
            let value = { (column: Int) in fields[column].trimmingCharacters(in: .whitespaces) }
            if let keep, !keepValues.contains(where: { $0.caseInsensitiveCompare(value(keep)) == .orderedSame }) { continue }
            guard let day = Self.day(value(dateColumn), format: dateFormat) else {
                throw .malformedField(line: number, column: header[dateColumn], value: clipped(value(dateColumn)))
            }
            guard let reference = try? Tender.reference(value(referenceColumn)) else {
                throw .malformedField(line: number, column: header[referenceColumn], value: clipped(value(referenceColumn)))
            }
            // Amounts are counted in sen: a payment is whole Rupiah, a fee (a percentage, and the
            // VAT on it) may have a fraction and is rounded to the Rupiah once summed.
            func sen(_ column: Int) throws(SettlementError) -> Int64 {
                guard let parsed = parseSen(value(column)), parsed <= Rupiah.largestAccepted.value * 100 else {
                    throw .malformedField(line: number, column: header[column], value: clipped(value(column)))
                }
                return parsed
            }
            let paid = try sen(amountColumn)
            guard paid > 0, paid % 100 == 0 else {
                throw .malformedField(line: number, column: header[amountColumn], value: clipped(value(amountColumn)))
            }
            var kept: Int64 = 0
            // An empty fee column is no fee taken from the payment: an acquirer that invoices
            // its fees apart (Xendit's INDIRECT accounts) leaves it so.
            for column in feeColumns where !value(column).isEmpty { kept += try sen(column) }
            if let netColumn {
                let reached = try sen(netColumn)
                if feeColumns.isEmpty { kept = paid - reached }
                guard reached == paid - kept else { throw .feeMismatch(line: number) }
            }
            guard kept >= 0, kept <= paid else { throw .feeMismatch(line: number) }
            let amount = Rupiah(paid / 100), charged = Rupiah((kept + 50) / 100)
            let key = "\(reference)|\(day)|\(amount.value)"
            if let first = seen[key] { throw .duplicateLine(line: number, first: first) }
            seen[key] = number
            lines.append(SettlementLine(line: number, day: day, reference: reference, amount: amount, fee: charged))
        }
        guard !lines.isEmpty else { throw .empty(name) }
        return SettlementFile(name: name, sha256: sha256, layout: self.name, settlementDays: settlementDays, lines: lines,
                              layoutDefinition: definition)
    }

    /// An amount as the layout writes it, in sen (hundredths of a Rupiah): digits, the
    /// thousands separator if it has one, and up to two decimals (`15000`, `15,000.00`, `6.93`);
    /// in sen already when the layout writes amounts in cents.
    func parseSen(_ text: String) -> Int64? {
        var digits = text
        if let thousands = thousandsSeparator { digits.removeAll { $0 == thousands } }
        let mark: Character = thousandsSeparator == "." ? "," : "."
        let parts = digits.split(separator: mark, omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 15,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let whole = Int64(parts[0])
        else { return nil }
        let fraction = parts.count == 2 ? Array(parts[1]) : []
        if amountsInCents {
            guard fraction.allSatisfy({ $0 == "0" }) else { return nil }
            return whole
        }
        // Digits past the second decimal must be zeros: no amount is finer than a sen.
        guard fraction.dropFirst(2).allSatisfy({ $0 == "0" }) else { return nil }
        var cents: Int64 = 0
        for (position, digit) in fraction.prefix(2).enumerated() { cents += Int64(digit.wholeNumberValue ?? 0) * (position == 0 ? 10 : 1) }
        return whole * 100 + cents
    }

    /// The day at the start of `text` written as `format` (`yyyy`, `MM`, `dd`, literal
    /// characters); what follows it (a time) must not continue its digits.
    public static func day(_ text: String, format: String) -> BusinessDay? {
        let characters = Array(text), pattern = Array(format)
        guard characters.count >= pattern.count, !pattern.isEmpty else { return nil }
        var year: Int?, month: Int?, day: Int?
        var index = 0
        while index < pattern.count {
            let token = pattern[index]
            guard token == "y" || token == "M" || token == "d" else {
                guard characters[index] == token else { return nil }
                index += 1
                continue
            }
            var end = index
            while end < pattern.count && pattern[end] == token { end += 1 }
            let field = characters[index..<end]
            guard field.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(String(field)) else { return nil }
            switch token {
            case "y": year = field.count == 4 ? number : nil
            case "M": month = number
            default: day = number
            }
            index = end
        }
        // After the date only a time may follow: a space or `T`, then digits and `:.+-Z` and spaces.
        if characters.count > pattern.count {
            let rest = characters[pattern.count...]
            guard rest.first == " " || rest.first == "T",
                rest.dropFirst().allSatisfy({ ($0.isASCII && $0.isNumber) || ":.+-Z ".contains($0) }),
                rest.dropFirst().first.map({ $0.isASCII && $0.isNumber }) ?? true
            else { return nil }
        }
        guard let year, let month, let day else { return nil }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return try? BusinessDay.parse("\(year)-\(two(month))-\(two(day))")
    }

    /// The line of the file on which the first record the CSV parser cannot read begins: the
    /// fewest records whose parsing fails, found by halving (the parser says what failed, not
    /// where), mapped to its line by ``recordStartLines(_:delimiter:)``.
    static func firstUnreadableLine(_ text: String, delimiter: CSVDelimiter) -> Int {
        let startLines = recordStartLines(text, delimiter: delimiter.rawValue)
        func fails(_ records: Int) -> Bool {
            (try? EnumeratedCSV(string: text, delimiter: delimiter, loadColumns: false, rowLimit: records)) == nil
        }
        // The header itself (no record read) cannot be parsed.
        if fails(0) { return startLines[0] }
        // SwiftCSV reads no more records than begin somewhere: `startLines.count` with the header.
        var low = 0, high = max(1, startLines.count - 1)
        guard fails(high) else { return startLines[startLines.count - 1] }
        // `low` records parse; `high` do not: record `high` (the header being record 0) is the first unreadable.
        while high - low > 1 {
            let middle = (low + high) / 2
            if fails(middle) { high = middle } else { low = middle }
        }
        return startLines[min(high, startLines.count - 1)]
    }

    /// The line of the file (1-based, as an editor counts it) on which each record SwiftCSV
    /// reads from `text` begins: element 0 is the header's, element `n` the `n`th record's.
    /// Past a place SwiftCSV refuses, the elements mean nothing (no record is read there).
    ///
    /// It mirrors the state machine of SwiftCSV 0.10.0 (`ParsingState.change(_:)`, read from
    /// its source) only so far as it decides where a record ends; SwiftCSV still parses.
    /// What that source does, which this follows:
    /// - It walks the text by `Character` (grapheme), so CR LF is one character; it ends a
    ///   record at `"\n"`, `"\r\n"` or a lone `"\r"` (its own `Character.isNewline`, not the
    ///   standard library's: U+2028, NEL, VT and FF are no line ends to it, nor here).
    /// - A line end inside a quoted field is part of the field; a `"` inside a quoted field is
    ///   written `""`. After a field's closing quote, spaces are skipped; a line end ends the
    ///   record; anything but `"`, the delimiter or a space is refused.
    /// - A blank line (or one of spaces only) is not skipped: it is a record of one empty
    ///   field (``read(_:name:sha256:)`` skips it as a line with every field empty), so it
    ///   counts here too. A line end at the very end of the text starts no record.
    /// - Spaces before a field are skipped; a `"` in an unquoted field must be doubled.
    static func recordStartLines(_ text: String, delimiter: Character) -> [Int] {
        enum State { case fieldStart, unquoted, quoteInUnquoted, quoted, quoteInQuoted }
        var startLines = [1], line = 1, state = State.fieldStart
        for character in text {
            let isLineEnd = character == "\n" || character == "\r\n" || character == "\r"
            if isLineEnd { line += 1 }
            var endsRecord = false
            // Outside quotes a delimiter starts the next field and a line end the next record.
            func endsField() -> Bool {
                guard character == delimiter || isLineEnd else { return false }
                endsRecord = isLineEnd
                state = .fieldStart
                return true
            }
            switch state {
            case .fieldStart:
                if character == "\"" {
                    state = .quoted
                } else if !endsField() && !character.isWhitespace {
                    state = .unquoted
                }
            case .unquoted:
                if character == "\"" { state = .quoteInUnquoted } else { _ = endsField() }
            case .quoteInUnquoted:
                // Only a second `"` may follow; SwiftCSV refuses anything else and reads no further.
                state = .unquoted
            case .quoted:
                if character == "\"" { state = .quoteInQuoted }
            case .quoteInQuoted:
                if character == "\"" { state = .quoted } else { _ = endsField() }
            }
            if endsRecord { startLines.append(line) }
        }
        return startLines
    }
}

/// The settlement layouts a café has: Kasir's own, and those of `config/settlement.toml`.
///
/// ```toml
/// default = "kasir"
///
/// [[layouts]]
/// name = "xendit-billing"
/// date = "billed_at"
/// reference = "reference"
/// amount = "transaction_amount"
/// fee = ["fees_paid_amount", "vat_paid_amount"]
/// keep_column = "transaction_channel"
/// keep_values = ["QRIS"]
/// ```
public struct SettlementLayouts: Sendable {
    /// Kasir's own first, then the config's in file order.
    public var layouts: [SettlementLayout]
    /// The layout `kasir qris reconcile` reads a file by when `--mapping` names none.
    public var defaultName: String

    public init(layouts: [SettlementLayout] = [.kasir], defaultName: String = SettlementLayout.kasir.name) {
        self.layouts = layouts
        self.defaultName = defaultName
    }

    /// The layout `name` names, or the default one.
    ///
    /// - Throws: ``SettlementError/unknownLayout(name:known:)``.
    public func layout(named name: String?) throws(SettlementError) -> SettlementLayout {
        let wanted = name ?? defaultName
        guard let layout = layouts.first(where: { $0.name == wanted }) else {
            throw .unknownLayout(name: wanted, known: layouts.map(\.name))
        }
        return layout
    }

    /// The layouts of `settlement.toml` in `folder`, beside Kasir's own; Kasir's own alone
    /// when there is no such file.
    ///
    /// - Throws: ``ConfigError`` naming the key that is wrong.
    public static func load(from folder: URL) throws(ConfigError) -> SettlementLayouts {
        let file = folder.appendingPathComponent("settlement.toml")
        guard FileManager.default.fileExists(atPath: file.path) else { return SettlementLayouts() }
        return try parse(try KasirConfiguration.read(file), file: "settlement.toml")
    }

    static func parse(_ text: String, file: String) throws(ConfigError) -> SettlementLayouts {
        let root = try TOMLReader.parse(text, file: file)
        var layouts: [SettlementLayout] = [.kasir]
        for table in try root.tables("layouts") {
            let name = try table.requiredString("name")
            guard (1...40).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
                throw table.fail("name", .wrongType(expected: "a-z, 0-9 and -, up to 40"))
            }
            guard !layouts.contains(where: { $0.name == name }) else { throw table.fail("name", .duplicate(name)) }
            func character(_ key: String, default value: Character?) throws(ConfigError) -> Character? {
                guard let text = try table.string(key) else { return value }
                if text.isEmpty { return nil }
                guard text.count == 1, let character = text.first else { throw table.fail(key, .wrongType(expected: "one character")) }
                return character
            }
            let dateFormat = try table.string("date_format") ?? "yyyy-MM-dd"
            guard dateFormat.contains("yyyy"), dateFormat.contains("MM"), dateFormat.contains("dd") else {
                throw table.fail("date_format", .wrongType(expected: "yyyy, MM and dd"))
            }
            let keepValues = try table.strings("keep_values") ?? []
            let keepColumn = try table.string("keep_column")
            guard (keepColumn == nil) == keepValues.isEmpty else { throw table.fail(keepColumn == nil ? "keep_column" : "keep_values", .missing) }
            layouts.append(SettlementLayout(
                name: name, title: try table.string("title") ?? name, delimiter: try character("delimiter", default: ",") ?? ",",
                date: try table.requiredString("date"), dateFormat: dateFormat, reference: try table.requiredString("reference"),
                amount: try table.requiredString("amount"), fee: try table.strings("fee") ?? [], net: try table.string("net"),
                thousandsSeparator: try character("thousands_separator", default: nil), amountsInCents: try table.bool("amounts_in_cents") ?? false,
                settlementDays: try table.int("settlement_days", range: 0...14) ?? 0, keepColumn: keepColumn, keepValues: keepValues))
        }
        let defaultName = try root.string("default") ?? SettlementLayout.kasir.name
        guard layouts.contains(where: { $0.name == defaultName }) else { throw root.fail("default", .unknownReference(defaultName)) }
        return SettlementLayouts(layouts: layouts, defaultName: defaultName)
    }
}
