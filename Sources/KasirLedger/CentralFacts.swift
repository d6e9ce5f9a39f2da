import Foundation

/// A café as the centre's `report cafes` shows it: where it is, how far the centre holds its
/// journal, and whether it has gone quiet. Here rather than beside the centre's store, so the
/// reports lay it out without linking PostgreSQL's client.
public struct CentralCafeStatus: Hashable, Sendable {
    public var code: String
    public var name: String
    public var upt: String
    public var kanwil: String
    /// The last entry the centre holds (0: none yet).
    public var headSeq: Int64
    /// When the centre last took a batch of it; `nil` when never.
    public var anchoredAt: Date?
    /// Entries of the month the centre holds (by the café's time).
    public var entriesInMonth: Int
    /// Alarms raised in the month.
    public var alarmsInMonth: Int
    /// Whether its last anchor is older than the centre's limit (or it never sent).
    public var stale: Bool

    public init(code: String, name: String, upt: String, kanwil: String, headSeq: Int64, anchoredAt: Date?, entriesInMonth: Int,
                alarmsInMonth: Int, stale: Bool) {
        self.code = code
        self.name = name
        self.upt = upt
        self.kanwil = kanwil
        self.headSeq = headSeq
        self.anchoredAt = anchoredAt
        self.entriesInMonth = entriesInMonth
        self.alarmsInMonth = alarmsInMonth
        self.stale = stale
    }
}

/// An alarm the centre raised: a fork, a rollback, a signature that fails, a gap, a café gone quiet.
public struct CentralAlarm: Hashable, Sendable {
    /// `nil` when the batch named a café the centre does not know.
    public var cafe: String?
    /// `fork`, `rollback`, `signature`, `gap` or `stale`.
    public var kind: String
    public var at: Date
    public var detail: String

    public init(cafe: String?, kind: String, at: Date, detail: String) {
        self.cafe = cafe
        self.kind = kind
        self.at = at
        self.detail = detail
    }
}
