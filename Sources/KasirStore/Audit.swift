import Crypto
import Foundation
import GRDB
import KasirCore
import KasirLedger

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

extension AppDatabase {
    /// Records every journaled row once in the v6 snapshot form, at the upgrade.
    ///
    /// A row that matches what the old journal recorded of it (compared on the columns the old
    /// snapshot had) is recorded as `baseline`; one that does not, or that was never journaled,
    /// as `baseline_mismatch`; a journaled row that is gone as `baseline_missing`. `audit verify`
    /// reports the last two for ever, so an upgrade cannot launder an edit made before it.
    static func baselineJournal(_ db: Database) throws {
        guard let at = try String.fetchOne(db, sql: "SELECT at FROM journal ORDER BY seq DESC LIMIT 1") else { return }
        var legacy: [String: [String: (seq: Int64, snapshot: Any)]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT seq, payload FROM journal ORDER BY seq") {
            let payload: String = row[1]
            guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                let reference = object["row"] as? [String: Any], let table = reference["table"] as? String,
                let id = (reference["id"] as? NSNumber)?.int64Value
            else { continue }
            legacy[table, default: [:]]["\(id)"] = (row[0], object["snapshot"] ?? NSNull())
        }
        _ = try append(db, kind: "schema_upgrade", actor: nil, subject: "v6", payload: #"{"version":6}"#, row: nil, at: at, encoding: .v1)
        // The tables as v6 wrote them down: staff kept its names in clear until v10.
        for table in JournaledTable.all.map({ $0.name == "staff" ? JournaledTable.staffBeforeV10 : $0 }) {
            // A table a later migration makes is not there yet, and has nothing to vouch for.
            guard try db.tableExists(table.name) else { continue }
            var recorded = legacy.removeValue(forKey: table.name) ?? [:]
            let keys = try DatabaseValue.fetchAll(db, sql: "SELECT \(table.key) AS _key FROM \(table.name) ORDER BY _key").map(JournalKey.init)
            for key in keys {
                guard let current = try table.snapshotValue(db, key: key) else { continue }
                let kind: String
                if let old = recorded.removeValue(forKey: key.text) {
                    kind = legacyMatches(old.snapshot, current) ? "baseline" : "baseline_mismatch"
                } else {
                    kind = JournaledTable.journaledBeforeV6.contains(table.name) ? "baseline_mismatch" : "baseline"
                }
                _ = try append(db, kind: kind, actor: nil, subject: "\(table.name) \(key.text)", payload: "{}",
                               row: (table.name, key.text, current.text), at: at, encoding: .v1)
            }
            for (key, old) in recorded.sorted(by: { $0.value.seq < $1.value.seq }) where !(old.snapshot is NSNull) {
                _ = try append(db, kind: "baseline_missing", actor: nil, subject: "\(table.name) \(key)", payload: #"{"seq":\#(old.seq)}"#,
                               row: nil, at: at, encoding: .v1)
            }
        }
    }

    /// Whether a row as it is now agrees with an old snapshot, on the columns the old one had.
    ///
    /// Instants the old schema wrote as `YYYY-MM-DD HH:MM:SS.SSS` are read as the same instant
    /// in ``Timestamp``'s shape; a column v6 dropped (its facts moved to new columns) is skipped.
    static func legacyMatches(_ recorded: Any, _ current: CanonicalJSON) -> Bool {
        switch (recorded, current) {
        case (is NSNull, .null): return true
        case (let text as String, .string(let now)):
            return text == now || legacyInstant(text) == now
        case (let number as NSNumber, .integer(let now)): return number.int64Value == now && !(recorded is String)
        case (let list as [Any], .array(let now)):
            return list.count == now.count && zip(list, now).allSatisfy { legacyMatches($0, $1) }
        case (let object as [String: Any], .object(let now)):
            return object.allSatisfy { key, value in now[key].map { legacyMatches(value, $0) } ?? true }
        default: return false
        }
    }

    /// `2026-10-31 00:12:10.800` (GRDB's form) as `2026-10-31T00:12:10.800Z`.
    static func legacyInstant(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        guard bytes.count == 23, bytes[10] == UInt8(ascii: " "), bytes[19] == UInt8(ascii: ".") else { return nil }
        let candidate = text.replacingOccurrences(of: " ", with: "T") + "Z"
        return Timestamp.milliseconds(candidate) == nil ? nil : candidate
    }
}
