import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// A "Tagihan QRIS" asked for at the counter: the code with the amount in it, the slip queued
/// for the printer, and what the counter needs to show it and to record the payment.
///
/// ```swift
/// let bill = try actions.requestQRIS(amount: 18_000)
/// bill.billNumber                        // "20261129-T1-100000"
/// let tender = bill.tender(reference: "QR-77")
/// ```
public struct QRISRequestOutcome: Hashable, Sendable {
    /// The amount in the code (tag 54).
    public var amount: Rupiah
    /// The dynamic payload: the QR code's data.
    public var payload: String
    /// The bill number in the code (tag 62, sub-tag 01).
    public var billNumber: String
    /// The terminal label in the code (tag 62, sub-tag 07).
    public var terminalLabel: String
    /// The slip as text.
    public var slip: String
    /// Whether the slip queued carries the code: there is a printer, and it prints ESC/POS (a
    /// plain-text printer's slip sends the customer to the counter's screen instead).
    public var printsCode: Bool

    public init(amount: Rupiah, payload: String, billNumber: String, terminalLabel: String, slip: String, printsCode: Bool) {
        self.amount = amount
        self.payload = payload
        self.billNumber = billNumber
        self.terminalLabel = terminalLabel
        self.slip = slip
        self.printsCode = printsCode
    }

    /// The code as the order remembers it.
    public var request: DynamicQRIS { DynamicQRIS(payload: payload, billNumber: billNumber) }

    /// The QRIS tender once the customer's app shows the payment's reference: the amount of the
    /// code, and the code, recorded with the order when it is committed.
    public func tender(reference: String) -> Tender {
        .qris(amount: amount, reference: reference, request: request)
    }
}

extension CafeActions {
    /// The terminal label a code carries (tag 62, sub-tag 07) when the counter names none: the
    /// config names no terminal, and one counter is the café's usual.
    public static let defaultTerminalLabel = "KASIR1"

    /// The static QRIS payload the database's money rules hold, if any, checked as a payment
    /// would read it: the counter refuses to start on a broken one (one line naming the tag),
    /// rather than have the first customer who pays by QRIS find out.
    ///
    /// - Throws: ``QRISPayloadError``.
    public func checkStaticQRIS() throws {
        guard let payload = try database.moneyRules()?.rules.qrisPayload else { return }
        _ = try QRISPayload.parse(payload)
    }

    /// Makes the QRIS code with `amount` in it from the café's static payload (the confirmed
    /// money rules'), and queues its "Tagihan QRIS" slip for the printer.
    ///
    /// Nothing else is written: the order is not recorded yet (its number is known only when it
    /// is), and the code is recorded with it, through its tender (``QRISRequestOutcome/tender(reference:)``),
    /// when it is committed. A code asked for and never paid leaves only its slip in the print queue.
    ///
    /// The bill number is the business day, the till and the WITA time the code was asked for,
    /// `20261129-T1-103512` (``qrisBillNumber(till:at:calendar:)``): known before the order's
    /// number, at most 25 characters as tag 62 allows, and what an acquirer's report or the
    /// customer's app shows leads back to the till's session and the minute of the sale.
    ///
    /// ```swift
    /// let bill = try actions.requestQRIS(amount: 18_000)
    /// if !bill.printsCode { /* show the code on the screen */ }
    /// ```
    ///
    /// - Throws: ``QRISError/noStaticPayload`` when the money rules hold no static payload,
    ///   ``TillError/noOpenTill`` and ``TillError/noSupervisorOnDuty`` (no code is issued that no order could follow), ``QRISPayloadError`` for an amount no code can carry,
    ///   ``RulesError/moneyRulesUnconfirmed``, and what printing the slip throws.
    public func requestQRIS(amount: Rupiah, terminal: String = CafeActions.defaultTerminalLabel) throws -> QRISRequestOutcome {
        guard let staticText = try rules.qrisPayload else { throw QRISError.noStaticPayload }
        let till = try database.tillForSale()
        let now = clock.now()
        let billNumber = Self.qrisBillNumber(till: till, at: now, calendar: settings.calendar)
        let payload = try QRISPayload.parse(staticText).dynamic(amount: amount, billNumber: billNumber, terminalLabel: terminal)
        let bill = QRISBill(payload: payload, amount: amount, billNumber: billNumber, terminalLabel: terminal, at: now)
        let slip = try printer.queueQRISBill(bill, at: now)
        return QRISRequestOutcome(
            amount: amount, payload: payload, billNumber: billNumber, terminalLabel: terminal, slip: slip,
            printsCode: printer.hasPrinter && printer.printerMode == .escpos)
    }

    /// The bill number of a code asked for at `instant` in till session `till`: the business
    /// day, `T` and the till's id, and the local time to the second, `20261129-T1-103512`.
    ///
    /// ```swift
    /// CafeActions.qrisBillNumber(till: 1, at: Timestamp.date("2026-11-29T02:35:12.000Z")!, calendar: .wita) // "20261129-T1-103512"
    /// ```
    public static func qrisBillNumber(till: Int64, at instant: Date, calendar: CafeCalendar) -> String {
        let day = calendar.day(of: instant)
        let seconds = max(0, Int(instant.timeIntervalSince(calendar.start(of: day)).rounded(.down)))
        func twoDigits(_ number: Int) -> String { (number < 10 ? "0" : "") + String(number) }
        return String(day.year) + twoDigits(day.month) + twoDigits(day.day) + "-T" + String(till) + "-"
            + twoDigits(seconds / 3600) + twoDigits(seconds / 60 % 60) + twoDigits(seconds % 60)
    }
}
