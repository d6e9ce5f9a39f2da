import Testing
@testable import KasirCore

@Suite struct RupiahTests {
    @Test(arguments: [
        (Rupiah(0), "Rp0"), (Rupiah(500), "Rp500"), (Rupiah(18_000), "Rp18.000"),
        (Rupiah(1_250_000), "Rp1.250.000"), (Rupiah(-2_000), "-Rp2.000"),
    ])
    func formatsLikeBankIndonesia(amount: Rupiah, text: String) {
        #expect(amount.formatted == text)
    }

    @Test(arguments: [
        ("50000", Rupiah(50_000)), ("50.000", Rupiah(50_000)), ("Rp50.000", Rupiah(50_000)),
        ("rp 50000", Rupiah(50_000)), ("50rb", Rupiah(50_000)), ("50k", Rupiah(50_000)),
        ("1.250.000", Rupiah(1_250_000)), ("0", Rupiah(0)), (" 7500 ", Rupiah(7_500)),
    ])
    func parsesWhatPeopleType(text: String, amount: Rupiah) throws {
        #expect(try Rupiah.parse(text) == amount)
    }

    @Test(arguments: ["", "Rp", "-5000", "50,5", "5,000", "5.00", "50.0000", "1..000", "abc", "50.000rb", "５０", "1e5", "0x10"])
    func refusesMalformedAmounts(text: String) {
        #expect(throws: InputError.malformedAmount(text.trimmingCharacters(in: .whitespaces).isEmpty ? text : text)) {
            try Rupiah.parse(text)
        }
    }

    @Test func refusesAbsurdAmounts() {
        #expect(throws: InputError.amountTooLarge("1000000001")) { try Rupiah.parse("1000000001") }
        #expect(throws: InputError.amountTooLarge("99999999999")) { try Rupiah.parse("99999999999") }
        #expect(throws: InputError.amountTooLarge("99999999999rb")) { try Rupiah.parse("99999999999rb") }
        #expect(throws: InputError.malformedAmount("99999999999999999999")) { try Rupiah.parse("99999999999999999999") }
    }
}

@Suite struct ItemSpecTests {
    @Test func readsTheCommandLineForm() throws {
        let spec = try ItemSpec.parse("KSGA:2:size=L,sugar=less")
        #expect(spec == ItemSpec(reference: "KSGA", quantity: 2, choices: [.init(group: "size", option: "L"), .init(group: "sugar", option: "less")]))
    }

    @Test func readsTheCounterForm() throws {
        #expect(try ItemSpec.parse("KSGA 2 size=L sugar=less") == ItemSpec.parse("KSGA:2:size=L,sugar=less"))
        #expect(try ItemSpec.parse("3 x2") == ItemSpec(reference: "3", quantity: 2))
        #expect(try ItemSpec.parse("PGR") == ItemSpec(reference: "PGR", quantity: 1))
        #expect(try ItemSpec.parse("2 KSS") == ItemSpec(reference: "KSS", quantity: 2))
        #expect(try ItemSpec.parse("12x V60 size=L") == ItemSpec(reference: "V60", quantity: 12, choices: [.init(group: "size", option: "L")]))
        #expect(try ItemSpec.parse("3 2") == ItemSpec(reference: "3", quantity: 2))
        #expect(throws: InputError.malformedItem("2 KSS 3")) { try ItemSpec.parse("2 KSS 3") }
        #expect(throws: InputError.quantityOutOfRange("100")) { try ItemSpec.parse("100 KSS") }
        #expect(try ItemSpec.parse("KSGA::size=L") == ItemSpec(reference: "KSGA", quantity: 1, choices: [.init(group: "size", option: "L")]))
    }

    /// Several options of one group: `extra=shot,vanilla` (as the command line's comma list),
    /// `extra=shot+vanilla`, or `extra=shot vanilla` at the counter.
    @Test func readsSeveralOptionsOfOneGroup() throws {
        let expected = ItemSpec(reference: "KSGA", quantity: 2, choices: [.init(group: "extra", option: "shot"), .init(group: "extra", option: "vanilla")])
        #expect(try ItemSpec.parse("KSGA:2:extra=shot,vanilla") == expected)
        #expect(try ItemSpec.parse("KSGA 2 extra=shot,vanilla") == expected)
        #expect(try ItemSpec.parse("KSGA extra=shot+vanilla 2") == expected)
        #expect(try ItemSpec.parse("KSGA extra=shot vanilla x2") == expected)
        // A number after a choice is still the quantity; a word before any choice is not an option.
        #expect(try ItemSpec.parse("KSGA size=L 2") == ItemSpec(reference: "KSGA", quantity: 2, choices: [.init(group: "size", option: "L")]))
        #expect(throws: InputError.malformedQuantity("dua")) { try ItemSpec.parse("KSGA dua size=L") }
        #expect(throws: InputError.malformedModifier("extra=shot+")) { try ItemSpec.parse("KSGA extra=shot+") }
    }

    @Test(arguments: ["0", "100", "100000", "x0"])
    func refusesQuantitiesOutsideOneToNinetyNine(quantity: String) {
        #expect(throws: InputError.quantityOutOfRange(quantity)) { try ItemSpec.parse("PGR:\(quantity)") }
    }

    @Test(arguments: ["-1", "1.5", "dua", "99999999999999"])
    func refusesQuantitiesThatAreNotNumbers(quantity: String) {
        #expect(throws: InputError.malformedQuantity(quantity)) { try ItemSpec.parse("PGR \(quantity)") }
    }

    @Test func refusesBadCodesAndModifiers() {
        #expect(throws: InputError.malformedItem("'; DROP TABLE orders; --")) { try ItemSpec.parse("'; DROP TABLE orders; --") }
        #expect(throws: InputError.malformedModifier("size=")) { try ItemSpec.parse("KSGA size=") }
        #expect(throws: InputError.malformedItem("PGR 1 2")) { try ItemSpec.parse("PGR 1 2") }
        #expect(throws: InputError.malformedItem("")) { try ItemSpec.parse("") }
    }
}

@Suite struct StaffCodeTests {
    @Test func upperCasesCodes() throws {
        #expect(try StaffMember.parseCode(" w01 ") == "W01")
    }

    @Test(arguments: ["", "-W", "W 01", "W 1", "W01'", "ABCDEFGHIJKLM"])
    func refusesMalformedCodes(text: String) {
        #expect(throws: InputError.malformedStaffCode(text)) { try StaffMember.parseCode(text) }
    }
}

@Suite struct JournalHeadTests {
    static let head = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

    /// 58 mm paper: four groups a line, four lines; 80 mm: eight, two lines; never wider than the paper.
    @Test func printsInGroupsOfFourOnWholeLines() {
        #expect(JournalHead.printedLines(Self.head, columns: 32)
            == ["9f86 d081 884c 7d65", "9a2f eaa0 c55a d015", "a3bf 4f1b 2b0b 822c", "d15d 6c15 b0f0 0a08"])
        #expect(JournalHead.printedLines(Self.head, columns: 48)
            == ["9f86 d081 884c 7d65 9a2f eaa0 c55a d015", "a3bf 4f1b 2b0b 822c d15d 6c15 b0f0 0a08"])
    }

    /// What the paper shows, typed with its spaces and line breaks, in capitals or not, is the head.
    @Test func readsTheHeadAsPrinted() throws {
        for columns in [32, 48] {
            #expect(try JournalHead.parse(JournalHead.printedLines(Self.head, columns: columns).joined(separator: "\n")) == Self.head)
        }
        #expect(try JournalHead.parse(" " + JournalHead.printedLines(Self.head, columns: 32).joined(separator: " ").uppercased() + "\n") == Self.head)
        #expect(try JournalHead.parse(Self.head.uppercased()) == Self.head)
    }

    @Test func aMistypedHeadIsSaidAsThat() {
        #expect(throws: InputError.malformedJournalHead(String(Self.head.dropLast()))) { try JournalHead.parse(String(Self.head.dropLast())) }
        #expect(throws: InputError.malformedJournalHead("g" + String(Self.head.dropFirst()))) { try JournalHead.parse("g" + String(Self.head.dropFirst())) }
    }
}
