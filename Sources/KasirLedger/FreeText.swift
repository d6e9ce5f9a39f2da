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
    public static func check(_ snapshot: String, table: String) -> Form {
        guard let columns = withheld[table], !columns.isEmpty else { return .nothingWithheld }
        guard let object = try? JSONSerialization.jsonObject(with: Data(snapshot.utf8), options: [.fragmentsAllowed]) as? [String: Any] else {
            return .unreadable
        }
        var sawTrue = false, sawText = false
        visit(object, columns: columns) { value in
            // Text (or anything that could carry some) is in clear; the writer's `true` is a
            // marker, and a number carries no words.
            if value is NSNull { return }
            if value is String || value is [Any] || value is [String: Any] { sawText = true } else { sawTrue = true }
        }
        // The bytes as they will be stored, not only their meaning: a key given twice reads as
        // its last value, so every occurrence of a withheld key must be followed by `true` or
        // `null` itself. (A quote inside a string is escaped, so `"key":` is only ever a key.)
        let bytes = Array(snapshot.utf8)
        for column in columns {
            let key = Array("\"\(column)\":".utf8)
            var start = 0
            while let found = firstRange(of: key, in: bytes, from: start) {
                let value = bytes[found.upperBound...]
                if value.starts(with: Array("true".utf8)) {
                    sawTrue = true
                } else if !value.starts(with: Array("null".utf8)) {
                    sawText = true
                }
                start = found.upperBound
            }
        }
        return sawText ? .inClear : sawTrue ? .withheld : .nothingWithheld
    }

    static func firstRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Range<Int>? {
        guard needle.count <= haystack.count else { return nil }
        var index = start
        while index + needle.count <= haystack.count {
            if haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
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

    static func visit(_ value: Any, columns: Set<String>, _ body: (Any) -> Void) {
        if let object = value as? [String: Any] {
            for (key, inner) in object {
                if columns.contains(key) { body(inner) } else { visit(inner, columns: columns, body) }
            }
        } else if let array = value as? [Any] {
            for inner in array { visit(inner, columns: columns, body) }
        }
    }
}
