import Foundation
import GRDB
import KasirCore

/// What a settlement line was found to be against the café's QRIS payments.
public enum SettlementOutcome: String, Sendable, Hashable, Codable {
    /// Its reference (or the bill number Kasir gave the payment) and amount are a QRIS
    /// payment's, and its date can be that payment's settlement: the payment is confirmed by it.
    case matched
    /// Its reference is a QRIS payment's, its amount is not: recorded, not confirmed.
    case amountDiffers = "amount_differs"
    /// Its reference and amount are a QRIS payment's, but its date cannot be that payment's
    /// settlement (``SettlementLine/canSettle(paidOn:settlementDays:)``): recorded, not confirmed.
    case dateDiffers = "date_differs"
    /// Its payment was matched by another line already (settled twice): recorded, its fee not counted.
    case duplicate
    /// No QRIS payment has its reference: money the acquirer paid that Kasir never sold.
    case notInKasir = "not_in_kasir"
    /// Its reference names two payments (one typed it, another's code carried it as its bill
    /// number): neither is confirmed.
    case ambiguous
}

/// A settlement line and the QRIS payment it names.
public struct SettlementMatch: Hashable, Sendable {
    public var line: SettlementLine
    public var payment: QRISPaymentRecord
    /// Whether the import confirmed the payment (false: it was confirmed already, by hand or by another file).
    public var confirmedNow: Bool

    public init(line: SettlementLine, payment: QRISPaymentRecord, confirmedNow: Bool) {
        self.line = line
        self.payment = payment
        self.confirmedNow = confirmedNow
    }
}

/// What importing a settlement report found and recorded.
///
/// ```swift
/// let summary = try database.importSettlement(file, supervisor: "S1", at: now)
/// summary.matched.count, summary.notInKasir.count, summary.notSettled.count, summary.fees
/// ```
public struct SettlementSummary: Hashable, Sendable {
    public var file: String
    public var layout: String
    /// The span of days the file covers (its lines' first and last day).
    public var coversFrom: BusinessDay
    public var coversThrough: BusinessDay
    /// The same file (the same bytes) was imported before: nothing was recorded now.
    public var alreadyImported = false
    /// Its settlement lines.
    public var lines: Int
    /// Lines recorded before from another file (an overlapping report, or another layout's
    /// report of the same settlement): left as they were.
    public var recordedBefore = 0
    /// Lines matched now to a QRIS payment by reference and amount.
    public var matched: [SettlementMatch] = []
    /// Lines whose reference is a payment's but whose amount is not: recorded, not confirmed.
    public var amountDiffers: [SettlementMatch] = []
    /// Lines whose reference and amount are a payment's but whose date cannot be its settlement.
    public var dateDiffers: [SettlementMatch] = []
    /// Lines for a payment another line of the same layout matched already.
    public var duplicates: [SettlementMatch] = []
    /// Lines no QRIS payment has the reference of: settled but not in Kasir.
    public var notInKasir: [SettlementLine] = []
    /// Lines whose reference names more than one payment: nothing confirmed.
    public var ambiguous: [SettlementLine] = []
    /// QRIS payments in Kasir that no imported line settles, though an imported file covers
    /// the day their line would carry (written-off ones aside): in Kasir but not settled.
    public var notSettled: [QRISPaymentRecord] = []
    /// The MDR of the lines matched now: a cost of the months their payments were sold in.
    public var fees: Rupiah = .zero

    public init(file: String, layout: String, coversFrom: BusinessDay, coversThrough: BusinessDay, lines: Int) {
        self.file = file
        self.layout = layout
        self.coversFrom = coversFrom
        self.coversThrough = coversThrough
        self.lines = lines
    }
}

/// The MDR a month's premi counts as a cost (``AppDatabase/settlementFees(month:from:to:asOf:)``).
public struct SettlementFees: Hashable, Sendable {
    /// The fees of the month's own QRIS payments.
    public var ofMonth: Rupiah
    /// The fees of earlier months' payments, imported in this month after those months' premi was closed.
    public var carriedIn: Rupiah

    public init(ofMonth: Rupiah, carriedIn: Rupiah = .zero) {
        self.ofMonth = ofMonth
        self.carriedIn = carriedIn
    }

    public var total: Rupiah { ofMonth + carriedIn }
}

/// The dynamic QRIS payload a payment asked for.
public struct QRISRequest: Hashable, Sendable {
    public var paymentID: Int64
    public var payload: String
    public var amount: Rupiah
    public var billNumber: String
    public var createdAt: Date
}

extension AppDatabase {
    // MARK: The payload an order asked for

    /// Records the dynamic QRIS payload a QRIS payment asked for, inside the order's
    /// transaction (``recordOrder``), after its payment row is written; journaled on its own
    /// (`qris_requested`), so the order's snapshot is as it always was.
    ///
    /// ```swift
    /// // In recordOrder, for each QRIS tender whose code Kasir made:
    /// try Self.recordQRISRequest(db, paymentID: paymentID, payload: payload, amount: amount, billNumber: bill, actor: server, at: instant)
    /// ```
    ///
    /// - Throws: ``StoreError/refusedBySchema(_:)`` through the schema when the payment is not QRIS
    ///   or already has a payload.
    static func recordQRISRequest(
        _ db: Database, paymentID: Int64, payload: String, amount: Rupiah, billNumber: String, actor: String? = nil, at instant: Date
    ) throws {
        try db.execute(
            sql: "INSERT INTO qris_requests (payment_id, payload, amount, bill_number, created_at) VALUES (?, ?, ?, ?, ?)",
            arguments: [paymentID, payload, amount.value, billNumber, Timestamp.string(instant)])
        let id = db.lastInsertedRowID
        let order = try Row.fetchOne(db, sql: """
            SELECT o.day, o.number FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.id = ?
            """, arguments: [paymentID])
        let subject = order.map { "\($0["day"] as String)#\($0["number"] as Int)" }
        try Self.journal(db, kind: "qris_requested", actor: actor, subject: subject,
                         payload: ["payment": .integer(paymentID), "amount": .integer(amount.value), "bill": .string(billNumber)],
                         row: JournalRow(.qrisRequests, id), at: instant)
    }

    /// The QRIS payloads the payments of order `number` of `day` asked for, in payment order.
    public func qrisRequests(day: BusinessDay, number: Int) throws -> [QRISRequest] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.* FROM qris_requests r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = p.order_id
                WHERE o.day = ? AND o.number = ? ORDER BY p.position
                """, arguments: [day.description, number]
            ).map { row in
                QRISRequest(paymentID: row["payment_id"], payload: row["payload"], amount: Rupiah(row["amount"]), billNumber: row["bill_number"],
                            createdAt: try row.instant("created_at", table: "qris_requests"))
            }
        }
    }

    // MARK: Settlement reports

    /// A supervisor imports an acquirer's settlement report, in one transaction: the file (its
    /// bytes kept) and each of its lines are recorded, each line matched to a QRIS payment by
    /// reference (the one the barista typed, or the bill number Kasir put in the payment's
    /// code) and amount, its date checked against the day the payment was made. A matched
    /// payment is confirmed (``confirmQRIS(_:supervisor:source:at:)`` with source
    /// `settlement`) and its MDR kept as a cost; a line whose amount or date differs, or whose
    /// reference no payment has, is recorded and confirms nothing.
    ///
    /// A line is recorded once, whatever file it arrives in: an overlapping file's lines that
    /// were recorded before, and another layout's lines for a settlement recorded before, are
    /// left as they were, and the same file imported again records nothing at all. A file
    /// with a line dated after today, or whose fee is above the money rules' MDR ceiling, is
    /// refused whole. The file is journaled with its lines (`settlement_imported`), each
    /// confirmation on its own (`qris_confirmed`).
    ///
    /// ```swift
    /// let data = try Data(contentsOf: url)
    /// var file = try SettlementLayout.kasir.read(String(decoding: data, as: UTF8.self), name: "november.csv", sha256: AppDatabase.fileDigest(data))
    /// file.content = data
    /// let summary = try database.importSettlement(file, supervisor: "S1", at: now)
    /// ```
    ///
    /// - Throws: ``SettlementError`` (empty, a date after today, a fee above the ceiling, bytes
    ///   that are not the file read), ``AccessError`` for who imports it.
    public func importSettlement(_ file: SettlementFile, supervisor: String, at instant: Date) throws -> SettlementSummary {
        guard let span = file.span else { throw SettlementError.empty(file.name) }
        guard file.content.count <= Self.largestSettlementFile else {
            throw SettlementError.tooLarge(name: file.name, limit: Self.largestSettlementFile)
        }
        // The bytes kept must be the file that was read.
        guard !file.content.isEmpty, Self.sha256Hex(file.content) == file.sha256 else { throw SettlementError.unreadable(file.name) }
        return try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            // The ceiling is a money rule: like a sale, an import waits for rules an admin confirmed.
            let rules = try Self.confirmedMoneyRules(db)
            let today = rules.calendar.day(of: instant)
            for line in file.lines {
                guard line.day <= today else { throw SettlementError.dateAfterImport(line: line.line, day: line.day) }
                guard line.fee <= rules.highestQRISFee(on: line.amount) else {
                    throw SettlementError.feeAboveCeiling(line: line.line, fee: line.fee, amount: line.amount, ceiling: rules.qrisMDRCeiling)
                }
            }
            var summary = SettlementSummary(file: file.name, layout: file.layout, coversFrom: span.from, coversThrough: span.through,
                                            lines: file.lines.count)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM settlement_files WHERE sha256 = ?", arguments: [file.sha256]) == true {
                summary.alreadyImported = true
                summary.recordedBefore = file.lines.count
                summary.notSettled = try Self.notSettledQRIS(db)
                return summary
            }
            try db.execute(
                sql: """
                    INSERT INTO settlement_files (sha256, name, layout, covers_from, covers_through, settlement_days, layout_definition,
                        line_count, by_id, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [file.sha256, String(file.name.prefix(255)), file.layout, span.from.description, span.through.description,
                            file.settlementDays, file.layoutDefinition, file.lines.count, supervisorID, Timestamp.string(instant)])
            let fileID = db.lastInsertedRowID
            try db.execute(sql: "INSERT INTO settlement_file_contents (file_id, content) VALUES (?, ?)", arguments: [fileID, file.content])
            for line in file.lines {
                if try Self.settlementRecordedBefore(db, line) {
                    summary.recordedBefore += 1
                    continue
                }
                let named = try Self.qrisPayments(db, settledBy: line)
                let payment = named.count == 1 ? named.first : nil
                let outcome: SettlementOutcome
                if named.count > 1 {
                    outcome = .ambiguous
                } else if let payment, payment.amount == line.amount {
                    if !line.canSettle(paidOn: payment.day, settlementDays: file.settlementDays) {
                        outcome = .dateDiffers
                    } else if let layout = try String.fetchOne(db, sql: """
                        SELECT f.layout FROM settlement_lines l JOIN settlement_files f ON f.id = l.file_id
                        WHERE l.payment_id = ? AND l.outcome = 'matched'
                        """, arguments: [payment.paymentID])
                    {
                        // Another layout's report of the settlement matched already (dated a day
                        // or two apart, naming the bill where the other names the customer's
                        // reference) is not the acquirer paying twice: left as it was. A line
                        // that matched nothing stands for no other.
                        guard layout == file.layout else {
                            summary.recordedBefore += 1
                            continue
                        }
                        outcome = .duplicate
                    } else {
                        outcome = .matched
                    }
                } else {
                    outcome = payment == nil ? .notInKasir : .amountDiffers
                }
                try db.execute(
                    sql: "INSERT INTO settlement_lines (file_id, line, day, reference, amount, fee, outcome, payment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    arguments: [fileID, line.line, line.day.description, line.reference, line.amount.value, line.fee.value, outcome.rawValue,
                                payment?.paymentID])
                switch (outcome, payment) {
                case (.matched, let payment?):
                    let confirmed = try Self.confirmQRIS(db, [payment], supervisorID: supervisorID, supervisor: supervisor, source: .settlement, at: instant)
                    summary.matched.append(SettlementMatch(line: line, payment: confirmed.first ?? payment, confirmedNow: !confirmed.isEmpty))
                    summary.fees += line.fee
                case (.amountDiffers, let payment?):
                    summary.amountDiffers.append(SettlementMatch(line: line, payment: payment, confirmedNow: false))
                case (.dateDiffers, let payment?):
                    summary.dateDiffers.append(SettlementMatch(line: line, payment: payment, confirmedNow: false))
                case (.duplicate, let payment?):
                    summary.duplicates.append(SettlementMatch(line: line, payment: payment, confirmedNow: false))
                case (.ambiguous, _):
                    summary.ambiguous.append(line)
                default:
                    summary.notInKasir.append(line)
                }
            }
            // After its lines, so the snapshot holds them.
            try Self.journal(
                db, kind: "settlement_imported", actor: supervisor, subject: "\(span.from)..\(span.through)",
                payload: [
                    "sha256": .string(file.sha256), "layout": .string(file.layout), "lines": .integer(Int64(file.lines.count)),
                    "recorded_before": .integer(Int64(summary.recordedBefore)), "matched": .integer(Int64(summary.matched.count)),
                    "amount_differs": .integer(Int64(summary.amountDiffers.count)), "date_differs": .integer(Int64(summary.dateDiffers.count)),
                    "not_in_kasir": .integer(Int64(summary.notInKasir.count)), "ambiguous": .integer(Int64(summary.ambiguous.count)),
                    "fees": .integer(summary.fees.value),
                ],
                row: JournalRow(.settlementFiles, fileID), at: instant)
            summary.notSettled = try Self.notSettledQRIS(db)
            return summary
        }
    }

    /// The largest settlement report Kasir keeps, in bytes: a month of a café's QRIS lines is
    /// a few hundred kilobytes.
    public static let largestSettlementFile = 16 << 20

    /// The bytes of the settlement report imported with digest `sha256`, as they were read:
    /// what a line said, when a payment is questioned.
    public func settlementFileContent(sha256: String) throws -> Data? {
        try read { db in
            try Data.fetchOne(db, sql: """
                SELECT c.content FROM settlement_file_contents c JOIN settlement_files f ON f.id = c.file_id WHERE f.sha256 = ?
                """, arguments: [sha256])
        }
    }

    /// Whether `line` was recorded before, from this file or an overlapping one: the same
    /// reference, day and amount. (Another layout's report of a settlement, dated otherwise, is
    /// found by its payment: ``importSettlement(_:supervisor:at:)``.)
    static func settlementRecordedBefore(_ db: Database, _ line: SettlementLine) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT 1 FROM settlement_lines WHERE upper(reference) = upper(?) AND day = ? AND amount = ?",
                          arguments: [line.reference, line.day.description, line.amount.value]) == true
    }

    /// The QRIS payments a settlement line names: the one whose reference (as the barista typed
    /// it) is the line's, and those whose dynamic QRIS carried the line's reference as its bill
    /// number (tag 62.01). One payment is a match to judge; more than one (a typed reference
    /// that is another payment's bill number, a bill number two codes carried) confirms none.
    static func qrisPayments(_ db: Database, settledBy line: SettlementLine) throws -> [QRISPaymentRecord] {
        // A QRIS reference pays one order at most (the v6 and v8 indexes); bill numbers are
        // kept in capitals, as references are.
        let rows = try Row.fetchAll(db, sql: """
            SELECT \(Self.qrisPaymentColumns)
            FROM payments p JOIN orders o ON o.id = p.order_id
            WHERE p.method = 'qris' AND upper(p.reference) = upper(?)
            UNION
            SELECT \(Self.qrisPaymentColumns)
            FROM qris_requests r JOIN payments p ON p.id = r.payment_id JOIN orders o ON o.id = p.order_id
            WHERE r.bill_number = upper(?)
            ORDER BY 1
            """, arguments: [line.reference, line.reference])
        return try rows.map(Self.qrisPaymentRecord)
    }

    /// SHA-256 of a file's bytes, in hex: what a settlement report is known by.
    public static func fileDigest(_ data: Data) -> String { Self.sha256Hex(data) }

    /// QRIS payments in Kasir that no imported line settles, though an imported file covers the
    /// day their line would carry: in Kasir but not settled. Written-off ones aside, and those
    /// of void orders.
    public func notSettledQRIS() throws -> [QRISPaymentRecord] {
        try read { db in try Self.notSettledQRIS(db) }
    }

    static func notSettledQRIS(_ db: Database) throws -> [QRISPaymentRecord] {
        // Only the days some file can cover are looked at: from the first span's start, less the
        // longest settlement delay, to the last span's end.
        try Row.fetchAll(db, sql: """
            SELECT \(Self.qrisPaymentColumns)
            FROM orders o JOIN payments p ON p.order_id = o.id
            WHERE o.day >= (SELECT date(MIN(covers_from), '-14 days') FROM settlement_files)
                AND o.day <= (SELECT MAX(covers_through) FROM settlement_files)
                AND o.status != 'void' AND p.method = 'qris'
                -- Settled means matched: a line whose amount differs settles nothing, and the
                -- payment stays listed on every import until a line matches it.
                AND NOT EXISTS (SELECT 1 FROM settlement_lines l WHERE l.payment_id = p.id AND l.outcome = 'matched')
                AND EXISTS (SELECT 1 FROM settlement_files f
                            WHERE date(o.day, '+' || f.settlement_days || ' days') BETWEEN f.covers_from AND f.covers_through)
            ORDER BY o.day, o.number, p.position
            """
        ).map(Self.qrisPaymentRecord).filter { $0.status != .writtenOff }
    }

    /// The MDR the acquirer kept that a month's premi counts as a cost: the fees of settlement
    /// lines matched to the QRIS payments of orders created in `[start, end)`, as imported by
    /// `cutoff` (a document made then) and, once the month's premi is closed, by its close;
    /// and, carried in, the fees of earlier months' payments whose report was imported in
    /// `[start, end)` after their own month's premi was closed. Every fee is a cost of one
    /// month: its payment's, or the month its report came in when that one was closed.
    ///
    /// ```swift
    /// let fees = try database.settlementFees(month: november, from: start, to: end)
    /// fees.total   // fees.ofMonth + fees.carriedIn
    /// ```
    public func settlementFees(month: BusinessMonth, from start: Date, to end: Date, asOf cutoff: Date? = nil) throws -> SettlementFees {
        try read { db in
            let at = cutoff.map(Timestamp.string)
            let close = "COALESCE((SELECT m.at FROM premi_months m WHERE m.month = ?), '9999')"
            let ofMonth: Int64 = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(l.fee), 0)
                FROM settlement_lines l JOIN settlement_files f ON f.id = l.file_id
                    JOIN payments p ON p.id = l.payment_id JOIN orders o ON o.id = p.order_id
                WHERE l.outcome = 'matched' AND o.created_at >= ? AND o.created_at < ?
                    AND (? IS NULL OR f.imported_at <= ?) AND f.imported_at <= \(close)
                """, arguments: [Timestamp.string(start), Timestamp.string(end), at, at, month.description]) ?? 0
            let carriedIn: Int64 = try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(l.fee), 0)
                FROM settlement_lines l JOIN settlement_files f ON f.id = l.file_id
                    JOIN payments p ON p.id = l.payment_id JOIN orders o ON o.id = p.order_id
                WHERE l.outcome = 'matched' AND o.created_at < ? AND f.imported_at >= ? AND f.imported_at < ?
                    AND f.imported_at > (SELECT m.at FROM premi_months m WHERE m.month = substr(o.day, 1, 7))
                    AND (? IS NULL OR f.imported_at <= ?) AND f.imported_at <= \(close)
                """, arguments: [Timestamp.string(start), Timestamp.string(start), Timestamp.string(end), at, at, month.description]) ?? 0
            return SettlementFees(ofMonth: Rupiah(ofMonth), carriedIn: Rupiah(carriedIn))
        }
    }

    /// The QRIS payments of `month`'s orders (not void, not written off) that no settlement
    /// line had matched by `cutoff` (a document made then) and, once the month's premi is
    /// closed, by its close: their MDR was not counted in the month, and counts in the month
    /// their report is imported.
    public func unsettledQRIS(month: BusinessMonth, asOf cutoff: Date? = nil) throws -> QRISTally {
        try read { db in
            let at = cutoff.map(Timestamp.string)
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COALESCE(SUM(p.amount), 0)
                FROM orders o JOIN payments p ON p.order_id = o.id
                WHERE o.day BETWEEN ? AND ? AND o.status != 'void' AND p.method = 'qris'
                    AND NOT EXISTS (
                        SELECT 1 FROM settlement_lines l JOIN settlement_files f ON f.id = l.file_id
                        WHERE l.payment_id = p.id AND l.outcome = 'matched' AND (? IS NULL OR f.imported_at <= ?)
                            AND f.imported_at <= COALESCE((SELECT m.at FROM premi_months m WHERE m.month = ?), '9999'))
                    AND COALESCE((SELECT c.status FROM qris_confirmations c WHERE c.payment_id = p.id ORDER BY c.id DESC LIMIT 1), '') != 'written_off'
                """, arguments: [month.first.description, month.last.description, at, at, month.description])
            return QRISTally(count: row?[0] ?? 0, total: Rupiah(row?[1] ?? Int64(0)))
        }
    }

    // MARK: Unconfirmed QRIS on the X and Z reports

    /// The QRIS payments neither confirmed nor written off of till `id`'s orders, and of the
    /// tills before it (not void, still counting after refunds): what the X and Z reports show.
    static func unconfirmedQRIS(_ db: Database, till id: Int64) throws -> (this: QRISTally, earlier: QRISTally) {
        func tally(_ filter: String) throws -> QRISTally {
            let row = try Row.fetchOne(db, sql: """
                SELECT COUNT(*), COALESCE(SUM(left), 0) FROM (
                    SELECT p.amount - COALESCE((SELECT SUM(t.amount) FROM refund_tenders t WHERE t.payment_id = p.id), 0) AS left
                    FROM orders o JOIN payments p ON p.order_id = o.id
                    WHERE \(filter) AND o.status != 'void' AND p.method = 'qris'
                        AND NOT EXISTS (SELECT 1 FROM qris_confirmations c WHERE c.payment_id = p.id)
                ) WHERE left > 0
                """, arguments: [id])
            let count: Int = row?[0] ?? 0
            let total: Int64 = row?[1] ?? 0
            return QRISTally(count: count, total: Rupiah(total))
        }
        return (try tally("o.till_id = ?"), try tally("o.till_id < ?"))
    }
}
