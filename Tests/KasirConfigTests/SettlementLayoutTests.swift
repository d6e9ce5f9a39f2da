import Foundation
import KasirCore
import Testing
@testable import KasirConfig

/// Issue 21: a settlement report is refused naming the line a supervisor finds in an editor:
/// the line of the file on which the record begins (the header being line 1), however many
/// lines a quoted field before it spans and whatever its line ends. And the Xendit layout the
/// config ships reads the QRIS lines of Xendit's Billing Report only.
@Suite struct SettlementLayoutTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let shippedConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config")
    static let digest = String(repeating: "0", count: 64)
    /// Kasir's own columns and a note, which a quoted field may spread over lines.
    static let header = "date,reference,amount,fee,net,note\n"
    /// The columns of Xendit's Billing Report as https://docs.xendit.co/docs/billing-report lists them.
    static let xenditHeader = "transaction_id,reference,transaction_type,transaction_channel,transaction_label,is_switcher,"
        + "calculation_method,business_id,billed_at,flat_fee,fee_percentage,transaction_amount,fees_paid_amount,vat_paid_amount\n"

    /// What `layout` refuses `text` with; nil when it reads it.
    func refusal(_ text: String, layout: SettlementLayout = .kasir) -> SettlementError? {
        let result = Result { () throws(SettlementError) -> SettlementFile in
            try layout.read(text, name: "x.csv", sha256: Self.digest)
        }
        if case .failure(let error) = result { return error }
        return nil
    }

    /// The line numbers of the lines `text` holds, as Kasir's own layout reads them.
    func lineNumbers(_ text: String) throws -> [Int] {
        try SettlementLayout.kasir.read(text, name: "x.csv", sha256: Self.digest).lines.map(\.line)
    }

    @Test func aLineAfterAQuotedFieldOverSeveralLinesIsNamedByTheLineItBeginsOn() throws {
        // Lines 2 and 3 are one record; line 4's net is not its amount less its fee.
        let twoLines = "2026-11-01,QR-1,10000,0,10000,\"Kopi\nsusu\"\n"
        #expect(refusal(Self.header + twoLines + "2026-11-02,QR-3,10000,30,10000,x\n") == .feeMismatch(line: 4))
        // Lines 2 to 4, with a quote written twice inside: every error after it names line 5.
        let threeLines = "2026-11-01,QR-1,10000,0,10000,\"Kopi \"\"susu\"\"\n  dingin\n  manis\"\n"
        #expect(refusal(Self.header + threeLines + "2026-11-31,QR-3,10000,0,10000,\n")
            == .malformedField(line: 5, column: "date", value: "2026-11-31"))
        #expect(refusal(Self.header + threeLines + "2026-11-02,QR-3,10000,0\n") == .fieldCount(line: 5, found: 4, expected: 6))
        #expect(refusal(Self.header + threeLines + "2026-11-01,QR-1,10000,0,10000,\n") == .duplicateLine(line: 5, first: 2))
        // Read lines carry the line they begin on.
        #expect(try lineNumbers(Self.header + threeLines + "2026-11-01,QR-2,5000,0,5000,\"a\nb\"\n" + "2026-11-02,QR-3,10000,30,9970,\n")
            == [2, 5, 7])
    }

    @Test func blankLinesBetweenRecordsAreLinesOfTheFile() throws {
        // Line 2 blank, 3 QR-1, 4 blank, 5 spaces only, 6 QR-3, 7 every field empty.
        let body = "\n" + "2026-11-01,QR-1,10000,0,10000,\n" + "\n   \n" + "2026-11-02,QR-3,10000,30,9970,\n" + ",,,,,\n"
        #expect(try lineNumbers(Self.header + body) == [3, 6])
        #expect(refusal(Self.header + body + "2026-11-31,QR-4,5000,0,5000,\n") == .malformedField(line: 8, column: "date", value: "2026-11-31"))
        #expect(refusal(Self.header + body + "2026-11-04,QR-4,5000,0\n") == .fieldCount(line: 8, found: 4, expected: 6))
    }

    @Test func aFileWithCRLFOrLoneCRLineEndsIsNumberedAsAnEditorShowsIt() throws {
        // CR LF throughout, inside the quoted field too: line 1 header, 2-3 QR-1, 4 blank, 5 QR-3.
        let crlf = "date,reference,amount,fee,net,note\r\n" + "2026-11-01,QR-1,10000,0,10000,\"Kopi\r\nsusu\"\r\n" + "\r\n"
        #expect(try lineNumbers(crlf + "2026-11-02,QR-3,10000,30,9970,\r\n") == [2, 5])
        #expect(refusal(crlf + "2026-11-02,QR-3,10000,30,10000,\r\n") == .feeMismatch(line: 5))
        #expect(refusal(crlf + "2026-11-02,\"QR-3\"x,10000,30,9970,\r\n") == .malformedCSV(line: 5))
        // Lone CR (old Mac spreadsheets): no "\n" in the whole file, the bad quote on line 4.
        let cr = "date,reference,amount,fee,net\r" + "2026-11-01,QR-1,10000,0,10000\r" + "2026-11-02,QR-2,5000,0,5000\r"
        #expect(refusal(cr + "2026-11-02,\"QR-3\"x,10000,0,10000\r") == .malformedCSV(line: 4))
        #expect(refusal(cr + "2026-11-02,QR-3,10000,0\r") == .fieldCount(line: 4, found: 4, expected: 5))
    }

    @Test func aBadQuoteAfterAFieldOverTwoLinesIsNamedByItsLine() {
        // Lines 2-3 are one record; the quote closed before "x" on line 4 is not CSV.
        let text = Self.header + "2026-11-01,QR-1,10000,0,10000,\"Kopi\nsusu\"\n" + "2026-11-02,\"QR-3\"x,10000,0,10000,\n"
            + "2026-11-03,QR-4,5000,0,5000,\n"
        #expect(refusal(text) == .malformedCSV(line: 4))
        // In the header: line 1.
        #expect(refusal("\"date\"x,reference,amount,fee,net\n2026-11-01,QR-1,10000,0,10000\n") == .malformedCSV(line: 1))
        // A quote left open runs to the end of the file, so that record has too few fields: named where it opens.
        let open = Self.header + "2026-11-01,QR-1,10000,0,10000,\"a\nb\"\n" + "2026-11-02,\"QR-3,10000,0,10000,\n" + "2026-11-03,QR-4,5000,0,5000,\n"
        #expect(refusal(open) == .fieldCount(line: 4, found: 2, expected: 6))
    }

    @Test func recordsBeginWhereSwiftCSVEndsTheOneBefore() {
        // Header on 1; "x\ny" from 2; a blank record on 4; "q\"\n" from 5, ended by a lone CR; "last" on 7.
        #expect(SettlementLayout.recordStartLines("a,b\n\"x\ny\",z\r\n\n\"q\"\"\n\",w\rlast", delimiter: ",") == [1, 2, 4, 5, 7])
        // The layout's delimiter, not a comma, ends a field; spaces after a closing quote are skipped.
        #expect(SettlementLayout.recordStartLines("a;b\n\"x;\ny\"  ;z\n\"p,\nq\"\n", delimiter: ";") == [1, 2, 4, 6])
        // Without a line end, only the header; a line end inside quotes begins no record.
        #expect(SettlementLayout.recordStartLines("a,b", delimiter: ",") == [1])
        #expect(SettlementLayout.recordStartLines("a,\"b\r\nc\"", delimiter: ",") == [1])
    }

    @Test func theShippedXenditLayoutReadsTheQRISLinesOfTheBillingReport() throws {
        let shipped = try SettlementLayouts.load(from: Self.shippedConfig)
        let fixture = try SettlementLayouts.load(from: Self.fixtures.appendingPathComponent("config"))
        // The tests' config carries the layouts the café gets.
        #expect(shipped.layouts == fixture.layouts && shipped.defaultName == fixture.defaultName)
        let xendit = try shipped.layout(named: "xendit-billing")
        #expect(xendit.date == "billed_at" && xendit.reference == "reference" && xendit.amount == "transaction_amount")
        #expect(xendit.fee == ["fees_paid_amount", "vat_paid_amount"] && xendit.net == nil && xendit.settlementDays == 2)
        #expect(xendit.keepColumn == "transaction_channel" && xendit.keepValues == ["QRIS"])

        let text = String(decoding: try Data(contentsOf: Self.fixtures.appendingPathComponent("settlement/xendit-billing.csv")), as: UTF8.self)
        #expect(text.hasPrefix(Self.xenditHeader))
        let file = try xendit.read(text, name: "xendit-billing.csv", sha256: Self.digest)
        // Line 3, a BCA virtual account payment, is left out; Rp63 + Rp6,93 VAT is a fee of Rp70.
        #expect(file.lines.map { "\($0.line) \($0.day) \($0.reference) \($0.amount.value) \($0.fee.value)" }
            == ["2 2026-11-02 QR-1 10000 70", "4 2026-11-02 QR-2 5000 0"])
        #expect(file.settlementDays == 2 && file.layout == "xendit-billing")

        // A line of another channel is left out before its fields are read.
        let otherChannel = "txn_8,VA-8,PAYMENT,BNI,,TRUE,,biz_1,not a date,4000,0,150000.00,,\n"
        let qris = "txn_9,QR-9,PAYMENT,QRIS,,FALSE,,biz_1,2026-11-03 10:00:00,0,0.63,8000.00,50.40,5.54\n"
        #expect(try xendit.read(Self.xenditHeader + otherChannel + qris, name: "x.csv", sha256: Self.digest).lines.map(\.line) == [3])
        // An account whose fees Xendit invoices (INDIRECT) gets the fee columns empty: no fee was
        // taken from the payment. A fee column that is not a number is refused, naming it.
        let indirect = "txn_9,QR-9,PAYMENT,QRIS,,FALSE,,biz_1,2026-11-03 10:00:00,0,0.63,8000.00,,\n"
        #expect(try xendit.read(Self.xenditHeader + otherChannel + indirect, name: "x.csv", sha256: Self.digest).lines.map(\.fee) == [0])
        let garbled = "txn_9,QR-9,PAYMENT,QRIS,,FALSE,,biz_1,2026-11-03 10:00:00,0,0.63,8000.00,n/a,\n"
        #expect(refusal(Self.xenditHeader + otherChannel + garbled, layout: xendit)
            == .malformedField(line: 3, column: "fees_paid_amount", value: "n/a"))
        // A report of other channels only holds no settlement line.
        #expect(refusal(Self.xenditHeader + otherChannel, layout: xendit) == .empty("x.csv"))
    }
}
