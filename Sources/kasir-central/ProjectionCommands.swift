import ArgumentParser
import Foundation
import KasirCentral

/// `kasir-central rebuild --cafe C`: a café's relational tables made anew from its journal.
struct Rebuild: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bangun ulang tabel kafe dari jurnalnya. / Rebuild a café's tables from its journal.")
    @OptionGroup var database: DatabaseOptions
    @Option(help: "Kode kafe. / The café's code.") var cafe: String

    func run() async throws {
        let entries = try await database.with { try await $0.rebuild(cafe: cafe) }
        say("Tabel kafe \(cafe) dibangun ulang dari \(entries) entri jurnal.")
    }
}
