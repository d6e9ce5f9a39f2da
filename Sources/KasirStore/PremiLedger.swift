import Foundation
import GRDB
import KasirCore

/// Why a month's premi or a PNBP deposit cannot be recorded.
public enum PremiError: KasirError, Equatable {
    /// The month's premi was closed already.
    case alreadyClosed(String)
    /// The month has not ended, or the paper sheet may still add hours to it: closable from
    /// `from` (``PremiCloseRule``), `backdateDays` after the month's end.
    case notClosableYet(month: String, from: Date, backdateDays: Int)
    /// A shift begun before the month's end is still open: its hours would be left out.
    case shiftStillOpen(code: String, since: Date)
    /// A SIMPONI billing code is 15 digits.
    case malformedBillingCode(String)
    /// An NTPN is 6–32 letters and digits.
    case malformedNTPN(String)
    /// The NTPN was recorded for another deposit.
    case duplicateNTPN(String)
    /// No closed till is waiting for a deposit.
    case nothingToDeposit
    /// The amount is not the PNBP share of the tills it covers.
    case depositMismatch(amount: Rupiah, expected: Rupiah, tills: [Int64])
    /// A named till is still open, or does not exist.
    case tillNotClosed(Int64)
    /// A named till was covered by an earlier deposit.
    case tillAlreadyDeposited(Int64)
}

extension PremiError {
    public var nature: ErrorNature {
        switch self {
        case .alreadyClosed, .notClosableYet, .shiftStillOpen, .malformedBillingCode, .malformedNTPN, .duplicateNTPN, .nothingToDeposit,
             .depositMismatch, .tillNotClosed, .tillAlreadyDeposited:
            return .refusal
        }
    }
}

extension AppDatabase {
    /// The premi credited for `month`, per WBP code.
    public func premiLedger(month: BusinessMonth, asOf cutoff: Date? = nil) throws -> [String: Rupiah] {
        try read { db in
            var ledger: [String: Rupiah] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.code, l.amount FROM premi_ledger l JOIN staff s ON s.id = l.staff_id WHERE l.month = ? AND (? IS NULL OR l.at <= ?)
                """, arguments: [month.description, cutoff.map(Timestamp.string), cutoff.map(Timestamp.string)]) {
                ledger[row["code"]] = Rupiah(row["amount"])
            }
            return ledger
        }
    }

    /// A monthly cost of goods entered by a supervisor, used instead of the costs stored on lines.
    public func setMonthlyCost(_ amount: Rupiah, month: BusinessMonth, supervisor: String, at instant: Date) throws {
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM premi_months WHERE month = ?", arguments: [month.description]) == true {
                throw PremiError.alreadyClosed(month.description)
            }
            try db.execute(sql: """
                INSERT INTO monthly_costs (month, amount, entered_by, at) VALUES (?, ?, ?, ?)
                ON CONFLICT(month) DO UPDATE SET amount = excluded.amount, entered_by = excluded.entered_by, at = excluded.at
                """, arguments: [month.description, amount.value, supervisorID, Timestamp.string(instant)])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM monthly_costs WHERE month = ?", arguments: [month.description])!
            try Self.journal(db, kind: "monthly_cost", actor: supervisor, subject: month.description, row: JournalRow(.monthlyCosts, id), at: instant)
        }
    }

    public func monthlyCost(_ month: BusinessMonth, asOf cutoff: Date? = nil) throws -> Rupiah? {
        try read { db in
            try Int64.fetchOne(db, sql: "SELECT amount FROM monthly_costs WHERE month = ? AND (? IS NULL OR at <= ?)",
                               arguments: [month.description, cutoff.map(Timestamp.string), cutoff.map(Timestamp.string)]).map { Rupiah($0) }
        }
    }

    /// Cost of goods of the items sold (not void) in `[start, end)`: each line's cost when it
    /// was sold; lines sold before costs were kept on them fall back to the menu's cost.
    public func goodsCost(from start: Date, to end: Date) throws -> Rupiah {
        try read { db in
            Rupiah(try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(l.quantity * COALESCE(l.unit_cost, m.cost, 0)), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id
                LEFT JOIN menu_items m ON m.code = l.item_code WHERE o.created_at >= ? AND o.created_at < ? AND o.status != 'void'
                """, arguments: [Timestamp.string(start), Timestamp.string(end)]) ?? 0)
        }
    }

    /// Credits each WBP's premi for `month` and records the split, once.
    ///
    /// - Parameter monthEnd: when the month ends; a shift begun before it and still open
    ///   refuses the close, since its hours could not be counted in the month afterwards.
    /// - Throws: ``PremiError/alreadyClosed(_:)`` the second time; ``PremiError/shiftStillOpen(code:since:)``;
    ///   ``QRISError/unconfirmed(month:count:total:)`` while a QRIS payment of the month is
    ///   neither confirmed nor written off (its revenue is only what a barista typed).
    public func closePremi(
        month: BusinessMonth, monthEnd: Date, split: ProfitSplit, shares: [String: (amount: Rupiah, basis: Int)],
        practice: [String: [String: Int]], rules: PremiPolicy, supervisor: String, at instant: Date
    ) throws {
        // The split and weights it went by, recorded with the close.
        var recorded: [String: CanonicalJSON] = [
            "premi_basis_points": .integer(rules.premi.basisPoints), "pnbp_basis_points": .integer(rules.pnbp.basisPoints),
            "capital_basis_points": .integer(rules.capital.basisPoints),
        ]
        recorded["station_weights"] = rules.stationWeights.map { weights in .object(weights.mapValues { .integer(Int64($0)) }) } ?? .null
        let rulesText = CanonicalJSON.object(recorded).text
        try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM premi_months WHERE month = ?", arguments: [month.description]) == true {
                throw PremiError.alreadyClosed(month.description)
            }
            if let shift = try Row.fetchOne(db, sql: """
                SELECT s.code, a.clock_in FROM attendance a JOIN staff s ON s.id = a.staff_id
                WHERE a.clock_out IS NULL AND a.clock_in < ? ORDER BY a.clock_in, s.code LIMIT 1
                """, arguments: [Timestamp.string(monthEnd)])
            {
                let code: String = shift["code"]
                throw PremiError.shiftStillOpen(code: code, since: try shift.instant("clock_in", table: "attendance"))
            }
            let unconfirmed = try Self.unconfirmedQRIS(db, month: month)
            if unconfirmed.count > 0 {
                throw QRISError.unconfirmed(month: month.description, count: unconfirmed.count, total: unconfirmed.total)
            }
            let at = Timestamp.string(instant)
            try db.execute(sql: """
                INSERT INTO premi_months (month, revenue, cost, profit, premi_pool, pnbp_share, capital_share, closed_by, at, rules)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [month.description, split.revenue.value, split.cost.value, split.profit.value, split.premiPool.value,
                                 split.pnbpShare.value, split.capitalShare.value, supervisorID, at, rulesText])
            try Self.journal(db, kind: "premi_close", actor: supervisor, subject: month.description, row: JournalRow(.premiMonths, db.lastInsertedRowID), at: instant)
            for (code, skills) in practice.sorted(by: { $0.key < $1.key }) {
                for (skill, seconds) in skills.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO practice_hours (staff_code, month, skill, seconds) VALUES (?, ?, ?, ?)",
                                   arguments: [code, month.description, skill, seconds])
                    try Self.journal(db, kind: "practice_hours", actor: supervisor, subject: code,
                                     row: JournalRow(.practiceHours, text: "\(month)|\(code)|\(skill)"), at: instant)
                }
            }
            for (code, share) in shares.sorted(by: { $0.key < $1.key }) {
                guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ?", arguments: [code]) else { continue }
                try db.execute(sql: "INSERT INTO premi_ledger (staff_id, month, amount, basis_seconds, at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [staffID, month.description, share.amount.value, share.basis, at])
                try Self.journal(db, kind: "premi_credit", actor: supervisor, subject: code, row: JournalRow(.premiLedger, db.lastInsertedRowID), at: instant)
            }
        }
    }

    /// The recorded split of `month`, if it was closed.
    public func premiMonth(_ month: BusinessMonth, asOf cutoff: Date? = nil) throws -> ProfitSplit? {
        try read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM premi_months WHERE month = ? AND (? IS NULL OR at <= ?)",
                             arguments: [month.description, cutoff.map(Timestamp.string), cutoff.map(Timestamp.string)]).map {
                ProfitSplit(revenue: Rupiah($0["revenue"]), cost: Rupiah($0["cost"]), profit: Rupiah($0["profit"]),
                            premiPool: Rupiah($0["premi_pool"]), pnbpShare: Rupiah($0["pnbp_share"]), capitalShare: Rupiah($0["capital_share"]))
            }
        }
    }

    /// Premi credited to one WBP over every month.
    public func premiTotal(of code: String) throws -> Rupiah {
        try read { db in
            Rupiah(try Int64.fetchOne(db, sql: """
                SELECT COALESCE(SUM(l.amount), 0) FROM premi_ledger l JOIN staff s ON s.id = l.staff_id WHERE s.code = ?
                """, arguments: [code]) ?? 0)
        }
    }
}
