import ArgumentParser
import Foundation
import KasirActions
import KasirCore
import KasirLedger
import KasirMessages
import KasirStore

/// `kasir central`: the centre this café's journal goes to.
struct CentralCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "central",
        abstract: HelpText.pick("Pusat yang menerima jurnal kafe ini.", "The centre this café's journal is sent to."),
        subcommands: [Join.self])

    struct Join: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "join", abstract: HelpText.pick(
                "Gabungkan kafe ke pusat, sekali: buat kunci kafe, sematkan kunci pusat, cetak kunci publik kafe untuk formulir pendaftaran.",
                "Join the café to the centre, once: make its key, pin the centre's, print the café's public key for the enrolment form."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.help("Alamat pusat, mis. https://pusat.example/.", "The centre's address, e.g. https://pusat.example/.")) var url: String
        @Option(help: HelpText.help("Kode kafe di pusat, mis. BPN01.", "The café's code at the centre, e.g. BPN01.")) var cafe: String
        @Option(name: .customLong("centre-key"), help: HelpText.help(
            "Kunci publik pusat (base64, dari kasir-central key); sidik jarinya dibacakan petugas pusat.",
            "The centre's public key (base64, from kasir-central key); its staff read out its fingerprint."))
        var centreKey: String
        @Option(help: HelpText.by) var by: String?
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Output: Encodable {
            var cafe: String
            var publicKey: String
            var fingerprint: String
            var centreFingerprint: String
        }

        func run() throws {
            let context = try Context.open(common)
            guard let key = Data(base64Encoded: centreKey.trimmingCharacters(in: .whitespaces)) else { throw SyncError.badCentreKey }
            let approver = try context.requireSupervisor(by)
            let joined = try context.actions.joinCentral(url: url, cafe: cafe, centreKey: key, by: approver)
            switch format {
            case .json:
                try context.printJSON(Output(cafe: joined.cafe, publicKey: joined.publicKey, fingerprint: joined.fingerprint,
                                             centreFingerprint: joined.centreFingerprint))
            case .text:
                for line in context.catalog.centralJoined(joined) { context.print(line) }
            }
        }
    }
}

/// `kasir sync`: the journal leaves for the centre.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: HelpText.pick("Kirim jurnal ke pusat.", "Send the journal to the centre."),
        subcommands: [Export.self])

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: HelpText.pick(
                "Tulis jurnal, ditandatangani kafe, ke berkas untuk dibawa ke pusat (kasir-central import).",
                "Write the journal, signed by the café, to a file to carry to the centre (kasir-central import)."))
        @OptionGroup var common: CommonOptions
        @Argument(help: HelpText.help("Berkas tujuan (belum ada).", "The file to write (must not exist).")) var file: String
        @Option(help: HelpText.help("Hanya entri sesudah nomor ini (bawaan: seluruh jurnal).", "Only entries after this number (default: the whole journal)."))
        var after: Int64 = 0
        @Option(help: HelpText.by) var by: String?

        func run() throws {
            let context = try Context.open(common)
            // Never over another file: a stick may carry an earlier batch. Checked before the PIN.
            guard !FileManager.default.fileExists(atPath: file) else { throw SyncError.cannotWrite(path: file) }
            // The journal leaves the café on a stick only with a supervisor's PIN.
            _ = try context.requireSupervisor(by)
            let batch = try context.actions.signedBatch(after: after)
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            let data = try encoder.encode(batch)
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw SyncError.cannotWrite(path: file) }
            defer { close(descriptor) }
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == data.count, fsync(descriptor) == 0 else { throw SyncError.cannotWrite(path: file) }
            context.print(context.catalog.batchExported(batch, file: file))
        }
    }
}
