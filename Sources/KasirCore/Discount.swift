import Foundation

/// A reduction a supervisor approved: a percentage or an amount, on a line or the whole order.
///
/// ```swift
/// try Discount.parse("10%")      // ten percent
/// try Discount.parse("5.000")    // Rp5.000 off
/// ```
public enum Discount: Hashable, Sendable, Codable {
    case percent(Percentage)
    case amount(Rupiah)

    /// Reads `10%`, `12,5%` or an amount such as `5000` / `Rp5.000`.
    public static func parse(_ text: String) throws(InputError) -> Discount {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            let number = trimmed.dropLast().replacingOccurrences(of: ",", with: ".")
            let parts = number.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
                let whole = Int64(parts[0]), parts.count == 1 || parts[1].count <= 2
            else { throw .malformedAmount(clipped(text)) }
            let fraction = parts.count == 2 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
            let basisPoints = whole * 100 + fraction
            guard basisPoints > 0, basisPoints <= 10_000 else { throw .amountTooLarge(clipped(text)) }
            return .percent(Percentage(basisPoints: basisPoints))
        }
        let amount = try Rupiah.parse(trimmed)
        guard amount > .zero else { throw .malformedAmount(clipped(text)) }
        return .amount(amount)
    }

    /// What it takes off `amount`, never more than `amount`; percentages round halves up.
    public func reduction(of amount: Rupiah) -> Rupiah {
        switch self {
        case .percent(let rate): return min(rate.of(amount), amount)
        case .amount(let value): return min(value, amount)
        }
    }

    public var formatted: String {
        switch self {
        case .percent(let rate): return rate.formatted
        case .amount(let value): return value.formatted
        }
    }
}

/// A supervisor's approval, as the domain needs it: who, why and when.
public struct Approval: Hashable, Sendable, Codable {
    public var supervisorCode: String
    public var reason: String
    public var at: Date

    public init(supervisorCode: String, reason: String, at: Date) {
        self.supervisorCode = supervisorCode
        self.reason = reason
        self.at = at
    }
}
