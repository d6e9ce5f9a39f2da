import Foundation
import KasirCore
import Testing
@testable import KasirTerminal

@Suite struct CounterGrammarTests {
    @Test func discountsTellLinesFromAmounts() throws {
        #expect(try CounterGrammar.order("diskon 5000 pelanggan tetap", lines: 2)
            == .discount(line: nil, .amount(5_000), reason: "pelanggan tetap"))
        #expect(try CounterGrammar.order("diskon 2 5000 rusak", lines: 2) == .discount(line: 2, .amount(5_000), reason: "rusak"))
        #expect(try CounterGrammar.order("diskon 2 10% rusak", lines: 2) == .discount(line: 2, .percent(.percent(10)), reason: "rusak"))
        // A number followed by an amount is a line, even one the order does not have (yet): the
        // counter refuses it before the PIN, instead of approving Rp5 off the order.
        #expect(try CounterGrammar.order("diskon 5 5000 rusak", lines: 1) == .discount(line: 5, .amount(5_000), reason: "rusak"))
        #expect(throws: InputError.reasonRequired) { try CounterGrammar.order("diskon 2 5000", lines: 2) == .help }
        // Beyond an order's line limit it can only be an amount.
        #expect(try CounterGrammar.order("diskon 5000 2 gelas tumpah", lines: 2) == .discount(line: nil, .amount(5_000), reason: "2 gelas tumpah"))
        #expect(throws: InputError.reasonRequired) { try CounterGrammar.order("diskon 10%", lines: 1) == .help }
        #expect(try CounterGrammar.order("harga 1 0 tamu", lines: 1) == .priceOverride(line: 1, .zero, reason: "tamu"))
    }

    @Test func itemsMakersAndCommands() throws {
        #expect(try CounterGrammar.order("KSGA 2 size=L @w02", lines: 0)
            == .item(ItemSpec(reference: "KSGA", quantity: 2, choices: [.init(group: "size", option: "L")]), maker: "W02"))
        #expect(try CounterGrammar.order("BAYAR", lines: 0) == .pay)
        #expect(try CounterGrammar.order("cetak 12", lines: 0) == .reprint(number: 12))
        #expect(throws: InputError.malformedItem("KSGA @W1 @W2")) { try CounterGrammar.order("KSGA @W1 @W2", lines: 0) == .help }
    }

    @Test func deskCommands() throws {
        let notes = CafeSettingsDenominations.list
        #expect(try CounterGrammar.desk("refund 3 2:1 4 qris-tunai tumpah di meja", denominations: notes)
            == .refund(number: 3, picks: [RefundPick(line: 2, quantity: 1), RefundPick(line: 4)], qrisAsCash: true, reason: "tumpah di meja"))
        #expect(try CounterGrammar.desk("refund 3 dingin", denominations: notes) == .refund(number: 3, picks: [], qrisAsCash: false, reason: "dingin"))
        #expect(try CounterGrammar.desk("kas keluar 20.000 beli es", denominations: notes) == .cash(.payOut, 20_000, reason: "beli es"))
        #expect(try CounterGrammar.desk("tutup 100000x2,500x3", denominations: notes) == .close(CashCount(pieces: [100_000: 2, 500: 3])))
        #expect(try CounterGrammar.desk("habis pgr", denominations: notes) == .availability(item: "PGR", available: false))
        #expect(try CounterGrammar.desk("catatan w01 rapi dan cepat", denominations: notes) == .note(code: "W01", text: "rapi dan cepat"))
        #expect(try CounterGrammar.desk("terbang", denominations: notes) == nil)
        #expect(throws: InputError.reasonRequired) { try CounterGrammar.desk("batal 3  ", denominations: notes) == nil }
    }

    /// Whatever is typed, the grammar answers or refuses with an InputError: never a crash,
    /// and a line or amount it reads back is one the person wrote.
    @Test func noiseIsReadOrRefusedCleanly() {
        var random = SeededRandom(seed: 20_261_129)
        let words = ["diskon", "harga", "refund", "batal", "kas", "masuk", "keluar", "tutup", "hapus", "cetak", "10%", "5000", "2", "2:1",
                     "qris-tunai", "KSGA", "@W01", "size=L", "x2", "Rp5.000", "\u{1B}[A", "\u{0}", "ñ", "", "-1", "99999999999999"]
        for _ in 0..<20_000 {
            let line = (0..<(1 + random.below(6))).map { _ in words[random.below(words.count)] }.joined(separator: " ")
            // Both read with typed throws: noise can only be refused as an InputError, or read.
            if case .discount(let target?, _, _) = try? CounterGrammar.order(line, lines: 3) { #expect((1...OrderDraft.lineLimit).contains(target)) }
            _ = try? CounterGrammar.desk(line, denominations: CafeSettingsDenominations.list)
        }
    }
}

enum CafeSettingsDenominations {
    static let list: [Rupiah] = [100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100]
}

@Suite struct LineEditorWindowTests {
    func editor(_ text: String, cursorFromEnd: Int = 0) -> LineEditor {
        var editor = LineEditor()
        for character in text { _ = editor.apply(.character(character)) }
        for _ in 0..<cursorFromEnd { _ = editor.apply(.left) }
        return editor
    }

    @Test func aShortLineIsShownWhole() {
        #expect(editor("PGR 2").window(width: 20) == ("PGR 2", 5))
    }

    @Test func aLongLineScrollsAroundTheCursor() {
        let long = editor("catatan tanpa sedotan dan gula")
        #expect(long.window(width: 12) == ("…n dan gula", 11))
        var home = long
        _ = home.apply(.home)
        #expect(home.window(width: 12) == ("catatan ta…", 0))
        // In the middle: cut at both ends, the cursor inside.
        let middle = editor("catatan tanpa sedotan dan gula", cursorFromEnd: 12)
        let (shown, cursor) = middle.window(width: 12)
        #expect(shown.count == 11 && shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect((1..<11).contains(cursor))
        #expect(Array(shown)[cursor] == Array("catatan tanpa sedotan dan gula")[middle.cursor])
    }

    /// Whatever the line and the cursor, the window fits and holds the cursor's character.
    @Test func theWindowAlwaysFits() {
        var random = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let length = Int.random(in: 0...120, using: &random)
            let text = String((0..<length).map { _ in "abcdefghij klmnop".randomElement(using: &random)! })
            let line = editor(text, cursorFromEnd: Int.random(in: 0...length, using: &random))
            let width = Int.random(in: 4...90, using: &random)
            let (shown, cursor) = line.window(width: width)
            #expect(shown.count < max(width, 4) || shown == text)
            #expect((0...shown.count).contains(cursor))
            if cursor < shown.count { #expect(Array(shown)[cursor] == Array(text)[line.cursor], "\(text) \(line.cursor) \(width)") }
        }
    }
}

@Suite struct LineEditorTests {
    func type(_ bytes: String, history: [String] = []) -> (LineEditor, [LineEditor.Effect]) {
        var decoder = KeyDecoder()
        var editor = LineEditor(history: history)
        var effects: [LineEditor.Effect] = []
        for key in decoder.keys(from: Array(bytes.utf8)) + decoder.flush() { effects.append(editor.apply(key)) }
        return (editor, effects)
    }

    @Test func arrowsHomeEndAndBackspaceEditInPlace() {
        let (editor, effects) = type("PGR\u{1B}[D\u{1B}[DX\u{1B}[F 2\u{1B}[H\u{7F}\u{1B}[3~K")
        #expect(editor.line == "KXGR 2")
        #expect(!effects.contains(.submit("")))
    }

    @Test func controlKeysNeverEnterTheLine() {
        // Ctrl-L clears the screen, Ctrl-Z and Ctrl-\ do nothing, NUL and ESC alone are dropped.
        let (editor, effects) = type("PG\u{0C}R\u{1A}\u{1C}\u{0}\u{1B}\r")
        #expect(effects.last == .submit("PGR"))
        #expect(effects.contains(.clearScreen))
        #expect(editor.line == "PGR")
    }

    @Test func ctrlCAndCtrlDAreTheirOwnEffects() {
        #expect(type("PGR\u{03}").1.last == .interrupt)
        #expect(type("\u{04}").1.last == .endOfInput)
        // Ctrl-D on a line that has text deletes under the cursor instead.
        #expect(type("PGR\u{1B}[D\u{04}").0.line == "PG")
    }

    @Test func upAndDownWalkTheOrdersOwnLines() {
        let (editor, _) = type("AI\u{1B}[A\u{1B}[A\u{1B}[B", history: ["PGR", "KSGA 2"])
        #expect(editor.line == "KSGA 2")
        let (back, _) = type("AI\u{1B}[A\u{1B}[B", history: ["PGR"])
        #expect(back.line == "AI")
    }

    @Test func randomBytesNeverPutControlCharactersInTheLine() {
        var random = SeededRandom(seed: 7)
        for _ in 0..<2_000 {
            let bytes = (0..<random.below(40)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            var decoder = KeyDecoder()
            var editor = LineEditor()
            for key in decoder.keys(from: bytes) + decoder.flush() { _ = editor.apply(key) }
            #expect(!editor.line.unicodeScalars.contains { $0.properties.generalCategory == .control })
        }
    }
}
