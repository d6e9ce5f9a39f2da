import Foundation
import KasirLedger
import Logging
import PostgresNIO

/// Where the centre's copy of a café's journal ends: the last entry it holds, moved only by a
/// verified batch (sequence 0 and ``LedgerBatch/genesisHash`` while it holds none).
public struct CentralHead: Hashable, Sendable {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}

extension CentralDatabase {
    /// The head the centre holds of an enrolled café's journal.
    ///
    /// ```swift
    /// if let head = try await central.head(cafe: "BPN01") { head.seq }   // nil: not enrolled
    /// ```
    ///
    /// - Returns: `nil` when no café has that code.
    public func head(cafe: String) async throws -> CentralHead? {
        let rows = try await connection.query("SELECT head_seq, head_hash FROM cafes WHERE code = \(cafe)", logger: logger).collect()
        guard let row = rows.first else { return nil }
        let (seq, hash) = try row.decode((Int64, String).self)
        return CentralHead(seq: seq, hash: hash)
    }

    /// Whether the connection to PostgreSQL is gone (the server restarted, the network
    /// dropped): a new one is needed.
    public var isClosed: Bool { connection.isClosed }
}
