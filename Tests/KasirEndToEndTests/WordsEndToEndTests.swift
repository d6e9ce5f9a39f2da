import Foundation
import Testing

/// Issue 24's words, as the built binary says them: the help, the menu's modifiers, the journal,
/// the print queue. Stored codes and JSON stay as they were.
@Suite struct WordsEndToEndTests {
    /// `--help` is in the interface language: KASIR_LANG, else the config's `language`.
    @Test func theHelpIsInTheInterfaceLanguage() throws {
        let kasir = try KasirProcess()
        let help = try kasir.run(["till", "close", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Tutup kas dengan hitungan buta"), "\(help.stdout)")
        #expect(help.stdout.contains("Isi laci dihitung per pecahan"))
        #expect(!help.stdout.contains("The drawer counted by denomination"))
        let overview = try kasir.run(["--help"])
        #expect(overview.stdout.contains("Kasir dan catatan pelatihan kafe asimilasi"), "\(overview.stdout)")
        let english = try kasir.run(["till", "close", "--help"], environment: ["KASIR_LANG": "en"])
        #expect(english.stdout.contains("Close the till with a blind count"), "\(english.stdout)")
        #expect(english.stdout.contains("The drawer counted by denomination"))
        try kasir.edit("kasir.toml", "language = \"id\"", "language = \"en\"")
        #expect(try kasir.run(["order", "new", "--help"]).stdout.contains("The WBP who serves the order."))
        // --version reads no config and stays what scripts expect.
        #expect(try kasir.run(["--version"]).stdout == "kasir 0.2.0\n")
    }

    /// `ukuran=L gula=sedikit tambahan=shot,vanila` orders what `size=L sugar=less extra=shot
    /// extra=vanilla` does, stored by the same codes; the menu lists the Indonesian words.
    @Test func indonesianModifierWordsOnTheCommandLine() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let ordered = try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA:1:ukuran=L,gula=sedikit,tambahan=shot,vanila", "--pay", "cash:50000"])
        #expect(ordered.status == 0, "\(ordered.stderr)")
        #expect(ordered.stdout == "Pesanan #1 (2026-11-29) tersimpan · Total Rp32.000 · Kembalian Rp18.000\n")
        #expect(try kasir.sqlite("SELECT group_code, option_code, option_name FROM order_line_modifiers ORDER BY position;")
            == "size|L|Besar\nsugar|less|Sedikit gula\nextra|shot|Ekstra shot\nextra|vanilla|Sirup vanila\n")
        let wrong = try kasir.run(["order", "new", "--server", "W01", "--item", "KSGA:1:ukuran=XL", "--pay", "cash:50000"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "\"XL\" bukan pilihan ukuran. Pilihan ukuran: R, L.\n")
        let menu = try kasir.run(["menu", "list"]).stdout
        #expect(menu.contains("TBK   Kopi Tubruk [gula]"), "\(menu)")
    }

    /// The journal's kinds and the print queue's states in words; JSON keeps the codes.
    @Test func theJournalAndTheQueueSpeakIndonesian() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let log = try kasir.run(["audit", "log"]).stdout
        #expect(log.contains("\tkas dibuka\tS1\t"), "\(log)")
        #expect(log.contains("\tabsen masuk\tS1\tW01\t"))
        #expect(!log.contains("\ttill_open\t"))
        let json = try kasir.run(["audit", "log", "--format", "json"]).stdout
        #expect(json.contains("\"till_open\""))
        // No printer: the slips wait in the queue, their kind and state in words.
        try #require(try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"]).status == 0)
        let queue = try kasir.run(["receipt", "queue"]).stdout
        #expect(queue.contains("\t#1\tStruk\t"), "\(queue)")
        #expect(queue.contains("\t#1\tTiket bar\t"), "\(queue)")
        for code in ["receipt", "bar_ticket", "pending", "held", "failed"] { #expect(!queue.contains("\t\(code)\t"), "\(code)") }
        #expect(try kasir.run(["receipt", "queue", "--format", "json"]).stdout.contains("\"receipt\""))
    }
}
