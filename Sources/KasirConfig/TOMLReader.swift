import Foundation
import KasirCore
import TOMLKit

/// Reads typed values out of a TOML table, naming file and key path in every error.
struct TOMLReader {
    let file: String
    let path: String
    let table: TOMLTable

    /// Parses `text`; a syntax error names the line and column.
    static func parse(_ text: String, file: String) throws(ConfigError) -> TOMLReader {
        do {
            return TOMLReader(file: file, path: "", table: try TOMLTable(string: text))
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column, message: error.description)
        } catch {
            throw .syntax(file: file, line: 0, column: 0, message: "\(error)")
        }
    }

    func key(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    func fail(_ name: String, _ problem: ConfigProblem) -> ConfigError {
        .invalid(file: file, key: key(name), problem: problem)
    }

    func has(_ name: String) -> Bool { table[name] != nil }

    func table(_ name: String) throws(ConfigError) -> TOMLReader? {
        guard let value = table[name] else { return nil }
        guard let child = value.table else { throw fail(name, .wrongType(expected: "table")) }
        return TOMLReader(file: file, path: key(name), table: child)
    }

    func tables(_ name: String) throws(ConfigError) -> [TOMLReader] {
        guard let value = table[name] else { return [] }
        guard let array = value.array else { throw fail(name, .wrongType(expected: "array of tables")) }
        var readers: [TOMLReader] = []
        for (index, element) in array.enumerated() {
            guard let child = element.table else { throw fail("\(name)[\(index)]", .wrongType(expected: "table")) }
            readers.append(TOMLReader(file: file, path: key("\(name)[\(index)]"), table: child))
        }
        return readers
    }

    func string(_ name: String) throws(ConfigError) -> String? {
        guard let value = table[name] else { return nil }
        guard let string = value.string else { throw fail(name, .wrongType(expected: "string")) }
        return string
    }

    func requiredString(_ name: String) throws(ConfigError) -> String {
        guard let string = try string(name), !string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw fail(name, .missing)
        }
        return string
    }

    func int(_ name: String) throws(ConfigError) -> Int64? {
        guard let value = table[name] else { return nil }
        guard let int = value.int else { throw fail(name, .wrongType(expected: "whole number")) }
        return Int64(int)
    }

    /// A whole number that must lie in `range`.
    func int(_ name: String, range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let value = try int(name) else { return nil }
        guard value >= Int64(range.lowerBound), value <= Int64(range.upperBound) else {
            throw fail(name, .outOfRange("\(range.lowerBound)–\(range.upperBound)"))
        }
        return Int(value)
    }

    func bool(_ name: String) throws(ConfigError) -> Bool? {
        guard let value = table[name] else { return nil }
        guard let bool = value.bool else { throw fail(name, .wrongType(expected: "true or false")) }
        return bool
    }

    /// A percentage written as `10` or `2.5`, kept exactly to the hundredth.
    func percentage(_ name: String, range: ClosedRange<Int64>) throws(ConfigError) -> Percentage? {
        guard let value = table[name] else { return nil }
        let basisPoints: Int64
        if let int = value.int {
            basisPoints = Int64(int) * 100
        } else if let double = value.double, double.isFinite, abs(double) < 1_000 {
            basisPoints = Int64((double * 100).rounded())
        } else {
            throw fail(name, .wrongType(expected: "number"))
        }
        guard range.contains(basisPoints) else {
            throw fail(name, .outOfRange("\(range.lowerBound / 100)–\(range.upperBound / 100)"))
        }
        return Percentage(basisPoints: basisPoints)
    }

    func money(_ name: String) throws(ConfigError) -> Rupiah? {
        guard let value = try int(name) else { return nil }
        guard abs(value) <= Rupiah.largestAccepted.value else { throw fail(name, .outOfRange("0–1000000000")) }
        return Rupiah(value)
    }

    func strings(_ name: String) throws(ConfigError) -> [String]? {
        guard let value = table[name] else { return nil }
        guard let array = value.array else { throw fail(name, .wrongType(expected: "array of strings")) }
        var strings: [String] = []
        for (index, element) in array.enumerated() {
            guard let string = element.string else { throw fail("\(name)[\(index)]", .wrongType(expected: "string")) }
            strings.append(string)
        }
        return strings
    }

    func ints(_ name: String) throws(ConfigError) -> [Int64]? {
        guard let value = table[name] else { return nil }
        guard let array = value.array else { throw fail(name, .wrongType(expected: "array of whole numbers")) }
        var ints: [Int64] = []
        for (index, element) in array.enumerated() {
            guard let int = element.int else { throw fail("\(name)[\(index)]", .wrongType(expected: "whole number")) }
            ints.append(Int64(int))
        }
        return ints
    }

    func oneOf(_ name: String, _ allowed: [String]) throws(ConfigError) -> String? {
        guard let string = try string(name) else { return nil }
        guard allowed.contains(string) else { throw fail(name, .notOneOf(allowed)) }
        return string
    }
}
