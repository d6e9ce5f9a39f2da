import Foundation
import KasirCore
import KasirStore
import KasirTestSupport
import Testing
@testable import KasirTerminal

/// Issue 24's words at the counter: the barista types Indonesian modifier words, the order
/// stores the codes, and the menu shows the words. (The catalogue's own wording is tested in
/// KasirMessagesTests.)
@Suite struct CounterWordsTests {
    /// `ukuran=L gula=sedikit tambahan=shot,vanila` at the counter is stored as `size=L` …;
    /// the menu lists the Indonesian words.
    @Test func theCounterTakesIndonesianModifierWords() throws {
        let fixture = try CounterFixture()
        let (status, screen) = fixture.run(["W01", CounterFixture.w01PIN, "KSGA 2 ukuran=L gula=sedikit tambahan=shot,vanila", "menu", "bayar", "pas", "y", "keluar"])
        #expect(status == 0)
        let order = try #require(try fixture.database.orders(day: fixture.today).first)
        #expect(order.lines[0].modifiers.map { "\($0.groupCode)=\($0.optionCode)" } == ["size=L", "sugar=less", "extra=shot", "extra=vanilla"])
        #expect(order.totals.total == 64_000)
        #expect(screen.contains("Besar, Sedikit gula, Ekstra shot, Sirup vanila"))
        #expect(screen.contains("\n  ukuran: R L +Rp5.000\n"), "\(screen)")
        #expect(screen.contains("\n  gula: normal sedikit tanpa\n"))
        #expect(screen.contains("\n  tambahan (boleh lebih dari satu): shot +Rp5.000 vanila +Rp4.000\n"))
        // The English words are still understood, and a wrong option is answered with the right ones.
        let (_, again) = fixture.run(["W01", CounterFixture.w01PIN, "AMR temp=iced size=XL", "AMR temp=iced size=L", "batal", "keluar"])
        #expect(again.contains("\n\"XL\" bukan pilihan ukuran. Pilihan ukuran: R, L.\n"))
        #expect(again.contains("Dingin, Besar"))
    }
}
