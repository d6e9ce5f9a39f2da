import Foundation
import KasirCore
import KasirLedger
import PostgresNIO

/// An alarm as the officers' pages show it: what was raised, the batch kept as its evidence,
/// and its acknowledgement, if any.
public struct AlarmRecord: Hashable, Sendable {
    /// The batch an alarm was raised on, as received.
    public struct Evidence: Hashable, Sendable {
        public var batchID: Int64
        public var claimedCafe: String
        public var firstSeq: Int64
        public var lastSeq: Int64
        public var receivedAt: Date
        public var outcome: String
        public var reason: String?
        /// Bytes of the batch kept whole (a refused batch).
        public var evidenceBytes: Int
    }

    /// Who acknowledged it, when, and why.
    public struct Acknowledgement: Hashable, Sendable {
        public var by: String
        public var at: Date
        public var note: String
    }

    public var id: Int64
    public var alarm: CentralAlarm
    public var evidence: Evidence?
    public var acknowledgement: Acknowledgement?
}

extension CentralDatabase {
    /// The alarms of `scope`'s month and cafés, oldest first (the first 1,000), each with its evidence and
    /// acknowledgement. The directorate (a scope with neither Kanwil nor café) also sees those
    /// naming a café the centre does not know.
    public func alarmRecords(_ scope: CentralScope) async throws -> [AlarmRecord] {
        let rows = try await connection.query("""
            SELECT a.id, a.cafe, a.kind, a.at, a.detail, b.id, b.claimed_cafe, b.first_seq, b.last_seq, b.received_at, b.outcome, b.reason,
                COALESCE(length(b.evidence), 0), k.user_name, k.at, k.note
            FROM alarms a LEFT JOIN cafes c ON c.code = a.cafe LEFT JOIN batches b ON b.id = a.batch_id LEFT JOIN alarm_acks k ON k.alarm_id = a.id
            WHERE a.at >= \(scope.start) AND a.at < \(scope.end)
                AND (\(scope.kanwil)::text IS NULL OR c.kanwil = \(scope.kanwil)) AND (\(scope.cafe)::text IS NULL OR a.cafe = \(scope.cafe))
            ORDER BY a.at, a.id LIMIT 1000
            """, logger: logger).collect()
        return try rows.map { row in
            let (id, cafe, kind, at, detail, batch, claimed, first, last, received, outcome, reason, bytes, by, ackAt, note) = try row.decode(
                (Int64, String?, String, Date, String, Int64?, String?, Int64?, Int64?, Date?, String?, String?, Int32, String?, Date?, String?).self)
            var evidence: AlarmRecord.Evidence?
            if let batch, let claimed, let first, let last, let received, let outcome {
                evidence = AlarmRecord.Evidence(batchID: batch, claimedCafe: claimed, firstSeq: first, lastSeq: last, receivedAt: received,
                                                outcome: outcome, reason: reason, evidenceBytes: Int(bytes))
            }
            var acknowledgement: AlarmRecord.Acknowledgement?
            if let by, let ackAt, let note { acknowledgement = AlarmRecord.Acknowledgement(by: by, at: ackAt, note: note) }
            return AlarmRecord(id: id, alarm: CentralAlarm(cafe: cafe, kind: kind, at: at, detail: detail), evidence: evidence,
                               acknowledgement: acknowledgement)
        }
    }

    /// Records that officer `name` has seen alarm `id`, with `note`: once per alarm, only for an
    /// alarm the officer's scope holds.
    ///
    /// - Returns: `false` when the alarm is not theirs to acknowledge (another Kanwil's, or none).
    /// - Throws: ``CentralError/alreadyAcknowledged(_:)``; a note that is empty, over 500
    ///   characters or holds control characters is ``CentralError/badNote``.
    public func acknowledgeAlarm(_ id: Int64, by officer: Officer, note: String) async throws -> Bool {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...500).contains(note.count), !note.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" })
        else { throw CentralError.badNote }
        let mine = try await connection.query("""
            SELECT 1 FROM alarms a LEFT JOIN cafes c ON c.code = a.cafe
            WHERE a.id = \(id) AND (\(officer.kanwil)::text IS NULL OR c.kanwil = \(officer.kanwil)) AND (\(officer.cafe)::text IS NULL OR a.cafe = \(officer.cafe))
            """, logger: logger).collect()
        guard !mine.isEmpty else { return false }
        let inserted = try await connection.query("""
            INSERT INTO alarm_acks (alarm_id, user_name, note) VALUES (\(id), \(officer.name), \(note))
            ON CONFLICT (alarm_id) DO NOTHING RETURNING alarm_id
            """, logger: logger).collect()
        guard !inserted.isEmpty else { throw CentralError.alreadyAcknowledged(id) }
        return true
    }
}
