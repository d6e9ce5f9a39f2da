import Foundation

/// A closed set of values kept as text in the database.
///
/// Reading a value the code does not know is an error, never a fallback: a row written by a
/// newer Kasir, or edited by hand, must not be shown as something it is not.
///
/// ```swift
/// try Station.stored("bar")      // .bar
/// try Station.stored("kitchen")  // throws UnknownKind
/// ```
public protocol StoredKind: RawRepresentable, CaseIterable, Sendable, Hashable where RawValue == String {}

/// A stored value outside its kind's set.
public struct UnknownKind: KasirError, Equatable, CustomStringConvertible {
    /// The kind's name, such as `Station`.
    public var kind: String
    /// The text found.
    public var value: String

    public var description: String { "unknown \(kind) \"\(clipped(value))\"" }

    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }

    /// A stored value Kasir cannot read was written by a newer Kasir or by hand: a fault.
    /// (Text a person types is read with ``StoredKind/typed(_:field:)``, a refusal.)
    public var nature: ErrorNature { .fault }
}

extension StoredKind {
    /// The value named by `text`.
    ///
    /// - Throws: ``UnknownKind`` for text outside the set.
    public static func stored(_ text: String) throws(UnknownKind) -> Self {
        guard let value = Self(rawValue: text) else { throw UnknownKind(kind: "\(Self.self)", value: text) }
        return value
    }

    /// The value a person typed for `field`: anything outside the set is their mistake, said
    /// with the values they may type.
    ///
    /// ```swift
    /// try Station.typed("kitchen", field: "station")
    /// // throws InputError.notOneOf(field: "station", allowed: ["kasir", "bar", "dapur"])
    /// ```
    public static func typed(_ text: String, field: String) throws(InputError) -> Self {
        guard let value = Self(rawValue: text) else { throw .notOneOf(field: field, allowed: allCases.map(\.rawValue)) }
        return value
    }
}

/// Where a WBP works during a shift.
public enum Station: String, StoredKind, Codable {
    case kasir, bar, dapur
}

/// Cash put into or taken out of the drawer outside a sale.
public enum CashDirection: String, StoredKind, Codable {
    case payIn = "in"
    case payOut = "out"
}

/// Where an order stands. A partly refunded order stays `paid`; its refunds say how much.
public enum OrderStatus: String, StoredKind, Codable {
    case paid, void, refunded
}

/// What a supervisor approved.
public enum ApprovalKind: String, StoredKind, Codable {
    case void, refund, discount
    case priceOverride = "price_override"
    case noSale = "no_sale"
}

/// Why the drawer was counted: the blind count that closes the till, or a count after it.
public enum CountKind: String, StoredKind, Codable {
    case close, recount
}

/// How a customer pays, and how a refund goes back.
public enum PaymentMethod: String, StoredKind, Codable {
    case cash
    case qris
}

/// What a print job prints.
public enum PrintJobKind: String, StoredKind, Codable {
    case receipt
    case barTicket = "bar_ticket"
    /// A reprinted receipt, marked SALINAN (copy) with the reprint time; it never opens the drawer.
    case receiptCopy = "receipt_copy"
    case barTicketCopy = "bar_ticket_copy"
    /// The drawer kick of a no-sale.
    case drawer
    /// An X or Z report, or a report sent to the printer.
    case report
    /// The slip of a refund, for the customer and the drawer.
    case refundSlip = "refund_slip"
    /// A "Tagihan QRIS": the amount due as a QR code the customer scans, printed before the
    /// order is recorded (so it has no order).
    case qrisBill = "qris_bill"

    public var isCopy: Bool { self == .receiptCopy || self == .barTicketCopy }
    public var isBarTicket: Bool { self == .barTicket || self == .barTicketCopy }
    /// Whether the job is rendered from its order when it is sent (others carry their bytes).
    public var isRenderedFromOrder: Bool { self == .receipt || self == .barTicket || isCopy }
}

/// Where a print job stands.
public enum PrintJobStatus: String, StoredKind, Codable {
    /// Waiting for the print worker.
    case pending
    /// Handed to the printer; waiting for it to say completed.
    case sending
    case printed
    /// Refused, aborted, stuck or late: waits for a reprint.
    case failed
    /// No printer is configured: kept, and shown on screen instead.
    case held
    /// A reprint of the same order replaced it.
    case superseded
}

/// Why a print job did not print, as a code: the reader's language words it.
public enum PrintFailure: String, StoredKind, Codable {
    /// The process sending it ended before the printer answered: it may or may not have printed.
    case interrupted
    /// No printer is configured.
    case noPrinter = "no_printer"
    /// A receipt template cannot be read or rendered.
    case template
    /// The CUPS server cannot be reached.
    case unreachable
    /// CUPS refused the job.
    case refused
    /// CUPS took the job, then it was aborted, cancelled or stopped.
    case aborted
    /// The job had not printed when its deadline passed.
    case late
}
