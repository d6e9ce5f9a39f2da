import Foundation
import GRDB
import KasirConfig
import KasirCore
import KasirTestSupport
import Testing
@testable import KasirStore

/// Issue 21: every QRIS payment matched to the acquirer's settlement report. A line is matched
/// by reference and amount and recorded once whatever file it arrives in; a payment is "not
/// settled" only when a file covering its date was imported; a malformed file is refused with
/// its line and records nothing; the MDR is a cost of the premi.
@Suite struct SettlementTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/settlement")
    let november = BusinessMonth(year: 2026, month: 11)
    static func day(_ day: Int) -> BusinessDay { BusinessDay(year: 2026, month: 11, day: day) }

    /// 1 November: #1 PGR by QRIS QR-1 (Rp10.000), #2 AIR by QRIS QR-2 (Rp5.000), #3 PGR in
    /// cash. 2 November: #1 PGR by QRIS QR-3 (Rp10.000). 5 November: #1 AIR by QRIS QR-4
    /// (Rp5.000). Each day's shifts end at 16:00 WITA.
    func cafe() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let database = fixture.database
        // The MDR ceiling is a money rule: an import waits for rules, as a sale does.
        try database.establishMoneyRules(.standard, at: utc("2026-11-01T00:00:00Z"))
        func closeDay(_ date: String) throws {
            for code in ["W01", "W02"] {
                try database.clockOut(code, supervisor: "S1", at: utc("\(date)T08:00:00Z"), lateEntry: false, reason: nil,
                                      recordedAt: utc("\(date)T08:00:00Z"), calendar: .wita)
            }
        }
        func openDay(_ date: String) throws {
            for code in ["W01", "W02"] {
                try database.clockIn(code, station: .bar, supervisor: "S1", at: utc("\(date)T01:00:00Z"), lateEntry: false,
                                     recordedAt: utc("\(date)T01:00:00Z"), calendar: .wita)
            }
        }
        _ = try fixture.record(try fixture.draft("W01", "PGR"), [.qris(amount: 10_000, reference: "QR-1")], at: "2026-11-01T02:00:00Z")
        _ = try fixture.record(try fixture.draft("W02", "AIR"), [.qris(amount: 5_000, reference: "QR-2")], at: "2026-11-01T02:10:00Z")
        _ = try fixture.record(try fixture.draft("W01", "PGR"), [.cash(tendered: 10_000)], at: "2026-11-01T02:20:00Z")
        try closeDay("2026-11-01")
        try openDay("2026-11-02")
        _ = try fixture.record(try fixture.draft("W01", "PGR"), [.qris(amount: 10_000, reference: "QR-3")], at: "2026-11-02T02:00:00Z")
        try closeDay("2026-11-02")
        try openDay("2026-11-05")
        _ = try fixture.record(try fixture.draft("W02", "AIR"), [.qris(amount: 5_000, reference: "QR-4")], at: "2026-11-05T02:00:00Z")
        try closeDay("2026-11-05")
        return fixture
    }

    func read(_ name: String, layout: SettlementLayout = .kasir) throws -> SettlementFile {
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent(name))
        var file = try layout.read(String(decoding: data, as: UTF8.self), name: name, sha256: AppDatabase.fileDigest(data))
        file.content = data
        return file
    }

    /// A file made here, its bytes in Kasir's layout (with the name in a comment line, so two
    /// files of the same lines differ).
    func file(_ name: String, layout: String = "kasir", settlementDays: Int = 0, _ lines: [SettlementLine]) -> SettlementFile {
        let text = "date,reference,amount,fee,net\n" + lines.map { "\($0.day),\($0.reference),\($0.amount.value),\($0.fee.value),\($0.net.value)\n" }.joined()
            + ",\(name),,,\n"
        let content = Data(text.utf8)
        return SettlementFile(name: name, sha256: AppDatabase.fileDigest(content), layout: layout, settlementDays: settlementDays, lines: lines,
                              content: content)
    }

    /// The settlement lines as stored: file, line, day, reference, amount, fee, outcome, payment.
    func lines(_ database: AppDatabase) throws -> [String] {
        try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT file_id || '|' || line || '|' || day || '|' || reference || '|' || amount || '|' || fee || '|' || outcome
                    || '|' || COALESCE(payment_id, '-')
                FROM settlement_lines ORDER BY id
                """)
        }
    }

    func statuses(_ database: AppDatabase) throws -> [String] {
        try database.qrisPayments(month: november).map { "\($0.reference ?? "-") \($0.status.rawValue)" }
    }

    @Test func aLineIsMatchedByReferenceAndAmountAndEveryOtherIsRecordedAsWhatItIs() throws {
        let fixture = try cafe()
        let database = fixture.database
        let summary = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        #expect(summary.coversFrom == Self.day(1) && summary.coversThrough == Self.day(2))
        #expect(!summary.alreadyImported && summary.lines == 3 && summary.recordedBefore == 0)
        // QR-1: reference and amount are the payment's; confirmed by the settlement.
        #expect(summary.matched.map(\.line.reference) == ["QR-1"])
        #expect(summary.matched.map(\.confirmedNow) == [true])
        // QR-2: the reference is a payment's, the amount (Rp6.000) is not its Rp5.000: not confirmed.
        #expect(summary.amountDiffers.map { "\($0.line.reference) \($0.line.amount.value) \($0.payment.amount.value)" } == ["QR-2 6000 5000"])
        // QR-9: settled but not in Kasir.
        #expect(summary.notInKasir.map(\.reference) == ["QR-9"])
        // QR-3 (2 November) is covered and has no line: in Kasir but not settled; so is QR-2,
        // whose only line has another amount (a line that differs settles nothing). QR-4 (5
        // November) is on a day no file covers yet: not counted.
        #expect(summary.notSettled.map(\.reference) == ["QR-2", "QR-3"])
        #expect(summary.fees == .zero)
        #expect(try statuses(database) == ["QR-1 confirmed", "QR-2 unconfirmed", "QR-3 unconfirmed", "QR-4 unconfirmed"])
        #expect(try lines(database) == [
            "1|2|2026-11-01|QR-1|10000|0|matched|1", "1|3|2026-11-01|QR-2|6000|0|amount_differs|2", "1|4|2026-11-02|QR-9|20000|60|not_in_kasir|-",
        ])
        // Journaled: the confirmation as from the settlement, then the file with its lines.
        let journal = try database.writer.read { db in
            try String.fetchAll(db, sql: """
                SELECT kind || ' ' || actor || ' ' || subject || ' ' || row_table FROM journal
                WHERE kind IN ('qris_confirmed', 'settlement_imported') ORDER BY seq
                """)
        }
        #expect(journal == ["qris_confirmed S1 2026-11-01#1 qris_confirmations", "settlement_imported S1 2026-11-01..2026-11-02 settlement_files"])
        #expect(try database.writer.read { db in try String.fetchOne(db, sql: "SELECT source FROM qris_confirmations") } == "settlement")
        #expect(try database.notSettledQRIS().map(\.reference) == ["QR-2", "QR-3"])
        #expect(try database.verifyJournal().findings.isEmpty)
        // Append-only.
        #expect(throws: (any Error).self) { try database.writer.write { db in try db.execute(sql: "UPDATE settlement_lines SET fee = 0") } }
        #expect(throws: (any Error).self) { try database.writer.write { db in try db.execute(sql: "DELETE FROM settlement_files") } }
    }

    @Test func theSameFileImportedAgainChangesNothing() throws {
        let fixture = try cafe()
        let database = fixture.database
        _ = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        let counts = try ["settlement_files", "settlement_lines", "qris_confirmations", "journal"].map(fixture.count)
        let again = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-04T01:00:00Z"))
        #expect(again.alreadyImported)
        #expect(again.recordedBefore == 3 && again.matched.isEmpty && again.notInKasir.isEmpty && again.fees == .zero)
        #expect(try ["settlement_files", "settlement_lines", "qris_confirmations", "journal"].map(fixture.count) == counts)
    }

    @Test func anOverlappingFileRecordsOnlyItsNewLinesAndAPaymentIsMatchedOnce() throws {
        let fixture = try cafe()
        let database = fixture.database
        _ = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        let b = try database.importSettlement(try read("november-b.csv"), supervisor: "S1", at: utc("2026-11-06T01:00:00Z"))
        // QR-9 of 2 November arrived in both files: recorded once, from the first.
        #expect(b.recordedBefore == 1)
        // "qr-3" is QR-3: references are compared without case.
        #expect(b.matched.map(\.line.reference) == ["QR-3", "QR-4"])
        #expect(b.fees == 45)
        // QR-2's line had another amount: it stays listed on every import until one matches.
        #expect(b.notSettled.map(\.reference) == ["QR-2"])
        #expect(try fixture.count("settlement_lines") == 5)
        #expect(try lines(database).filter { $0.contains("QR-9") } == ["1|4|2026-11-02|QR-9|20000|60|not_in_kasir|-"])
        #expect(try statuses(database) == ["QR-1 confirmed", "QR-2 unconfirmed", "QR-3 confirmed", "QR-4 confirmed"])

        // A later line of the same layout for a payment matched already (another day): settled
        // twice, its fee not counted.
        let twice = try database.importSettlement(
            file("twice.csv", [SettlementLine(line: 2, day: Self.day(3), reference: "QR-1", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2026-11-07T01:00:00Z"))
        #expect(twice.duplicates.map(\.payment.reference) == ["QR-1"] && twice.matched.isEmpty && twice.fees == .zero)
        #expect(try lines(database).last == "3|2|2026-11-03|QR-1|10000|30|duplicate|1")
        #expect(try fixture.count("qris_confirmations") == 3)
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    @Test func aPaymentIsNotSettledOnlyWhenAFileCoversTheDayItsLineWouldCarry() throws {
        let fixture = try cafe()
        let database = fixture.database
        #expect(try database.notSettledQRIS().isEmpty)
        // A settlement-dated file (T+1) covering 6 November only: it vouches for 5 November's
        // payments, so QR-4 is not settled; 1 and 2 November's are not its business.
        let later = try database.importSettlement(
            file("t-plus-one.csv", settlementDays: 1, [SettlementLine(line: 2, day: Self.day(6), reference: "QR-77", amount: 7_000, fee: 21)]),
            supervisor: "S1", at: utc("2026-11-07T01:00:00Z"))
        #expect(later.notSettled.map(\.reference) == ["QR-4"])
        #expect(later.notInKasir.map(\.reference) == ["QR-77"])
        // A written-off payment is not listed: it was dealt with.
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO qris_confirmations (payment_id, status, source, reason, amount, tax, by_id, at)
                VALUES (5, 'written_off', 'manual', 'tidak masuk', 5000, 0, 1, '2026-12-01T00:00:00.000Z')
                """)
        }
        #expect(try database.notSettledQRIS().isEmpty)
    }

    @Test func aMalformedFileIsRefusedWithItsLineAndNothingIsRecorded() throws {
        let fixture = try cafe()
        let database = fixture.database
        #expect(throws: SettlementError.malformedField(line: 3, column: "date", value: "2026-11-31")) { try read("november-malformed.csv") }
        let header = "date,reference,amount,fee,net\n"
        let good = "2026-11-01,QR-1,10000,0,10000\n"
        func refused(_ body: String, header other: String? = nil) -> SettlementError? {
            let text = (other ?? header) + body
            let result = Result { () throws(SettlementError) -> SettlementFile in
                try SettlementLayout.kasir.read(text, name: "x.csv", sha256: String(repeating: "0", count: 64))
            }
            if case .failure(let error) = result { return error }
            return nil
        }
        #expect(refused(good + "2026-11-02,QR-3,10000,0\n") == .fieldCount(line: 3, found: 4, expected: 5))
        #expect(refused(good + "2026-11-02,QR-3,10000,30,10000\n") == .feeMismatch(line: 3))
        #expect(refused(good + "2026-11-02,QR-3,10000.5,0,10000.5\n") == .malformedField(line: 3, column: "amount", value: "10000.5"))
        #expect(refused(good + "2026-11-02,QR 3,10000,0,10000\n") == .malformedField(line: 3, column: "reference", value: "QR 3"))
        #expect(refused(good + good) == .duplicateLine(line: 3, first: 2))
        #expect(refused(good + "2026-11-02,\"QR-3\"x,10000,0,10000\n") == .malformedCSV(line: 3))
        #expect(refused("\n\n") == .empty("x.csv"))
        #expect(refused(good, header: "day,reference,amount,fee,net\n") == .missingColumn("date"))
        // Blank lines and a last line without its newline are read.
        let parsed = try SettlementLayout.kasir.read(header + good + "\n,,,,\n2026-11-02,QR-3,10000,30,9970", name: "x.csv",
                                                     sha256: String(repeating: "0", count: 64))
        #expect(parsed.lines.map(\.line) == [2, 5] && parsed.lines.map(\.fee) == [0, 30])
        #expect(try ["settlement_files", "settlement_lines", "qris_confirmations"].map(fixture.count) == [0, 0, 0])
        _ = database
    }

    @Test func anAcquirersLayoutIsReadAsItsConfigSays() throws {
        let layouts = try SettlementLayouts.load(from: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("config"))
        #expect(layouts.layouts.map(\.name) == ["kasir", "xendit-billing"])
        #expect(throws: SettlementError.unknownLayout(name: "bca", known: ["kasir", "xendit-billing"])) { try layouts.layout(named: "bca") }
        let xendit = try layouts.layout(named: "xendit-billing")
        let file = try read("xendit-billing.csv", layout: xendit)
        // Decimals to the sen; the fee and its VAT summed and rounded to the Rupiah (Rp63 + Rp6,93).
        // Line 3 is a BCA virtual account payment: the shipped layout reads QRIS lines only.
        #expect(file.lines.map { "\($0.line) \($0.day) \($0.reference) \($0.amount.value) \($0.fee.value)" }
            == ["2 2026-11-02 QR-1 10000 70", "4 2026-11-02 QR-2 5000 0"])
        #expect(file.settlementDays == 2 && file.layout == "xendit-billing")
        #expect(xendit.keepColumn == "transaction_channel" && xendit.keepValues == ["QRIS"])
        // Without the filter every channel is read; keeping a channel the file lacks leaves nothing.
        var everyChannel = xendit
        everyChannel.keepColumn = nil
        everyChannel.keepValues = []
        #expect(try read("xendit-billing.csv", layout: everyChannel).lines.map(\.reference) == ["QR-1", "VA-77", "QR-2"])
        var noneOfThem = xendit
        noneOfThem.keepValues = ["OVO"]
        #expect(throws: SettlementError.empty("xendit-billing.csv")) { try read("xendit-billing.csv", layout: noneOfThem) }
        #expect(SettlementLayout.day("20261129 10:00:00", format: "yyyyMMdd") == Self.day(29))
        #expect(SettlementLayout.day("29/11/2026", format: "dd/MM/yyyy") == Self.day(29))
        #expect(SettlementLayout.day("2026-11-291", format: "yyyy-MM-dd") == nil)
    }

    @Test func theMDRIsACostOfTheMonthAsImportedByItsClose() throws {
        let fixture = try cafe()
        let database = fixture.database
        let (start, end) = CafeCalendar.wita.interval(of: november)
        _ = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        _ = try database.importSettlement(try read("november-b.csv"), supervisor: "S1", at: utc("2026-11-06T01:00:00Z"))
        #expect(try database.settlementFees(month: november, from: start, to: end) == SettlementFees(ofMonth: 45))
        // As imported by a cutoff: before the second file, none.
        #expect(try database.settlementFees(month: november, from: start, to: end, asOf: utc("2026-11-05T00:00:00Z")).total == 0)
        // The close waits for QR-2 (its amount differed): confirmed by hand, then closed.
        _ = try database.confirmQRIS(.reference("QR-2"), supervisor: "S1", at: utc("2026-12-08T00:00:00Z"))
        try database.closePremi(month: november, monthEnd: end, split: ProfitSplit.split(revenue: .zero, cost: 45, policy: PremiPolicy()),
                                shares: [:], practice: [:], rules: PremiPolicy(), supervisor: "S1", at: utc("2026-12-08T01:00:00Z"))
        // November's QRIS payments with no matched line: QR-2 alone (its line's amount differed).
        #expect(try database.unsettledQRIS(month: november) == QRISTally(count: 1, total: 5_000))
        // A line imported after the close is recorded, but the closed month's cost stays as it
        // was closed: the fee is a cost of December, the month its report came in.
        let late = try database.importSettlement(
            file("late.csv", [SettlementLine(line: 2, day: Self.day(1), reference: "QR-2", amount: 5_000, fee: 15)]),
            supervisor: "S1", at: utc("2026-12-09T01:00:00Z"))
        #expect(late.matched.map(\.confirmedNow) == [false] && late.fees == 15)
        #expect(try database.settlementFees(month: november, from: start, to: end) == SettlementFees(ofMonth: 45))
        let december = BusinessMonth(year: 2026, month: 12)
        let (decemberStart, decemberEnd) = CafeCalendar.wita.interval(of: december)
        #expect(try database.settlementFees(month: december, from: decemberStart, to: decemberEnd) == SettlementFees(ofMonth: 0, carriedIn: 15))
        // As December stood before the file came in, none.
        #expect(try database.settlementFees(month: december, from: decemberStart, to: decemberEnd, asOf: utc("2026-12-09T00:00:00Z")).total == 0)
        // As November was closed, QR-2 had no matched line: it stays so in November's report.
        #expect(try database.unsettledQRIS(month: november) == QRISTally(count: 1, total: 5_000))
    }

    @Test func aLineDatedAfterTodayOrWithAFeeAboveTheCeilingRefusesTheFileAndRecordsNothing() throws {
        let fixture = try cafe()
        let database = fixture.database
        func refused(_ line: SettlementLine, at instant: String) -> SettlementError? {
            let result = Result { try database.importSettlement(file("x.csv", [SettlementLine(line: 2, day: Self.day(1), reference: "QR-1", amount: 10_000, fee: 30), line]),
                                                                supervisor: "S1", at: utc(instant)) }
            if case .failure(let error) = result { return error as? SettlementError }
            return nil
        }
        // 3 November 01:00 UTC is 09:00 WITA on the 3rd: the 4th is tomorrow.
        #expect(refused(SettlementLine(line: 3, day: Self.day(4), reference: "QR-3", amount: 10_000, fee: 0), at: "2026-11-03T01:00:00Z")
            == .dateAfterImport(line: 3, day: Self.day(4)))
        // 0,8% of Rp10.000 is Rp80: Rp81 is above it, and the whole of it far above.
        #expect(refused(SettlementLine(line: 3, day: Self.day(2), reference: "QR-3", amount: 10_000, fee: 81), at: "2026-11-03T01:00:00Z")
            == .feeAboveCeiling(line: 3, fee: 81, amount: 10_000, ceiling: Percentage(basisPoints: 80)))
        #expect(refused(SettlementLine(line: 3, day: Self.day(2), reference: "QR-3", amount: 10_000, fee: 10_000), at: "2026-11-03T01:00:00Z")
            == .feeAboveCeiling(line: 3, fee: 10_000, amount: 10_000, ceiling: Percentage(basisPoints: 80)))
        #expect(try ["settlement_files", "settlement_file_contents", "settlement_lines", "qris_confirmations"].map(fixture.count) == [0, 0, 0, 0])
        // Rp80 is the ceiling itself: imported.
        #expect(refused(SettlementLine(line: 3, day: Self.day(2), reference: "QR-3", amount: 10_000, fee: 80), at: "2026-11-03T01:00:00Z") == nil)
        #expect(try fixture.count("settlement_lines") == 2)
    }

    @Test func aLineWhoseDateCannotBeThePaymentsSettlementConfirmsNothing() throws {
        let fixture = try cafe()
        let database = fixture.database
        // QR-1 was paid on 1 November 2026; a line of 2 November 2027 names it, but cannot be its settlement.
        let summary = try database.importSettlement(
            file("next-year.csv", [SettlementLine(line: 2, day: BusinessDay(year: 2027, month: 11, day: 2), reference: "QR-1", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2027-11-03T01:00:00Z"))
        #expect(summary.dateDiffers.map { "\($0.line.reference) \($0.payment.day)" } == ["QR-1 2026-11-01"])
        #expect(summary.matched.isEmpty && summary.fees == .zero)
        #expect(try lines(database) == ["1|2|2027-11-02|QR-1|10000|30|date_differs|1"])
        #expect(try statuses(database).first == "QR-1 unconfirmed")
        // A day early (an acquirer dating in WIB) and four late (a long weekend) can be: 31 October and 5 November.
        let line = { (day: BusinessDay) in SettlementLine(line: 2, day: day, reference: "QR-1", amount: 10_000, fee: 0) }
        #expect(line(BusinessDay(year: 2026, month: 10, day: 31)).canSettle(paidOn: Self.day(1), settlementDays: 0))
        #expect(!line(BusinessDay(year: 2026, month: 10, day: 30)).canSettle(paidOn: Self.day(1), settlementDays: 0))
        #expect(line(Self.day(5)).canSettle(paidOn: Self.day(1), settlementDays: 0))
        #expect(!line(Self.day(6)).canSettle(paidOn: Self.day(1), settlementDays: 0))
        #expect(line(Self.day(6)).canSettle(paidOn: Self.day(1), settlementDays: 1))
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    @Test func aLineIsMatchedByTheBillNumberInTheCodeAndAnotherLayoutsLineForTheSameSettlementIsRecordedOnce() throws {
        let fixture = try cafe()
        let database = fixture.database
        // QR-2's payment (Rp5.000, 1 November) asked for a code with bill number 20261101-T1-101000.
        try database.writer.write { db in
            try AppDatabase.recordQRISRequest(db, paymentID: 2, payload: String(repeating: "0", count: 40), amount: 5_000,
                                              billNumber: "20261101-T1-101000", actor: "W02", at: utc("2026-11-01T02:10:00Z"))
        }
        let kasir = try database.importSettlement(
            file("kasir.csv", [SettlementLine(line: 2, day: Self.day(1), reference: "20261101-T1-101000", amount: 5_000, fee: 0),
                               SettlementLine(line: 3, day: Self.day(2), reference: "QR-3", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        #expect(kasir.matched.map { "\($0.line.reference) \($0.payment.reference ?? "-")" } == ["20261101-T1-101000 QR-2", "QR-3 QR-3"])
        // The acquirer's own report of the same settlements, dated the day after (T+1): one names
        // the payment by the customer's reference, the other as Kasir did. Neither is settled twice.
        let acquirer = try database.importSettlement(
            file("acquirer.csv", layout: "xendit-billing", settlementDays: 1,
                 [SettlementLine(line: 2, day: Self.day(2), reference: "QR-2", amount: 5_000, fee: 0),
                  SettlementLine(line: 3, day: Self.day(3), reference: "QR-3", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2026-11-04T01:00:00Z"))
        #expect(acquirer.recordedBefore == 2 && acquirer.duplicates.isEmpty && acquirer.matched.isEmpty && acquirer.fees == .zero)
        #expect(try fixture.count("settlement_lines") == 2)
        // A bill number two codes carried names neither.
        try database.writer.write { db in
            for (payment, at) in [(4, "2026-11-02T02:00:00Z"), (5, "2026-11-05T02:00:00Z")] {
                try AppDatabase.recordQRISRequest(db, paymentID: Int64(payment), payload: String(repeating: "0", count: 40), amount: 5_000,
                                                  billNumber: "SAME", actor: "W01", at: utc(at))
            }
        }
        let ambiguous = try database.importSettlement(
            file("same.csv", [SettlementLine(line: 2, day: Self.day(5), reference: "SAME", amount: 5_000, fee: 0)]),
            supervisor: "S1", at: utc("2026-11-06T01:00:00Z"))
        #expect(ambiguous.ambiguous.map(\.reference) == ["SAME"] && ambiguous.matched.isEmpty && ambiguous.notInKasir.isEmpty)
        #expect(try lines(database).last == "3|2|2026-11-05|SAME|5000|0|ambiguous|-")
        #expect(try database.verifyJournal().findings.isEmpty)
    }

    /// A barista who types a bill number as the reference of an unpaid QRIS sale cannot have
    /// the real payment's settlement line confirm it: the sale is refused, and a line naming
    /// two payments confirms neither.
    @Test func aReferenceThatIsABillNumberIsRefusedAndALineNamingTwoPaymentsConfirmsNeither() throws {
        let fixture = try cafe()
        let database = fixture.database
        try database.writer.write { db in
            try AppDatabase.recordQRISRequest(db, paymentID: 4, payload: String(repeating: "0", count: 40), amount: 10_000,
                                              billNumber: "20261102-T1-100000", actor: "W01", at: utc("2026-11-02T02:00:00Z"))
            try AppDatabase.recordQRISRequest(db, paymentID: 5, payload: String(repeating: "0", count: 40), amount: 5_000,
                                              billNumber: "KODE-5", actor: "W02", at: utc("2026-11-05T02:00:00Z"))
        }
        try database.clockIn("W01", station: .bar, supervisor: "S1", at: utc("2026-11-05T09:00:00Z"), lateEntry: false,
                             recordedAt: utc("2026-11-05T09:00:00Z"), calendar: .wita)
        func refusal(_ reference: String) -> OrderError? {
            let result = Result { try fixture.record(try fixture.draft("W01", "PGR"), [.qris(amount: 10_000, reference: reference)], at: "2026-11-05T09:10:00Z") }
            if case .failure(let error) = result { return error as? OrderError }
            return nil
        }
        // The form of a bill number (one that exists, or one a later code could carry), and any bill number a code carried.
        #expect(refusal("20261102-T1-100000") == .referenceIsBillNumber("20261102-T1-100000"))
        #expect(refusal("20261105-T1-120000") == .referenceIsBillNumber("20261105-T1-120000"))
        #expect(refusal("KODE-5") == .referenceIsBillNumber("KODE-5"))
        #expect(DynamicQRIS.isBillNumber("20261105-t12-120000") && !DynamicQRIS.isBillNumber("2026110-T1-120000")
            && !DynamicQRIS.isBillNumber("20261105-T-120000") && !DynamicQRIS.isBillNumber("QR-1"))
        // A database from before the check: a payment whose typed reference is another's bill
        // number (written here past the trigger that keeps payments fixed).
        try database.writer.write { db in
            let trigger = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'payments_fixed'")!
            try db.execute(sql: "DROP TRIGGER payments_fixed; UPDATE payments SET reference = '20261102-T1-100000' WHERE id = 1; " + trigger)
        }
        let summary = try database.importSettlement(
            file("bill.csv", [SettlementLine(line: 2, day: Self.day(2), reference: "20261102-T1-100000", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2026-11-06T01:00:00Z"))
        #expect(summary.ambiguous.count == 1 && summary.matched.isEmpty && summary.fees == .zero)
        #expect(try statuses(database).prefix(3) == ["20261102-T1-100000 unconfirmed", "QR-2 unconfirmed", "QR-3 unconfirmed"])
        // By hand, a bill number names the one payment whose code carried it; a typed reference comes first.
        _ = try database.confirmQRIS(.reference("kode-5"), supervisor: "S1", at: utc("2026-11-06T02:00:00Z"))
        _ = try database.confirmQRIS(.reference("20261102-T1-100000"), supervisor: "S1", at: utc("2026-11-06T02:00:00Z"))
        #expect(try statuses(database) == ["20261102-T1-100000 confirmed", "QR-2 unconfirmed", "QR-3 unconfirmed", "QR-4 confirmed"])
    }

    /// A line of one layout that confirmed nothing (its date could not be the payment's) does
    /// not swallow the real settlement reported by another layout.
    @Test func anotherLayoutsLineThatConfirmedNothingDoesNotStandForARealOne() throws {
        let fixture = try cafe()
        let database = fixture.database
        let wrong = try database.importSettlement(
            file("kasir.csv", [SettlementLine(line: 2, day: Self.day(7), reference: "QR-1", amount: 10_000, fee: 0)]),
            supervisor: "S1", at: utc("2026-11-08T01:00:00Z"))
        #expect(wrong.dateDiffers.count == 1)
        let real = try database.importSettlement(
            file("xendit.csv", layout: "xendit-billing", settlementDays: 2, [SettlementLine(line: 2, day: Self.day(3), reference: "QR-1", amount: 10_000, fee: 30)]),
            supervisor: "S1", at: utc("2026-11-08T02:00:00Z"))
        #expect(real.recordedBefore == 0 && real.matched.map(\.line.reference) == ["QR-1"] && real.fees == 30)
        #expect(try statuses(database).first == "QR-1 confirmed")
    }

    /// The kept bytes are vouched for by the journaled digest: replaced or deleted with sqlite3,
    /// `audit verify` says so. The layout the file was read by is recorded with it.
    @Test func theKeptFileIsCheckedByTheAuditAndItsLayoutIsRecorded() throws {
        let fixture = try cafe()
        let database = fixture.database
        let file = try read("november-a.csv")
        _ = try database.importSettlement(file, supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        let definition = try database.writer.read { db in try String.fetchOne(db, sql: "SELECT layout_definition FROM settlement_files") }
        #expect(definition == SettlementLayout.kasir.definition && definition?.contains(#""fee":["fee"]"#) == true)
        #expect(try database.verifyJournal().findings.isEmpty)
        try database.writer.write { db in
            try db.execute(sql: """
                DROP TRIGGER settlement_file_contents_append_only_update;
                UPDATE settlement_file_contents SET content = CAST('date,reference,amount,fee,net' AS BLOB);
                """)
        }
        #expect(try database.verifyJournal().findings.contains(.settlementFileDiffers(sha256: file.sha256)))
    }

    /// Money rules deleted with sqlite3 are not set again from a config that would loosen them.
    @Test func moneyRulesDeletedOutsideKasirAreNotSeededAgain() throws {
        let fixture = try cafe()
        let database = fixture.database
        try database.writer.write { db in try db.execute(sql: "DROP TRIGGER money_rules_no_delete; DELETE FROM money_rules;") }
        var loose = MoneyRules.standard
        loose.qrisMDRCeiling = .percent(100)
        // Not seeded again; what needs them is refused, saying why; the database still opens
        // (a restore, audit verify and doctor work).
        #expect(try database.establishMoneyRules(loose, at: utc("2026-11-09T00:00:00Z")) == false)
        #expect(try database.moneyRules() == nil && database.moneyRulesMissing())
        #expect(throws: RulesError.rulesMissing(table: "money_rules")) { try database.confirmedMoneyRules() }
        #expect(throws: RulesError.rulesMissing(table: "money_rules")) {
            try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-09T01:00:00Z"))
        }
        #expect(try database.verifyJournal().findings.contains { if case .rowDeleted("money_rules", "1", _) = $0 { return true } else { return false } })
    }

    @Test func aReportWhoseHeaderRepeatsAColumnOrWhoseDateCarriesMoreThanATimeIsRefused() throws {
        func refusal(_ text: String) -> SettlementError? {
            let result = Result { () throws(SettlementError) -> SettlementFile in
                try SettlementLayout.kasir.read(text, name: "x.csv", sha256: String(repeating: "0", count: 64))
            }
            if case .failure(let error) = result { return error }
            return nil
        }
        #expect(refusal("date,reference,amount,fee,net,fee\n2026-11-01,QR-1,10000,0,10000,0\n") == .duplicateColumn("fee"))
        #expect(refusal("date,reference,amount,fee,net\n2026-11-01x,QR-1,10000,0,10000\n")
            == .malformedField(line: 2, column: "date", value: "2026-11-01x"))
        #expect(SettlementLayout.day("2026-11-01 10:00:00+07:00", format: "yyyy-MM-dd") == Self.day(1))
        #expect(SettlementLayout.day("2026-11-01T02:00:00.000Z", format: "yyyy-MM-dd") == Self.day(1))
        #expect(SettlementLayout.day("2026-11-01 \u{1B}[2J", format: "yyyy-MM-dd") == nil)
    }

    @Test func theFileItselfIsKeptAsItWasRead() throws {
        let fixture = try cafe()
        let database = fixture.database
        let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("november-a.csv"))
        _ = try database.importSettlement(try read("november-a.csv"), supervisor: "S1", at: utc("2026-11-03T01:00:00Z"))
        #expect(try database.settlementFileContent(sha256: AppDatabase.fileDigest(data)) == data)
        #expect(throws: (any Error).self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE settlement_file_contents SET content = x'00'") }
        }
        // Bytes that are not the file read are not kept.
        var forged = try read("november-b.csv")
        forged.content = Data("date,reference,amount,fee,net\n".utf8)
        #expect(throws: SettlementError.unreadable("november-b.csv")) {
            try database.importSettlement(forged, supervisor: "S1", at: utc("2026-11-06T01:00:00Z"))
        }
    }

    @Test func thePayloadAnOrderAskedForIsKeptAndJournaled() throws {
        let fixture = try cafe()
        let database = fixture.database
        let payload = "00020101021226570011ID.CO.QRIS.WWW0215ID10200000000010303UMI51440014ID.CO.QRIS.WWW5204581253033605405100005802ID6304ABCD"
        try database.writer.write { db in
            try AppDatabase.recordQRISRequest(db, paymentID: 1, payload: payload, amount: 10_000, billNumber: "2026-11-01#1", actor: "W01",
                                              at: utc("2026-11-01T02:00:00Z"))
        }
        let requests = try database.qrisRequests(day: Self.day(1), number: 1)
        #expect(requests.map(\.payload) == [payload] && requests.map(\.billNumber) == ["2026-11-01#1"])
        // Only a QRIS payment asks for a payload (#3 was paid in cash), once; the row never changes.
        #expect(throws: (any Error).self) {
            try database.writer.write { db in
                try AppDatabase.recordQRISRequest(db, paymentID: 3, payload: payload, amount: 10_000, billNumber: "x", at: utc("2026-11-01T02:20:00Z"))
            }
        }
        #expect(throws: (any Error).self) {
            try database.writer.write { db in
                try AppDatabase.recordQRISRequest(db, paymentID: 1, payload: payload, amount: 10_000, billNumber: "x", at: utc("2026-11-01T02:20:00Z"))
            }
        }
        #expect(throws: (any Error).self) { try database.writer.write { db in try db.execute(sql: "UPDATE qris_requests SET amount = 1") } }
        #expect(try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT kind || ' ' || actor || ' ' || subject FROM journal WHERE row_table = 'qris_requests'")
        } == "qris_requested W01 2026-11-01#1")
        #expect(try database.verifyJournal().findings.isEmpty)
        // The print queue takes a QRIS bill before its order exists.
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO print_jobs (order_id, kind, status, created_at, updated_at)
                VALUES (NULL, 'qris_bill', 'pending', '2026-11-01T02:00:00.000Z', '2026-11-01T02:00:00.000Z')
                """)
        }
        #expect(throws: (any Error).self) {
            try database.writer.write { db in
                try db.execute(sql: """
                    INSERT INTO print_jobs (order_id, kind, status, created_at, updated_at)
                    VALUES (NULL, 'receipt', 'pending', '2026-11-01T02:00:00.000Z', '2026-11-01T02:00:00.000Z')
                    """)
            }
        }
    }
}
