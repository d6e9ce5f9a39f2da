import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirTerminal

/// A printer that is there and prints every job at once.
private struct ReadyPrinter: ReceiptPrinter {
    var queue = "receipt"
    var timeout: Double = 1
    func submit(_ bytes: [UInt8], title: String) throws(PrintError) -> Int { 1 }
    func state(ofJob id: Int) throws(PrintError) -> PrinterJobState { .completed }
    func cancel(job id: Int) {}
    func status() throws(PrintError) -> PrinterStatus { throw .serverUnreachable("not asked") }
}

/// The scripted prompter on a terminal of a given size.
private final class SizedPrompter: Prompter {
    let script: ScriptedPrompter
    let terminalSize: (rows: Int, columns: Int)?

    init(_ script: ScriptedPrompter, rows: Int, columns: Int) {
        self.script = script
        self.terminalSize = (rows, columns)
    }

    var isTerminal: Bool { script.isTerminal }
    var columns: Int { terminalSize?.columns ?? 100 }
    func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult {
        script.read(prompt: prompt, history: history, idleAfter: idleAfter)
    }
    func show(_ text: String) { script.show(text) }
    func readSecret(prompt: String) -> String? { script.readSecret(prompt: prompt) }
}

/// Paying by a QRIS code with the amount in it: `qris` without a reference at the checkout
/// makes the code, shows it (or sends the customer to the printed "Tagihan QRIS"), asks for
/// the reference, and the order remembers the payload it asked for.
@Suite struct QRISCheckoutTests {
    static let november = BusinessMonth(year: 2026, month: 11)

    /// Runs the counter at 10:00 WITA with an ESC/POS printer configured; `screen` is the
    /// terminal's size (`nil`: a pipe), `sendingSlips` whether the counter sends slips.
    func run(_ fixture: CounterFixture, _ lines: [String], screen: (rows: Int, columns: Int)? = nil, sendingSlips: Bool = false) -> String {
        let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
        let script = ScriptedPrompter(lines, clock: clock)
        var prompter: any Prompter = script
        if let screen { prompter = SizedPrompter(script, rows: screen.rows, columns: screen.columns) }
        let worker = PrintWorker(
            database: fixture.database,
            renderer: SlipRenderer(settings: fixture.config.cafe, templates: TemplateSet(language: fixture.config.cafe.language, overrides: nil)),
            printer: ReadyPrinter(), mode: .escpos, clock: clock, logger: quietLogger)
        let actions = CafeActions(
            database: fixture.database, config: fixture.config, clock: clock, printer: worker,
            backupFolder: fixture.folder.appendingPathComponent("backups"))
        let counter = Counter(actions: actions, prompter: prompter, printing: sendingSlips ? BackgroundPrinting(worker: worker) : nil)
        _ = counter.run()
        return script.transcript
    }

    func qrisBills(_ database: AppDatabase) throws -> Int {
        try database.printJobs(status: PrintJobStatus.allCases).filter { $0.kind == .qrisBill }.count
    }

    @Test func qrisWithoutAReferenceShowsTheCodeAsksTheReferenceAndRemembersThePayload() throws {
        let fixture = try CounterFixture()
        let screen = run(fixture, ["W01", CounterFixture.w01PIN, "PGR", "bayar", "qris", "QR-100", "y", "keluar"])

        let order = try #require(try fixture.database.order(day: fixture.today, number: 1))
        #expect(order.payments.map(\.method) == [.qris])
        #expect(order.payments.first?.reference == "QR-100")
        #expect(order.payments.first?.amount == 10_000)

        let requests = try fixture.database.qrisRequests(day: fixture.today, number: 1)
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.amount == 10_000)
        #expect(request.billNumber == "20261129-T1-100000")
        // The payload parses as QRIS, carries the amount and is dynamic, and is the café's.
        let payload = try QRISPayload.parse(request.payload)
        #expect(payload.value(of: "01") == "12")
        #expect(payload.value(of: "54") == "10000")
        #expect(payload.isDynamic)
        let staticPayload = try QRISPayload.parse(try #require(fixture.config.cafe.qrisPayload))
        #expect(payload.nationalMerchantID == staticPayload.nationalMerchantID)
        #expect(payload.merchantName == staticPayload.merchantName)
        let additional = payload.template("62")
        #expect(additional.first { $0.tag == "01" }?.value == "20261129-T1-100000")
        #expect(additional.first { $0.tag == "07" }?.value == CafeActions.defaultTerminalLabel)
        // It belongs to the order's QRIS payment.
        let payments = try fixture.database.qrisPayments(month: Self.november).filter { $0.number == 1 }
        #expect(payments.map(\.paymentID) == [request.paymentID])

        // The code was on the screen (a pipe has no height), then the reference was asked.
        let code = QRScreen(try QRMatrix(request.payload)).lines.joined(separator: "\n")
        #expect(screen.contains("qris\nTagihan QRIS Rp10.000 · no. 20261129-T1-100000\n" + code
                                + "\nHadapkan layar ke pelanggan untuk dipindai.\nReferensi QRIS dari aplikasi pelanggan: QR-100\n"))
        #expect(screen.contains("✔ Pesanan #1 tersimpan"))
        // Its "Tagihan QRIS" was queued for the printer, before the order existed.
        let jobs = try fixture.database.printJobs(status: PrintJobStatus.allCases)
        #expect(jobs.map(\.kind) == [.qrisBill])
        #expect(jobs.first?.orderID == nil)
    }

    @Test func aScreenTooSmallSendsTheCustomerToThePrintedBill() throws {
        let fixture = try CounterFixture()
        let screen = run(fixture, [
            "W01", CounterFixture.w01PIN, "PGR", "AIR", "bayar",
            // A code asked for and withdrawn records nothing; an empty line does not withdraw it.
            "qris 10000", "kembali", "q 10.000", "", "qr-5", "pas", "y", "keluar",
        ], screen: (rows: 24, columns: 80), sendingSlips: true)

        #expect(screen.contains("Kode QRIS ada di struk Tagihan QRIS yang tercetak"))
        #expect(!screen.contains("▀"))
        #expect(screen.components(separatedBy: "Tagihan QRIS dibatalkan: tidak ada yang dicatat.").count == 2)
        let order = try #require(try fixture.database.order(day: fixture.today, number: 1))
        #expect(order.payments.map(\.method) == [.qris, .cash])
        #expect(order.payments.map(\.amount) == [10_000, 5_000])
        #expect(order.payments.first?.reference == "QR-5")
        let requests = try fixture.database.qrisRequests(day: fixture.today, number: 1)
        #expect(requests.map(\.amount) == [10_000])
        #expect(try QRISPayload.parse(try #require(requests.first).payload).value(of: "54") == "10000")
        #expect(try qrisBills(fixture.database) == 2)
    }

    @Test func aCodeForMoreThanIsDueIsRefusedBeforeAnythingIsPrinted() throws {
        let fixture = try CounterFixture()
        let screen = run(fixture, ["W01", CounterFixture.w01PIN, "PGR", "bayar", "qris 25000", "qris QR-8", "y", "keluar"])
        #expect(screen.contains("qris 25000\nQRIS Rp25.000 melebihi tagihan Rp10.000; QRIS tidak memberi kembalian.\n"))
        #expect(try qrisBills(fixture.database) == 0)
        #expect(try fixture.database.qrisRequests(day: fixture.today, number: 1).isEmpty)
        #expect(try fixture.database.order(day: fixture.today, number: 1)?.payments.first?.reference == "QR-8")
    }

    @Test func withoutAStaticPayloadTheStaticStandStillPays() throws {
        let fixture = try CounterFixture()
        var rules = fixture.config.cafe.moneyRules
        rules.qrisPayload = nil
        try fixture.database.setMoneyRules(rules, admin: "S1", at: CounterFixture.start)
        let screen = run(fixture, ["W01", CounterFixture.w01PIN, "PGR", "bayar", "qris", "qris QR-7", "y", "keluar"])
        #expect(screen.contains("qris\nKafe belum punya payload QRIS statis"))
        #expect(try fixture.database.order(day: fixture.today, number: 1)?.payments.first?.reference == "QR-7")
        #expect(try fixture.database.qrisRequests(day: fixture.today, number: 1).isEmpty)
        #expect(try qrisBills(fixture.database) == 0)
    }

    @Test func theGrammarTellsACodeFromAReference() throws {
        #expect(try CounterGrammar.payment("qris", remaining: 18_000) == .qrisCode(18_000))
        #expect(try CounterGrammar.payment("q 10.000", remaining: 18_000) == .qrisCode(10_000))
        #expect(try CounterGrammar.payment("qris 25000", remaining: 18_000) == .qrisCode(25_000))
        #expect(try CounterGrammar.payment("qris QR-77", remaining: 18_000) == .tender(.qris(amount: 18_000, reference: "QR-77")))
        // A dozen digits is more than anyone can type as an amount: a bank's reference.
        #expect(try CounterGrammar.payment("qris 123456789012", remaining: 18_000)
            == .tender(.qris(amount: 18_000, reference: "123456789012")))
        #expect(try CounterGrammar.payment("qris 18000 123456", remaining: 18_000) == .tender(.qris(amount: 18_000, reference: "123456")))
        #expect(try CounterGrammar.payment("pas", remaining: 18_000) == .tender(.cash(tendered: 18_000)))
        #expect(try CounterGrammar.payment("kembali", remaining: 18_000) == .back)
        #expect(throws: InputError.malformedPayment("qris 0")) { try CounterGrammar.payment("qris 0", remaining: 18_000) }
        #expect(try CounterGrammar.qrisReference(" qr-77 ") == "QR-77")
        #expect(try CounterGrammar.qrisReference("Kembali") == nil)
        #expect(throws: InputError.malformedPayment("QR 77")) { try CounterGrammar.qrisReference("QR 77") }
    }

    @Test func theBillNumberIsTheDayTheTillAndTheTime() {
        #expect(CafeActions.qrisBillNumber(till: 12, at: Timestamp.date("2026-11-29T02:35:12.000Z")!, calendar: .wita) == "20261129-T12-103512")
        // Midnight WITA is 16:00 UTC the day before.
        #expect(CafeActions.qrisBillNumber(till: 1, at: Timestamp.date("2026-11-28T16:00:00.000Z")!, calendar: .wita) == "20261129-T1-000000")
        #expect(CafeActions.qrisBillNumber(till: 1, at: Timestamp.date("2026-11-29T15:59:59.000Z")!, calendar: .wita) == "20261129-T1-235959")
    }

    /// The code a QRIS tender asked for is kept beside its payment, by the payment's place.
    @Test func settlingKeepsTheCodeByItsPayment() throws {
        let code = DynamicQRIS(payload: "000201010212", billNumber: "20261129-T1-100000")
        let paid = try settle(total: 30_000, tenders: [.cash(tendered: 20_000), .qris(amount: 10_000, reference: "A", request: code)])
        #expect(paid.payments.map(\.method) == [.qris, .cash])
        #expect(paid.qrisRequests == [0: code])
        #expect(try settle(total: 10_000, tenders: [.qris(amount: 10_000, reference: "A")]).qrisRequests.isEmpty)
    }
}
