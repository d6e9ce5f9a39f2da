import Foundation
import KasirConfig
import KasirCore
import KasirLedger
import KasirReports

extension CentralDatabase {
    /// Each café's training report of `month`: its facts from the centre's tables, its own
    /// rules (``TrainingRules``) and the competency units given. The cafés' rules run in a
    /// task group, sharing the cores. The command line's `report training` and the centre's
    /// pages both call it.
    ///
    /// ```swift
    /// let results = try await central.trainingResults(scope, month: month, competencies: config.competencies)
    /// ```
    public func trainingResults(_ scope: CentralScope, month: BusinessMonth, competencies: [CompetencyUnit]) async throws -> [CentralTrainingResult] {
        let cafes = try await trainingFacts(cafes: try await cafeCodes(scope), month: month)
        return try await withThrowingTaskGroup(of: (Int, CentralTrainingResult).self) { group in
            for (index, cafe) in cafes.enumerated() {
                group.addTask {
                    let report = try TrainingRules(facts: cafe.facts, calendar: cafe.calendar, competencies: competencies)
                        .training(month, pseudonymous: true)
                    return (index, CentralTrainingResult(cafe: cafe.cafe, report: report, enrolled: cafe.facts.active))
                }
            }
            var results: [CentralTrainingResult?] = Array(repeating: nil, count: cafes.count)
            for try await (index, result) in group { results[index] = result }
            return results.map { $0! }
        }
    }

    /// Each café's sales of `month` by its own rules (``SalesRules``), grouped by how it was paid.
    public func salesResults(_ scope: CentralScope, month: BusinessMonth) async throws -> [CentralSalesResult] {
        let cafes = try await salesFacts(cafes: try await cafeCodes(scope), month: month)
        return try cafes.map { cafe in
            let categories = cafe.categories
            let report = try SalesRules(facts: cafe.facts, calendar: cafe.calendar, category: { categories[$0] })
                .sales(from: month.first, through: month.last, by: .payment)
            return CentralSalesResult(cafe: cafe.cafe, report: report)
        }
    }

    /// Each café's PNBP of `month`: due, deposited with NTPN, and not yet deposited.
    public func pnbpResults(_ scope: CentralScope, month: BusinessMonth) async throws -> [CentralPNBP] {
        try await pnbp(cafes: try await cafeCodes(scope), month: month)
    }
}

/// The JSON of the centre's figure reports, as `kasir-central report … --format json` writes it
/// and the officers' pages download it: keys sorted and in snake_case, one object with the
/// month and each café.
public enum CentralReportJSON {
    struct Month<Cafe: Encodable>: Encodable {
        var month: String
        var cafes: [Cafe]
    }

    public static func training(_ results: [CentralTrainingResult], month: BusinessMonth) throws -> Data {
        try ReportJSON.encode(Month(month: month.description, cafes: results))
    }

    public static func sales(_ results: [CentralSalesResult], month: BusinessMonth) throws -> Data {
        try ReportJSON.encode(Month(month: month.description, cafes: results))
    }

    public static func pnbp(_ results: [CentralPNBP], month: BusinessMonth) throws -> Data {
        try ReportJSON.encode(Month(month: month.description, cafes: results))
    }

    /// The encoder of every report's JSON, as Foundation writes it (``ReportJSON`` writes the
    /// same bytes faster).
    public static var encoder: JSONEncoder { ReportJSON.foundation }
}
