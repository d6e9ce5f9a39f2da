import Foundation
import KasirCore
import KasirLedger
import KasirMessages

/// One café's part of the centre's training report: the café's own training report, computed
/// by its rules from the centre's facts, and how many of its WBP worked.
public struct CentralTrainingResult: Sendable, Codable {
    public var cafe: String
    public var staff: [TrainingEntry]
    /// Open shifts, not counted.
    public var warnings: [String]
    /// WBP enrolled (active, or who worked in the month), and how many of them worked.
    public var participants: Int
    public var worked: Int
    /// `worked` over `participants`, to the hundredth.
    public var workedShare: Double

    /// The café's own training report of `month` again, as its `report training` lays it out.
    public func report(month: String) -> TrainingReport { TrainingReport(month: month, staff: staff, warnings: warnings) }

    public init(cafe: String, report: TrainingReport, enrolled: Set<String>) {
        self.cafe = cafe
        staff = report.staff
        warnings = report.warnings
        let working = Set(report.staff.filter { $0.hours > 0 }.map(\.code))
        participants = enrolled.union(working).count
        worked = working.count
        workedShare = participants > 0 ? TrainingHours.hundredths(Double(worked) / Double(participants)) : 0
    }
}

extension CentralReportLayout {
    /// `report training`: per café, each WBP's hours, days, orders, items per skill and premi,
    /// and the share of the café's WBP who worked.
    public func training(_ results: [CentralTrainingResult], month: String, skills: [String]) -> ReportDocument {
        let decimals = { (value: Double) in String(format: "%.2f", value) }
        let summary = results.map { result -> [String] in
            [result.cafe, "\(result.participants)", "\(result.worked)", decimals(result.workedShare),
             decimals(result.staff.reduce(0) { $0 + $1.hours }), "\(result.staff.reduce(0) { $0 + $1.orders })"]
        }
        let people = results.flatMap { result in result.staff.map { (result.cafe, $0) } }
        let rows = people.map { cafe, entry -> [String] in
            [cafe, entry.code, entry.alias, decimals(entry.hours), "\(entry.days)", "\(entry.orders)", "\(entry.items)"]
                + skills.map { "\(entry.itemsBySkill[$0] ?? 0)" } + [entry.premi.map { Rupiah($0).formatted } ?? "-"]
        }
        let csvRows = people.map { cafe, entry -> [String] in
            [cafe, entry.code, entry.alias, decimals(entry.hours), "\(entry.days)", "\(entry.orders)", "\(entry.items)"]
                + skills.map { "\(entry.itemsBySkill[$0] ?? 0)" } + [entry.premi.map(String.init) ?? ""]
        }
        return ReportDocument(
            title: w(.trainingReport) + " \(month)", subtitle: "\(results.count) " + w(.cafesCount),
            csv: ReportDocument.Table(columns: ["cafe", "code", "alias", "hours", "days", "orders", "items"] + skills.map { "items_\($0)" } + ["premi"],
                                      rows: csvRows),
            tables: [
                ReportDocument.Table(columns: [w(.cafe), w(.participants), w(.worked), w(.share), w(.hours), w(.orders)], rows: summary,
                                     numeric: [1, 2, 3, 4, 5]),
                ReportDocument.Table(columns: [w(.cafe), w(.wbp), w(.alias), w(.hours), w(.days), w(.orders), w(.items)] + skills.map(catalog.skillName) + [w(.premi)],
                                     rows: rows, numeric: Set(3..<(8 + skills.count))),
            ],
            notes: (people.isEmpty ? [w(.noActivity)] : []) + [w(.trainingLegend)] + results.flatMap { result in result.warnings.map { "\(result.cafe) \($0)" } })
    }
}

/// One café's part of the centre's sales report: the café's own sales report of the month.
public struct CentralSalesResult: Sendable, Codable {
    public var cafe: String
    public var report: SalesReport

    public init(cafe: String, report: SalesReport) {
        self.cafe = cafe
        self.report = report
    }
}

extension CentralReportLayout {
    /// `report sales`: per café, orders, revenue before refunds, refunds and net revenue, and
    /// the revenue by how it was paid.
    public func sales(_ results: [CentralSalesResult], month: String) -> ReportDocument {
        let methods = Array(Set(results.flatMap { $0.report.rows.map(\.key) })).sorted()
        func paid(_ result: CentralSalesResult, _ method: String) -> Int64 { result.report.rows.first { $0.key == method }?.revenue ?? 0 }
        let rows = results.map { result -> [String] in
            [result.cafe, "\(result.report.orders)", Rupiah(result.report.revenue).formatted, Rupiah(result.report.refunds).formatted,
             Rupiah(result.report.netRevenue).formatted] + methods.map { Rupiah(paid(result, $0)).formatted }
        }
        let csvRows = results.map { result -> [String] in
            [result.cafe, "\(result.report.orders)", "\(result.report.revenue)", "\(result.report.refunds)", "\(result.report.netRevenue)"]
                + methods.map { "\(paid(result, $0))" }
        }
        return ReportDocument(
            title: w(.salesReport) + " \(month)", subtitle: "\(results.count) " + w(.cafesCount),
            csv: ReportDocument.Table(columns: ["cafe", "orders", "revenue", "refunds", "net_revenue"] + methods.map { "paid_\($0)" }, rows: csvRows),
            tables: [ReportDocument.Table(columns: [w(.cafe), w(.orders), w(.revenue), w(.refunds), w(.netRevenue)] + methods.map { $0.uppercased() },
                                          rows: rows, numeric: Set(1..<(5 + methods.count)))],
            notes: [w(.salesLegend)])
    }

    /// `report pnbp`: per café, the PNBP its tills closed in the month owe, what was deposited
    /// in the month with an NTPN, and what every closed till not yet deposited owes; then each deposit.
    public func pnbp(_ results: [CentralPNBP], month: String) -> ReportDocument {
        let rows = results.map { result -> [String] in
            [result.cafe, "\(result.tillsClosed)", Rupiah(result.due).formatted, Rupiah(result.deposited).formatted,
             "\(result.tillsNotDeposited)", Rupiah(result.notDeposited).formatted]
        }
        let csvRows = results.map { result -> [String] in
            [result.cafe, "\(result.tillsClosed)", "\(result.due)", "\(result.deposited)", "\(result.tillsNotDeposited)", "\(result.notDeposited)"]
        }
        let deposits = results.flatMap { result in
            result.deposits.map { [result.cafe, $0.depositedOn, $0.billingCode, $0.ntpn, Rupiah($0.amount).formatted, $0.tills.map(String.init).joined(separator: " ")] }
        }
        return ReportDocument(
            title: "PNBP \(month)", subtitle: "\(results.count) " + w(.cafesCount),
            csv: ReportDocument.Table(columns: ["cafe", "tills_closed", "due", "deposited", "tills_not_deposited", "not_deposited"], rows: csvRows),
            tables: [
                ReportDocument.Table(columns: [w(.cafe), w(.tillsClosed), w(.due), w(.deposited), w(.tillsNotDeposited), w(.notDeposited)],
                                     rows: rows, numeric: [1, 2, 3, 4, 5]),
                ReportDocument.Table(title: w(.deposits), columns: [w(.cafe), w(.depositedOn), w(.billingCode), "NTPN", w(.amount), w(.tills)],
                                     rows: deposits, numeric: [4]),
            ],
            notes: [w(.pnbpLegend)])
    }
}
