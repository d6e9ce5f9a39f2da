import Foundation

/// What a person asked for in one go: an item, how many, and which modifiers.
///
/// The same text works on the command line and at the counter:
///
/// ```swift
/// try ItemSpec.parse("KSGA:2:size=L,sugar=less")   // kasir order new --item …
/// try ItemSpec.parse("KSGA 2 size=L sugar=less")   // at the counter
/// try ItemSpec.parse("3 x2")                        // item number 3 on the list, twice
/// try ItemSpec.parse("2 KSS")                       // as people say it: two KSS
/// try ItemSpec.parse("KSGA extra=shot,vanilla")     // two choices of one group
/// try ItemSpec.parse("KSGA extra=shot+vanilla")     // the same
/// ```
public struct ItemSpec: Hashable, Sendable {
    public struct Choice: Hashable, Sendable {
        public var group: String
        public var option: String
        public init(group: String, option: String) {
            self.group = group
            self.option = option
        }
    }

    /// An item code, or the item's number on the counter's list.
    public var reference: String
    public var quantity: Int
    public var choices: [Choice]

    public static let quantityRange = 1...99

    public init(reference: String, quantity: Int = 1, choices: [Choice] = []) {
        self.reference = reference
        self.quantity = quantity
        self.choices = choices
    }

    /// Reads an item request.
    ///
    /// A quantity may also come first (`2 KSS`, `2x KSS`) when the word after it is a code that
    /// cannot be a quantity; `3 2` stays item number 3, twice.
    ///
    /// Several options of one group are `GROUP=A,B` or `GROUP=A+B`: a word after a choice that
    /// is not a quantity is another option of the group just named.
    ///
    /// - Parameter text: `CODE[:QTY[:GROUP=OPTION,...]]`, or the same with spaces.
    /// - Throws: ``InputError`` naming the part that cannot be read.
    public static func parse(_ text: String) throws(InputError) -> ItemSpec {
        guard text.count <= 200 else { throw .malformedItem(clipped(text)) }
        var tokens = text.split(whereSeparator: { $0 == " " || $0 == ":" || $0 == "," || $0 == "\t" })
            .map(String.init)
        if tokens.count >= 2, leadsWithQuantity(tokens[0], before: tokens[1]) {
            tokens.swapAt(0, 1)
        }
        guard let reference = tokens.first, isPlainWord(reference) else {
            throw .malformedItem(clipped(text))
        }
        var quantity: Int?
        var choices: [Choice] = []
        var lastGroup: String?
        for token in tokens.dropFirst() {
            if let equals = token.firstIndex(of: "=") {
                let group = String(token[..<equals])
                let options = token[token.index(after: equals)...].split(separator: "+", omittingEmptySubsequences: false).map(String.init)
                guard isPlainWord(group), options.allSatisfy(isPlainWord) else {
                    throw .malformedModifier(clipped(token))
                }
                choices += options.map { Choice(group: group, option: $0) }
                lastGroup = group
            } else if let group = lastGroup, isPlainWord(token), token.unicodeScalars.contains(where: { $0.properties.isAlphabetic }),
                (try? parseQuantity(token)) == nil {
                // `extra=shot,vanilla`: another option of the group just named.
                choices.append(Choice(group: group, option: token))
            } else {
                guard quantity == nil else { throw .malformedItem(clipped(text)) }
                quantity = try parseQuantity(token)
            }
        }
        return ItemSpec(reference: reference, quantity: quantity ?? 1, choices: choices)
    }

    /// Reads a quantity: `2`, `x2`, `2x` or `×2`, between 1 and 99.
    public static func parseQuantity(_ token: String) throws(InputError) -> Int {
        var digits = Substring(token)
        if let first = digits.first, first == "x" || first == "X" || first == "×" {
            digits = digits.dropFirst()
        } else if let last = digits.last, last == "x" || last == "X" || last == "×" {
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let number = Int(digits)
        else { throw .malformedQuantity(clipped(token)) }
        guard quantityRange.contains(number) else { throw .quantityOutOfRange(clipped(token)) }
        return number
    }

    /// Whether `first` is a count said before the code `next` (`2 KSS`, `2x KSS`), not an item number.
    private static func leadsWithQuantity(_ first: String, before next: String) -> Bool {
        var digits = Substring(first)
        if let last = digits.last, last == "x" || last == "X" || last == "×" { digits = digits.dropLast() }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        guard isPlainWord(next), next.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) else { return false }
        return (try? parseQuantity(next)) == nil
    }

    /// Whether `word` is a code: 1–32 ASCII letters, digits, `-` or `_`.
    public static func isPlainWord(_ word: String) -> Bool {
        !word.isEmpty && word.count <= 32
            && word.unicodeScalars.allSatisfy {
                $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
            }
    }
}
