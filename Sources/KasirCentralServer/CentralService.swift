import Crypto
import Foundation
import KasirCentral
import KasirCore
import KasirLedger
import KasirReports
import Logging

/// What the centre answers a café's batch.
public enum BatchAnswer: Sendable, Hashable {
    /// Stored, or held already: the centre's countersigned receipt.
    case accepted(LedgerReceipt)
    /// Nothing stored; the batch kept as evidence, with an alarm when `alarm` is set.
    case refused(alarm: AlarmKind?, reason: String)
}

/// The centre's acts behind its HTTP server, each signed with the centre's key: the head it
/// holds of a café, and a café's batch taken in.
///
/// One PostgreSQL connection runs one statement at a time and one transaction at all: every
/// piece of database work waits its turn here, in the order it came, even across the awaits an
/// actor alone would interleave. A connection found closed (PostgreSQL restarted) is made anew,
/// and the work that found it so is tried once more on the new one: a batch tried again is
/// stored once (the second try finds it held and answers `duplicate`).
///
/// ```swift
/// let service = CentralService(databaseURL: url, key: centreKey, logger: logger)
/// try await service.connect()
/// let receipt = try await service.head(cafe: "BPN01")
/// ```
public actor CentralService {
    let databaseURL: String
    /// The centre's private key, raw: kept as bytes (which are Sendable) and made into a key
    /// where it signs.
    let keyBytes: Data
    let logger: Logger
    let now: @Sendable () -> Date
    var database: CentralDatabase?
    /// Whether some work holds the connection, and who waits for it, first first.
    var busy = false
    var waiting: [CheckedContinuation<Void, Never>] = []

    public init(databaseURL: String, key: Curve25519.Signing.PrivateKey, logger: Logger, now: @escaping @Sendable () -> Date = { Date() }) {
        self.databaseURL = databaseURL
        self.keyBytes = key.rawRepresentation
        self.publicKey = key.publicKey.rawRepresentation.base64EncodedString()
        self.fingerprint = key.publicKey.fingerprint
        self.logger = logger
        self.now = now
    }

    /// The centre's public key (base64 of its raw 32 bytes), as cafés pin it.
    public nonisolated let publicKey: String
    /// Its fingerprint, as the centre's staff read it out.
    public nonisolated let fingerprint: String

    var key: Curve25519.Signing.PrivateKey {
        get throws { try Curve25519.Signing.PrivateKey(rawRepresentation: keyBytes) }
    }

    /// Connects now, so that a centre whose PostgreSQL cannot be reached says so before it listens.
    ///
    /// - Throws: ``CentralError/badDatabaseURL(_:)``, ``CentralError/unreachable(_:)``.
    public func connect() async throws {
        try await serialised { _ = try await self.connected() }
    }

    /// Closes the connection.
    public func close() async {
        await database?.close()
        database = nil
    }

    /// What the anchored journal says of transcript `number` (the public verification page).
    public func verifyTranscript(_ number: DocumentNumber, cafe: String?) async throws -> TranscriptVerdict {
        try await withDatabase { try await $0.verifyTranscript(number, cafe: cafe) }
    }

    /// The head the centre holds of café `cafe`, as a receipt signed now.
    ///
    /// - Returns: `nil` when the café is not enrolled.
    public func head(cafe: String) async throws -> LedgerReceipt? {
        guard let head = try await withDatabase({ try await $0.head(cafe: cafe) }) else { return nil }
        return try LedgerReceipt.signed(cafe: cafe, seq: head.seq, head: head.hash, batch: 0, result: .head, stored: 0,
                                        receivedAt: Timestamp.string(now()), key: try key)
    }

    /// Takes a café's batch in (``CentralDatabase/ingest(_:raw:receivedAt:)``) and answers it.
    ///
    /// - Parameter raw: the batch's bytes as they came, kept whole when it is refused.
    public func ingest(_ batch: LedgerBatch, raw: Data) async throws -> BatchAnswer {
        let receivedAt = now()
        let outcome = try await withDatabase { try await $0.ingest(batch, raw: raw, receivedAt: receivedAt) }
        switch outcome.result {
        case .stored(let entries):
            return .accepted(try receipt(batch, outcome, result: .stored, stored: entries, receivedAt: receivedAt))
        case .duplicate:
            return .accepted(try receipt(batch, outcome, result: .duplicate, stored: 0, receivedAt: receivedAt))
        case .refused(let kind, let reason, _):
            return .refused(alarm: kind, reason: reason)
        }
    }

    func receipt(_ batch: LedgerBatch, _ outcome: IngestOutcome, result: LedgerReceipt.Outcome, stored: Int, receivedAt: Date) throws -> LedgerReceipt {
        // A stored or duplicate batch always comes with the head held.
        try LedgerReceipt.signed(cafe: batch.checkpoint.cafe, seq: outcome.headSeq ?? 0, head: outcome.headHash ?? LedgerBatch.genesisHash,
                                 batch: outcome.batchID, result: result, stored: stored, receivedAt: Timestamp.string(receivedAt), key: try key)
    }

    // MARK: One piece of work at a time

    /// Runs `body` on the connection, in its turn; once more on a new connection when the one
    /// it ran on turned out closed.
    func withDatabase<T: Sendable>(_ body: (CentralDatabase) async throws -> T) async throws -> T {
        try await serialised {
            let database = try await self.connected()
            do {
                return try await body(database)
            } catch {
                guard database.isClosed else { throw error }
                logger.warning("PostgreSQL connection lost; connecting again", metadata: ["error": "\(CentralDatabase.plain(error))"])
                self.database = nil
                return try await body(try await self.connected())
            }
        }
    }

    /// The open connection, or a new one.
    func connected() async throws -> CentralDatabase {
        if let database, !database.isClosed { return database }
        if let database { await database.close() }
        database = nil
        let fresh = try await CentralDatabase.connect(url: databaseURL, logger: logger)
        database = fresh
        return fresh
    }

    /// Runs `body` once no other work holds the connection; the next in line goes when it ends.
    func serialised<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        if busy {
            // Woken by the work before, which hands its turn over: `busy` stays set.
            await withCheckedContinuation { waiting.append($0) }
        } else {
            busy = true
        }
        defer { handOver() }
        return try await body()
    }

    func handOver() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension CentralService {
    /// Raises a `stale` alarm for each café quiet longer than `staleAfter`
    /// (``CentralDatabase/raiseStaleAlarms(now:staleAfter:)``), in its turn with the batches.
    @discardableResult
    public func raiseStaleAlarms(staleAfter: TimeInterval) async throws -> [String] {
        let instant = now()
        return try await withDatabase { try await $0.raiseStaleAlarms(now: instant, staleAfter: staleAfter) }
    }
}
