import Foundation

extension Rupiah {
    /// Shares `pool` in proportion to `weights` without losing or inventing a Rupiah.
    ///
    /// Each entry first gets the whole Rupiah of its exact share; the Rupiah left over by the
    /// rounding go one each to the largest remainders, ties to the earlier entry. The result
    /// always adds up to `pool` (or is all zero when every weight is zero).
    ///
    /// ```swift
    /// Rupiah.allocate(100, weights: [1, 1, 1])        // [34, 33, 33]
    /// Rupiah.allocate(2_600, weights: [20_000, 6_000]) // [2_000, 600]
    /// ```
    ///
    /// - Parameters:
    ///   - pool: what is shared; not negative.
    ///   - weights: one non-negative weight per entry.
    public static func allocate(_ pool: Rupiah, weights: [Int64]) -> [Rupiah] {
        let total = weights.reduce(0, +)
        guard total > 0, pool.value > 0 else { return weights.map { _ in .zero } }
        var shares: [Int64] = []
        var remainders: [(index: Int, remainder: Int64)] = []
        for (index, weight) in weights.enumerated() {
            // pool × weight can exceed Int64 for large amounts; divide the full-width product.
            let product = pool.value.multipliedFullWidth(by: weight)
            let (quotient, remainder) = total.dividingFullWidth(product)
            shares.append(quotient)
            remainders.append((index, remainder))
        }
        var left = pool.value - shares.reduce(0, +)
        for entry in remainders.sorted(by: { $0.remainder != $1.remainder ? $0.remainder > $1.remainder : $0.index < $1.index }) {
            guard left > 0 else { break }
            shares[entry.index] += 1
            left -= 1
        }
        return shares.map { Rupiah($0) }
    }
}
