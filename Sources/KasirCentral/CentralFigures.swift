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
        try spliced(results, month: month)
    }

    /// `Month` as ``encoder`` writes it, the cafés encoded each on its own on every core and
    /// put in their place: the same bytes, in half the time on two cores (a month of two
    /// hundred cafés' training is megabytes).
    static func spliced<Cafe: Encodable & Sendable>(_ cafes: [Cafe], month: BusinessMonth) throws -> Data {
        // An empty list is written `[`, an empty line and `]`; the cafés go where that line is.
        let frame = try encoder.encode(Month<Cafe>(month: month.description, cafes: []))
        let gap = Data("[\n\n  ]".utf8)
        guard cafes.count > 1, let hole = frame.firstRange(of: gap) else { return try encoder.encode(Month(month: month.description, cafes: cafes)) }
        nonisolated(unsafe) var parts = [Result<Data, any Error>](repeating: .success(Data()), count: cafes.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: cafes.count) { index in
                slots[index] = Result { try encoder.encode(cafes[index]) }
            }
        }
        var body = Data("[\n".utf8)
        for (index, part) in parts.enumerated() {
            // Two levels in: each line four spaces further, but for the empty line of an empty list.
            for line in try part.get().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
                if !line.isEmpty { body.append(contentsOf: "    ".utf8) }
                body.append(contentsOf: line)
                body.append(UInt8(ascii: "\n"))
            }
            body.removeLast()
            body.append(contentsOf: (index == parts.count - 1 ? "\n  ]" : ",\n").utf8)
        }
        var document = frame
        document.replaceSubrange(hole, with: body)
        return document
    }

    public static func sales(_ results: [CentralSalesResult], month: BusinessMonth) throws -> Data {
        try encoder.encode(Month(month: month.description, cafes: results))
    }

    public static func pnbp(_ results: [CentralPNBP], month: BusinessMonth) throws -> Data {
        try encoder.encode(Month(month: month.description, cafes: results))
    }

    /// The encoder of every report's JSON.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return encoder
    }
}
