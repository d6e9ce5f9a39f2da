import Foundation
import KasirCore
import KasirLedger
import PostgresNIO

/// What the centre's reports read: who sees which cafés is PostgreSQL's row-level security
/// (the reader's role), and `kanwil` and `cafe` narrow it further.
public struct CentralScope: Hashable, Sendable {
    /// The month's first instant and the next month's, in UTC (the café's month, in its zone).
    public var start: Date
    public var end: Date
    public var kanwil: String?
    public var cafe: String?

    public init(start: Date, end: Date, kanwil: String? = nil, cafe: String? = nil) {
        self.start = start
        self.end = end
        self.kanwil = kanwil
        self.cafe = cafe
    }
}

extension CentralDatabase {
    /// Every café the reader may see, with the head held, its last anchor, whether that is
    /// older than `staleAfter` before `now` (a café that never sent is stale once enrolled
    /// that long), and the new branches accepted of it, whatever the month.
    ///
    /// ```swift
    /// let quiet = try await central.cafeStatuses(scope, now: Date(), staleAfter: 3 * 86_400).filter(\.stale)
    /// ```
    public func cafeStatuses(_ scope: CentralScope, now: Date, staleAfter: TimeInterval) async throws -> [CentralCafeStatus] {
        let from = Timestamp.string(scope.start), to = Timestamp.string(scope.end)
        let limit = now.addingTimeInterval(-staleAfter)
        let rows = try await connection.query("""
            SELECT c.code, c.name, c.upt, c.kanwil, c.head_seq, c.anchored_at,
                (SELECT COUNT(*) FROM journal j WHERE j.cafe = c.code AND j.at >= \(from) AND j.at < \(to)),
                (SELECT COUNT(*) FROM alarms a WHERE a.cafe = c.code AND a.at >= \(scope.start) AND a.at < \(scope.end)),
                COALESCE(c.anchored_at, c.enrolled_at) < \(limit)
            FROM cafes c
            WHERE (\(scope.kanwil)::text IS NULL OR c.kanwil = \(scope.kanwil)) AND (\(scope.cafe)::text IS NULL OR c.code = \(scope.cafe))
            ORDER BY c.kanwil, c.code
            """, logger: logger)
        var statuses: [CentralCafeStatus] = []
        for try await row in rows {
            let (code, name, upt, kanwil, headSeq, anchoredAt, entries, alarms, stale) = try row.decode(
                (String, String, String, String, Int64, Date?, Int64, Int64, Bool).self)
            statuses.append(CentralCafeStatus(code: code, name: name, upt: upt, kanwil: kanwil, headSeq: headSeq, anchoredAt: anchoredAt,
                                              entriesInMonth: Int(entries), alarmsInMonth: Int(alarms), stale: stale))
        }
        let accepted = try await acceptances(cafe: scope.cafe, kanwil: scope.kanwil)
        let branches = Dictionary(grouping: accepted, by: \.cafe)
        for index in statuses.indices { statuses[index].branches = branches[statuses[index].code] }
        return statuses
    }

    /// The alarms raised in the month, oldest first, for the cafés the reader may see (and,
    /// for the directorate, those naming a café the centre does not know).
    public func alarms(_ scope: CentralScope) async throws -> [CentralAlarm] {
        let rows = try await connection.query("""
            SELECT a.cafe, a.kind, a.at, a.detail FROM alarms a LEFT JOIN cafes c ON c.code = a.cafe
            WHERE a.at >= \(scope.start) AND a.at < \(scope.end)
                AND (\(scope.kanwil)::text IS NULL OR c.kanwil = \(scope.kanwil)) AND (\(scope.cafe)::text IS NULL OR a.cafe = \(scope.cafe))
            ORDER BY a.at, a.id
            """, logger: logger)
        var alarms: [CentralAlarm] = []
        for try await row in rows {
            let (cafe, kind, at, detail) = try row.decode((String?, String, Date, String).self)
            alarms.append(CentralAlarm(cafe: cafe, kind: kind, at: at, detail: detail))
        }
        return alarms
    }

    /// Raises a `stale` alarm for each café whose last anchor (or enrolment, if it never sent)
    /// is older than `staleAfter` before `now`, once: not again until it has sent since.
    ///
    /// - Returns: the cafés alarmed now.
    @discardableResult
    public func raiseStaleAlarms(now: Date, staleAfter: TimeInterval) async throws -> [String] {
        let limit = now.addingTimeInterval(-staleAfter)
        let rows = try await connection.query("""
            INSERT INTO alarms (cafe, kind, at, detail)
            SELECT c.code, 'stale', \(now), 'last anchored ' || COALESCE(to_char(c.anchored_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'), 'never')
            FROM cafes c
            WHERE COALESCE(c.anchored_at, c.enrolled_at) < \(limit)
                AND NOT EXISTS (SELECT 1 FROM alarms a WHERE a.cafe = c.code AND a.kind = 'stale' AND a.at >= COALESCE(c.anchored_at, c.enrolled_at))
            RETURNING cafe
            """, logger: logger)
        var cafes: [String] = []
        for try await row in rows { cafes.append(try row.decode(String.self)) }
        return cafes
    }
}
