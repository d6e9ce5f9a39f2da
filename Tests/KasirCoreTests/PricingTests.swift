import Testing
@testable import KasirCore

/// Hand-computed cases for the arithmetic documented in the README ("Tax and rounding").
@Suite struct PricingTests {
    func policy(rate: Int64, inclusive: Bool, service: Int64 = 0, unit: Int64 = 1, mode: RoundingRule.Mode = .nearest) -> PricingPolicy {
        PricingPolicy(
            tax: TaxPolicy(rate: .percent(rate), pricesIncludeTax: inclusive),
            serviceCharge: .percent(service), rounding: RoundingRule(unit: unit, mode: mode))
    }

    @Test func noTaxNoRounding() {
        let totals = PricingPolicy().totals(subtotal: 56_000)
        #expect(totals == Totals(subtotal: 56_000, serviceCharge: 0, tax: 0, taxIncluded: false, rounding: 0, total: 56_000))
    }

    @Test func exclusiveTaxIsAddedOnTop() {
        // 18.000 × 10% = 1.800; 18.000 + 1.800 = 19.800.
        let totals = policy(rate: 10, inclusive: false).totals(subtotal: 18_000)
        #expect(totals == Totals(subtotal: 18_000, serviceCharge: 0, tax: 1_800, taxIncluded: false, rounding: 0, total: 19_800))
    }

    @Test func inclusiveTaxIsThePartOfThePriceThatIsTax() {
        // 56.000 × 10/110 = 5.090,9… → 5.091; the customer pays the menu price.
        let totals = policy(rate: 10, inclusive: true).totals(subtotal: 56_000)
        #expect(totals == Totals(subtotal: 56_000, serviceCharge: 0, tax: 5_091, taxIncluded: true, rounding: 0, total: 56_000))
        // 24.000 × 10/110 = 2.181,8… → 2.182.
        #expect(policy(rate: 10, inclusive: true).totals(subtotal: 24_000).tax == 2_182)
    }

    @Test func serviceChargeIsTaxedWithTheFood() {
        // service 5% of 23.000 = 1.150; tax 10% of 24.150 = 2.415; total 26.565,
        // rounded to the nearest 100 → 26.600 (+35).
        let totals = policy(rate: 10, inclusive: false, service: 5, unit: 100, mode: .nearest).totals(subtotal: 23_000)
        #expect(totals == Totals(subtotal: 23_000, serviceCharge: 1_150, tax: 2_415, taxIncluded: false, rounding: 35, total: 26_600))
    }

    @Test func roundingModes() {
        // 15.000 + 10% of 15.000 with 2,5% service: service 375, tax 1.537,5 → 1.538, gross 16.913.
        let gross = PricingPolicy(tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: false), serviceCharge: Percentage(basisPoints: 250))
            .totals(subtotal: 15_000)
        #expect(gross.total == 16_913)
        #expect(RoundingRule(unit: 100, mode: .down).apply(to: 16_913) == 16_900)
        #expect(RoundingRule(unit: 100, mode: .up).apply(to: 16_913) == 17_000)
        #expect(RoundingRule(unit: 100, mode: .nearest).apply(to: 16_913) == 16_900)
        #expect(RoundingRule(unit: 100, mode: .nearest).apply(to: 16_950) == 17_000)
        #expect(RoundingRule(unit: 500, mode: .nearest).apply(to: 16_749) == 16_500)
        #expect(RoundingRule(unit: 1_000, mode: .down).apply(to: 17_000) == 17_000)
    }

    @Test func roundingDownShowsANegativeRoundingLine() {
        // 16.913 rounded down to 100: the customer pays 16.900 and the bill shows -13.
        let totals = PricingPolicy(
            tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: false), serviceCharge: Percentage(basisPoints: 250),
            rounding: RoundingRule(unit: 100, mode: .down)
        ).totals(subtotal: 15_000)
        #expect(totals.rounding == -13)
        #expect(totals.total == 16_900)
        #expect(totals.subtotal + totals.serviceCharge + totals.tax + totals.rounding == totals.total)
    }
}

@Suite struct SettlementTests {
    @Test func cashGivesChange() throws {
        let result = try settle(total: 56_000, tenders: [.cash(tendered: 100_000)])
        #expect(result.change == 44_000)
        #expect(result.payments == [Payment(method: .cash, amount: 56_000, tendered: 100_000, change: 44_000)])
    }

    @Test func exactCashGivesNoChange() throws {
        #expect(try settle(total: 18_000, tenders: [.cash(tendered: 18_000)]).change == 0)
    }

    @Test func cashShortIsRefused() {
        #expect(throws: OrderError.cashShort(due: 56_000, tendered: 50_000)) {
            try settle(total: 56_000, tenders: [.cash(tendered: 50_000)])
        }
    }

    @Test func splitTenderSettlesQrisFirstThenCash() throws {
        let result = try settle(total: 46_000, tenders: [.qris(amount: 20_000, reference: "REF9"), .cash(tendered: 5_000), .cash(tendered: 50_000)])
        #expect(result.payments == [
            Payment(method: .qris, amount: 20_000, tendered: 20_000, reference: "REF9"),
            Payment(method: .cash, amount: 26_000, tendered: 55_000, change: 29_000),
        ])
        #expect(result.change == 29_000)
    }

    @Test func qrisAloneMustMatchTheTotal() throws {
        #expect(try settle(total: 22_000, tenders: [.qris(amount: 22_000, reference: "A")]).change == 0)
        #expect(throws: OrderError.paymentsDoNotCoverTotal(total: 22_000, paid: 20_000)) {
            try settle(total: 22_000, tenders: [.qris(amount: 20_000, reference: "A")])
        }
        #expect(throws: OrderError.nonCashExceedsDue(due: 22_000, paid: 25_000)) {
            try settle(total: 22_000, tenders: [.qris(amount: 25_000, reference: "A")])
        }
    }

    @Test func splitRulesAreChecked() {
        #expect(throws: OrderError.noPayment) { try settle(total: 1_000, tenders: []) }
        #expect(throws: OrderError.nothingDueInCash) {
            try settle(total: 22_000, tenders: [.qris(amount: 22_000, reference: "A"), .cash(tendered: 1_000)])
        }
        #expect(throws: OrderError.duplicateReference("A")) {
            try settle(total: 22_000, tenders: [.qris(amount: 1_000, reference: "A"), .qris(amount: 1_000, reference: "A")])
        }
        #expect(throws: OrderError.cashShort(due: 12_000, tendered: 10_000)) {
            try settle(total: 22_000, tenders: [.qris(amount: 10_000, reference: "A"), .cash(tendered: 10_000)])
        }
    }

    @Test func tendersParse() throws {
        #expect(try Tender.parse("cash:50000") == .cash(tendered: 50_000))
        #expect(try Tender.parse("tunai:Rp50.000") == .cash(tendered: 50_000))
        #expect(try Tender.parse("qris:25.000:REF123") == .qris(amount: 25_000, reference: "REF123"))
        #expect(throws: InputError.malformedPayment("qris:25000")) { try Tender.parse("qris:25000") }
        #expect(throws: InputError.malformedPayment("card:1000")) { try Tender.parse("card:1000") }
        #expect(throws: InputError.malformedPayment("cash:0")) { try Tender.parse("cash:0") }
        #expect(throws: InputError.malformedAmount("-5")) { try Tender.parse("cash:-5") }
        #expect(throws: InputError.malformedPayment("A B")) { try Tender.parse("qris:1000:A B") }
    }
}
