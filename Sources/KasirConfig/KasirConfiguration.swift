import Foundation
import KasirCore

/// The language of everything a person reads: Bahasa Indonesia unless config says English.
public enum Language: String, Sendable, CaseIterable {
    case id, en
}

/// How a printer wants its bytes.
public enum PrinterMode: String, Sendable, CaseIterable {
    /// ESC/POS thermal printers: styles, cut, cash drawer.
    case escpos
    /// Plain text for printers without ESC/POS: no styles, a form feed for a cut.
    case text
}

/// The receipt printer, from `[printer]` in `config/kasir.toml`.
public struct PrinterSettings: Sendable {
    /// The CUPS queue; `nil` when no printer is configured (slips are kept and shown on screen).
    public var queue: String?
    public var mode: PrinterMode = .escpos
    /// Seconds one connection or request to CUPS may take.
    public var timeout: Double = 3
    /// Seconds a job may take from submission until CUPS reports it completed.
    public var jobDeadline: Double = 10
    /// Whether each order also prints a ticket for the bar.
    public var barTicket = true

    public init(queue: String? = nil) { self.queue = queue }
}

/// The café as `config/kasir.toml` describes it.
public struct CafeSettings: Sendable {
    public var name: String
    public var address: String
    public var calendar: CafeCalendar
    public var language: Language
    public var pricing: PricingPolicy
    /// Notes and coins in use, largest first.
    public var denominations: [Rupiah]
    /// Paper width in millimetres: 58 or 80.
    public var receiptWidth: Int
    public var printer = PrinterSettings()
    /// A folder of the café's own slip templates overriding the built-in ones file by file
    /// (`[receipt] templates`, relative to the config folder); `nil` uses the built-in ones.
    public var templatesPath: String?
    /// Where the database lives when neither `--db` nor `KASIR_DB` says.
    public var databasePath: String?
    /// Seconds a write waits for another terminal before it gives up with "database locked".
    public var busyTimeout: Double = 10
    /// The security policy a new database starts with (`[security]`, `[attendance]`); after
    /// that the database's own policy rules, changed only by an admin.
    public var security = SecurityPolicy.standard
    /// Where Z closes leave a backup (relative to the database's folder), and how many are kept.
    public var backupFolder = "backups"
    public var backupsKept = 30
    public var premi = PremiPolicy()
    /// The letterhead and signatures of documents.
    public var documents = DocumentSettings()
    /// The café's static QRIS payload (`[qris] static_payload`), seeding the money rules.
    public var qrisPayload: String?
    /// The highest MDR a settlement line may show (`[qris] mdr_ceiling_percent`), seeding the money rules.
    public var qrisMDRCeiling = MoneyRules.standardQRISMDRCeiling

    /// The rules that decide money as this config would seed them into a new database.
    public var moneyRules: MoneyRules {
        MoneyRules(pricing: pricing, premi: premi, backupsKept: backupsKept, qrisPayload: qrisPayload, timeZone: calendar.timeZone.identifier,
                   qrisMDRCeiling: qrisMDRCeiling)
    }

    /// Takes the database's money rules over whatever this config said: the config chooses
    /// files and layouts, the database the rules.
    public mutating func follow(_ rules: MoneyRules) {
        pricing = rules.pricing
        premi = rules.premi
        backupsKept = rules.backupsKept
        qrisPayload = rules.qrisPayload
        qrisMDRCeiling = rules.qrisMDRCeiling
        calendar = rules.calendar
    }

    public init(name: String, address: String, calendar: CafeCalendar = .wita, language: Language = .id, pricing: PricingPolicy = PricingPolicy(), denominations: [Rupiah] = CafeSettings.indonesianDenominations, receiptWidth: Int = 58, databasePath: String? = nil) {
        self.name = name
        self.address = address
        self.calendar = calendar
        self.language = language
        self.pricing = pricing
        self.denominations = denominations
        self.receiptWidth = receiptWidth
        self.databasePath = databasePath
    }

    public static let indonesianDenominations: [Rupiah] = [
        100_000, 50_000, 20_000, 10_000, 5_000, 2_000, 1_000, 500, 200, 100,
    ]

    /// Columns of text on the configured paper.
    public var receiptColumns: Int { receiptWidth == 80 ? 48 : 32 }
}

/// Who issues and signs the café's documents (the transcript, the monthly reports): the
/// Rutan's letterhead and the people who sign, from `[institution]` and `[[signatures]]`.
public struct DocumentSettings: Sendable, Hashable {
    /// One who signs: a title such as `Kepala Rutan Kelas IIA Balikpapan`, and a name and NIP
    /// (empty: a line to write them by hand).
    public struct Signatory: Sendable, Hashable {
        public var title: String
        public var name: String
        public var nip: String

        public init(title: String, name: String = "", nip: String = "") {
            self.title = title
            self.name = name
            self.nip = nip
        }
    }

    /// The letterhead, top line first: ministry, regional office, the Rutan.
    public var letterhead: [String] = []
    /// Where documents are signed, before the date: `Balikpapan`.
    public var city = ""
    public var signatories: [Signatory] = []
    /// The centre's public address (`[central] url`, e.g. `https://kasir.ditjenpas.go.id`):
    /// when set, a transcript's QR code carries `URL/verifikasi/NUMBER`, the page where anyone
    /// can check it. `nil`: the code carries the number alone.
    public var verificationURL: String?

    public init(letterhead: [String] = [], city: String = "", signatories: [Signatory] = []) {
        self.letterhead = letterhead
        self.city = city
        self.signatories = signatories
    }
}

/// A competency unit from `config/competencies.toml`.
public struct CompetencyUnit: Sendable, Hashable {
    public var code: String
    public var title: String
    public var skills: [String]
    public var suggestedHours: Int
    public var verified: Bool
}

/// Everything read from the config folder.
public struct KasirConfiguration: Sendable {
    public var folder: URL
    public var cafe: CafeSettings
    public var menu: Menu
    public var competencies: [CompetencyUnit] = []

    /// The café's own templates folder, resolved against the config folder; `nil` when none is set.
    public var templatesFolder: URL? {
        guard let path = cafe.templatesPath else { return nil }
        return path.hasPrefix("/") ? URL(fileURLWithPath: path) : folder.appendingPathComponent(path).standardizedFileURL
    }

    public init(folder: URL, cafe: CafeSettings, menu: Menu) {
        self.folder = folder
        self.cafe = cafe
        self.menu = menu
    }

    /// The config folder: `option` (`--config`), then `KASIR_CONFIG`, then `/etc/kasir` (an
    /// installed café or centre), then `./config` (a developer's checkout).
    public static func folder(option: String?, environment: [String: String]) -> URL {
        if let folder = option ?? environment["KASIR_CONFIG"] { return URL(fileURLWithPath: folder) }
        if FileManager.default.fileExists(atPath: "/etc/kasir/kasir.toml") { return URL(fileURLWithPath: "/etc/kasir") }
        return URL(fileURLWithPath: "config")
    }

    /// Loads `kasir.toml` and `menu.toml` from `folder`.
    ///
    /// ```swift
    /// let config = try KasirConfiguration.load(from: URL(fileURLWithPath: "config"))
    /// config.cafe.pricing.tax.rate   // 10%
    /// ```
    ///
    /// - Throws: ``ConfigError`` naming the file, and the line or key, that is wrong.
    public static func load(from folder: URL) throws(ConfigError) -> KasirConfiguration {
        let cafe = try CafeSettings.parse(try read(folder.appendingPathComponent("kasir.toml")), file: "kasir.toml")
        let menu = try MenuFile.parse(try read(folder.appendingPathComponent("menu.toml")), file: "menu.toml")
        var configuration = KasirConfiguration(folder: folder, cafe: cafe, menu: menu)
        let competencies = folder.appendingPathComponent("competencies.toml")
        if FileManager.default.fileExists(atPath: competencies.path) {
            configuration.competencies = try parseCompetencies(try read(competencies), file: "competencies.toml", skills: Set(menu.items.map(\.skill)))
        }
        return configuration
    }

    static func parseCompetencies(_ text: String, file: String, skills: Set<String>) throws(ConfigError) -> [CompetencyUnit] {
        let root = try TOMLReader.parse(text, file: file)
        var units: [CompetencyUnit] = []
        for unit in try root.tables("units") {
            let code = try unit.requiredString("code")
            guard !units.contains(where: { $0.code == code }) else { throw unit.fail("code", .duplicate(code)) }
            let unitSkills = try unit.strings("skills") ?? []
            for (index, skill) in unitSkills.enumerated() where !skills.contains(skill) {
                throw unit.fail("skills[\(index)]", .unknownReference(skill))
            }
            let hours = try unit.int("suggested_hours") ?? 0
            guard (0...10_000).contains(hours) else { throw unit.fail("suggested_hours", .outOfRange("0–10000")) }
            units.append(CompetencyUnit(code: code, title: try unit.requiredString("title"), skills: unitSkills,
                                        suggestedHours: Int(hours), verified: try unit.bool("verified") ?? false))
        }
        return units
    }

    static func read(_ url: URL) throws(ConfigError) -> String {
        guard let data = FileManager.default.contents(atPath: url.path),
            let text = String(data: data, encoding: .utf8)
        else { throw .unreadable(file: url.path) }
        return text
    }
}

extension CafeSettings {
    /// Reads the text of `kasir.toml`.
    public static func parse(_ text: String, file: String) throws(ConfigError) -> CafeSettings {
        let root = try TOMLReader.parse(text, file: file)
        guard let cafe = try root.table("cafe") else { throw root.fail("cafe", .missing) }
        var settings = CafeSettings(name: try cafe.requiredString("name"), address: try cafe.requiredString("address"))
        if let zone = try cafe.string("time_zone") {
            guard let timeZone = TimeZone(identifier: zone) else {
                throw cafe.fail("time_zone", .unknownReference(zone))
            }
            settings.calendar = CafeCalendar(timeZone: timeZone)
        }
        if let language = try cafe.oneOf("language", Language.allCases.map(\.rawValue)) {
            settings.language = Language(rawValue: language)!
        }
        if let tax = try root.table("tax") {
            settings.pricing.tax = TaxPolicy(
                rate: try tax.percentage("rate_percent", range: 0...1_000) ?? .zero,
                pricesIncludeTax: try tax.bool("prices_include_tax") ?? true,
                label: try tax.string("label") ?? "PB1")
        }
        if let service = try root.table("service_charge") {
            settings.pricing.serviceCharge = try service.percentage("rate_percent", range: 0...2_000) ?? .zero
        }
        if let rounding = try root.table("rounding") {
            let unit = try rounding.int("unit") ?? 1
            guard [1, 50, 100, 500, 1_000].contains(unit) else {
                throw rounding.fail("unit", .notOneOf(["1", "50", "100", "500", "1000"]))
            }
            let mode = try rounding.oneOf("mode", ["nearest", "down", "up"]) ?? "nearest"
            settings.pricing.rounding = RoundingRule(unit: unit, mode: RoundingRule.Mode(rawValue: mode)!)
        }
        if let cash = try root.table("cash"), let values = try cash.ints("denominations") {
            guard !values.isEmpty else { throw cash.fail("denominations", .missing) }
            guard values.allSatisfy({ (1...1_000_000).contains($0) }) else {
                throw cash.fail("denominations", .outOfRange("1–1000000"))
            }
            guard Set(values).count == values.count else { throw cash.fail("denominations", .duplicate("denomination")) }
            settings.denominations = values.sorted(by: >).map { Rupiah($0) }
        }
        if let receipt = try root.table("receipt") {
            if let width = try receipt.int("width_mm") {
                guard width == 58 || width == 80 else { throw receipt.fail("width_mm", .notOneOf(["58", "80"])) }
                settings.receiptWidth = Int(width)
            }
            if let templates = try receipt.string("templates"), !templates.isEmpty { settings.templatesPath = templates }
        }
        if let printer = try root.table("printer") {
            if let queue = try printer.string("queue"), !queue.isEmpty { settings.printer.queue = queue }
            if let mode = try printer.oneOf("mode", PrinterMode.allCases.map(\.rawValue)) {
                settings.printer.mode = PrinterMode(rawValue: mode)!
            }
            if let seconds = try printer.int("timeout_seconds") {
                guard (1...60).contains(seconds) else { throw printer.fail("timeout_seconds", .outOfRange("1–60")) }
                settings.printer.timeout = Double(seconds)
            }
            if let seconds = try printer.int("job_deadline_seconds") {
                guard (1...300).contains(seconds) else { throw printer.fail("job_deadline_seconds", .outOfRange("1–300")) }
                settings.printer.jobDeadline = Double(seconds)
            }
            if let barTicket = try printer.bool("bar_ticket") { settings.printer.barTicket = barTicket }
        }
        var attempts = settings.security.pinAttempts, minutes = settings.security.pinLockoutMinutes
        var idle = settings.security.supervisorIdleSeconds, backdate = settings.security.maxBackdateDays
        if let security = try root.table("security") {
            attempts = try security.int("pin_attempts", range: SecurityPolicy.ranges.pinAttempts) ?? attempts
            minutes = try security.int("pin_lockout_minutes", range: SecurityPolicy.ranges.pinLockoutMinutes) ?? minutes
            idle = try security.int("supervisor_idle_seconds", range: SecurityPolicy.ranges.supervisorIdleSeconds) ?? idle
        }
        if let attendance = try root.table("attendance") {
            backdate = try attendance.int("max_backdate_days", range: SecurityPolicy.ranges.maxBackdateDays) ?? backdate
        }
        // Each figure was checked against its range as it was read.
        settings.security = (try? SecurityPolicy(
            pinAttempts: attempts, pinLockoutMinutes: minutes, supervisorIdleSeconds: idle, maxBackdateDays: backdate)) ?? .standard
        if let backup = try root.table("backup") {
            if let folder = try backup.string("folder"), !folder.isEmpty { settings.backupFolder = folder }
            if let keep = try backup.int("keep") {
                guard (1...1000).contains(keep) else { throw backup.fail("keep", .outOfRange("1–1000")) }
                settings.backupsKept = Int(keep)
            }
        }
        if let premi = try root.table("premi") {
            settings.premi.premi = try premi.percentage("premi_percent", range: 0...10_000) ?? settings.premi.premi
            settings.premi.pnbp = try premi.percentage("pnbp_percent", range: 0...10_000) ?? settings.premi.pnbp
            settings.premi.capital = try premi.percentage("capital_percent", range: 0...10_000) ?? settings.premi.capital
            guard settings.premi.premi.basisPoints + settings.premi.pnbp.basisPoints + settings.premi.capital.basisPoints == 10_000 else {
                throw premi.fail("capital_percent", .outOfRange("premi + pnbp + capital = 100"))
            }
            if try premi.oneOf("allocation", ["hours", "weighted"]) == "weighted" {
                guard let weights = try premi.table("station_weights") else { throw premi.fail("station_weights", .missing) }
                var table: [String: Int] = [:]
                for station in ["kasir", "bar", "dapur"] {
                    guard let weight = try weights.int(station), (0...1_000).contains(weight) else {
                        throw weights.fail(station, .outOfRange("0–1000"))
                    }
                    table[station] = Int(weight)
                }
                settings.premi.stationWeights = table
            }
        }
        if let qris = try root.table("qris") {
            if let payload = try qris.string("static_payload"), !payload.isEmpty { settings.qrisPayload = payload }
            settings.qrisMDRCeiling = try qris.percentage("mdr_ceiling_percent", range: 0...10_000) ?? settings.qrisMDRCeiling
        }
        if let institution = try root.table("institution") {
            settings.documents.letterhead = try institution.strings("letterhead") ?? []
            settings.documents.city = try institution.string("city") ?? ""
        }
        for signature in try root.tables("signatures") {
            settings.documents.signatories.append(DocumentSettings.Signatory(
                title: try signature.requiredString("title"), name: try signature.string("name") ?? "", nip: try signature.string("nip") ?? ""))
        }
        if let central = try root.table("central"), let url = try central.string("url"), !url.isEmpty {
            // Printed on paper for strangers to type or scan: an address of the web, nothing else.
            guard url.count <= 200, url.hasPrefix("https://") || url.hasPrefix("http://"),
                  !url.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" }), URL(string: url)?.host?.isEmpty == false
            else { throw central.fail("url", .wrongType(expected: "http(s) URL")) }
            settings.documents.verificationURL = url.hasSuffix("/") ? String(url.dropLast()) : url
        }
        if let database = try root.table("database") {
            if let path = try database.string("path"), !path.isEmpty { settings.databasePath = path }
            if let seconds = try database.int("busy_timeout_seconds") {
                guard (1...600).contains(seconds) else { throw database.fail("busy_timeout_seconds", .outOfRange("1–600")) }
                settings.busyTimeout = Double(seconds)
            }
        }
        return settings
    }
}
