import Crypto
import Foundation
import KasirCore
import KasirReports
import PostgresNIO

/// A café as the verification page names it: the code, the name and where it stands.
public struct CafeIdentity: Hashable, Sendable {
    public var code: String
    public var name: String
    public var upt: String
    public var kanwil: String
}

/// A transcript as the centre's journal holds it: the issue the café journaled, found by its
/// number.
public struct AnchoredTranscript: Hashable, Sendable {
    public var number: String
    public var cafe: CafeIdentity
    /// The café's journal entry that issued it: the one after the entry it was made at.
    public var seq: Int64
    /// When the café says it issued it (its clock), and when the centre received the entry (the centre's).
    public var issuedAt: Date
    public var receivedAt: Date
    /// The figures printed, as journaled: no name, code or alias.
    public var figures: TranscriptFigures
}

/// What the centre can say about a transcript number, from its anchored journal alone.
public enum TranscriptVerdict: Hashable, Sendable {
    /// Issued by a café and anchored, its figures as they were issued.
    case anchored(AnchoredTranscript)
    /// A café journaled it, but the record no longer matches the digest journaled when it was
    /// issued (or it was changed after): nothing it says can be vouched for.
    case altered(number: String, cafe: CafeIdentity, problem: TranscriptProblem)
    /// The café named has not yet sent the part of its journal where the transcript would be.
    case notYetAnchored(number: String, cafe: CafeIdentity, anchoredThrough: Int64)
    /// No café's anchored journal holds it.
    case unknown(number: String)
    /// More than one café journaled a valid issue of the same number: one of them copied it.
    case claimedByMany(number: String, cafes: [String])
}

/// Why an anchored record is not vouched for.
public enum TranscriptProblem: String, Hashable, Sendable {
    /// The figures do not hash to the digest journaled beside them.
    case digestMismatch = "digest"
    /// A later entry changed the issued record.
    case changedAfterIssue = "changed"
    /// The record is not where a café issues one: not right after the entry it was made at, or
    /// not journaled as an issue, or not readable.
    case notAnIssue = "not_an_issue"
}

extension CentralDatabase {
    /// What the anchored journal says of transcript `number`, optionally of café `cafe` (as the
    /// QR code carries it): so a number not yet sent is told apart from one never issued, and
    /// only that café's record is read.
    ///
    /// ```swift
    /// let verdict = try await central.verifyTranscript(try DocumentNumber.parse("TR-812-9F3A-2C1B-7E04"), cafe: "BPN01")
    /// if case .anchored(let transcript) = verdict { print(transcript.figures.hours) }
    /// ```
    public func verifyTranscript(_ number: DocumentNumber, cafe: String?) async throws -> TranscriptVerdict {
        let text = number.description
        guard number.kind == .transcript else { return .unknown(number: text) }
        // The first entry naming the number in each café (only in the café named, when one is):
        // each café is judged on its own record, so no other café's claim can hide or spoil it.
        // The pattern is the index's (schema v8), word for word.
        let rows = try await connection.query("""
            SELECT DISTINCT ON (j.cafe) j.cafe, j.seq, j.kind, j.received_at, j.row_key, j.snapshot, c.name, c.upt, c.kanwil
            FROM journal j JOIN cafes c ON c.code = j.cafe
            WHERE j.row_table = 'transcript_issues'
                AND substring(j.snapshot, '"number":"(TR-[0-9]{1,12}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4})"') = \(text)
                AND (\(cafe)::text IS NULL OR j.cafe = \(cafe))
            ORDER BY j.cafe, j.seq LIMIT 100
            """, logger: logger).collect()
        var verdicts: [TranscriptVerdict] = []
        for row in rows {
            let (code, seq, kind, received, key, snapshot, name, upt, kanwil) =
                try row.decode((String, Int64, String, Date, String?, String?, String, String, String).self)
            let entry = IssueEntry(cafe: CafeIdentity(code: code, name: name, upt: upt, kanwil: kanwil), seq: seq, kind: kind,
                                   receivedAt: received, rowKey: key, snapshot: snapshot)
            verdicts.append(try await judge(entry, number: number))
        }
        let anchored = verdicts.compactMap { verdict -> AnchoredTranscript? in
            if case .anchored(let transcript) = verdict { return transcript }
            return nil
        }
        if anchored.count > 1 { return .claimedByMany(number: text, cafes: anchored.map(\.cafe.code)) }
        if let first = anchored.first { return .anchored(first) }
        if let first = verdicts.first { return first }
        guard let cafe, let known = try await cafeIdentity(cafe) else { return .unknown(number: text) }
        // Not sent yet: the café's anchored journal stops before the issue's entry, and not so
        // far before that no café would be that late (a forged number stays "unknown").
        let notYet = number.seq >= known.head && number.seq - known.head <= Self.latestUnsent
        return notYet ? .notYetAnchored(number: text, cafe: known.cafe, anchoredThrough: known.head) : .unknown(number: text)
    }

    /// How many entries a café may be behind and a number it issued still be called "not yet
    /// sent": three years and more of a busy café's journal.
    static let latestUnsent: Int64 = 100_000

    /// What one café's first entry naming the number says.
    func judge(_ entry: IssueEntry, number: DocumentNumber) async throws -> TranscriptVerdict {
        let text = number.description
        guard entry.kind == "transcript_issued", entry.seq == number.seq + 1, let key = entry.rowKey, let snapshot = entry.snapshot,
              let issue = try? JSONDecoder().decode(IssuedRow.self, from: Data(snapshot.utf8)), issue.number == text,
              let issuedAt = Timestamp.date(issue.issuedAt)
        else { return .altered(number: text, cafe: entry.cafe, problem: .notAnIssue) }
        let digest = SHA256.hash(data: Data(issue.figures.utf8)).map { String(format: "%02x", $0) }.joined()
        guard digest == issue.digest, let figures = try? JSONDecoder().decode(TranscriptFigures.self, from: Data(issue.figures.utf8)),
              figures.number == text
        else { return .altered(number: text, cafe: entry.cafe, problem: .digestMismatch) }
        // Any later entry of the same row, whatever number it now carries, is a change.
        let later = try await connection.query("""
            SELECT count(*) FROM journal
            WHERE cafe = \(entry.cafe.code) AND row_table = 'transcript_issues' AND row_key = \(key) AND seq > \(entry.seq)
            """, logger: logger).collect()
        guard try later.first?.decode(Int64.self) == 0 else { return .altered(number: text, cafe: entry.cafe, problem: .changedAfterIssue) }
        return .anchored(AnchoredTranscript(number: text, cafe: entry.cafe, seq: entry.seq, issuedAt: issuedAt, receivedAt: entry.receivedAt,
                                            figures: figures))
    }

    /// An enrolled café and the last entry the centre holds of it.
    func cafeIdentity(_ code: String) async throws -> (cafe: CafeIdentity, head: Int64)? {
        let rows = try await connection.query("SELECT code, name, upt, kanwil, head_seq FROM cafes WHERE code = \(code)", logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (code, name, upt, kanwil, head) = try row.decode((String, String, String, String, Int64).self)
        return (CafeIdentity(code: code, name: name, upt: upt, kanwil: kanwil), head)
    }
}

/// A café's first journal entry naming a transcript number.
struct IssueEntry {
    var cafe: CafeIdentity
    var seq: Int64
    var kind: String
    var receivedAt: Date
    var rowKey: String?
    var snapshot: String?
}

/// A `transcript_issues` snapshot: the columns the verdict reads.
struct IssuedRow: Decodable {
    var number: String
    var figures: String
    var digest: String
    var issuedAt: String

    enum CodingKeys: String, CodingKey {
        case number, figures, digest
        case issuedAt = "issued_at"
    }
}

/// A transcript a café journaled as issued to one WBP, as the WBP's progress page lists it.
public struct IssuedTranscript: Hashable, Sendable {
    public var number: String
    /// The café's journal entry of the issue, and when the café says it issued it.
    public var seq: Int64
    public var issuedAt: Date
}

extension CentralDatabase {
    /// The transcripts café `cafe` journaled as issued to WBP `code` (the entries' subject),
    /// oldest first.
    public func issuedTranscripts(cafe: String, staff code: String) async throws -> [IssuedTranscript] {
        let rows = try await connection.query("""
            SELECT seq, snapshot FROM journal
            WHERE cafe = \(cafe) AND row_table = 'transcript_issues' AND kind = 'transcript_issued' AND subject = \(code)
            ORDER BY seq LIMIT 500
            """, logger: logger).collect()
        return try rows.compactMap { row in
            let (seq, snapshot) = try row.decode((Int64, String?).self)
            guard let snapshot, let issue = try? JSONDecoder().decode(IssuedRow.self, from: Data(snapshot.utf8)),
                  let issuedAt = Timestamp.date(issue.issuedAt)
            else { return nil }
            return IssuedTranscript(number: issue.number, seq: seq, issuedAt: issuedAt)
        }
    }
}
