import Foundation
import GRDB
import KasirCore

extension AppDatabase {
    /// Records a supervisor's approval inside the caller's transaction: who, why, when, which
    /// order, and the Rupiah approved.
    ///
    /// - Returns: the approval's id.
    @discardableResult
    static func recordApproval(
        _ db: Database, kind: ApprovalKind, tillID: Int64?, orderID: Int64?, line: Int?, detail: String?, amount: Rupiah?, approval: Approval
    ) throws -> Int64 {
        let supervisorID = try supervisorID(db, code: approval.supervisorCode)
        try db.cachedStatement(sql: """
            INSERT INTO approvals (kind, till_id, order_id, line, detail, amount, reason, approved_by, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [kind.rawValue, tillID, orderID, line, detail, amount?.value, approval.reason, supervisorID,
                                     Timestamp.string(approval.at)])
        let id = db.lastInsertedRowID
        try journal(db, kind: "approval_\(kind.rawValue)", actor: approval.supervisorCode, subject: orderID.map { "order \($0)" },
                    row: JournalRow(.approvals, id), at: approval.at)
        return id
    }
}
