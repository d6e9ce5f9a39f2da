import KasirConfig
import KasirCore
import KasirMessages
import KasirPrint
import Testing

/// A slip that did not print and a printing error read alike: both are worded from the one
/// ``PrintError`` case the print worker recorded (issue 19).
@Suite struct PrintWordsTests {
    static let errors: [PrintError] = [
        .template(file: "/etc/kasir/receipts/receipt.mustache", problem: "unclosed section"), .noPrinterConfigured,
        .serverUnreachable("/run/cups/cups.sock: Connection refused"), .serverStopped("Connection refused"),
        .refused("The printer or class does not exist."), .aborted("job aborted"), .deadlinePassed(state: "job pending"),
        .interrupted,
    ]

    /// A slip with no order (a QRIS bill, a drawer kick, a report) is named alone, with no
    /// placeholder number and no reprint command that could not work.
    @Test func aSlipWithoutAnOrderIsNamedWithoutANumber() {
        let catalog = Catalog(language: .id)
        let bill = PrintOutcome(jobID: 7, kind: .qrisBill, orderNumber: nil, status: .failed, error: .noPrinterConfigured)
        #expect(catalog.slipNotPrinted(bill) == "Tagihan QRIS belum tercetak — " + catalog.printProblem(.noPrinterConfigured) + ".")
        let receipt = PrintOutcome(jobID: 8, kind: .receipt, orderNumber: 3, status: .failed, error: .noPrinterConfigured)
        #expect(catalog.slipNotPrinted(receipt).hasPrefix("Struk #3 belum tercetak — "))
    }

    @Test(arguments: Language.allCases)
    func aFailedJobsStoredReasonReadsAsItsError(language: Language) {
        let catalog = Catalog(language: language)
        for error in Self.errors {
            // What the queue keeps of the error, read back the way `receipt queue` and
            // `printer status` read a stored job.
            let (code, detail) = error.failure
            let acceptedByCUPS: Bool
            if case .serverStopped = error { acceptedByCUPS = true } else { acceptedByCUPS = false }
            let reason = catalog.failureReason(code, detail: detail, acceptedByCUPS: acceptedByCUPS)
            #expect(reason == catalog.printProblem(error), "\(error)")
            #expect(catalog.describe(error) == reason.prefix(1).uppercased() + String(reason.dropFirst()) + ".", "\(error)")
        }
    }

    @Test func theWords() {
        let id = Catalog(language: .id), en = Catalog(language: .en)
        #expect(id.describe(PrintError.refused("The printer or class does not exist.")) == "Printer menolak (The printer or class does not exist).")
        #expect(id.failureReason(.aborted, detail: "job aborted") == "pencetakan dibatalkan (job aborted)")
        #expect(en.failureReason(.unreachable, detail: "gone", acceptedByCUPS: true) == "the printer server stopped while printing (gone)")
        #expect(id.failureReason(.late, detail: "job pending") == "printer tidak siap (job pending)")
        #expect(id.describe(PrintError.noPrinterConfigured) == "Printer belum diatur ([printer] queue di kasir.toml, atau KASIR_PRINTER).")
        #expect(en.failureReason(nil, detail: nil) == "reason unknown")
    }
}
