import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import KasirCentral
import KasirCore
import KasirLedger
import KasirReports
import Logging
import NIOCore
import NIOSSL

/// The centre's HTTP server (Hummingbird): cafés fetch its key, ask where its copy of their
/// journal ends, and send their batches (JSON both ways, snake_case keys); anyone checks a
/// transcript by its number (HTML).
///
/// - `GET /v1/key` → `{"public_key", "fingerprint"}`.
/// - `GET /v1/cafes/{code}/head` → the head held, as a signed ``LedgerReceipt`` (`result`
///   `head`); 404 `{"error": "unknown_cafe"}` for a café not enrolled.
/// - `POST /v1/batches` (a ``LedgerBatch`` as `kasir sync export` writes it, at most 64 MiB) →
///   200 and a signed receipt when stored or held already; 409 `{"error": "refused", "alarm",
///   "reason"}` when refused; 400 when it is not a batch; 413 when too large; 503 when the
///   database cannot be reached.
/// - `GET /verifikasi` (a form; `?nomor=NUMBER&kafe=CODE` goes to the page below) and
///   `GET /verifikasi/{number}[?kafe=CODE]`: what the anchored journal says of a transcript,
///   in Bahasa Indonesia (`?lang=en` for English). No sign-in; each address may look up
///   ``verificationBurst`` numbers at once, then one every ``verificationRefill`` seconds (429).
///
/// ```swift
/// let listen = try CentralServer.Listen(parsing: "127.0.0.1:8443")
/// let tls = try CentralServer.TLS(certificate: "/etc/kasir/centre.pem", key: "/etc/kasir/centre-key.pem")
/// try await CentralServer.run(service: service, listen: listen, tls: tls, logger: logger) { url in print(url) }
/// ```
public enum CentralServer {
    /// The largest batch taken: a café-year of entries is well under it.
    public static let largestBatch = 64 * 1024 * 1024
    /// Lookups an address may make at once on the verification page, and the seconds it then
    /// waits for each next one: a person checks a few papers; 48 bits of digest are not tried.
    public static let verificationBurst = 30
    public static let verificationRefill: TimeInterval = 2
    /// `/robots.txt`: nothing but the verification form is for search engines.
    static let robots = "User-agent: *\nAllow: /verifikasi$\nDisallow: /\n"

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
    ///   - staleAfter: how long without an anchor before the pages call a café quiet.
    ///   - figures: the competency units and skills the pages' training reports use.
    public static func run(
        service: CentralService, listen: Listen, tls: TLS?, staleAfter: TimeInterval = 3 * 86_400, figures: PageFigures, logger: Logger,
        listening: @escaping @Sendable (String) -> Void
    ) async throws {
        let router = self.router(service: service, staleAfter: staleAfter, figures: figures)
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
    static func router(service: CentralService, staleAfter: TimeInterval, figures: PageFigures) -> Router<CentralRequestContext> {
        let router = Router(context: CentralRequestContext.self)
        router.get("/v1/key") { (_: Request, _: CentralRequestContext) async throws -> Response in
            CentralServer.json(.ok, CentreKey(publicKey: service.publicKey, fingerprint: service.fingerprint))
        }
        router.get("/v1/cafes/:code/head") { (_: Request, context: CentralRequestContext) async throws -> Response in
            let code = try context.parameters.require("code")
            do {
                guard let receipt = try await service.head(cafe: code) else { return CentralServer.json(.notFound, Problem(error: "unknown_cafe")) }
                return CentralServer.json(.ok, receipt)
            } catch {
                context.logger.error("head query failed", metadata: ["cafe": "\(clipped(code))", "error": "\(CentralDatabase.plain(error))"])
                return CentralServer.json(.serviceUnavailable, Problem(error: "unavailable"))
            }
        }
        router.post("/v1/batches") { (request: Request, context: CentralRequestContext) async throws -> Response in
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
        // A static file: what search engines may read (only the public verification form), and
        // the baseline scripts/bench measures the pages against.
        router.get("/robots.txt") { (_: Request, _: CentralRequestContext) async throws -> Response in
            var headers = pageHeaders()
            headers[.contentType] = "text/plain; charset=utf-8"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: robots)))
        }
        addOfficeRoutes(to: router, service: service, staleAfter: staleAfter, figures: figures)
        let limiter = AddressLimiter(burst: verificationBurst, refill: verificationRefill)
        router.get("/verifikasi") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let query = request.uri.queryParameters
            let page = VerificationPage(language: query["lang"] == "en" ? .en : .id)
            guard let typed = query["nomor"].map(String.init), !typed.trimmingCharacters(in: .whitespaces).isEmpty else {
                return CentralServer.html(.ok, page.render(number: nil, cafe: query["kafe"].map(String.init), outcome: .form))
            }
            // A typed number goes to its own address, which can be bookmarked and printed.
            guard let number = try? DocumentNumber.parse(typed), number.kind == .transcript else {
                return CentralServer.html(.badRequest, page.render(number: String(typed.prefix(40)), cafe: nil, outcome: .problem(page.words.malformedNumber)))
            }
            var location = "/verifikasi/\(number)?lang=\(page.language.rawValue)"
            if let cafe = query["kafe"].map({ String($0).trimmingCharacters(in: .whitespaces).uppercased() }), !cafe.isEmpty {
                location += "&kafe=\(VerificationPage.queryValue(cafe))"
            }
            return Response(status: .seeOther, headers: CentralServer.pageHeaders(location: location))
        }
        router.get("/verifikasi/:number") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let query = request.uri.queryParameters
            let page = VerificationPage(language: query["lang"] == "en" ? .en : .id)
            let typed = String(try context.parameters.require("number").prefix(40))
            let cafe = query["kafe"].map { String($0).trimmingCharacters(in: .whitespaces).uppercased() }.flatMap { $0.isEmpty ? nil : $0 }
            if let wait = await limiter.take(context.clientAddress(request)) {
                var response = CentralServer.html(.tooManyRequests, page.render(number: typed, cafe: cafe, outcome: .problem(page.words.tooMany(retryAfter: wait))))
                response.headers[.retryAfter] = "\(wait)"
                return response
            }
            guard let number = try? DocumentNumber.parse(typed), number.kind == .transcript else {
                return CentralServer.html(.badRequest, page.render(number: typed, cafe: cafe, outcome: .problem(page.words.malformedNumber)))
            }
            if let cafe, cafe.range(of: "^[A-Z0-9]{2,16}$", options: .regularExpression) == nil {
                return CentralServer.html(.badRequest, page.render(number: number.description, cafe: nil, outcome: .problem(page.words.malformedCafe)))
            }
            do {
                let verdict = try await service.verifyTranscript(number, cafe: cafe)
                // Which answer, never who asked.
                context.logger.info("transcript checked", metadata: ["verdict": "\(verdict.name)"])
                return CentralServer.html(verdict.status, page.render(number: number.description, cafe: cafe, outcome: .verdict(verdict)))
            } catch {
                context.logger.error("transcript check failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
                return CentralServer.html(.serviceUnavailable, page.render(number: number.description, cafe: cafe, outcome: .problem(page.words.unavailable)))
            }
        }
        return router
    }

    /// The headers of every page: nothing from elsewhere, no scripts, not framed, not cached,
    /// and the number in the address never sent on as a referrer.
    static func pageHeaders(location: String? = nil) -> HTTPFields {
        var headers: HTTPFields = [
            .contentType: "text/html; charset=utf-8",
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
            .xContentTypeOptions: "nosniff",
            HTTPField.Name("Referrer-Policy")!: "no-referrer",
            .cacheControl: "no-store",
        ]
        if let location { headers[.location] = location }
        return headers
    }

    /// `html` as a page.
    static func html(_ status: HTTPResponse.Status, _ html: String) -> Response {
        Response(status: status, headers: pageHeaders(), body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
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

/// The context of every request: Hummingbird's, and the address the request came from.
public struct CentralRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    let channel: (any Channel)?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }

    public var remoteAddress: SocketAddress? { channel?.remoteAddress }

    /// Who a per-address limit counts: the peer's address; behind a proxy on this machine
    /// (nginx on loopback, docs/central.md), the address the proxy appended last to
    /// `X-Forwarded-For`, which the client cannot choose. An IPv6 address counts by its /64,
    /// the block one subscriber is given, so a subscriber cannot take a fresh address per try.
    func clientAddress(_ request: Request) -> String {
        let peer = Self.plainAddress(remoteAddress?.ipAddress ?? "?")
        guard peer == "127.0.0.1" || peer == "::1", let forwarded = request.headers[HTTPField.Name("X-Forwarded-For")!],
              let last = forwarded.split(separator: ",").last?.trimmingCharacters(in: CharacterSet.whitespaces), !last.isEmpty
        else { return Self.counted(peer) }
        return Self.counted(Self.plainAddress(String(last.prefix(64))))
    }

    /// An IPv4 address written as IPv6 (`::ffff:127.0.0.1`, a server listening on `[::]`) as IPv4.
    static func plainAddress(_ address: String) -> String {
        address.lowercased().hasPrefix("::ffff:") && address.contains(".") ? String(address.dropFirst(7)) : address
    }

    /// The bucket of an address: an IPv4 address whole, an IPv6 address by its first 64 bits.
    static func counted(_ address: String) -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        guard address.contains(":"), inet_pton(AF_INET6, address, &bytes) == 1 else { return address }
        return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "::/64"
    }
}

extension TranscriptVerdict {
    /// The verdict's name in logs and in the page's `data-verdict`.
    var name: String {
        switch self {
        case .anchored: return "anchored"
        case .altered: return "altered"
        case .notYetAnchored: return "not_yet_anchored"
        case .unknown: return "unknown"
        case .claimedByMany: return "claimed_by_many"
        }
    }

    /// The page's status: 200 when the journal answers about the number (even "not yet"), 404
    /// for a number it does not know.
    var status: HTTPResponse.Status {
        if case .unknown = self { return .notFound }
        return .ok
    }
}
