import Foundation
import KasirCore
import Testing
@testable import KasirConfig

/// The config Kasir ships (`config/`). Only these tests read it: every other test runs on its
/// own fixture (`Tests/Fixtures/config`), so the café may change its menu and prices freely.
let repositoryConfig = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("config")

/// The shipped config loads and is one a café can start from.
@Suite struct ShippedConfigTests {
    @Test func theShippedConfigLoads() throws {
        let config = try KasirConfiguration.load(from: repositoryConfig)
        #expect(config.cafe.name == "Kafe Asimilasi Rutan Balikpapan")
        #expect(config.cafe.address.contains("Jl. Jenderal Sudirman No. 533"))
        #expect(config.cafe.calendar.timeZone.secondsFromGMT() == 8 * 3600)
        #expect(config.cafe.language == .id)
        #expect(config.cafe.pricing.tax == TaxPolicy(rate: .percent(10), pricesIncludeTax: true, label: "PB1"))
        #expect(config.cafe.pricing.rounding == RoundingRule(unit: 100, mode: .down))
        #expect(config.cafe.denominations.first == 100_000 && config.cafe.denominations.last == 100)
        #expect(config.cafe.receiptColumns == 32)
    }

    /// Every item is priced above what it costs, sits in a known category, and is listed
    /// category by category (as the counter numbers them); every skill counts toward a
    /// competency unit; every required modifier group has a default among its options. No
    /// price is pinned here: prices are the café's to change.
    @Test func theShippedMenuIsValid() throws {
        let config = try KasirConfiguration.load(from: repositoryConfig)
        let menu = config.menu
        try #require(!menu.items.isEmpty)
        let categories = menu.categories.map(\.code)
        for item in menu.items {
            #expect(item.price > .zero, "\(item.code)")
            if let cost = item.cost { #expect(cost < item.price, "\(item.code) costs \(cost), sold for \(item.price)") }
            #expect(categories.contains(item.category), "\(item.code)")
            #expect(item.modifierGroups.allSatisfy { menu.group($0) != nil }, "\(item.code)")
        }
        let order = menu.items.compactMap { categories.firstIndex(of: $0.category) }
        #expect(order == order.sorted())
        #expect(menu.item(reference: "1")?.code == menu.items.first?.code)
        let trained = Set(config.competencies.flatMap(\.skills))
        #expect(Set(menu.items.map(\.skill)).isSubset(of: trained), "a skill no competency unit counts")
        for group in menu.modifierGroups where group.required {
            #expect(group.defaultOption.flatMap { group.option($0) } != nil, "\(group.code)")
        }
    }

    /// Indonesian words for the modifiers beside the stored codes, and Indonesian names.
    @Test func theShippedModifiersHaveIndonesianWords() throws {
        let menu = try KasirConfiguration.load(from: repositoryConfig).menu
        let size = try #require(menu.modifierGroup(named: "ukuran"))
        #expect(size.code == "size")
        #expect(size.options.map(\.name) == ["Reguler", "Besar"])
        #expect(menu.modifierGroup(named: "gula")?.option("sedikit")?.code == "less")
        #expect(menu.modifierGroup(named: "tambahan")?.option("vanila")?.code == "vanilla")
        #expect(menu.modifierGroup(named: "suhu")?.option("dingin")?.code == "iced")
    }

    /// `--help` finds the language without parsing the whole config.
    @Test func theLanguageIsFoundWithoutTheRest() throws {
        #expect(Language.configured(in: repositoryConfig) == .id)
        #expect(Language.configured(inText: "[cafe]\nname = \"K\"\nlanguage = \"en\"   # English\n") == .en)
        #expect(Language.configured(inText: "[cafe]\nlanguage='en'\n") == .en)
        #expect(Language.configured(inText: "[printer]\nlanguage = \"en\"\n[cafe]\nname = \"K\"\n") == nil)
        #expect(Language.configured(inText: "[cafe]\nlanguage = \"fr\"\n") == nil)
        #expect(Language.configured(in: URL(fileURLWithPath: "/nonexistent")) == nil)
    }
}

@Suite struct ConfigErrorTests {
    func cafe(_ text: String) throws(ConfigError) -> CafeSettings {
        try CafeSettings.parse(text, file: "kasir.toml")
    }

    let minimal = """
        [cafe]
        name = "K"
        address = "A"
        """

    @Test func aSyntaxErrorNamesFileAndLine() {
        #expect {
            try cafe("[cafe]\nname = \"K\"\naddress = \n")
        } throws: { error in
            guard case .syntax(let file, let line, _, _) = error as? ConfigError else { return false }
            return file == "kasir.toml" && line == 3
        }
    }

    @Test func wrongValuesNameTheKey() {
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "tax.rate_percent", problem: .outOfRange("0–10"))) {
            try cafe(minimal + "\n[tax]\nrate_percent = 11\n")
        }
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "tax.rate_percent", problem: .wrongType(expected: "number"))) {
            try cafe(minimal + "\n[tax]\nrate_percent = \"10\"\n")
        }
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "cafe.language", problem: .notOneOf(["id", "en"]))) {
            try cafe(minimal + "\nlanguage = \"fr\"\n")
        }
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "receipt.width_mm", problem: .notOneOf(["58", "80"]))) {
            try cafe(minimal + "\n[receipt]\nwidth_mm = 76\n")
        }
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "cafe.name", problem: .missing)) {
            try cafe("[cafe]\naddress = \"A\"\n")
        }
        #expect(throws: ConfigError.invalid(file: "kasir.toml", key: "cafe.time_zone", problem: .unknownReference("Mars/Olympus"))) {
            try cafe(minimal + "\ntime_zone = \"Mars/Olympus\"\n")
        }
    }

    @Test func decimalRatesAreKeptExactly() throws {
        let settings = try cafe(minimal + "\n[tax]\nrate_percent = 2.5\nprices_include_tax = false\n")
        #expect(settings.pricing.tax.rate == Percentage(basisPoints: 250))
    }

    @Test func menuMistakesNameTheItem() {
        let header = """
            [[categories]]
            code = "kopi"
            name = "Kopi"

            """
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "items[0].category", problem: .unknownReference("teh"))) {
            try MenuFile.parse(header + "[[items]]\ncode = \"A\"\nname = \"A\"\ncategory = \"teh\"\nprice = 1000\nskill = \"x\"\n", file: "menu.toml")
        }
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "items[0].price", problem: .wrongType(expected: "whole number"))) {
            try MenuFile.parse(header + "[[items]]\ncode = \"A\"\nname = \"A\"\ncategory = \"kopi\"\nprice = 1000.5\nskill = \"x\"\n", file: "menu.toml")
        }
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "items[0].modifiers[0]", problem: .unknownReference("size"))) {
            try MenuFile.parse(header + "[[items]]\ncode = \"A\"\nname = \"A\"\ncategory = \"kopi\"\nprice = 1000\nskill = \"x\"\nmodifiers = [\"size\"]\n", file: "menu.toml")
        }
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "items[1].code", problem: .duplicate("A"))) {
            let item = "[[items]]\ncode = \"A\"\nname = \"A\"\ncategory = \"kopi\"\nprice = 1000\nskill = \"x\"\n"
            return try MenuFile.parse(header + item + item, file: "menu.toml")
        }
    }

    @Test func aWordNamesOneModifierOnly() {
        let header = "[[categories]]\ncode = \"kopi\"\nname = \"Kopi\"\n\n"
        let item = "[[items]]\ncode = \"A\"\nname = \"A\"\ncategory = \"kopi\"\nprice = 1000\nskill = \"x\"\n"
        let option = "options = [{ code = \"R\", name = \"R\" }]\n"
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "modifiers.b.aliases[0]", problem: .duplicate("x"))) {
            try MenuFile.parse(header + "[modifiers.a]\nname = \"A\"\naliases = [\"x\"]\n" + option + "[modifiers.b]\nname = \"B\"\naliases = [\"x\"]\n" + option + item,
                               file: "menu.toml")
        }
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "modifiers.size.options[1].aliases[0]", problem: .duplicate("l"))) {
            try MenuFile.parse(header + "[modifiers.size]\nname = \"Ukuran\"\noptions = [{ code = \"L\", name = \"L\" }, { code = \"R\", name = \"R\", aliases = [\"l\"] }]\n" + item,
                               file: "menu.toml")
        }
        #expect(throws: ConfigError.invalid(file: "menu.toml", key: "modifiers.size.aliases[0]", problem: .outOfRange("letters, digits, '-' or '_'"))) {
            try MenuFile.parse(header + "[modifiers.size]\nname = \"Ukuran\"\naliases = [\"uku ran\"]\n" + option + item, file: "menu.toml")
        }
    }

    @Test func aMissingFolderIsNamed() {
        #expect(throws: ConfigError.unreadable(file: "/nonexistent/kasir.toml")) {
            try KasirConfiguration.load(from: URL(fileURLWithPath: "/nonexistent"))
        }
    }
}
