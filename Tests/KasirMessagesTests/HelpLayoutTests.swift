import KasirConfig
import KasirMessages
import Testing

/// The counter's help as a table that fits the terminal, and long lines wrapped between words.
@Suite struct HelpLayoutTests {
    let catalog = Catalog(language: .id)

    /// At 80 columns every row fits, no word is broken, and every command and meaning is there.
    @Test(arguments: [80, 110, 40])
    func helpFitsTheTerminal(columns: Int) {
        for entries in [catalog.orderHelp, catalog.supervisorHelp] {
            let table = HelpLayout.table(entries, columns: columns)
            let rows = table.split(separator: "\n")
            #expect(rows.allSatisfy { $0.count < columns }, "\(table)")
            let words = Set(table.split { $0 == " " || $0 == "\n" }.map(String.init))
            for entry in entries {
                for word in (entry.command + " " + entry.meaning).split(separator: " ") { #expect(words.contains(String(word)), "\(word) at \(columns)") }
            }
        }
    }

    @Test func twoColumnsWhenTheyFitOneOtherwise() {
        let entries = [HelpEntry("bayar", "bayar dan simpan"), HelpEntry("batal", "batalkan pesanan"), HelpEntry("lihat", "tampilkan pesanan")]
        // Down the first column, then the second.
        #expect(HelpLayout.table(entries, columns: 80) == """
            bayar  bayar dan simpan    lihat  tampilkan pesanan
            batal  batalkan pesanan
            """)
        #expect(HelpLayout.table(entries, columns: 40) == """
            bayar  bayar dan simpan
            batal  batalkan pesanan
            lihat  tampilkan pesanan
            """)
    }

    @Test func longLinesBreakBetweenWords() {
        let text = "Mode petugas berakhir: tidak ada perintah selama 120 detik. PIN diminta lagi."
        #expect(HelpLayout.wrap(text, columns: 30) == """
            Mode petugas berakhir: tidak
              ada perintah selama 120
              detik. PIN diminta lagi.
            """)
        #expect(HelpLayout.wrap("short", columns: 30) == "short")
        #expect(HelpLayout.wrap(String(repeating: "x", count: 25), columns: 12) == "xxxxxxxxxxx\n  xxxxxxxxx\n  xxxxx")
    }
}
