import Foundation

/// The free text of the journaled tables: which columns hold what a person typed (a note, a
/// reason, a decree number), kept whole in the café's journal but only as `true` in the public
/// form that leaves it (``JournalEncoding/v3``). One list, which the café's snapshot writer
/// withholds by and the centre checks against.
///
/// ```swift
/// FreeText.withheld["coaching_notes"]                 // ["text"]
/// try FreeText.check(snapshot, table: "coaching_notes") // .withheld when a note was there
/// ```
public enum FreeText {
    /// By table, the columns (of the row or of its children) that hold free text.
    public static let withheld: [String: Set<String>] = [
        "orders": ["note"],
        "staff": ["decree_number"],
        "attendance": ["in_reason", "out_reason"],
        "cash_movements": ["reason"],
        "approvals": ["reason"],
        "assessments": ["note"],
        "coaching_notes": ["text"],
        "qris_confirmations": ["reason"],
    ]

    /// What a snapshot holds of free text.
    public enum Form: Equatable, Sendable {
        /// No withheld column holds anything: the snapshot is its own public form.
        case nothingWithheld
        /// Each withheld column holding something says only `true`: a public form.
        case withheld
        /// A withheld column holds text (or anything but `true` or null): not to leave the café.
        case inClear
        /// Not a JSON object.
        case unreadable
    }

    /// What `snapshot` (a row of `table`, with its children) holds of free text.
    ///
    /// Every occurrence of a withheld key, at any depth, counts as written: a key given twice
    /// is read as both its values, not only the last one a JSON reader keeps. Both ends run this
    /// on every entry they send or take, so it reads the bytes once, without building the value.
    public static func check(_ snapshot: String, table: String) -> Form {
        guard let columns = withheld[table], !columns.isEmpty else { return .nothingWithheld }
        var text = snapshot
        let seen = text.withUTF8 { bytes -> WithheldScan? in
            var scan = WithheldScan(bytes: bytes, names: columns)
            return scan.document() ? scan : nil
        }
        guard let seen else { return .unreadable }
        // Text (or anything that could carry some) is in clear; the writer's `true` is a marker.
        return seen.sawText ? .inClear : seen.sawTrue ? .withheld : .nothingWithheld
    }

    /// The public form of a whole snapshot as a JSON value: each withheld column holding
    /// something replaced by `true`, in the row and its children.
    public static func publicObject(_ snapshot: String, table: String) -> Any? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(snapshot.utf8), options: [.fragmentsAllowed]) else { return nil }
        return redact(object, columns: withheld[table] ?? [])
    }

    /// Whether two snapshots say the same, as JSON values.
    public static func sameJSON(_ one: Any?, _ other: String) -> Bool {
        guard let one, let two = try? JSONSerialization.jsonObject(with: Data(other.utf8), options: [.fragmentsAllowed]) else { return false }
        return equal(one, two)
    }

    /// `true` as the JSON reader gives it, so a redacted value compares with a parsed one.
    static var trueValue: Any { (try? JSONSerialization.jsonObject(with: Data("true".utf8), options: [.fragmentsAllowed])) ?? true }

    static func equal(_ one: Any, _ other: Any) -> Bool {
        switch (one, other) {
        case (let a as [String: Any], let b as [String: Any]):
            return a.count == b.count && a.allSatisfy { key, value in b[key].map { equal(value, $0) } ?? false }
        case (let a as [Any], let b as [Any]):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (let a as String, let b as String):
            return a == b
        case (is NSNull, is NSNull):
            return true
        case (let a as NSNumber, let b as NSNumber):
            return a == b
        default:
            return false
        }
    }

    static func redact(_ value: Any, columns: Set<String>) -> Any {
        if let object = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, inner) in object {
                out[key] = columns.contains(key) && !(inner is NSNull) ? trueValue : redact(inner, columns: columns)
            }
            return out
        }
        if let array = value as? [Any] { return array.map { redact($0, columns: columns) } }
        return value
    }
}

/// One pass over JSON text (RFC 8259) that checks it is a single object and notes what each
/// member named in `names` holds, wherever it is nested: `true`, `null`, or anything else.
struct WithheldScan {
    let bytes: UnsafeBufferPointer<UInt8>
    let names: Set<String>
    private(set) var sawTrue = false
    private(set) var sawText = false
    private var at = 0

    /// Deeper than any row and its children; a reader's stack stays bounded.
    static let deepest = 256

    init(bytes: UnsafeBufferPointer<UInt8>, names: Set<String>) {
        self.bytes = bytes
        self.names = names
    }

    /// Whether the bytes are one JSON object, with nothing but white space around it.
    mutating func document() -> Bool {
        skipSpace()
        guard peek == UInt8(ascii: "{"), value(depth: 0) else { return false }
        skipSpace()
        return at == bytes.count
    }

    private var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { at += 1 }
    }

    private mutating func value(depth: Int) -> Bool {
        guard depth < Self.deepest, let byte = peek else { return false }
        switch byte {
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "\""): return string() != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return number()
        }
    }

    private mutating func object(depth: Int) -> Bool {
        at += 1
        skipSpace()
        if peek == UInt8(ascii: "}") {
            at += 1
            return true
        }
        while true {
            guard let key = string() else { return false }
            skipSpace()
            guard peek == UInt8(ascii: ":") else { return false }
            at += 1
            skipSpace()
            let start = at
            guard value(depth: depth + 1) else { return false }
            if isWithheld(key) {
                let held = bytes[start..<at]
                if held.elementsEqual("true".utf8) {
                    sawTrue = true
                } else if !held.elementsEqual("null".utf8) {
                    sawText = true
                }
            }
            skipSpace()
            guard let next = peek else { return false }
            at += 1
            if next == UInt8(ascii: "}") { return true }
            guard next == UInt8(ascii: ",") else { return false }
            skipSpace()
        }
    }

    private mutating func array(depth: Int) -> Bool {
        at += 1
        skipSpace()
        if peek == UInt8(ascii: "]") {
            at += 1
            return true
        }
        while true {
            guard value(depth: depth + 1) else { return false }
            skipSpace()
            guard let next = peek else { return false }
            at += 1
            if next == UInt8(ascii: "]") { return true }
            guard next == UInt8(ascii: ",") else { return false }
            skipSpace()
        }
    }

    /// Reads a string; returns its bytes with the quotes (escapes as written), or nil.
    private mutating func string() -> Range<Int>? {
        guard peek == UInt8(ascii: "\"") else { return nil }
        let start = at
        at += 1
        while let byte = peek {
            at += 1
            switch byte {
            case UInt8(ascii: "\""):
                return start..<at
            case UInt8(ascii: "\\"):
                guard let escaped = peek else { return nil }
                at += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"), UInt8(ascii: "n"),
                    UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    guard at + 4 <= bytes.count, bytes[at..<(at + 4)].allSatisfy(\.isHexDigit) else { return nil }
                    at += 4
                default:
                    return nil
                }
            case 0..<0x20:
                return nil
            default:
                continue
            }
        }
        return nil
    }

    /// Whether the key (its bytes with quotes) names a withheld column, escapes read.
    private func isWithheld(_ key: Range<Int>) -> Bool {
        let inner = bytes[(key.lowerBound + 1)..<(key.upperBound - 1)]
        guard inner.contains(UInt8(ascii: "\\")) else { return names.contains(String(decoding: inner, as: UTF8.self)) }
        // A key spelled with escapes (`"no\u0074e"`) is the same key: read it as JSON does.
        let name = try? JSONSerialization.jsonObject(with: Data(bytes[key]), options: [.fragmentsAllowed]) as? String
        return name.map(names.contains) ?? true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let matches = word.withUTF8Buffer { bytes[at..<(at + count)].elementsEqual($0) }
        at += count
        return matches
    }

    private mutating func number() -> Bool {
        if peek == UInt8(ascii: "-") { at += 1 }
        guard let first = peek, first.isDigit else { return false }
        at += 1
        if first != UInt8(ascii: "0") { skipDigits() }
        if peek == UInt8(ascii: ".") {
            at += 1
            guard peek?.isDigit == true else { return false }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            at += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { at += 1 }
            guard peek?.isDigit == true else { return false }
            skipDigits()
        }
        return true
    }

    private mutating func skipDigits() {
        while peek?.isDigit == true { at += 1 }
    }
}

private extension UInt8 {
    var isDigit: Bool { self >= 0x30 && self <= 0x39 }
    var isHexDigit: Bool { isDigit || (self >= 0x41 && self <= 0x46) || (self >= 0x61 && self <= 0x66) }
}
