import Foundation
import GRDB
import KasirCore

/// A PNBP deposit as recorded.
public struct DepositFact: Hashable, Sendable {
    public var id: Int64
    public var depositedOn: String
    public var amount: Rupiah
    public var billingCode: String
    public var ntpn: String
    public var tills: [Int64]
}

/// A closed till waiting for its PNBP deposit, and its share.
public struct TillShareFact: Hashable, Sendable {
    public var till: Int64
    /// Sales less PB1, less refunds net of PB1.
    public var revenue: Rupiah
    /// Cost of goods sold in it.
    public var cost: Rupiah
    /// The PNBP share of its profit, by the premi policy.
    public var share: Rupiah
}

extension AppDatabase {
    /// What each closed till owes as PNBP: the policy's PNBP share of its profit. Sales,
    /// refunds and costs are read once for all the tills, grouped by till.
    static func tillShares(_ db: Database, tills: [Int64], policy: PremiPolicy) throws -> [TillShareFact] {
        guard !tills.isEmpty else { return [] }
        let list = tills.map(String.init).joined(separator: ",")
        func perTill(_ sql: String) throws -> [Int64: Int64] {
            Dictionary(try Row.fetchAll(db, sql: sql).map { ($0[0] as Int64, $0[1] as Int64) }, uniquingKeysWith: +)
        }
        let sales = try perTill("SELECT till_id, SUM(total - tax) FROM orders WHERE till_id IN (\(list)) AND status != 'void' GROUP BY till_id")
        // What went back, cash as it left the drawer (with its rounding).
        let refunds = try perTill("""
            SELECT r.till_id, SUM(r.amount - r.tax + (SELECT COALESCE(SUM(g.amount), 0) FROM refund_rounding g
                JOIN refund_tenders t ON t.id = g.refund_tender_id WHERE t.refund_id = r.id))
            FROM refunds r WHERE r.till_id IN (\(list)) GROUP BY r.till_id
            """)
        let costs = try perTill("""
            SELECT o.till_id, SUM(l.quantity * COALESCE(l.unit_cost, m.cost, 0)) FROM order_lines l JOIN orders o ON o.id = l.order_id
            LEFT JOIN menu_items m ON m.code = l.item_code WHERE o.till_id IN (\(list)) AND o.status != 'void' GROUP BY o.till_id
            """)
        return tills.map { till in
            let split = ProfitSplit.split(revenue: Rupiah((sales[till] ?? 0) - (refunds[till] ?? 0)), cost: Rupiah(costs[till] ?? 0), policy: policy)
            return TillShareFact(till: till, revenue: split.revenue, cost: split.cost, share: split.pnbpShare)
        }
    }

    /// Closed tills not yet covered by a deposit, with the PNBP share of each; as things stood
    /// at `cutoff` when one is given.
    public func undepositedTills(policy: PremiPolicy, asOf cutoff: Date? = nil) throws -> [TillShareFact] {
        try read { db in
            let at = cutoff.map(Timestamp.string)
            let tills = try Int64.fetchAll(db, sql: """
                SELECT id FROM tills WHERE closed_at IS NOT NULL AND (? IS NULL OR closed_at <= ?) AND id NOT IN (
                        SELECT d.till_id FROM pnbp_deposit_tills d JOIN pnbp_deposits p ON p.id = d.deposit_id WHERE ? IS NULL OR p.at <= ?) ORDER BY id
                """, arguments: [at, at, at, at])
            return try Self.tillShares(db, tills: tills, policy: policy)
        }
    }

    /// Records a PNBP deposit with its SIMPONI billing code and NTPN.
    ///
    /// The deposit covers the tills named, or every closed till not yet deposited; its amount
    /// must be exactly their PNBP share, so a deposit cannot quietly cover less than is owed.
    ///
    /// - Returns: the tills it covers.
    /// - Throws: ``PremiError``: a malformed code, a reused NTPN, a till open or deposited, an
    ///   amount that is not the share.
    @discardableResult
    public func recordDeposit(
        on day: BusinessDay, amount: Rupiah, billingCode: String, ntpn: String, tills named: [Int64]?, policy: PremiPolicy,
        supervisor: String, at instant: Date
    ) throws -> [TillShareFact] {
        guard billingCode.count == 15, billingCode.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw PremiError.malformedBillingCode(billingCode) }
        guard (6...32).contains(ntpn.count), ntpn.allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }) else { throw PremiError.malformedNTPN(ntpn) }
        return try write { db in
            let supervisorID = try Self.supervisorID(db, code: supervisor)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM pnbp_deposits WHERE ntpn = ?", arguments: [ntpn]) == true {
                throw PremiError.duplicateNTPN(ntpn)
            }
            let tills: [Int64]
            if let named {
                for till in named {
                    guard try Bool.fetchOne(db, sql: "SELECT 1 FROM tills WHERE id = ? AND closed_at IS NOT NULL", arguments: [till]) == true else {
                        throw PremiError.tillNotClosed(till)
                    }
                    if try Bool.fetchOne(db, sql: """
                        SELECT 1 FROM pnbp_deposit_tills d JOIN pnbp_deposits p ON p.id = d.deposit_id WHERE d.till_id = ?
                        """, arguments: [till]) == true {
                        throw PremiError.tillAlreadyDeposited(till)
                    }
                }
                tills = Array(Set(named)).sorted()
            } else {
                tills = try Int64.fetchAll(db, sql: """
                    SELECT id FROM tills WHERE closed_at IS NOT NULL AND id NOT IN (
                        SELECT d.till_id FROM pnbp_deposit_tills d JOIN pnbp_deposits p ON p.id = d.deposit_id) ORDER BY id
                    """)
            }
            guard !tills.isEmpty else { throw PremiError.nothingToDeposit }
            let shares = try Self.tillShares(db, tills: tills, policy: policy)
            let expected = shares.reduce(Rupiah.zero) { $0 + $1.share }
            guard amount == expected else { throw PremiError.depositMismatch(amount: amount, expected: expected, tills: tills) }
            try db.execute(sql: "INSERT INTO pnbp_deposits (deposited_on, amount, billing_code, ntpn, recorded_by, at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [day.description, amount.value, billingCode, ntpn, supervisorID, Timestamp.string(instant)])
            let id = db.lastInsertedRowID
            for share in shares {
                try db.execute(sql: "INSERT INTO pnbp_deposit_tills (deposit_id, till_id, share) VALUES (?, ?, ?)",
                               arguments: [id, share.till, share.share.value])
            }
            try Self.journal(db, kind: "pnbp_deposit", actor: supervisor, subject: billingCode, row: JournalRow(.pnbpDeposits, id), at: instant)
            return shares
        }
    }

    /// Deposits made in `[first, last]` (WITA days).
    public func deposits(from first: BusinessDay, through last: BusinessDay, asOf cutoff: Date? = nil) throws -> [DepositFact] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM pnbp_deposits WHERE deposited_on >= ? AND deposited_on <= ? AND (? IS NULL OR at <= ?) ORDER BY id",
                             arguments: [first.description, last.description, cutoff.map(Timestamp.string), cutoff.map(Timestamp.string)]).map {
                DepositFact(id: $0["id"], depositedOn: $0["deposited_on"], amount: Rupiah($0["amount"]), billingCode: $0["billing_code"],
                            ntpn: $0["ntpn"], tills: try Int64.fetchAll(db, sql: "SELECT till_id FROM pnbp_deposit_tills WHERE deposit_id = ? ORDER BY till_id",
                                                                          arguments: [$0["id"] as Int64]))
            }
        }
    }
}
