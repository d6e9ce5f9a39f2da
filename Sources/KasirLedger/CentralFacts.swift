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
    /// The new branches an officer accepted after the café restored a backup, oldest first,
    /// whatever the month: its history at the centre is read with them. `nil` when none.
    public var branches: [BranchAcceptance]?

    public init(code: String, name: String, upt: String, kanwil: String, headSeq: Int64, anchoredAt: Date?, entriesInMonth: Int,
                alarmsInMonth: Int, stale: Bool, branches: [BranchAcceptance]? = nil) {
        self.code = code
        self.name = name
        self.upt = upt
        self.kanwil = kanwil
        self.headSeq = headSeq
        self.anchoredAt = anchoredAt
        self.entriesInMonth = entriesInMonth
        self.alarmsInMonth = alarmsInMonth
        self.stale = stale
        self.branches = branches
    }
}

/// An officer's acceptance of a café's new branch (`kasir-central cafe accept`): the café
/// restored a backup on purpose, its journal parted from what the centre held at `forkSeq`,
/// and the centre took the new branch from there. The entries it held from `forkSeq` to
/// `oldHeadSeq` are kept whole as evidence (`journal_superseded`), not forgotten: a restore
/// can be explained, never hidden. Here rather than beside the centre's store, so the reports
/// and the message catalogue show it without linking PostgreSQL's client.
public struct BranchAcceptance: Hashable, Sendable {
    public var id: Int64
    public var cafe: String
    /// The first entry where the café's journal and the centre's parted: the old branch's
    /// entries from here on are evidence.
    public var forkSeq: Int64
    /// The head the centre held before: the old branch's last entry.
    public var oldHeadSeq: Int64
    public var oldHeadHash: String
    /// The café's signed batch of its new branch, refused as a fork or rollback and kept,
    /// that showed where it parts.
    public var evidenceBatchID: Int64
    public var reason: String
    /// The PostgreSQL user who ran the acceptance.
    public var acceptedBy: String
    public var acceptedAt: Date

    public init(id: Int64, cafe: String, forkSeq: Int64, oldHeadSeq: Int64, oldHeadHash: String, evidenceBatchID: Int64, reason: String,
                acceptedBy: String, acceptedAt: Date) {
        self.id = id
        self.cafe = cafe
        self.forkSeq = forkSeq
        self.oldHeadSeq = oldHeadSeq
        self.oldHeadHash = oldHeadHash
        self.evidenceBatchID = evidenceBatchID
        self.reason = reason
        self.acceptedBy = acceptedBy
        self.acceptedAt = acceptedAt
    }

    /// How many of the old branch's entries were kept as evidence.
    public var supersededEntries: Int64 { oldHeadSeq - forkSeq + 1 }

    /// The head the centre held right after: the entry before the fork.
    public var newHeadSeq: Int64 { forkSeq - 1 }
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
