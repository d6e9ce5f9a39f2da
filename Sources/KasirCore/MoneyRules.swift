import Foundation

/// The rules that decide money: tax, service charge, rounding, how profit is split into premi,
/// PNBP and working capital, how premi is shared, how many Z backups are kept, and the café's
/// static QRIS payload.
///
/// Like ``SecurityPolicy`` they live in the database: the config seeds them once, when the
/// database is made, and after that only an admin's PIN changes them (`kasir policy set`),
/// journaled. A config file handed to a command chooses files and layouts, never these.
///
/// ```swift
/// var rules = MoneyRules.standard
/// rules.pricing.tax = TaxPolicy(rate: .zero, pricesIncludeTax: true)
/// try rules.validate()
/// ```
public struct MoneyRules: Hashable, Sendable {
    public var pricing: PricingPolicy
    public var premi: PremiPolicy
    /// Z close backups kept, newest first.
    public var backupsKept: Int
    /// The café's static QRIS payload (EMVCo), when it has one.
    public var qrisPayload: String?
    /// The time zone whose days and months the café's business days, premi months, shifts and
    /// closing windows are (`Asia/Makassar`, WITA): a rule, for it moves sales and hours
    /// between months.
    public var timeZone: String

    public init(pricing: PricingPolicy, premi: PremiPolicy, backupsKept: Int, qrisPayload: String? = nil, timeZone: String = "Asia/Makassar") {
        self.pricing = pricing
        self.premi = premi
        self.backupsKept = backupsKept
        self.qrisPayload = qrisPayload
        self.timeZone = timeZone
    }

    /// The calendar of ``timeZone``.
    public var calendar: CafeCalendar {
        TimeZone(identifier: timeZone).map { CafeCalendar(timeZone: $0) } ?? .wita
    }

    /// What the shipped config says: PB1 10% inside the prices, no service charge, rounding down
    /// to Rp100, premi 50 / PNBP 15 / capital 35 by plain hours, 30 backups.
    public static let standard = MoneyRules(
        pricing: PricingPolicy(tax: TaxPolicy(rate: .percent(10), pricesIncludeTax: true), serviceCharge: .zero,
                               rounding: RoundingRule(unit: 100, mode: .down)),
        premi: PremiPolicy(), backupsKept: 30)

    public static let roundingUnits: Set<Int64> = [1, 50, 100, 500, 1_000]
    public static let stations = ["kasir", "bar", "dapur"]

    /// Checks every figure against what a café may set.
    ///
    /// - Throws: ``InputError/notOneOf(field:allowed:)`` naming the first figure out of bounds.
    public func validate() throws(InputError) {
        func check(_ ok: Bool, _ field: String, _ allowed: String) throws(InputError) {
            guard ok else { throw .notOneOf(field: field, allowed: [allowed]) }
        }
        try check((0...10_000).contains(pricing.tax.rate.basisPoints), "tax_rate_percent", "0–100")
        try check(!pricing.tax.label.isEmpty && pricing.tax.label.count <= 12, "tax_label", "1–12")
        try check((0...10_000).contains(pricing.serviceCharge.basisPoints), "service_charge_percent", "0–100")
        try check(Self.roundingUnits.contains(pricing.rounding.unit), "rounding_unit", "1, 50, 100, 500, 1000")
        for (share, field) in [(premi.premi, "premi_percent"), (premi.pnbp, "pnbp_percent"), (premi.capital, "capital_percent")] {
            try check((0...10_000).contains(share.basisPoints), field, "0–100")
        }
        try check(premi.premi.basisPoints + premi.pnbp.basisPoints + premi.capital.basisPoints == 10_000, "capital_percent",
                  "premi + pnbp + capital = 100")
        if let weights = premi.stationWeights {
            try check(Set(weights.keys) == Set(Self.stations) && weights.values.allSatisfy { (0...1_000).contains($0) },
                      "station_weights", "kasir, bar, dapur 0–1000")
        }
        try check((1...1_000).contains(backupsKept), "backups_kept", "1–1000")
        try check(TimeZone(identifier: timeZone) != nil, "time_zone", "Asia/Makassar, Asia/Jakarta, Asia/Jayapura")
        if let qrisPayload { try check(!qrisPayload.isEmpty && qrisPayload.count <= 512 && qrisPayload.allSatisfy(\.isASCII), "qris_payload", "ASCII, 1–512") }
    }
}
