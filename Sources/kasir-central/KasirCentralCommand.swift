import ArgumentParser
import Foundation
import KasirCentral
import KasirCore
import KasirLedger
import KasirMessages
import Logging

/// `kasir-central`: the regional office's and the directorate's side. Parsing and wiring
/// only: every act is a function of ``CentralDatabase``.
@main
struct KasirCentral: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kasir-central",
        abstract: "Pusat Kasir: jurnal setiap kafe, diverifikasi dan disimpan di PostgreSQL. / Kasir's centre: every café's journal, verified, in PostgreSQL.",
        version: "kasir-central 0.1.0",
        subcommands: [Migrate.self, Cafe.self, Import.self])

    /// Runs the command and says its error, if it ends in one, once, on standard error.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if error is ExitCode || exitCode(for: error) != .failure { Self.exit(withError: error) }
            let error = CentralDatabase.plain(error)
            FileHandle.standardError.write(Data((Catalog(language: .id).describe(error) + "\n").utf8))
            Self.exit(withError: ExitCode.failure)
        }
    }
}

/// Where the centre's PostgreSQL is: `--db`, else `KASIR_CENTRAL_DB`, else `url` in
/// `/etc/kasir/central.toml`.
struct DatabaseOptions: ParsableArguments {
    @Option(help: "URL PostgreSQL, mis. postgres://kasir@127.0.0.1/kasir_central. / The PostgreSQL URL.") var db: String?

    func url() throws -> String {
        if let db { return db }
        if let named = ProcessInfo.processInfo.environment["KASIR_CENTRAL_DB"], !named.isEmpty { return named }
        if let text = try? String(contentsOfFile: "/etc/kasir/central.toml", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("url") }),
            let start = line.firstIndex(of: "\""), let end = line.lastIndex(of: "\""), start < end
        {
            return String(line[line.index(after: start)..<end])
        }
        throw CentralError.noDatabase
    }

    /// Runs `body` on a connection to the centre's PostgreSQL, closed when it ends, however.
    func with<Value>(_ body: (CentralDatabase) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "kasir-central")
        logger.logLevel = .warning
        let central = try await CentralDatabase.connect(url: try url(), logger: logger)
        do {
            let value = try await body(central)
            await central.close()
            return value
        } catch {
            await central.close()
            throw error
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Buat atau perbarui skema PostgreSQL. / Create or upgrade the PostgreSQL schema.")
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let applied = try await database.with { try await $0.migrate() }
        print(applied.isEmpty ? "Skema sudah terbaru." : "Skema diperbarui: versi \(applied.map(String.init).joined(separator: ", ")).")
    }
}

struct Cafe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Kafe yang terdaftar. / Enrolled cafés.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Daftarkan kafe dengan kunci publiknya. / Enrol a café with its public key.")
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Kode kafe, mis. BPN01. / The café's code.") var code: String
        @Option(help: "Nama kafe. / The café's name.") var name: String
        @Option(help: "UPT.") var upt: String
        @Option(help: "Kanwil.") var kanwil: String
        @Option(name: .customLong("public-key"), help: "Kunci publik Ed25519 kafe (base64). / The café's Ed25519 public key (base64).")
        var publicKey: String

        func run() async throws {
            guard let key = Data(base64Encoded: publicKey), key.count == 32 else { throw CentralError.badPublicKey }
            try await database.with { try await $0.addCafe(CentralCafe(code: code, name: name, upt: upt, kanwil: kanwil, publicKey: key)) }
            print("Kafe \(code) terdaftar.")
        }
    }
}

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Terima kiriman jurnal yang dibawa dengan flashdisk. / Take in a batch carried on a stick.")
    @OptionGroup var database: DatabaseOptions
    @Argument(help: "Berkas kiriman (kasir sync export). / The batch file.") var file: String

    func run() async throws {
        guard let data = FileManager.default.contents(atPath: file), let batch = try? JSONDecoder().decode(LedgerBatch.self, from: data) else {
            throw CentralError.unreadableBatch(clipped((file as NSString).lastPathComponent))
        }
        let outcome = try await database.with { try await $0.ingest(batch, raw: data, receivedAt: Date()) }
        switch outcome.result {
        case .stored(let entries):
            print("Diterima: \(entries) entri baru dari \(batch.checkpoint.cafe); tercatat di pusat sampai #\(outcome.headSeq ?? 0).")
        case .duplicate:
            print("Sudah diterima sebelumnya: tidak ada entri baru dari \(batch.checkpoint.cafe).")
        case .refused(let kind, let reason, let error):
            let what = error.map { Catalog(language: .id).describe($0) } ?? "Ditolak: \(reason)."
            let alarm = kind.map { " Alarm \($0.rawValue) dicatat." } ?? ""
            FileHandle.standardError.write(Data((what + alarm + " Kiriman disimpan sebagai bukti.\n").utf8))
            throw ExitCode.failure
        }
    }
}
