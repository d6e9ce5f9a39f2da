import Crypto
import Foundation
import Testing
@testable import KasirLedger

@Suite struct ChainHashTests {
    static let previous = String(repeating: "0", count: 64)

    /// Encoding 1 is the rule entries were written by until v10: the fields joined by 0x1F.
    @Test func encodingOneIsTheOldRule() {
        let fields = JournalFields(at: "2026-11-01T00:00:00.000Z", kind: "clock_in", actor: "S1", subject: "W01", payload: "{}",
                                   rowTable: "attendance", rowKey: "1", snapshot: #"{"id":1}"#)
        let joined = [Self.previous, "7", fields.at, fields.kind, "S1", "W01", "{}", "attendance", "1", #"{"id":1}"#].joined(separator: "\u{1F}")
        #expect(JournalHash.hex(encoding: .v1, previous: Self.previous, seq: 7, fields: fields) == JournalHash.hex(SHA256.hash(data: Data(joined.utf8))))
        // Without a row, and with a missing actor read as empty.
        let rowless = JournalFields(at: "t", kind: "pin_failed", actor: nil, subject: "S1", payload: "{}")
        let short = [Self.previous, "8", "t", "pin_failed", "", "S1", "{}"].joined(separator: "\u{1F}")
        #expect(JournalHash.hex(encoding: .v1, previous: Self.previous, seq: 8, fields: rowless) == JournalHash.hex(SHA256.hash(data: Data(short.utf8))))
    }

    /// The ambiguity the v1 rule had: a row moved into the payload hashes the same under v1,
    /// differently under v2.
    @Test func aRowMovedIntoThePayloadIsAnotherEntryUnderEncodingTwo() {
        let withRow = JournalFields(at: "t", kind: "break_end", actor: "S1", subject: "W01", payload: "{}",
                                    rowTable: "breaks", rowKey: "1", snapshot: #"{"id":1}"#)
        let moved = JournalFields(at: "t", kind: "break_end", actor: "S1", subject: "W01", payload: "{}\u{1F}breaks\u{1F}1\u{1F}{\"id\":1}")
        #expect(JournalHash.hex(encoding: .v1, previous: Self.previous, seq: 3, fields: withRow)
            == JournalHash.hex(encoding: .v1, previous: Self.previous, seq: 3, fields: moved))
        #expect(JournalHash.hex(encoding: .v2, previous: Self.previous, seq: 3, fields: withRow)
            != JournalHash.hex(encoding: .v2, previous: Self.previous, seq: 3, fields: moved))
        // The same fields under the two encodings never share a hash: the version is hashed.
        #expect(JournalHash.hex(encoding: .v1, previous: Self.previous, seq: 3, fields: withRow)
            != JournalHash.hex(encoding: .v2, previous: Self.previous, seq: 3, fields: withRow))
        // The old rule's fields are refused when they hold the separator.
        var payload = moved.payload
        #expect(payload.withUTF8 { JournalHash.ambiguousUnderV1(UnsafeRawBufferPointer($0)) })
        var clean = withRow.payload
        #expect(!clean.withUTF8 { JournalHash.ambiguousUnderV1(UnsafeRawBufferPointer($0)) })
    }

    /// Under v2 a missing field and an empty one differ, as do fields shifted from one to the next.
    @Test func encodingTwoTellsNullFromEmptyAndWhereFieldsEnd() {
        let missing = JournalFields(at: "t", kind: "k", actor: nil, subject: "s", payload: "{}")
        let empty = JournalFields(at: "t", kind: "k", actor: "", subject: "s", payload: "{}")
        let shifted = JournalFields(at: "t", kind: "k", actor: "s", subject: "", payload: "{}")
        let hashes = [missing, empty, shifted].map { JournalHash.hex(encoding: .v2, previous: Self.previous, seq: 1, fields: $0) }
        #expect(Set(hashes).count == 3)
        #expect(hashes.allSatisfy { $0.count == 64 })
    }

    /// Encoding 2 pinned by an answer computed outside Swift (Python's hashlib, struct ">Q"):
    /// the central server, whatever it is written in, hashes exactly these bytes.
    @Test func encodingTwoIsPinned() {
        let fields = JournalFields(at: "2026-11-01T00:00:00.000Z", kind: "clock_in", actor: "S1", subject: nil, payload: "{}",
                                   rowTable: "attendance", rowKey: "1", snapshot: #"{"id":1}"#)
        #expect(JournalHash.hex(encoding: .v2, previous: Self.previous, seq: 7, fields: fields)
            == "a144a7c81dbb11a988a2de2f45848057ca6c43454c470360282be4694f919721")
    }
}
