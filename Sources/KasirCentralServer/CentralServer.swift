import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KasirCentral
import KasirCore
import KasirLedger
import Logging
import NIOSSL

/// The centre's HTTP server (Hummingbird): cafés fetch its key, ask where its copy of their
/// journal ends, and send their batches. JSON both ways, snake_case keys.
///
/// - `GET /v1/key` → `{"public_key", "fingerprint"}`.
/// - `GET /v1/cafes/{code}/head` → the head held, as a signed ``LedgerReceipt`` (`result`
///   `head`); 404 `{"error": "unknown_cafe"}` for a café not enrolled.
/// - `POST /v1/batches` (a ``LedgerBatch`` as `kasir sync export` writes it, at most 64 MiB) →
///   200 and a signed receipt when stored or held already; 409 `{"error": "refused", "alarm",
///   "reason"}` when refused; 400 when it is not a batch; 413 when too large; 503 when the
///   database cannot be reached.
///
/// ```swift
/// let listen = try CentralServer.Listen(parsing: "127.0.0.1:8443")
/// let tls = try CentralServer.TLS(certificate: "/etc/kasir/centre.pem", key: "/etc/kasir/centre-key.pem")
/// try await CentralServer.run(service: service, listen: listen, tls: tls, logger: logger) { url in print(url) }
/// ```
public enum CentralServer {
    /// The largest batch taken: a café-year of entries is well under it.
    public static let largestBatch = 64 * 1024 * 1024

    /// Where the server listens.
    public struct Listen: Hashable, Sendable {
        public var host: String
        public var port: Int

        public init(host: String, port: Int) {
            self.host = host
            self.port = port
        }

        /// Reads `HOST:PORT` (`[::1]:8443` for an IPv6 address).
        ///
        /// - Throws: ``CentralServeError/badListen(_:)``.
        public init(parsing text: String) throws(CentralServeError) {
            guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (1...65_535).contains(port) else {
                throw .badListen(clipped(text))
            }
            var host = String(text[..<colon])
            if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            guard !host.isEmpty, !host.contains(where: { $0.isWhitespace }) else { throw .badListen(clipped(text)) }
            self.init(host: host, port: port)
        }

        /// The address cafés use, `http://127.0.0.1:8080` or `https://…`.
        public func url(tls: Bool) -> String {
            (tls ? "https://" : "http://") + (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        }
    }

    /// The server's TLS, read from PEM files before anything starts.
    public struct TLS: Sendable {
        let configuration: TLSConfiguration

        /// Reads the certificate chain (the server's certificate first) and its private key.
        ///
        /// - Throws: ``CentralServeError/unreadableCertificate(path:)``, ``CentralServeError/unreadableTLSKey(path:)``.
        public init(certificate: String, key: String) throws(CentralServeError) {
            guard let chain = try? NIOSSLCertificate.fromPEMFile(certificate), !chain.isEmpty else {
                throw .unreadableCertificate(path: certificate)
            }
            guard let privateKey = try? NIOSSLPrivateKey(file: key, format: .pem) else { throw .unreadableTLSKey(path: key) }
            configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                     privateKey: .privateKey(privateKey))
        }
    }

    /// Serves until the process is told to stop (SIGTERM, SIGINT), then finishes the requests
    /// under way.
    ///
    /// - Parameter listening: called once the socket is bound, with the address cafés use.
    public static func run(
        service: CentralService, listen: Listen, tls: TLS?, logger: Logger, listening: @escaping @Sendable (String) -> Void
    ) async throws {
        let router = self.router(service: service)
        let configuration = ApplicationConfiguration(address: .hostname(listen.host, port: listen.port), serverName: "kasir-central")
        let url = listen.url(tls: tls != nil)
        var server = HTTPServerBuilder.http1()
        if let tls { server = try .tls(.http1(), tlsConfiguration: tls.configuration) }
        let application = Application(router: router, server: server, configuration: configuration, onServerRunning: { _ in
            logger.info("listening", metadata: ["url": "\(url)"])
            listening(url)
        }, logger: logger)
        try await application.runService()
    }

    /// The routes, on `service`.
    static func router(service: CentralService) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.get("/v1/key") { (_: Request, _: BasicRequestContext) async throws -> Response in
            CentralServer.json(.ok, CentreKey(publicKey: service.publicKey, fingerprint: service.fingerprint))
        }
        router.get("/v1/cafes/:code/head") { (_: Request, context: BasicRequestContext) async throws -> Response in
            let code = try context.parameters.require("code")
            do {
                guard let receipt = try await service.head(cafe: code) else { return CentralServer.json(.notFound, Problem(error: "unknown_cafe")) }
                return CentralServer.json(.ok, receipt)
            } catch {
                context.logger.error("head query failed", metadata: ["cafe": "\(clipped(code))", "error": "\(CentralDatabase.plain(error))"])
                return CentralServer.json(.serviceUnavailable, Problem(error: "unavailable"))
            }
        }
        router.post("/v1/batches") { (request: Request, context: BasicRequestContext) async throws -> Response in
            var request = request
            let body: Data
            do {
                body = Data(try await request.collectBody(upTo: CentralServer.largestBatch).readableBytesView)
            } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
                return CentralServer.json(.contentTooLarge, Problem(error: "too_large"))
            }
            guard let batch = try? JSONDecoder().decode(LedgerBatch.self, from: body) else {
                return CentralServer.json(.badRequest, Problem(error: "undecodable"))
            }
            let answer: BatchAnswer
            do {
                answer = try await service.ingest(batch, raw: body)
            } catch {
                context.logger.error("batch not taken in", metadata: ["cafe": "\(clipped(batch.checkpoint.cafe))", "error": "\(CentralDatabase.plain(error))"])
                return CentralServer.json(.serviceUnavailable, Problem(error: "unavailable"))
            }
            switch answer {
            case .accepted(let receipt):
                context.logger.info("batch \(receipt.result.rawValue)", metadata: [
                    "cafe": "\(receipt.cafe)", "batch": "\(receipt.batch)", "stored": "\(receipt.stored)", "head_seq": "\(receipt.seq)",
                ])
                return CentralServer.json(.ok, receipt)
            case .refused(let alarm, let reason):
                context.logger.warning("batch refused", metadata: [
                    "cafe": "\(clipped(batch.checkpoint.cafe))", "alarm": "\(alarm?.rawValue ?? "-")", "reason": "\(reason)",
                ])
                return CentralServer.json(.conflict, Refusal(alarm: alarm?.rawValue, reason: reason))
            }
        }
        return router
    }

    /// `value` as a JSON response.
    static func json(_ status: HTTPResponse.Status, _ value: some Encodable) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data(#"{"error":"unencodable"}"#.utf8)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// `GET /v1/key`.
struct CentreKey: Encodable {
    var publicKey: String
    var fingerprint: String

    enum CodingKeys: String, CodingKey {
        case publicKey = "public_key", fingerprint
    }
}

/// Any answer but a receipt: `{"error": "unknown_cafe"}`.
struct Problem: Encodable {
    var error: String
}

/// A batch refused: `alarm` is null when none was raised.
struct Refusal: Encodable {
    var alarm: String?
    var reason: String

    enum CodingKeys: String, CodingKey {
        case error, alarm, reason
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode("refused", forKey: .error)
        // Present as null, so that a reader sees no alarm was raised rather than a key missing.
        try container.encode(alarm, forKey: .alarm)
        try container.encode(reason, forKey: .reason)
    }
}
