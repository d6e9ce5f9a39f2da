/// One command of a help list and what it does.
public struct HelpEntry: Hashable, Sendable {
    public var command: String
    public var meaning: String

    public init(_ command: String, _ meaning: String) {
        self.command = command
        self.meaning = meaning
    }
}

/// Lays text out for a terminal of a given width: help lists in one or two columns, and long
/// lines broken between words, never inside one (a text console is 80 columns wide).
///
/// ```swift
/// HelpLayout.table(catalog.orderHelp, columns: 80)   // one column, meanings wrapped beside the commands
/// HelpLayout.wrap("Kas belum dibuka: …", columns: 40)
/// ```
public enum HelpLayout {
    /// Commands on the left, their meanings beside them; two entries a row when both fit.
    public static func table(_ entries: [HelpEntry], columns: Int) -> String {
        let usable = max(columns - 1, 20)
        let commandWidth = min(entries.map(\.command.count).max() ?? 0, usable / 3)
        let meaningWidth = entries.map(\.meaning.count).max() ?? 0
        let entryWidth = commandWidth + 2 + meaningWidth
        if entries.allSatisfy({ $0.command.count <= commandWidth }) && 2 * entryWidth + 3 <= usable {
            let half = (entries.count + 1) / 2
            return (0..<half).map { row in
                let left = pad(entries[row].command, commandWidth) + "  " + entries[row].meaning
                guard row + half < entries.count else { return left }
                let right = entries[row + half]
                return pad(left, entryWidth) + "   " + pad(right.command, commandWidth) + "  " + right.meaning
            }.joined(separator: "\n")
        }
        let indent = String(repeating: " ", count: commandWidth + 2)
        return entries.map { entry in
            let meaning = wrap(entry.meaning, columns: usable - indent.count + 1).split(separator: "\n")
                .map { $0.drop { $0 == " " } }.joined(separator: "\n" + indent)
            guard entry.command.count <= commandWidth else { return wrap(entry.command, columns: columns) + "\n" + indent + meaning }
            return pad(entry.command, commandWidth) + "  " + meaning
        }.joined(separator: "\n")
    }

    /// Each line of `text` broken between words to fit `columns - 1`; a broken line's rest
    /// keeps the line's own indentation. A word longer than the row is cut.
    public static func wrap(_ text: String, columns: Int) -> String {
        let limit = max(columns - 1, 10)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.count > limit else { return String(line) }
            let indent = String(line.prefix { $0 == " " })
            let hanging = indent + "  "
            var rows: [String] = []
            var row = indent
            var words = line.dropFirst(indent.count).split(separator: " ").map(String.init)[...]
            while let word = words.first {
                let lead = rows.isEmpty ? indent : hanging
                let empty = row == lead
                let candidate = empty ? row + word : row + " " + word
                if candidate.count <= limit {
                    row = candidate
                    words.removeFirst()
                } else if !empty {
                    rows.append(row)
                    row = hanging
                } else {
                    // A word wider than the row: as much as fits, the rest on the next row.
                    let room = limit - row.count
                    rows.append(row + word.prefix(room))
                    words[words.startIndex] = String(word.dropFirst(room))
                    row = hanging
                }
            }
            rows.append(row)
            return rows.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
