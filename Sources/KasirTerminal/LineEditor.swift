import Foundation

/// A key as the line editor understands it, decoded from the terminal's bytes.
public enum EditorKey: Equatable, Sendable {
    case character(Character)
    case enter, backspace, delete, left, right, home, end, up, down
    /// Ctrl-C: cancel what is being typed (at the order prompt, the order).
    case interrupt
    /// Ctrl-D: on an empty line, leave the prompt; else delete under the cursor.
    case endOfTransmission
    /// Ctrl-L: clear the screen and show the prompt again.
    case clearScreen
    /// Ctrl-U, Ctrl-K, Ctrl-W: delete before the cursor, after it, the word before it.
    case killToStart, killToEnd, killWord
    /// Anything else: control keys (Ctrl-Z, Ctrl-\ among them), unknown escape sequences.
    case ignored
}

/// Turns the bytes a terminal sends into keys; holds an unfinished sequence between reads.
///
/// Control bytes never become characters: a key the editor does not use is `.ignored`.
public struct KeyDecoder: Sendable {
    var pending: [UInt8] = []

    public init() {}

    /// The keys `bytes` complete, in order.
    public mutating func keys(from bytes: [UInt8]) -> [EditorKey] {
        pending += bytes
        var keys: [EditorKey] = []
        while !pending.isEmpty {
            guard let (key, used) = Self.decode(pending) else { break }
            keys.append(key)
            pending.removeFirst(used)
        }
        return keys
    }

    /// Everything held back, as `.ignored` keys: a lone ESC typed on its own.
    public mutating func flush() -> [EditorKey] {
        defer { pending = [] }
        return pending.isEmpty ? [] : [.ignored]
    }

    /// The key at the start of `bytes` and how many bytes it used; `nil` when more are needed.
    static func decode(_ bytes: [UInt8]) -> (EditorKey, Int)? {
        let first = bytes[0]
        switch first {
        case 0x0D, 0x0A: return (.enter, 1)
        case 0x7F, 0x08: return (.backspace, 1)
        case 0x01: return (.home, 1)
        case 0x05: return (.end, 1)
        case 0x02: return (.left, 1)
        case 0x06: return (.right, 1)
        case 0x03: return (.interrupt, 1)
        case 0x04: return (.endOfTransmission, 1)
        case 0x0C: return (.clearScreen, 1)
        case 0x15: return (.killToStart, 1)
        case 0x0B: return (.killToEnd, 1)
        case 0x17: return (.killWord, 1)
        case 0x0E: return (.down, 1)
        case 0x10: return (.up, 1)
        case 0x1B: return decodeEscape(bytes)
        case 0x00..<0x20: return (.ignored, 1)
        default:
            let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
            guard bytes.count >= length else { return nil }
            guard let text = String(bytes: bytes[0..<length], encoding: .utf8), let character = text.first,
                !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format })
            else { return (.ignored, length) }
            return (.character(character), length)
        }
    }

    static func decodeEscape(_ bytes: [UInt8]) -> (EditorKey, Int)? {
        guard bytes.count >= 2 else { return nil }
        guard bytes[1] == UInt8(ascii: "[") || bytes[1] == UInt8(ascii: "O") else { return (.ignored, 1) }
        // CSI: parameters, then a final byte in 0x40–0x7E.
        var index = 2
        while index < bytes.count, (0x30...0x3F).contains(bytes[index]) { index += 1 }
        guard index < bytes.count else { return bytes.count > 16 ? (.ignored, bytes.count) : nil }
        let final = bytes[index]
        let parameter = String(decoding: bytes[2..<index], as: UTF8.self)
        let key: EditorKey
        switch (final, parameter) {
        case (UInt8(ascii: "A"), _): key = .up
        case (UInt8(ascii: "B"), _): key = .down
        case (UInt8(ascii: "C"), _): key = .right
        case (UInt8(ascii: "D"), _): key = .left
        case (UInt8(ascii: "H"), _), (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): key = .home
        case (UInt8(ascii: "F"), _), (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): key = .end
        case (UInt8(ascii: "~"), "3"): key = .delete
        default: key = .ignored
        }
        return (key, index + 1)
    }
}

/// One line being edited: its text, the cursor, and a history to step through.
///
/// Pure: ``apply(_:)`` says what the terminal should do; ``TerminalLine`` does it.
public struct LineEditor: Sendable {
    public enum Effect: Equatable, Sendable {
        case redraw, submit(String), interrupt, endOfInput, clearScreen, none
    }

    public private(set) var text: [Character] = []
    public private(set) var cursor = 0
    let history: [String]
    var historyIndex: Int
    var draft: [Character] = []
    /// The longest line a person may type.
    public static let limit = 1_000

    public init(history: [String] = []) {
        self.history = history
        historyIndex = history.count
    }

    public var line: String { String(text) }

    /// The part of the line that fits in `width` columns, and where the cursor is in it.
    ///
    /// A line longer than the row scrolls sideways around the cursor instead of wrapping (a
    /// wrapped line cannot be redrawn from the start of its row, and each key would repeat it);
    /// `…` marks text cut off at either end.
    ///
    /// ```swift
    /// // "catatan tanpa sedotan dan gula" with the cursor at the end, 12 columns:
    /// editor.window(width: 12)   // (text: "…n dan gula", cursor: 11)
    /// ```
    public func window(width: Int) -> (text: String, cursor: Int) {
        let width = max(width, 4)
        guard text.count >= width else { return (line, cursor) }
        // One cell short of the width, so a cursor after the last character still fits; the
        // cursor sits just left of the right-hand `…`, never on a marker.
        let visible = width - 1
        let start = max(0, min(cursor - (visible - 2), text.count - visible))
        let end = min(text.count, start + visible)
        var shown = Array(text[start..<end])
        if start > 0 { shown[0] = "…" }
        if end < text.count { shown[shown.count - 1] = "…" }
        return (String(shown), cursor - start)
    }

    public mutating func apply(_ key: EditorKey) -> Effect {
        switch key {
        case .character(let character):
            guard text.count < Self.limit else { return .none }
            text.insert(character, at: cursor)
            cursor += 1
        case .enter: return .submit(line)
        case .backspace:
            guard cursor > 0 else { return .none }
            cursor -= 1
            text.remove(at: cursor)
        case .delete:
            guard cursor < text.count else { return .none }
            text.remove(at: cursor)
        case .endOfTransmission:
            if text.isEmpty { return .endOfInput }
            guard cursor < text.count else { return .none }
            text.remove(at: cursor)
        case .left: cursor = max(cursor - 1, 0)
        case .right: cursor = min(cursor + 1, text.count)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .up:
            guard historyIndex > 0 else { return .none }
            if historyIndex == history.count { draft = text }
            historyIndex -= 1
            text = Array(history[historyIndex])
            cursor = text.count
        case .down:
            guard historyIndex < history.count else { return .none }
            historyIndex += 1
            text = historyIndex == history.count ? draft : Array(history[historyIndex])
            cursor = text.count
        case .interrupt: return .interrupt
        case .clearScreen: return .clearScreen
        case .killToStart:
            text.removeFirst(cursor)
            cursor = 0
        case .killToEnd: text.removeLast(text.count - cursor)
        case .killWord:
            var start = cursor
            while start > 0, text[start - 1] == " " { start -= 1 }
            while start > 0, text[start - 1] != " " { start -= 1 }
            text.removeSubrange(start..<cursor)
            cursor = start
        case .ignored: return .none
        }
        return .redraw
    }
}
