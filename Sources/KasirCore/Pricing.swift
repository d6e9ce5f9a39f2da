import Foundation

/// A percentage kept exactly, in hundredths of a percent (basis points): 10% is `1000`.
public struct Percentage: Hashable, Sendable, Codable, Comparable {
    public var basisPoints: Int64
    public init(basisPoints: Int64) { self.basisPoints = basisPoints }
    public static func percent(_ whole: Int64) -> Percentage { Percentage(basisPoints: whole * 100) }
    public static let zero = Percentage(basisPoints: 0)
    public static func < (a: Percentage, b: Percentage) -> Bool { a.basisPoints < b.basisPoints }
    public var isZero: Bool { basisPoints == 0 }

    /// This percentage of `amount`, in whole Rupiah, halves rounded up.
    public func of(_ amount: Rupiah) -> Rupiah {
        PricingPolicy.share(of: amount, numerator: basisPoints, denominator: 10_000)
    }

    /// Reads `10`, `10%`, `2,5` or `2.5%`: 0 to 100 with at most two decimals.
    ///
    /// - Throws: ``InputError/malformedAmount(_:)``.
    public static func parse(_ text: String) throws(InputError) -> Percentage {
        var number = text.trimmingCharacters(in: .whitespaces)
        if number.hasSuffix("%") { number.removeLast() }
        let parts = number.replacingOccurrences(of: ",", with: ".").split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 3 && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let whole = Int64(parts[0]), parts.count == 1 || parts[1].count <= 2
        else { throw .malformedAmount(String(text.prefix(20))) }
        let fraction = parts.count == 2 ? Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))! : 0
        guard whole * 100 + fraction <= 10_000 else { throw .malformedAmount(String(text.prefix(20))) }
        return Percentage(basisPoints: whole * 100 + fraction)
    }

    /// Indonesian style, decimal comma and no trailing zero: `10%`, `2,5%`, `0,25%`.
    public var formatted: String {
        var fraction = String(format: "%02d", basisPoints % 100)
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(basisPoints / 100)" + (fraction.isEmpty ? "" : "," + fraction) + "%"
    }
}

/// How the regional restaurant tax (PBJT, printed "PB1") applies to the menu's prices.
public struct TaxPolicy: Hashable, Sendable, Codable {
    public var rate: Percentage
    /// When true the menu prices already contain the tax; when false it is added on top.
    public var pricesIncludeTax: Bool
    public var label: String

    public init(rate: Percentage, pricesIncludeTax: Bool, label: String = "PB1") {
        self.rate = rate
        self.pricesIncludeTax = pricesIncludeTax
        self.label = label
    }

    public static let none = TaxPolicy(rate: .zero, pricesIncludeTax: false)
}

/// How the payable total is rounded to an amount the drawer can give change for.
public struct RoundingRule: Hashable, Sendable, Codable {
    public enum Mode: String, Sendable, Codable { case nearest, down, up }

    /// The step in Rupiah: 1 means no rounding, 100 rounds to the smallest coin in use.
    public var unit: Int64
    public var mode: Mode

    public init(unit: Int64, mode: Mode) {
        self.unit = max(unit, 1)
        self.mode = mode
    }

    public static let none = RoundingRule(unit: 1, mode: .nearest)

    /// Rounds a non-negative amount; `nearest` rounds halves up.
    public func apply(to amount: Rupiah) -> Rupiah {
        let remainder = amount.value % unit
        guard remainder != 0 else { return amount }
        let down = amount.value - remainder
        switch mode {
        case .down: return Rupiah(down)
        case .up: return Rupiah(down + unit)
        case .nearest: return Rupiah(remainder * 2 >= unit ? down + unit : down)
        }
    }
}

/// The figures at the foot of a bill.
public struct Totals: Hashable, Sendable, Codable {
    /// The lines added up, at their prices before discounts.
    public var subtotal: Rupiah
    /// Line and order discounts together.
    public var discount: Rupiah
    public var serviceCharge: Rupiah
    /// The tax in the bill: added on top, or the part of the total that is tax when inclusive.
    public var tax: Rupiah
    public var taxIncluded: Bool
    /// What rounding added (positive) or took off (negative).
    public var rounding: Rupiah
    /// What the customer pays.
    public var total: Rupiah

    public init(subtotal: Rupiah, discount: Rupiah = .zero, serviceCharge: Rupiah, tax: Rupiah, taxIncluded: Bool, rounding: Rupiah, total: Rupiah) {
        self.subtotal = subtotal
        self.discount = discount
        self.serviceCharge = serviceCharge
        self.tax = tax
        self.taxIncluded = taxIncluded
        self.rounding = rounding
        self.total = total
    }
}

/// Turns a subtotal into the payable total: discounts, service charge, tax, then rounding.
///
/// The arithmetic, in whole Rupiah with halves rounded up at each step:
/// - net = subtotal − discounts; everything below is computed on the net
/// - service = net × service%
/// - exclusive tax: tax = (subtotal + service) × rate; total = subtotal + service + tax
/// - inclusive tax: total = subtotal + service; tax = total × rate / (100% + rate)
/// - the total is then rounded by the ``RoundingRule``; the difference is the rounding line.
///
/// ```swift
/// let policy = PricingPolicy(tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: false))
/// policy.totals(subtotal: 18_000).total   // 19_800
/// ```
public struct PricingPolicy: Hashable, Sendable, Codable {
    public var tax: TaxPolicy
    public var serviceCharge: Percentage
    public var rounding: RoundingRule

    public init(tax: TaxPolicy = .none, serviceCharge: Percentage = .zero, rounding: RoundingRule = .none) {
        self.tax = tax
        self.serviceCharge = serviceCharge
        self.rounding = rounding
    }

    public func totals(subtotal: Rupiah, discount: Rupiah = .zero) -> Totals {
        let net = subtotal - discount
        let service = Self.share(of: net, numerator: serviceCharge.basisPoints, denominator: 10_000)
        let beforeTax = net + service
        let rate = tax.rate.basisPoints
        let taxAmount: Rupiah
        let gross: Rupiah
        if tax.pricesIncludeTax {
            taxAmount = Self.share(of: beforeTax, numerator: rate, denominator: 10_000 + rate)
            gross = beforeTax
        } else {
            taxAmount = Self.share(of: beforeTax, numerator: rate, denominator: 10_000)
            gross = beforeTax + taxAmount
        }
        let total = rounding.apply(to: gross)
        return Totals(
            subtotal: subtotal, discount: discount, serviceCharge: service, tax: taxAmount, taxIncluded: tax.pricesIncludeTax,
            rounding: total - gross, total: total)
    }

    /// `amount × numerator / denominator`, halves rounded up, for non-negative amounts.
    static func share(of amount: Rupiah, numerator: Int64, denominator: Int64) -> Rupiah {
        Rupiah((amount.value * numerator + denominator / 2) / denominator)
    }
}
