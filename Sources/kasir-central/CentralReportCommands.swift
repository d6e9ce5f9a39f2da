import Foundation
import KasirCentral
import KasirConfig
import KasirCore
import KasirLedger
import KasirReports

extension Report {
    /// Each café's training report of `month` (``CentralDatabase/trainingResults(_:month:competencies:)``), with the
    /// competency units and skills of the config folder.
    func training(month: BusinessMonth, scope: CentralScope) async throws -> (results: [CentralTrainingResult], skills: [String]) {
        let config = try KasirConfiguration.load(from: KasirConfiguration.folder(option: self.config, environment: ProcessInfo.processInfo.environment))
        let competencies = config.competencies
        let results = try await database.with { central in try await central.trainingResults(scope, month: month, competencies: competencies) }
        return (results, Array(Set(config.menu.items.map(\.skill))).sorted())
    }
}

extension Report {
    /// Each café's sales of `month` (``CentralDatabase/salesResults(_:month:)``).
    func sales(month: BusinessMonth, scope: CentralScope) async throws -> [CentralSalesResult] {
        try await database.with { central in try await central.salesResults(scope, month: month) }
    }
}
