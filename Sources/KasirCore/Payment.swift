import Foundation

/// The QRIS code with the amount in it that Kasir made for one QRIS payment: the dynamic
/// payload the customer scanned, and the bill number in it. Its amount is the payment's.
///
/// It is recorded with the order (``Tender/qris(amount:reference:request:)``), in a table of
/// its own rather than on the payment: an order's rows, and so its journal snapshot, are what
/// they were before Kasir made codes.
///
/// ```swift
/// let request = DynamicQRIS(payload: "000201010212…6304BEAC", billNumber: "20261129-T1-100000")
/// let tender = Tender.qris(amount: 18_000, reference: "QR-77", request: request)
/// ```
public struct DynamicQRIS: Hashable, Sendable {
    /// The EMVCo payload, amount (tag 54) and CRC in it.
    public var payload: String
    /// The bill number in the payload (tag 62, sub-tag 01).
    public var billNumber: String

    public init(payload: String, billNumber: String) {
        self.payload = payload
        self.billNumber = billNumber
    }

    /// Whether `text` has the form of the bill numbers Kasir puts in its codes
    /// (`20261129-T1-103512`: the day, `T` and the till, the time). A reference typed for a
    /// QRIS payment never may: a settlement line naming a bill would then point at two payments.
    ///
    /// ```swift
    /// DynamicQRIS.isBillNumber("20261129-T1-103512")   // true
    /// DynamicQRIS.isBillNumber("QR-1")                 // false
    /// ```
    public static func isBillNumber(_ text: String) -> Bool {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        func digits(_ part: Substring, _ count: ClosedRange<Int>) -> Bool {
            count.contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
        }
        return parts.count == 3 && digits(parts[0], 8...8) && parts[1].first == "T" && digits(parts[1].dropFirst(), 1...18)
            && digits(parts[2], 6...6)
    }
}

/// What the customer handed over, before it is matched against the total.
///
/// ```swift
/// try Tender.parse("cash:50000")          // cash, Rp50.000 tendered
/// try Tender.parse("qris:25.000:REF123")  // static QRIS, the customer typed Rp25.000
/// ```
public enum Tender: Hashable, Sendable {
    case cash(tendered: Rupiah)
    /// QRIS: the amount, the reference the customer's app shows, and the code with the amount
    /// in it that Kasir made for it (`nil`: the customer typed the amount at the static stand).
    case qris(amount: Rupiah, reference: String, request: DynamicQRIS? = nil)

    public static let referenceLimit = 64

    /// Reads `cash:AMOUNT` or `qris:AMOUNT:REF` (also `tunai:` for cash).
    public static func parse(_ text: String) throws(InputError) -> Tender {
        let parts = text.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        switch (parts.first?.lowercased(), parts.count) {
        case ("cash", 2), ("tunai", 2):
            return .cash(tendered: try positive(Rupiah.parse(parts[1]), text))
        case ("qris", 3):
            return .qris(amount: try positive(Rupiah.parse(parts[1]), text), reference: try reference(parts[2]))
        default:
            throw .malformedPayment(clipped(text))
        }
    }

    /// Checks a QRIS reference: 1–64 printable characters without spaces, in capitals, so
    /// `ref123` and `REF123` are the same reference and cannot pay two orders.
    public static func reference(_ text: String) throws(InputError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= referenceLimit,
            trimmed.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F })
        else { throw .malformedPayment(clipped(text)) }
        return trimmed.uppercased()
    }

    private static func positive(_ amount: Rupiah, _ text: String) throws(InputError) -> Rupiah {
        guard amount > .zero else { throw .malformedPayment(clipped(text)) }
        return amount
    }
}

/// A payment as recorded: the amount applied to the bill, and for cash what was handed over.
public struct Payment: Hashable, Sendable, Codable {
    public var method: PaymentMethod
    /// The part of the total this payment settles.
    public var amount: Rupiah
    /// Cash handed over; equals `amount` for non-cash payments.
    public var tendered: Rupiah
    public var change: Rupiah
    public var reference: String?

    public init(method: PaymentMethod, amount: Rupiah, tendered: Rupiah, change: Rupiah = .zero, reference: String? = nil) {
        self.method = method
        self.amount = amount
        self.tendered = tendered
        self.change = change
        self.reference = reference
    }
}

/// Matches what was tendered against the total.
///
/// Non-cash payments settle their exact amount first and may not exceed the total (QRIS
/// carries no surcharge and gives no change). Cash covers the rest; any excess is change.
/// Several cash tenders are added into one cash payment. A complimentary order (total Rp0)
/// is settled by no payment at all.
///
/// ```swift
/// let paid = try settle(total: 40_000, tenders: [.qris(amount: 15_000, reference: "A1"), .cash(tendered: 50_000)])
/// paid.change   // 25_000
/// ```
///
/// - Returns: the payments, the change, and the dynamic QRIS codes the QRIS tenders asked
///   for, by the index in `payments` of the payment each one paid.
/// - Throws: ``OrderError/noPayment``, ``OrderError/nonCashExceedsDue(due:paid:)``,
///   ``OrderError/paymentsDoNotCoverTotal(total:paid:)``, ``OrderError/cashShort(due:tendered:)``,
///   ``OrderError/nothingDueInCash``, ``OrderError/duplicateReference(_:)``.
public func settle(
    total: Rupiah, tenders: [Tender]
) throws(OrderError) -> (payments: [Payment], change: Rupiah, qrisRequests: [Int: DynamicQRIS]) {
    guard !tenders.isEmpty else {
        guard total == .zero else { throw .noPayment }
        return ([], .zero, [:])
    }
    var payments: [Payment] = []
    var requests: [Int: DynamicQRIS] = [:]
    var nonCash = Rupiah.zero
    var cash = Rupiah.zero
    var hasCash = false
    var references: Set<String> = []
    for tender in tenders {
        switch tender {
        case .qris(let amount, let reference, let request):
            guard references.insert(reference).inserted else { throw .duplicateReference(reference) }
            nonCash += amount
            if let request { requests[payments.count] = request }
            payments.append(Payment(method: .qris, amount: amount, tendered: amount, reference: reference))
        case .cash(let tendered):
            cash += tendered
            hasCash = true
        }
    }
    guard nonCash <= total else { throw .nonCashExceedsDue(due: total, paid: nonCash) }
    let dueInCash = total - nonCash
    guard hasCash else {
        guard dueInCash == .zero else { throw .paymentsDoNotCoverTotal(total: total, paid: nonCash) }
        return (payments, .zero, requests)
    }
    guard dueInCash > .zero else { throw .nothingDueInCash }
    guard cash >= dueInCash else { throw .cashShort(due: dueInCash, tendered: cash) }
    let change = cash - dueInCash
    payments.append(Payment(method: .cash, amount: dueInCash, tendered: cash, change: change))
    return (payments, change, requests)
}
