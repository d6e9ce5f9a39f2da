import Foundation
import KasirCore
import KasirLedger
import PostgresNIO

extension CentralDatabase {
    /// Makes café `cafe`'s relational tables anew from its journal at the centre, in one
    /// transaction: they are projections of the verified journal, never a second source of
    /// truth, so whatever happened to them (a bug fixed, a table emptied by hand) comes right.
    ///
    /// ```swift
    /// let entries = try await central.rebuild(cafe: "BPN01")   // the journal entries replayed
    /// ```
    ///
    /// - Returns: how many journal entries that vouch for a row were read.
    /// - Throws: ``CentralError/unknownCafe(_:)``.
    public func rebuild(cafe: String) async throws -> Int {
        try await connection.withTransaction(logger: logger) { connection in
            let known = try await connection.query("SELECT 1 FROM cafes WHERE code = \(cafe)", logger: logger).collect()
            guard !known.isEmpty else { throw CentralError.unknownCafe(clipped(cafe)) }
            let rows = try await connection.query("SELECT kasir_rebuild(\(cafe))", logger: logger).collect()
            try await Self.keepMonthlyHours(cafe: cafe, months: nil, connection: connection, logger: logger)
            return Int(try rows[0].decode(Int64.self))
        }
    }
}
