import Foundation

/// Where a WBP stands in their shift, as far as serving goes.
public enum ShiftPresence: Hashable, Sendable {
    /// No open shift.
    case notClockedIn
    /// An open shift, working.
    case working
    /// An open shift, on a break: a break's time is no training time.
    case onBreak
}

extension StaffMember {
    /// The one rule of who may be rostered on `day`: a WBP barista, active, whose decree covers
    /// the day and was not revoked. A WBP clocks in only when it holds.
    ///
    /// ```swift
    /// try member.checkCanWork(on: today, decree: decree)   // or StaffError.decreeExpired(…)
    /// ```
    ///
    /// - Throws: ``StaffError/notABarista(_:)``, ``StaffError/notActive(code:status:)``,
    ///   ``StaffError/noDecree(_:)``, ``StaffError/decreeRevoked(_:)``,
    ///   ``StaffError/decreeNotYetValid(code:from:)``, ``StaffError/decreeExpired(code:until:)``,
    ///   the first that applies, in that order.
    public func checkCanWork(on day: BusinessDay, decree: Decree?) throws(StaffError) {
        guard role == .barista else { throw .notABarista(code) }
        guard status == .active else { throw .notActive(code: code, status: status) }
        guard let decree else { throw .noDecree(code) }
        if decree.revoked { throw .decreeRevoked(code) }
        if day < decree.validFrom { throw .decreeNotYetValid(code: code, from: decree.validFrom) }
        if day > decree.validUntil { throw .decreeExpired(code: code, until: decree.validUntil) }
    }

    /// The one rule of who may serve an order or make its items on `day`: one who may work
    /// that day (``checkCanWork(on:decree:)``), clocked in and not on a break.
    ///
    /// The store applies it in the transaction that records the order, and when the counter
    /// asks before any PIN is typed, so both refuse alike.
    ///
    /// ```swift
    /// try member.checkCanServe(on: today, decree: decree, shift: .onBreak)   // StaffError.onBreak("W01")
    /// ```
    ///
    /// - Throws: what ``checkCanWork(on:decree:)`` throws, then ``StaffError/notClockedIn(_:)``
    ///   or ``StaffError/onBreak(_:)``.
    public func checkCanServe(on day: BusinessDay, decree: Decree?, shift: ShiftPresence) throws(StaffError) {
        try checkCanWork(on: day, decree: decree)
        switch shift {
        case .working: return
        case .notClockedIn: throw .notClockedIn(code)
        case .onBreak: throw .onBreak(code)
        }
    }
}
