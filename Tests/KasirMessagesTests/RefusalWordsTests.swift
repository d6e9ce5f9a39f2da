import KasirConfig
import KasirCore
import KasirMessages
import Testing

/// How an order's refusals read: one line each, from the catalogue. The rules are Core's, tested
/// there with these same inputs (ItemSpecTests, RupiahTests, OrderLineTests, SettlementTests,
/// StaffCodeTests); that a refusal reaches standard error as this line, with exit status 1 and
/// nothing changed, is checked once per way `order new` refuses, end to end
/// (CommandEndToEndTests.badOrderInputChangesNothing).
@Suite struct RefusalWordsTests {
    let id = Catalog(language: .id)

    @Test func anOrdersRefusalsReadAsOneLine() {
        let lines: [(any Error, String)] = [
            (InputError.malformedQuantity("-1"), "Jumlah porsi tidak dikenali: \"-1\" (angka 1–99)."),
            (InputError.quantityOutOfRange("0"), "Jumlah porsi harus 1–99, bukan 0."),
            (InputError.quantityOutOfRange("100000"), "Jumlah porsi harus 1–99, bukan 100000."),
            (OrderError.unknownModifierGroup(item: "PGR", group: "size", valid: []), "PGR tidak punya pilihan \"size\"."),
            (InputError.malformedAmount("5,000"), "Jumlah uang tidak dikenali: \"5,000\" (contoh: 50000, 50.000, Rp50.000)."),
            (InputError.amountTooLarge("99999999999"), "Jumlah terlalu besar: \"99999999999\" (paling banyak Rp1.000.000.000)."),
            (OrderError.nonCashExceedsDue(due: 10_000, paid: 20_000), "QRIS Rp20.000 melebihi tagihan Rp10.000; QRIS tidak memberi kembalian."),
            (OrderError.paymentsDoNotCoverTotal(total: 10_000, paid: 5_000), "Pembayaran Rp5.000 tidak sama dengan total Rp10.000."),
            (InputError.malformedStaffCode("W 1"), "Kode petugas tidak sah: \"W 1\" (huruf dan angka, paling banyak 12)."),
        ]
        for (error, line) in lines {
            #expect(id.describe(error) == line, "\(error)")
        }
    }
}
