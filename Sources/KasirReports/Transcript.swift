import Foundation
import KasirCore
import KasirStore

/// One WBP's whole participation: the document they take home, or bring to a competency
/// assessment, signed by the Rutan.
///
/// Every figure is what the journal vouched for at the entry the transcript was made at
/// (``journalSeq``): facts recorded later are left out, so the same transcript can be made
/// again, and its ``documentNumber`` checked, at any time after.
public struct Transcript: Sendable, Codable {
    /// A decree the WBP held.
    public struct Decree: Sendable, Codable, Hashable {
        public var number: String
        public var from: String?
        public var until: String?
        public var revoked: Bool
    }

    /// How the WBP's work went in one month.
    public struct Metrics: Sendable, Codable, Hashable {
        public var ordersPerHour: Double
        public var itemsPerHour: Double
        /// Items made with a modifier, over items made.
        public var modifierShare: Double
        public var linesRemovedPerHundred: Double
        public var ordersVoidedPerHundred: Double
        public var linesRemoved: Int
        public var ordersVoided: Int
        /// Variance of the tills closed while they were at the kasir station.
        public var cashVariance: Int64
    }

    /// One month of the participation.
    public struct Month: Sendable, Codable, Hashable {
        public var month: String
        /// Equal to that month's `report training` hours, to the hundredth.
        public var hours: Double
        public var days: Int
        public var hoursByStation: [String: Double]
        public var orders: Int
        public var items: Int
        public var itemsBySkill: [String: Int]
        public var metrics: Metrics
        /// Premi credited for the month (0 until the month is closed).
        public var premi: Int64
    }

    /// An assessment of a competency unit.
    public struct Assessment: Sendable, Codable, Hashable {
        public var date: String
        public var assessor: String
        public var assessorName: String?
        /// `kompeten` or `belum_kompeten`.
        public var result: String
        public var note: String?
    }

    /// A competency unit: practice against the suggestion, and every assessment.
    public struct Competency: Sendable, Codable, Hashable {
        public var unit: String
        public var title: String
        public var verified: Bool
        public var skills: [String]
        public var practiceHours: Double
        public var suggestedHours: Int
        public var assessments: [Assessment]
    }

    public var code: String
    public var alias: String
    /// Absent when pseudonymous.
    public var name: String?
    public var registration: String?
    public var firstDay: String?
    public var lastDay: String?
    public var hours: Double
    public var days: Int
    public var orders: Int
    public var items: Int
    public var hoursByStation: [String: Double]
    public var itemsBySkill: [String: Int]
    public var decrees: [Decree]
    public var months: [Month]
    public var competencies: [Competency]
    public var notes: [NoteEntry]
    public var premiTotal: Int64
    /// The journal entry the transcript was made at, and the latest time it covers.
    public var journalSeq: Int64
    public var asOf: String
    public var documentNumber: String

    /// The same transcript with aliases only: no name, registration number or decree numbers.
    public var pseudonymous: Transcript {
        var copy = self
        copy.name = nil
        copy.registration = nil
        copy.decrees = decrees.map { Decree(number: "-", from: $0.from, until: $0.until, revoked: $0.revoked) }
        return copy
    }
}

extension ReportBuilder {
    /// The transcript of WBP `code` as the journal stood at `mark`, with its document number.
    ///
    /// ```swift
    /// let mark = try database.journalMark()!
    /// let transcript = try builder.transcript(of: "W01", at: mark)
    /// transcript.documentNumber   // "TR-61682-9F3A-2C1B-7E04"
    /// ```
    ///
    /// - Throws: ``StaffError/unknownStaff(_:)`` for a code that is not a WBP.
    public func transcript(of code: String, at mark: JournalMark) throws -> Transcript {
        var builder = self
        builder.asOf = mark.cutoff
        builder.journalSeq = mark.seq
        return try builder.transcript(of: code, madeAt: mark)
    }

    func transcript(of code: String, madeAt mark: JournalMark) throws -> Transcript {
        let asOf = mark.cutoff
        guard let person = try database.participant(code) else { throw StaffError.unknownStaff(code) }
        let span = try database.activitySpan(of: code, asOf: asOf, journaledThrough: journalSeq)
        var months: [BusinessMonth] = []
        if let span {
            var cursor = calendar.month(of: span.first)
            while cursor <= calendar.month(of: span.last) {
                months.append(cursor)
                cursor = cursor.next
            }
        }
        let premi = try database.premiCredits(of: code, asOf: asOf, journaledThrough: journalSeq)
        var practice: [String: Int] = [:]
        var entries: [Transcript.Month] = []
        for month in months {
            let all = try metrics(month)
            let metrics = all[code] ?? SkillMetrics()
            for (skill, seconds) in practiceSeconds(all)[code] ?? [:] { practice[skill, default: 0] += seconds }
            entries.append(Transcript.Month(
                month: month.description, hours: metrics.hours, days: metrics.days, hoursByStation: metrics.hoursByStation,
                orders: metrics.orders, items: metrics.items, itemsBySkill: metrics.itemsBySkill,
                metrics: Transcript.Metrics(
                    ordersPerHour: metrics.ordersPerHour, itemsPerHour: metrics.itemsPerHour, modifierShare: metrics.modifierShare,
                    linesRemovedPerHundred: metrics.linesRemovedPerHundred, ordersVoidedPerHundred: metrics.ordersVoidedPerHundred,
                    linesRemoved: metrics.linesRemoved, ordersVoided: metrics.ordersVoided, cashVariance: metrics.cashVariance),
                premi: premi.filter { $0.month == month }.reduce(Int64(0)) { $0 + $1.amount.value }))
        }
        let names = Dictionary(try database.allStaff().map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let assessments = try database.assessments(through: calendar.day(of: asOf), of: code, asOf: asOf, journaledThrough: journalSeq)
        let competencies = config.competencies.map { unit in
            Transcript.Competency(
                unit: unit.code, title: unit.title, verified: unit.verified, skills: unit.skills,
                practiceHours: TrainingHours.hours(unit.skills.reduce(0) { $0 + (practice[$1] ?? 0) }),
                suggestedHours: unit.suggestedHours,
                assessments: assessments.filter { $0.unitCode == unit.code }.map {
                    Transcript.Assessment(date: $0.assessedOn.description, assessor: $0.assessor, assessorName: names[$0.assessor],
                                          result: $0.competent ? "kompeten" : "belum_kompeten", note: $0.note)
                })
        }
        var transcript = Transcript(
            code: person.code, alias: person.alias, name: person.name, registration: person.registration,
            firstDay: span.map { calendar.day(of: $0.first).description }, lastDay: span.map { calendar.day(of: $0.last).description },
            hours: TrainingHours.hundredths(entries.reduce(0) { $0 + $1.hours }), days: entries.reduce(0) { $0 + $1.days },
            orders: entries.reduce(0) { $0 + $1.orders }, items: entries.reduce(0) { $0 + $1.items },
            hoursByStation: entries.reduce(into: [:]) { total, month in
                for (station, hours) in month.hoursByStation { total[station] = TrainingHours.hundredths((total[station] ?? 0) + hours) }
            },
            itemsBySkill: entries.reduce(into: [:]) { total, month in
                for (skill, items) in month.itemsBySkill { total[skill, default: 0] += items }
            },
            decrees: try database.decreeHistory(of: code, through: mark.seq).map {
                Transcript.Decree(number: $0.number, from: $0.from?.description, until: $0.until?.description, revoked: $0.revoked)
            },
            months: entries, competencies: competencies,
            notes: try database.coachingNotes(of: code, to: clamp(.distantFuture), journaledThrough: journalSeq).map(noteEntry),
            premiTotal: premi.reduce(0) { $0 + $1.amount.value }, journalSeq: mark.seq, asOf: Timestamp.string(asOf), documentNumber: "")
        transcript.documentNumber = try DocumentNumber.make(
            .transcript, subject: code, content: transcript, at: mark).description
        return transcript
    }

    /// The programme report of `month` as the journal stood at `mark`, with its document number.
    public func programme(_ month: BusinessMonth, at mark: JournalMark) throws -> ProgrammeReport {
        var builder = self
        builder.asOf = mark.cutoff
        builder.journalSeq = mark.seq
        var report = try builder.programme(month)
        report.journalSeq = mark.seq
        report.documentNumber = ""
        report.documentNumber = try DocumentNumber.make(.programme, subject: month.description, content: report, at: mark).description
        return report
    }
}

/// What a transcript prints that anyone holding the paper already reads, and nothing more: the
/// figures the centre shows whoever types its number in. No name, registration or decree
/// number, no code or alias, no note, no assessor.
///
/// ```swift
/// let figures = TranscriptFigures(transcript)
/// figures.canonicalText   // {"as_of":"2026-11-30T…","competencies":[…],"days":41,…}
/// ```
public struct TranscriptFigures: Codable, Sendable, Hashable {
    /// One month of hours, as the transcript prints it.
    public struct Month: Codable, Sendable, Hashable {
        public var month: String
        public var hours: Double
        public var days: Int
        public var hoursByStation: [String: Double]
        public var items: Int

        enum CodingKeys: String, CodingKey {
            case month, hours, days, items
            case hoursByStation = "hours_by_station"
        }
    }

    /// A competency unit: practice against the suggestion, and the latest assessment.
    public struct Competency: Codable, Sendable, Hashable {
        public var unit: String
        public var title: String
        public var verified: Bool
        public var practiceHours: Double
        public var suggestedHours: Int
        /// `kompeten` or `belum_kompeten`; `nil` when never assessed.
        public var result: String?
        public var assessedOn: String?

        enum CodingKeys: String, CodingKey {
            case unit, title, verified, result
            case practiceHours = "practice_hours", suggestedHours = "suggested_hours", assessedOn = "assessed_on"
        }
    }

    public var number: String
    public var firstDay: String?
    public var lastDay: String?
    public var hours: Double
    public var days: Int
    public var orders: Int
    public var items: Int
    public var hoursByStation: [String: Double]
    public var itemsBySkill: [String: Int]
    public var months: [Month]
    public var competencies: [Competency]
    public var asOf: String

    enum CodingKeys: String, CodingKey {
        case number, hours, days, orders, items, months, competencies
        case firstDay = "first_day", lastDay = "last_day", hoursByStation = "hours_by_station", itemsBySkill = "items_by_skill", asOf = "as_of"
    }

    public init(_ transcript: Transcript) {
        number = transcript.documentNumber
        firstDay = transcript.firstDay
        lastDay = transcript.lastDay
        hours = transcript.hours
        days = transcript.days
        orders = transcript.orders
        items = transcript.items
        hoursByStation = transcript.hoursByStation
        itemsBySkill = transcript.itemsBySkill
        months = transcript.months.map { Month(month: $0.month, hours: $0.hours, days: $0.days, hoursByStation: $0.hoursByStation, items: $0.items) }
        competencies = transcript.competencies.map { unit in
            // Assessments are listed in the order they were made: the last one stands.
            let latest = unit.assessments.last
            return Competency(unit: unit.unit, title: unit.title, verified: unit.verified, practiceHours: unit.practiceHours,
                              suggestedHours: unit.suggestedHours, result: latest?.result, assessedOn: latest?.date)
        }
        asOf = transcript.asOf
    }

    /// The figures as the journal keeps them: keys sorted, no white space. Their SHA-256 is
    /// the digest journaled beside them, which the centre computes again.
    public var canonicalText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every member is a string, a whole number or a finite Double: encoding cannot fail.
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}
