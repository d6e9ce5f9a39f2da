import Foundation
import KasirCore

/// The JSON shape of an order that scripts rely on (snake_case keys, integer Rupiah).
///
/// Keys fixed by DESIGN.md: `number`, `day`, `subtotal`, `tax`, `total`, `change`, `server`,
/// `status`; the rest may grow.
struct OrderJSON: Encodable {
    struct Line: Encodable {
        var itemCode: String
        var itemName: String
        var quantity: Int
        var unitPrice: Int64
        var total: Int64
        var modifiers: [String]
        var maker: String
    }

    struct PaymentJSON: Encodable {
        var method: String
        var amount: Int64
        var tendered: Int64
        var change: Int64
        var reference: String?
    }

    var number: Int
    var day: String
    var createdAt: String
    var type: String
    var note: String?
    var server: String
    var serverAlias: String
    var status: String
    var subtotal: Int64
    var discount: Int64
    var serviceCharge: Int64
    var tax: Int64
    var taxIncluded: Bool
    var rounding: Int64
    var total: Int64
    var change: Int64
    var refunded: Int64
    var lines: [Line]
    var payments: [PaymentJSON]

    init(_ order: RecordedOrder) {
        number = order.number
        day = order.day.description
        createdAt = Timestamp.string(order.createdAt)
        type = order.type.rawValue
        note = order.note
        server = order.server.code
        serverAlias = order.server.alias
        status = order.status.rawValue
        subtotal = order.totals.subtotal.value
        discount = order.totals.discount.value
        serviceCharge = order.totals.serviceCharge.value
        tax = order.totals.tax.value
        taxIncluded = order.totals.taxIncluded
        rounding = order.totals.rounding.value
        total = order.totals.total.value
        change = order.change.value
        refunded = order.refunded.value
        lines = order.lines.map {
            Line(itemCode: $0.itemCode, itemName: $0.itemName, quantity: $0.quantity, unitPrice: $0.unitPrice.value,
                 total: $0.total.value, modifiers: $0.modifiers.map { "\($0.groupCode)=\($0.optionCode)" },
                 maker: $0.makerCode ?? order.server.code)
        }
        payments = order.payments.map {
            PaymentJSON(method: $0.method.rawValue, amount: $0.amount.value, tendered: $0.tendered.value,
                        change: $0.change.value, reference: $0.reference)
        }
    }
}

/// JSON as every Kasir command prints it: snake_case keys, sorted, integer Rupiah.
enum JSONOutput {
    /// Encodes any value the way every Kasir command prints JSON.
    ///
    /// - Throws: `EncodingError` when the value cannot be encoded (never as `null`).
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
