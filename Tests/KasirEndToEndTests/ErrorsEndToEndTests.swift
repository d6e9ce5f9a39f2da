import Foundation
import Testing

/// Issue 19: a command's error is said once, by the root, as one line on standard error in the
/// interface language: the argument parser's own usage errors as much as the café's refusals.
@Suite struct ErrorsEndToEndTests {
    /// An unknown option, a missing argument: one line naming the command's help, in Indonesian
    /// unless English is chosen, and the parser's status for a usage error (64).
    @Test func aCommandLineTheParserCannotReadIsOneLine() throws {
        let kasir = try KasirProcess()
        let bogus = try kasir.run(["order", "list", "--bogus"])
        #expect(bogus.status == 64)
        #expect(bogus.stdout == "")
        #expect(bogus.stderr == "Perintah tidak dikenali: Unknown option '--bogus'. Lihat kasir order list --help.\n")
        let missing = try kasir.run(["order", "show"])
        #expect(missing.status == 64)
        #expect(missing.stderr == "Perintah tidak dikenali: Missing expected argument '<number>'. Lihat kasir order show --help.\n")
        let english = try kasir.run(["order", "list", "--bogus"], environment: ["KASIR_LANG": "en"])
        #expect(english.status == 64)
        #expect(english.stderr == "Command not understood: Unknown option '--bogus'. See kasir order list --help.\n")
        // Asking for help is no error: the help is on standard output, as the parser writes it.
        let help = try kasir.run(["order", "list", "--help"])
        #expect(help.status == 0)
        #expect(help.stderr == "")
        #expect(help.stdout.contains("Daftar pesanan satu hari."), "\(help.stdout)")
    }

    /// A refusal is its own line of the catalogue and status 1; nothing is written.
    @Test func aRefusedActIsItsOneLine() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        let again = try kasir.supervised(["till", "open", "--float", "100000"])
        #expect(again.status == 1)
        #expect(again.stdout == "")
        #expect(again.stderr == "Kas sudah dibuka.\n")

        // Refused before any PIN is asked: the database is as it was.
        let before = try kasir.dump()
        let noFloat = try kasir.run(["till", "open"], environment: ["KASIR_LANG": "en"])
        #expect(noFloat.status == 1)
        #expect(noFloat.stderr == "Give the float: --float AMOUNT or --count VALUExPIECES,… (agreeing).\n")
        let sideways = try kasir.run(["till", "move", "sideways", "1000", "--reason", "x", "--by", "S1"], input: KasirProcess.pin)
        #expect(sideways.status == 1)
        #expect(sideways.stderr == "arah kas harus salah satu dari: in, out.\n")
        let station = try kasir.run(["attendance", "in", "W01", "--station", "kitchen", "--by", "S1"], input: KasirProcess.pin)
        #expect(station.stderr == "stasiun harus salah satu dari: kasir, bar, dapur.\n")
        #expect(try kasir.dump() == before)
    }
}
