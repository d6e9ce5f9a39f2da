import Foundation
import Testing
@testable import KasirCore

let sampleMenu = Menu(
    categories: [MenuCategory(code: "kopi", name: "Kopi"), MenuCategory(code: "makanan", name: "Makanan")],
    items: [
        MenuItem(code: "KSGA", name: "Es Kopi Susu Gula Aren", category: "kopi", price: 18_000, skill: "espresso", modifierGroups: ["size", "sugar", "extra"]),
        MenuItem(code: "V60", name: "V60", category: "kopi", price: 25_000, skill: "manual-brew", modifierGroups: ["method"]),
        MenuItem(code: "PGR", name: "Pisang Goreng", category: "makanan", price: 10_000, skill: "food"),
        MenuItem(code: "RTB", name: "Roti Bakar", category: "makanan", price: 15_000, skill: "food", available: false),
    ],
    modifierGroups: [
        ModifierGroup(code: "size", name: "Ukuran", required: true, defaultOption: "R",
                      options: [ModifierOption(code: "R", name: "Regular"), ModifierOption(code: "L", name: "Large", priceDelta: 5_000)],
                      aliases: ["ukuran"]),
        ModifierGroup(code: "sugar", name: "Gula",
                      options: [ModifierOption(code: "normal", name: "Gula normal"), ModifierOption(code: "less", name: "Sedikit gula", aliases: ["sedikit"])],
                      aliases: ["gula"]),
        ModifierGroup(code: "extra", name: "Tambahan", selection: .multiple,
                      options: [ModifierOption(code: "shot", name: "Ekstra shot", priceDelta: 5_000),
                                ModifierOption(code: "vanilla", name: "Sirup vanila", priceDelta: 4_000, aliases: ["vanila"])],
                      aliases: ["tambahan"]),
        ModifierGroup(code: "method", name: "Metode", required: true, options: [ModifierOption(code: "hot", name: "Panas")]),
    ])

@Suite struct OrderLineTests {
    @Test func pricesModifiersPerUnit() throws {
        let line = try OrderLine(spec: ItemSpec.parse("KSGA:2:size=L,sugar=less,extra=shot,extra=vanilla"), menu: sampleMenu)
        #expect(line.unitPrice == 32_000)   // 18.000 + 5.000 + 5.000 + 4.000
        #expect(line.total == 64_000)
        #expect(line.modifiers.map(\.optionCode) == ["L", "less", "shot", "vanilla"])
        #expect(line.skill == "espresso")
    }

    @Test func aRequiredGroupTakesItsDefault() throws {
        let line = try OrderLine(spec: ItemSpec.parse("ksga"), menu: sampleMenu)
        #expect(line.modifiers.map(\.optionCode) == ["R"])
        #expect(line.unitPrice == 18_000)
    }

    /// `ukuran=L gula=sedikit` and `size=L sugar=less` are the same line, stored by the codes.
    @Test func indonesianAliasesChooseTheSameOptions() throws {
        let english = try OrderLine(spec: ItemSpec.parse("KSGA size=L sugar=less extra=shot,vanilla"), menu: sampleMenu)
        let indonesian = try OrderLine(spec: ItemSpec.parse("KSGA ukuran=L gula=sedikit tambahan=shot+vanila"), menu: sampleMenu)
        #expect(indonesian == english)
        #expect(indonesian.modifiers.map { "\($0.groupCode)=\($0.optionCode)" } == ["size=L", "sugar=less", "extra=shot", "extra=vanilla"])
        #expect(indonesian.unitPrice == 32_000)
    }

    /// The database keeps codes only; the config's aliases are laid over them by code.
    @Test func theDatabasesMenuTakesTheConfigsAliases() {
        var bare = sampleMenu
        for group in bare.modifierGroups.indices {
            bare.modifierGroups[group].aliases = []
            for option in bare.modifierGroups[group].options.indices { bare.modifierGroups[group].options[option].aliases = [] }
        }
        #expect(bare != sampleMenu)
        #expect(bare.withAliases(from: sampleMenu) == sampleMenu)
        #expect(sampleMenu.modifierGroup(named: "UKURAN")?.code == "size")
        #expect(sampleMenu.group("sugar")?.option("Sedikit")?.code == "less")
    }

    @Test func itemsAreFoundByNumberToo() throws {
        #expect(try OrderLine(spec: ItemSpec.parse("3"), menu: sampleMenu).itemCode == "PGR")
    }

    @Test func modifierMistakesAreNamed() {
        #expect(throws: OrderError.unknownItem("XYZ")) { try OrderLine(spec: ItemSpec.parse("xyz"), menu: sampleMenu) }
        #expect(throws: OrderError.unknownItem("9")) { try OrderLine(spec: ItemSpec.parse("9"), menu: sampleMenu) }
        #expect(throws: OrderError.itemUnavailable("RTB")) { try OrderLine(spec: ItemSpec.parse("RTB"), menu: sampleMenu) }
        #expect(throws: OrderError.unknownModifierGroup(item: "PGR", group: "size", valid: [])) { try OrderLine(spec: ItemSpec.parse("PGR size=L"), menu: sampleMenu) }
        // The error carries what the message needs to name the valid choices.
        let size = sampleMenu.group("size")!
        #expect(throws: OrderError.unknownModifierGroup(item: "KSGA", group: "suhu", valid: ["size", "sugar", "extra"].map { sampleMenu.group($0)! })) {
            try OrderLine(spec: ItemSpec.parse("KSGA suhu=panas"), menu: sampleMenu)
        }
        #expect(throws: OrderError.unknownModifierOption(group: size, option: "XL")) { try OrderLine(spec: ItemSpec.parse("KSGA size=XL"), menu: sampleMenu) }
        #expect(throws: OrderError.unknownModifierOption(group: size, option: "XL")) { try OrderLine(spec: ItemSpec.parse("KSGA ukuran=XL"), menu: sampleMenu) }
        #expect(throws: OrderError.tooManyChoices(group: size)) { try OrderLine(spec: ItemSpec.parse("KSGA size=L size=R"), menu: sampleMenu) }
        #expect(throws: OrderError.tooManyChoices(group: size)) { try OrderLine(spec: ItemSpec.parse("KSGA size=L,R"), menu: sampleMenu) }
        #expect(throws: OrderError.missingRequiredModifier(item: "V60", group: "method")) { try OrderLine(spec: ItemSpec.parse("V60"), menu: sampleMenu) }
    }
}

@Suite struct OrderDraftTests {
    @Test func equalLinesMergeAndRemovalIsKept() throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec.parse("PGR"), menu: sampleMenu))
        try draft.add(OrderLine(spec: ItemSpec.parse("KSGA size=L"), menu: sampleMenu))
        try draft.add(OrderLine(spec: ItemSpec.parse("PGR 2"), menu: sampleMenu))
        #expect(draft.lines.map(\.quantity) == [3, 1])
        #expect(draft.subtotal == 53_000)
        let (removed, withdrawn) = try draft.removeLine(1)
        #expect(removed.itemCode == "PGR" && !withdrawn)
        #expect(draft.removedLines == [removed])
        #expect(draft.subtotal == 23_000)
        #expect(throws: OrderError.noSuchLine(5)) { try draft.removeLine(5) }
    }

    /// Padding an order, getting it discounted and taking the padding off does not keep the
    /// discount: it goes with its approval, and other lines' approvals follow their lines.
    @Test func removingALineWithdrawsTheOrderDiscount() throws {
        var draft = OrderDraft(serverCode: "W01")
        let approval = Approval(supervisorCode: "S1", reason: "tetap", at: Date(timeIntervalSince1970: 0))
        try draft.add(OrderLine(spec: ItemSpec.parse("PGR 9"), menu: sampleMenu))
        try draft.add(OrderLine(spec: ItemSpec.parse("KSGA size=L"), menu: sampleMenu))
        try draft.overridePrice(20_000, line: 2, approval: approval)
        try draft.applyDiscount(.amount(30_000), line: nil, approval: approval)
        #expect(draft.discount == 30_000)
        let (_, withdrawn) = try draft.removeLine(1)
        #expect(withdrawn)
        #expect(draft.discount == .zero && draft.subtotal == 20_000)
        #expect(draft.approvals.map(\.kind) == [.priceOverride] && draft.approvals.first?.line == 1)
    }

    @Test func aLineHoldsAtMostNinetyNine() throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec.parse("PGR 60"), menu: sampleMenu))
        #expect(throws: OrderError.lineQuantityTooLarge(limit: 99)) { try draft.add(OrderLine(spec: ItemSpec.parse("PGR 40"), menu: sampleMenu)) }
        #expect(draft.lines[0].quantity == 60)
    }

    @Test func emptyOrdersCannotBePaid() {
        #expect(throws: OrderError.emptyOrder) {
            try OrderDraft(serverCode: "W01").checkout(pricing: PricingPolicy(), tenders: [.cash(tendered: 1_000)])
        }
    }

    @Test func notesAreChecked() throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.setNote("  tanpa sedotan ")
        #expect(draft.note == "tanpa sedotan")
        try draft.setNote("")
        #expect(draft.note == nil)
        #expect(throws: InputError.malformedText(field: "note")) { try draft.setNote("a\u{1B}[2J") }
        #expect(throws: InputError.textTooLong(field: "note", limit: 200)) { try draft.setNote(String(repeating: "x", count: 201)) }
    }
}

@Suite struct CafeCalendarTests {
    let calendar = CafeCalendar.wita

    func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func sixteenHundredUTCIsMidnightInWITA() {
        #expect(calendar.day(of: utc("2026-11-29T15:59:00Z")) == BusinessDay(year: 2026, month: 11, day: 29))
        #expect(calendar.dateTime(of: utc("2026-11-29T15:59:00Z")) == "2026-11-29 23:59")
        #expect(calendar.day(of: utc("2026-11-29T16:00:00Z")) == BusinessDay(year: 2026, month: 11, day: 30))
        #expect(calendar.dateTime(of: utc("2026-11-29T16:01:00Z")) == "2026-11-30 00:01")
        #expect(calendar.start(of: BusinessDay(year: 2026, month: 11, day: 30)) == utc("2026-11-29T16:00:00Z"))
    }

    @Test func paperSheetTimesAreWITA() throws {
        #expect(try calendar.instant(parsing: "2026-11-29 16:00") == utc("2026-11-29T08:00:00Z"))
        #expect(try calendar.instant(parsing: "2026-11-30 00:30") == utc("2026-11-29T16:30:00Z"))
        for bad in ["2026-11-29", "2026-11-29 24:00", "2026-11-29 8:00", "2026-02-30 08:00", "2026-11-29T08:00"] {
            #expect(throws: InputError.malformedDate(bad)) { try calendar.instant(parsing: bad) }
        }
    }

    @Test func daysParseStrictly() throws {
        #expect(try BusinessDay.parse("2028-02-29") == BusinessDay(year: 2028, month: 2, day: 29))
        for bad in ["2026-02-29", "2026-13-01", "26-01-01", "2026-1-1", "2026-01-01x", "", "2026-01-0١", "2026+01-01", "2026-01-00", "1999-12-31"] {
            #expect(throws: InputError.malformedDate(bad)) { try BusinessDay.parse(bad) }
        }
    }

    @Test func monthsParseStrictly() throws {
        #expect(try BusinessMonth.parse("2026-12") == BusinessMonth(year: 2026, month: 12))
        #expect(try BusinessMonth.parse("2000-01") == BusinessMonth(year: 2000, month: 1))
        for bad in ["2026-13", "2026-00", "2026-1", "26-01", "2026-01-01", "2026_01", "２０２６-01", "3000-01", " 2026-01", ""] {
            #expect(throws: InputError.malformedDate(bad)) { try BusinessMonth.parse(bad) }
        }
    }
}
