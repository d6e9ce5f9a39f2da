import Crypto
import Foundation
import KasirCore

/// One journal entry as it leaves the café: every column of the café's `journal` row, so that
/// the centre can recompute its hash with the same function `audit verify` uses.
///
/// ```swift
/// let entry = LedgerEntry(seq: 1, encoding: 2, prevHash: LedgerBatch.genesisHash, hash: hash,
///                         fields: JournalFields(at: "2026-12-02T01:00:00.000Z", kind: "till_open", actor: "S1",
///                                               subject: nil, payload: "{}", rowTable: "tills", rowKey: "1", snapshot: "{…}"))
/// entry.hashIsRight   // true when `hash` is what the fields and `prevHash` give
/// ```
public struct LedgerEntry: Hashable, Sendable, Codable {
    public var seq: Int64
    /// The ``JournalEncoding`` the café hashed it with.
    public var encoding: Int
    public var prevHash: String
    public var hash: String
    public var fields: JournalFields

    public init(seq: Int64, encoding: Int, prevHash: String, hash: String, fields: JournalFields) {
        self.seq = seq
        self.encoding = encoding
        self.prevHash = prevHash
        self.hash = hash
        self.fields = fields
    }

    /// The hash its fields and previous hash give, in its encoding; `nil` for an encoding this
    /// build does not know.
    public var recomputedHash: String? {
        JournalEncoding(rawValue: encoding).map { JournalHash.hex(encoding: $0, previous: prevHash, seq: seq, fields: fields) }
    }

    /// Whether ``hash`` is what the entry's fields give.
    public var hashIsRight: Bool { recomputedHash == hash }

    enum CodingKeys: String, CodingKey {
        case seq, encoding, at, kind, actor, subject, payload
        case prevHash = "prev_hash", hash, rowTable = "row_table", rowKey = "row_key", snapshot
        case privateDigest = "private_digest"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        seq = try container.decode(Int64.self, forKey: .seq)
        encoding = try container.decode(Int.self, forKey: .encoding)
        prevHash = try container.decode(String.self, forKey: .prevHash)
        hash = try container.decode(String.self, forKey: .hash)
        fields = JournalFields(
            at: try container.decode(String.self, forKey: .at), kind: try container.decode(String.self, forKey: .kind),
            actor: try container.decodeIfPresent(String.self, forKey: .actor), subject: try container.decodeIfPresent(String.self, forKey: .subject),
            payload: try container.decode(String.self, forKey: .payload), rowTable: try container.decodeIfPresent(String.self, forKey: .rowTable),
            rowKey: try container.decodeIfPresent(String.self, forKey: .rowKey), snapshot: try container.decodeIfPresent(String.self, forKey: .snapshot),
            privateDigest: try container.decodeIfPresent(String.self, forKey: .privateDigest))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(seq, forKey: .seq)
        try container.encode(encoding, forKey: .encoding)
        try container.encode(fields.at, forKey: .at)
        try container.encode(fields.kind, forKey: .kind)
        try container.encode(fields.actor, forKey: .actor)
        try container.encode(fields.subject, forKey: .subject)
        try container.encode(fields.payload, forKey: .payload)
        try container.encode(prevHash, forKey: .prevHash)
        try container.encode(hash, forKey: .hash)
        try container.encode(fields.rowTable, forKey: .rowTable)
        try container.encode(fields.rowKey, forKey: .rowKey)
        try container.encode(fields.snapshot, forKey: .snapshot)
        // Only where there is one, so entries in the older encodings read as they always did.
        try container.encodeIfPresent(fields.privateDigest, forKey: .privateDigest)
    }
}

/// What a batch claims: the café, the entries it carries and the head they end at, and when
/// the café sent it. Signed by the café's key; the signature covers these fields alone, for
/// the entries are bound to them by their chain (each hash covers the one before it).
public struct LedgerCheckpoint: Hashable, Sendable, Codable {
    public var cafe: String
    /// The first entry's sequence number and the hash it follows.
    public var firstSeq: Int64
    public var previousHash: String
    /// The last entry's sequence number and hash: the café's head when it sent.
    public var seq: Int64
    public var head: String
    /// When the café sent it, UTC (`2026-12-02T06:05:00.000Z`): the centre stamps its own beside it.
    public var at: String

    public init(cafe: String, firstSeq: Int64, previousHash: String, seq: Int64, head: String, at: String) {
        self.cafe = cafe
        self.firstSeq = firstSeq
        self.previousHash = previousHash
        self.seq = seq
        self.head = head
        self.at = at
    }

    enum CodingKeys: String, CodingKey {
        case cafe, firstSeq = "first_seq", previousHash = "previous_hash", seq, head, at
    }

    /// The bytes a signature covers: a tag naming what they are, then each field with its length.
    public var signedBytes: Data {
        SignedBytes.make(tag: "kasir-ledger-checkpoint", version: 1, fields: [cafe, String(firstSeq), previousHash, String(seq), head, at])
    }
}

/// A run of a café's journal entries, in order, with the checkpoint they end at and the café's
/// Ed25519 signature over it: what `kasir sync` sends and `kasir sync export` writes to a file.
///
/// ```swift
/// let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-12-02T06:05:00.000Z", key: cafeKey)
/// try batch.verify(signedBy: cafeKey.publicKey)
/// ```
public struct LedgerBatch: Hashable, Sendable, Codable {
    public var checkpoint: LedgerCheckpoint
    public var entries: [LedgerEntry]
    /// Base64 of the Ed25519 signature over ``LedgerCheckpoint/signedBytes``.
    public var signature: String

    /// The previous hash of a journal's first entry.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// The highest sequence number a batch may name: a thousand years of a busy café's journal.
    public static let largestSeq: Int64 = 1 << 40

    public init(checkpoint: LedgerCheckpoint, entries: [LedgerEntry], signature: String) {
        self.checkpoint = checkpoint
        self.entries = entries
        self.signature = signature
    }

    /// The bytes a batch travels as, over HTTP or on a stick: JSON with its keys sorted.
    ///
    /// ```swift
    /// try transport.post("/v1/batches", body: try batch.encoded())
    /// ```
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(self)
    }

    /// Signs `entries` (in order, at least one) as café `cafe`'s, sent at `at`.
    ///
    /// - Throws: ``LedgerBatchError/empty``; what the key throws.
    public static func signed(cafe: String, entries: [LedgerEntry], at: String, key: Curve25519.Signing.PrivateKey) throws -> LedgerBatch {
        guard let first = entries.first, let last = entries.last else { throw LedgerBatchError.empty }
        let checkpoint = LedgerCheckpoint(cafe: cafe, firstSeq: first.seq, previousHash: first.prevHash, seq: last.seq, head: last.hash, at: at)
        let signature = try key.signature(for: checkpoint.signedBytes)
        return LedgerBatch(checkpoint: checkpoint, entries: entries, signature: signature.base64EncodedString())
    }

    /// Checks everything the batch says that can be checked without the centre's store: the
    /// signature against `key`, every entry's hash recomputed, the entries in sequence each
    /// following the one before, and the checkpoint being where they start and end. Whether the
    /// first entry follows what the centre holds of the café is the store's to check.
    ///
    /// - Throws: ``LedgerBatchError``, the first thing found wrong.
    public func verify(signedBy key: Curve25519.Signing.PublicKey) throws(LedgerBatchError) {
        guard let signatureBytes = Data(base64Encoded: signature), key.isValidSignature(signatureBytes, for: checkpoint.signedBytes) else {
            throw .badSignature(cafe: checkpoint.cafe)
        }
        guard let first = entries.first, let last = entries.last else { throw .empty }
        // A journal starts at 1 and never nears the end of Int64: a sequence out there is made up
        // (and would overflow the count below).
        guard checkpoint.firstSeq >= 1, checkpoint.firstSeq <= checkpoint.seq, checkpoint.seq <= Self.largestSeq else {
            throw .seqOutOfRange(seq: checkpoint.firstSeq < 1 ? checkpoint.firstSeq : checkpoint.seq)
        }
        var expectedSeq = checkpoint.firstSeq
        var previous = checkpoint.previousHash
        var newest = JournalEncoding.v1
        for entry in entries {
            guard entry.seq == expectedSeq else { throw .notInSequence(seq: entry.seq, expected: expectedSeq) }
            guard entry.prevHash == previous else { throw .brokenLink(seq: entry.seq) }
            guard let encoding = JournalEncoding(rawValue: entry.encoding) else { throw .unknownEncoding(seq: entry.seq, encoding: entry.encoding) }
            // What `audit verify` refuses, refused here too: an entry in the old encoding after
            // one in the new (written by hand), and an old-encoding field holding its separator
            // (a row moved into the payload hashes the same).
            guard encoding.rawValue >= newest.rawValue else { throw .olderEncodingAfterNewer(seq: entry.seq) }
            newest = encoding
            if encoding == .v1, entry.fields.values.contains(where: { $0.map(JournalHash.ambiguousUnderV1) == true }) { throw .ambiguousEntry(seq: entry.seq) }
            // A private digest means something only to encoding 3: elsewhere it is a field the
            // hash does not cover, which nobody may slip in.
            guard entry.hashIsRight, encoding == .v3 || entry.fields.privateDigest == nil else { throw .hashMismatch(seq: entry.seq) }
            previous = entry.hash
            expectedSeq += 1
        }
        guard first.seq == checkpoint.firstSeq, last.seq == checkpoint.seq, last.hash == checkpoint.head else {
            throw .checkpointMismatch(cafe: checkpoint.cafe)
        }
    }
}

extension Curve25519.Signing.PublicKey {
    /// The key's fingerprint as people read it out over the phone: the first 16 bytes of the
    /// SHA-256 of its raw bytes, in groups of four hex digits (`3f2a 91c0 …`).
    public var fingerprint: String {
        let hex = SHA256.hash(data: rawRepresentation).prefix(16).map { String(format: "%02x", $0) }.joined()
        return stride(from: 0, to: hex.count, by: 4).map { offset -> String in
            let start = hex.index(hex.startIndex, offsetBy: offset)
            return String(hex[start..<hex.index(start, offsetBy: 4)])
        }.joined(separator: " ")
    }
}

/// Why a batch is not what it says it is. Nothing of a batch that throws one is stored as
/// the café's journal; the centre keeps it as evidence.
public enum LedgerBatchError: KasirError, Equatable {
    /// A batch with no entry.
    case empty
    /// The signature is not the enrolled key's over the checkpoint.
    case badSignature(cafe: String)
    /// An entry's sequence number is not the one after the entry before it.
    case notInSequence(seq: Int64, expected: Int64)
    /// An entry's previous hash is not the hash of the entry before it (or the checkpoint's start).
    case brokenLink(seq: Int64)
    /// An entry's hash is not what its fields give.
    case hashMismatch(seq: Int64)
    /// An entry in an encoding this build does not know.
    case unknownEncoding(seq: Int64, encoding: Int)
    /// The checkpoint does not name the entries' first and last.
    case checkpointMismatch(cafe: String)
    /// A sequence number below 1 or beyond any journal's (``LedgerBatch/largestSeq``).
    case seqOutOfRange(seq: Int64)
    /// An entry in the old encoding after one in the new.
    case olderEncodingAfterNewer(seq: Int64)
    /// An old-encoding entry with a field holding the separator: it could be another entry read differently.
    case ambiguousEntry(seq: Int64)
}

extension LedgerBatchError {
    public var nature: ErrorNature {
        switch self {
        // The batch is refused: nothing of it is stored as the café's journal.
        case .empty, .badSignature, .notInSequence, .brokenLink, .hashMismatch, .unknownEncoding, .checkpointMismatch, .seqOutOfRange,
            .olderEncodingAfterNewer, .ambiguousEntry:
            return .refusal
        }
    }
}
