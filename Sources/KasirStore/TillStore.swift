import Foundation
import GRDB
import KasirCore

/// A till session: from opening with a float to the blind close.
public struct TillSession: Hashable, Sendable {
    public var id: Int64
    public var drawer: String
    public var openedAt: Date
    public var openedBy: String
    public var onDuty: String
    public var float: Rupiah
    public var closedAt: Date?
    public var closedBy: String?
    public var countedCash: Rupiah?
    public var countBreakdown: String?
    public var expectedCash: Rupiah?
    public var variance: Rupiah?
    public var journalHead: String?
}

/// One count of the drawer: the blind count that closed the till, or a recount after it.
public struct TillCount: Hashable, Sendable {
    public var id: Int64
    public var kind: CountKind
    public var counted: Rupiah
    public var breakdown: String
    public var countedBy: String
    public var at: Date
}

/// An approval as the X and Z reports list it.
public struct ApprovalRecord: Hashable, Sendable {
    public var kind: ApprovalKind
    public var orderDay: String?
    public var orderNumber: Int?
    public var line: Int?
    public var detail: String?
    public var amount: Rupiah?
    public var reason: String
    public var approvedBy: String
    public var at: Date
}

/// A pay-in or pay-out of the drawer.
public struct CashMovement: Hashable, Sendable {
    public var direction: CashDirection
    public var amount: Rupiah
    public var reason: String
    public var approvedBy: String
    public var at: Date
}

/// The wrong PINs typed for one supervisor while a till was open, from the journal.
public struct PINFailures: Hashable, Sendable {
    public var supervisor: String
    public var count: Int
    public var first: Date
    public var last: Date
    /// Whether they locked the supervisor out in that time.
    public var lockedOut: Bool
}

/// Everything an X or Z report prints about one till session.
public struct TillReport: Hashable, Sendable {
    public var session: TillSession
    public var figures: TillFigures
    public var approvals: [ApprovalRecord]
    public var movements: [CashMovement]
    /// Every count of the drawer, in the order they were made.
    public var counts: [TillCount]
    /// The head the report prints: the close's on the Z report, the recount's on a Z report
    /// printed again after a recount, the journal's newest on an X report.
    public var journalHead: String
    /// Wrong PINs from the till's opening to its close (or now), by supervisor, in the order
    /// their first was typed.
    public var pinFailures: [PINFailures] = []
    /// How far the centre holds the journal as the report is printed; `nil` for a café that has
    /// not joined a centre (set by the act that prints the report, which knows the time).
    public var anchor: AnchorStatus?
    /// This till's QRIS payments neither confirmed nor written off, as the report is made.
    public var unconfirmedQRIS = QRISTally(count: 0, total: .zero)
    /// Those of the tills before it, still waiting for the settlement or a supervisor.
    public var earlierUnconfirmedQRIS = QRISTally(count: 0, total: .zero)
}

extension AppDatabase {
    public static let mainDrawer = "main"

    struct OpenTill { var id: Int64; var onDutyID: Int64 }

    /// The open till a sale or drawer act needs, with an active supervisor on duty.
    /// The id of the till a sale could be recorded on now: open, with a supervisor on duty.
    /// A QRIS code is asked for before its order is recorded; a code the customer may pay must
    /// not be issued when the order could not then be recorded.
    ///
    /// - Throws: ``TillError/noOpenTill``, ``TillError/noSupervisorOnDuty``.
    public func tillForSale() throws -> Int64 {
        try read { db in try Self.openTillForSale(db).id }
    }

    static func openTillForSale(_ db: Database, drawer: String = mainDrawer) throws -> OpenTill {
        // One read: the open till and whether an active supervisor is on its duty.
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT t.id, t.on_duty_id, EXISTS (SELECT 1 FROM staff s WHERE s.id = t.on_duty_id AND s.role IN ('supervisor', 'admin') AND s.status = 'active')
            FROM tills t WHERE t.drawer = ? AND t.closed_at IS NULL
            """), arguments: [drawer])
        else { throw TillError.noOpenTill }
        guard row[2] as Bool else { throw TillError.noSupervisorOnDuty }
        return OpenTill(id: row[0], onDutyID: row[1])
    }

    /// Starts a till session with a float; the supervisor who starts it is on duty.
    ///
    /// - Parameters:
    ///   - float: the cash put in the drawer; with `count`, it must equal the count's total.
    ///   - count: the float counted by denomination, when it was.
    /// - Throws: ``TillError/tillAlreadyOpen``, ``TillError/floatDisagreesWithCount(float:counted:)``,
    ///   ``AccessError/notASupervisor(_:)``.
    @discardableResult
    public func startTill(float: Rupiah, count: CashCount?, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws -> TillSession {
        if let count, count.total != float { throw TillError.floatDisagreesWithCount(float: float, counted: count.total) }
        let id = try write { db -> Int64 in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) == true {
                throw TillError.tillAlreadyOpen
            }
            try db.execute(
                sql: "INSERT INTO tills (drawer, opened_at, opened_by, on_duty_id, float, float_count) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [drawer, Timestamp.string(instant), supervisorID, supervisorID, float.value, count?.description])
            let id = db.lastInsertedRowID
            try Self.journal(db, kind: "till_open", actor: supervisor, subject: "till \(id)", row: JournalRow(.tills, id), at: instant)
            return id
        }
        return try tillSession(id: id)!
    }

    /// Another supervisor takes over the duty of the open till.
    public func takeOverDuty(supervisor: String, drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) else {
                throw TillError.noOpenTill
            }
            try db.execute(sql: "UPDATE tills SET on_duty_id = ? WHERE id = ?", arguments: [supervisorID, id])
            try Self.journal(db, kind: "duty_takeover", actor: supervisor, subject: "till \(id)", row: JournalRow(.tills, id), at: instant)
        }
    }

    /// Pay-in or pay-out of the open till, with a reason.
    public func moveCash(_ direction: CashDirection, amount: Rupiah, reason: String, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            let till = try Self.openTillForSale(db, drawer: drawer)
            try db.execute(
                sql: "INSERT INTO cash_movements (till_id, direction, amount, reason, approved_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [till.id, direction.rawValue, amount.value, reason, supervisorID, Timestamp.string(instant)])
            try Self.journal(db, kind: "cash_\(direction.rawValue)", actor: supervisor, subject: "till \(till.id)",
                             row: JournalRow(.cashMovements, db.lastInsertedRowID), at: instant)
        }
    }

    /// Records a no-sale drawer opening (approved, with a reason) and queues the drawer kick,
    /// when there is one to send (`nil`: no printer, or one that cannot open a drawer).
    public func recordNoSale(reason: String, supervisor: String, drawerKick: [UInt8]?, drawer: String = mainDrawer, at instant: Date) throws {
        try write { db in
            let till = try Self.openTillForSale(db, drawer: drawer)
            try Self.recordApproval(
                db, kind: .noSale, tillID: till.id, orderID: nil, line: nil, detail: nil, amount: nil,
                approval: Approval(supervisorCode: supervisor, reason: reason, at: instant))
            if let drawerKick {
                try Self.enqueueBytes(db, kind: .drawer, orderID: nil, bytes: drawerKick, text: "no sale", at: instant)
            }
        }
    }

    /// The blind count: records what the supervisor counted in the drawer, before anything
    /// shows what it should hold. With `.close` it counts the open till; with `.recount`, the
    /// drawer's last closed till.
    ///
    /// - Returns: the count's id.
    /// - Throws: ``TillError/noOpenTill`` or ``TillError/noClosedTill``.
    @discardableResult
    public func recordCount(_ count: CashCount, kind: CountKind, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws -> Int64 {
        try write { db in try Self.recordCount(db, count, kind: kind, supervisor: supervisor, drawer: drawer, at: instant).id }
    }

    /// A recount of the drawer's last closed till, and the Z report to print again with it.
    ///
    /// The report carries the head the recount's own journal entry made, not the close's: the
    /// paper names the newest entry about the till, so `audit verify --head` vouches for the
    /// recount too. The till's stored head stays the close's.
    ///
    /// - Throws: ``TillError/noClosedTill``.
    public func recount(_ count: CashCount, supervisor: String, drawer: String = mainDrawer, at instant: Date) throws -> TillReport {
        try write { db in
            let recorded = try Self.recordCount(db, count, kind: .recount, supervisor: supervisor, drawer: drawer, at: instant)
            var report = try Self.tillReport(db, id: recorded.till)
            report.journalHead = recorded.head
            return report
        }
    }

    /// ``recordCount(_:kind:supervisor:drawer:at:)`` inside the caller's transaction.
    ///
    /// - Returns: the count's id, its till, and the head its journal entry made.
    static func recordCount(
        _ db: Database, _ count: CashCount, kind: CountKind, supervisor: String, drawer: String, at instant: Date
    ) throws -> (id: Int64, till: Int64, head: String) {
        let supervisorID = try Self.supervisorID(db, code: supervisor)
        let till: Int64
        switch kind {
        case .close:
            guard let open = try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer]) else {
                throw TillError.noOpenTill
            }
            till = open
        case .recount:
            guard let closed = try Int64.fetchOne(
                db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 1",
                arguments: [drawer])
            else { throw TillError.noClosedTill }
            till = closed
        }
        try db.execute(
            sql: "INSERT INTO till_counts (till_id, kind, counted_cash, breakdown, counted_by, at) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [till, kind.rawValue, count.total.value, count.description, supervisorID, Timestamp.string(instant)])
        let id = db.lastInsertedRowID
        let head = try Self.journal(db, kind: kind == .close ? "till_count" : "till_recount", actor: supervisor, subject: "till \(till)",
                                    payload: ["counted": .integer(count.total.value)], row: JournalRow(.tills, till), at: instant)
        return (id, till, head)
    }

    /// Closes the open till with the count already recorded by ``recordCount(_:kind:supervisor:drawer:at:)``:
    /// the expected cash is computed only now. The journal head is taken after the close is
    /// journaled, so the Z report's hash covers it.
    ///
    /// - Returns: the Z report.
    public func closeTill(withCount countID: Int64, supervisor: String, at instant: Date) throws -> TillReport {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            guard let count = try Row.fetchOne(
                db, sql: """
                    SELECT c.till_id, c.counted_cash, c.breakdown FROM till_counts c JOIN tills t ON t.id = c.till_id
                    WHERE c.id = ? AND c.kind = 'close' AND t.closed_at IS NULL
                    """, arguments: [countID])
            else { throw TillError.noOpenTill }
            let id: Int64 = count["till_id"]
            let before = try Self.tillReport(db, id: id)
            let counted = Rupiah(count["counted_cash"])
            try db.execute(
                sql: """
                    UPDATE tills SET closed_at = ?, closed_by = ?, counted_cash = ?, count_breakdown = ?, expected_cash = ?, variance = ?
                    WHERE id = ?
                    """,
                arguments: [Timestamp.string(instant), supervisorID, counted.value, count["breakdown"], before.figures.expectedCash.value,
                            before.figures.variance(counted: counted).value, id])
            #if DEBUG
            FaultInjection.reach("in-close")
            #endif
            let head = try Self.journal(db, kind: "till_close", actor: supervisor, subject: "till \(id)", row: JournalRow(.tills, id), at: instant)
            // The head is kept beside the till, outside the journaled snapshot it closes.
            try db.execute(sql: "UPDATE tills SET journal_head = ? WHERE id = ?", arguments: [head, id])
            return try Self.tillReport(db, id: id)
        }
    }

    /// Queues bytes that are fixed from the start (a report, a drawer kick, a refund slip).
    @discardableResult
    public func enqueueReport(bytes: [UInt8], text: String, at instant: Date) throws -> Int64 {
        try write { db in try Self.enqueueBytes(db, kind: .report, orderID: nil, bytes: bytes, text: text, at: instant) }
    }

    /// The open till of `drawer`, if any.
    public func openTill(drawer: String = mainDrawer) throws -> TillSession? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NULL", arguments: [drawer])
                .flatMap { try Self.tillSession(db, id: $0) }
        }
    }

    /// The last closed till of `drawer`, if any.
    public func lastClosedTill(drawer: String = mainDrawer) throws -> TillSession? {
        try read { db in
            try Int64.fetchOne(
                db, sql: "SELECT id FROM tills WHERE drawer = ? AND closed_at IS NOT NULL ORDER BY closed_at DESC, id DESC LIMIT 1",
                arguments: [drawer]
            ).flatMap { try Self.tillSession(db, id: $0) }
        }
    }

    public func tillSession(id: Int64) throws -> TillSession? {
        try read { db in try Self.tillSession(db, id: id) }
    }

    static func tillSession(_ db: Database, id: Int64) throws -> TillSession? {
        guard let row = try Row.fetchOne(
            db, sql: """
                SELECT tills.*, o.code AS opened_code, d.code AS duty_code, c.code AS closed_code FROM tills
                JOIN staff o ON o.id = opened_by JOIN staff d ON d.id = on_duty_id LEFT JOIN staff c ON c.id = closed_by
                WHERE tills.id = ?
                """, arguments: [id])
        else { return nil }
        return TillSession(
            id: id, drawer: row["drawer"], openedAt: try row.instant("opened_at", table: "tills"),
            openedBy: row["opened_code"], onDuty: row["duty_code"], float: Rupiah(row["float"]),
            closedAt: try row.optionalInstant("closed_at", table: "tills"), closedBy: row["closed_code"],
            countedCash: (row["counted_cash"] as Int64?).map { Rupiah($0) }, countBreakdown: row["count_breakdown"],
            expectedCash: (row["expected_cash"] as Int64?).map { Rupiah($0) }, variance: (row["variance"] as Int64?).map { Rupiah($0) },
            journalHead: row["journal_head"])
    }

    /// The X or Z report figures of a till session, by session and never by date.
    public func tillReport(id: Int64) throws -> TillReport {
        try read { db in try Self.tillReport(db, id: id) }
    }

    static func tillReport(_ db: Database, id: Int64) throws -> TillReport {
        guard let session = try tillSession(db, id: id) else { throw TillError.noOpenTill }
        func sum(_ sql: String) throws -> Rupiah { Rupiah(try Int64.fetchOne(db, sql: sql, arguments: [id]) ?? 0) }
        var figures = TillFigures()
        figures.float = session.float
        let sold = "o.till_id = ? AND o.status != 'void'"
        figures.cashSales = try sum("SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE \(sold) AND p.method = 'cash'")
        figures.qrisSales = try sum("SELECT COALESCE(SUM(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id WHERE \(sold) AND p.method = 'qris'")
        let refunded = """
            FROM refund_tenders t JOIN refunds r ON r.id = t.refund_id JOIN payments p ON p.id = t.payment_id
            LEFT JOIN refund_rounding g ON g.refund_tender_id = t.id WHERE r.till_id = ?
            """
        // Cash as it left the drawer: each payment's exact share with its cash rounding.
        let handed = "SUM(t.amount + COALESCE(g.amount, 0))"
        figures.cashRefunds = try sum("SELECT COALESCE(\(handed), 0) \(refunded) AND t.paid_out = 'cash'")
        figures.qrisRefunds = try sum("SELECT COALESCE(SUM(t.amount), 0) \(refunded) AND t.paid_out = 'qris'")
        figures.qrisRefundedInCash = try sum("SELECT COALESCE(\(handed), 0) \(refunded) AND t.paid_out = 'cash' AND p.method = 'qris'")
        figures.payIns = try sum("SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE till_id = ? AND direction = 'in'")
        figures.payOuts = try sum("SELECT COALESCE(SUM(amount), 0) FROM cash_movements WHERE till_id = ? AND direction = 'out'")
        figures.orders = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders o WHERE \(sold)", arguments: [id]) ?? 0
        figures.voids = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM orders WHERE till_id = ? AND status = 'void'", arguments: [id]) ?? 0
        figures.voidedTotal = try sum("SELECT COALESCE(SUM(total), 0) FROM orders WHERE till_id = ? AND status = 'void'")
        figures.discounts = try sum("SELECT COALESCE(SUM(o.discount), 0) FROM orders o WHERE \(sold)")
        let approvals = try Row.fetchAll(
            db, sql: """
                SELECT a.*, s.code AS approver, o.day AS order_day, o.number AS order_number FROM approvals a
                JOIN staff s ON s.id = a.approved_by LEFT JOIN orders o ON o.id = a.order_id
                WHERE a.till_id = ? ORDER BY a.id
                """, arguments: [id]
        ).map {
            ApprovalRecord(
                kind: try $0.kind("kind", table: "approvals"), orderDay: $0["order_day"], orderNumber: $0["order_number"], line: $0["line"],
                detail: $0["detail"], amount: ($0["amount"] as Int64?).map { Rupiah($0) }, reason: $0["reason"], approvedBy: $0["approver"],
                at: try $0.instant("at", table: "approvals"))
        }
        let movements = try Row.fetchAll(
            db, sql: "SELECT m.*, s.code AS approver FROM cash_movements m JOIN staff s ON s.id = m.approved_by WHERE till_id = ? ORDER BY m.id",
            arguments: [id]
        ).map {
            CashMovement(direction: try $0.kind("direction", table: "cash_movements"), amount: Rupiah($0["amount"]), reason: $0["reason"],
                         approvedBy: $0["approver"], at: try $0.instant("at", table: "cash_movements"))
        }
        let counts = try Row.fetchAll(
            db, sql: "SELECT c.*, s.code AS counter FROM till_counts c JOIN staff s ON s.id = c.counted_by WHERE till_id = ? ORDER BY c.id",
            arguments: [id]
        ).map {
            TillCount(id: $0["id"], kind: try $0.kind("kind", table: "till_counts"), counted: Rupiah($0["counted_cash"]),
                      breakdown: $0["breakdown"], countedBy: $0["counter"], at: try $0.instant("at", table: "till_counts"))
        }
        let head = try session.journalHead ?? journalHead(db)
        var report = TillReport(session: session, figures: figures, approvals: approvals, movements: movements, counts: counts, journalHead: head,
                                pinFailures: try tillPINFailures(db, id: id))
        (report.unconfirmedQRIS, report.earlierUnconfirmedQRIS) = try unconfirmedQRIS(db, till: id)
        return report
    }

    /// The wrong PINs journaled between the till's opening entry and its close entry (or the
    /// newest entry, while it is open), by supervisor. A till opened before v6 has no entry
    /// naming its row, and lists none.
    static func tillPINFailures(_ db: Database, id: Int64) throws -> [PINFailures] {
        guard let span = try Row.fetchOne(
            db, sql: """
                SELECT MIN(seq), MAX(CASE WHEN kind = 'till_close' THEN seq END) FROM journal
                WHERE row_table = 'tills' AND row_key = ?
                """, arguments: [String(id)]),
            let opened = span[0] as Int64?
        else { return [] }
        let closed = (span[1] as Int64?) ?? Int64.max
        let locked = Set(try String.fetchAll(
            db, sql: "SELECT DISTINCT subject FROM journal WHERE seq > ? AND seq <= ? AND kind = 'pin_lockout' AND subject IS NOT NULL",
            arguments: [opened, closed]))
        return try Row.fetchAll(
            db, sql: """
                SELECT subject, COUNT(*) AS failures, MIN(at) AS first, MAX(at) AS last FROM journal
                WHERE seq > ? AND seq <= ? AND kind = 'pin_failed' AND subject IS NOT NULL
                GROUP BY subject ORDER BY MIN(seq)
                """, arguments: [opened, closed]
        ).map { row in
            let supervisor: String = row["subject"]
            return PINFailures(supervisor: supervisor, count: row["failures"], first: try row.instant("first", table: "journal"),
                               last: try row.instant("last", table: "journal"), lockedOut: locked.contains(supervisor))
        }
    }
}
