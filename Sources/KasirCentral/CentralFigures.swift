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

    public static func training(_ results: [CentralTrainingResult], month: BusinessMonth) async throws -> Data {
        try await encode(results, month: month)
    }

    public static func sales(_ results: [CentralSalesResult], month: BusinessMonth) async throws -> Data {
        try await encode(results, month: month)
    }

    public static func pnbp(_ results: [CentralPNBP], month: BusinessMonth) async throws -> Data {
        try await encode(results, month: month)
    }

    /// The month's document: each café's object written in a task of its own (a month of two
    /// hundred cafés is megabytes), where the document's array holds it, two levels down; the
    /// same bytes as the whole written at once, which is what is written when a café's
    /// object cannot be written alone.
    static func encode<Cafe: Encodable & Sendable>(_ cafes: [Cafe], month: BusinessMonth) async throws -> Data {
        let fragments = await withTaskGroup(of: (Int, ReportJSON.Fragment?).self) { group in
            for (index, cafe) in cafes.enumerated() {
                group.addTask { (index, ReportJSON.fragment(cafe, depth: 2)) }
            }
            var fragments: [ReportJSON.Fragment?] = Array(repeating: nil, count: cafes.count)
            for await (index, fragment) in group { fragments[index] = fragment }
            return fragments
        }
        let written = fragments.compactMap { $0 }
        if written.count == cafes.count, let document = try? ReportJSON.encode(Month(month: month.description, cafes: written)) {
            return document
        }
        return try ReportJSON.encode(Month(month: month.description, cafes: cafes))
    }

    /// The encoder of every report's JSON, as Foundation writes it (``ReportJSON`` writes the
    /// same bytes faster).
    public static var encoder: JSONEncoder { ReportJSON.foundation }
}
