import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// A "Tagihan QRIS": the amount due as a QR code the customer scans with a payment app,
/// printed before the order is recorded.
///
/// ```swift
/// let payload = try staticPayload.dynamic(amount: 18_000, billNumber: "20261129-3", terminalLabel: "KASIR-1")
/// let bill = QRISBill(payload: payload, amount: 18_000, billNumber: "20261129-3", terminalLabel: "KASIR-1", at: clock.now())
/// let text = try worker.queueQRISBill(bill, at: clock.now())
/// ```
public struct QRISBill: Hashable, Sendable {
    /// The dynamic QRIS payload (EMVCo, amount and CRC in it): the QR code's data.
    public var payload: String
    /// The amount in the payload (tag 54), printed beside the code.
    public var amount: Rupiah
    /// The bill number the payload carries (tag 62, sub-tag 01).
    public var billNumber: String
    /// The terminal label the payload carries (tag 62, sub-tag 07), if any.
    public var terminalLabel: String?
    /// When the bill was asked for.
    public var at: Date

    public init(payload: String, amount: Rupiah, billNumber: String, terminalLabel: String? = nil, at: Date) {
        self.payload = payload
        self.amount = amount
        self.billNumber = billNumber
        self.terminalLabel = terminalLabel
        self.at = at
    }
}

extension SlipRenderer {
    /// The "Tagihan QRIS" slip (template `qris_bill`): the café, the bill's number and time,
    /// the total, the QR code, and that nothing more than the total is to be paid (QRIS allows
    /// no surcharge, and the code carries no tip).
    ///
    /// A text printer cannot print the code: its slip says the code is on the counter's
    /// screen instead (the template's `qr` is false).
    ///
    /// - Throws: ``PrintError/qrEncoding(bytes:)`` when no QR code holds the payload (checked
    ///   here, so such a slip is never queued), ``PrintError/template(file:problem:)``.
    public func render(_ bill: QRISBill, mode: PrinterMode = .escpos) throws(PrintError) -> SlipDocument {
        _ = try QRMatrix(bill.payload)
        let calendar = settings.calendar
        var context: [String: Any] = [
            "cafe_name": settings.name, "cafe_address": settings.address, "zone": calendar.zoneLabel,
            "date": Self.dayText(calendar.day(of: bill.at)), "time": calendar.clockTime(of: bill.at),
            "bill": bill.billNumber, "total": bill.amount.formatted,
            "qr": mode == .escpos, "payload": bill.payload,
        ]
        // Absent rather than empty: an empty string still opens a Mustache section.
        if let terminal = bill.terminalLabel, !terminal.isEmpty { context["terminal"] = terminal }
        return layout(try templates.render("qris_bill", context), mode: mode, drawerMayOpen: false)
    }
}

extension PrintWorker {
    /// Renders a "Tagihan QRIS", queues it for the printer (when there is one), and returns
    /// its text for the screen.
    ///
    /// The job has no order (kind ``PrintJobKind/qrisBill``): the customer pays from the bill,
    /// then the order is recorded.
    ///
    /// - Throws: ``PrintError/qrEncoding(bytes:)`` or ``PrintError/template(file:problem:)``
    ///   from rendering the bill, or what the print queue throws.
    @discardableResult
    public func queueQRISBill(_ bill: QRISBill, at instant: Date) throws -> String {
        let text = try renderer.render(bill, mode: .text).text
        if printer != nil {
            let bytes = EscPosEncoder.encode(try renderer.render(bill, mode: mode), mode: mode)
            try database.enqueueQRISBill(bytes: bytes, text: text, at: instant)
        }
        return text
    }
}
