import Foundation
import KasirConfig
import KasirCore
import KasirReports
import KasirStore

/// The training programme's acts: competency assessments, a month's costs, PNBP deposits and
/// the premi close.
extension CafeActions {
    // MARK: Competencies

    /// Checks an assessment before anyone is asked for a PIN: a unit that
    /// config/competencies.toml does not list, or a note that is empty, holds control
    /// characters or is longer than 500 characters, is refused on its own line, and no PIN is
    /// spent on an assessment that cannot be recorded.
    ///
    /// - Returns: the note as it is recorded (trimmed), or `nil`.
    /// - Throws: ``InputError/unknownCompetencyUnit(_:)``, ``InputError/malformedText(field:)``,
    ///   ``InputError/textTooLong(field:limit:)``.
    @discardableResult
    public func checkAssessment(unit: String, note: String?) throws -> String? {
        guard config.competencies.contains(where: { $0.code == unit }) else { throw InputError.unknownCompetencyUnit(unit) }
        return try note.map { try StaffMember.validatedText($0, field: "note", limit: 500) }
    }

    /// A supervisor records a WBP's competency assessment: Kompeten or Belum Kompeten in a
    /// unit of config/competencies.toml, on a day (today unless said), with the assessor's note.
    ///
    /// ```swift
    /// try actions.recordAssessment(of: "W01", unit: "I.563030.006.01", competent: true, note: "shot 28 detik", by: approver)
    /// ```
    ///
    /// - Throws: as ``checkAssessment(unit:note:)``; ``StaffError/unknownStaff(_:)`` for anyone but a WBP.
    public func recordAssessment(
        of code: String, unit: String, on day: BusinessDay? = nil, competent: Bool, note: String?, by approver: Approver
    ) throws {
        let code = try StaffMember.parseCode(code)
        let note = try checkAssessment(unit: unit, note: note)
        try database.recordAssessment(staff: code, unit: unit, on: day ?? today, competent: competent, note: note,
                                      assessor: approver.code, at: clock.now())
    }

    // MARK: Premi and PNBP

    /// A supervisor enters a month's whole cost (ingredients and running costs): the premi of
    /// that month is then worked out from it instead of the ingredient costs kept on its lines.
    /// Entered again, it replaces the figure, until the month's premi is closed.
    ///
    /// - Throws: ``PremiError/alreadyClosed(_:)``.
    public func setMonthlyCost(_ amount: Rupiah, month: BusinessMonth, by approver: Approver) throws {
        try database.setMonthlyCost(amount, month: month, supervisor: approver.code, at: clock.now())
    }

    /// A supervisor records a PNBP deposit made through SIMPONI: exactly the PNBP share of the
    /// tills it covers (those named, or every closed till not yet deposited), with its billing
    /// code and NTPN.
    ///
    /// - Parameters:
    ///   - day: the day of the deposit; today unless said.
    ///   - tills: the tills the deposit covers; `nil` for every closed till not yet deposited.
    /// - Returns: the tills it covers, with the share of each.
    /// - Throws: ``PremiError`` for a malformed billing code or NTPN, a reused NTPN, a till open
    ///   or already deposited, or an amount that is not the share.
    @discardableResult
    public func recordDeposit(
        on day: BusinessDay? = nil, amount: Rupiah, billingCode: String, ntpn: String, tills: [Int64]?, by approver: Approver
    ) throws -> [TillShareFact] {
        try database.recordDeposit(on: day ?? today, amount: amount, billingCode: billingCode, ntpn: ntpn, tills: tills,
                                   policy: settings.premi, supervisor: approver.code, at: clock.now())
    }

    /// A supervisor closes a month's premi: each WBP's ledger is credited with their share of
    /// the premi pool, and the split, the practice hours and the rules it went by are recorded
    /// with it, once.
    ///
    /// Only once every hour of the month is in: after the month and the paper sheet's backdate
    /// window (``PremiCloseRule``), with no shift begun in it still open and every QRIS payment
    /// of it confirmed or written off; and by the database's money rules, confirmed.
    ///
    /// ```swift
    /// let report = try actions.closePremi(BusinessMonth(year: 2026, month: 11), by: approver)
    /// report.premiPool
    /// ```
    ///
    /// - Returns: the month's premi report as closed.
    /// - Throws: ``PremiError/notClosableYet(month:from:backdateDays:)``, ``RulesError/moneyRulesUnconfirmed``,
    ///   ``PremiError/alreadyClosed(_:)``, ``PremiError/shiftStillOpen(code:since:)``, ``QRISError/unconfirmed(month:count:total:)``.
    public func closePremi(_ month: BusinessMonth, by approver: Approver) throws -> PremiReport {
        let now = clock.now()
        let policy = try database.securityPolicy()
        let closable = PremiCloseRule.closableFrom(month, calendar: settings.calendar, policy: policy)
        guard closable <= now else {
            throw PremiError.notClosableYet(month: month.description, from: closable, backdateDays: policy.maxBackdateDays)
        }
        // The rules the close goes by are the database's, confirmed, read as every act that
        // moves money reads them; they are recorded with the close.
        let builder = ReportBuilder(database: database, config: config)
        let close = try builder.premiClose(month, rules: try rules.premi, at: now)
        try database.closePremi(
            month: close.month, monthEnd: close.monthEnd, split: close.split, shares: close.shares, practice: close.practice,
            rules: close.rules, supervisor: approver.code, at: now)
        return try builder.premi(month, pseudonymous: false)
    }
}

extension CafeActions {
    // MARK: Transcripts

    /// Hands out WBP `code`'s transcript: made at the journal's latest entry and recorded as
    /// issued (its number, and its figures without a name) in the entry after, so the centre
    /// can vouch for it once the café has synced. Made again when another act journals first.
    ///
    /// ```swift
    /// let transcript = try actions.issueTranscript(of: "W01", by: approver, printed: true)
    /// transcript.documentNumber   // "TR-812-9F3A-2C1B-7E04", journaled at 813
    /// ```
    ///
    /// - Parameters:
    ///   - approver: the supervisor handing it out; `nil` for a pseudonymous copy printed at
    ///     the counter (`report transcript --pseudonymous --print`).
    ///   - printed: whether it goes to the receipt printer.
    /// - Returns: the transcript as made, names included; the caller shows the pseudonymous
    ///   form where it was asked for.
    /// - Throws: ``StaffError/unknownStaff(_:)``; ``DocumentError/noSuchJournalRow(_:)`` on an
    ///   empty journal; ``StoreError`` when the journal keeps moving.
    public func issueTranscript(of code: String, by approver: Approver?, printed: Bool) throws -> Transcript {
        let code = try StaffMember.parseCode(code)
        let builder = ReportBuilder(database: database, config: config)
        // Each try loses only to another act journaled in between, which a counter does a few
        // times a minute at most.
        for _ in 0..<5 {
            guard let mark = try database.journalMark() else { throw DocumentError.noSuchJournalRow(1) }
            let transcript = try builder.transcript(of: code, at: mark)
            if try database.recordTranscriptIssue(
                number: transcript.documentNumber, staff: code, madeAt: mark, figures: TranscriptFigures(transcript).canonicalText,
                by: approver?.code, printed: printed, at: clock.now()) {
                return transcript
            }
        }
        throw StoreError.failed("the journal kept moving while the transcript was made; try again")
    }
}
