import Foundation
import GRDB
import KasirCore

/// One entry of the durable print queue.
public struct PrintJob: Hashable, Sendable {
    public var id: Int64
    public var orderID: Int64?
    public var kind: PrintJobKind
    public var status: PrintJobStatus
    public var payload: [UInt8]?
    public var text: String?
    public var queue: String?
    public var cupsJobID: Int?
    public var attempts: Int
    /// Why it did not print, as a code the reader's language words.
    public var failure: PrintFailure?
    /// CUPS's own words, when it gave any.
    public var failureDetail: String?
    public var createdAt: Date
    public var printedAt: Date?
    /// The order's day and number, for people: jobs are named by them.
    public var orderDay: BusinessDay?
    public var orderNumber: Int?
}

extension AppDatabase {
    /// Adds jobs for an order to the print queue, inside the caller's transaction.
    @discardableResult
    static func enqueue(_ db: Database, orderID: Int64, kinds: [PrintJobKind], at instant: Date) throws -> [Int64] {
        let at = Timestamp.string(instant)
        return try kinds.map { kind in
            try db.cachedStatement(sql: "INSERT INTO print_jobs (order_id, kind, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)")
                .execute(arguments: [orderID, kind.rawValue, at, at])
            return db.lastInsertedRowID
        }
    }

    /// Adds a job whose bytes are fixed from the start, inside the caller's transaction.
    @discardableResult
    static func enqueueBytes(_ db: Database, kind: PrintJobKind, orderID: Int64?, bytes: [UInt8], text: String, at instant: Date) throws -> Int64 {
        let at = Timestamp.string(instant)
        try db.execute(
            sql: "INSERT INTO print_jobs (order_id, kind, status, payload, text, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?, ?, ?)",
            arguments: [orderID, kind.rawValue, Data(bytes), text, at, at])
        return db.lastInsertedRowID
    }

    /// Queues the slip of a refund, for the customer (and the drawer when cash goes back).
    @discardableResult
    public func enqueueRefundSlip(_ refund: RefundRecord, bytes: [UInt8], text: String, at instant: Date) throws -> Int64 {
        try write { db in
            let orderID = try Self.orderID(db, day: refund.orderDay, number: refund.orderNumber)
            return try Self.enqueueBytes(db, kind: .refundSlip, orderID: orderID, bytes: bytes, text: text, at: instant)
        }
    }

    /// Queues a "Tagihan QRIS" slip. It has no order: the customer pays from it before the
    /// order is recorded.
    @discardableResult
    public func enqueueQRISBill(bytes: [UInt8], text: String, at instant: Date) throws -> Int64 {
        try write { db in try Self.enqueueBytes(db, kind: .qrisBill, orderID: nil, bytes: bytes, text: text, at: instant) }
    }

    /// Queues a reprint of order `number` of `day`: a receipt marked SALINAN, and a bar ticket
    /// copy when the original bar ticket never printed. Unprinted jobs of the order are
    /// superseded, so the same slip cannot come out twice. A copy never opens the drawer.
    ///
    /// The reprint is journaled with who asked for it: a barista at the counter, a supervisor,
    /// or the system user who ran the command.
    ///
    /// - Returns: the ids of the new jobs.
    /// - Throws: ``StoreError/orderNotFound(day:number:)``.
    public func enqueueReprint(day: BusinessDay, number: Int, askedBy: String, at instant: Date) throws -> [Int64] {
        try write { db in
            let orderID = try Self.orderID(db, day: day, number: number)
            let barTicketPrinted = try Bool.fetchOne(
                db, sql: """
                    SELECT 1 FROM print_jobs WHERE order_id = ? AND kind IN ('bar_ticket', 'bar_ticket_copy') AND status = 'printed'
                    """, arguments: [orderID]) == true
            let barTicketQueued = try Bool.fetchOne(
                db, sql: "SELECT 1 FROM print_jobs WHERE order_id = ? AND kind IN ('bar_ticket', 'bar_ticket_copy')",
                arguments: [orderID]) == true
            try db.execute(
                sql: """
                    UPDATE print_jobs SET status = 'superseded', updated_at = ?
                    WHERE order_id = ? AND kind IN ('receipt', 'bar_ticket', 'receipt_copy', 'bar_ticket_copy')
                        AND status IN ('pending', 'failed', 'held')
                    """, arguments: [Timestamp.string(instant), orderID])
            var kinds: [PrintJobKind] = [.receiptCopy]
            if barTicketQueued && !barTicketPrinted { kinds.append(.barTicketCopy) }
            let jobs = try Self.enqueue(db, orderID: orderID, kinds: kinds, at: instant)
            try Self.journal(db, kind: "reprint", actor: askedBy, subject: "\(day)#\(number)",
                             payload: ["jobs": .array(jobs.map { .integer($0) })], at: instant)
            return jobs
        }
    }

    /// Takes the oldest pending job for sending, so no other worker sends it too.
    ///
    /// A job left `sending` by a process that died before `staleAfter` passed is marked
    /// failed ("interrupted"): it may or may not have printed, so a person decides on a reprint.
    public func claimNextPrintJob(at instant: Date, staleAfter: TimeInterval = 300) throws -> PrintJob? {
        try write { db in
            let now = Timestamp.string(instant)
            try db.execute(
                sql: """
                    UPDATE print_jobs SET status = 'failed', failure = 'interrupted', updated_at = ?
                    WHERE status = 'sending' AND updated_at < ?
                    """, arguments: [now, Timestamp.string(instant.addingTimeInterval(-staleAfter))])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM print_jobs WHERE status = 'pending' ORDER BY id LIMIT 1") else {
                return nil
            }
            try db.execute(
                sql: "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                arguments: [now, id])
            return try Self.printJob(db, id: id)
        }
    }

    /// Fixes what a job prints, the first time it is rendered.
    public func storeRendering(ofJob id: Int64, payload: [UInt8], text: String) throws {
        try write { db in
            try db.execute(
                sql: "UPDATE print_jobs SET payload = ?, text = ? WHERE id = ? AND payload IS NULL",
                arguments: [Data(payload), text, id])
        }
    }

    /// Records what became of a job.
    public func finishPrintJob(
        _ id: Int64, status: PrintJobStatus, queue: String? = nil, cupsJobID: Int? = nil, failure: PrintFailure? = nil,
        detail: String? = nil, at instant: Date
    ) throws {
        let now = Timestamp.string(instant)
        try write { db in
            try db.execute(
                sql: """
                    UPDATE print_jobs SET status = ?, queue = COALESCE(?, queue), cups_job_id = COALESCE(?, cups_job_id),
                        failure = ?, failure_detail = ?, updated_at = ?, printed_at = CASE WHEN ? = 'printed' THEN ? ELSE printed_at END
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, queue, cupsJobID, failure?.rawValue, detail, now, status.rawValue, now, id])
        }
    }

    /// Jobs in the given states, oldest first (for `kasir receipt queue`).
    public func printJobs(status: [PrintJobStatus]) throws -> [PrintJob] {
        try read { db in
            let marks = status.map { _ in "?" }.joined(separator: ", ")
            return try Int64.fetchAll(
                db, sql: "SELECT id FROM print_jobs WHERE status IN (\(marks)) ORDER BY id",
                arguments: StatementArguments(status.map(\.rawValue))
            ).map { try Self.printJob(db, id: $0) }
        }
    }

    /// Every job of one order, oldest first.
    public func printJobs(orderID: Int64) throws -> [PrintJob] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM print_jobs WHERE order_id = ? ORDER BY id", arguments: [orderID])
                .map { try Self.printJob(db, id: $0) }
        }
    }

    public func printJob(id: Int64) throws -> PrintJob? {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM print_jobs WHERE id = ?", arguments: [id]) == true
                ? try Self.printJob(db, id: id) : nil
        }
    }

    static func printJob(_ db: Database, id: Int64) throws -> PrintJob {
        let row = try Row.fetchOne(
            db, sql: """
                SELECT print_jobs.*, orders.day AS order_day, orders.number AS order_number
                FROM print_jobs LEFT JOIN orders ON orders.id = print_jobs.order_id WHERE print_jobs.id = ?
                """, arguments: [id])!
        let payload: Data? = row["payload"]
        let failure: String? = row["failure"]
        return PrintJob(
            id: id, orderID: row["order_id"], kind: try row.kind("kind", table: "print_jobs"),
            status: try row.kind("status", table: "print_jobs"), payload: payload.map { [UInt8]($0) },
            text: row["text"], queue: row["queue"], cupsJobID: row["cups_job_id"], attempts: row["attempts"],
            failure: failure == nil ? nil : try row.kind("failure", table: "print_jobs") as PrintFailure, failureDetail: row["failure_detail"],
            createdAt: try row.instant("created_at", table: "print_jobs"), printedAt: try row.optionalInstant("printed_at", table: "print_jobs"),
            orderDay: (row["order_day"] as String?) == nil ? nil : try row.day("order_day", table: "orders"), orderNumber: row["order_number"])
    }
}
