import Foundation
import GRDB
import KasirCore

/// Where a QRIS payment stands. A static QRIS payment is only what the barista typed until the
/// acquirer's settlement (or a supervisor who checked the café's account) confirms the money
/// came: `unconfirmed` is every payment without a row in `qris_confirmations`.
public enum QRISStatus: String, StoredKind, Codable {
    case unconfirmed
    case confirmed
    /// Never confirmed, and taken out of revenue and premi by an admin, with a reason.
    case writtenOff = "written_off"
}

/// How a confirmation was given: by a supervisor's hand, or by the acquirer's settlement file.
public enum QRISSource: String, StoredKind, Codable {
    case manual
    case settlement
}

/// The QRIS payments a confirmation names: those of one order, or the one with a reference.
public enum QRISSelector: Hashable, Sendable {
    case order(day: BusinessDay, number: Int)
    case reference(String)

    /// `2026-11-29#3`, or the reference.
    public var text: String {
        switch self {
        case .order(let day, let number): return "\(day)#\(number)"
        case .reference(let reference): return reference
        }
    }
}

/// One QRIS payment, as confirming and writing off see it.
public struct QRISPaymentRecord: Hashable, Sendable {
    public var paymentID: Int64
    /// The order it paid.
    public var day: BusinessDay
    public var number: Int
    public var reference: String?
    /// What the payment settled of the order.
    public var amount: Rupiah
    public var status: QRISStatus
    /// Set on a confirmation that brought back a written-off payment.
    public var wasWrittenOff = false
}

/// The unconfirmed QRIS payments of a month (or those just written off): how many, and what
/// they brought in, less what refunds gave back of them.
public struct QRISTally: Hashable, Sendable {
    public var count: Int
    public var total: Rupiah

    public init(count: Int, total: Rupiah) {
        self.count = count
        self.total = total
    }
}

/// Why a QRIS payment could not be confirmed or written off, or a premi close waits for them.
public enum QRISError: KasirError, Equatable {
    /// An order named as `YYYY-MM-DD#N` could not be read.
    case malformedOrder(String)
    /// The order was paid without QRIS.
    case noQRISPayment(day: String, number: Int)
    /// No QRIS payment has this reference.
    case unknownReference(String)
    /// Every QRIS payment named (an order `2026-11-29#3`, or a reference) is confirmed already.
    case alreadyConfirmed(String)
    /// The month's premi waits: `count` QRIS payments of `total` are neither confirmed nor written off.
    case unconfirmed(month: String, count: Int, total: Rupiah)
    /// The month has no unconfirmed QRIS payment.
    case nothingToWriteOff(String)
    /// The month is not over: its payments may still be confirmed by the settlement.
    case monthNotOver(String)
    /// A QRIS code with the amount in it was asked for, and the money rules hold no static
    /// QRIS payload to make it from (`kasir policy set --qris-payload`).
    case noStaticPayload
}

extension QRISError {
    public var nature: ErrorNature {
        switch self {
        case .malformedOrder, .noQRISPayment, .unknownReference, .alreadyConfirmed, .unconfirmed, .nothingToWriteOff, .monthNotOver,
             .noStaticPayload:
            return .refusal
        }
    }
}

extension AppDatabase {
    /// A supervisor confirms QRIS payments: the money reached the café's account. A written-off
    /// payment confirmed later comes back into revenue and premi. Each confirmation is a new
    /// row of `qris_confirmations` (append-only), journaled (`qris_confirmed`).
    ///
    /// The settlement import confirms through here too (`source: .settlement`).
    ///
    /// - Returns: the payments confirmed now.
    /// - Throws: ``StoreError/orderNotFound(day:number:)``, ``QRISError/noQRISPayment(day:number:)``,
    ///   ``QRISError/unknownReference(_:)``, ``QRISError/alreadyConfirmed(_:)``, ``AccessError``.
    @discardableResult
    public func confirmQRIS(_ selector: QRISSelector, supervisor: String, source: QRISSource = .manual, at instant: Date) throws -> [QRISPaymentRecord] {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            let confirmed = try Self.confirmQRIS(db, try Self.qrisPayments(db, selector), supervisorID: supervisorID, supervisor: supervisor,
                                                 source: source, at: instant)
            guard !confirmed.isEmpty else { throw QRISError.alreadyConfirmed(selector.text) }
            return confirmed
        }
    }

    /// Confirms those of `payments` not confirmed yet, inside the caller's transaction: a row
    /// of `qris_confirmations` each, journaled (`qris_confirmed`). The settlement import calls
    /// this for each line it matches.
    ///
    /// - Returns: the payments confirmed now (none when all were confirmed already).
    static func confirmQRIS(
        _ db: Database, _ payments: [QRISPaymentRecord], supervisorID: Int64, supervisor: String, source: QRISSource, at instant: Date
    ) throws -> [QRISPaymentRecord] {
        var confirmed: [QRISPaymentRecord] = []
        for var payment in payments where payment.status != .confirmed {
            try db.execute(
                sql: "INSERT INTO qris_confirmations (payment_id, status, source, by_id, at) VALUES (?, 'confirmed', ?, ?, ?)",
                arguments: [payment.paymentID, source.rawValue, supervisorID, Timestamp.string(instant)])
            let row = db.lastInsertedRowID
            var payload: [String: CanonicalJSON] = [
                "payment": .integer(payment.paymentID), "amount": .integer(payment.amount.value), "source": .string(source.rawValue),
            ]
            if let reference = payment.reference { payload["reference"] = .string(reference) }
            if payment.status == .writtenOff { payload["was"] = .string(QRISStatus.writtenOff.rawValue) }
            try Self.journal(db, kind: "qris_confirmed", actor: supervisor, subject: "\(payment.day)#\(payment.number)", payload: payload,
                             row: JournalRow(.qrisConfirmations, row), at: instant)
            payment.wasWrittenOff = payment.status == .writtenOff
            payment.status = .confirmed
            confirmed.append(payment)
        }
        return confirmed
    }

    /// An admin writes off a month's unconfirmed QRIS payments, with a reason: each leaves
    /// revenue and premi at what it still counted for (its amount less what refunds gave back
    /// of it, and the PB1 in that), kept on its row; a later confirmation brings it back.
    ///
    /// - Returns: how many were written off, and their total.
    /// - Throws: ``QRISError/nothingToWriteOff(_:)``, ``PremiError/alreadyClosed(_:)``,
    ///   ``AccessError/notAnAdmin(_:)``.
    @discardableResult
    public func writeOffQRIS(month: BusinessMonth, reason: String, admin: String, at instant: Date) throws -> QRISTally {
        try write { db in
            let adminID = try Self.adminID(db, code: admin)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM premi_months WHERE month = ?", arguments: [month.description]) == true {
                throw PremiError.alreadyClosed(month.description)
            }
            let open = try Self.unconfirmedQRISRows(db, month: month)
            guard !open.isEmpty else { throw QRISError.nothingToWriteOff(month.description) }
            var total = Rupiah.zero
            for payment in open {
                try db.execute(
                    sql: """
                        INSERT INTO qris_confirmations (payment_id, status, source, reason, amount, tax, by_id, at)
                        VALUES (?, 'written_off', 'manual', ?, ?, ?, ?, ?)
                        """,
                    arguments: [payment.record.paymentID, reason, payment.left.value, payment.tax.value, adminID, Timestamp.string(instant)])
                let row = db.lastInsertedRowID
                var payload: [String: CanonicalJSON] = ["payment": .integer(payment.record.paymentID), "amount": .integer(payment.left.value)]
                if let reference = payment.record.reference { payload["reference"] = .string(reference) }
                try Self.journal(db, kind: "qris_written_off", actor: admin, subject: "\(payment.record.day)#\(payment.record.number)",
                                 payload: payload, row: JournalRow(.qrisConfirmations, row), at: instant)
                total += payment.left
            }
            return QRISTally(count: open.count, total: total)
        }
    }

    /// The month's QRIS payments nobody has confirmed or written off (of orders not void, and
    /// not wholly refunded): what keeps its premi from closing.
    public func unconfirmedQRIS(month: BusinessMonth) throws -> QRISTally {
        try read { db in try Self.unconfirmedQRIS(db, month: month) }
    }

    static func unconfirmedQRIS(_ db: Database, month: BusinessMonth) throws -> QRISTally {
        let open = try unconfirmedQRISRows(db, month: month)
        return QRISTally(count: open.count, total: open.reduce(Rupiah.zero) { $0 + $1.left })
    }

    /// Every QRIS payment of the month's orders, with where it stands now.
    public func qrisPayments(month: BusinessMonth) throws -> [QRISPaymentRecord] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.qrisPaymentColumns)
                FROM orders o JOIN payments p ON p.order_id = o.id
                WHERE o.day BETWEEN ? AND ? AND p.method = 'qris' ORDER BY o.day, o.number, p.position
                """, arguments: [month.first.description, month.last.description]).map(Self.qrisPaymentRecord)
        }
    }

    /// What written-off QRIS payments of orders created in `[start, end)` (not void) took out of
    /// revenue, and the PB1 in it: as things stood at `cutoff` (a document made then), or now.
    public func writtenOffQRIS(from start: Date, to end: Date, asOf cutoff: Date? = nil) throws -> (amount: Rupiah, tax: Rupiah) {
        try read { db in
            let at = cutoff.map(Timestamp.string)
            let row = try Row.fetchOne(db, sql: """
                SELECT COALESCE(SUM(c.amount), 0), COALESCE(SUM(c.tax), 0)
                FROM orders o JOIN payments p ON p.order_id = o.id JOIN qris_confirmations c ON c.payment_id = p.id
                WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void' AND p.method = 'qris' AND c.status = 'written_off'
                    AND c.id = (SELECT MAX(l.id) FROM qris_confirmations l WHERE l.payment_id = p.id AND (? IS NULL OR l.at <= ?))
                """, arguments: [Timestamp.string(start), Timestamp.string(end), at, at])
            let amount: Int64 = row?[0] ?? 0
            let tax: Int64 = row?[1] ?? 0
            return (Rupiah(amount), Rupiah(tax))
        }
    }

    /// The QRIS payments `selector` names, each with its status now.
    static func qrisPayments(_ db: Database, _ selector: QRISSelector) throws -> [QRISPaymentRecord] {
        let filter: String
        let arguments: StatementArguments
        switch selector {
        case .order(let day, let number):
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM orders WHERE day = ? AND number = ?", arguments: [day.description, number]) == true else {
                throw StoreError.orderNotFound(day: day.description, number: number)
            }
            filter = "o.day = ? AND o.number = ?"
            arguments = [day.description, number]
        case .reference(let reference):
            // As the commit compares references: without case (the v8 index).
            filter = "upper(p.reference) = upper(?)"
            arguments = [reference]
        }
        func fetch(_ filter: String, _ arguments: StatementArguments) throws -> [QRISPaymentRecord] {
            try Row.fetchAll(db, sql: """
                SELECT \(Self.qrisPaymentColumns)
                FROM payments p JOIN orders o ON o.id = p.order_id
                WHERE p.method = 'qris' AND \(filter) ORDER BY p.id
                """, arguments: arguments).map(qrisPaymentRecord)
        }
        var payments = try fetch(filter, arguments)
        // A supervisor holding the Tagihan QRIS slip has its bill number: it names the payment
        // whose code carried it, when one did.
        if payments.isEmpty, case .reference(let reference) = selector {
            let byBill = try fetch("p.id IN (SELECT r.payment_id FROM qris_requests r WHERE r.bill_number = upper(?))", [reference])
            if byBill.count == 1 { payments = byBill }
        }
        guard !payments.isEmpty else {
            switch selector {
            case .order(let day, let number): throw QRISError.noQRISPayment(day: day.description, number: number)
            case .reference(let reference): throw QRISError.unknownReference(reference)
            }
        }
        return payments
    }

    /// The columns ``qrisPaymentRecord(_:)`` reads, of `payments p JOIN orders o`: the
    /// payment, its order, and its latest confirmation's status.
    static let qrisPaymentColumns = """
        p.id, o.day, o.number, p.reference, p.amount,
            (SELECT c.status FROM qris_confirmations c WHERE c.payment_id = p.id ORDER BY c.id DESC LIMIT 1) AS status
        """

    static func qrisPaymentRecord(_ row: Row) throws -> QRISPaymentRecord {
        let stored: String? = row["status"]
        var status = QRISStatus.unconfirmed
        if stored != nil { status = try Row.kind(stored, column: "status", table: "qris_confirmations") }
        return QRISPaymentRecord(
            paymentID: row["id"], day: try row.day("day", table: "orders"), number: row["number"], reference: row["reference"],
            amount: Rupiah(row["amount"]), status: status)
    }

    /// An unconfirmed QRIS payment with what it still counts for in revenue.
    struct OpenQRIS {
        var record: QRISPaymentRecord
        /// The payment less what refunds gave back of it.
        var left: Rupiah
        /// The PB1 in `left`, as a refund's share of it is counted (rounded down).
        var tax: Rupiah
    }

    /// The month's QRIS payments without a confirmation or a write-off, of orders not void,
    /// that still count for something.
    static func unconfirmedQRISRows(_ db: Database, month: BusinessMonth) throws -> [OpenQRIS] {
        try Row.fetchAll(db, sql: """
            SELECT p.id, o.day, o.number, p.reference, p.amount, o.total, o.tax,
                p.amount - COALESCE((SELECT SUM(t.amount) FROM refund_tenders t WHERE t.payment_id = p.id), 0) AS left
            FROM orders o JOIN payments p ON p.order_id = o.id
            WHERE o.day BETWEEN ? AND ? AND o.status != 'void' AND p.method = 'qris'
                AND NOT EXISTS (SELECT 1 FROM qris_confirmations c WHERE c.payment_id = p.id)
            ORDER BY o.day, o.number, p.position
            """, arguments: [month.first.description, month.last.description]
        ).compactMap { row -> OpenQRIS? in
            let left: Int64 = row["left"]
            guard left > 0 else { return nil }
            let total: Int64 = row["total"], tax: Int64 = row["tax"]
            let record = QRISPaymentRecord(
                paymentID: row["id"], day: try row.day("day", table: "orders"), number: row["number"], reference: row["reference"],
                amount: Rupiah(row["amount"]), status: .unconfirmed)
            return OpenQRIS(record: record, left: Rupiah(left), tax: Rupiah(total > 0 ? min(left * tax / total, left) : 0))
        }
    }
}
