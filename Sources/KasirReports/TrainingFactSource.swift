import Foundation
import KasirCore
import KasirStore

/// The facts the training report is computed from (``TrainingRules``), wherever they are kept:
/// the café's SQLite store (``StoreTrainingFacts``) or the centre's projections of its journal.
///
/// Spans are half-open, `[start, end)`, in UTC instants; months are the café's business months.
public protocol TrainingFactSource {
    /// The WBP (baristas), by code.
    func participants() throws -> [ParticipantFact]
    /// Shifts overlapping `[start, end)`, closed ones only counting as hours.
    func shifts(from start: Date, to end: Date) throws -> [ShiftFact]
    /// Items made (orders not void) in `month`, whose span is `[start, end)`, per maker and skill.
    func itemsMade(month: BusinessMonth, from start: Date, to end: Date) throws -> [MadeFact]
    /// Orders taken in `month`, whose span is `[start, end)`, per server and status.
    func ordersServed(month: BusinessMonth, from start: Date, to end: Date) throws -> [ServedFact]
    /// Items made per maker and skill in each of `months`, whose starts and last end are `boundaries`.
    func itemsMade(months: [BusinessMonth], boundaries: [Date]) throws -> [(month: BusinessMonth, makerCode: String, skill: String, items: Int)]
    /// Tills closed in `[start, end)`.
    func closedTills(from start: Date, to end: Date) throws -> [TillCloseFact]
    /// Practice seconds per WBP and skill of the months closed through `month`, and the last of them.
    func closedPractice(through month: BusinessMonth) throws -> (last: BusinessMonth?, seconds: [String: [String: Int]])
    /// When the first order was taken.
    func firstOrderDate() throws -> Date?
    /// Every assessment through the end of `day`, oldest first.
    func assessments(through day: BusinessDay) throws -> [AssessmentFact]
    /// The premi credited for `month`, per WBP code.
    func premiLedger(month: BusinessMonth) throws -> [String: Rupiah]
    /// Coaching notes written in `[start, end)` (none where the notes' text is not kept).
    func coachingNotes(from start: Date, to end: Date) throws -> [CoachingNote]
    /// Shifts still open, by WBP code and clock-in.
    func openShiftStarts() throws -> [(staffCode: String, clockIn: Date)]
    /// Seconds worked per WBP in each of `months`, where they are kept already (the centre
    /// keeps them as shifts arrive, worked out by ``TrainingHours``); nil where the report
    /// works them out from the shifts.
    func keptWorkedSeconds(months: [BusinessMonth]) throws -> [BusinessMonth: [String: Int]]?
}

extension TrainingFactSource {
    /// None kept: the café reads a few months of its own shifts faster than it could keep them.
    public func keptWorkedSeconds(months: [BusinessMonth]) throws -> [BusinessMonth: [String: Int]]? { nil }
}

/// The café's own facts, from its store: as things stood at `asOf` and as journaled by entry
/// `journalSeq` when a document is made, else everything recorded, the months' kept figures
/// read where they may be.
public struct StoreTrainingFacts: TrainingFactSource {
    let database: AppDatabase
    let asOf: Date?
    let journalSeq: Int64?

    public init(database: AppDatabase, asOf: Date? = nil, journalSeq: Int64? = nil) {
        self.database = database
        self.asOf = asOf
        self.journalSeq = journalSeq
    }

    /// `end`, or just after the cutoff when that comes first.
    func clamp(_ end: Date) -> Date {
        guard let asOf else { return end }
        return min(end, asOf.addingTimeInterval(0.001))
    }

    public func participants() throws -> [ParticipantFact] { try database.participants() }

    public func shifts(from start: Date, to end: Date) throws -> [ShiftFact] {
        let shifts = try database.shifts(from: start, to: end, journaledThrough: journalSeq)
        guard let asOf else { return shifts }
        return shifts.filter { ($0.clockOut ?? .distantFuture) <= asOf }
    }

    public func itemsMade(month: BusinessMonth, from start: Date, to end: Date) throws -> [MadeFact] {
        // The kept monthly figures, unless the report is cut off at a journal mark (a document).
        asOf == nil ? try database.itemsMade(inMonths: [month]).map(\.fact)
            : try database.itemsMade(from: start, to: clamp(end), journaledThrough: journalSeq)
    }

    public func ordersServed(month: BusinessMonth, from start: Date, to end: Date) throws -> [ServedFact] {
        asOf == nil ? try database.ordersServed(inMonth: month) : try database.ordersServed(from: start, to: clamp(end), journaledThrough: journalSeq)
    }

    public func itemsMade(months: [BusinessMonth], boundaries: [Date]) throws -> [(month: BusinessMonth, makerCode: String, skill: String, items: Int)] {
        if asOf == nil {
            return try database.itemsMade(inMonths: months).map { ($0.month, $0.fact.makerCode, $0.fact.skill, $0.fact.items) }
        }
        return try database.itemsMade(between: boundaries.map(clamp)).map { (months[$0.span], $0.makerCode, $0.skill, $0.items) }
    }

    public func closedTills(from start: Date, to end: Date) throws -> [TillCloseFact] {
        try database.closedTills(from: start, to: clamp(end), journaledThrough: journalSeq)
    }

    public func closedPractice(through month: BusinessMonth) throws -> (last: BusinessMonth?, seconds: [String: [String: Int]]) {
        try database.closedPractice(through: month)
    }

    public func firstOrderDate() throws -> Date? { try database.firstOrderDate() }

    public func assessments(through day: BusinessDay) throws -> [AssessmentFact] {
        try database.assessments(through: day, asOf: asOf, journaledThrough: journalSeq)
    }

    public func premiLedger(month: BusinessMonth) throws -> [String: Rupiah] { try database.premiLedger(month: month, asOf: asOf) }

    public func coachingNotes(from start: Date, to end: Date) throws -> [CoachingNote] {
        try database.coachingNotes(from: start, to: clamp(end), journaledThrough: journalSeq)
    }

    public func openShiftStarts() throws -> [(staffCode: String, clockIn: Date)] {
        try database.openAttendance().map { ($0.staffCode, $0.clockIn) }
    }
}
