import Foundation

/// Why a refund cannot be made as asked. Nothing is changed when one is thrown.
public enum RefundError: KasirError, Equatable {
    /// The order has no line with this number.
    case noSuchLine(Int)
    /// More of a line was asked for than is left to refund.
    case lineQuantityExceeded(line: Int, left: Int)
    /// A quantity of zero or less was asked for.
    case malformedQuantity(line: Int)
    /// Everything the order was paid has already gone back.
    case nothingToRefund
    /// The refund needs a second supervisor's PIN besides the approver's, and none was given.
    case secondSupervisorRequired(SecondApprovalCause)
    /// The second supervisor named is the approver: it must be another person.
    case sameSupervisorTwice(String)
    /// A QRIS payment an admin wrote off (its money never arrived, and it has already left
    /// revenue and premi) cannot be refunded; confirmed first, it can.
    case writtenOffQRIS(reference: String?)
}

extension RefundError {
    public var nature: ErrorNature {
        switch self {
        case .noSuchLine, .lineQuantityExceeded, .malformedQuantity, .nothingToRefund, .secondSupervisorRequired, .sameSupervisorTwice,
             .writtenOffQRIS:
            return .refusal
        }
    }
}

/// Why a refund needs a second, different supervisor's PIN besides the approver's.
///
/// Money that leaves the drawer where no sale of this till stands against it is where one
/// supervisor alone could cover a short drawer: an order of a till already counted and closed,
/// and a QRIS payment (money that never entered the drawer) paid back in cash.
///
/// ```swift
/// SecondApprovalCause.of(plan, soldInClosedTill: false)   // .qrisInCash when a QRIS part goes back in cash
/// ```
public enum SecondApprovalCause: String, Hashable, Sendable {
    /// The order was sold in a till that is now closed.
    case closedTill = "closed_till"
    /// A QRIS part goes back in cash from the drawer.
    case qrisInCash = "qris_in_cash"

    /// The rule, in one place: why `plan` needs a second supervisor, or `nil`. A closed till
    /// is named first when both hold.
    public static func of(_ plan: RefundPlan, soldInClosedTill: Bool) -> SecondApprovalCause? {
        if soldInClosedTill { return .closedTill }
        if plan.paysQRISInCash { return .qrisInCash }
        return nil
    }
}

/// One line of a recorded order, as a refund sees it.
public struct RefundableLine: Hashable, Sendable {
    /// 1-based, as printed.
    public var position: Int
    public var quantity: Int
    /// What the customer paid for the whole line: its share of the order's total.
    public var paid: Rupiah
    /// Units of this line already refunded.
    public var refundedQuantity: Int

    public init(position: Int, quantity: Int, paid: Rupiah, refundedQuantity: Int = 0) {
        self.position = position
        self.quantity = quantity
        self.paid = paid
        self.refundedQuantity = refundedQuantity
    }

    /// What the first `units` units of the line cost the customer. Cumulative, so refunding a
    /// line unit by unit returns exactly what the whole line was paid.
    func paid(forFirst units: Int) -> Rupiah {
        guard quantity > 0 else { return .zero }
        return Rupiah(paid.value * Int64(units) / Int64(quantity))
    }
}

/// One payment of a recorded order, and how much of it has gone back already.
public struct RefundableTender: Hashable, Sendable {
    /// The payment's position in its order (1-based).
    public var position: Int
    public var method: PaymentMethod
    public var reference: String?
    /// The part of the total this payment settled (not what was handed over).
    public var paid: Rupiah
    /// Its exact shares of earlier refunds, however they went back.
    public var refunded: Rupiah
    /// The part of `refunded` that went back from the drawer.
    public var refundedInCash: Rupiah
    /// The cash that actually left the drawer for it: `refundedInCash` with its cash rounding.
    public var handedBackInCash: Rupiah

    /// - Parameter handedBackInCash: `refundedInCash` when `nil` (no rounding so far).
    public init(
        position: Int, method: PaymentMethod, reference: String?, paid: Rupiah, refunded: Rupiah = .zero,
        refundedInCash: Rupiah = .zero, handedBackInCash: Rupiah? = nil
    ) {
        self.position = position
        self.method = method
        self.reference = reference
        self.paid = paid
        self.refunded = refunded
        self.refundedInCash = refundedInCash
        self.handedBackInCash = handedBackInCash ?? refundedInCash
    }
}

/// A line and quantity to refund: `nil` quantity means all that is left of the line.
public struct RefundPick: Hashable, Sendable {
    public var line: Int
    public var quantity: Int?

    public init(line: Int, quantity: Int? = nil) {
        self.line = line
        self.quantity = quantity
    }

    /// Reads `K` or `K:QTY`, as `--line` and the counter take it.
    public static func parse(_ text: String) throws(InputError) -> RefundPick {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let line = Int(parts[0]), line > 0, line <= OrderDraft.lineLimit else {
            throw .malformedItem(clipped(text))
        }
        guard parts.count == 2 else { return RefundPick(line: line) }
        return RefundPick(line: line, quantity: try ItemSpec.parseQuantity(String(parts[1])))
    }
}

/// What a refund gives back, line by line and tender by tender.
///
/// Every Rupiah is counted once: a line is never refunded beyond its quantity, the order never
/// beyond its total, and each payment never beyond what it paid. The money goes back the way
/// it came: the cash part from the drawer, the QRIS part as a QRIS/transfer refund with its
/// reference (or in cash, when the supervisor chose that).
///
/// Cash leaves the drawer in coins: a part paid out in cash is rounded by the café's cash
/// rounding, as a sale's total is, and the difference is the part's `rounding`. The payment is
/// still recorded as giving back its exact share (so its refunds add up to what it paid); the
/// rounding is kept beside it, so the till nets to the Rupiah.
///
/// ```swift
/// let plan = try RefundPlan.make(total: 25_000, tax: 2_273, refunded: .zero, refundedTax: .zero,
///                                lines: lines, tenders: tenders, picks: [RefundPick(line: 2)], qrisAsCash: false)
/// plan.amount   // what line 2 was paid
/// ```
public struct RefundPlan: Hashable, Sendable {
    public struct Line: Hashable, Sendable {
        public var position: Int
        public var quantity: Int
        public var amount: Rupiah
    }

    public struct Part: Hashable, Sendable {
        /// The payment it reverses (its position in the order).
        public var paymentPosition: Int
        /// How that payment was made.
        public var tender: PaymentMethod
        /// How the money goes back: cash from the drawer, or a QRIS/transfer refund.
        public var paidOut: PaymentMethod
        public var reference: String?
        /// What goes back: the payment's share, rounded when it is paid out in cash.
        public var amount: Rupiah
        /// What the cash rounding added (positive) or took off (negative); zero for QRIS.
        public var rounding: Rupiah = .zero
        /// The payment's exact share: what it is recorded as having given back.
        public var unrounded: Rupiah { amount - rounding }
    }

    public var lines: [Line]
    public var parts: [Part]
    /// What goes back: the parts added up, cash rounded.
    public var amount: Rupiah
    /// The PB1 inside the amount: what the tax authority is no longer owed.
    public var tax: Rupiah
    /// What the cash rounding added to or took off the refund: the parts' roundings.
    public var rounding: Rupiah = .zero
    /// What the lines were paid, before cash rounding: the refund as the order records it.
    public var unrounded: Rupiah { amount - rounding }

    /// The cash that leaves the drawer.
    public var cashOut: Rupiah { parts.filter { $0.paidOut == .cash }.reduce(.zero) { $0 + $1.amount } }

    /// Whether some of a QRIS payment goes back in cash from the drawer.
    public var paysQRISInCash: Bool { parts.contains { $0.tender == .qris && $0.paidOut == .cash && $0.amount > .zero } }

    /// Plans a refund of `picks` (every line's remainder when `nil`).
    ///
    /// - Parameters:
    ///   - total: the order's total; `tax` the PB1 in it.
    ///   - refunded: what earlier refunds of the order gave back; `refundedTax` the PB1 in that.
    ///   - lines: the order's lines with what each was paid and how much of each went back.
    ///   - tenders: the order's payments with what each paid and how much of each went back.
    ///   - qrisAsCash: the supervisor chose to give the QRIS part back in cash.
    ///   - cashRounding: the café's rounding of a total (`[rounding]`), applied to what leaves
    ///     the drawer; `.none` gives back the exact Rupiah.
    /// - Throws: ``RefundError``.
    public static func make(
        total: Rupiah, tax: Rupiah, refunded: Rupiah, refundedTax: Rupiah, lines: [RefundableLine],
        tenders: [RefundableTender], picks: [RefundPick]?, qrisAsCash: Bool, cashRounding: RoundingRule = .none
    ) throws(RefundError) -> RefundPlan {
        let left = total - refunded
        guard left > .zero else { throw .nothingToRefund }
        var planned: [Line] = []
        if let picks {
            var asked: [Int: Int] = [:]
            for pick in picks {
                guard let line = lines.first(where: { $0.position == pick.line }) else { throw .noSuchLine(pick.line) }
                let remaining = line.quantity - line.refundedQuantity - asked[line.position, default: 0]
                let quantity = pick.quantity ?? remaining
                guard quantity > 0 || pick.quantity == nil else { throw .malformedQuantity(line: pick.line) }
                guard quantity <= remaining, quantity > 0 else { throw .lineQuantityExceeded(line: pick.line, left: max(remaining, 0)) }
                asked[line.position, default: 0] += quantity
            }
            for line in lines where asked[line.position] != nil {
                let quantity = asked[line.position]!
                let amount = line.paid(forFirst: line.refundedQuantity + quantity) - line.paid(forFirst: line.refundedQuantity)
                planned.append(Line(position: line.position, quantity: quantity, amount: amount))
            }
        } else {
            for line in lines where line.refundedQuantity < line.quantity {
                let quantity = line.quantity - line.refundedQuantity
                planned.append(Line(position: line.position, quantity: quantity,
                                    amount: line.paid - line.paid(forFirst: line.refundedQuantity)))
            }
        }
        // A whole refund gives back all that is left, rounding and all; a line refund what
        // its lines were paid, never more than is left of the order.
        let amount = picks == nil ? left : min(planned.reduce(.zero) { $0 + $1.amount }, left)
        guard amount > .zero else { throw .nothingToRefund }
        // Cumulative, so several refunds of one order give back exactly its PB1 in the end.
        let taxAfter = Rupiah(tax.value * (refunded + amount).value / total.value)
        let taxPart = max(min(taxAfter, tax) - refundedTax, .zero)
        let capacities = tenders.map { max($0.paid - $0.refunded, .zero) }
        let shares = Rupiah.allocate(amount, weights: capacities.map(\.value))
        var parts: [Part] = []
        for (index, tender) in tenders.enumerated() where shares[index] > .zero {
            parts.append(Part(
                paymentPosition: tender.position, tender: tender.method,
                paidOut: tender.method == .qris && qrisAsCash ? .cash : tender.method,
                reference: tender.reference, amount: shares[index]))
        }
        let rounding = cashRoundingOfRefund(parts, tenders: tenders, rule: cashRounding)
        // The rounding rides on the cash parts, largest first: what is added goes on the largest;
        // what is taken off comes from the largest, then the next, none going below zero.
        var rest = rounding
        for index in parts.indices.filter({ parts[$0].paidOut == .cash }).sorted(by: { parts[$0].amount > parts[$1].amount }) where rest != .zero {
            let share = rest > .zero ? rest : Rupiah(max(rest.value, -parts[index].amount.value))
            parts[index].amount += share
            parts[index].rounding = share
            rest -= share
        }
        return RefundPlan(lines: planned, parts: parts, amount: amount + rounding, tax: taxPart, rounding: rounding)
    }

    /// What the cash rounding adds to (or takes off) this refund's cash.
    ///
    /// Rounded once over all the cash the order has given back, this refund included, not
    /// payment by payment (a split payment leaves every part uneven, and their roundings would
    /// add up): refunding line by line hands back, in the end, what one whole refund would. And
    /// never more than the exact amount: whatever the mode, money out of the drawer never
    /// exceeds what came in — where `up` or `nearest` would, it rounds down.
    static func cashRoundingOfRefund(_ parts: [Part], tenders: [RefundableTender], rule: RoundingRule) -> Rupiah {
        let exactNow = parts.filter { $0.paidOut == .cash }.reduce(Rupiah.zero) { $0 + $1.amount }
        guard exactNow > .zero else { return .zero }
        let exactAfter = tenders.reduce(Rupiah.zero) { $0 + $1.refundedInCash } + exactNow
        let handedBefore = tenders.reduce(Rupiah.zero) { $0 + $1.handedBackInCash }
        var handedAfter = rule.apply(to: exactAfter)
        if handedAfter > exactAfter { handedAfter = RoundingRule(unit: rule.unit, mode: .down).apply(to: exactAfter) }
        return max(handedAfter - handedBefore, .zero) - exactNow
    }
}

extension Totals {
    /// What the customer paid for each line: the total shared over the lines by what each
    /// came to after its own discount (largest remainder, whole Rupiah), so an order discount,
    /// service charge, tax on top and rounding fall on every line in proportion.
    ///
    /// - Parameter lineNets: each line's total less its own discount, in order.
    public func lineShares(lineNets: [Rupiah]) -> [Rupiah] {
        Rupiah.allocate(total, weights: lineNets.map { max($0.value, 0) })
    }
}
