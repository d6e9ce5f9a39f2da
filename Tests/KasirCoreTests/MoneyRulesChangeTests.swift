import Foundation
import Testing
import KasirCore

/// `kasir policy set`'s options applied to the money rules: what is named changes, the rest
/// stays, and the result is checked whole.
@Suite struct MoneyRulesChangeTests {
    @Test func whatIsNamedChangesAndTheRestStays() throws {
        #expect(MoneyRules.Change().isEmpty)
        #expect(!MoneyRules.Change(qrisPayload: "").isEmpty)
        let rules = try MoneyRules.standard.changing(MoneyRules.Change(taxRate: "0", premi: "55", capital: "30"))
        #expect(rules.pricing.tax.rate == .zero)
        #expect(rules.premi.premi == .percent(55))
        #expect(rules.premi.pnbp == .percent(15))
        #expect(rules.premi.capital == .percent(30))
        #expect(rules.pricing.rounding == MoneyRules.standard.pricing.rounding)
        #expect(rules.backupsKept == MoneyRules.standard.backupsKept)
        #expect(try MoneyRules.standard.changing(MoneyRules.Change()) == .standard)
    }

    @Test func wordsUnitsAndWeightsAreRead() throws {
        let change = MoneyRules.Change(pricesIncludeTax: "tidak", roundingUnit: 500, roundingMode: "up", stationWeights: "KASIR=100,bar=120,dapur=90",
                                       qrisPayload: "")
        var start = MoneyRules.standard
        start.qrisPayload = "000201"
        let rules = try start.changing(change)
        #expect(!rules.pricing.tax.pricesIncludeTax)
        #expect(rules.pricing.rounding == RoundingRule(unit: 500, mode: .up))
        #expect(rules.premi.stationWeights == ["kasir": 100, "bar": 120, "dapur": 90])
        #expect(rules.qrisPayload == nil)
        // Only the mode: the unit stays.
        #expect(try MoneyRules.standard.changing(MoneyRules.Change(roundingMode: "nearest")).pricing.rounding == RoundingRule(unit: 100, mode: .nearest))
        #expect(try rules.changing(MoneyRules.Change(stationWeights: "jam")).premi.stationWeights == nil)
    }

    @Test func whatCannotBeReadOrDoesNotAddUpIsRefused() {
        let standard = MoneyRules.standard
        #expect(throws: InputError.notOneOf(field: "capital_percent", allowed: ["premi + pnbp + capital = 100"])) {
            try standard.changing(MoneyRules.Change(premi: "60"))
        }
        #expect(throws: InputError.notOneOf(field: "prices-include-tax", allowed: ["ya", "tidak"])) {
            try standard.changing(MoneyRules.Change(pricesIncludeTax: "mungkin"))
        }
        #expect(throws: InputError.notOneOf(field: "rounding-mode", allowed: ["nearest", "down", "up"])) {
            try standard.changing(MoneyRules.Change(roundingMode: "sideways"))
        }
        #expect(throws: InputError.notOneOf(field: "rounding-unit", allowed: ["1", "50", "100", "500", "1000"])) {
            try standard.changing(MoneyRules.Change(roundingUnit: 200))
        }
        #expect(throws: InputError.notOneOf(field: "station-weights", allowed: ["kasir=100,bar=120,dapur=100"])) {
            try standard.changing(MoneyRules.Change(stationWeights: "kasir:100"))
        }
        #expect(throws: InputError.notOneOf(field: "station_weights", allowed: ["kasir, bar, dapur 0–1000"])) {
            try standard.changing(MoneyRules.Change(stationWeights: "kasir=100,bar=120"))
        }
        #expect(throws: InputError.malformedAmount("sepuluh")) {
            try standard.changing(MoneyRules.Change(taxRate: "sepuluh"))
        }
        #expect(throws: InputError.notOneOf(field: "time_zone", allowed: ["Asia/Makassar, Asia/Jakarta, Asia/Jayapura"])) {
            try standard.changing(MoneyRules.Change(timeZone: "Bulan/Purnama"))
        }
    }
}
