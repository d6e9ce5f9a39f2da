import Foundation
import Testing
@testable import KasirCore

/// Property tests over every parser of what people type: thousands of generated inputs each.
@Suite struct ParserPropertyTests {
    static let alphabet = Array("0123456789.,:=-+xX×Rrpbk ;'\"\\%$@#\t\u{0}\u{1B}\u{7F}é咖ＲＰ５\u{202E}")

    func noise(_ random: inout SeededRandom, length: Int) -> String {
        String((0..<length).map { _ in Self.alphabet[Int(random.next() % UInt64(Self.alphabet.count))] })
    }

    /// An amount written the ways people write it.
    func written(_ amount: Int64, style: UInt64) -> String {
        let grouped = Rupiah(amount).formatted.dropFirst(2)
        switch style % 5 {
        case 0: return "\(amount)"
        case 1: return String(grouped)
        case 2: return "Rp" + grouped
        case 3: return "rp \(amount)"
        default: return amount % 1_000 == 0 ? "\(amount / 1_000)rb" : "\(amount)"
        }
    }

    @Test func amountsReadBackWhatWasWritten() {
        var random = SeededRandom(seed: 1)
        for _ in 0..<5_000 {
            let amount = Int64(random.next() % 1_000_000_001)
            let text = written(amount, style: random.next())
            #expect((try? Rupiah.parse(text)) == Rupiah(amount), "\(text)")
        }
    }

    @Test func noiseNeverCrashesAndIsNeverAnAbsurdAmount() {
        var random = SeededRandom(seed: 2)
        for _ in 0..<20_000 {
            let text = noise(&random, length: Int(random.next() % 24))
            if let amount = try? Rupiah.parse(text) {
                #expect(amount >= .zero && amount <= Rupiah.largestAccepted, "\(text)")
            }
            _ = try? Tender.parse(text)
            _ = try? Discount.parse(text)
            _ = try? CashCount.parse(text, denominations: [100_000, 50_000, 1_000, 100])
        }
    }

    @Test func quantitiesAreOneToNinetyNineOrRefused() {
        var random = SeededRandom(seed: 3)
        for _ in 0..<10_000 {
            let text = random.next() % 2 == 0 ? "\(Int64(bitPattern: random.next()) % 1_000)" : noise(&random, length: Int(random.next() % 6))
            if let quantity = try? ItemSpec.parseQuantity(text) { #expect(ItemSpec.quantityRange.contains(quantity), "\(text)") }
        }
        for quantity in 1...99 { #expect((try? ItemSpec.parseQuantity("\(quantity)")) == quantity) }
    }

    @Test func itemSpecsRoundTripAndNoiseIsRefusedCleanly() throws {
        var random = SeededRandom(seed: 4)
        let codes = ["KSGA", "PGR", "V60", "3", "cap"]
        let groups = ["size", "sugar", "temp", "extra"]
        let options = ["L", "R", "less", "iced", "shot"]
        for _ in 0..<3_000 {
            let code = codes[Int(random.next() % 5)]
            let quantity = Int(random.next() % 99) + 1
            let choices = (0..<Int(random.next() % 3)).map { _ in
                ItemSpec.Choice(group: groups[Int(random.next() % 4)], option: options[Int(random.next() % 5)])
            }
            let line = "\(code):\(quantity):" + choices.map { "\($0.group)=\($0.option)" }.joined(separator: ",")
            let spaced = ([code, "\(quantity)"] + choices.map { "\($0.group)=\($0.option)" }).joined(separator: " ")
            let expected = ItemSpec(reference: code, quantity: quantity, choices: choices)
            #expect(try ItemSpec.parse(line) == expected)
            #expect(try ItemSpec.parse(spaced) == expected)
        }
        for _ in 0..<20_000 {
            let text = noise(&random, length: Int(random.next() % 40))
            if let spec = try? ItemSpec.parse(text) {
                #expect(ItemSpec.quantityRange.contains(spec.quantity))
                #expect(ItemSpec.isPlainWord(spec.reference))
                #expect(spec.choices.allSatisfy { ItemSpec.isPlainWord($0.group) && ItemSpec.isPlainWord($0.option) })
            }
        }
        #expect(throws: InputError.self) { try ItemSpec.parse(String(repeating: "A", count: 10_000)) }
    }

    @Test func staffCodesAndDatesAcceptOnlyTheirForm() throws {
        var random = SeededRandom(seed: 5)
        for _ in 0..<20_000 {
            let text = noise(&random, length: Int(random.next() % 14))
            if let code = try? StaffMember.parseCode(text) {
                #expect((1...12).contains(code.count) && code.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") } && code == code.uppercased())
            }
            if let day = try? BusinessDay.parse(text) { #expect(day.description == text) }
        }
        var day = BusinessDay(year: 2024, month: 1, day: 1)
        for _ in 0..<1_200 {
            #expect(try BusinessDay.parse(day.description) == day)
            day = CafeCalendar.wita.day(after: day)
        }
        #expect(day == BusinessDay(year: 2027, month: 4, day: 15))
    }
}
