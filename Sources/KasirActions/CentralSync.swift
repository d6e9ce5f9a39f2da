import Crypto
import Foundation
import KasirCore
import KasirLedger
import KasirStore

/// How the café talks to the centre: one request, one answer, synchronously (the command line
/// is). Behind a protocol so that tests answer as a centre would without a network.
///
/// ```swift
/// let transport = CurlTransport(baseURL: URL(string: "https://pusat.example/")!)
/// let (status, body) = try transport.get("/v1/key")
/// ```
public protocol CentralTransport: Sendable {
    /// `GET path`; the answer's status and body, whatever the status.
    ///
    /// - Throws: ``SyncError/unreachable(_:)`` when no answer came.
    func get(_ path: String) throws -> (status: Int, body: Data)
    /// `POST path` with a JSON body; the answer's status and body, whatever the status.
    ///
    /// - Throws: ``SyncError/unreachable(_:)`` when no answer came.
    func post(_ path: String, body: Data) throws -> (status: Int, body: Data)
}

/// The centre over HTTP(S), through Debian's `curl` program, run for each request.
///
/// Foundation's own client (URLSession) is libcurl too, but linked into `kasir` it is loaded
/// by every start of the counter and every command: `kasir --version` went from under 10 ms
/// to 12. The `curl` program loads it only for `kasir sync` and `kasir central join`. TLS is
/// checked against the system's certificate authorities; no `.curlrc` is read (`-q`), only
/// http and https are spoken, and each request waits at most `timeout` seconds.
///
/// ```swift
/// let transport = CurlTransport(baseURL: URL(string: "https://pusat.example/")!)
/// let (status, body) = try transport.get("/v1/key")
/// ```
public struct CurlTransport: CentralTransport, Sendable {
    public let baseURL: URL
    let timeout: Int
    let curl: String

    public init(baseURL: URL, timeout: Int = 30, curl: String = "/usr/bin/curl") {
        self.baseURL = baseURL
        self.timeout = timeout
        self.curl = curl
    }

    public func get(_ path: String) throws -> (status: Int, body: Data) {
        try send(method: "GET", path: path, body: nil)
    }

    public func post(_ path: String, body: Data) throws -> (status: Int, body: Data) {
        try send(method: "POST", path: path, body: body)
    }

    /// The address of `path` under the base URL, whose own path (`https://host/kasir/`) it keeps.
    func address(of path: String) -> URL? {
        var base = baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        return URL(string: base + (path.hasPrefix("/") ? path : "/" + path))
    }

    func send(method: String, path: String, body: Data?) throws -> (status: Int, body: Data) {
        let said = clipped(baseURL.absoluteString, to: 80)
        guard let url = address(of: path) else { throw SyncError.badURL(said) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: curl)
        // The status goes last on its own line, after whatever the body ends with.
        var arguments = ["-q", "--silent", "--proto", "=http,https", "--max-time", String(timeout), "--connect-timeout", String(min(timeout, 10)),
                         "--request", method, "--header", "Accept: application/json", "--write-out", "\n%{http_code}"]
        // No "Expect: 100-continue": curl would wait a second for a 100 the centre never sends
        // before every batch larger than a megabyte.
        if body != nil { arguments += ["--header", "Content-Type: application/json", "--header", "Expect:", "--data-binary", "@-"] }
        process.arguments = arguments + ["--url", url.absoluteString]
        // No proxy or curl setting from the environment: the centre is reached as configured.
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C"]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SyncError.unreachable(said)
        }
        // The body is written while the answer is read, so neither pipe fills and waits on the other.
        let writer = Thread { [body] in
            if let body { try? input.fileHandleForWriting.write(contentsOf: body) }
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let split = answer.lastIndex(of: 0x0A),
            let status = Int(String(decoding: answer[(split + 1)...], as: UTF8.self)), status > 0
        else { throw SyncError.unreachable(said) }
        return (status, Data(answer[..<split]))
    }
}

/// What a sync did.
public struct SyncOutcome: Hashable, Sendable {
    /// Entries the centre newly stored.
    public var sent: Int
    /// Batches sent.
    public var batches: Int
    /// The head the centre holds now, as its last receipt says.
    public var headSeq: Int64
    public var head: String
    /// The centre's time on that receipt.
    public var anchoredAt: Date?

    public init(sent: Int, batches: Int, headSeq: Int64, head: String, anchoredAt: Date?) {
        self.sent = sent
        self.batches = batches
        self.headSeq = headSeq
        self.head = head
        self.anchoredAt = anchoredAt
    }
}

extension CafeActions {
    /// The centre's address as typed at `join`: `http://` or `https://` with a host.
    ///
    /// - Throws: ``SyncError/badURL(_:)``.
    public static func centralURL(_ text: String) throws -> URL {
        guard text.count <= 500, let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw SyncError.badURL(clipped(text, to: 80))
        }
        return url
    }

    /// The transport to the centre this café joined.
    ///
    /// - Throws: ``SyncError/notJoined``.
    public func linkedTransport() throws -> CurlTransport {
        guard let link = try database.centralLink() else { throw SyncError.notJoined }
        return CurlTransport(baseURL: try Self.centralURL(link.url))
    }

    /// A supervisor joins the café to the centre at `url`, fetching the centre's key from it
    /// (`GET /v1/key`) and pinning it (``joinCentral(url:cafe:centreKey:by:)``). With
    /// `centreKey` typed (from the centre's staff), the fetched key must be that one; and when
    /// the centre cannot be reached, the typed key is pinned alone.
    ///
    /// ```swift
    /// let joined = try actions.joinCentral(url: "https://pusat.example/", cafe: "BPN01", centreKey: nil, transport: transport, by: approver)
    /// ```
    ///
    /// - Throws: ``SyncError`` (joined already, a bad URL or code, the centre unreachable with
    ///   no key typed, ``SyncError/centreKeyDiffers(typed:fetched:)``), and what joining throws.
    public func joinCentral(url: String, cafe: String, centreKey typed: Data?, transport: any CentralTransport, by approver: Approver) throws
        -> CentralJoin
    {
        // Refused before anything goes over the network.
        if let joined = try database.centralLink() { throw SyncError.alreadyJoined(cafe: joined.cafe) }
        _ = try Self.centralURL(url)
        if let typed, (try? Curve25519.Signing.PublicKey(rawRepresentation: typed)) == nil { throw SyncError.badCentreKey }
        let fetched: Data
        do {
            fetched = try centreKey(from: transport)
        } catch {
            // The typed key is the pin: a centre out of reach today does not stop the join.
            guard let typed else { throw error }
            return try joinCentral(url: url, cafe: cafe, centreKey: typed, by: approver)
        }
        if let typed, typed != fetched {
            throw SyncError.centreKeyDiffers(typed: Self.fingerprint(typed), fetched: Self.fingerprint(fetched))
        }
        return try joinCentral(url: url, cafe: cafe, centreKey: fetched, by: approver)
    }

    /// The centre's public key as it gives it (`GET /v1/key`).
    func centreKey(from transport: any CentralTransport) throws -> Data {
        let (status, body) = try transport.get("/v1/key")
        guard status == 200 else { throw SyncError.refused(status: status, reason: Self.reason(body)) }
        guard let answer = try? JSONDecoder().decode(CentreKeyAnswer.self, from: body), let raw = Data(base64Encoded: answer.publicKey),
            (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil
        else { throw SyncError.badCentreKey }
        return raw
    }

    /// Sends the centre every journal entry it does not hold yet, in batches of at most
    /// `batchSize`, and keeps its countersigned receipt for each.
    ///
    /// Where to start is the centre's to say, not a cursor of the café's: its head is asked
    /// first (a receipt signed by the pinned key), and this journal must hold that entry with
    /// that hash, or nothing is sent (``SyncError/centreDisagrees(seq:)``: this journal was
    /// rewritten or restored from an old backup). Each batch's receipt must be signed by the
    /// pinned key and name the batch's last entry. Each batch goes while the centre stores the
    /// one before (two at most out at once), receipts checked and kept in order. A sync that
    /// fails keeps the receipts of the batches stored before it, and nothing else; it may have
    /// sent one batch more.
    ///
    /// ```swift
    /// let outcome = try actions.sync(transport: try actions.linkedTransport())
    /// outcome.sent, outcome.headSeq
    /// ```
    ///
    /// - Throws: ``SyncError`` (not joined, unreachable, refused, a bad receipt, the centre
    ///   disagreeing, the café unknown there), the key file's errors.
    public func sync(transport: any CentralTransport, batchSize: Int = 5_000) throws -> SyncOutcome {
        guard let link = try database.centralLink() else { throw SyncError.notJoined }
        let centreKey = try Curve25519.Signing.PublicKey(rawRepresentation: link.centreKey)
        let head: (receipt: LedgerReceipt, raw: String)
        do {
            head = try centralHead(link: link, centreKey: centreKey, transport: transport)
        } catch SyncError.centreDisagrees(let seq) {
            // Nothing more is sent from this branch, but the centre is shown where it parts from
            // what the centre holds, once: it keeps that batch as evidence and raises a fork or
            // rollback alarm, rather than only a stale one days later. The batch begins where
            // the two last agreed (the newest receipt this journal still holds), so that it shows
            // the fork itself: what an officer at the centre needs to accept a restored café's
            // new branch (`kasir-central cafe accept`). Its answer changes nothing here.
            let last = try database.lastJournalEntry()?.seq ?? 0
            let disagreement = max(0, min(seq, last) - 1)
            let start = min((try? database.lastAgreedSeq()).flatMap { $0 } ?? disagreement, disagreement)
            if let evidence = try? signedBatch(after: start, limit: max(1, batchSize)), let body = try? evidence.encoded() {
                _ = try? transport.post("/v1/batches", body: body)
            }
            throw SyncError.centreDisagrees(seq: seq)
        }
        var anchored = head.receipt
        // The head the centre answered is kept when it vouches for something the last receipt
        // kept does not (a head kept at every sync would be a row every few minutes).
        if anchored.seq > 0, try database.lastReceipt().map({ $0.seq != anchored.seq || $0.head != anchored.head }) ?? true {
            try database.keepReceipt(anchored, raw: head.raw, at: clock.now())
        }
        var sent = 0
        var batches = 0
        // Each batch is read, checked, signed and encoded while the centre takes the one before,
        // and sent while the centre still stores the one before (the centre has answered once
        // already: its head, signed by the pinned key): the café's work, the centre's checks and
        // PostgreSQL's overlap. At most two batches are out at once, and their receipts are
        // checked and kept in order; a batch after one the centre refused is refused unstored.
        let limit = max(1, batchSize)
        // The first batch is smaller: the centre starts storing sooner, and checks the second
        // while it stores the first.
        let first = min(limit, Self.firstBatchSize)
        let prepare: @Sendable (Int64, Int) throws -> (batch: LedgerBatch, body: Data) = { [self] after, limit in
            let batch = try signedBatch(after: after, limit: limit)
            return (batch, try batch.encoded())
        }
        var prepared: (after: Int64, work: Prefetch<(batch: LedgerBatch, body: Data)>)?
        var outstanding: (batch: LedgerBatch, answer: Prefetch<(status: Int, body: Data)>)?
        // Whatever stops the loop, no read and no request is left running behind it.
        defer {
            _ = try? outstanding?.answer.wait()
            _ = try? prepared?.work.wait()
        }
        /// The centre's answer to a batch sent: its receipt checked and kept.
        func settle(_ sending: (batch: LedgerBatch, answer: Prefetch<(status: Int, body: Data)>)) throws {
            let batch = sending.batch
            let (status, body) = try sending.answer.wait()
            guard status == 200 else { throw SyncError.refused(status: status, reason: Self.reason(body)) }
            let receipt = try Self.receipt(body, cafe: link.cafe, centreKey: centreKey, expecting: [.stored, .duplicate])
            if receipt.result == .stored {
                // What the centre stored ends where the batch ends.
                guard receipt.seq == batch.checkpoint.seq, receipt.head == batch.checkpoint.head else { throw SyncError.badReceipt }
            } else {
                // Held already: the centre's head is this batch's end or beyond, on this journal.
                guard receipt.seq >= batch.checkpoint.seq, try holds(seq: receipt.seq, hash: receipt.head) else { throw SyncError.badReceipt }
            }
            try database.keepReceipt(receipt, raw: String(decoding: body, as: UTF8.self), at: clock.now())
            sent += receipt.stored
            batches += 1
            if receipt.seq > anchored.seq { anchored = receipt }
        }
        // The end of the last batch sent: the next begins after it, or after the centre's head
        // when a receipt says the centre holds more.
        var sentThrough = anchored.seq
        while true {
            let batch: LedgerBatch
            let encoded: Data
            let from = max(sentThrough, anchored.seq)
            do {
                // One read at a time: the one prepared is taken, or let finish when the centre
                // moved past where it begins, before any other.
                let earlier = prepared
                prepared = nil
                if let earlier, earlier.after == from {
                    (batch, encoded) = try earlier.work.wait()
                } else {
                    _ = try? earlier?.work.wait()
                    (batch, encoded) = try prepare(from, batches == 0 && outstanding == nil ? first : limit)
                }
            } catch LedgerBatchError.empty {
                break
            }
            let after = batch.checkpoint.seq
            prepared = (after, Prefetch { try prepare(after, limit) })
            let answer = Prefetch { try transport.post("/v1/batches", body: encoded) }
            if let earlier = outstanding {
                outstanding = (batch, answer)
                try settle(earlier)
            } else {
                outstanding = (batch, answer)
            }
            sentThrough = after
        }
        if let last = outstanding {
            outstanding = nil
            try settle(last)
        }
        return SyncOutcome(sent: sent, batches: batches, headSeq: anchored.seq, head: anchored.head, anchoredAt: Timestamp.date(anchored.receivedAt))
    }

    /// Entries in a sync's first batch at most: the centre has the first to store sooner.
    static let firstBatchSize = 1_000

    /// The head the centre holds of this café's journal, checked against the pinned key and
    /// found in this journal: what `kasir audit verify --central` asks.
    ///
    /// - Returns: the centre's signed receipt for it (sequence 0 when it holds nothing yet).
    /// - Throws: ``SyncError/centreDisagrees(seq:)`` when this journal does not hold that
    ///   entry with that hash; what asking the centre throws.
    public func verifyCentralHead(transport: any CentralTransport) throws -> LedgerReceipt {
        guard let link = try database.centralLink() else { throw SyncError.notJoined }
        let centreKey = try Curve25519.Signing.PublicKey(rawRepresentation: link.centreKey)
        return try centralHead(link: link, centreKey: centreKey, transport: transport).receipt
    }

    /// Asks the centre for its head, checks the receipt, and that this journal holds it.
    func centralHead(link: CentralLink, centreKey: Curve25519.Signing.PublicKey, transport: any CentralTransport) throws
        -> (receipt: LedgerReceipt, raw: String)
    {
        let (status, body) = try transport.get("/v1/cafes/\(link.cafe)/head")
        if status == 404 { throw SyncError.unknownAtCentre(link.cafe) }
        guard status == 200 else { throw SyncError.refused(status: status, reason: Self.reason(body)) }
        let receipt = try Self.receipt(body, cafe: link.cafe, centreKey: centreKey, expecting: [.head])
        // Nothing held yet is the genesis, which every journal starts from.
        if receipt.seq > 0 || receipt.head != LedgerBatch.genesisHash {
            guard try holds(seq: receipt.seq, hash: receipt.head) else { throw SyncError.centreDisagrees(seq: receipt.seq) }
        }
        return (receipt, String(decoding: body, as: UTF8.self))
    }

    /// Whether this journal's entry `seq` has hash `hash`.
    func holds(seq: Int64, hash: String) throws -> Bool {
        guard seq > 0, let entry = try database.journalEntries(from: seq, limit: 1).first else { return false }
        return entry.seq == seq && entry.hash == hash
    }

    /// A receipt in `body`, signed by the pinned key, about this café, of an expected kind,
    /// its time in the one shape times have.
    ///
    /// - Throws: ``SyncError/badReceipt``.
    static func receipt(_ body: Data, cafe: String, centreKey: Curve25519.Signing.PublicKey, expecting results: Set<LedgerReceipt.Outcome>) throws
        -> LedgerReceipt
    {
        guard let receipt = try? JSONDecoder().decode(LedgerReceipt.self, from: body),
            (try? receipt.verify(signedBy: centreKey)) != nil,
            receipt.cafe == cafe, results.contains(receipt.result), receipt.seq >= 0, receipt.head.utf8.count == 64,
            Timestamp.date(receipt.receivedAt) != nil
        else { throw SyncError.badReceipt }
        return receipt
    }

    /// The reason in a refusal's JSON (`reason`, else `error`), or the start of its body.
    static func reason(_ body: Data) -> String {
        let answer = try? JSONDecoder().decode(RefusalAnswer.self, from: body)
        let said = answer?.reason ?? answer?.error ?? String(decoding: body.prefix(200), as: UTF8.self)
        return clipped(said.split(whereSeparator: \.isNewline).joined(separator: " "), to: 160)
    }

    static func fingerprint(_ raw: Data) -> String {
        (try? Curve25519.Signing.PublicKey(rawRepresentation: raw))?.fingerprint ?? "?"
    }
}

/// `GET /v1/key`.
struct CentreKeyAnswer: Decodable {
    var publicKey: String

    enum CodingKeys: String, CodingKey {
        case publicKey = "public_key"
    }
}

/// A refusal's body: `{"error": "refused", "alarm": …, "reason": …}`.
struct RefusalAnswer: Decodable {
    var error: String?
    var reason: String?
}

/// Work begun now on another thread, its result (or error) taken when it is needed.
final class Prefetch<Value: Sendable>: @unchecked Sendable {
    // Written once by the worker before it signals; read only after the signal is seen.
    private var result: Result<Value, any Error>?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global().async {
            self.result = Result { try work() }
            self.done.signal()
        }
    }

    /// Waits for the work (at once if it is done) and gives its result; any number of times.
    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try result!.get()
    }
}
