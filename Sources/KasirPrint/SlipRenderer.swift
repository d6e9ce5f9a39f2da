import Foundation
import KasirConfig
import KasirCore
import KasirStore
import Mustache

/// Why a slip could not be printed or rendered.
public enum PrintError: Error, Equatable, Sendable {
    /// A template is missing or does not parse; names the file.
    case template(file: String, problem: String)
    /// No printer is configured: slips are kept and shown on screen.
    case noPrinterConfigured
    /// CUPS could not be reached (server down, socket missing, timeout).
    case serverUnreachable(String)
    /// CUPS refused the job (no such queue, not accepting jobs, …), in its own words.
    case refused(String)
    /// CUPS took the job but it ended aborted or cancelled.
    case aborted(String)
    /// The job was still not printed when its deadline passed.
    case deadlinePassed(state: String)
}

/// Fills the templates of `Receipts/` with an order and lays the result out for the paper.
///
/// A template is looked up in `Receipts/<language>/` first, then in `Receipts/`, so a café can
/// change its header or footer, or add a language, without touching code.
///
/// ```swift
/// let renderer = try SlipRenderer(folder: receiptsFolder, settings: config.cafe)
/// let slip = renderer.render(order, kind: .receipt)
/// ```
public struct SlipRenderer: Sendable {
    let library: MustacheLibrary
    let settings: CafeSettings

    public static let templateNames = ["receipt", "receipt_copy", "bar_ticket", "bar_ticket_copy"]

    /// Loads the templates.
    ///
    /// - Throws: ``PrintError/template(file:problem:)`` for a missing or malformed template.
    public init(folder: URL, settings: CafeSettings) throws(PrintError) {
        var library = MustacheLibrary()
        for name in Self.templateNames {
            let localized = folder.appendingPathComponent(settings.language.rawValue).appendingPathComponent("\(name).mustache")
            let fallback = folder.appendingPathComponent("\(name).mustache")
            let file = settings.language != .id && FileManager.default.fileExists(atPath: localized.path) ? localized : fallback
            guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
                throw .template(file: file.path, problem: "missing")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw .template(file: file.path, problem: "\(error)")
            }
        }
        self.library = library
        self.settings = settings
    }

    /// The slip of `kind` for `order`; a copy carries `reprintedAt`.
    public func render(_ order: RecordedOrder, kind: PrintJobKind, reprintedAt: Date? = nil, mode: PrinterMode = .escpos) -> SlipDocument {
        let markup = library.render(context(order, reprintedAt: reprintedAt), withTemplate: kind.rawValue) ?? ""
        return SlipDocument.layout(markup, columns: settings.receiptColumns, doubleWidthHalvesColumns: mode == .escpos)
    }

    /// What the templates can name. Only the barista's alias is here: never a name or a
    /// registration number.
    func context(_ order: RecordedOrder, reprintedAt: Date?) -> [String: Any] {
        let calendar = settings.calendar
        let day = calendar.day(of: order.createdAt)
        var context: [String: Any] = [
            "cafe_name": settings.name,
            "cafe_address": settings.address,
            "date": String(format: "%02d-%02d-%04d", day.day, day.month, day.year),
            "time": calendar.clockTime(of: order.createdAt),
            "number": "\(order.number)",
            "takeaway": order.type == .takeaway,
            "alias": order.server.alias,
            "subtotal": order.totals.subtotal.formatted,
            "total": order.totals.total.formatted,
            "tax_label": settings.pricing.tax.label,
            "tax_rate": settings.pricing.tax.rate.formatted,
            "tax_included": order.totals.taxIncluded,
            "service_rate": settings.pricing.serviceCharge.formatted,
            "cash": order.payments.contains { $0.method == .cash },
            "lines": order.lines.map { line -> [String: Any] in
                var entry: [String: Any] = [
                    "quantity": "\(line.quantity)", "name": line.itemName, "total": line.total.formatted,
                ]
                // Absent rather than empty: an empty string still opens a Mustache section.
                if !line.modifiers.isEmpty { entry["modifiers"] = line.modifiers.map(\.optionName).joined(separator: ", ") }
                if let maker = line.makerCode, maker != order.server.code { entry["maker"] = maker }
                return entry
            },
            "payments": order.payments.map { payment -> [String: Any] in
                [
                    "is_cash": payment.method == .cash, "is_qris": payment.method == .qris,
                    "tendered": payment.tendered.formatted, "change": payment.change.formatted,
                    "amount": payment.amount.formatted, "reference": payment.reference ?? "",
                ]
            },
        ]
        if let note = order.note { context["note"] = note }
        if order.totals.serviceCharge != .zero { context["service"] = order.totals.serviceCharge.formatted }
        if !settings.pricing.tax.rate.isZero || order.totals.tax != .zero { context["tax"] = order.totals.tax.formatted }
        if order.totals.rounding != .zero { context["rounding"] = order.totals.rounding.formatted }
        if let reprintedAt {
            let reprintDay = calendar.day(of: reprintedAt)
            context["reprinted_date"] = String(format: "%02d-%02d-%04d", reprintDay.day, reprintDay.month, reprintDay.year)
            context["reprinted_time"] = calendar.clockTime(of: reprintedAt)
        }
        return context
    }
}
