import Foundation
import Testing
@testable import KasirCore

@Suite struct TimestampTests {
    @Test func writesAndReadsOneShape() {
        let instant = Date(timeIntervalSince1970: 1_795_910_400.123_4)
        #expect(Timestamp.string(instant) == "2026-11-29T00:00:00.123Z")
        #expect(Timestamp.date("2026-11-29T00:00:00.123Z") == Date(timeIntervalSince1970: 1_795_910_400.123))
        #expect(Timestamp.string(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        for text in ["2026-11-29 00:00:00.123", "2026-11-29T00:00:00Z", "2026-02-30T00:00:00.000Z", "2026-11-29T24:00:00.000Z", ""] {
            #expect(Timestamp.date(text) == nil, "\(text)")
        }
    }

    @Test func roundTripsOverCenturies() {
        var random = SeededRandom(seed: 42)
        for _ in 0..<10_000 {
            let milliseconds = Int64(random.below(8_000_000)) * 1_000_000 + Int64(random.below(1_000_000))
            let text = Timestamp.string(milliseconds: milliseconds)
            #expect(Timestamp.milliseconds(text) == milliseconds, "\(text)")
            #expect(Timestamp.string(Timestamp.date(text)!) == text)
            // The same calendar as Foundation's own ISO 8601 form, to the second.
            let style = Date.ISO8601FormatStyle()
            #expect(style.format(Date(timeIntervalSince1970: Double(milliseconds / 1000))) == text.prefix(19) + "Z")
        }
    }
}

@Suite struct AllocationTests {
    @Test func largestRemainderLosesNoRupiah() {
        #expect(Rupiah.allocate(100, weights: [1, 1, 1]) == [34, 33, 33])
        #expect(Rupiah.allocate(2_600, weights: [20_000, 6_000]) == [2_000, 600])
        #expect(Rupiah.allocate(0, weights: [3, 4]) == [0, 0])
        #expect(Rupiah.allocate(10, weights: [0, 0]) == [0, 0])
        var random = SeededRandom(seed: 9)
        for _ in 0..<5_000 {
            let weights = (0..<(1 + random.below(8))).map { _ in Int64(random.below(1_000_000)) }
            let pool = Rupiah(Int64(random.below(1_000_000_000)))
            let shares = Rupiah.allocate(pool, weights: weights)
            if weights.reduce(0, +) > 0 { #expect(shares.reduce(.zero, +) == pool) }
            #expect(shares.allSatisfy { $0 >= .zero })
        }
    }
}

@Suite struct RefundPlanTests {
    /// PGR Rp10.000 + AMR Rp15.000 with a Rp2.500 order discount: Rp22.500, PB1 inside 2.045.
    var order: (total: Rupiah, tax: Rupiah, lines: [RefundableLine], tenders: [RefundableTender]) {
        let totals = Totals(subtotal: 25_000, discount: 2_500, serviceCharge: 0, tax: 2_045, taxIncluded: true, rounding: 0, total: 22_500)
        let shares = totals.lineShares(lineNets: [10_000, 15_000])
        return (22_500, 2_045,
                [RefundableLine(position: 1, quantity: 1, paid: shares[0]), RefundableLine(position: 2, quantity: 1, paid: shares[1])],
                [RefundableTender(position: 1, method: .qris, reference: "Q1", paid: 7_500), RefundableTender(position: 2, method: .cash, reference: nil, paid: 15_000)])
    }

    @Test func anOrderDiscountIsSharedOverTheLines() {
        let totals = Totals(subtotal: 25_000, discount: 2_500, serviceCharge: 0, tax: 2_045, taxIncluded: true, rounding: 0, total: 22_500)
        #expect(totals.lineShares(lineNets: [10_000, 15_000]) == [9_000, 13_500])
    }

    @Test func aLineGoesBackAsItWasPaid() throws {
        let order = order
        let plan = try RefundPlan.make(total: order.total, tax: order.tax, refunded: .zero, refundedTax: .zero, lines: order.lines,
                                       tenders: order.tenders, picks: [RefundPick(line: 2)], qrisAsCash: false)
        #expect(plan.amount == 13_500)
        // A third was paid by QRIS, two thirds in cash.
        #expect(plan.parts.map(\.amount) == [4_500, 9_000])
        #expect(plan.parts.map(\.paidOut) == [.qris, .cash])
        #expect(plan.cashOut == 9_000)
        #expect(plan.tax == 1_227)
    }

    @Test func qrisGoesBackInCashOnlyWhenChosen() throws {
        let order = order
        let plan = try RefundPlan.make(total: order.total, tax: order.tax, refunded: .zero, refundedTax: .zero, lines: order.lines,
                                       tenders: order.tenders, picks: nil, qrisAsCash: true)
        #expect(plan.parts.map(\.paidOut) == [.cash, .cash])
        #expect(plan.parts.map(\.tender) == [.qris, .cash])
        #expect(plan.cashOut == 22_500)
    }

    /// Refunds in any order, unit by unit, never give back more than was paid: the line, the
    /// tenders and the tax each come back exactly once.
    @Test func anySequenceOfRefundsAddsUpToThePaidTotal() throws {
        var random = SeededRandom(seed: 533)
        for _ in 0..<2_000 {
            let quantities = (0..<(1 + random.below(4))).map { _ in 1 + random.below(5) }
            let nets = quantities.map { Rupiah(Int64($0 * (1 + random.below(30)) * 1_000)) }
            let subtotal = nets.reduce(.zero, +)
            let discount = Rupiah(Int64(random.below(Int(subtotal.value / 2 + 1))))
            let totals = PricingPolicy(tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: random.chance(50)), rounding: RoundingRule(unit: 100, mode: .down))
                .totals(subtotal: subtotal, discount: discount)
            guard totals.total > .zero else { continue }
            let shares = totals.lineShares(lineNets: nets)
            #expect(shares.reduce(.zero, +) == totals.total)
            let qris = Rupiah(Int64(random.below(Int(totals.total.value + 1))))
            var tenders = [RefundableTender(position: 1, method: .qris, reference: "Q", paid: qris),
                           RefundableTender(position: 2, method: .cash, reference: nil, paid: totals.total - qris)]
            var lines = quantities.indices.map { RefundableLine(position: $0 + 1, quantity: quantities[$0], paid: shares[$0]) }
            var refunded = Rupiah.zero, refundedTax = Rupiah.zero
            while refunded < totals.total {
                let picks: [RefundPick]? = random.chance(20) ? nil : {
                    let open = lines.filter { $0.refundedQuantity < $0.quantity }
                    guard let line = open.randomElement(using: &random) else { return nil }
                    return [RefundPick(line: line.position, quantity: 1 + random.below(line.quantity - line.refundedQuantity))]
                }()
                let plan = try RefundPlan.make(total: totals.total, tax: totals.tax, refunded: refunded, refundedTax: refundedTax,
                                               lines: lines, tenders: tenders, picks: picks, qrisAsCash: random.chance(30))
                #expect(plan.parts.reduce(.zero) { $0 + $1.amount } == plan.amount)
                refunded += plan.amount
                refundedTax += plan.tax
                for part in plan.parts { tenders[part.paymentPosition - 1].refunded += part.amount }
                for line in plan.lines { lines[line.position - 1].refundedQuantity += line.quantity }
                #expect(lines.allSatisfy { $0.refundedQuantity <= $0.quantity })
                #expect(tenders.allSatisfy { $0.refunded <= $0.paid })
            }
            #expect(refunded == totals.total)
            #expect(refundedTax == totals.tax)
            #expect(tenders.allSatisfy { $0.refunded == $0.paid })
            #expect(throws: RefundError.nothingToRefund) {
                try RefundPlan.make(total: totals.total, tax: totals.tax, refunded: refunded, refundedTax: refundedTax, lines: lines,
                                    tenders: tenders, picks: nil, qrisAsCash: false)
            }
        }
    }

    /// Split payments in every rounding mode, refunded in random pieces, some QRIS given back
    /// in cash: the cash handed back never exceeds the exact amount refunded in cash (so never
    /// what was paid), and falls short of it by less than one coin step. Per payment, five
    /// QRIS parts of Rp50 and cash once gave back Rp5.300 for a Rp5.000 order.
    @Test(arguments: [RoundingRule.Mode.nearest, .up, .down])
    func cashRefundsNeverExceedWhatWasPaid(mode: RoundingRule.Mode) throws {
        var random = SeededRandom(seed: 21)
        for unit: Int64 in [100, 500, 1_000] {
            let coins = RoundingRule(unit: unit, mode: mode)
            for _ in 0..<300 {
                let quantities = (0..<(1 + random.below(3))).map { _ in 1 + random.below(3) }
                let paidLines = quantities.map { _ in Rupiah(Int64(1_000 + random.below(30_000))) }
                var lines = quantities.enumerated().map { RefundableLine(position: $0.offset + 1, quantity: $0.element, paid: paidLines[$0.offset]) }
                let total = paidLines.reduce(Rupiah.zero, +)
                // Up to five small QRIS parts, the rest in cash.
                var tenders: [RefundableTender] = []
                var left = total
                for position in 1...(1 + random.below(5)) where left > 100 {
                    let part = Rupiah(Int64(1 + random.below(Int(min(left.value - 1, 5_000)))))
                    tenders.append(RefundableTender(position: position, method: .qris, reference: "Q\(position)", paid: part))
                    left -= part
                }
                tenders.append(RefundableTender(position: tenders.count + 1, method: .cash, reference: nil, paid: left))
                var refunded = Rupiah.zero
                var refundedTax = Rupiah.zero
                var exactCash = Rupiah.zero
                var handedCash = Rupiah.zero
                while refunded < total {
                    let open = lines.filter { $0.refundedQuantity < $0.quantity }
                    let picks: [RefundPick]? = random.chance(40) || open.isEmpty ? nil : [RefundPick(line: open[random.below(open.count)].position)]
                    let plan = try RefundPlan.make(total: total, tax: Rupiah(total.value / 11), refunded: refunded, refundedTax: refundedTax, lines: lines,
                                                   tenders: tenders, picks: picks, qrisAsCash: random.chance(50), cashRounding: coins)
                    refunded += plan.unrounded
                    refundedTax += plan.tax
                    for part in plan.parts {
                        tenders[part.paymentPosition - 1].refunded += part.unrounded
                        if part.paidOut == .cash {
                            tenders[part.paymentPosition - 1].refundedInCash += part.unrounded
                            tenders[part.paymentPosition - 1].handedBackInCash += part.amount
                            exactCash += part.unrounded
                            handedCash += part.amount
                        }
                        #expect(part.amount >= .zero)
                    }
                    for line in plan.lines { lines[line.position - 1].refundedQuantity += line.quantity }
                    #expect(handedCash <= exactCash, "\(mode) \(unit): handed \(handedCash) of \(exactCash)")
                    #expect(exactCash - handedCash < Rupiah(unit))
                    #expect(handedCash.value % unit == 0 || handedCash == exactCash)
                }
                #expect(refunded == total)
            }
        }
    }

    /// Cash leaves the drawer in coins: each cash part is rounded as a sale is, over all the
    /// payment's cash refunds, so line by line it hands back what one whole refund would.
    @Test func cashGoesBackRoundedAsASaleIs() throws {
        // 26.000 paid in cash; the lines were paid 16.714 and 9.286 (a 7% discount shared over them).
        let lines = [RefundableLine(position: 1, quantity: 1, paid: 16_714), RefundableLine(position: 2, quantity: 1, paid: 9_286)]
        var tenders = [RefundableTender(position: 1, method: .cash, reference: nil, paid: 26_000)]
        let coins = RoundingRule(unit: 100, mode: .down)
        let first = try RefundPlan.make(total: 26_000, tax: 2_364, refunded: .zero, refundedTax: .zero, lines: lines, tenders: tenders,
                                        picks: [RefundPick(line: 2)], qrisAsCash: false, cashRounding: coins)
        #expect(first.amount == 9_200)
        #expect(first.rounding == -86)
        #expect(first.unrounded == 9_286)
        #expect(first.parts.map(\.amount) == [9_200])
        #expect(first.cashOut == 9_200)
        tenders[0].refunded = first.parts[0].unrounded
        tenders[0].refundedInCash = first.parts[0].unrounded
        tenders[0].handedBackInCash = first.parts[0].amount
        let done = lines.map { line -> RefundableLine in
            var line = line
            if line.position == 2 { line.refundedQuantity = 1 }
            return line
        }
        let rest = try RefundPlan.make(total: 26_000, tax: 2_364, refunded: first.unrounded, refundedTax: first.tax, lines: done,
                                       tenders: tenders, picks: nil, qrisAsCash: false, cashRounding: coins)
        #expect(rest.amount == 16_800)
        #expect(rest.rounding == 86)
        #expect(first.amount + rest.amount == 26_000)
        #expect(first.unrounded + rest.unrounded == 26_000)
        // QRIS goes back exactly, by QRIS: only the drawer rounds.
        let qris = [RefundableTender(position: 1, method: .qris, reference: "Q1", paid: 26_000)]
        let exact = try RefundPlan.make(total: 26_000, tax: 2_364, refunded: .zero, refundedTax: .zero, lines: lines, tenders: qris,
                                        picks: [RefundPick(line: 2)], qrisAsCash: false, cashRounding: coins)
        #expect(exact.amount == 9_286)
        #expect(exact.rounding == .zero)
    }

    @Test func noLineBeyondItsQuantity() throws {
        let order = order
        #expect(throws: RefundError.lineQuantityExceeded(line: 1, left: 1)) {
            try RefundPlan.make(total: order.total, tax: order.tax, refunded: .zero, refundedTax: .zero, lines: order.lines,
                                tenders: order.tenders, picks: [RefundPick(line: 1, quantity: 2)], qrisAsCash: false)
        }
        #expect(throws: RefundError.noSuchLine(3)) {
            try RefundPlan.make(total: order.total, tax: order.tax, refunded: .zero, refundedTax: .zero, lines: order.lines,
                                tenders: order.tenders, picks: [RefundPick(line: 3)], qrisAsCash: false)
        }
        #expect(try RefundPick.parse("2:3") == RefundPick(line: 2, quantity: 3))
        #expect(throws: InputError.self) { try RefundPick.parse("2:0") }
    }
}

@Suite struct DiscountAndComplimentaryTests {
    let menu = Menu(
        categories: [MenuCategory(code: "food", name: "Makanan")],
        items: [MenuItem(code: "PGR", name: "Pisang Goreng", category: "food", price: 10_000, skill: "food", cost: 3_500),
                MenuItem(code: "AIR", name: "Air Mineral", category: "food", price: 5_000, skill: "service")],
        modifierGroups: [])

    @Test func aPercentageIsFrozenAndLaterLinesAreNotDiscounted() throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec(reference: "PGR", quantity: 2), menu: menu))
        try draft.applyDiscount(.percent(.percent(10)), line: nil, approval: Approval(supervisorCode: "S1", reason: "tetap", at: Date()))
        try draft.add(OrderLine(spec: ItemSpec(reference: "AIR"), menu: menu))
        #expect(draft.discount == 2_000)
        #expect(draft.approvals.map(\.amount) == [2_000])
        #expect(draft.approvals.map(\.detail) == ["10%"])
        #expect(draft.lines[0].unitCost == 3_500)
    }

    @Test func aRp0OrderSettlesWithoutAPayment() throws {
        var draft = OrderDraft(serverCode: "W01")
        try draft.add(OrderLine(spec: ItemSpec(reference: "AIR"), menu: menu))
        try draft.overridePrice(.zero, line: 1, approval: Approval(supervisorCode: "S1", reason: "tamu", at: Date()))
        let checkout = try draft.checkout(pricing: PricingPolicy(), tenders: [])
        #expect(checkout.totals.total == .zero)
        #expect(checkout.payments.isEmpty)
        #expect(throws: OrderError.nothingDueInCash) { try draft.checkout(pricing: PricingPolicy(), tenders: [.cash(tendered: 1_000)]) }
        #expect(throws: OrderError.noPayment) { try settle(total: 1, tenders: []) }
    }
}

@Suite struct CanonicalJSONTests {
    @Test func oneTextForOneValue() {
        let value: CanonicalJSON = .object(["b": 1, "a": .array([.null, .bool(true), "é\"\\\n\u{1}"]), "ä": "x"])
        #expect(value.text == #"{"a":[null,true,"é\"\\\n\u0001"],"b":1,"ä":"x"}"#)
    }
}

@Suite struct PaperSheetTests {
    let now = Timestamp.date("2026-11-29T02:00:00.000Z")!

    @Test func lateEntriesNeedAReasonAndStayWithinThePolicy() throws {
        let policy = SecurityPolicy.standard
        try PaperSheetRule.check(now.addingTimeInterval(-3_600), now: now, reason: "lupa", policy: policy)
        #expect(throws: AttendanceError.reasonRequired) { try PaperSheetRule.check(now.addingTimeInterval(-60), now: now, reason: " ", policy: policy) }
        #expect(throws: AttendanceError.inTheFuture(now.addingTimeInterval(60))) {
            try PaperSheetRule.check(now.addingTimeInterval(60), now: now, reason: "x", policy: policy)
        }
        #expect(throws: AttendanceError.beyondBackdateLimit(days: 7)) {
            try PaperSheetRule.check(now.addingTimeInterval(-8 * 86_400), now: now, reason: "x", policy: policy)
        }
        #expect(throws: InputError.self) { try SecurityPolicy(pinAttempts: 50, pinLockoutMinutes: 15, supervisorIdleSeconds: 120, maxBackdateDays: 7) }
        #expect(throws: InputError.malformedPIN) { try SupervisorPIN.validate("1234") }
    }
}

@Suite struct WeekdayTests {
    /// Checked against Foundation's Gregorian calendar for every day of 2000–2031.
    @Test func weekdaysAgreeWithTheGregorianCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var date = try #require(calendar.date(from: DateComponents(year: 2000, month: 1, day: 1)))
        let end = try #require(calendar.date(from: DateComponents(year: 2032, month: 1, day: 1)))
        while date < end {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            let day = BusinessDay(year: parts.year!, month: parts.month!, day: parts.day!)
            // Foundation counts Sunday as 1; ISO counts Monday as 1.
            #expect(day.weekday == (parts.weekday! + 5) % 7 + 1, "\(day)")
            date = calendar.date(byAdding: .day, value: 1, to: date)!
        }
        #expect(BusinessDay(year: 2026, month: 12, day: 2).weekday == 3)
        #expect(BusinessDay(year: 2026, month: 11, day: 29).weekday == 7)
    }
}
