import Foundation

/// The journal head as people handle it: printed on the Z report in groups of four hexadecimal
/// digits over a few lines, and typed back from the paper into `kasir audit verify --head`.
///
/// ```swift
/// JournalHead.printedLines(head, columns: 32)   // four lines of "9f86 d081 884c 7d65" on 58 mm paper
/// try JournalHead.parse("9F86 D081 884C 7D65\n…")   // the 64 small hex digits again
/// ```
public enum JournalHead {
    /// A head as typed from the paper: the spaces and line breaks that split it there are
    /// dropped and capitals read as small letters, so the head copied as printed is the head.
    ///
    /// - Throws: ``InputError/malformedJournalHead(_:)`` unless 64 hexadecimal digits remain:
    ///   a mistyped head is said as that, never as a journal cut back.
    public static func parse(_ text: String) throws(InputError) -> String {
        let digits = text.filter { !$0.isWhitespace }.lowercased()
        guard digits.utf8.count == 64, digits.utf8.allSatisfy({ (48...57).contains($0) || (97...102).contains($0) }) else {
            throw .malformedJournalHead(digits)
        }
        return digits
    }

    /// The head in groups of four, as many groups a line as fit in `columns` and the same
    /// number on every line (16 split in halves), so a line is never wrapped mid-group and the
    /// head is copied whole: 8 a line on 80 mm paper (two lines), 4 on 58 mm (four lines).
    public static func printedLines(_ head: String, columns: Int) -> [String] {
        let characters = Array(head)
        let groups = stride(from: 0, to: characters.count, by: 4).map { String(characters[$0..<min($0 + 4, characters.count)]) }
        var perLine = 16
        while perLine > 1 && perLine * 5 - 1 > columns { perLine /= 2 }
        return stride(from: 0, to: groups.count, by: perLine).map { groups[$0..<min($0 + perLine, groups.count)].joined(separator: " ") }
    }
}
