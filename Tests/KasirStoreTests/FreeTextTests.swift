import Crypto
import Foundation
import GRDB
import KasirCore
import KasirLedger
import KasirTestSupport
import Testing
@testable import KasirStore

/// Issue 20: free text stays at the café. The journal keeps a note or a reason whole, but its
/// entry's hash covers it only through a salted digest (encoding 3), so the entry can leave
/// for the centre with `true` in its place and still be checked there.
@Suite struct FreeTextTests {
    static let note = "Budi lupa takaran gula"
    static let reason = "Tukar uang kecil ke Pak Rahmat"

    /// A café joined to a centre, then a coaching note and a cash movement with a reason.
    func joinedWithText() throws -> (StoreFixture, Curve25519.Signing.PrivateKey) {
        let fixture = try StoreFixture()
        let key = Curve25519.Signing.PrivateKey()
        try fixture.database.joinCentral(url: "https://pusat.example/", cafe: "BPN01", centreKey: Curve25519.Signing.PrivateKey().publicKey.rawRepresentation,
                                         cafeKey: key.publicKey.rawRepresentation, supervisor: "S1", at: utc("2026-11-01T02:00:00Z"))
        try fixture.database.addNote(about: "W01", text: Self.note, supervisor: "S1", at: utc("2026-11-01T03:00:00Z"))
        try fixture.database.moveCash(.payOut, amount: Rupiah(50_000), reason: Self.reason, supervisor: "S1", at: utc("2026-11-01T04:00:00Z"))
        return (fixture, key)
    }

    func tamper(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        try queue.close()
    }

    @Test func theJournalKeepsTheTextWholeAndHashesItsPublicForm() throws {
        let (fixture, _) = try joinedWithText()
        let row = try #require(try fixture.database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT encoding, snapshot, public_snapshot FROM journal WHERE kind = 'coaching_note'")
        })
        #expect(row["encoding"] as Int == 3)
        let whole: String = row["snapshot"], publicForm: String = row["public_snapshot"]
        #expect(whole.contains(#""text":"Budi lupa takaran gula""#))
        #expect(publicForm == whole.replacingOccurrences(of: #""text":"Budi lupa takaran gula""#, with: #""text":true"#))
        // An entry with nothing to withhold has one form.
        let joined = try #require(try fixture.database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT encoding, public_snapshot FROM journal WHERE kind = 'central_joined'")
        })
        #expect(joined["encoding"] as Int == 3 && (joined["public_snapshot"] as String?) == nil)
        #expect(try fixture.database.verifyJournal().findings.isEmpty)
    }

    @Test func theCentreIsSentThePublicFormFromTheJoinOnAndCanCheckIt() throws {
        let (fixture, key) = try joinedWithText()
        let entries = try fixture.database.ledgerEntries(after: 0, limit: 100)
        // Nothing from before the join: those entries may hold names in clear.
        #expect(entries.first?.fields.kind == "central_joined")
        let joinSeq = try #require(try fixture.database.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM journal WHERE kind = 'central_joined'")
        })
        #expect(entries.first?.seq == joinSeq && joinSeq > 1)
        // The join, then every row as it stood (the centre's tables begin from these), then what followed.
        let baseline = entries.dropFirst().prefix { $0.fields.kind == "central_baseline" }
        #expect(!baseline.isEmpty && baseline.allSatisfy { $0.fields.rowTable != nil })
        #expect(Array(entries.dropFirst(baseline.count + 1).map(\.fields.kind)) == ["coaching_note", "cash_out"])
        let batch = try LedgerBatch.signed(cafe: "BPN01", entries: entries, at: "2026-11-01T05:00:00.000Z", key: key)
        try batch.verify(signedBy: key.publicKey)
        let sent = String(decoding: try JSONEncoder().encode(batch), as: UTF8.self)
        #expect(!sent.contains("takaran") && !sent.contains("Rahmat"), "\(sent)")
        let note = try #require(entries.first { $0.fields.kind == "coaching_note" })
        #expect(note.fields.snapshot?.contains(#""text":true"#) == true)
        #expect(note.fields.privateDigest?.count == 64)
        // The digest is salted: not the bare SHA-256 of what the café holds.
        let whole = try #require(try fixture.database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT snapshot FROM journal WHERE kind = 'coaching_note'")
        })
        #expect(note.fields.privateDigest != JournalHash.hex(SHA256.hash(data: Data(([0] + Array(whole.utf8))))))
        // Another text under the same public form is another entry: the digest binds it.
        var forged = note
        forged.fields.privateDigest = String(repeating: "0", count: 64)
        #expect(!forged.hashIsRight)
        // A digest slipped into an older encoding's entry, which its hash would not cover, is refused.
        var slipped = entries[0]
        slipped.encoding = 2
        slipped.hash = JournalHash.hex(encoding: .v2, previous: slipped.prevHash, seq: slipped.seq, fields: slipped.fields)
        slipped.fields.privateDigest = String(repeating: "1", count: 64)
        let resigned = try LedgerBatch.signed(cafe: "BPN01", entries: [slipped], at: "2026-11-01T05:00:00.000Z", key: key)
        #expect(throws: LedgerBatchError.hashMismatch(seq: slipped.seq)) { try resigned.verify(signedBy: key.publicKey) }
    }

    @Test func aRewrittenTextOrSaltBreaksTheChainAtTheCafe() throws {
        let (fixture, _) = try joinedWithText()
        let seq = try #require(try fixture.database.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT seq FROM journal WHERE kind = 'coaching_note'")
        })
        // The note changed in the table and in the whole snapshot alike: the digest no longer holds.
        try tamper(fixture.path, """
            DROP TRIGGER journal_append_only_update;
            DROP TRIGGER coaching_notes_append_only_update;
            UPDATE coaching_notes SET text = 'Budi rajin';
            UPDATE journal SET snapshot = replace(snapshot, '\(Self.note)', 'Budi rajin') WHERE seq = \(seq);
            """)
        #expect(try fixture.database.verifyJournal().findings.contains(.journalRowAltered(seq: seq)))

        let (other, _) = try joinedWithText()
        try tamper(other.path, """
            DROP TRIGGER journal_salt_fixed;
            UPDATE journal_salt SET salt = '00000000000000000000000000000000';
            """)
        let findings = try other.database.verifyJournal().findings
        #expect(findings.contains(.journalRowAltered(seq: seq)), "\(findings)")
    }

    /// What Kasir never writes, someone with the file could, and the timer would sign: an entry
    /// whose "public form" is the whole note, one with no public form at all, or one in the
    /// encoding before 3. None of them leaves; nothing is sent.
    @Test func anEntryCarryingTextInClearNeverLeaves() throws {
        for forged in ["whole as public", "no public form", "older encoding"] {
            let (fixture, _) = try joinedWithText()
            let whole = try #require(try fixture.database.writer.read { db in
                try String.fetchOne(db, sql: "SELECT snapshot FROM journal WHERE kind = 'coaching_note'")
            })
            let seq = try fixture.database.writer.write { db -> Int64 in
                switch forged {
                case "older encoding":
                    let previous = try String.fetchOne(db, sql: "SELECT hash FROM journal ORDER BY seq DESC LIMIT 1")!
                    let seq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal")! + 1
                    let fields = JournalFields(at: "2026-11-01T05:00:00.000Z", kind: "coaching_note", actor: "S1", subject: "W01", payload: "{}",
                                               rowTable: "coaching_notes", rowKey: "1", snapshot: whole)
                    try db.execute(sql: """
                        INSERT INTO journal (seq, at, kind, actor, subject, payload, prev_hash, hash, row_table, row_key, snapshot, encoding)
                        VALUES (?, ?, 'coaching_note', 'S1', 'W01', '{}', ?, ?, 'coaching_notes', '1', ?, 2)
                        """, arguments: [seq, fields.at, previous, JournalHash.hex(encoding: .v2, previous: previous, seq: seq, fields: fields), whole])
                default:
                    _ = try AppDatabase.append(db, kind: "coaching_note", actor: "S1", subject: "W01", payload: "{}",
                                               row: AppDatabase.VouchedRow(table: "coaching_notes", key: "1", snapshot: whole,
                                                                           publicSnapshot: forged == "whole as public" ? whole : nil),
                                               at: "2026-11-01T05:00:00.000Z")
                }
                return try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM journal")!
            }
            #expect(throws: SyncError.unsendable(seq: seq), "\(forged)") { try fixture.database.ledgerEntries(after: 0, limit: 100) }
        }
    }

    /// A public form that means `true` but stores the text: a key given twice, or a number.
    /// Both ends read the bytes as stored, not only their meaning.
    @Test func aWithheldKeyGivenTwiceOrANumberIsTextInClear() {
        #expect(FreeText.check(#"{"id":1,"text":"Andi merokok","text":true}"#, table: "coaching_notes") == .inClear)
        #expect(FreeText.check(#"{"id":1,"text":1}"#, table: "coaching_notes") == .inClear)
        #expect(FreeText.check(#"{"id":1,"text":true}"#, table: "coaching_notes") == .withheld)
        #expect(FreeText.check(#"{"id":1,"text":null}"#, table: "coaching_notes") == .nothingWithheld)
        // In a child row too; and a key's name inside a string is not a key.
        #expect(FreeText.check(#"{"id":1,"lines":[{"note":"x"}],"note":true}"#, table: "orders") == .inClear)
        #expect(FreeText.check(#"{"id":1,"item_name":"say \"note\": hi","note":null}"#, table: "orders") == .nothingWithheld)
    }

    /// The check reads JSON as JSON readers do: white space anywhere, a key spelled with
    /// escapes, values nested in arrays; and text that is not one JSON object is unreadable.
    @Test func theCheckReadsJSONAsAReaderDoes() {
        #expect(FreeText.check(#" { "id" : 1 , "text" : "Andi" } "#, table: "coaching_notes") == .inClear)
        #expect(FreeText.check(#"{"id":1,"te\u0078t":"Andi"}"#, table: "coaching_notes") == .inClear)
        #expect(FreeText.check(#"{"id":1,"te\u0078t":true}"#, table: "coaching_notes") == .withheld)
        #expect(FreeText.check(#"{"a":[1,-2.5e+3,{"b":{"note":"x"}}],"note":null}"#, table: "orders") == .inClear)
        #expect(FreeText.check(#"{"a":"\ud83d\ude00 \"\\\/\b\f\n\r\t","text":true}"#, table: "coaching_notes") == .withheld)
        #expect(FreeText.check(#"{"id":1,"text":false}"#, table: "coaching_notes") == .inClear)
        #expect(FreeText.check(#"{"id":-0.5,"text":null,"x":[]}"#, table: "coaching_notes") == .nothingWithheld)
        for unreadable in [#"{"id":1,"text":true} x"#, #"{"id":1,"text":true"#, #"["text"]"#, #"{"id":01}"#, #"{"id":1.}"#,
                           #"{"id":"a\x"}"#, "{\"id\":\"a\u{1}\"}", #"{"id":tru}"#, #"{"id":1,}"#, #"{id:1}"#, "",
                           String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
                           "{\"a\":" + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}"] {
            #expect(FreeText.check(unreadable, table: "coaching_notes") == .unreadable, "\(unreadable.prefix(20))")
        }
        // A table without free text is not read at all.
        #expect(FreeText.check("not json", table: "tills") == .nothingWithheld)
    }
}
