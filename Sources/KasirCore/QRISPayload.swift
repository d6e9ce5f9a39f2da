import Foundation

/// Why a QRIS payload cannot be used. Each case names the tag (the EMVCo data object ID) at
/// fault, `"59"` at the root or `"51.02"` inside a template, so its one line can say where.
///
/// A payload is something a person gave — an admin's `kasir policy set --qris-payload`, the
/// café's `[qris] static_payload` — and nothing is changed when one is refused, so every case
/// is a refusal: at the counter the order goes on (paid in cash) rather than ending.
public enum QRISPayloadError: KasirError, Equatable {
    /// No data object (two-digit tag, two-digit length 01–99, that many characters) starts
    /// after `offset` characters of the payload: at the root (`template` is `nil`) or inside
    /// the template with that tag (`"62"`).
    case malformedObject(template: String?, offset: Int)
    /// A tag twice in the same place: `"59"`, or `"62.07"` inside a template.
    case duplicateTag(String)
    /// A tag QRIS requires is not there: `"52"`, or `"51.02"` (the NMID).
    case missingTag(String)
    /// Tag `00` not first or tag `63` (the CRC) not last.
    case misplacedTag(String)
    /// Tag 63 does not match the payload: `expected` is the CRC of the payload, `found` the one
    /// written in it. A payload copied in part, or changed by hand.
    case badCRC(expected: String, found: String)
    /// A value not of its tag's form: `00` not `01`, `01` neither `11` nor `12`, `52` not four
    /// digits, `63` not four hexadecimal digits, an NMID not `ID` and 13 letters or digits, a bill
    /// number or terminal label (`62.01`, `62.07`) not printable ASCII.
    case invalidValue(tag: String, value: String)
    /// Tag 53 is not `360`, the Rupiah.
    case currencyNotRupiah(String)
    /// Tag 58 is not `ID`.
    case countryNotIndonesia(String)
    /// No merchant account information (tags 26–51) carries the national repository's
    /// `ID.CO.QRIS.WWW`: QRIS puts it, with the NMID, in tag 51.
    case noNationalMerchantAccount
    /// An amount for tag 54 that is not above Rp0 or is longer than its 13 characters.
    case amountOutOfRange(Rupiah)
    /// A value over its tag's limit: `"59"` (25), `"60"` (15), a bill number or terminal label
    /// `"62.01"`, `"62.07"` (25), the additional data template `"62"` as a whole (99).
    case valueTooLong(tag: String, limit: Int)
}

extension QRISPayloadError {
    public var nature: ErrorNature {
        switch self {
        // A payload or an amount a person gave: nothing changed, and they can give another.
        case .malformedObject, .duplicateTag, .missingTag, .misplacedTag, .badCRC, .invalidValue, .currencyNotRupiah,
             .countryNotIndonesia, .noNationalMerchantAccount, .amountOutOfRange, .valueTooLong:
            return .refusal
        }
    }
}

/// The café's QRIS payload — the text inside the QR code its bank or PJP issued — read as an
/// EMVCo merchant-presented payload and checked against what QRIS requires, and the dynamic
/// payload for one amount made from it.
///
/// The payload is a run of data objects, each a two-digit tag, a two-digit length and that many
/// characters; merchant account information (tags 26–51) and the additional data (tag 62) are
/// templates holding data objects of their own. Tag 00 (`01`) comes first and tag 63, the
/// CRC-16/CCITT-FALSE of everything before its value, last. QRIS also requires the national
/// repository's entry (a template with `ID.CO.QRIS.WWW` and the NMID, tag 51), the merchant
/// category (52), the Rupiah (53 = `360`), Indonesia (58 = `ID`), the merchant's name (59) and
/// city (60).
///
/// ```swift
/// let payload = try QRISPayload.parse(staticText)
/// payload.merchantName       // "KASIR DEMO BUKAN MERCHANT"
/// payload.nationalMerchantID // "ID0000000000000"
/// let code = try payload.dynamic(amount: 25_000, billNumber: "20261129-3", terminalLabel: "KASIR-1")
/// ```
public struct QRISPayload: Hashable, Sendable {
    /// One data object: its tag and its value, a template's value holding data objects of its own.
    public struct DataObject: Hashable, Sendable {
        /// Two digits, `"00"`–`"99"`.
        public var tag: String
        public var value: String

        public init(tag: String, value: String) {
            self.tag = tag
            self.value = value
        }

        /// The object as a payload writes it: tag, length in two digits, value (at most 99
        /// characters, as the length has two digits).
        public var encoded: String {
            let length = value.unicodeScalars.count
            return tag + (length < 10 ? "0" : "") + String(length) + value
        }
    }

    /// The payload as given.
    public let text: String
    /// Its data objects under the root, in the payload's order, tag 63 last.
    public let objects: [DataObject]
    /// Whether the payload carries its amount (tag 01 = `12`) or the customer types it (`11`).
    public let isDynamic: Bool
    /// The National Merchant ID (NMID) of the national repository's entry (tag 51, sub-tag 02).
    public let nationalMerchantID: String
    /// Tag 52, four digits.
    public let merchantCategoryCode: String
    /// Tag 59.
    public let merchantName: String
    /// Tag 60.
    public let merchantCity: String

    /// The globally unique identifier of the national QRIS repository.
    public static let nationalRepository = "ID.CO.QRIS.WWW"

    /// The value of a data object under the root, `nil` when there is none.
    public func value(of tag: String) -> String? {
        objects.first { $0.tag == tag }?.value
    }

    /// The data objects inside a template (tags 26–51 and 62, read when the payload was
    /// parsed); empty when the payload has no such template.
    public func template(_ tag: String) -> [DataObject] {
        guard let text = value(of: tag), let located = try? Self.read(Array(text.unicodeScalars)[...], base: 0, template: tag) else {
            return []
        }
        return located.map(\.object)
    }

    // MARK: Reading

    /// Reads `text` as a QRIS payload, checking its data objects, its CRC and the fields QRIS
    /// requires, in that order: the first problem found is thrown.
    ///
    /// ```swift
    /// let payload = try QRISPayload.parse("00020101021126…6304F590")
    /// payload.isDynamic // false: a static code, the customer types the amount
    /// ```
    ///
    /// - Throws: ``QRISPayloadError`` naming the tag at fault.
    public static func parse(_ text: String) throws(QRISPayloadError) -> QRISPayload {
        let scalars = Array(text.unicodeScalars)
        let located = try read(scalars[...], base: 0, template: nil)
        let objects = located.map(\.object)
        try requireUnique(objects, in: nil)
        func value(_ tag: String) -> String? { objects.first { $0.tag == tag }?.value }

        guard let first = objects.first, first.tag == "00" else {
            throw value("00") == nil ? QRISPayloadError.missingTag("00") : .misplacedTag("00")
        }
        guard first.value == "01" else { throw .invalidValue(tag: "00", value: first.value) }
        guard let last = objects.last, last.tag == "63" else {
            throw value("63") == nil ? QRISPayloadError.missingTag("63") : .misplacedTag("63")
        }
        guard last.value.unicodeScalars.count == 4 else { throw .invalidValue(tag: "63", value: last.value) }
        // The CRC covers everything up to and including "6304": all but its own four characters.
        var signed = ""
        signed.unicodeScalars.append(contentsOf: scalars.dropLast(4))
        let expected = checksum(signed)
        guard last.value.uppercased() == expected else { throw .badCRC(expected: expected, found: last.value) }

        guard let initiation = value("01") else { throw .missingTag("01") }
        guard initiation == "11" || initiation == "12" else { throw .invalidValue(tag: "01", value: initiation) }
        var templates: [String: [DataObject]] = [:]
        for item in located where isTemplate(item.object.tag) {
            let inner = try read(Array(item.object.value.unicodeScalars)[...], base: item.valueOffset, template: item.object.tag).map(\.object)
            try requireUnique(inner, in: item.object.tag)
            templates[item.object.tag] = inner
        }

        guard let currency = value("53") else { throw .missingTag("53") }
        guard currency == "360" else { throw .currencyNotRupiah(currency) }
        guard let country = value("58") else { throw .missingTag("58") }
        guard country == "ID" else { throw .countryNotIndonesia(country) }

        // QRIS puts the national repository in tag 51; any merchant account template is
        // searched, the first with its identifier counting.
        let national = objects.first { object in
            guard let inner = templates[object.tag], (26...51).contains(Int(object.tag) ?? 0) else { return false }
            return inner.first { $0.tag == "00" }?.value.uppercased() == nationalRepository
        }
        guard let national, let account = templates[national.tag] else { throw .noNationalMerchantAccount }
        guard let nmid = account.first(where: { $0.tag == "02" })?.value else { throw .missingTag(national.tag + ".02") }
        guard isNationalMerchantID(nmid) else { throw .invalidValue(tag: national.tag + ".02", value: nmid) }

        guard let category = value("52") else { throw .missingTag("52") }
        guard category.unicodeScalars.count == 4, category.unicodeScalars.allSatisfy(Self.isDigit) else {
            throw .invalidValue(tag: "52", value: category)
        }
        guard let name = value("59") else { throw .missingTag("59") }
        guard name.unicodeScalars.count <= 25 else { throw .valueTooLong(tag: "59", limit: 25) }
        guard let city = value("60") else { throw .missingTag("60") }
        guard city.unicodeScalars.count <= 15 else { throw .valueTooLong(tag: "60", limit: 15) }

        return QRISPayload(
            text: text, objects: objects, isDynamic: initiation == "12", nationalMerchantID: nmid, merchantCategoryCode: category,
            merchantName: name, merchantCity: city)
    }

    /// The data objects under the root of an EMVCo payload, read without any of QRIS's checks:
    /// for payloads of other schemes, and for tests.
    ///
    /// ```swift
    /// try QRISPayload.dataObjects(in: "000201010212").map(\.tag) // ["00", "01"]
    /// ```
    ///
    /// - Throws: ``QRISPayloadError/malformedObject(template:offset:)``.
    public static func dataObjects(in text: String) throws(QRISPayloadError) -> [DataObject] {
        try read(Array(text.unicodeScalars)[...], base: 0, template: nil).map(\.object)
    }

    /// A data object and where its value starts in the whole payload, for the offset of a
    /// malformed object inside a template.
    struct Located {
        var object: DataObject
        var valueOffset: Int
    }

    /// Reads `scalars` as data objects; `base` is where they start in the whole payload.
    /// Lengths count characters (Unicode scalars), as EMVCo's do.
    static func read(_ scalars: ArraySlice<Unicode.Scalar>, base: Int, template: String?) throws(QRISPayloadError) -> [Located] {
        func digits(_ range: Range<Int>) -> String? {
            let part = scalars[range]
            guard part.allSatisfy(Self.isDigit) else { return nil }
            var text = ""
            text.unicodeScalars.append(contentsOf: part)
            return text
        }
        var located: [Located] = []
        var index = scalars.startIndex
        while index < scalars.endIndex {
            guard index + 4 <= scalars.endIndex, let tag = digits(index..<index + 2), let length = digits(index + 2..<index + 4).flatMap({ Int($0) }),
                  length > 0, index + 4 + length <= scalars.endIndex
            else { throw .malformedObject(template: template, offset: base + index - scalars.startIndex) }
            var value = ""
            value.unicodeScalars.append(contentsOf: scalars[index + 4..<index + 4 + length])
            located.append(Located(object: DataObject(tag: tag, value: value), valueOffset: base + index - scalars.startIndex + 4))
            index += 4 + length
        }
        return located
    }

    static func requireUnique(_ objects: [DataObject], in template: String?) throws(QRISPayloadError) {
        var seen: Set<String> = []
        for object in objects {
            guard seen.insert(object.tag).inserted else { throw .duplicateTag(template.map { "\($0).\(object.tag)" } ?? object.tag) }
        }
    }

    /// Merchant account information (26–51) and the additional data (62) hold data objects.
    static func isTemplate(_ tag: String) -> Bool {
        guard let number = Int(tag) else { return false }
        return (26...51).contains(number) || number == 62
    }

    /// `ID` and 13 letters or digits, as the national repository issues them (`ID1021125405972`).
    static func isNationalMerchantID(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.count == 15 && text.hasPrefix("ID")
            && scalars.dropFirst(2).allSatisfy { Self.isDigit($0) || (0x41...0x5A).contains($0.value) }
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool { (0x30...0x39).contains(scalar.value) }

    // MARK: The dynamic payload

    /// Tags the dynamic payload writes anew or leaves out: the point of initiation (01), the
    /// amount (54), the tip or convenience fee (55–57: surcharging the customer is not allowed,
    /// PBI 23/6/PBI/2021), the additional data (62) and the CRC (63).
    static let rewrittenInDynamic: Set<String> = ["01", "54", "55", "56", "57", "62", "63"]

    /// The dynamic payload for one amount: point of initiation `12`, the amount in whole Rupiah
    /// in tag 54, no tip or convenience fee (tags 55–57 left out), the bill number and terminal
    /// label in the additional data (tag 62, sub-tags 01 and 07), and the CRC (tag 63) anew.
    ///
    /// Every other data object of the static payload is kept as it is, the additional data's
    /// other sub-fields too (a store or reference label the PJP put there may be how its
    /// settlement names the outlet); an empty bill number or terminal label is left out. Tags
    /// are written in ascending order with 63 last: EMVCo asks only that 00 come first and 63
    /// last, and one order makes the same payload for the same bill.
    ///
    /// ```swift
    /// let code = try payload.dynamic(amount: 25_000, billNumber: "20261129-3", terminalLabel: "KASIR-1")
    /// // "000201010212…540525000…6304BEAC"
    /// ```
    ///
    /// - Throws: ``QRISPayloadError/amountOutOfRange(_:)`` for an amount not above Rp0 or over 13
    ///   digits, ``QRISPayloadError/valueTooLong(tag:limit:)`` for a bill number or terminal label
    ///   over 25 characters or additional data over 99, ``QRISPayloadError/invalidValue(tag:value:)``
    ///   for one that is not printable ASCII.
    public func dynamic(amount: Rupiah, billNumber: String, terminalLabel: String) throws(QRISPayloadError) -> String {
        let digits = String(amount.value)
        guard amount > .zero, digits.count <= 13 else { throw .amountOutOfRange(amount) }
        var additional = template("62").filter { $0.tag != "01" && $0.tag != "07" }
        for (tag, value) in [("01", billNumber), ("07", terminalLabel)] where !value.isEmpty {
            guard value.unicodeScalars.allSatisfy({ (0x20...0x7E).contains($0.value) }) else { throw .invalidValue(tag: "62." + tag, value: value) }
            guard value.unicodeScalars.count <= 25 else { throw .valueTooLong(tag: "62." + tag, limit: 25) }
            additional.append(DataObject(tag: tag, value: value))
        }
        let additionalData = additional.sorted { $0.tag < $1.tag }.map(\.encoded).joined()
        guard additionalData.unicodeScalars.count <= 99 else { throw .valueTooLong(tag: "62", limit: 99) }

        var root = objects.filter { !Self.rewrittenInDynamic.contains($0.tag) }
        root.append(DataObject(tag: "01", value: "12"))
        root.append(DataObject(tag: "54", value: digits))
        if !additionalData.isEmpty { root.append(DataObject(tag: "62", value: additionalData)) }
        let body = root.sorted { $0.tag < $1.tag }.map(\.encoded).joined() + "6304"
        return body + Self.checksum(body)
    }

    // MARK: The CRC

    /// CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF, no reflection, no final
    /// XOR) of the UTF-8 bytes of `text`: EMVCo's tag 63.
    ///
    /// ```swift
    /// QRISPayload.crc16("123456789") // 0x29B1
    /// ```
    public static func crc16(_ text: String) -> UInt16 {
        var crc: UInt16 = 0xFFFF
        for byte in text.utf8 {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }

    /// ``crc16(_:)`` as tag 63 writes it: four upper-case hexadecimal digits.
    ///
    /// ```swift
    /// QRISPayload.checksum("123456789") // "29B1"
    /// ```
    public static func checksum(_ text: String) -> String {
        let hex = String(crc16(text), radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }
}
