import Foundation
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore

/// What a blind close produced: the Z report, its text, and the backup, which may have failed
/// without undoing the close.
public struct CloseOutcome: Sendable {
    public var report: TillReport
    /// The Z report as text, already queued for the printer when there is one.
    public var text: String
    /// The backup written after the close, or why it could not be.
    public var backup: Result<URL, any Error>
}

/// A recount after the close: the count, the expected cash it is set against, and the Z report
/// queued again with every count on it.
public struct RecountOutcome: Sendable {
    public var report: TillReport
    public var counted: Rupiah
    public var expected: Rupiah
    public var text: String

    public var variance: Rupiah { counted - expected }
}

/// Every act a person does at the café, one function each, so the counter and the command
/// line follow the same rules: neither interface holds a rule of its own.
///
/// An act that needs a supervisor takes an ``Approver``, which only ``SupervisorGate`` makes.
/// Slips an act prints are queued here; the interface sends them (the counter in the
/// background, a command before it exits).
///
/// ```swift
/// let actions = CafeActions(database: database, config: config, clock: clock, printer: worker, backupFolder: folder)
/// let outcome = try actions.closeTill(count: count, by: approver)
/// outcome.report.session.variance
/// ```
public struct CafeActions: Sendable {
    public let database: AppDatabase
    public let config: KasirConfiguration
    public let clock: any WallClock
    public let printer: PrintWorker
    /// Where Z closes and manual backups go.
    public let backupFolder: URL

    public init(database: AppDatabase, config: KasirConfiguration, clock: any WallClock, printer: PrintWorker, backupFolder: URL) {
        self.database = database
        self.config = config
        self.clock = clock
        self.printer = printer
        self.backupFolder = backupFolder
    }

    var settings: CafeSettings { config.cafe }
    var today: BusinessDay { settings.calendar.day(of: clock.now()) }

    /// The database's money rules, whatever config this process was handed; refused while an
    /// upgrade's standard rules wait for an admin to confirm them.
    var rules: MoneyRules { get throws { try database.confirmedMoneyRules() } }

    /// Z backups kept: the database's figure, confirmed or not (a backup is never refused for it).
    var backupsKept: Int { get throws { try database.moneyRules()?.rules.backupsKept ?? MoneyRules.standard.backupsKept } }

    /// A reason as typed, by its rule (``Reason``): the text the acts record. Commands ask it
    /// before any PIN, so no PIN is spent on an act without a reason.
    public static func reason(_ text: String?) throws(InputError) -> String {
        try Reason(text).text
    }

    // MARK: The till

    /// Opens the till with a float (counted by denomination, or not).
    public func openTill(float: Rupiah, count: CashCount?, by approver: Approver) throws -> TillSession {
        _ = try rules
        return try database.startTill(float: float, count: count, supervisor: approver.code, at: clock.now())
    }

    /// The approver takes over the duty of the open till.
    public func takeOverDuty(by approver: Approver) throws {
        try database.takeOverDuty(supervisor: approver.code, at: clock.now())
    }

    /// Pays cash in or out of the open till, with a reason.
    public func moveCash(_ direction: CashDirection, amount: Rupiah, reason: String?, by approver: Approver) throws {
        guard amount > .zero else { throw InputError.malformedAmount(amount.formatted) }
        let reason = try Self.reason(reason)
        try database.moveCash(direction, amount: amount, reason: reason, supervisor: approver.code, at: clock.now())
    }

    /// Opens the drawer without a sale, with a reason. The no-sale is recorded and journaled
    /// whether or not a drawer kick can be sent (see ``PrintWorker/drawerKick()``).
    ///
    /// - Returns: whether a drawer kick was queued (none without a printer, or in text mode):
    ///   the person is told the drawer opens only when one was.
    @discardableResult
    public func noSale(reason: String?, by approver: Approver) throws -> Bool {
        let reason = try Self.reason(reason)
        let kick = printer.drawerKick()
        try database.recordNoSale(reason: reason, supervisor: approver.code, drawerKick: kick, at: clock.now())
        return kick != nil
    }

    /// The X report of the open till: no expected cash on it, so the close stays blind.
    public func xReport() throws -> (report: TillReport, text: String) {
        guard let till = try database.openTill() else { throw TillError.noOpenTill }
        let report = try database.tillReport(id: till.id)
        return (report, try printer.queueTillReport(report, closing: false, at: clock.now()))
    }

    /// The blind close: the count is committed (journaled) before anything shows the expected
    /// cash; then the till is closed against it, the Z report queued and a backup written.
    ///
    /// If the process ends between the two, the count stays on record and the till stays
    /// open; the next close records its own count, and the Z report prints both.
    public func closeTill(count: CashCount, by approver: Approver) throws -> CloseOutcome {
        let countID = try database.recordCount(count, kind: .close, supervisor: approver.code, at: clock.now())
        #if DEBUG
        FaultInjection.reach("after-count")
        #endif
        let now = clock.now()
        var report = try database.closeTill(withCount: countID, supervisor: approver.code, at: now)
        #if DEBUG
        FaultInjection.reach("after-close")
        #endif
        let backup = Result {
            try database.createBackup(in: backupFolder, kind: .close, keep: try backupsKept, by: approver.code, at: now, calendar: settings.calendar)
        }
        report.anchor = try database.anchorStatus(now: now)
        let text = try printer.queueTillReport(report, closing: true, at: now)
        return CloseOutcome(report: report, text: text, backup: backup)
    }

    /// A recount of the last closed till's drawer, after its expected cash was shown: recorded
    /// as a new count beside the blind one (which stays the till's figure), and the Z report
    /// printed again with every count and the journal head the recount made.
    public func recount(count: CashCount, by approver: Approver) throws -> RecountOutcome {
        let now = clock.now()
        var report = try database.recount(count, supervisor: approver.code, at: now)
        report.anchor = try database.anchorStatus(now: now)
        let text = try printer.queueTillReport(report, closing: true, at: now)
        return RecountOutcome(report: report, counted: count.total, expected: report.session.expectedCash ?? .zero, text: text)
    }

    // MARK: Orders

    /// Records a paid (or complimentary) order and queues its slips.
    ///
    /// - Parameter enteredBy: the officer's account when the order is typed on the command line
    ///   rather than taken at the counter by a WBP who gave their PIN.
    public func sell(_ draft: OrderDraft, tenders: [Tender], slips: [PrintJobKind]? = nil, enteredBy: String? = nil) throws -> RecordedOrder {
        let order = try database.recordOrder(
            draft, tenders: tenders, pricing: try rules.pricing, calendar: settings.calendar, at: clock.now(),
            printJobs: slips ?? settings.printer.slipsPerOrder, enteredBy: enteredBy)
        #if DEBUG
        FaultInjection.reach("after-order")
        #endif
        return order
    }

    /// Voids an order of the open till that nothing was refunded of.
    ///
    /// - Returns: the voided order: its payments are what goes back to the customer.
    @discardableResult
    public func voidOrder(day: BusinessDay? = nil, number: Int, reason: String?, by approver: Approver) throws -> RecordedOrder {
        let reason = try Self.reason(reason)
        return try database.voidOrder(day: day ?? today, number: number, reason: reason, supervisor: approver.code, at: clock.now())
    }

    /// Refunds lines of an order, or all that is left of it, back the way it was paid, and
    /// queues the refund slip. Cash leaves the drawer rounded as a sale's total is (`[rounding]`).
    ///
    /// A refund of an order from a closed till, or one paying QRIS back in cash, needs a
    /// `second` supervisor as well, another person than the approver (``SecondApprovalCause``);
    /// both approvals are recorded and journaled. Ask ``refundNeedsSecondSupervisor(day:number:picks:qrisAsCash:)``
    /// or ``checkRefundApprovers(day:number:picks:qrisAsCash:first:second:)`` before any PIN.
    ///
    /// - Returns: the refund and its slip's text.
    /// - Throws: ``RefundError/secondSupervisorRequired(_:)``, ``RefundError/sameSupervisorTwice(_:)`` among the rest.
    public func refund(
        day: BusinessDay? = nil, number: Int, picks: [RefundPick]?, qrisAsCash: Bool, reason: String?, by approver: Approver,
        second: Approver? = nil
    ) throws -> (refund: RefundRecord, slip: String) {
        let reason = try Self.reason(reason)
        let now = clock.now()
        let refund = try database.refundOrder(
            day: day ?? today, number: number, picks: picks?.isEmpty == true ? nil : picks, qrisAsCash: qrisAsCash, reason: reason,
            supervisor: approver.code, secondSupervisor: second?.code, at: now, cashRounding: try rules.pricing.rounding)
        return (refund, try printer.queueRefundSlip(refund, at: now))
    }

    /// Why this refund needs a second supervisor's PIN, or `nil` (also when it cannot be made
    /// at all: the refund itself says why, after the PIN, as before).
    public func refundNeedsSecondSupervisor(day: BusinessDay? = nil, number: Int, picks: [RefundPick]?, qrisAsCash: Bool) -> SecondApprovalCause? {
        database.refundSecondApproval(day: day ?? today, number: number, picks: picks?.isEmpty == true ? nil : picks, qrisAsCash: qrisAsCash)
    }

    /// The refund's approvers checked before anyone is asked for a PIN: a second supervisor
    /// who is the first, or none where the refund needs one, is refused on its own line, and
    /// no PIN is spent on a refund that cannot be approved.
    ///
    /// - Parameters:
    ///   - first: the approver's code as typed (`--by`), when known.
    ///   - second: the second supervisor's code as typed (`--second`), or `nil`.
    /// - Returns: why the refund needs the second supervisor, or `nil`.
    /// - Throws: ``RefundError/sameSupervisorTwice(_:)``, ``RefundError/secondSupervisorRequired(_:)``,
    ///   ``InputError/malformedStaffCode(_:)``.
    @discardableResult
    public func checkRefundApprovers(
        day: BusinessDay? = nil, number: Int, picks: [RefundPick]?, qrisAsCash: Bool, first: String?, second: String?
    ) throws -> SecondApprovalCause? {
        if let second {
            let code = try StaffMember.parseCode(second)
            if let first, (try? StaffMember.parseCode(first)) == code { throw RefundError.sameSupervisorTwice(code) }
        }
        let cause = refundNeedsSecondSupervisor(day: day, number: number, picks: picks, qrisAsCash: qrisAsCash)
        if let cause, second == nil { throw RefundError.secondSupervisorRequired(cause) }
        return cause
    }

    /// Queues a copy of an order's receipt (never opening the drawer), journaled with who asked.
    ///
    /// At the counter a barista may reprint only an order of the open till.
    public func reprint(day: BusinessDay? = nil, number: Int, askedBy: String, tillOnly: Bool = false) throws -> [Int64] {
        let day = day ?? today
        if tillOnly {
            guard let till = try database.openTill(), let order = try database.order(day: day, number: number),
                try database.tillID(ofOrder: order.id) == till.id
            else { throw StoreError.orderNotFound(day: day.description, number: number) }
        }
        return try database.enqueueReprint(day: day, number: number, askedBy: askedBy, at: clock.now())
    }

    // MARK: Attendance

    /// Clocks a WBP in; `at` is a time from the paper sheet (journaled as a late entry, with its reason).
    ///
    /// - Returns: the time recorded.
    @discardableResult
    public func clockIn(_ code: String, station: Station, at sheetTime: Date? = nil, reason: String? = nil, by approver: Approver) throws -> Date {
        let now = clock.now()
        let instant = sheetTime ?? now
        try database.clockIn(code, station: station, supervisor: approver.code, at: instant, lateEntry: sheetTime != nil,
                             reason: try sheetReason(sheetTime, reason), recordedAt: now, calendar: settings.calendar)
        return instant
    }

    /// Clocks a WBP out; `at` is the real time of a forgotten clock-out, with its reason. A
    /// shift longer than the policy's hours needs the supervisor's reason too.
    @discardableResult
    public func clockOut(_ code: String, at sheetTime: Date? = nil, reason: String? = nil, by approver: Approver) throws -> Date {
        let now = clock.now()
        let instant = sheetTime ?? now
        try database.clockOut(code, supervisor: approver.code, at: instant, lateEntry: sheetTime != nil,
                              reason: try sheetReason(sheetTime, reason), recordedAt: now, calendar: settings.calendar)
        return instant
    }

    /// An admin closes a forgotten clock-out at its real time, even beyond the paper sheet's
    /// backdate limit, with a reason; journaled as such (`clock_out_admin`).
    ///
    /// - Returns: the time recorded.
    @discardableResult
    public func closeForgottenShift(_ code: String, at instant: Date, reason: String?, by approver: Approver) throws -> Date {
        try database.closeForgottenShift(code, admin: approver.code, at: instant, reason: try Self.reason(reason), recordedAt: clock.now(),
                                         calendar: settings.calendar)
        return instant
    }

    /// Checks a paper-sheet time (`--at`) and its reason before anyone is asked for a PIN: a
    /// time in the future, beyond the policy's days back or without a reason is refused on its
    /// own line, and no PIN is spent on an act that cannot be done.
    public func checkSheetTime(_ sheetTime: Date?, reason: String?) throws {
        guard let sheetTime else { return }
        try PaperSheetRule.check(sheetTime, now: clock.now(), reason: reason, policy: try database.securityPolicy())
        _ = try sheetReason(sheetTime, reason)
    }

    func sheetReason(_ sheetTime: Date?, _ reason: String?) throws -> String? {
        guard sheetTime != nil else { return try reason.map { try Self.reason($0) } }
        guard let reason else { throw AttendanceError.reasonRequired }
        return try Self.reason(reason)
    }

    /// Starts or ends a WBP's break.
    public func setBreak(_ code: String, starting: Bool, by approver: Approver) throws {
        try database.setBreak(code, starting: starting, supervisor: approver.code, at: clock.now(), calendar: settings.calendar)
    }

    // MARK: Staff, menu, notes, backups

    /// The menu as people order from it: the database's items, prices and options, with the
    /// words config/menu.toml lets them type for the options (`ukuran=L` as well as `size=L`).
    /// The counter, `order new` and `menu list` all read it here.
    public func menuAsTyped() throws -> Menu {
        try database.menu().withAliases(from: config.menu)
    }

    /// Sets a person's status; a WBP leaving active service leaves their open shift now.
    public func setStatus(_ status: StaffStatus, of code: String, by approver: Approver) throws {
        try database.setStatus(status, of: code, approvedBy: approver.code, at: clock.now())
    }

    /// Marks an item sold out or back.
    public func setAvailability(of item: String, available: Bool, by approver: Approver) throws {
        try database.setAvailability(of: item, available: available, supervisor: approver.code, at: clock.now())
    }

    /// Records a coaching note about a WBP.
    public func addNote(about code: String, text: String, by approver: Approver) throws {
        let text = try StaffMember.validatedText(text, field: "text", limit: 1_000)
        try database.addNote(about: code, text: text, supervisor: approver.code, at: clock.now())
    }

    /// A manual backup, kept apart from the Z closes' (rotation never removes one of those).
    public func backup(by approver: Approver) throws -> URL {
        try database.createBackup(in: backupFolder, kind: .manual, keep: try backupsKept, by: approver.code, at: clock.now(), calendar: settings.calendar)
    }

    /// Replaces the database with a verified backup; only an admin may, and the live database
    /// is saved beside the backups first.
    ///
    /// - Returns: where the live database was saved.
    @discardableResult
    public func restore(from path: URL, overOpenTill: Bool, by approver: Approver) throws -> URL {
        try database.restore(from: path, savingLiveIn: backupFolder, admin: approver.code, overOpenTill: overOpenTill, at: clock.now(),
                             calendar: settings.calendar)
    }

    // MARK: The rules

    /// An admin changes the rules: the security policy, the money rules, or both (each
    /// journaled); setting the money rules confirms them.
    public func setPolicy(security: SecurityPolicy?, money: MoneyRules?, by admin: Approver) throws {
        let now = clock.now()
        if let security { try database.setSecurityPolicy(security, admin: admin.code, at: now) }
        if let money { try database.setMoneyRules(money, admin: admin.code, at: now) }
    }

    /// An admin confirms the money rules an upgrade set, as they are.
    public func confirmMoneyRules(by admin: Approver) throws {
        guard let current = try database.moneyRules() else { throw RulesError.moneyRulesUnconfirmed }
        try database.setMoneyRules(current.rules, admin: admin.code, at: clock.now())
    }

    // MARK: Who is at the counter

    /// A WBP takes the counter: an active WBP with a valid decree, clocked in and not on a
    /// break, the till open, a PIN set and no lockout — each refused on its own line before
    /// any PIN is asked — then their own PIN. A wrong PIN is journaled before it is shown and
    /// counts toward the lockout (``AppDatabase/authenticateBarista(_:pin:at:)``).
    ///
    /// The command line's `order new --server` is an officer's act and asks no WBP PIN.
    ///
    /// - Parameters:
    ///   - code: what was typed at the barista prompt.
    ///   - readPIN: asks for that WBP's PIN; `nil` when input ended.
    /// - Returns: the WBP, or `nil` when no PIN was typed.
    public func takeCounter(_ code: String, readPIN: (String) -> String?) throws -> StaffMember? {
        let code = try StaffMember.parseCode(code)
        try database.checkCanServe(code, on: today)
        if try database.openTill() == nil { throw TillError.noOpenTill }
        switch try database.baristaPINState(code, at: clock.now()) {
        case .notSet: throw BaristaPINError.pinNotSet(code)
        case .locked: throw BaristaPINError.locked(code)
        case .ready: break
        }
        guard let pin = readPIN(code) else { return nil }
        return try database.authenticateBarista(code, pin: pin, at: clock.now())
    }

    /// A supervisor, with the WBP present, sets the WBP's own PIN: the first one, or a new one
    /// when it was forgotten or locked out (the wrong PINs before it no longer count).
    public func setBaristaPIN(of code: String, to pin: String, by approver: Approver) throws {
        try database.setBaristaPIN(of: code, to: pin, supervisor: approver.code, at: clock.now())
    }

    /// A WBP changes their own PIN: the old one (a wrong one counts), then the new one.
    public func changeBaristaPIN(of code: String, old: String, new: String) throws {
        try database.changeBaristaPIN(of: code, old: old, new: new, at: clock.now())
    }

    // MARK: QRIS

    /// Reads an order as `YYYY-MM-DD#N` (`2026-11-29#3`).
    ///
    /// - Throws: ``QRISError/malformedOrder(_:)``.
    public static func orderReference(_ text: String) throws -> (day: BusinessDay, number: Int) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "#", omittingEmptySubsequences: false)
        guard parts.count == 2, let day = try? BusinessDay.parse(String(parts[0])), parts[1].count <= 6,
            parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(parts[1]), number > 0
        else { throw QRISError.malformedOrder(text) }
        return (day, number)
    }

    /// A supervisor confirms QRIS payments — those of an order, or the one with a reference —
    /// as arrived in the café's account; a written-off one comes back into revenue and premi.
    /// The settlement import confirms through the same store function.
    ///
    /// - Returns: the payments confirmed now.
    public func confirmQRIS(_ selector: QRISSelector, by approver: Approver) throws -> [QRISPaymentRecord] {
        try database.confirmQRIS(selector, supervisor: approver.code, at: clock.now())
    }

    /// An admin writes off the unconfirmed QRIS payments of a month that is over, with a
    /// reason: they leave revenue and premi, each journaled, until a confirmation brings one back.
    ///
    /// - Throws: ``QRISError/monthNotOver(_:)`` while payments of the month may still settle,
    ///   ``QRISError/nothingToWriteOff(_:)``, ``PremiError/alreadyClosed(_:)``, ``InputError/reasonRequired``.
    public func writeOffQRIS(month: BusinessMonth, reason: String?, by admin: Approver) throws -> QRISTally {
        let reason = try Self.reason(reason)
        let now = clock.now()
        guard settings.calendar.interval(of: month).end <= now else { throw QRISError.monthNotOver(month.description) }
        return try database.writeOffQRIS(month: month, reason: reason, admin: admin.code, at: now)
    }
}
