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
    /// The highest MDR an acquirer's settlement line may show, as a share of its amount (the
    /// VAT on the fee included): a fee above it is a cost the premi would bear, so a report
    /// carrying one is refused whole until an admin raises this (`kasir policy set
    /// --qris-mdr-ceiling`). Standard: 0,8% (Bank Indonesia's highest QRIS MDR, 0,7%, and the
    /// VAT on it).
    public var qrisMDRCeiling: Percentage

    public init(pricing: PricingPolicy, premi: PremiPolicy, backupsKept: Int, qrisPayload: String? = nil, timeZone: String = "Asia/Makassar",
                qrisMDRCeiling: Percentage = MoneyRules.standardQRISMDRCeiling) {
        self.pricing = pricing
        self.premi = premi
        self.backupsKept = backupsKept
        self.qrisPayload = qrisPayload
        self.timeZone = timeZone
        self.qrisMDRCeiling = qrisMDRCeiling
    }

    /// 0,8%: the 0,7% MDR Bank Indonesia allows at most, and the VAT on it.
    public static let standardQRISMDRCeiling = Percentage(basisPoints: 80)

    /// The most an acquirer may keep of `amount` under ``qrisMDRCeiling``, rounded up to the Rupiah.
    ///
    /// ```swift
    /// MoneyRules.standard.highestQRISFee(on: 10_000)   // Rp80
    /// ```
    public func highestQRISFee(on amount: Rupiah) -> Rupiah {
        Rupiah((amount.value * qrisMDRCeiling.basisPoints + 9_999) / 10_000)
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

    /// Checks every figure against what a café may set, and the static QRIS payload against
    /// what QRIS requires (``QRISPayload/parse(_:)``): a payload that is not the café's QRIS
    /// would print codes that no wallet pays, so it is refused when the rules are set (`kasir
    /// policy set --qris-payload`) and when a new database takes them from `[qris]
    /// static_payload`.
    ///
    /// - Throws: ``InputError/notOneOf(field:allowed:)`` naming the first figure out of bounds,
    ///   ``QRISPayloadError`` naming the tag at fault in the QRIS payload.
    public func validate() throws {
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
        try check((0...10_000).contains(qrisMDRCeiling.basisPoints), "qris_mdr_ceiling_percent", "0–100")
        if let qrisPayload {
            try check(!qrisPayload.isEmpty && qrisPayload.count <= 512 && qrisPayload.allSatisfy(\.isASCII), "qris_payload", "ASCII, 1–512")
            _ = try QRISPayload.parse(qrisPayload)
        }
    }
}

extension MoneyRules {
    /// A change to the money rules as an admin types it (`kasir policy set`): each figure as
    /// text, `nil` where the rule stays as it is.
    ///
    /// ```swift
    /// var change = MoneyRules.Change()
    /// change.premi = "55"
    /// change.capital = "30"
    /// let rules = try MoneyRules.standard.changing(change)   // premi 55 / PNBP 15 / capital 30
    /// ```
    public struct Change: Hashable, Sendable {
        /// The tax rate in percent, `10` or `2,5`.
        public var taxRate: String?
        /// The tax's name on receipts.
        public var taxLabel: String?
        /// Whether menu prices include the tax: `ya`/`yes`/`true` or `tidak`/`no`/`false`.
        public var pricesIncludeTax: String?
        /// The service charge in percent.
        public var serviceCharge: String?
        /// Totals rounded to 1, 50, 100, 500 or 1000 Rupiah.
        public var roundingUnit: Int64?
        /// `nearest`, `down` or `up`.
        public var roundingMode: String?
        /// The premi share of profit, in percent.
        public var premi: String?
        /// The PNBP share of profit, in percent.
        public var pnbp: String?
        /// The working capital share of profit, in percent.
        public var capital: String?
        /// Station weights (`kasir=100,bar=120,dapur=100`), or `jam`/`hours` for plain hours.
        public var stationWeights: String?
        /// Z backups kept.
        public var backupsKept: Int?
        /// The café's static QRIS payload; empty for none.
        public var qrisPayload: String?
        /// The time zone of the café's days and months (`Asia/Makassar`).
        public var timeZone: String?
        /// The highest MDR a settlement line may show, in percent (`0,8`).
        public var qrisMDRCeiling: String?

        public init(
            taxRate: String? = nil, taxLabel: String? = nil, pricesIncludeTax: String? = nil, serviceCharge: String? = nil,
            roundingUnit: Int64? = nil, roundingMode: String? = nil, premi: String? = nil, pnbp: String? = nil, capital: String? = nil,
            stationWeights: String? = nil, backupsKept: Int? = nil, qrisPayload: String? = nil, timeZone: String? = nil,
            qrisMDRCeiling: String? = nil
        ) {
            self.taxRate = taxRate
            self.taxLabel = taxLabel
            self.pricesIncludeTax = pricesIncludeTax
            self.serviceCharge = serviceCharge
            self.roundingUnit = roundingUnit
            self.roundingMode = roundingMode
            self.premi = premi
            self.pnbp = pnbp
            self.capital = capital
            self.stationWeights = stationWeights
            self.backupsKept = backupsKept
            self.qrisPayload = qrisPayload
            self.timeZone = timeZone
            self.qrisMDRCeiling = qrisMDRCeiling
        }

        /// Whether the change names no figure at all.
        public var isEmpty: Bool { self == Change() }
    }

    /// These rules with each figure `change` names applied, checked whole (``validate()``).
    ///
    /// - Throws: ``InputError/malformedAmount(_:)`` for a percentage that cannot be read,
    ///   ``InputError/notOneOf(field:allowed:)`` for a word, unit or weight table that is not
    ///   one of those allowed, and for rules out of bounds as a whole; ``QRISPayloadError``
    ///   for a QRIS payload that is not one (leading and trailing spaces and line breaks are
    ///   dropped first).
    public func changing(_ change: Change) throws -> MoneyRules {
        var rules = self
        if let taxRate = change.taxRate { rules.pricing.tax.rate = try Percentage.parse(taxRate) }
        if let taxLabel = change.taxLabel { rules.pricing.tax.label = taxLabel }
        if let includeTax = change.pricesIncludeTax {
            switch includeTax.lowercased() {
            case "ya", "yes", "true": rules.pricing.tax.pricesIncludeTax = true
            case "tidak", "no", "false": rules.pricing.tax.pricesIncludeTax = false
            default: throw InputError.notOneOf(field: "prices-include-tax", allowed: ["ya", "tidak"])
            }
        }
        if let service = change.serviceCharge { rules.pricing.serviceCharge = try Percentage.parse(service) }
        if change.roundingUnit != nil || change.roundingMode != nil {
            var mode = rules.pricing.rounding.mode
            if let roundingMode = change.roundingMode {
                guard let parsed = RoundingRule.Mode(rawValue: roundingMode) else {
                    throw InputError.notOneOf(field: "rounding-mode", allowed: ["nearest", "down", "up"])
                }
                mode = parsed
            }
            let unit = change.roundingUnit ?? rules.pricing.rounding.unit
            guard Self.roundingUnits.contains(unit) else {
                throw InputError.notOneOf(field: "rounding-unit", allowed: ["1", "50", "100", "500", "1000"])
            }
            rules.pricing.rounding = RoundingRule(unit: unit, mode: mode)
        }
        if let premi = change.premi { rules.premi.premi = try Percentage.parse(premi) }
        if let pnbp = change.pnbp { rules.premi.pnbp = try Percentage.parse(pnbp) }
        if let capital = change.capital { rules.premi.capital = try Percentage.parse(capital) }
        if let weights = change.stationWeights { rules.premi.stationWeights = try Self.stationWeights(weights) }
        if let backupsKept = change.backupsKept { rules.backupsKept = backupsKept }
        if let qris = change.qrisPayload {
            // Pasted from a bank's portal, it may carry a line break; a payload never ends in one.
            let payload = qris.trimmingCharacters(in: .whitespacesAndNewlines)
            rules.qrisPayload = payload.isEmpty ? nil : payload
        }
        if let timeZone = change.timeZone { rules.timeZone = timeZone }
        if let ceiling = change.qrisMDRCeiling { rules.qrisMDRCeiling = try Percentage.parse(ceiling) }
        try rules.validate()
        return rules
    }

    /// Reads a weight table `kasir=100,bar=120,dapur=100`; `jam` or `hours` (plain hours) is `nil`.
    ///
    /// Which stations it names and their bounds are left to ``validate()``.
    static func stationWeights(_ text: String) throws(InputError) -> [String: Int]? {
        if ["jam", "hours"].contains(text.lowercased()) { return nil }
        var table: [String: Int] = [:]
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let weight = Int(parts[1]) else {
                throw .notOneOf(field: "station-weights", allowed: ["kasir=100,bar=120,dapur=100"])
            }
            table[String(parts[0]).lowercased()] = weight
        }
        return table
    }
}
