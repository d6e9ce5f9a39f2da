import Foundation
import KasirConfig
import KasirCore
import KasirStore

/// What one WBP practised in a month.
public struct SkillMetrics: Hashable, Sendable, Codable {
    public var hours: Double = 0
    public var days = 0
    public var hoursByStation: [String: Double] = [:]
    public var orders = 0
    public var items = 0
    public var itemsBySkill: [String: Int] = [:]
    /// Orders served per hour on duty, to the hundredth.
    public var ordersPerHour: Double = 0
    /// Items made per hour on duty, to the hundredth.
    public var itemsPerHour: Double = 0
    /// Items made with at least one modifier, over items made, to the hundredth.
    public var modifierShare: Double = 0
    public var linesRemoved = 0
    public var ordersVoided = 0
    /// Lines taken off per 100 orders taken (served or voided), to the hundredth.
    public var linesRemovedPerHundred: Double = 0
    /// Orders voided per 100 orders taken, to the hundredth.
    public var ordersVoidedPerHundred: Double = 0
    /// Variances of tills closed while they were at the kasir station.
    public var cashVariance: Int64 = 0
    public var revenue: Int64 = 0
}

/// A competency unit's progress for one WBP.
public struct UnitProgress: Hashable, Sendable, Codable {
    public var code: String
    public var title: String
    public var verified: Bool
    /// Hours so far (all months through this one), attributed to the unit's skills by the
    /// share of items made in them each month.
    public var practiceHours: Double
    public var suggestedHours: Int
    /// ``competent`` or ``notYetCompetent``, as the report has always written them (its JSON
    /// keeps the words).
    public var lastResult: String?
    public var lastAssessed: String?

    public static let competent = "Kompeten"
    public static let notYetCompetent = "Belum Kompeten"
}

/// What one WBP did in one month, for the report's look back.
public struct MonthFigures: Hashable, Sendable, Codable {
    public var month: String
    public var hours: Double
    public var items: Int
    public var itemsBySkill: [String: Int]
}

/// One WBP's line of the training report.
public struct TrainingEntry: Hashable, Sendable, Codable {
    public var code: String
    public var alias: String
    public var name: String?
    public var registration: String?
    public var hours: Double
    public var days: Int
    public var orders: Int
    public var items: Int
    public var itemsBySkill: [String: Int]
    public var metrics: SkillMetrics
    public var previous: SkillMetrics
    public var competencies: [UnitProgress]
    public var premi: Int64?
    /// The last six months, this one last.
    public var history: [MonthFigures]
    /// Coaching notes written this month.
    public var notes: [NoteEntry]
}

/// A supervisor's coaching note as reports show it.
public struct NoteEntry: Hashable, Sendable, Codable {
    /// The café day it was written, and the time.
    public var date: String
    public var time: String
    public var by: String
    public var text: String
}

/// The monthly training report: per WBP hours, skills, progress, competencies and premi.
public struct TrainingReport: Sendable, Codable {
    public var month: String
    public var staff: [TrainingEntry]
    /// Open shifts: not counted, to be closed by a supervisor with the real time.
    public var warnings: [String]
}

/// Builds reports from the store's facts; the arithmetic itself is pure.
public struct ReportBuilder {
    let database: AppDatabase
    let config: KasirConfiguration
    /// Facts later than this are left out, so a document made at a journal mark comes out the
    /// same when it is made again; `nil` takes everything recorded.
    public var asOf: Date?
    /// A document's journal mark: facts as journaled at or before that entry, so legitimate
    /// work entered after the document (a paper-sheet shift for an earlier day) never changes
    /// it; only tampering does.
    public var journalSeq: Int64?

    public init(database: AppDatabase, config: KasirConfiguration, asOf: Date? = nil) {
        self.database = database
        self.config = config
        self.asOf = asOf
    }

    var calendar: CafeCalendar { config.cafe.calendar }

    /// `end`, or just after the cutoff when that comes first.
    func clamp(_ end: Date) -> Date {
        guard let asOf else { return end }
        return min(end, asOf.addingTimeInterval(0.001))
    }

    /// The training arithmetic over this café's store, at the cutoff and mark.
    var trainingRules: TrainingRules {
        TrainingRules(facts: StoreTrainingFacts(database: database, asOf: asOf, journalSeq: journalSeq), calendar: calendar,
                      competencies: config.competencies)
    }

    /// Closed shifts overlapping `[start, end)`, less those still open at the cutoff.
    func shifts(from start: Date, to end: Date) throws -> [ShiftFact] {
        try trainingRules.facts.shifts(from: start, to: end)
    }

    /// The metrics of every WBP for `month`.
    func metrics(_ month: BusinessMonth) throws -> [String: SkillMetrics] {
        try trainingRules.metrics(month)
    }

    func practiceSeconds(_ metrics: [String: SkillMetrics]) -> [String: [String: Int]] {
        TrainingRules.practiceSeconds(metrics)
    }

    /// The training report of `month`, for every WBP or one.
    public func training(_ month: BusinessMonth, staff only: String? = nil, pseudonymous: Bool) throws -> TrainingReport {
        try trainingRules.training(month, staff: only, pseudonymous: pseudonymous)
    }

    func noteEntry(_ note: CoachingNote) -> NoteEntry { trainingRules.noteEntry(note) }
}

/// The training report's rules: hours, items, rates, practice per competency, premi and the
/// look back, computed from facts wherever they come from. The café reads them from its SQLite
/// store (``StoreTrainingFacts``); the centre from its PostgreSQL projections of the café's
/// journal. One implementation, so the two agree to the hundredth of an hour.
///
/// ```swift
/// let rules = TrainingRules(facts: facts, calendar: .wita, competencies: config.competencies)
/// let report = try rules.training(november, pseudonymous: true)
/// ```
public struct TrainingRules {
    public var facts: any TrainingFactSource
    public var calendar: CafeCalendar
    public var competencies: [CompetencyUnit]

    public init(facts: any TrainingFactSource, calendar: CafeCalendar, competencies: [CompetencyUnit]) {
        self.facts = facts
        self.calendar = calendar
        self.competencies = competencies
    }

    /// The metrics of every WBP for `month`.
    func metrics(_ month: BusinessMonth) throws -> [String: SkillMetrics] {
        let (start, end) = calendar.interval(of: month)
        let shifts = try facts.shifts(from: start, to: end)
        let hours = TrainingHours.compute(shifts, month: month, calendar: calendar)
        var result: [String: SkillMetrics] = [:]
        for (code, worked) in hours {
            result[code, default: SkillMetrics()].hours = worked.hours
            result[code, default: SkillMetrics()].days = worked.days.count
            result[code, default: SkillMetrics()].hoursByStation = Dictionary(
                uniqueKeysWithValues: worked.secondsByStation.map { ($0.key.rawValue, TrainingHours.hours($0.value)) })
        }
        var modified: [String: Int] = [:]
        for made in try facts.itemsMade(month: month, from: start, to: end) {
            result[made.makerCode, default: SkillMetrics()].items += made.items
            result[made.makerCode, default: SkillMetrics()].itemsBySkill[made.skill, default: 0] += made.items
            modified[made.makerCode, default: 0] += made.itemsWithModifiers
        }
        for served in try facts.ordersServed(month: month, from: start, to: end) {
            if served.status == .void {
                result[served.serverCode, default: SkillMetrics()].ordersVoided += served.orders
            } else {
                result[served.serverCode, default: SkillMetrics()].orders += served.orders
                result[served.serverCode, default: SkillMetrics()].revenue += served.total.value
            }
            result[served.serverCode, default: SkillMetrics()].linesRemoved += served.removedLines
        }
        for till in try facts.closedTills(from: start, to: end) {
            let atKasir = Set(shifts.filter { $0.station == .kasir && $0.clockIn <= till.closedAt && ($0.clockOut ?? .distantFuture) >= till.openedAt }.map(\.staffCode))
            for code in atKasir { result[code, default: SkillMetrics()].cashVariance += till.variance.value }
        }
        for code in result.keys {
            let metrics = result[code]!
            let taken = Double(metrics.orders + metrics.ordersVoided)
            result[code]!.ordersPerHour = metrics.hours > 0 ? TrainingHours.hundredths(Double(metrics.orders) / metrics.hours) : 0
            result[code]!.itemsPerHour = metrics.hours > 0 ? TrainingHours.hundredths(Double(metrics.items) / metrics.hours) : 0
            result[code]!.modifierShare = metrics.items > 0 ? TrainingHours.hundredths(Double(modified[code] ?? 0) / Double(metrics.items)) : 0
            result[code]!.linesRemovedPerHundred = taken > 0 ? TrainingHours.hundredths(Double(metrics.linesRemoved) * 100 / taken) : 0
            result[code]!.ordersVoidedPerHundred = taken > 0 ? TrainingHours.hundredths(Double(metrics.ordersVoided) * 100 / taken) : 0
        }
        return result
    }

    /// Hours and items per skill of every WBP in each of `months` (consecutive, oldest first):
    /// the hours as kept or from one read of the shifts, and one read of the items, for the
    /// whole span.
    func figures(_ months: [BusinessMonth]) throws -> [String: [BusinessMonth: MonthFigures]] {
        guard let last = months.last else { return [:] }
        let end = calendar.interval(of: last).end
        var result: [String: [BusinessMonth: MonthFigures]] = [:]
        for (month, seconds) in try workedSeconds(months) {
            for (code, worked) in seconds {
                result[code, default: [:]][month] = MonthFigures(month: month.description, hours: TrainingHours.hours(worked), items: 0, itemsBySkill: [:])
            }
        }
        let boundaries = months.map { calendar.interval(of: $0).start } + [end]
        for made in try facts.itemsMade(months: months, boundaries: boundaries) {
            var figures = result[made.makerCode]?[made.month] ?? MonthFigures(month: made.month.description, hours: 0, items: 0, itemsBySkill: [:])
            figures.items += made.items
            figures.itemsBySkill[made.skill, default: 0] += made.items
            result[made.makerCode, default: [:]][made.month] = figures
        }
        return result
    }

    /// Seconds worked per WBP in each of `months` (consecutive, oldest first): as kept, or from
    /// one read of the shifts of their whole span.
    func workedSeconds(_ months: [BusinessMonth]) throws -> [BusinessMonth: [String: Int]] {
        if let kept = try facts.keptWorkedSeconds(months: months) { return kept }
        guard let first = months.first, let last = months.last else { return [:] }
        let shifts = try facts.shifts(from: calendar.interval(of: first).start, to: calendar.interval(of: last).end)
        return TrainingHours.compute(shifts, months: Set(months), calendar: calendar).mapValues { $0.mapValues(\.seconds) }
    }

    /// What practice needs of each WBP's month (hours, and items per skill) where the hours
    /// are kept: the month's other figures are not read.
    func practiceMetrics(_ month: BusinessMonth, seconds: [String: Int]) throws -> [String: SkillMetrics] {
        var result: [String: SkillMetrics] = [:]
        for (code, worked) in seconds { result[code, default: SkillMetrics()].hours = TrainingHours.hours(worked) }
        let (start, end) = calendar.interval(of: month)
        for made in try facts.itemsMade(month: month, from: start, to: end) {
            result[made.makerCode, default: SkillMetrics()].items += made.items
            result[made.makerCode, default: SkillMetrics()].itemsBySkill[made.skill, default: 0] += made.items
        }
        return result
    }

    /// Seconds a month's hours give each skill per WBP: the month's hours shared by the items
    /// made in each skill.
    static func practiceSeconds(_ metrics: [String: SkillMetrics]) -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        for (code, metrics) in metrics where metrics.items > 0 {
            for (skill, items) in metrics.itemsBySkill {
                result[code, default: [:]][skill] = Int((metrics.hours * 3600 * Double(items) / Double(metrics.items)).rounded())
            }
        }
        return result
    }

    /// Practice hours per WBP and skill, all months through `month`: closed months come from
    /// the store (written at premi close), so only the months since are computed, and the
    /// report's cost follows the month rather than the whole history.
    func skillHours(through month: BusinessMonth, current: [String: SkillMetrics]) throws -> [String: [String: Double]] {
        let closed = try facts.closedPractice(through: month)
        var seconds = closed.seconds
        var cursor: BusinessMonth
        if let last = closed.last {
            cursor = last.next
        } else if let first = try facts.firstOrderDate() {
            cursor = calendar.month(of: first)
        } else {
            cursor = month
        }
        var months: [BusinessMonth] = []
        while cursor <= month {
            months.append(cursor)
            cursor = cursor.next
        }
        let earlier = months.filter { $0 < month }
        let kept = earlier.isEmpty ? nil : try facts.keptWorkedSeconds(months: earlier)
        for each in months {
            let metrics: [String: SkillMetrics]
            if each == month {
                metrics = current
            } else if let kept {
                metrics = try practiceMetrics(each, seconds: kept[each] ?? [:])
            } else {
                metrics = try self.metrics(each)
            }
            for (code, skills) in Self.practiceSeconds(metrics) {
                for (skill, value) in skills { seconds[code, default: [:]][skill, default: 0] += value }
            }
        }
        return seconds.mapValues { $0.mapValues { Double($0) / 3600 } }
    }

    /// The months a training report of `month` reads: six back for the look back, and every
    /// month since the last one whose practice was closed (or since the first order).
    public static func lookBack(_ month: BusinessMonth) -> [BusinessMonth] {
        (0..<6).reversed().map { back in (0..<back).reduce(month) { month, _ in month.previous } }
    }

    /// The training report of `month`, for every WBP or one.
    public func training(_ month: BusinessMonth, staff only: String? = nil, pseudonymous: Bool) throws -> TrainingReport {
        let current = try metrics(month)
        let previous = try metrics(month.previous)
        let practice = try skillHours(through: month, current: current)
        let assessments = try facts.assessments(through: month.last)
        let premi = try facts.premiLedger(month: month)
        let (start, end) = calendar.interval(of: month)
        let lookBack = Self.lookBack(month)
        let history = try figures(lookBack)
        let notes = Dictionary(grouping: try facts.coachingNotes(from: start, to: end), by: \.staffCode)
        var entries: [TrainingEntry] = []
        for person in try facts.participants() where only == nil || person.code == only {
            let metrics = current[person.code] ?? SkillMetrics()
            guard metrics.hours > 0 || metrics.items > 0 || metrics.orders > 0 || only != nil || previous[person.code] != nil else { continue }
            let units = competencies.map { unit -> UnitProgress in
                let hours = unit.skills.reduce(0.0) { $0 + (practice[person.code]?[$1] ?? 0) }
                let last = assessments.last { $0.staffCode == person.code && $0.unitCode == unit.code }
                return UnitProgress(code: unit.code, title: unit.title, verified: unit.verified, practiceHours: TrainingHours.hundredths(hours),
                                    suggestedHours: unit.suggestedHours, lastResult: last.map { $0.competent ? UnitProgress.competent : UnitProgress.notYetCompetent },
                                    lastAssessed: last?.assessedOn.description)
            }
            entries.append(TrainingEntry(
                code: person.code, alias: person.alias, name: pseudonymous ? nil : person.name,
                registration: pseudonymous ? nil : person.registration, hours: metrics.hours, days: metrics.days,
                orders: metrics.orders, items: metrics.items, itemsBySkill: metrics.itemsBySkill, metrics: metrics,
                previous: previous[person.code] ?? SkillMetrics(), competencies: units, premi: premi[person.code]?.value,
                history: lookBack.map { history[person.code]?[$0] ?? MonthFigures(month: $0.description, hours: 0, items: 0, itemsBySkill: [:]) },
                notes: (notes[person.code] ?? []).map(noteEntry)))
        }
        let warnings = try facts.openShiftStarts()
            .filter { $0.clockIn < end }
            .map { "\($0.staffCode): \(calendar.dateTime(of: $0.clockIn)) WITA" }
        return TrainingReport(month: month.description, staff: entries, warnings: warnings)
    }

    /// A coaching note as reports show it: the café day and time it was written.
    func noteEntry(_ note: CoachingNote) -> NoteEntry {
        NoteEntry(date: calendar.day(of: note.at).description, time: calendar.clockTime(of: note.at), by: note.writtenBy, text: note.text)
    }
}
