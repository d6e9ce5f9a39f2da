import Crypto
import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirLedger
import KasirStore
import KasirTestSupport
import Testing

/// A centre as the café meets it over the network: its key, the head it holds, the batches
/// it takes, each answered with a receipt signed by its key (or, to test the café's doubt, by
/// another).
final class CentreDouble: CentralTransport, @unchecked Sendable {
    let key = Curve25519.Signing.PrivateKey()
    /// Set to sign head answers, or batch receipts, with a key that is not the centre's.
    var headKey: Curve25519.Signing.PrivateKey?
    var batchKey: Curve25519.Signing.PrivateKey?
    var headSeq: Int64 = 0
    var headHash = LedgerBatch.genesisHash
    /// Every batch posted, refused or not.
    var posted: [LedgerBatch] = []
    var lastBatchID: Int64 = 0
    let receivedAt = "2026-11-29T02:00:05.000Z"

    func get(_ path: String) throws -> (status: Int, body: Data) {
        if path == "/v1/key" {
            return (200, try JSONSerialization.data(withJSONObject: [
                "public_key": key.publicKey.rawRepresentation.base64EncodedString(), "fingerprint": key.publicKey.fingerprint,
            ]))
        }
        guard path == "/v1/cafes/BPN01/head" else { return (404, Data(#"{"error":"unknown_cafe"}"#.utf8)) }
        let receipt = try LedgerReceipt.signed(cafe: "BPN01", seq: headSeq, head: headHash, batch: 0, result: .head, stored: 0,
                                               receivedAt: receivedAt, key: headKey ?? key)
        return (200, try JSONEncoder().encode(receipt))
    }

    /// Batches come in one at a time, each after the one it follows when that one is on its
    /// way (a café sends the next while the centre stores one), as the centre takes them.
    let turn = NSCondition()

    func post(_ path: String, body: Data) throws -> (status: Int, body: Data) {
        let batch = try JSONDecoder().decode(LedgerBatch.self, from: body)
        turn.lock()
        defer { turn.unlock() }
        let until = Date().addingTimeInterval(0.5)
        while headSeq != 0, batch.checkpoint.firstSeq > headSeq + 1, turn.wait(until: until) {}
        defer { turn.broadcast() }
        posted.append(batch)
        // A café's first batch starts at its join; every later one follows the head held.
        guard headSeq == 0 || (batch.checkpoint.firstSeq == headSeq + 1 && batch.checkpoint.previousHash == headHash) else {
            return (409, Data(#"{"error":"refused","alarm":"gap","reason":"entries missing"}"#.utf8))
        }
        lastBatchID += 1
        headSeq = batch.checkpoint.seq
        headHash = batch.checkpoint.head
        let receipt = try LedgerReceipt.signed(cafe: batch.checkpoint.cafe, seq: headSeq, head: headHash, batch: lastBatchID, result: .stored,
                                               stored: batch.entries.count, receivedAt: receivedAt, key: batchKey ?? key)
        return (200, try JSONEncoder().encode(receipt))
    }
}

/// Issue 20: `kasir sync` asks the centre where its copy ends, sends what follows in batches,
/// and believes nothing the pinned centre key did not sign.
@Suite struct CentralSyncTests {
    static let pin = "246810"
    let folder = TemporaryFolder("kasir-sync")
    let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
    let database: AppDatabase
    let actions: CafeActions
    let centre: CentreDouble

    /// A café with its first supervisor, joined to the centre (its key fetched from it), the till open.
    init() throws {
        let (database, config) = try newCafe(in: folder, at: clock.now())
        let actions = cafeActions(database, config, clock: clock, folder: folder)
        let approver = try SupervisorGate(database: database, clock: clock)
            .firstSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.pin)
        let centre = CentreDouble()
        let joined = try actions.joinCentral(url: "https://pusat.example/", cafe: "BPN01", centreKey: nil, transport: centre, by: approver)
        #expect(joined.centreFingerprint == centre.key.publicKey.fingerprint)
        _ = try database.startTill(float: 100_000, count: nil, supervisor: "S1", at: clock.now())
        self.database = database
        self.actions = actions
        self.centre = centre
    }

    /// `count` more journal entries, each a cash movement.
    func write(_ count: Int) throws {
        for _ in 0..<count { try database.moveCash(.payIn, amount: 1_000, reason: "tukar uang receh", supervisor: "S1", at: clock.now()) }
    }

    func lastSeq() throws -> Int64 { try #require(try database.lastJournalEntry()).seq }

    func hash(_ seq: Int64) throws -> String { try #require(try database.journalEntries(from: seq, limit: 1).first).hash }

    /// The centre holds this journal up to `seq`.
    func centreHolds(_ seq: Int64) throws {
        centre.headSeq = seq
        centre.headHash = try hash(seq)
    }

    @Test func whereToStartIsTheCentresToSayNotACursorOfTheCafes() throws {
        try write(3)
        let first = try actions.sync(transport: centre)
        let last = try lastSeq()
        let lastHash = try hash(last)
        #expect(first.headSeq == last && first.head == lastHash && first.batches == 1)
        #expect(try database.lastReceipt()?.seq == last)
        #expect(try database.anchorStatus(now: clock.now())?.pending == 0)

        // The centre holds less than the café's receipts say (restored from its backup): the
        // café sends from where the centre says, not from its last receipt.
        try centreHolds(last - 2)
        centre.posted = []
        try write(1)
        let pending = try #require(try database.anchorStatus(now: clock.now()))
        #expect(pending.pending == 1 && pending.pendingSince == clock.now() && pending.anchoredSeq == last)
        let second = try actions.sync(transport: centre)
        #expect(centre.posted.map(\.checkpoint.firstSeq) == [last - 1])
        #expect(second.sent == 3 && second.batches == 1 && second.headSeq == last + 1)
        #expect(try database.anchorStatus(now: clock.now())?.pending == 0)

        // Nothing new: no batch, and the head as the centre holds it.
        let third = try actions.sync(transport: centre)
        #expect(third.batches == 0 && third.sent == 0 && third.headSeq == last + 1)
    }

    @Test func aReceiptNotSignedByThePinnedKeyIsNotBelieved() throws {
        try write(2)
        try centreHolds(try lastSeq() - 2)
        // The head's answer signed by another key: nothing is sent.
        centre.headKey = Curve25519.Signing.PrivateKey()
        #expect(throws: SyncError.badReceipt) { try actions.sync(transport: centre) }
        #expect(centre.posted.isEmpty)
        // A batch's receipt signed by another key: the batch went, its receipt is not kept.
        centre.headKey = nil
        centre.batchKey = Curve25519.Signing.PrivateKey()
        #expect(throws: SyncError.badReceipt) { try actions.sync(transport: centre) }
        #expect(centre.posted.count == 1)
        #expect(try database.lastReceipt()?.result != .stored)
    }

    @Test func aCentreHoldingAnotherHistoryIsShownWhereItPartsAndGetsNothingMore() throws {
        try write(2)
        let last = try lastSeq()
        // The centre holds entry `last` with another hash: this journal was rewritten. The
        // centre is shown the entry where they part (its evidence of a fork), and no more.
        centre.headSeq = last
        centre.headHash = String(repeating: "f", count: 64)
        #expect(throws: SyncError.centreDisagrees(seq: last)) { try actions.sync(transport: centre) }
        #expect(centre.posted.map { [$0.checkpoint.firstSeq, $0.checkpoint.seq] } == [[last, last]])
        // Or entries this journal does not have at all (restored from an old backup): its last
        // entry, which the centre holds with another hash once the café wrote on its old branch.
        centre.posted = []
        centre.headSeq = last + 5
        #expect(throws: SyncError.centreDisagrees(seq: last + 5)) { try actions.sync(transport: centre) }
        #expect(centre.posted.map { [$0.checkpoint.firstSeq, $0.checkpoint.seq] } == [[last, last]])
        // Checking the chain against the centre sends nothing.
        centre.posted = []
        #expect(throws: SyncError.centreDisagrees(seq: last + 5)) { try actions.verifyCentralHead(transport: centre) }
        #expect(centre.posted.isEmpty)
        #expect(try database.lastReceipt() == nil)
        // The centre's head in this journal: `audit verify --central` finds it.
        try centreHolds(last)
        #expect(try actions.verifyCentralHead(transport: centre).seq == last)
    }

    @Test func batchesAreSplitAtTheBatchSize() throws {
        let start = try lastSeq()
        try centreHolds(start)
        try write(5)
        let last = try lastSeq()
        let count = Int(last - start)
        let outcome = try actions.sync(transport: centre, batchSize: 2)
        #expect(outcome.sent == count && outcome.batches == (count + 1) / 2)
        let lastHash = try hash(last)
        #expect(outcome.headSeq == last && outcome.head == lastHash)
        #expect(centre.posted.allSatisfy { $0.entries.count <= 2 })
        #expect(centre.posted.map(\.checkpoint.firstSeq) == Array(stride(from: start + 1, through: last, by: 2)))
        let kept = try #require(try database.lastReceipt())
        #expect(kept.seq == last && kept.head == lastHash && kept.result == .stored)
    }

    @Test func aCafeTheCentreDoesNotKnowIsToldSo() throws {
        // A centre that has not enrolled BPN01 answers 404.
        final class Unknown: CentralTransport, Sendable {
            func get(_ path: String) throws -> (status: Int, body: Data) { (404, Data(#"{"error":"unknown_cafe"}"#.utf8)) }
            func post(_ path: String, body: Data) throws -> (status: Int, body: Data) { (500, Data()) }
        }
        #expect(throws: SyncError.unknownAtCentre("BPN01")) { try actions.sync(transport: Unknown()) }
    }
}
