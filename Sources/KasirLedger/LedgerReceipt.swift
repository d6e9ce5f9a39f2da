import Crypto
import Foundation
import KasirCore

/// The bytes a signature covers, one layout for everything Kasir signs: a tag naming what
/// they are, a zero byte and the layout's version, then each field as its UTF-8 length (four
/// bytes, big-endian) and its bytes. The tag keeps a signature over one kind of thing from
/// passing for another; the lengths keep two fields from being read as one.
///
/// ```swift
/// SignedBytes.make(tag: "kasir-receipt", version: 1, fields: ["BPN01", "12"])
/// ```
enum SignedBytes {
    static func make(tag: String, version: UInt8, fields: [String]) -> Data {
        var bytes = Data(tag.utf8) + Data([0, version])
        for field in fields {
            let utf8 = Data(field.utf8)
            var length = UInt32(utf8.count).bigEndian
            bytes.append(Data(bytes: &length, count: 4))
            bytes.append(utf8)
        }
        return bytes
    }
}

/// The centre's countersigned word on a café's journal: the head it holds of that café (after
/// a batch, or when asked), signed by the centre's own Ed25519 key. The café checks it against
/// the centre's key pinned when it joined, and keeps it: a receipt vouches for itself.
///
/// ```swift
/// let receipt = try LedgerReceipt.signed(cafe: "BPN01", seq: 8812, head: head, batch: 41, result: .stored, stored: 120,
///                                        receivedAt: "2026-12-02T06:05:00.000Z", key: centreKey)
/// try receipt.verify(signedBy: centreKey.publicKey)
/// ```
public struct LedgerReceipt: Hashable, Sendable, Codable {
    /// What the receipt answers.
    public enum Outcome: String, Hashable, Sendable, Codable {
        /// A batch whose new entries the centre stored.
        case stored
        /// A batch the centre held every entry of already.
        case duplicate
        /// The café asked where the centre's copy of its journal ends.
        case head
    }

    public var cafe: String
    /// The last entry the centre holds of the café's journal after this batch (0: none yet).
    public var seq: Int64
    /// That entry's hash (``LedgerBatch/genesisHash`` when none).
    public var head: String
    /// The centre's number for the batch; 0 for a head query.
    public var batch: Int64
    public var result: Outcome
    /// Entries the batch newly stored.
    public var stored: Int
    /// The centre's time, UTC, in the shape of ``LedgerCheckpoint/at`` (`2026-12-02T06:05:00.000Z`).
    public var receivedAt: String
    /// Base64 of the centre's Ed25519 signature over ``signedBytes``.
    public var signature: String

    public init(cafe: String, seq: Int64, head: String, batch: Int64, result: Outcome, stored: Int, receivedAt: String, signature: String) {
        self.cafe = cafe
        self.seq = seq
        self.head = head
        self.batch = batch
        self.result = result
        self.stored = stored
        self.receivedAt = receivedAt
        self.signature = signature
    }

    enum CodingKeys: String, CodingKey {
        case cafe, seq, head, batch, result, stored, receivedAt = "received_at", signature
    }

    /// The bytes the signature covers: every field but the signature, in the layout the
    /// checkpoint's signature uses, under a tag of its own.
    public var signedBytes: Data {
        SignedBytes.make(tag: "kasir-receipt", version: 1,
                         fields: [cafe, String(seq), head, String(batch), result.rawValue, String(stored), receivedAt])
    }

    /// A receipt signed with the centre's key.
    ///
    /// - Throws: what the key throws.
    public static func signed(
        cafe: String, seq: Int64, head: String, batch: Int64, result: Outcome, stored: Int, receivedAt: String,
        key: Curve25519.Signing.PrivateKey
    ) throws -> LedgerReceipt {
        var receipt = LedgerReceipt(cafe: cafe, seq: seq, head: head, batch: batch, result: result, stored: stored, receivedAt: receivedAt,
                                    signature: "")
        receipt.signature = try key.signature(for: receipt.signedBytes).base64EncodedString()
        return receipt
    }

    /// Checks that the centre whose key is `key` signed this receipt, as it is.
    ///
    /// - Throws: ``LedgerReceiptError/badSignature(cafe:)``.
    public func verify(signedBy key: Curve25519.Signing.PublicKey) throws(LedgerReceiptError) {
        guard let bytes = Data(base64Encoded: signature), key.isValidSignature(bytes, for: signedBytes) else {
            throw .badSignature(cafe: cafe)
        }
    }
}

/// Why a receipt is not the centre's word.
public enum LedgerReceiptError: KasirError, Equatable {
    /// The signature is not the pinned centre key's over the receipt as it reads.
    case badSignature(cafe: String)
}

extension LedgerReceiptError {
    public var nature: ErrorNature {
        switch self {
        // Nothing is believed of the receipt; what the café holds is unchanged.
        case .badSignature: return .refusal
        }
    }
}
