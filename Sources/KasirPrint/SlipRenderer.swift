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

    public static let templateNames = ["receipt", "receipt_copy", "bar_ticket", "bar_ticket_copy", "till_report"]

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

    /// The X report (`closing` false: no expected cash, so the close stays blind) or the Z report.
    public func render(_ report: TillReport, closing: Bool, printedAt: Date, mode: PrinterMode = .escpos) -> SlipDocument {
        let calendar = settings.calendar
        let figures = report.figures
        let session = report.session
        let approvalNames = [
            "void": settings.language == .id ? "Batal" : "Void", "refund": "Refund",
            "discount": settings.language == .id ? "Diskon" : "Discount",
            "price_override": settings.language == .id ? "Ubah harga" : "Price override",
            "no_sale": settings.language == .id ? "Buka laci" : "No sale",
        ]
        var context: [String: Any] = [
            "cafe_name": settings.name, "closing": closing, "till": "\(session.id)",
            "opened_at": calendar.dateTime(of: session.openedAt), "opened_by": session.openedBy,
            "printed_at": calendar.dateTime(of: printedAt),
            "orders": "\(figures.orders)", "cash_sales": figures.cashSales.formatted, "qris_sales": figures.qrisSales.formatted,
            "discounts": figures.discounts.formatted, "voids": "\(figures.voids)", "voided_total": figures.voidedTotal.formatted,
            "cash_refunds": figures.cashRefunds.formatted, "qris_refunds": figures.qrisRefunds.formatted,
            "pay_ins": figures.payIns.formatted, "pay_outs": figures.payOuts.formatted, "float": figures.float.formatted,
            "has_approvals": !report.approvals.isEmpty, "has_movements": !report.movements.isEmpty,
            "approvals": report.approvals.map { approval -> [String: Any] in
                [
                    "kind": approvalNames[approval.kind] ?? approval.kind,
                    "order": approval.orderNumber.map { "#\($0)" + (approval.line.map { "/\($0)" } ?? "") } ?? "",
                    "amount": approval.amount?.formatted ?? approval.detail ?? "",
                    "reason": approval.reason, "approver": approval.approvedBy, "time": calendar.clockTime(of: approval.at),
                ]
            },
            "movements": report.movements.map { movement -> [String: Any] in
                [
                    "direction": movement.direction == "in" ? (settings.language == .id ? "Masuk" : "In") : (settings.language == .id ? "Keluar" : "Out"),
                    "amount": movement.amount.formatted, "reason": movement.reason, "approver": movement.approvedBy,
                    "time": calendar.clockTime(of: movement.at),
                ]
            },
            "journal_head_1": String(report.journalHead.prefix(32)), "journal_head_2": String(report.journalHead.dropFirst(32)),
        ]
        if closing {
            context["closed_at"] = session.closedAt.map { calendar.dateTime(of: $0) } ?? ""
            context["closed_by"] = session.closedBy ?? ""
            context["counted"] = session.countedCash?.formatted ?? ""
            context["expected"] = (session.expectedCash ?? figures.expectedCash).formatted
            context["variance"] = (session.variance ?? .zero).formatted
            let count = session.countBreakdown.flatMap { try? CashCount.parse($0, denominations: settings.denominations) }
            context["count"] = (count?.pieces ?? [:]).sorted { $0.key > $1.key }.map { entry -> [String: Any] in
                ["denomination": entry.key.formatted, "pieces": "\(entry.value)", "subtotal": (entry.key * entry.value).formatted]
            }
        }
        let markup = library.render(context, withTemplate: "till_report") ?? ""
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
        if order.totals.discount != .zero { context["discount"] = (-order.totals.discount).formatted }
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
