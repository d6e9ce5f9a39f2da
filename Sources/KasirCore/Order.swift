import Foundation

/// Eat in or take away.
public enum OrderType: String, Sendable, Codable, CaseIterable {
    case dineIn = "dine-in"
    case takeaway
}

/// A modifier as it was chosen and priced when the order was taken.
public struct ChosenModifier: Hashable, Sendable, Codable {
    public var groupCode: String
    public var groupName: String
    public var optionCode: String
    public var optionName: String
    public var priceDelta: Rupiah

    public init(groupCode: String, groupName: String, optionCode: String, optionName: String, priceDelta: Rupiah) {
        self.groupCode = groupCode
        self.groupName = groupName
        self.optionCode = optionCode
        self.optionName = optionName
        self.priceDelta = priceDelta
    }
}

/// One line of an order, priced once and never re-priced: a later menu change leaves it alone.
public struct OrderLine: Hashable, Sendable, Codable {
    public var itemCode: String
    public var itemName: String
    public var skill: String
    public var basePrice: Rupiah
    public var modifiers: [ChosenModifier]
    public var quantity: Int
    /// The WBP who made it; `nil` means the server did.
    public var makerCode: String?
    /// A unit price a supervisor set instead of the menu's.
    public var priceOverride: Rupiah?
    /// The line's own discount, in Rupiah from the moment it was approved.
    public var discount: Discount?
    /// What one unit's ingredients cost the café when it was sold; `nil` when the menu had no cost.
    public var unitCost: Rupiah?

    public init(
        itemCode: String, itemName: String, skill: String, basePrice: Rupiah,
        modifiers: [ChosenModifier] = [], quantity: Int, makerCode: String? = nil,
        priceOverride: Rupiah? = nil, discount: Discount? = nil, unitCost: Rupiah? = nil
    ) {
        self.unitCost = unitCost
        self.priceOverride = priceOverride
        self.discount = discount
        self.itemCode = itemCode
        self.itemName = itemName
        self.skill = skill
        self.basePrice = basePrice
        self.modifiers = modifiers
        self.quantity = quantity
        self.makerCode = makerCode
    }

    /// The price of one unit with its modifiers, or the supervisor's override.
    public var unitPrice: Rupiah { priceOverride ?? modifiers.reduce(basePrice) { $0 + $1.priceDelta } }
    /// Unit price × quantity, before the line's discount.
    public var total: Rupiah { unitPrice * quantity }
    public var discountAmount: Rupiah { discount?.reduction(of: total) ?? .zero }
    /// The line's total less its own discount: the weight it carries when the order's total
    /// is shared over its lines.
    public var net: Rupiah { total - discountAmount }

    /// Prices `spec` against `menu`.
    ///
    /// Choices are checked against the item's own groups; a required group the person left out
    /// takes its default, and is an error when it has none.
    ///
    /// - Throws: ``OrderError`` for an unknown or unavailable item, an unknown group or option,
    ///   two choices in a single-choice group, or a required group without a choice.
    public init(spec: ItemSpec, menu: Menu, makerCode: String? = nil) throws(OrderError) {
        guard let item = menu.item(reference: spec.reference) else {
            throw .unknownItem(spec.reference.uppercased())
        }
        guard item.available else { throw .itemUnavailable(item.code) }
        var chosen: [String: [ModifierOption]] = [:]
        for choice in spec.choices {
            // A group by its code or an alias (`size`, `ukuran`), among the item's own.
            guard let group = item.modifierGroups.lazy.compactMap({ menu.group($0) }).first(where: { $0.answers(to: choice.group) }) else {
                throw .unknownModifierGroup(item: item.code, group: choice.group, valid: item.modifierGroups.compactMap { menu.group($0) })
            }
            guard let option = group.option(choice.option)
                ?? group.options.first(where: { $0.name.caseInsensitiveCompare(choice.option) == .orderedSame })
            else { throw .unknownModifierOption(group: group, option: choice.option) }
            var options = chosen[group.code, default: []]
            if options.contains(option) { continue }
            if group.selection == .single && !options.isEmpty { throw .tooManyChoices(group: group) }
            options.append(option)
            chosen[group.code] = options
        }
        var modifiers: [ChosenModifier] = []
        for groupCode in item.modifierGroups {
            guard let group = menu.group(groupCode) else { continue }
            var options = chosen[group.code] ?? []
            if options.isEmpty && group.required {
                guard let fallback = group.defaultOption.flatMap(group.option) else {
                    throw .missingRequiredModifier(item: item.code, group: group.code)
                }
                options = [fallback]
            }
            modifiers += options.map {
                ChosenModifier(
                    groupCode: group.code, groupName: group.name, optionCode: $0.code,
                    optionName: $0.name, priceDelta: $0.priceDelta)
            }
        }
        self.init(
            itemCode: item.code, itemName: item.name, skill: item.skill, basePrice: item.price,
            modifiers: modifiers, quantity: spec.quantity, makerCode: makerCode, unitCost: item.cost)
    }
}

/// A change to an order that a supervisor approved at the moment it was made.
public struct ApprovedChange: Hashable, Sendable, Codable {
    /// `.discount` or `.priceOverride`.
    public var kind: ApprovalKind
    /// The line it applies to (1-based), or `nil` for the whole order.
    public var line: Int?
    /// As the supervisor gave it: `10%`, `Rp5.000`.
    public var detail: String
    /// The Rupiah it was worth when approved: the discount taken off, or the new unit price.
    public var amount: Rupiah
    public var approval: Approval

    public init(kind: ApprovalKind, line: Int?, detail: String, amount: Rupiah, approval: Approval) {
        self.kind = kind
        self.line = line
        self.detail = detail
        self.amount = amount
        self.approval = approval
    }
}

/// An order being taken: nothing of it exists in the database until it is paid and committed.
public struct OrderDraft: Hashable, Sendable {
    public static let lineLimit = 60
    public static let noteLimit = 200

    public var serverCode: String
    public var type: OrderType
    public var note: String?
    public private(set) var lines: [OrderLine] = []
    /// Lines taken off before payment, kept so the record can show them.
    public private(set) var removedLines: [OrderLine] = []

    public init(serverCode: String, type: OrderType = .dineIn, note: String? = nil) {
        self.serverCode = serverCode
        self.type = type
        self.note = note
    }

    public var subtotal: Rupiah { lines.reduce(.zero) { $0 + $1.total } }
    /// A discount on the whole order, after the line discounts.
    public var orderDiscount: Discount?
    /// Approvals given while the order was taken (discounts, overrides), recorded with it.
    public var approvals: [ApprovedChange] = []

    /// Line discounts, then the order discount on what remains.
    public var discount: Rupiah {
        lineDiscounts + (orderDiscount?.reduction(of: subtotal - lineDiscounts) ?? .zero)
    }

    var lineDiscounts: Rupiah { lines.reduce(Rupiah.zero) { $0 + $1.discountAmount } }

    public func totals(_ pricing: PricingPolicy) -> Totals { pricing.totals(subtotal: subtotal, discount: discount) }

    /// Applies a supervisor-approved discount to line `number`, or to the order when `nil`.
    ///
    /// A percentage is turned into Rupiah at this moment: lines added afterwards are not
    /// discounted without an approval of their own, and the approval records the amount.
    public mutating func applyDiscount(_ discount: Discount, line number: Int?, approval: Approval) throws(OrderError) {
        let amount: Rupiah
        if let number {
            guard lines.indices.contains(number - 1) else { throw .noSuchLine(number) }
            amount = discount.reduction(of: lines[number - 1].total)
            lines[number - 1].discount = .amount(amount)
        } else {
            guard !lines.isEmpty else { throw .emptyOrder }
            amount = discount.reduction(of: subtotal - lineDiscounts)
            orderDiscount = .amount(amount)
        }
        approvals.append(ApprovedChange(kind: .discount, line: number, detail: discount.formatted, amount: amount, approval: approval))
    }

    /// Sets a supervisor-approved unit price on line `number`.
    public mutating func overridePrice(_ price: Rupiah, line number: Int, approval: Approval) throws(OrderError) {
        guard lines.indices.contains(number - 1) else { throw .noSuchLine(number) }
        lines[number - 1].priceOverride = price
        approvals.append(ApprovedChange(kind: .priceOverride, line: number, detail: price.formatted, amount: price, approval: approval))
    }

    /// Adds a line, merging it into an equal line (same item, modifiers and maker).
    public mutating func add(_ line: OrderLine) throws(OrderError) {
        if let index = lines.firstIndex(where: {
            $0.itemCode == line.itemCode && $0.modifiers == line.modifiers && $0.makerCode == line.makerCode
                && $0.priceOverride == nil && $0.discount == nil
        }) {
            guard ItemSpec.quantityRange.contains(lines[index].quantity + line.quantity) else {
                throw .lineQuantityTooLarge(limit: ItemSpec.quantityRange.upperBound)
            }
            lines[index].quantity += line.quantity
            return
        }
        guard lines.count < Self.lineLimit else { throw .tooManyLines(limit: Self.lineLimit) }
        lines.append(line)
    }

    /// Takes off line `number` (1-based, as shown).
    ///
    /// An order discount was approved for the lines as they were: it is withdrawn with its
    /// approval, so padding an order, getting a discount and taking the padding off cannot
    /// make it cheaper than approved. Approvals of other lines follow their lines.
    ///
    /// - Returns: the line, and whether the order discount was withdrawn.
    @discardableResult
    public mutating func removeLine(_ number: Int) throws(OrderError) -> (line: OrderLine, discountWithdrawn: Bool) {
        guard lines.indices.contains(number - 1) else { throw .noSuchLine(number) }
        let line = lines.remove(at: number - 1)
        removedLines.append(line)
        let withdrawn = orderDiscount != nil
        orderDiscount = nil
        approvals = approvals.compactMap { change in
            var change = change
            switch change.line {
            case nil where change.kind == .discount: return nil
            case let .some(position) where position == number: return nil
            case let .some(position) where position > number: change.line = position - 1
            default: break
            }
            return change
        }
        return (line, withdrawn)
    }

    /// Sets the note; an empty note clears it.
    public mutating func setNote(_ text: String) throws(InputError) {
        note = try Self.validatedNote(text)
    }

    public static func validatedNote(_ text: String) throws(InputError) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= noteLimit else { throw .textTooLong(field: "note", limit: noteLimit) }
        guard trimmed.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            throw .malformedText(field: "note")
        }
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// An order as it was recorded.
public struct RecordedOrder: Hashable, Sendable, Codable {
    public var id: Int64
    public var day: BusinessDay
    public var number: Int
    public var createdAt: Date
    public var type: OrderType
    public var note: String?
    public var server: StaffMember
    public var lines: [OrderLine]
    public var totals: Totals
    public var payments: [Payment]
    public var status: OrderStatus
    /// What refunds have given back so far.
    public var refunded: Rupiah = .zero
    /// Units refunded so far, per line position (1-based).
    public var refundedQuantities: [Int: Int] = [:]

    public init(id: Int64, day: BusinessDay, number: Int, createdAt: Date, type: OrderType, note: String?, server: StaffMember, lines: [OrderLine], totals: Totals, payments: [Payment], status: OrderStatus) {
        self.id = id
        self.day = day
        self.number = number
        self.createdAt = createdAt
        self.type = type
        self.note = note
        self.server = server
        self.lines = lines
        self.totals = totals
        self.payments = payments
        self.status = status
    }

    public var change: Rupiah { payments.reduce(.zero) { $0 + $1.change } }

    /// What the customer paid for each line (see ``Totals/lineShares(lineNets:)``).
    public var lineShares: [Rupiah] { totals.lineShares(lineNets: lines.map(\.net)) }
}

/// An order ready to commit: its totals and the payments that settle it.
public struct Checkout: Hashable, Sendable {
    public var totals: Totals
    public var payments: [Payment]
    public var change: Rupiah
    /// The dynamic QRIS codes Kasir made for QRIS payments, by the payment's index in
    /// ``payments``: recorded beside the order, not as part of its payments.
    public var qrisRequests: [Int: DynamicQRIS] = [:]
}

extension OrderDraft {
    /// Prices the draft and matches the tenders against its total.
    ///
    /// ```swift
    /// let checkout = try draft.checkout(pricing: policy, tenders: [.cash(tendered: 50_000)])
    /// checkout.change
    /// ```
    ///
    /// - Throws: ``OrderError/emptyOrder`` and the errors of ``settle(total:tenders:)``.
    public func checkout(pricing: PricingPolicy, tenders: [Tender]) throws(OrderError) -> Checkout {
        guard !lines.isEmpty else { throw .emptyOrder }
        let totals = totals(pricing)
        let settled = try settle(total: totals.total, tenders: tenders)
        return Checkout(totals: totals, payments: settled.payments, change: settled.change, qrisRequests: settled.qrisRequests)
    }
}
