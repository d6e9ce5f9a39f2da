import Crypto
import Foundation
import KasirCore
import KasirStore

/// The number a transcript or a monthly programme report carries: the journal entry it was
/// made at and a short hash of its content and of that entry's hash.
///
/// Made again from the same journal entry, the same record gives the same number; any change
/// to a row behind the document, or to the journal up to that entry, gives another. Names are
/// part of the content even when the document shows aliases, so the number belongs to the
/// record, not to how it was printed.
///
/// ```swift
/// let number = DocumentNumber.make(.transcript, subject: "W01", content: transcript, at: mark)
/// number.text   // "TR-61682-9F3A-2C1B-7E04"
/// ```
public struct DocumentNumber: Hashable, Sendable, CustomStringConvertible {
    /// What the document is.
    public enum Kind: String, Sendable {
        case transcript = "TR"
        case programme = "PR"
    }

    public var kind: Kind
    /// The journal entry the document was made at.
    public var seq: Int64
    /// Twelve hexadecimal digits, capitals.
    public var seal: String

    public var description: String {
        let groups = stride(from: 0, to: seal.count, by: 4).map { offset -> String in
            let start = seal.index(seal.startIndex, offsetBy: offset)
            return String(seal[start..<seal.index(start, offsetBy: 4)])
        }
        return "\(kind.rawValue)-\(seq)-" + groups.joined(separator: "-")
    }

    /// The largest journal sequence a number may name.
    public static let largestSeq: Int64 = 999_999_999_999

    /// Reads `TR-61682-9F3A-2C1B-7E04` (any case).
    ///
    /// - Throws: ``InputError/malformedDocumentNumber(_:)``.
    public static func parse(_ text: String) throws(InputError) -> DocumentNumber {
        let parts = text.trimmingCharacters(in: .whitespaces).uppercased().split(separator: "-", omittingEmptySubsequences: false)
        // A journal never reaches a thousand billion entries: a larger sequence is not a number
        // any café made, and the sums done with it (the entry after it) cannot overflow.
        guard parts.count == 5, let kind = Kind(rawValue: String(parts[0])), let seq = Int64(parts[1]), (1...largestSeq).contains(seq),
            parts[2...].allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isHexDigit) })
        else { throw .malformedDocumentNumber(String(text.prefix(40))) }
        return DocumentNumber(kind: kind, seq: seq, seal: parts[2...].joined())
    }

    /// The number of `content`, made at journal `mark`.
    ///
    /// - Parameters:
    ///   - subject: whose or which the document is: a WBP's code, a month.
    ///   - content: the document's figures; every number in it is taken to the hundredth.
    public static func make<Content: Encodable>(_ kind: Kind, subject: String, content: Content, at mark: JournalMark) throws -> DocumentNumber {
        var bytes = Array("kasir-document-1\n\(kind.rawValue)\n\(subject)\n\(mark.hash)\n".utf8)
        try canonical(content).write(into: &bytes)
        let digest = SHA256.hash(data: bytes).map { String(format: "%02X", $0) }.joined()
        return DocumentNumber(kind: kind, seq: mark.seq, seal: String(digest.prefix(12)))
    }

    /// `content` in the one canonical form: keys sorted, every number as a whole count of
    /// hundredths, so the same figures give the same bytes whatever prints the decimals.
    static func canonical<Content: Encodable>(_ content: Content) throws -> CanonicalJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return convert(try JSONSerialization.jsonObject(with: try encoder.encode(content), options: [.fragmentsAllowed]))
    }

    static func convert(_ value: Any) -> CanonicalJSON {
        switch value {
        case let text as String: return .string(text)
        case let number as NSNumber: return .integer(Int64((number.doubleValue * 100).rounded()))
        case let array as [Any]: return .array(array.map(convert))
        case let object as [String: Any]: return .object(object.mapValues(convert))
        default: return .null
        }
    }
}

/// What `kasir audit document` found: the number made again from the same journal entry, and
/// the journal entries since that could explain a difference.
public struct DocumentCheck: Sendable {
    /// The document made again, to be read beside the paper: a number that matches proves the
    /// record, not the figures printed next to it.
    public enum Rebuilt: Sendable {
        case transcript(Transcript)
        case programme(ProgrammeReport)
    }

    public var given: DocumentNumber
    public var recomputed: DocumentNumber
    public var rebuilt: Rebuilt
    public var mark: JournalMark
    /// Entries after the document's that touch its subject (a WBP), or every later entry (a month).
    public var later: [JournalEntry]
    /// The WBP (a code) whose transcript carries the number, when it is not the one asked
    /// about: a number checked against the wrong WBP is theirs, not a record changed.
    public var owner: String? = nil

    public var matches: Bool { given == recomputed }
}

extension ReportBuilder {
    /// Makes the document behind `number` again from its journal entry and compares.
    ///
    /// ```swift
    /// let check = try builder.check(try DocumentNumber.parse("TR-61682-9F3A-2C1B-7E04"), staff: "W01", month: nil)
    /// check.matches   // the record behind it is unchanged
    /// ```
    ///
    /// - Throws: ``DocumentError`` when the subject is missing or the journal row is gone;
    ///   ``StaffError/unknownStaff(_:)``.
    public func check(_ number: DocumentNumber, staff: String?, month: BusinessMonth?) throws -> DocumentCheck {
        guard let mark = try database.journalMark(at: number.seq) else { throw DocumentError.noSuchJournalRow(number.seq) }
        switch number.kind {
        case .transcript:
            guard let staff else { throw DocumentError.subjectRequired(kind: number.kind.rawValue) }
            let transcript = try transcript(of: staff, at: mark)
            let again = try DocumentNumber.parse(transcript.documentNumber)
            if again != number, let owner = try transcriptOwner(of: number, at: mark, besides: staff) {
                return DocumentCheck(given: number, recomputed: again, rebuilt: .transcript(transcript.pseudonymous), mark: mark, later: [], owner: owner)
            }
            return DocumentCheck(given: number, recomputed: again, rebuilt: .transcript(transcript.pseudonymous), mark: mark,
                                 later: again == number ? [] : try database.journalEntries(after: mark.seq, about: staff))
        case .programme:
            guard let month else { throw DocumentError.subjectRequired(kind: number.kind.rawValue) }
            let report = try programme(month, at: mark)
            let again = try DocumentNumber.parse(report.documentNumber ?? "")
            return DocumentCheck(given: number, recomputed: again, rebuilt: .programme(report), mark: mark,
                                 later: again == number ? [] : try database.journalEntries(from: mark.seq + 1, limit: 1_000))
        }
    }

    /// The other WBP whose transcript, made at `mark`, carries `number`; `nil` when none does.
    /// Only codes come out of it: who a code is stays with the supervisors.
    func transcriptOwner(of number: DocumentNumber, at mark: JournalMark, besides staff: String) throws -> String? {
        for member in try database.allStaff() where member.role == .barista && member.code != staff {
            guard let other = try? transcript(of: member.code, at: mark) else { continue }
            if (try? DocumentNumber.parse(other.documentNumber)) == number { return member.code }
        }
        return nil
    }
}
