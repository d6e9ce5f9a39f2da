import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// Fills the slip templates with an order, a refund or a till report, and lays the result out
/// for the paper. Every word printed comes from the templates (one set per language).
///
/// ```swift
/// let renderer = SlipRenderer(settings: config.cafe, templates: TemplateSet(language: .id, overrides: nil))
/// let slip = try renderer.render(order, kind: .receipt)
/// ```
public struct SlipRenderer: Sendable {
    public let templates: TemplateSet
    let settings: CafeSettings

    public init(settings: CafeSettings, templates: TemplateSet) {
        self.settings = settings
        self.templates = templates
    }

    /// The slip of `kind` for `order`; a copy carries `reprintedAt` and never opens the drawer.
    ///
    /// - Throws: ``PrintError/template(file:problem:)``.
    public func render(_ order: RecordedOrder, kind: PrintJobKind, reprintedAt: Date? = nil, mode: PrinterMode = .escpos) throws(PrintError) -> SlipDocument {
        var context = context(order, reprintedAt: reprintedAt)
        let cashIn = kind == .receipt && order.payments.contains { $0.method == .cash }
        context["open_drawer"] = cashIn
        return layout(try templates.render(kind.rawValue, context), mode: mode, drawerMayOpen: cashIn)
    }

    /// The slip of a refund: what went back, how, who approved it; the drawer opens when cash went back.
    public func render(_ refund: RefundRecord, of order: RecordedOrder, mode: PrinterMode = .escpos) throws(PrintError) -> SlipDocument {
        let calendar = settings.calendar
        let context: [String: Any] = [
            "cafe_name": settings.name, "cafe_address": settings.address, "zone": calendar.zoneLabel,
            "date": Self.dayText(calendar.day(of: refund.at)), "time": calendar.clockTime(of: refund.at),
            "number": "\(order.number)", "order_date": Self.dayText(order.day),
            "open_drawer": refund.plan.cashOut > .zero,
            "lines": refund.plan.lines.map { line -> [String: Any] in
                ["quantity": "\(line.quantity)", "name": order.lines[line.position - 1].itemName, "amount": line.amount.formatted]
            },
            "amount": refund.plan.amount.formatted,
            // The lines add up to the exact refund; cash leaves the drawer rounded, and the
            // difference is said, as on a receipt, so the slip adds up.
            "rounding": refund.plan.rounding == .zero ? false : refund.plan.rounding.formatted,
            "parts": refund.plan.parts.map { part -> [String: Any] in
                var entry: [String: Any] = [
                    "cash": part.paidOut == .cash, "qris": part.paidOut == .qris, "amount": part.amount.formatted,
                    "qris_as_cash": part.paidOut == .cash && part.tender == .qris,
                ]
                if let reference = part.reference { entry["reference"] = reference }
                return entry
            },
            "approver": refund.supervisor, "reason": refund.reason,
        ]
        return layout(try templates.render("refund_slip", context), mode: mode, drawerMayOpen: refund.plan.cashOut > .zero)
    }

    /// The X report (`closing` false: no expected cash, so the close stays blind) or the Z report.
    public func render(_ report: TillReport, closing: Bool, printedAt: Date, mode: PrinterMode = .escpos) throws(PrintError) -> SlipDocument {
        let calendar = settings.calendar
        let figures = report.figures
        let session = report.session
        var context: [String: Any] = [
            "cafe_name": settings.name, "closing": closing, "till": "\(session.id)", "zone": calendar.zoneLabel,
            "opened_at": calendar.dateTime(of: session.openedAt), "opened_by": session.openedBy,
            "printed_at": calendar.dateTime(of: printedAt),
            "orders": "\(figures.orders)", "qris_sales": figures.qrisSales.formatted,
            "discounts": figures.discounts.formatted, "voids": "\(figures.voids)", "voided_total": figures.voidedTotal.formatted,
            "qris_refunds": figures.qrisRefunds.formatted,
            "has_approvals": !report.approvals.isEmpty,
            "approvals": report.approvals.map { approval -> [String: Any] in
                [
                    "is_void": approval.kind == .void, "is_refund": approval.kind == .refund, "is_discount": approval.kind == .discount,
                    "is_price_override": approval.kind == .priceOverride, "is_no_sale": approval.kind == .noSale,
                    "order": approval.orderNumber.map { "#\($0)" + (approval.line.map { "/\($0)" } ?? "") } ?? "",
                    "amount": approval.amount?.formatted ?? approval.detail ?? "",
                    "reason": approval.reason, "approver": approval.approvedBy, "time": calendar.clockTime(of: approval.at),
                ]
            },
            // Wrong PINs while the till was open, on the X and the Z report alike.
            "has_pin_failures": !report.pinFailures.isEmpty,
            "pin_failures": report.pinFailures.map { failures -> [String: Any] in
                let first = calendar.clockTime(of: failures.first), last = calendar.clockTime(of: failures.last)
                return [
                    "supervisor": failures.supervisor, "count": "\(failures.count)", "locked": failures.lockedOut,
                    "time": first == last ? first : "\(first)–\(last)",
                ]
            },
            // In groups of four on whole lines, so it is typed back whole into `audit verify --head`
            // (the two halves stay for a café's own older template).
            "journal_head_lines": JournalHead.printedLines(report.journalHead, columns: settings.receiptColumns)
                .map { line -> [String: Any] in ["line": line] },
            "journal_head_1": String(report.journalHead.prefix(32)), "journal_head_2": String(report.journalHead.dropFirst(32)),
        ]
        // How far the centre holds the journal, for a café that joined one: the last anchor
        // and what still waits (the words are the template's).
        if let anchor = report.anchor {
            var central: [String: Any] = ["anchored": (anchor.anchoredSeq ?? 0) > 0, "has_pending": anchor.pending > 0, "pending": "\(anchor.pending)"]
            if let seq = anchor.anchoredSeq { central["anchored_seq"] = "\(seq)" }
            if let at = anchor.anchoredAt { central["anchored_at"] = calendar.dateTime(of: at) }
            if let since = anchor.pendingSince { central["pending_since"] = calendar.dateTime(of: since) }
            context["central"] = central
        }
        // QRIS payments nobody has confirmed yet (the settlement or a supervisor): this till's and
        // earlier tills', each given only when there are some.
        if report.unconfirmedQRIS.count > 0 {
            context["qris_unconfirmed"] = "\(report.unconfirmedQRIS.count) (\(report.unconfirmedQRIS.total.formatted))"
        }
        if report.earlierUnconfirmedQRIS.count > 0 {
            context["qris_unconfirmed_earlier"] = "\(report.earlierUnconfirmedQRIS.count) (\(report.earlierUnconfirmedQRIS.total.formatted))"
        }
        // A template lays out only what it is given: the X report is given no cash figure (the
        // float, cash sales and refunds, pay-ins and -outs would add up to the expected cash), so
        // a café's own template cannot unblind the close.
        if closing {
            if figures.qrisRefundedInCash > .zero { context["qris_refunded_in_cash"] = figures.qrisRefundedInCash.formatted }
            context["cash_sales"] = figures.cashSales.formatted
            context["cash_refunds"] = figures.cashRefunds.formatted
            context["pay_ins"] = figures.payIns.formatted
            context["pay_outs"] = figures.payOuts.formatted
            context["float"] = figures.float.formatted
            context["has_movements"] = !report.movements.isEmpty
            context["movements"] = report.movements.map { movement -> [String: Any] in
                [
                    "pay_in": movement.direction == .payIn, "amount": movement.amount.formatted, "reason": movement.reason,
                    "approver": movement.approvedBy, "time": calendar.clockTime(of: movement.at),
                ]
            }
            context["closed_at"] = session.closedAt.map { calendar.dateTime(of: $0) } ?? ""
            context["closed_by"] = session.closedBy ?? ""
            context["counted"] = session.countedCash?.formatted ?? ""
            context["expected"] = (session.expectedCash ?? figures.expectedCash).formatted
            context["variance"] = (session.variance ?? .zero).formatted
            // In words, never a bare minus: "Selisih kurang Rp2.000" (templates of a café's own keep `variance`).
            let variance = session.variance ?? .zero
            context["variance_short"] = variance < .zero
            context["variance_over"] = variance > .zero
            context["variance_amount"] = (variance < .zero ? -variance : variance).formatted
            let count = session.countBreakdown.flatMap { try? CashCount.parse($0, denominations: settings.denominations) }
            context["count"] = (count?.pieces ?? [:]).sorted { $0.key > $1.key }.map { entry -> [String: Any] in
                ["denomination": entry.key.formatted, "pieces": "\(entry.value)", "subtotal": (entry.key * entry.value).formatted]
            }
            let expected = session.expectedCash ?? figures.expectedCash
            let closeDay = session.closedAt.map { calendar.day(of: $0) }
            context["counts"] = report.counts.map { count -> [String: Any] in
                var entry: [String: Any] = [
                    "recount": count.kind == .recount, "time": calendar.clockTime(of: count.at), "by": count.countedBy,
                    "counted": count.counted.formatted, "variance": (count.counted - expected).formatted,
                    "short": count.counted < expected, "over": count.counted > expected,
                    "variance_amount": (count.counted < expected ? expected - count.counted : count.counted - expected).formatted,
                ]
                // The day only when it is not the close's own.
                if calendar.day(of: count.at) != closeDay { entry["day"] = Self.dayText(calendar.day(of: count.at)) }
                return entry
            }
        }
        return layout(try templates.render("till_report", context), mode: mode, drawerMayOpen: false)
    }

    /// The markup laid out for the paper. Whatever a café's own template says, the drawer opens
    /// only where cash moves: a cash receipt or a refund paid in cash, never a copy or a report.
    func layout(_ markup: String, mode: PrinterMode, drawerMayOpen: Bool) -> SlipDocument {
        var slip = SlipDocument.layout(markup, columns: settings.receiptColumns, doubleWidthHalvesColumns: mode == .escpos)
        if !drawerMayOpen { slip.elements.removeAll { $0 == .openDrawer } }
        return slip
    }

    static func dayText(_ day: BusinessDay) -> String { String(format: "%02d-%02d-%04d", day.day, day.month, day.year) }

    /// What the templates can name. Only the barista's alias is here: never a name or a
    /// registration number.
    func context(_ order: RecordedOrder, reprintedAt: Date?) -> [String: Any] {
        let calendar = settings.calendar
        var context: [String: Any] = [
            "cafe_name": settings.name,
            "cafe_address": settings.address,
            "zone": calendar.zoneLabel,
            "date": Self.dayText(calendar.day(of: order.createdAt)),
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
            "complimentary": order.totals.total == .zero,
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
            context["reprinted_date"] = Self.dayText(calendar.day(of: reprintedAt))
            context["reprinted_time"] = calendar.clockTime(of: reprintedAt)
        }
        return context
    }
}
