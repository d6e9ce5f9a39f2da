import KasirMessages
import KasirCore

/// Lays out orders and totals as monospaced text for the screen.
public struct OrderView: Sendable {
    public var catalog: Catalog
    public var width: Int

    public init(catalog: Catalog, width: Int = 48) {
        self.catalog = catalog
        self.width = width
    }

    /// `left` and `right` on one line, `right` flush with the edge.
    public func row(_ left: String, _ right: String, indent: Int = 2) -> String {
        let pad = String(repeating: " ", count: indent)
        let room = width - indent - right.count - 1
        let leftText = left.count > room ? String(left.prefix(max(room - 1, 1))) + "…" : left
        return pad + leftText + String(repeating: " ", count: max(width - indent - leftText.count - right.count, 1)) + right
    }

    /// One order line, numbered as the person refers to it, with its modifiers underneath.
    public func line(_ line: OrderLine, number: Int, showMaker: Bool = false) -> [String] {
        var rows = [row("\(number). \(line.quantity)× \(line.itemName)", line.total.formatted)]
        var details = line.modifiers.map(\.optionName)
        if showMaker, let maker = line.makerCode { details.append("@\(maker)") }
        if !details.isEmpty { rows.append("       " + details.joined(separator: ", ")) }
        return rows
    }

    /// The foot of a bill: subtotal, service, tax, rounding and total.
    public func totals(_ totals: Totals, tax: TaxPolicy, serviceCharge: Percentage) -> [String] {
        var rows = [row(catalog.label(.subtotal), totals.subtotal.formatted)]
        if totals.discount != .zero { rows.append(row(catalog.label(.discount), (-totals.discount).formatted)) }
        if totals.serviceCharge != .zero {
            rows.append(row(catalog.label(.service) + " \(serviceCharge.formatted)", totals.serviceCharge.formatted))
        }
        if !tax.rate.isZero {
            let label = "\(tax.label) \(tax.rate.formatted)" + (totals.taxIncluded ? " " + catalog.label(.taxIncluded) : "")
            rows.append(row(label, totals.tax.formatted))
        }
        if totals.rounding != .zero {
            rows.append(row(catalog.label(.rounding), totals.rounding.formatted))
        }
        rows.append(row("TOTAL", totals.total.formatted))
        return rows
    }

    /// The payments of a bill, with tendered cash and change.
    public func payments(_ payments: [Payment]) -> [String] {
        payments.flatMap { payment -> [String] in
            switch payment.method {
            case .cash:
                var rows = [row(catalog.methodName(.cash), payment.tendered.formatted)]
                if payment.change != .zero || payment.tendered != payment.amount {
                    rows.append(row(catalog.label(.change), payment.change.formatted))
                }
                return rows
            case .qris:
                return [row("QRIS " + (payment.reference ?? ""), payment.amount.formatted)]
            }
        }
    }

    /// A recorded order in full, as `kasir order show` prints it.
    public func order(_ order: RecordedOrder, calendar: CafeCalendar, pricing: PricingPolicy) -> String {
        var rows = [
            catalog.orderHeading(order.number, at: order.createdAt, status: order.status),
            catalog.label(.barista) + ": \(order.server.alias) (\(order.server.code)) · \(catalog.typeName(order.type))",
        ]
        if let note = order.note { rows.append(catalog.label(.note) + ": \(note)") }
        rows.append(String(repeating: "-", count: width))
        for (index, line) in order.lines.enumerated() {
            let madeBySomeoneElse = line.makerCode != nil && line.makerCode != order.server.code
            rows += self.line(line, number: index + 1, showMaker: madeBySomeoneElse)
        }
        rows.append(String(repeating: "-", count: width))
        rows += totals(order.totals, tax: pricing.tax, serviceCharge: pricing.serviceCharge)
        rows += payments(order.payments)
        if order.refunded > .zero { rows.append(row(catalog.label(.refunded), (-order.refunded).formatted)) }
        return rows.joined(separator: "\n")
    }
}
