import Crypto
import Foundation
import KasirCore
import Testing
@testable import KasirLedger

/// Issue 20: a café's journal leaves signed, and the centre believes nothing it can check:
/// every hash recomputed, the chain followed, the signature against the enrolled key.
@Suite struct LedgerBatchTests {
    /// Three entries of a journal from its start, hashed as the café hashes them.
    static func journal(_ count: Int = 3, from start: Int64 = 1, after previous: String = LedgerBatch.genesisHash) -> [LedgerEntry] {
        var entries: [LedgerEntry] = []
        var previous = previous
        for seq in start..<(start + Int64(count)) {
            let fields = JournalFields(at: "2026-12-02T01:0\(seq % 10):00.000Z", kind: "clock_in", actor: "S1", subject: "W0\(seq % 10)",
                                       payload: "{}", rowTable: "attendance", rowKey: "\(seq)", snapshot: #"{"id":\#(seq)}"#)
            let hash = JournalHash.hex(encoding: .v2, previous: previous, seq: seq, fields: fields)
            entries.append(LedgerEntry(seq: seq, encoding: 2, prevHash: previous, hash: hash, fields: fields))
            previous = hash
        }
        return entries
    }

    let key = Curve25519.Signing.PrivateKey()

    func refusal(_ batch: LedgerBatch, key: Curve25519.Signing.PublicKey? = nil) -> LedgerBatchError? {
        let result = Result { () throws(LedgerBatchError) in try batch.verify(signedBy: key ?? self.key.publicKey) }
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func aSignedBatchVerifiesAndSaysWhereItEnds() throws {
        let entries = Self.journal()
        let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-12-02T06:05:00.000Z", key: key)
        #expect(refusal(batch) == nil)
        #expect(batch.checkpoint == LedgerCheckpoint(cafe: "BPN01", firstSeq: 1, previousHash: LedgerBatch.genesisHash, seq: 3,
                                                     head: entries[2].hash, at: "2026-12-02T06:05:00.000Z"))
        // A later batch follows the last one's head.
        let next = try LedgerBatch.signed(cafe: "BPN01", entries: Self.journal(2, from: 4, after: entries[2].hash), at: "2026-12-02T06:10:00.000Z", key: key)
        #expect(refusal(next) == nil && next.checkpoint.previousHash == batch.checkpoint.head)
    }

    @Test func everythingTheCentreCanCheckIsChecked() throws {
        let entries = Self.journal()
        let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-12-02T06:05:00.000Z", key: key)
        // Another café's key, or the checkpoint changed after signing (a café signing as another).
        #expect(refusal(batch, key: Curve25519.Signing.PrivateKey().publicKey) == .badSignature(cafe: "BPN01"))
        var renamed = batch
        renamed.checkpoint.cafe = "BPN02"
        #expect(refusal(renamed) == .badSignature(cafe: "BPN02"))
        // An entry's field changed: its hash no longer follows from it.
        var edited = batch
        edited.entries[1].fields.payload = #"{"late":true}"#
        #expect(refusal(edited) == .hashMismatch(seq: 2))
        // An entry left out, or two swapped.
        var gap = batch
        gap.entries.remove(at: 1)
        #expect(refusal(gap) == .notInSequence(seq: 3, expected: 2))
        // An entry rehashed after an edit, so its own hash is right: the next no longer links to it.
        var rehashed = batch
        rehashed.entries[1].fields.payload = #"{"late":true}"#
        rehashed.entries[1].hash = try #require(rehashed.entries[1].recomputedHash)
        #expect(refusal(rehashed) == .brokenLink(seq: 3))
        // The whole tail rehashed and re-signed by someone without the key: the signature fails;
        // with the key (the café itself rewriting its history) the batch verifies here, and only
        // the centre's stored head can refuse it.
        var rewritten = Self.journal(3)
        rewritten[2].fields.subject = "W09"
        rewritten[2].hash = try #require(rewritten[2].recomputedHash)
        var forged = try LedgerBatch.signed(cafe: "BPN01", entries: rewritten, at: "2026-12-02T06:05:00.000Z", key: Curve25519.Signing.PrivateKey())
        #expect(refusal(forged) == .badSignature(cafe: "BPN01"))
        forged = try LedgerBatch.signed(cafe: "BPN01", entries: rewritten, at: "2026-12-02T06:05:00.000Z", key: key)
        #expect(refusal(forged) == nil && forged.checkpoint.head != batch.checkpoint.head)
        // An encoding this build does not know.
        var future = batch
        future.entries[0].encoding = 9
        #expect(refusal(future) == .unknownEncoding(seq: 1, encoding: 9))
        #expect(throws: LedgerBatchError.empty) { try LedgerBatch.signed(cafe: "BPN01", entries: [], at: "t", key: key) }
        // Sequence numbers no journal has: refused before anything counts past them.
        let lastFields = JournalFields(at: "t", kind: "clock_in", actor: "S1", subject: "W01", payload: "{}")
        let far = LedgerEntry(seq: Int64.max, encoding: 2, prevHash: LedgerBatch.genesisHash,
                              hash: JournalHash.hex(encoding: .v2, previous: LedgerBatch.genesisHash, seq: Int64.max, fields: lastFields), fields: lastFields)
        #expect(refusal(try LedgerBatch.signed(cafe: "BPN01", entries: [far], at: "t", key: key)) == .seqOutOfRange(seq: Int64.max))
        #expect(refusal(try LedgerBatch.signed(cafe: "BPN01", entries: Self.journal(1, from: 0), at: "t", key: key)) == .seqOutOfRange(seq: 0))
        // A checkpoint that starts past where it ends (made up so the count overflows): refused.
        var backwards = try LedgerBatch.signed(cafe: "BPN01", entries: [far], at: "t", key: key)
        backwards.checkpoint.seq = 1
        backwards.signature = try key.signature(for: backwards.checkpoint.signedBytes).base64EncodedString()
        #expect(refusal(backwards) == .seqOutOfRange(seq: 1))
    }

    /// What `audit verify` refuses of the old encoding is refused in a batch too, signed or not.
    @Test func theOldEncodingsAmbiguitiesAreRefused() throws {
        // A row moved into the payload hashes the same under encoding 1: refused for the separator.
        let fields = JournalFields(at: "t", kind: "break_end", actor: "S1", subject: "W01", payload: "{}\u{1F}breaks\u{1F}1\u{1F}{\"id\":1}")
        let moved = LedgerEntry(seq: 1, encoding: 1, prevHash: LedgerBatch.genesisHash,
                                hash: JournalHash.hex(encoding: .v1, previous: LedgerBatch.genesisHash, seq: 1, fields: fields), fields: fields)
        #expect(refusal(try LedgerBatch.signed(cafe: "BPN01", entries: [moved], at: "t", key: key)) == .ambiguousEntry(seq: 1))
        // An old-encoding entry after a new one was written by hand.
        var entries = Self.journal(1)
        let plain = JournalFields(at: "t", kind: "clock_in", actor: "S1", subject: "W02", payload: "{}")
        entries.append(LedgerEntry(seq: 2, encoding: 1, prevHash: entries[0].hash,
                                   hash: JournalHash.hex(encoding: .v1, previous: entries[0].hash, seq: 2, fields: plain), fields: plain))
        #expect(refusal(try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "t", key: key)) == .olderEncodingAfterNewer(seq: 2))
    }

    @Test func aBatchTravelsAsJSONWithTheJournalsColumnNames() throws {
        let batch = try LedgerBatch.signed(cafe: "BPN01", entries: Self.journal(1), at: "2026-12-02T06:05:00.000Z", key: key)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let text = String(decoding: try encoder.encode(batch), as: UTF8.self)
        #expect(text.contains(#""prev_hash":"0000"#) && text.contains(#""row_table":"attendance""#) && text.contains(#""first_seq":1"#))
        let back = try JSONDecoder().decode(LedgerBatch.self, from: Data(text.utf8))
        #expect(back == batch && refusal(back) == nil)
    }

    @Test func aKeysFingerprintIsReadOutInGroupsOfFour() {
        let fingerprint = key.publicKey.fingerprint
        #expect(fingerprint.split(separator: " ").count == 8 && fingerprint.split(separator: " ").allSatisfy { $0.count == 4 })
        let expected = SHA256.hash(data: key.publicKey.rawRepresentation).prefix(2).map { String(format: "%02x", $0) }.joined()
        #expect(fingerprint.hasPrefix(expected))
    }
}
