import Foundation

/// An amount of money in whole Rupiah.
///
/// Money is never a floating-point number: Rupiah has no minor unit in use, so every amount,
/// tax and change is a whole `Int64`.
///
/// ```swift
/// let price: Rupiah = 18_000
/// price.formatted          // "Rp18.000"
/// try Rupiah.parse("Rp50.000") == 50_000
/// ```
public struct Rupiah: Hashable, Comparable, Sendable, Codable, ExpressibleByIntegerLiteral,
    CustomStringConvertible
{
    public var value: Int64

    public init(_ value: Int64) { self.value = value }
    public init(integerLiteral value: Int64) { self.value = value }

    public static let zero = Rupiah(0)

    /// The largest amount a person may type: one billion Rupiah. Anything above is a typo.
    public static let largestAccepted = Rupiah(1_000_000_000)

    public static func < (a: Rupiah, b: Rupiah) -> Bool { a.value < b.value }
    public static func + (a: Rupiah, b: Rupiah) -> Rupiah { Rupiah(a.value + b.value) }
    public static func - (a: Rupiah, b: Rupiah) -> Rupiah { Rupiah(a.value - b.value) }
    public static func * (a: Rupiah, b: Int) -> Rupiah { Rupiah(a.value * Int64(b)) }
    public static func += (a: inout Rupiah, b: Rupiah) { a.value += b.value }
    public static func -= (a: inout Rupiah, b: Rupiah) { a.value -= b.value }
    public static prefix func - (a: Rupiah) -> Rupiah { Rupiah(-a.value) }

    /// Bank Indonesia style: `Rp18.000`, `-Rp2.000`.
    public var formatted: String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { grouped.append(".") }
            grouped.append(character)
        }
        return (value < 0 ? "-Rp" : "Rp") + grouped
    }

    public var description: String { formatted }

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }

    /// Reads an amount as people type it.
    ///
    /// Accepted: `50000`, `50.000`, `Rp50.000`, `rp 50000`, `50rb`, `50k`. Refused: decimals,
    /// negative amounts, misplaced thousands dots (`5.00`), and anything above
    /// ``largestAccepted``.
    ///
    /// - Parameter text: what the person typed.
    /// - Throws: ``InputError/malformedAmount(_:)`` or ``InputError/amountTooLarge(_:)``.
    public static func parse(_ text: String) throws(InputError) -> Rupiah {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if rest.lowercased().hasPrefix("rp") {
            rest = rest.dropFirst(2).drop(while: { $0 == " " })
        }
        var multiplier: Int64 = 1
        let lower = rest.lowercased()
        if lower.hasSuffix("rb") {
            multiplier = 1000
            rest = rest.dropLast(2)
        } else if lower.hasSuffix("k") {
            multiplier = 1000
            rest = rest.dropLast(1)
        }
        let groups = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = groups.first, !first.isEmpty, first.count <= 13,
            groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            groups.count == 1 || (multiplier == 1 && first.count <= 3
                && groups.dropFirst().allSatisfy { $0.count == 3 })
        else { throw .malformedAmount(clipped(text)) }
        let digits = groups.joined()
        guard digits.count <= 13, let number = Int64(digits) else {
            throw .malformedAmount(clipped(text))
        }
        let (amount, overflow) = number.multipliedReportingOverflow(by: multiplier)
        guard !overflow, amount <= largestAccepted.value else {
            throw .amountTooLarge(clipped(text))
        }
        return Rupiah(amount)
    }
}

/// Shortens what a person typed before it is echoed back in an error line.
public func clipped(_ text: String, to limit: Int = 40) -> String {
    let printable = String(text.unicodeScalars.map { scalar in
        scalar.properties.generalCategory == .control ? "?" : Character(scalar)
    })
    return printable.count > limit ? String(printable.prefix(limit)) + "…" : printable
}
