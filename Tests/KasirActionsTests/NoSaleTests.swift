import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTestSupport
import Testing

/// A printer that is there: the tests here only look at what is queued for it.
private struct IdlePrinter: ReceiptPrinter {
    var queue = "receipt"
    var timeout: Double = 1
    func submit(_ bytes: [UInt8], title: String) throws(PrintError) -> Int { 1 }
    func state(ofJob id: Int) throws(PrintError) -> PrinterJobState { .completed }
    func cancel(job id: Int) {}
    func status() throws(PrintError) -> PrinterStatus { throw .serverUnreachable("not asked") }
}

/// The no-sale's drawer kick is the print module's: in the configured printer's mode, and
/// none at all where no drawer can be opened; the no-sale is recorded either way.
@Suite struct NoSaleTests {
    static let pin = "246810"
    let folder = TemporaryFolder("kasir-no-sale")
    let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
    let database: AppDatabase
    let config: KasirConfiguration
    let approver: Approver
    let till: TillSession

    init() throws {
        (database, config) = try newCafe(in: folder, at: clock.now())
        let gate = SupervisorGate(database: database, clock: clock)
        approver = try gate.firstSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.pin)
        till = try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: clock.now())
    }

    func actions(printer: (any ReceiptPrinter)?, mode: PrinterMode) -> CafeActions {
        let worker = PrintWorker(
            database: database, renderer: SlipRenderer(settings: config.cafe, templates: TemplateSet(language: config.cafe.language, overrides: nil)),
            printer: printer, mode: mode, clock: clock, logger: quietLogger)
        return CafeActions(database: database, config: config, clock: clock, printer: worker, backupFolder: folder.appendingPathComponent("backups"))
    }

    func noSales() throws -> Int { try database.tillReport(id: till.id).approvals.filter { $0.kind == .noSale }.count }

    func jobs() throws -> [PrintJob] { try database.printJobs(status: PrintJobStatus.allCases) }

    @Test func anEscPosPrinterGetsTheKickAlone() throws {
        #expect(try actions(printer: IdlePrinter(), mode: .escpos).noSale(reason: "tukar uang receh", by: approver))
        let queued = try jobs()
        #expect(queued.map(\.kind) == [.drawer])
        #expect(queued.first?.payload == [0x1B, 0x40, 0x1B, 0x74, 0x00, 0x1B, 0x70, 0x00, 0x19, 0xFA])
        #expect(try noSales() == 1)
    }

    @Test func aPlainTextPrinterHasNoDrawerToKick() throws {
        #expect(try !actions(printer: IdlePrinter(), mode: .text).noSale(reason: "tukar uang receh", by: approver))
        #expect(try jobs().isEmpty)
        #expect(try noSales() == 1)
    }

    @Test func withoutAPrinterNothingIsQueuedAndTheNoSaleIsRecorded() throws {
        #expect(try !actions(printer: nil, mode: .escpos).noSale(reason: "tukar uang receh", by: approver))
        #expect(try jobs().isEmpty)
        #expect(try noSales() == 1)
    }
}
