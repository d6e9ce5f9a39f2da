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
            "Kunci publik pusat (base64, dari kasir-central key), bila ada: harus sama dengan yang diberikan pusat; tanpanya kunci diambil dari alamat pusat. Sidik jarinya dibacakan petugas pusat.",
            "The centre's public key (base64, from kasir-central key), if given: it must be the one the centre gives; without it the key is fetched from the centre's address. Its staff read out its fingerprint."))
        var centreKey: String?
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
            let typed = try centreKey.map { (text: String) throws -> Data in
                guard let key = Data(base64Encoded: text.trimmingCharacters(in: .whitespaces)) else { throw SyncError.badCentreKey }
                return key
            }
            let address = try CafeActions.centralURL(url)
            let approver = try context.requireSupervisor(by)
            let joined = try context.actions.joinCentral(url: url, cafe: cafe, centreKey: typed, transport: CurlTransport(baseURL: address),
                                                         by: approver)
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
        subcommands: [Send.self, Export.self, Status.self],
        defaultSubcommand: Send.self)

    /// `kasir sync` itself: run by the sending account's timer, so it asks for no PIN (the
    /// café's key file, readable by that account alone, is what signs).
    struct Send: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send", abstract: HelpText.pick(
                "Kirim ke pusat setiap entri jurnal yang belum dipegangnya, ditandatangani kafe; simpan tanda terima pusat.",
                "Send the centre every journal entry it does not hold, signed by the café; keep the centre's receipts."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Output: Encodable {
            var sent: Int
            var batches: Int
            var headSeq: Int64
            var head: String
            var anchoredAt: String?

            enum CodingKeys: String, CodingKey {
                case sent, batches, headSeq, head, anchoredAt
            }

            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(sent, forKey: .sent)
                try container.encode(batches, forKey: .batches)
                try container.encode(headSeq, forKey: .headSeq)
                try container.encode(head, forKey: .head)
                try container.encode(anchoredAt, forKey: .anchoredAt)
            }
        }

        func run() throws {
            let context = try Context.open(common)
            let actions = context.actions
            let outcome = try actions.sync(transport: try actions.linkedTransport())
            switch format {
            case .json:
                try context.printJSON(Output(sent: outcome.sent, batches: outcome.batches, headSeq: outcome.headSeq, head: outcome.head,
                                             anchoredAt: outcome.anchoredAt.map { Timestamp.string($0) }))
            case .text:
                context.print(outcome.batches == 0 ? context.catalog.syncNothingNew(headSeq: outcome.headSeq)
                    : context.catalog.syncSent(entries: outcome.sent, batches: outcome.batches, headSeq: outcome.headSeq))
            }
        }
    }

    /// `kasir sync status`: how far the centre holds the journal, from the receipts kept.
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status", abstract: HelpText.pick(
                "Sampai mana jurnal tercatat di pusat, dan berapa entri belum (dari tanda terima yang disimpan).",
                "How far the journal is recorded at the centre, and how many entries are not yet (from the receipts kept)."))
        @OptionGroup var common: CommonOptions
        @Option(help: HelpText.format) var format: OutputFormat = .text

        struct Output: Encodable {
            var anchoredSeq: Int64?
            var anchoredAt: String?
            var pending: Int
            var pendingSince: String?

            enum CodingKeys: String, CodingKey {
                case anchoredSeq, anchoredAt, pending, pendingSince
            }

            // Null rather than absent: a script reads "not yet" the same way every time.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(anchoredSeq, forKey: .anchoredSeq)
                try container.encode(anchoredAt, forKey: .anchoredAt)
                try container.encode(pending, forKey: .pending)
                try container.encode(pendingSince, forKey: .pendingSince)
            }
        }

        func run() throws {
            let context = try Context.open(common)
            guard let status = try context.database.anchorStatus(now: context.clock.now()) else { throw SyncError.notJoined }
            switch format {
            case .json:
                let anchored = status.anchoredSeq.flatMap { $0 > 0 ? $0 : nil }
                try context.printJSON(Output(anchoredSeq: anchored, anchoredAt: anchored == nil ? nil : status.anchoredAt.map { Timestamp.string($0) },
                                             pending: status.pending, pendingSince: status.pendingSince.map { Timestamp.string($0) }))
            case .text:
                for line in context.catalog.anchorLines(status) { context.print(line) }
            }
        }
    }

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
            let data = try batch.encoded()
            let descriptor = open(file, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw SyncError.cannotWrite(path: file) }
            defer { close(descriptor) }
            let written = data.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            guard written == data.count, fsync(descriptor) == 0 else { throw SyncError.cannotWrite(path: file) }
            context.print(context.catalog.batchExported(batch, file: file))
        }
    }
}
