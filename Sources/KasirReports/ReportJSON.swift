import Foundation
import Synchronization

/// Reports' JSON as Foundation's `JSONEncoder` writes it with `.prettyPrinted`, `.sortedKeys`,
/// `.withoutEscapingSlashes` and `.convertToSnakeCase`, byte for byte, several times faster:
/// written straight into bytes, with no type looked up at run time, each property name
/// converted once. A month of two hundred cafés' training is megabytes, and Foundation took
/// more than half a second of the report's second for it.
///
/// What it does not write as Foundation would (dates, data, URLs and decimals, which Foundation
/// writes in its own ways; a number that is not finite; a super encoder) it refuses with
/// ``Unsupported``, and ``encode(_:)`` falls back to Foundation's encoder for the whole value.
///
/// ```swift
/// let bytes = try ReportJSON.encode(report)   // == JSONEncoder with those four settings
/// ```
public enum ReportJSON {
    /// What this writer leaves to Foundation.
    struct Unsupported: Error {}

    /// Foundation's encoder with the reports' settings: the reference these bytes equal.
    public static var foundation: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }

    /// `value` as ``foundation`` writes it.
    public static func encode<Value: Encodable>(_ value: Value) throws -> Data {
        let context = Context()
        let root = Node(depth: 0, context: context)
        do {
            try write(value, into: root, codingPath: [])
        } catch is Unsupported {
            return try foundation.encode(value)
        }
        guard !context.refused else { return try foundation.encode(value) }
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        root.write(into: &out)
        return Data(out)
    }

    /// `value` as ``encode(_:)`` writes it where it stands `depth` levels down in a document,
    /// to be placed there as it is (``Fragment``); nil when only Foundation writes it.
    ///
    /// The elements of one large array can so be written on several cores, and the document
    /// made of them is byte for byte the one ``encode(_:)`` writes of the values themselves.
    ///
    /// ```swift
    /// let cafes = results.map { ReportJSON.fragment($0, depth: 2) }   // {"cafes": [here]}
    /// ```
    public static func fragment<Value: Encodable>(_ value: Value, depth: Int) -> Fragment? {
        let context = Context()
        let root = Node(depth: depth, context: context)
        do {
            try write(value, into: root, codingPath: [])
        } catch {
            return nil
        }
        guard !context.refused else { return nil }
        var out: [UInt8] = []
        root.write(into: &out)
        return Fragment(bytes: out)
    }

    /// A value written already by ``fragment(_:depth:)``. Only this writer places it; Foundation
    /// (and so ``encode(_:)`` when it leaves the value to Foundation) refuses it with
    /// ``Unsupported``.
    public struct Fragment: Encodable, Sendable {
        let bytes: [UInt8]

        public func encode(to encoder: any Encoder) throws {
            guard let writer = encoder as? ValueEncoder, !bytes.isEmpty else { throw Unsupported() }
            writer.node.bytes = bytes
        }
    }

    /// Property names as Foundation's snake case makes them, asked of Foundation once per name.
    /// Nil when Foundation could not be asked: the value is then left to it.
    static func snakeCase(_ name: String) -> String? {
        names.withLock { cache in
            if let known = cache[name] { return known }
            guard let converted = try? JSONDecoder().decode([String: Int].self, from: foundation.encode(NameProbe(name: name))).keys.first else { return nil }
            cache[name] = converted
            return converted
        }
    }

    static let names = Mutex<[String: String]>([:])

    /// One property named `name`: Foundation converts it as it converts any property name.
    struct NameProbe: Encodable {
        let name: String
        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(0, forKey: Key(stringValue: name))
        }
    }

    /// Whether `Key` is the standard library's key of a dictionary: its keys are data, written as
    /// they are (Foundation converts only property names).
    static func isDictionaryKey<Key: CodingKey>(_ key: Key.Type) -> Bool {
        dictionaryKeys.withLock { cache in
            let id = ObjectIdentifier(key)
            if let known = cache[id] { return known }
            let answer = String(reflecting: key).hasSuffix("_DictionaryCodingKey")
            cache[id] = answer
            return answer
        }
    }

    static let dictionaryKeys = Mutex<[ObjectIdentifier: Bool]>([:])

    /// A value being written: a scalar's bytes, or an object's members or an array's elements.
    final class Node {
        enum Kind { case scalar, object, array }
        var kind: Kind = .scalar
        var bytes: [UInt8] = []
        var members: [(key: String, node: Node)] = []
        var elements: [Node] = []
        let depth: Int
        /// What the whole value's writing shares.
        let context: Context

        init(depth: Int, context: Context) {
            self.depth = depth
            self.context = context
        }

        func child() -> Node { Node(depth: depth + 1, context: context) }

        /// The value's text, written at its depth.
        func write(into out: inout [UInt8]) {
            switch kind {
            case .scalar:
                out.append(contentsOf: bytes)
            case .object:
                out.append(contentsOf: "{\n".utf8)
                let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
                for (index, member) in sorted.enumerated() {
                    indent(&out, depth + 1)
                    ReportJSON.string(member.key, into: &out)
                    out.append(contentsOf: " : ".utf8)
                    member.node.write(into: &out)
                    out.append(contentsOf: (index < sorted.count - 1 ? ",\n" : "\n").utf8)
                }
                if sorted.isEmpty { out.append(UInt8(ascii: "\n")) }
                indent(&out, depth)
                out.append(UInt8(ascii: "}"))
            case .array:
                out.append(contentsOf: "[\n".utf8)
                for (index, element) in elements.enumerated() {
                    indent(&out, depth + 1)
                    element.write(into: &out)
                    out.append(contentsOf: (index < elements.count - 1 ? ",\n" : "\n").utf8)
                }
                if elements.isEmpty { out.append(UInt8(ascii: "\n")) }
                indent(&out, depth)
                out.append(UInt8(ascii: "]"))
            }
        }

        func indent(_ out: inout [UInt8], _ depth: Int) {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
        }
    }

    /// What one call of ``encode(_:)`` shares: whether Foundation must write the value after
    /// all, and the property names converted so far (no lock for each of the hundreds of
    /// thousands of keys a month of cafés has).
    final class Context {
        /// Set when something was asked that only Foundation writes: the whole value goes to it.
        var refused = false
        var names: [String: String] = [:]

        var dictionaryKeys: [ObjectIdentifier: Bool] = [:]

        func isDictionaryKey<Key: CodingKey>(_ key: Key.Type) -> Bool {
            if let known = dictionaryKeys[ObjectIdentifier(key)] { return known }
            let answer = ReportJSON.isDictionaryKey(key)
            dictionaryKeys[ObjectIdentifier(key)] = answer
            return answer
        }

        func converted(_ name: String) -> String {
            if let known = names[name] { return known }
            guard let converted = ReportJSON.snakeCase(name) else {
                refused = true
                return name
            }
            names[name] = converted
            return converted
        }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped as
    /// Foundation escapes them, everything else as it is.
    static func string(_ text: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: "\\\"".utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: "\\\\".utf8)
            case 0x0A: out.append(contentsOf: "\\n".utf8)
            case 0x0D: out.append(contentsOf: "\\r".utf8)
            case 0x09: out.append(contentsOf: "\\t".utf8)
            case 0x08: out.append(contentsOf: "\\b".utf8)
            case 0x0C: out.append(contentsOf: "\\f".utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: "\\u00".utf8)
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A finite number as Foundation writes it: its shortest form, without a trailing `.0`.
    static func number(_ value: Double) throws -> [UInt8] {
        guard value.isFinite else { throw Unsupported() }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return Array(text.utf8)
    }

    static func integer<Integer: BinaryInteger>(_ value: Integer) -> [UInt8] { Array(String(value).utf8) }

    /// Writes `value` into `node`: the scalars this writer knows by their type, everything else
    /// through its own `encode(to:)`; what Foundation writes its own way (dates, data, URLs,
    /// decimals, floats) refused.
    static func write<T: Encodable>(_ value: T, into node: Node, codingPath: [any CodingKey]) throws {
        if T.self == String.self {
            string(unsafeBitCast(value, to: String.self), into: &node.bytes)
        } else if T.self == Int.self {
            node.bytes = integer(unsafeBitCast(value, to: Int.self))
        } else if T.self == Double.self {
            node.bytes = try number(unsafeBitCast(value, to: Double.self))
        } else if T.self == Bool.self {
            node.bytes = Array((unsafeBitCast(value, to: Bool.self) ? "true" : "false").utf8)
        } else if T.self == Int64.self {
            node.bytes = integer(unsafeBitCast(value, to: Int64.self))
        } else if T.self == Date.self || T.self == Data.self || T.self == URL.self || T.self == Decimal.self || T.self == Float.self {
            throw Unsupported()
        } else {
            try value.encode(to: ValueEncoder(node: node, codingPath: codingPath))
            // A value that wrote nothing Foundation writes as an empty object: left to it.
            if node.kind == .scalar && node.bytes.isEmpty { throw Unsupported() }
        }
    }

    struct ValueEncoder: Encoder {
        let node: Node
        let codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            node.kind = .object
            return KeyedEncodingContainer(Keyed<Key>(node: node, codingPath: codingPath, convert: !node.context.isDictionaryKey(Key.self)))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            node.kind = .array
            return Unkeyed(node: node, codingPath: codingPath)
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { Single(node: node, codingPath: codingPath) }
    }

    struct Keyed<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let node: Node
        let codingPath: [any CodingKey]
        /// Property names are converted to snake case; a dictionary's keys are kept.
        let convert: Bool

        func member(_ key: Key) -> Node {
            let child = node.child()
            let name = convert ? node.context.converted(key.stringValue) : key.stringValue
            // A key written twice Foundation merges or overwrites: left to it.
            if node.members.contains(where: { $0.key == name }) { node.context.refused = true }
            node.members.append((name, child))
            return child
        }

        mutating func encodeNil(forKey key: Key) throws { member(key).bytes = Array("null".utf8) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { member(key).bytes = Array((value ? "true" : "false").utf8) }
        mutating func encode(_ value: String, forKey key: Key) throws { ReportJSON.string(value, into: &member(key).bytes) }
        mutating func encode(_ value: Double, forKey key: Key) throws { member(key).bytes = try ReportJSON.number(value) }
        mutating func encode(_ value: Float, forKey key: Key) throws { throw Unsupported() }
        mutating func encode(_ value: Int, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { member(key).bytes = ReportJSON.integer(value) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            try ReportJSON.write(value, into: member(key), codingPath: codingPath + [key])
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            ValueEncoder(node: member(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            ValueEncoder(node: member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { ReportJSON.refusing(node) }
        mutating func superEncoder(forKey key: Key) -> any Encoder { ReportJSON.refusing(node) }
    }

    struct Unkeyed: UnkeyedEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]
        var count: Int { node.elements.count }

        func element() -> Node {
            let child = node.child()
            node.elements.append(child)
            return child
        }

        mutating func encodeNil() throws { element().bytes = Array("null".utf8) }
        mutating func encode(_ value: Bool) throws { element().bytes = Array((value ? "true" : "false").utf8) }
        mutating func encode(_ value: String) throws { ReportJSON.string(value, into: &element().bytes) }
        mutating func encode(_ value: Double) throws { element().bytes = try ReportJSON.number(value) }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { element().bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int64) throws { element().bytes = ReportJSON.integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try ReportJSON.write(value, into: element(), codingPath: codingPath) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            ValueEncoder(node: element(), codingPath: codingPath).container(keyedBy: keyType)
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            ValueEncoder(node: element(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superEncoder() -> any Encoder { ReportJSON.refusing(node) }
    }

    struct Single: SingleValueEncodingContainer {
        let node: Node
        let codingPath: [any CodingKey]

        mutating func encodeNil() throws { node.bytes = Array("null".utf8) }
        mutating func encode(_ value: Bool) throws { node.bytes = Array((value ? "true" : "false").utf8) }
        mutating func encode(_ value: String) throws {
            node.bytes = []
            ReportJSON.string(value, into: &node.bytes)
        }
        mutating func encode(_ value: Double) throws { node.bytes = try ReportJSON.number(value) }
        mutating func encode(_ value: Float) throws { throw Unsupported() }
        mutating func encode(_ value: Int) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int8) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int16) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int32) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: Int64) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt8) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt16) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt32) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode(_ value: UInt64) throws { node.bytes = ReportJSON.integer(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try ReportJSON.write(value, into: node, codingPath: codingPath) }
    }

    /// A super encoder, which only Foundation writes: the value is left to it.
    static func refusing(_ node: Node) -> any Encoder {
        node.context.refused = true
        return ValueEncoder(node: node.child(), codingPath: [])
    }
}
