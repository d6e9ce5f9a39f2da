import Foundation
import KasirCentral
import KasirConfig
import KasirCore
import KasirLedger
import KasirReports

extension Report {
    /// `report training --format json`: the month, and each café with its `staff` as the café's
    /// own `report training` gives them.
    struct TrainingJSON: Encodable {
        var month: String
        var cafes: [CentralTrainingResult]
    }

    /// Each café's training report of `month`: its facts from the centre's tables, its own
    /// rules (``TrainingRules``), the competency units and skills of the config folder.
    func training(month: BusinessMonth, scope: CentralScope) async throws -> (results: [CentralTrainingResult], skills: [String]) {
        let config = try KasirConfiguration.load(from: KasirConfiguration.folder(option: self.config, environment: ProcessInfo.processInfo.environment))
        let cafes = try await database.with { central in
            try await central.trainingFacts(cafes: try await central.cafeCodes(scope), month: month)
        }
        // Each café's rules run on its own facts: the cafés are shared among the cores.
        let competencies = config.competencies
        let results = try await withThrowingTaskGroup(of: (Int, CentralTrainingResult).self) { group in
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
        return (results, Array(Set(config.menu.items.map(\.skill))).sorted())
    }
}

extension Report {
    /// `report sales --format json`: each café's sales report of the month, grouped by payment.
    struct SalesJSON: Encodable {
        var month: String
        var cafes: [CentralSalesResult]
    }

    /// `report pnbp --format json`: each café's PNBP due, deposited and not yet deposited.
    struct PNBPJSON: Encodable {
        var month: String
        var cafes: [CentralPNBP]
    }

    /// Each café's sales of `month` by its own rules (``SalesRules``), grouped by how it was paid.
    func sales(month: BusinessMonth, scope: CentralScope) async throws -> [CentralSalesResult] {
        let cafes = try await database.with { central in try await central.salesFacts(cafes: try await central.cafeCodes(scope), month: month) }
        return try cafes.map { cafe in
            let categories = cafe.categories
            let report = try SalesRules(facts: cafe.facts, calendar: cafe.calendar, category: { categories[$0] })
                .sales(from: month.first, through: month.last, by: .payment)
            return CentralSalesResult(cafe: cafe.cafe, report: report)
        }
    }
}
