import Crypto
import Foundation

/// How a journal entry's fields are turned into the bytes its chain hash covers.
///
/// The café's store writes entries and the central server re-checks them; both link this
/// module, which needs nothing but SHA-256, so one function decides what an entry means.
public enum JournalEncoding: Int, Sendable, CaseIterable {
    /// Until schema v10: the fields joined by the unit separator (0x1F), the row's table, key
    /// and snapshot appended only when present. Ambiguous: an entry that vouches for a row
    /// hashes like a row-less one whose payload ends with `␟table␟key␟snapshot`, so
    /// ``JournalHash/ambiguousUnderV1(_:)`` lets `audit verify` refuse such fields.
    case v1 = 1
    /// From schema v10: a tag naming the encoding, then every field with a presence byte and
    /// its length, so no two different entries give the same bytes.
    case v2 = 2
    /// From schema v17: as encoding 2, with a ninth field, so that an entry can leave the café
    /// without its free text. When a row's snapshot holds free text (a note, a reason, a decree
    /// number), the hash covers the snapshot's public form (each such value replaced by `true`)
    /// and a salted digest of the whole snapshot (``JournalFields/privateDigest``); otherwise
    /// the snapshot itself and no digest. The centre checks the chain from the public form and
    /// the digest; the café, holding the whole snapshot and the salt, checks both.
    case v3 = 3

    /// What new entries are written with.
    public static let current = JournalEncoding.v3
}

/// The chain hash of a journal entry: SHA-256 over the previous entry's hash and this entry's
/// fields, in the entry's encoding.
///
/// ```swift
/// let hash = JournalHash.hex(encoding: .v2, previous: head, seq: 42, fields: JournalFields(
///     at: "2026-12-02T01:00:00Z", kind: "clock_in", actor: "S1", subject: "W02", payload: "{}",
///     rowTable: "attendance", rowKey: "7", snapshot: #"{"id":7}"#))
/// ```
public enum JournalHash {
    /// The bytes an encoding-2 (or 3) input starts with: the domain and the version.
    static let v2Tag: [UInt8] = Array("kasir-journal".utf8) + [0, 2]
    static let v3Tag: [UInt8] = Array("kasir-journal".utf8) + [0, 3]
    static let separator: [UInt8] = [0x1F]
    static let hexDigits = Array("0123456789abcdef".utf8)

    /// The digest of one entry.
    ///
    /// - Parameters:
    ///   - previous: the previous entry's hash as stored (64 hex characters).
    ///   - field: the entry's fields after `seq`, by index: 0 at, 1 kind, 2 actor, 3 subject,
    ///     4 payload, 5 row table, 6 row key, 7 snapshot (its public form under encoding 3),
    ///     8 the private digest (encoding 3 only); `nil` for SQL NULL. Each buffer need
    ///     only live until this returns, so a caller can hand out SQLite's own.
    public static func digest(
        encoding: JournalEncoding, previous: UnsafeRawBufferPointer, seq: Int64, field: (Int) -> UnsafeRawBufferPointer?
    ) -> SHA256.Digest {
        // Written for `audit verify`, which hashes every entry of years of history: nothing here
        // allocates.
        var hasher = SHA256()
        switch encoding {
        case .v1:
            hasher.update(bufferPointer: previous)
            withDecimal(seq) { digits in
                separator.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                hasher.update(bufferPointer: digits)
            }
            // A row's columns count only when all three are there (rows came with schema v6).
            let table = field(5), key = field(6), snapshot = field(7)
            let count = table != nil && key != nil && snapshot != nil ? 8 : 5
            for index in 0..<count {
                separator.withUnsafeBytes { hasher.update(bufferPointer: $0) }
                let bytes: UnsafeRawBufferPointer?
                switch index {
                case 5: bytes = table
                case 6: bytes = key
                case 7: bytes = snapshot
                default: bytes = field(index)
                }
                if let bytes, bytes.count > 0 { hasher.update(bufferPointer: bytes) }
            }
        case .v2:
            v2Tag.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            update(&hasher, previous)
            withDecimal(seq) { update(&hasher, $0) }
            for index in 0..<8 { update(&hasher, field(index)) }
        case .v3:
            v3Tag.withUnsafeBytes { hasher.update(bufferPointer: $0) }
            update(&hasher, previous)
            withDecimal(seq) { update(&hasher, $0) }
            for index in 0..<9 { update(&hasher, field(index)) }
        }
        return hasher.finalize()
    }

    /// `value` in decimal ASCII, on the stack.
    static func withDecimal<T>(_ value: Int64, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)   // 24 bytes: a sign and 19 digits fit
        return withUnsafeMutableBytes(of: &digits) { buffer in
            var magnitude = value.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(48 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = 45
            }
            return body(UnsafeRawBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// One field of an encoding-2 or -3 input: 0 for NULL, or 1, its length as 8 bytes big-endian,
    /// and its bytes.
    static func update(_ hasher: inout SHA256, _ bytes: UnsafeRawBufferPointer?) {
        var header: (UInt8, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &header) { raw in
            // The tuple's layout puts the length at offset 8: write the nine bytes at 7…15.
            let present = bytes != nil
            raw[7] = present ? 1 : 0
            var length = UInt64(bytes?.count ?? 0)
            for index in stride(from: 15, through: 8, by: -1) {
                raw[index] = UInt8(truncatingIfNeeded: length)
                length >>= 8
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: raw[7..<(present ? 16 : 8)]))
        }
        if let bytes, bytes.count > 0 { hasher.update(bufferPointer: bytes) }
    }

    /// The hash of an entry given as strings, in lower-case hex.
    public static func hex(encoding: JournalEncoding, previous: String, seq: Int64, fields: JournalFields) -> String {
        // The fields side by side in one buffer, so each can be handed out as a slice of it.
        var storage: [UInt8] = []
        var ranges: [Range<Int>?] = []
        for value in fields.values {
            guard let value else {
                ranges.append(nil)
                continue
            }
            let start = storage.count
            storage += value.utf8
            ranges.append(start..<storage.count)
        }
        let previousBytes = Array(previous.utf8)
        let digest = storage.withUnsafeBytes { all in
            previousBytes.withUnsafeBytes { previous in
                self.digest(encoding: encoding, previous: previous, seq: seq) { index in
                    ranges[index].map { UnsafeRawBufferPointer(rebasing: all[$0]) }
                }
            }
        }
        return hex(digest)
    }

    /// A digest in lower-case hex, as the journal stores hashes.
    public static func hex(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in digest {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// Writes a digest in lower-case hex into `out` (64 bytes), without allocating.
    public static func writeHex(_ digest: SHA256.Digest, into out: inout [UInt8]) {
        for (index, byte) in digest.enumerated() {
            out[2 * index] = hexDigits[Int(byte >> 4)]
            out[2 * index + 1] = hexDigits[Int(byte & 0x0F)]
        }
    }

    /// Whether an encoding-1 field holds the separator, so that its entry could be read as
    /// another: `audit verify` refuses every such entry.
    public static func ambiguousUnderV1(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return false }
        return memchr(base, 0x1F, bytes.count) != nil
    }

    /// ``ambiguousUnderV1(_:)`` of a field given as text.
    public static func ambiguousUnderV1(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { ambiguousUnderV1(UnsafeRawBufferPointer($0)) }
    }

    /// The kinds of entry that always vouch for a row (from schema v6): one of these without
    /// its row, after the v6 upgrade's baseline, had its row taken away (moved into the payload
    /// under encoding 1, or dropped and the chain written again from there).
    public static let kindsWithRow: Set<String> = [
        "approval_void", "approval_refund", "approval_discount", "approval_price_override", "approval_no_sale",
        "assessment", "break_start", "break_end", "cash_in", "cash_out", "coaching_note", "duty_takeover",
        "menu_item", "modifier_group", "monthly_cost", "order", "order_refunded", "order_void", "pnbp_deposit",
        "practice_hours", "premi_close", "premi_credit", "refund", "refund_rounding", "security_policy_set",
        "staff_added", "staff_status", "supervisor_added", "till_open", "till_close", "till_count", "till_recount",
        "item_available", "item_sold_out", "decree_set", "decree_revoked", "pin_changed", "pin_reset",
        "clock_in", "clock_in_late_entry", "clock_out", "clock_out_late_entry", "baseline", "baseline_mismatch",
        "upgrade_mismatch", "row_rewritten", "money_rules_set",
        "wbp_pin_set", "wbp_pin_changed", "qris_confirmed", "qris_written_off",
        "qris_requested", "settlement_imported", "central_joined", "central_baseline",
    ]
}

/// The fields of a journal entry after its sequence number, as text; `nil` is SQL NULL.
public struct JournalFields: Sendable, Hashable {
    public var at: String
    public var kind: String
    public var actor: String?
    public var subject: String?
    public var payload: String
    public var rowTable: String?
    public var rowKey: String?
    public var snapshot: String?
    /// Encoding 3, when the row's snapshot held free text: the SHA-256, in hex, of the café's
    /// secret salt, a zero byte and the whole snapshot, while ``snapshot`` is its public form.
    /// The salt keeps a short reason from being guessed back from its digest.
    public var privateDigest: String?

    public init(
        at: String, kind: String, actor: String?, subject: String?, payload: String,
        rowTable: String? = nil, rowKey: String? = nil, snapshot: String? = nil, privateDigest: String? = nil
    ) {
        self.at = at
        self.kind = kind
        self.actor = actor
        self.subject = subject
        self.payload = payload
        self.rowTable = rowTable
        self.rowKey = rowKey
        self.snapshot = snapshot
        self.privateDigest = privateDigest
    }

    /// In the order ``JournalHash/digest(encoding:previous:seq:field:)`` asks for them.
    public var values: [String?] { [at, kind, actor, subject, payload, rowTable, rowKey, snapshot, privateDigest] }
}
