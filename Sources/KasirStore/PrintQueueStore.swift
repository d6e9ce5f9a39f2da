import Foundation
import GRDB
import KasirCore

/// What a print job prints.
public enum PrintJobKind: String, Sendable, Codable, CaseIterable {
    case receipt
    case barTicket = "bar_ticket"
    /// A reprinted receipt, marked SALINAN (copy) with the reprint time.
    case receiptCopy = "receipt_copy"
    case barTicketCopy = "bar_ticket_copy"

    public var isCopy: Bool { self == .receiptCopy || self == .barTicketCopy }
    public var isBarTicket: Bool { self == .barTicket || self == .barTicketCopy }
}

/// Where a print job stands.
public enum PrintJobStatus: String, Sendable, Codable {
    /// Waiting for the print worker.
    case pending
    /// Handed to the printer; waiting for it to say completed.
    case sending
    case printed
    /// Refused, aborted, stuck or late: waits for `kasir receipt reprint`.
    case failed
    /// No printer is configured: kept, and shown on screen instead.
    case held
    /// A reprint of the same order replaced it.
    case superseded
}

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
    public var lastError: String?
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
        try kinds.map { kind in
            try db.execute(
                sql: "INSERT INTO print_jobs (order_id, kind, status, created_at, updated_at) VALUES (?, ?, 'pending', ?, ?)",
                arguments: [orderID, kind.rawValue, instant, instant])
            return db.lastInsertedRowID
        }
    }

    /// Queues a reprint of order `number` of `day`: a receipt marked SALINAN, and a bar ticket
    /// copy when the original bar ticket never printed. Unprinted jobs of the order are
    /// superseded, so the same slip cannot come out twice.
    ///
    /// - Returns: the ids of the new jobs.
    /// - Throws: ``StoreError/orderNotFound(day:number:)``.
    public func enqueueReprint(day: BusinessDay, number: Int, at instant: Date) throws -> [Int64] {
        try write { db in
            guard let orderID = try Int64.fetchOne(
                db, sql: "SELECT id FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number])
            else { throw StoreError.orderNotFound(day: day.description, number: number) }
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
                    WHERE order_id = ? AND status IN ('pending', 'failed', 'held')
                    """, arguments: [instant, orderID])
            var kinds: [PrintJobKind] = [.receiptCopy]
            if barTicketQueued && !barTicketPrinted { kinds.append(.barTicketCopy) }
            return try Self.enqueue(db, orderID: orderID, kinds: kinds, at: instant)
        }
    }

    /// Takes the oldest pending job for sending, so no other worker sends it too.
    ///
    /// A job left `sending` by a process that died before `staleAfter` passed is marked
    /// failed ("interrupted"): it may or may not have printed, so a person decides on a reprint.
    public func claimNextPrintJob(at instant: Date, staleAfter: TimeInterval = 300) throws -> PrintJob? {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE print_jobs SET status = 'failed', last_error = 'interrupted', updated_at = ?
                    WHERE status = 'sending' AND updated_at < ?
                    """, arguments: [instant, instant.addingTimeInterval(-staleAfter)])
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM print_jobs WHERE status = 'pending' ORDER BY id LIMIT 1") else {
                return nil
            }
            try db.execute(
                sql: "UPDATE print_jobs SET status = 'sending', attempts = attempts + 1, updated_at = ? WHERE id = ?",
                arguments: [instant, id])
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
        _ id: Int64, status: PrintJobStatus, queue: String? = nil, cupsJobID: Int? = nil, error: String? = nil, at instant: Date
    ) throws {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE print_jobs SET status = ?, queue = COALESCE(?, queue), cups_job_id = COALESCE(?, cups_job_id),
                        last_error = ?, updated_at = ?, printed_at = CASE WHEN ? = 'printed' THEN ? ELSE printed_at END
                    WHERE id = ?
                    """,
                arguments: [status.rawValue, queue, cupsJobID, error, instant, status.rawValue, instant, id])
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
        let day: String? = row["order_day"]
        return PrintJob(
            id: id, orderID: row["order_id"], kind: PrintJobKind(rawValue: row["kind"]) ?? .receipt,
            status: PrintJobStatus(rawValue: row["status"]) ?? .failed, payload: payload.map { [UInt8]($0) },
            text: row["text"], queue: row["queue"], cupsJobID: row["cups_job_id"], attempts: row["attempts"],
            lastError: row["last_error"], createdAt: row["created_at"], printedAt: row["printed_at"],
            orderDay: try day.map { try BusinessDay.parse($0) }, orderNumber: row["order_number"])
    }
}
