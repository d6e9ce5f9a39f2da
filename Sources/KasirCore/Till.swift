import Foundation

/// Cash counted by denomination, as in a blind count or a counted float.
///
/// ```swift
/// let count = try CashCount.parse("100000x2,50000x3,2000x4", denominations: CafeDenominations)
/// count.total   // 358_000
/// ```
public struct CashCount: Hashable, Sendable, Codable {
    public var pieces: [Rupiah: Int]

    public init(pieces: [Rupiah: Int]) { self.pieces = pieces }

    public var total: Rupiah { pieces.reduce(.zero) { $0 + $1.key * $1.value } }

    /// Reads `VALUE x COUNT` pairs separated by commas; values must be in `denominations`.
    public static func parse(_ text: String, denominations: [Rupiah]) throws(InputError) -> CashCount {
        var pieces: [Rupiah: Int] = [:]
        let entries = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .malformedCount(clipped(text)) }
        for entry in entries {
            let parts = entry.lowercased().split(separator: "x", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw .malformedCount(clipped(String(entry))) }
            let value = try Rupiah.parse(String(parts[0]))
            guard denominations.contains(value) else { throw .unknownDenomination(clipped(String(parts[0]))) }
            let countText = parts[1].trimmingCharacters(in: .whitespaces)
            guard !countText.isEmpty, countText.count <= 5, countText.allSatisfy({ $0.isASCII && $0.isNumber }), let count = Int(countText) else {
                throw .malformedCount(clipped(String(entry)))
            }
            pieces[value, default: 0] += count
        }
        return CashCount(pieces: pieces.filter { $0.value > 0 })
    }

    /// `100000x2,50000x3`, largest first.
    public var description: String {
        pieces.sorted { $0.key > $1.key }.map { "\($0.key.value)x\($0.value)" }.joined(separator: ",")
    }
}

/// The figures of a till session, from which X and Z reports are printed.
///
/// Everything is per till session, never per calendar day: a session may cross midnight.
public struct TillFigures: Hashable, Sendable, Codable {
    public var float: Rupiah = .zero
    public var cashSales: Rupiah = .zero
    public var qrisSales: Rupiah = .zero
    /// Refunds paid out of the drawer, including QRIS parts a supervisor chose to pay back in
    /// cash: as they left it, with their cash rounding.
    public var cashRefunds: Rupiah = .zero
    /// Refunds sent back by QRIS or transfer.
    public var qrisRefunds: Rupiah = .zero
    /// The part of `cashRefunds` that reversed QRIS payments.
    public var qrisRefundedInCash: Rupiah = .zero
    public var payIns: Rupiah = .zero
    public var payOuts: Rupiah = .zero
    public var orders = 0
    public var voids = 0
    public var voidedTotal: Rupiah = .zero
    public var discounts: Rupiah = .zero

    public init() {}

    /// float + cash sales − cash refunds + pay-ins − pay-outs.
    public var expectedCash: Rupiah { float + cashSales - cashRefunds + payIns - payOuts }

    /// Counted minus expected: negative when the drawer is short.
    public func variance(counted: Rupiah) -> Rupiah { counted - expectedCash }
}

