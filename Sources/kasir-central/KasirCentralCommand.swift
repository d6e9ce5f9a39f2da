import ArgumentParser
import Crypto
import Foundation
import KasirCentral
import KasirCentralServer
import KasirConfig
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
        subcommands: [Migrate.self, Cafe.self, Import.self, Key.self, Serve.self, User.self, Verify.self, Rebuild.self, Report.self])

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
        if let url = CentralConfigFile.value(of: "url") { return url }
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

/// `/etc/kasir/central.toml`, read for its few `key = "value"` lines: the PostgreSQL `url` and
/// the centre's `key_file`.
enum CentralConfigFile {
    static let path = "/etc/kasir/central.toml"

    /// The quoted value of `key` (`key = "value"`), or `nil` when the file or the line is not there.
    static func value(of key: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "="), line[..<equals].trimmingCharacters(in: .whitespaces) == key else { continue }
            let value = line[line.index(after: equals)...]
            guard let start = value.firstIndex(of: "\""), let end = value.lastIndex(of: "\""), start < end else { continue }
            return String(value[value.index(after: start)..<end])
        }
        return nil
    }
}

/// Where the centre's Ed25519 key is: `--key`, else `KASIR_CENTRAL_KEY`, else `key_file` in
/// `/etc/kasir/central.toml`, else `/var/lib/kasir-central/centre.key`.
struct KeyOptions: ParsableArguments {
    @Option(help: "Berkas kunci Ed25519 pusat (0600). / The centre's Ed25519 key file (0600).") var key: String?

    func path() -> String {
        if let key { return key }
        if let named = ProcessInfo.processInfo.environment["KASIR_CENTRAL_KEY"], !named.isEmpty { return named }
        return CentralConfigFile.value(of: "key_file") ?? "/var/lib/kasir-central/centre.key"
    }

    /// The key in the file, made (0600) the first time.
    func load() throws -> (key: Curve25519.Signing.PrivateKey, created: Bool) {
        try Ed25519KeyFile(path: path()).loadOrCreate()
    }
}

/// Says `line` on standard output at once: a script waiting for it reads it as it is said.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
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
    static let configuration = CommandConfiguration(abstract: "Kafe yang terdaftar. / Enrolled cafés.", subcommands: [Add.self, Accept.self])

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

    /// A café that restored a backup on purpose is anchored again: its new branch taken from
    /// where it parts, the old one kept as evidence, by the tables' owner, with a reason.
    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Terima cabang baru kafe sesudah pemulihan cadangan; cabang lama disimpan sebagai bukti. / Accept a café's new branch after a restore; the old one is kept as evidence.",
            discussion: """
                Dijalankan oleh pemilik tabel (yang menjalankan migrate). Titik pisah diambil dari bukti fork atau rollback yang ditandatangani kafe.
                Run by the tables' owner (who runs migrate). Where the branches part is taken from the café's signed fork or rollback evidence.
                """)
        @OptionGroup var database: DatabaseOptions
        @Argument(help: "Kode kafe, mis. BPN01. / The café's code.") var code: String
        // Optional here so that a missing reason is the same one line as an empty one, not the parser's usage.
        @Option(help: "Alasan penerimaan, 1–500 karakter. / Why it is accepted, 1–500 characters.") var reason: String?

        func run() async throws {
            // Checked before anything is opened.
            let why = try CentralDatabase.acceptanceReason(reason ?? "")
            let acceptance = try await database.with { try await $0.acceptBranch(cafe: code, reason: why, now: Date()) }
            say(Catalog(language: .id).branchAccepted(acceptance))
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
            let kept = outcome.evidenceKept ? " Kiriman disimpan sebagai bukti." : " Kiriman dicatat; isinya tidak disimpan."
            FileHandle.standardError.write(Data((what + alarm + kept + "\n").utf8))
            throw ExitCode.failure
        case .behind:
            // Answered only when asked to hold a gap, which a batch carried in never is.
            throw ExitCode.failure
        }
    }
}

struct Key: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Kunci publik pusat dan sidik jarinya; kunci dibuat (0600) pertama kali. / The centre's public key and fingerprint; the key is made (0600) the first time.")
    @OptionGroup var keyFile: KeyOptions
    @Option(help: "text atau json. / text or json.") var format: Format = .text

    enum Format: String, ExpressibleByArgument {
        case text, json
    }

    struct Output: Encodable {
        var publicKey: String
        var fingerprint: String

        enum CodingKeys: String, CodingKey {
            case publicKey = "public_key", fingerprint
        }
    }

    func run() async throws {
        let (key, created) = try keyFile.load()
        let publicKey = key.publicKey.rawRepresentation.base64EncodedString()
        if format == .json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            say(String(decoding: try encoder.encode(Output(publicKey: publicKey, fingerprint: key.publicKey.fingerprint)), as: UTF8.self))
        } else {
            for line in Catalog(language: .id).centralKeyLines(publicKey: publicKey, fingerprint: key.publicKey.fingerprint, path: keyFile.path(),
                                                               created: created) {
                say(line)
            }
        }
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Terima kiriman jurnal kafe lewat HTTP(S). / Receive cafés' journal batches over HTTP(S).",
        discussion: """
            Bawaan: 127.0.0.1:8443 dengan TLS, 127.0.0.1:8080 tanpa (di belakang nginx). Log ke stderr (KASIR_CENTRAL_LOG=debug|info|warning).
            Default: 127.0.0.1:8443 with TLS, 127.0.0.1:8080 without (behind nginx). Logs go to stderr (KASIR_CENTRAL_LOG=debug|info|warning).
            """)
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var keyFile: KeyOptions
    @Option(help: "HOST:PORT tempat mendengarkan. / Where to listen, HOST:PORT.") var listen: String?
    @Option(name: .customLong("tls-certificate"), help: "Rantai sertifikat PEM (sertifikat server dulu). / The PEM certificate chain (the server's first).")
    var tlsCertificate: String?
    @Option(name: .customLong("tls-key"), help: "Kunci privat TLS PEM. / The TLS private key, PEM.") var tlsKey: String?
    @Option(name: .customLong("stale-after"), help: "Hari tanpa jangkar sebelum alarm stale. / Days without an anchor before a stale alarm.")
    var staleAfter: Int = 3
    @Option(help: "Folder konfigurasi halaman: kompetensi dan menu (bawaan: KASIR_CONFIG, lalu /etc/kasir, lalu ./config). / The pages' config folder: competencies and menu.")
    var config: String?

    func run() async throws {
        // Everything the operator typed is checked before anything is opened.
        guard (tlsCertificate == nil) == (tlsKey == nil) else { throw CentralServeError.tlsHalfGiven }
        let address = try CentralServer.Listen(parsing: self.listen ?? (tlsCertificate == nil ? "127.0.0.1:8080" : "127.0.0.1:8443"))
        var tls: CentralServer.TLS?
        if let tlsCertificate, let tlsKey { tls = try CentralServer.TLS(certificate: tlsCertificate, key: tlsKey) }
        guard (1...365).contains(staleAfter) else { throw ValidationError("--stale-after: 1–365") }
        let url = try database.url()
        let key = try keyFile.load().key
        let figures = PageFigures(try KasirConfiguration.load(from: KasirConfiguration.folder(option: config, environment: ProcessInfo.processInfo.environment)))
        var logger = Logger(label: "kasir-central")
        logger.logLevel = ProcessInfo.processInfo.environment["KASIR_CENTRAL_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        let service = CentralService(databaseURL: url, key: key, logger: logger)
        // A PostgreSQL that cannot be reached is said now, in one line, rather than to each café.
        try await service.connect()
        let words = Catalog(language: .id)
        // Cafés gone quiet raise a stale alarm, looked for now and every hour.
        let staleAfter = TimeInterval(staleAfter) * 86_400
        let watch = Task {
            while !Task.isCancelled {
                do {
                    try await service.raiseStaleAlarms(staleAfter: staleAfter)
                } catch {
                    logger.warning("stale alarms", metadata: ["error": "\(Catalog(language: .en).describe(CentralDatabase.plain(error)))"])
                }
                try? await Task.sleep(for: .seconds(3_600))
            }
        }
        defer { watch.cancel() }
        try await CentralServer.run(service: service, listen: address, tls: tls, staleAfter: staleAfter, figures: figures, logger: logger) { url in
            say(words.centralListening(url))
        }
        await service.close()
    }
}
