import Crypto
import Foundation
import KasirCentral
import KasirConfig
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
    /// The first entry of each batch of each café being taken in, and who waits for one to be
    /// answered.
    var arriving: [String: [Int64]] = [:]
    var cafeWaiters: [String: [CheckedContinuation<Void, Never>]] = [:]
    /// The last entry of each café's latest batch not stored (refused, or the database
    /// failing), and when.
    var unstored: [String: (lastSeq: Int64, at: Date)] = [:]
    /// Each café's enrolled key, as read once (checked again in the batch's transaction).
    var enrolledKeys: [String: Data] = [:]
    /// Batches being checked off the database's turn, and those waiting to be.
    var prechecking = 0
    var precheckWaiters: [CheckedContinuation<Void, Never>] = []

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

    /// Sign-ins whose password is being checked now, and how many may be at once: each is
    /// 600,000 rounds of PBKDF2, done off the database connection.
    var signInsChecking = 0
    static let signInsAtOnce = 2

    /// Signs an officer in: the counts and the stored hash in one turn at the database, the
    /// password checked on another thread, the outcome recorded in a second turn before it is
    /// answered. Refused as `busy` while two are being checked.
    public func signIn(name: String, password: String, address: String) async throws -> SignInOutcome {
        guard signInsChecking < Self.signInsAtOnce else { return .refused(.busy) }
        signInsChecking += 1
        defer { signInsChecking -= 1 }
        let start = try await withDatabase { try await $0.startSignIn(name: name, address: address) }
        guard case .check(let attempt) = start else {
            if case .refused(let why) = start { return .refused(why) }
            return .refused(.busy)
        }
        let matched = await Task.detached { attempt.matches(password) }.value
        let token = newSessionToken()
        return try await withDatabase { try await $0.finishSignIn(attempt, matched: matched, token: token) }
    }

    /// The officer a session cookie's token opens, while it lasts. A token the centre did not
    /// make (its tag does not hold) is turned away before the database is asked.
    public func officer(token: String) async throws -> Officer? {
        guard sessionTagHolds(token) else { return nil }
        return try await withDatabase { try await $0.officer(token: token) }
    }

    /// Ends a session, recorded.
    public func signOut(token: String, officer: Officer, address: String) async throws {
        try await withDatabase { try await $0.signOut(token: token, officer: officer, address: address) }
    }

    /// A session token: 32 random bytes and 16 bytes of their HMAC under a key derived from the
    /// centre's, base64url (64 characters). Only its SHA-256 is stored.
    func newSessionToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Self.base64URL(random + Array(HMAC<SHA256>.authenticationCode(for: random, using: sessionKey).prefix(16)))
    }

    /// Whether `token` carries the tag the centre gives its own.
    nonisolated func sessionTagHolds(_ token: String) -> Bool {
        var text = token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while text.count % 4 != 0 { text += "=" }
        guard token.utf8.count == 64, let bytes = Data(base64Encoded: text), bytes.count == 48 else { return false }
        let expected = Array(HMAC<SHA256>.authenticationCode(for: bytes.prefix(32), using: sessionKey).prefix(16))
        // Every byte compared, whatever the first difference.
        return zip(expected, bytes.suffix(16)).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    nonisolated var sessionKey: SymmetricKey {
        SymmetricKey(data: SHA256.hash(data: Data("kasir-web-session\u{0}".utf8) + keyBytes))
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The cafés in `scope`, with where their journals stand (``CentralDatabase/cafeStatuses(_:now:staleAfter:)``).
    public func cafeStatuses(_ scope: CentralScope, staleAfter: TimeInterval) async throws -> [CentralCafeStatus] {
        let instant = now()
        return try await withDatabase { try await $0.cafeStatuses(scope, now: instant, staleAfter: staleAfter) }
    }

    /// Each café's training report of `month` in `scope`, by its own rules.
    public func trainingResults(_ scope: CentralScope, month: BusinessMonth, competencies: [CompetencyUnit]) async throws -> [CentralTrainingResult] {
        try await withDatabase { try await $0.trainingResults(scope, month: month, competencies: competencies) }
    }

    /// Each café's sales of `month` in `scope`.
    public func salesResults(_ scope: CentralScope, month: BusinessMonth) async throws -> [CentralSalesResult] {
        try await withDatabase { try await $0.salesResults(scope, month: month) }
    }

    /// Each café's PNBP of `month` in `scope`.
    public func pnbpResults(_ scope: CentralScope, month: BusinessMonth) async throws -> [CentralPNBP] {
        try await withDatabase { try await $0.pnbpResults(scope, month: month) }
    }

    /// The transcripts café `cafe` issued to WBP `code`.
    public func issuedTranscripts(cafe: String, staff code: String) async throws -> [IssuedTranscript] {
        try await withDatabase { try await $0.issuedTranscripts(cafe: cafe, staff: code) }
    }

    /// The alarms in `scope` with their evidence and acknowledgements.
    public func alarmRecords(_ scope: CentralScope) async throws -> [AlarmRecord] {
        try await withDatabase { try await $0.alarmRecords(scope) }
    }

    /// Records an officer's acknowledgement of alarm `id` (``CentralDatabase/acknowledgeAlarm(_:by:note:)``).
    public func acknowledgeAlarm(_ id: Int64, by officer: Officer, note: String) async throws -> Bool {
        try await withDatabase { try await $0.acknowledgeAlarm(id, by: officer, note: note) }
    }

    /// The alarms in `scope`.
    public func alarms(_ scope: CentralScope) async throws -> [CentralAlarm] {
        try await withDatabase { try await $0.alarms(scope) }
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

    /// Takes a café's batch in (``CentralDatabase/ingest(_:raw:receivedAt:prechecked:holdGap:)``)
    /// and answers it.
    ///
    /// A café sends its next batch while the centre stores the one before (`kasir sync`), so
    /// that the batch is read and checked while PostgreSQL works: its signature, hashes and
    /// entries are checked off the database's turn, against the key enrolled (a few batches
    /// at once). Only a batch the café's key signed then takes part in what follows; any other
    /// goes straight to its turn, to be refused there with its alarm. Batches of one café take
    /// their turns in the order of their entries: one that finds the head short of where it
    /// begins waits for those of its café taken in before it, and, when none is, two seconds
    /// for the one sent just before it. Only then is it refused as a gap, with an alarm; not
    /// when the batch just before it was refused or failed (that one's answer tells the café).
    ///
    /// - Parameter raw: the batch's bytes as they came, kept whole when it is refused.
    public func ingest(_ batch: LedgerBatch, raw: Data) async throws -> BatchAnswer {
        let cafe = batch.checkpoint.cafe
        let first = batch.checkpoint.firstSeq
        var prechecked: BatchPrecheck?
        if Self.isCafeCode(cafe), let key = try await enrolledKey(cafe) {
            while prechecking >= Self.prechecksAtOnce { await withCheckedContinuation { precheckWaiters.append($0) } }
            prechecking += 1
            prechecked = await Task.detached { try? CentralDatabase.precheck(batch, key: key) }.value
            prechecking -= 1
            if !precheckWaiters.isEmpty { precheckWaiters.removeFirst().resume() }
        }
        guard let check = prechecked, case .success = check.signature else {
            let receivedAt = now()
            let outcome = try await withDatabase { try await $0.ingest(batch, raw: raw, receivedAt: receivedAt, prechecked: prechecked) }
            return try answer(batch, outcome, receivedAt: receivedAt, signed: false)
        }
        arriving[cafe, default: []].append(first)
        defer { depart(cafe, first) }
        var outcome: IngestOutcome
        var receivedAt = now()
        do {
            while arriving[cafe]?.contains(where: { $0 < first }) == true { await waitForCafe(cafe) }
            outcome = try await withDatabase { try await $0.ingest(batch, raw: raw, receivedAt: receivedAt, prechecked: check, holdGap: true) }
            if case .behind = outcome.result {
                if let refusal = afterUnstored(cafe, first) { return refusal }
                // Sent just after one that has not come in yet: a moment for it.
                var checks = 0
                while checks < Self.predecessorChecks, arriving[cafe]?.contains(where: { $0 < first }) != true {
                    try await Task.sleep(for: .milliseconds(20))
                    checks += 1
                }
                while arriving[cafe]?.contains(where: { $0 < first }) == true { await waitForCafe(cafe) }
                if let refusal = afterUnstored(cafe, first) { return refusal }
                receivedAt = now()
                outcome = try await withDatabase { try await $0.ingest(batch, raw: raw, receivedAt: receivedAt, prechecked: check) }
            }
        } catch {
            keepUnstored(cafe, batch.checkpoint.seq)
            throw error
        }
        return try answer(batch, outcome, receivedAt: receivedAt, signed: true)
    }

    /// The answer to a batch taken in; a signed batch not stored is remembered for the one after it.
    func answer(_ batch: LedgerBatch, _ outcome: IngestOutcome, receivedAt: Date, signed: Bool) throws -> BatchAnswer {
        switch outcome.result {
        case .stored(let entries):
            return .accepted(try receipt(batch, outcome, result: .stored, stored: entries, receivedAt: receivedAt))
        case .duplicate:
            return .accepted(try receipt(batch, outcome, result: .duplicate, stored: 0, receivedAt: receivedAt))
        case .refused(let kind, let reason, _):
            if signed { keepUnstored(batch.checkpoint.cafe, batch.checkpoint.seq) }
            return .refused(alarm: kind, reason: reason)
        case .behind(let held):
            if signed { keepUnstored(batch.checkpoint.cafe, batch.checkpoint.seq) }
            return .refused(alarm: nil, reason: "entries \(held + 1)…\(batch.checkpoint.firstSeq - 1) missing")
        }
    }

    /// The quiet refusal of a batch whose café's batch just before it was not stored, if it was not.
    func afterUnstored(_ cafe: String, _ first: Int64) -> BatchAnswer? {
        guard let unstored = unstored[cafe], unstored.lastSeq == first - 1, now().timeIntervalSince(unstored.at) < Self.unstoredFor else { return nil }
        return .refused(alarm: nil, reason: "the batch before it, up to entry \(unstored.lastSeq), was not stored")
    }

    /// Remembers that café `cafe`'s signed batch up to `lastSeq` was not stored, for a minute.
    func keepUnstored(_ cafe: String, _ lastSeq: Int64) {
        let instant = now()
        unstored = unstored.filter { instant.timeIntervalSince($0.value.at) < Self.unstoredFor }
        unstored[cafe] = (lastSeq, instant)
    }

    /// How many times (20 ms apart) a batch that finds the head short waits for the one sent
    /// before it to come in: two seconds.
    static let predecessorChecks = 100
    /// How long a batch not stored explains a gap after it.
    static let unstoredFor: TimeInterval = 60
    /// Batches checked at once off the database's turn.
    static let prechecksAtOnce = 2

    /// Whether `code` is written as cafés' codes are (`cafes.code`): no other is looked up.
    static func isCafeCode(_ code: String) -> Bool {
        (2...16).contains(code.utf8.count) && code.utf8.allSatisfy { (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
    }

    /// The key café `cafe` was enrolled with, read once.
    func enrolledKey(_ cafe: String) async throws -> Data? {
        if let key = enrolledKeys[cafe] { return key }
        let key = try await withDatabase { try await $0.enrolledKey(cafe: cafe) }
        enrolledKeys[cafe] = key
        return key
    }

    /// Waits until a batch of café `cafe` is answered.
    func waitForCafe(_ cafe: String) async {
        await withCheckedContinuation { cafeWaiters[cafe, default: []].append($0) }
    }

    /// A batch of `cafe` beginning at `first` is answered: those waiting on the café look again.
    func depart(_ cafe: String, _ first: Int64) {
        if let index = arriving[cafe]?.firstIndex(of: first) { arriving[cafe]?.remove(at: index) }
        if arriving[cafe]?.isEmpty == true { arriving[cafe] = nil }
        for waiter in cafeWaiters.removeValue(forKey: cafe) ?? [] { waiter.resume() }
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
