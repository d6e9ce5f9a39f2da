import Foundation
import KasirCore
import Testing

/// Issue 21: the café's static QRIS payload read as EMVCo merchant-presented TLV and checked
/// against what QRIS requires, and the dynamic payload for one amount made from it.
///
/// Every expected payload and CRC here was worked out outside Kasir, by a short Python
/// reference (CRC-16/CCITT-FALSE over the UTF-8 bytes), not by the code under test.
@Suite struct QRISPayloadTests {
    /// A data object as a payload writes it, built here rather than by the code under test.
    static func object(_ tag: String, _ value: String) -> String {
        tag + (value.count < 10 ? "0" : "") + String(value.count) + value
    }

    /// `body` with tag 63 and its CRC.
    static func sealed(_ body: String) -> String {
        body + "6304" + QRISPayload.checksum(body + "6304")
    }

    /// A static QRIS worked out by hand, data object by data object: a PJP's account (26), the
    /// national repository with the NMID (51), MCC 5812, Rupiah, Indonesia, name and city.
    static let parts = [
        "000201", "010211",
        "2649" + "0016ID.CO.CONTOH.WWW" + "0118936000000000000001" + "0303UMI",
        "5144" + "0014ID.CO.QRIS.WWW" + "0215ID1234567890123" + "0303UMI",
        "52045812", "5303360", "5802ID", "5913WARUNG CONTOH", "6010BALIKPAPAN",
    ]
    /// `parts` sealed, its CRC (18D5) computed in Python.
    static let handWorked = "00020101021126490016ID.CO.CONTOH.WWW01189360000000000000010303UMI51440014ID.CO.QRIS.WWW0215ID"
        + "12345678901230303UMI5204581253033605802ID5913WARUNG CONTOH6010BALIKPAPAN630418D5"

    /// `parts` with one of them replaced (or left out, for ""), sealed anew.
    static func variant(_ index: Int, _ replacement: String) -> String {
        var parts = Self.parts
        parts[index] = replacement
        return sealed(parts.joined())
    }

    /// The demo payload shipped in config/kasir.toml (not a real merchant), CRC F590 from Python.
    static let demo = "00020101021126740022INVALID.KASIR.DEMO.WWW01189360999900000000010215KASIRDEMO0000010303UMI"
        + "51440014ID.CO.QRIS.WWW0215ID00000000000000303UMI5204581453033605802ID5925KASIR DEMO BUKAN MERCHANT"
        + "6010BALIKPAPAN61057611462070703A016304F590"

    /// The example payload of the EMV QRCPS Merchant-Presented Mode specification (v1.0, July
    /// 2017, appendix), as the specification's own sample in the tests of ericsalim/exemvi
    /// (test/mpm_test.exs, `@official_sample`) and mvallim/emv-qrcode (CRCTest, "A13A") quote
    /// it. Its tag 64 holds Chinese: lengths count characters, the CRC the UTF-8 bytes.
    static let emvcoExample = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
        + "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A6008667"
        + "0902ME91320016A0112233449988770708123456786304A13A"

    /// A static QRIS published as the example of the npm package @terryds/qris-decoder (its
    /// README, https://npmjs.com/package/@terryds/qris-decoder): a PJP account (26), the national
    /// repository (51), a tip prompt (55 = 01), a postal code (61) and additional data (62) with a
    /// reference label (05) and terminal label (07). Read only here; never printed.
    static let publishedQRIS = "00020101021126680016ID.CO.TELKOM.WWW011893600898026635207502150001952663520750303UMI"
        + "51440014ID.CO.QRIS.WWW0215ID10211254059720303UMI5204549953033605502015802ID5906BIOLBE6011KAB. MALANG"
        + "610565168622005091147938120703A03630404CB"

    // MARK: The CRC

    @Test func crcKnownAnswers() {
        // The check value of CRC-16/CCITT-FALSE.
        #expect(QRISPayload.crc16("123456789") == 0x29B1)
        #expect(QRISPayload.checksum("123456789") == "29B1")
        // Nothing read: the initial value.
        #expect(QRISPayload.checksum("") == "FFFF")
        // Four digits always, leading zeros kept.
        #expect(QRISPayload.checksum("A").count == 4)
        #expect(QRISPayload.checksum("A") == "B915")
    }

    // MARK: Reading

    @Test func aPayloadWorkedOutByHandIsRead() throws {
        #expect(Self.sealed(Self.parts.joined()) == Self.handWorked)
        let payload = try QRISPayload.parse(Self.handWorked)
        #expect(payload.text == Self.handWorked)
        #expect(!payload.isDynamic)
        #expect(payload.nationalMerchantID == "ID1234567890123")
        #expect(payload.merchantCategoryCode == "5812")
        #expect(payload.merchantName == "WARUNG CONTOH")
        #expect(payload.merchantCity == "BALIKPAPAN")
        #expect(payload.objects.map(\.tag) == ["00", "01", "26", "51", "52", "53", "58", "59", "60", "63"])
        #expect(payload.value(of: "63") == "18D5")
        #expect(payload.template("26") == [
            QRISPayload.DataObject(tag: "00", value: "ID.CO.CONTOH.WWW"), QRISPayload.DataObject(tag: "01", value: "936000000000000001"),
            QRISPayload.DataObject(tag: "03", value: "UMI"),
        ])
        #expect(payload.objects.map(\.encoded).joined() == Self.handWorked)
    }

    @Test func theShippedDemoPayloadIsQRISAndSaysItIsNoMerchant() throws {
        let payload = try QRISPayload.parse(Self.demo)
        #expect(payload.merchantName == "KASIR DEMO BUKAN MERCHANT")
        #expect(payload.nationalMerchantID == "ID0000000000000")
        #expect(payload.template("26").first?.value == "INVALID.KASIR.DEMO.WWW")
        // The same text as config/kasir.toml and the tests' config carry.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for file in ["config/kasir.toml", "Tests/Fixtures/config/kasir.toml"] {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            #expect(text.contains("static_payload = \"\(Self.demo)\""), "\(file)")
        }
    }

    @Test func theEMVCoSpecificationsExampleIsReadAndItsCRCHolds() throws {
        let objects = try QRISPayload.dataObjects(in: Self.emvcoExample)
        #expect(objects.map(\.tag) == ["00", "01", "29", "31", "52", "58", "59", "60", "64", "54", "53", "55", "62", "91", "63"])
        #expect(objects.first { $0.tag == "64" }?.value == "0002ZH0104最佳运输0202北京")
        #expect(objects.first { $0.tag == "54" }?.value == "23.72")
        #expect(objects.last?.value == "A13A")
        #expect(QRISPayload.checksum(String(Self.emvcoExample.dropLast(4))) == "A13A")
        // A sound EMVCo payload, but in yuan from China: not QRIS, and the line says tag 53.
        #expect(throws: QRISPayloadError.currencyNotRupiah("156")) { try QRISPayload.parse(Self.emvcoExample) }
    }

    @Test func aPublishedStaticQRISIsRead() throws {
        let payload = try QRISPayload.parse(Self.publishedQRIS)
        #expect(!payload.isDynamic)
        #expect(payload.nationalMerchantID == "ID1021125405972")
        #expect(payload.merchantCategoryCode == "5499")
        #expect(payload.merchantName == "BIOLBE")
        #expect(payload.merchantCity == "KAB. MALANG")
        #expect(payload.value(of: "55") == "01")
        #expect(payload.template("62") == [
            QRISPayload.DataObject(tag: "05", value: "114793812"), QRISPayload.DataObject(tag: "07", value: "A03"),
        ])
    }

    // MARK: Refusals, each naming its tag

    @Test func aBrokenPayloadIsRefusedNamingItsTag() {
        let cases: [(String, QRISPayloadError)] = [
            ("000201010211X", .malformedObject(template: nil, offset: 12)),
            ("00AB01", .malformedObject(template: nil, offset: 0)),
            // A zero length is no data object.
            ("0000" + "010211", .malformedObject(template: nil, offset: 0)),
            (Self.sealed(Self.parts.joined() + "6205" + "07031"), .malformedObject(template: "62", offset: Self.parts.joined().count + 4)),
            (Self.sealed(Self.parts.joined() + "5913WARUNG CONTOH"), .duplicateTag("59")),
            (Self.sealed(Self.parts[1...].joined()), .missingTag("00")),
            (Self.sealed("010211" + "000201" + Self.parts[2...].joined()), .misplacedTag("00")),
            (Self.variant(0, "000202"), .invalidValue(tag: "00", value: "02")),
            (Self.parts.joined(), .missingTag("63")),
            (Self.handWorked + "610576114", .misplacedTag("63")),
            (String(Self.handWorked.dropLast(4)) + "0000", .badCRC(expected: "18D5", found: "0000")),
            (Self.variant(1, ""), .missingTag("01")),
            (Self.variant(1, "010213"), .invalidValue(tag: "01", value: "13")),
            (Self.variant(5, "5303840"), .currencyNotRupiah("840")),
            (Self.variant(5, ""), .missingTag("53")),
            (Self.variant(6, "5802SG"), .countryNotIndonesia("SG")),
            (Self.variant(6, ""), .missingTag("58")),
            (Self.variant(3, ""), .noNationalMerchantAccount),
            (Self.variant(3, Self.object("51", Self.object("00", "ID.CO.QRIS.WWW") + Self.object("03", "UMI"))), .missingTag("51.02")),
            (Self.variant(3, Self.object("51", Self.object("00", "ID.CO.QRIS.WWW") + Self.object("02", "ID12345") + Self.object("03", "UMI"))),
             .invalidValue(tag: "51.02", value: "ID12345")),
            (Self.variant(3, Self.object("51", Self.object("00", "ID.CO.QRIS.WWW") + Self.object("02", "ID12345678901230") + Self.object("03", "UMI"))),
             .invalidValue(tag: "51.02", value: "ID12345678901230")),
            (Self.variant(3, Self.object("51", Self.object("00", "ID.CO.QRIS.WWW") + Self.object("02", "ID1234567890123") + Self.object("02", "X"))),
             .duplicateTag("51.02")),
            (Self.variant(4, ""), .missingTag("52")),
            (Self.variant(4, "520458A2"), .invalidValue(tag: "52", value: "58A2")),
            (Self.variant(7, ""), .missingTag("59")),
            (Self.variant(7, Self.object("59", String(repeating: "A", count: 26))), .valueTooLong(tag: "59", limit: 25)),
            (Self.variant(8, ""), .missingTag("60")),
            (Self.variant(8, Self.object("60", String(repeating: "B", count: 16))), .valueTooLong(tag: "60", limit: 15)),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try QRISPayload.parse(text) }
        }
        // A lower-case CRC is the same CRC.
        #expect((try? QRISPayload.parse(String(Self.handWorked.dropLast(4)) + "18d5")) != nil)
    }

    // MARK: The dynamic payload

    @Test func theDynamicPayloadOfTheDemoIsTheOneWorkedOutInPython() throws {
        let code = try QRISPayload.parse(Self.demo).dynamic(amount: 25_000, billNumber: "20261129-3", terminalLabel: "KASIR-1")
        #expect(code == "00020101021226740022INVALID.KASIR.DEMO.WWW01189360999900000000010215KASIRDEMO0000010303UMI"
            + "51440014ID.CO.QRIS.WWW0215ID00000000000000303UMI5204581453033605405250005802ID5925KASIR DEMO BUKAN MERCHANT"
            + "6010BALIKPAPAN6105761146225011020261129-30707KASIR-16304BEAC")
        let dynamic = try QRISPayload.parse(code)
        #expect(dynamic.isDynamic)
        #expect(dynamic.value(of: "54") == "25000")
        // The PJP's terminal label A01 gives way to the counter's.
        #expect(dynamic.template("62") == [
            QRISPayload.DataObject(tag: "01", value: "20261129-3"), QRISPayload.DataObject(tag: "07", value: "KASIR-1"),
        ])
    }

    @Test func theDynamicPayloadOfTheHandWorkedOneIsTheOneWorkedOutInPython() throws {
        let code = try QRISPayload.parse(Self.handWorked).dynamic(amount: 18_000, billNumber: "20261129-12", terminalLabel: "K1")
        #expect(code == "00020101021226490016ID.CO.CONTOH.WWW01189360000000000000010303UMI51440014ID.CO.QRIS.WWW0215ID"
            + "12345678901230303UMI5204581253033605405180005802ID5913WARUNG CONTOH6010BALIKPAPAN6221011120261129-120702K1630457AB")
        // Made again from its own dynamic payload, the same bill gives the same code.
        #expect(try QRISPayload.parse(code).dynamic(amount: 18_000, billNumber: "20261129-12", terminalLabel: "K1") == code)
    }

    @Test func theDynamicPayloadDropsTheTipPromptAndKeepsThePJPsOtherAdditionalData() throws {
        let code = try QRISPayload.parse(Self.publishedQRIS).dynamic(amount: 15_000, billNumber: "INV-7", terminalLabel: "K2")
        #expect(code == "00020101021226680016ID.CO.TELKOM.WWW011893600898026635207502150001952663520750303UMI"
            + "51440014ID.CO.QRIS.WWW0215ID10211254059720303UMI5204549953033605405150005802ID5906BIOLBE6011KAB. MALANG"
            + "61056516862280105INV-705091147938120702K26304CCFA")
        let tags = try QRISPayload.dataObjects(in: code).map(\.tag)
        #expect(!tags.contains("55") && !tags.contains("56") && !tags.contains("57"))
        #expect(tags == tags.dropLast().sorted() + ["63"])
    }

    @Test func anEmptyBillNumberOrTerminalLabelIsLeftOut() throws {
        let code = try QRISPayload.parse(Self.handWorked).dynamic(amount: 1, billNumber: "", terminalLabel: "")
        let dynamic = try QRISPayload.parse(code)
        #expect(dynamic.value(of: "54") == "1")
        #expect(dynamic.value(of: "62") == nil)
        #expect(try QRISPayload.parse(Self.handWorked).dynamic(amount: 9_999_999_999_999, billNumber: "B", terminalLabel: "T").contains("54139999999999999"))
    }

    @Test func anAmountOrLabelThatDoesNotFitIsRefusedNamingItsTag() throws {
        let payload = try QRISPayload.parse(Self.handWorked)
        #expect(throws: QRISPayloadError.amountOutOfRange(0)) { try payload.dynamic(amount: 0, billNumber: "B", terminalLabel: "T") }
        #expect(throws: QRISPayloadError.amountOutOfRange(-500)) { try payload.dynamic(amount: -500, billNumber: "B", terminalLabel: "T") }
        #expect(throws: QRISPayloadError.amountOutOfRange(10_000_000_000_000)) {
            try payload.dynamic(amount: 10_000_000_000_000, billNumber: "B", terminalLabel: "T")
        }
        #expect(throws: QRISPayloadError.valueTooLong(tag: "62.01", limit: 25)) {
            try payload.dynamic(amount: 1_000, billNumber: String(repeating: "9", count: 26), terminalLabel: "T")
        }
        #expect(throws: QRISPayloadError.valueTooLong(tag: "62.07", limit: 25)) {
            try payload.dynamic(amount: 1_000, billNumber: "B", terminalLabel: String(repeating: "K", count: 26))
        }
        #expect(throws: QRISPayloadError.invalidValue(tag: "62.07", value: "Kasir é")) {
            try payload.dynamic(amount: 1_000, billNumber: "B", terminalLabel: "Kasir é")
        }
        // The PJP's own additional data and ours together over the template's 99 characters.
        let crowded = try QRISPayload.parse(Self.sealed(Self.parts.joined() + Self.object("62", Self.object("05", String(repeating: "R", count: 50)))))
        #expect(throws: QRISPayloadError.valueTooLong(tag: "62", limit: 99)) {
            try crowded.dynamic(amount: 1_000, billNumber: String(repeating: "B", count: 25), terminalLabel: String(repeating: "T", count: 25))
        }
    }

    // MARK: The money rules

    @Test func theMoneyRulesRefuseABrokenPayloadAndTakeAGoodOne() throws {
        var rules = MoneyRules.standard
        rules.qrisPayload = String(Self.handWorked.dropLast(4)) + "0000"
        let broken = rules
        #expect(throws: QRISPayloadError.badCRC(expected: "18D5", found: "0000")) { try broken.validate() }
        #expect(throws: QRISPayloadError.countryNotIndonesia("SG")) {
            try MoneyRules.standard.changing(MoneyRules.Change(qrisPayload: Self.variant(6, "5802SG")))
        }
        // Pasted with its line break.
        #expect(try MoneyRules.standard.changing(MoneyRules.Change(qrisPayload: Self.demo + "\n")).qrisPayload == Self.demo)
        rules.qrisPayload = Self.demo
        try rules.validate()
    }
}
