import Foundation
import GRDB
import KasirCore

/// What `kasir audit verify` found.
public enum AuditFinding: Hashable, Sendable {
    /// A journal row whose hash or link does not match: edited, inserted or reordered.
    case journalRowAltered(seq: Int64)
    /// Rows of the journal are missing before `seq`.
    case journalRowsMissing(before: Int64)
    /// A row of `table` differs from what the journal last recorded of it (entry `seq`).
    case rowDiffers(table: String, key: String, seq: Int64)
    /// A row the journal recorded (entry `seq`) is gone.
    case rowDeleted(table: String, key: String, seq: Int64)
    /// A row the journal never recorded.
    case rowNotJournaled(table: String, key: String)
    /// When the database was upgraded to v6 (entry `seq`), the row already differed from the
    /// journal, or had never been journaled.
    case differedAtUpgrade(table: String, key: String, seq: Int64)
    /// When the database was upgraded to v6 (entry `seq`), a journaled row was already gone.
    case deletedBeforeUpgrade(table: String, key: String, seq: Int64)
    /// A closed till's stored journal head is not the hash of its close entry.
    case tillHeadMismatch(till: Int64)
    /// The head written down elsewhere is not in the chain: the journal was cut back or replaced.
    case headNotInChain(String)
    /// The head written down elsewhere is not in the chain but in the database a restore (at
    /// `restoredAt`) replaced, saved as `savedAs` in the backups: the head is of that branch,
    /// not of a journal cut back. A restore entry alone does not say so; the saved copy must.
    case headBeforeRestore(String, restoredAt: Date, savedAs: String)
    /// A row of `table` (a part of another row, such as a deposit's till) whose owner `parent`
    /// does not exist: written past the foreign keys, where no snapshot covers it.
    case partWithoutOwner(table: String, parent: String)
    /// An upgrade entry (entry `seq`) outside the one block the v6 upgrade wrote: a snapshot
    /// slipped into the chain to make an edited row look journaled.
    case baselineOutOfPlace(seq: Int64)
    /// The kept monthly figures (items made, orders served) of `month` disagree with the
    /// orders: edited behind Kasir's back.
    case monthlyFiguresDiffer(table: String, month: String)
    /// `--since` names a journal row that is not there.
    case sinceNotInChain(Int64)
    /// An entry in the old encoding (1) has a field holding its separator byte, so it could be
    /// another entry read differently (a row moved into the payload): refused.
    case ambiguousEntry(seq: Int64)
    /// An entry of a kind that always vouches for a row has none (encoding 1, after the
    /// upgrade's baseline): its row was moved out of reach of `audit verify`.
    case entryWithoutRow(seq: Int64, kind: String)
    /// An entry in an older encoding after one in a newer: written by hand.
    case olderEncodingAfterNewer(seq: Int64)
    /// An entry in an encoding this Kasir does not know.
    case unknownEncoding(seq: Int64)
    /// A trigger that Kasir's migrations do not make: planted to change rows as they are
    /// written (before their snapshot is taken), where no snapshot comparison could see it.
    case triggerPlanted(String)
    /// A trigger of Kasir's whose body is not the one its migrations made.
    case triggerChanged(String)
    /// A trigger of Kasir's that is gone: a guard taken away.
    case triggerMissing(String)
    /// The bytes kept of the settlement report journaled with `sha256` are gone, or are not
    /// the file that digest names: replaced behind Kasir's back.
    case settlementFileDiffers(sha256: String)
}

/// What `audit verify` checked and found.
public struct AuditReport: Hashable, Sendable {
    public var findings: [AuditFinding]
    /// Rows in the journal.
    public var rows: Int
    /// The last hash of the chain.
    public var head: String
    /// With `--head`: how many rows follow that head.
    public var rowsAfterGivenHead: Int?
    /// With `--since`: the rows checked (those after it).
    public var rowsChecked: Int
}
