import Foundation
import GRDB
import KasirCore

extension AppDatabase {
    /// Registers a person.
    ///
    /// ```swift
    /// try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.123/2024"), at: now)
    /// ```
    ///
    /// - Throws: ``StaffError/duplicateCode(_:)``, ``StaffError/duplicateRegistration(_:)``,
    ///   ``StaffError/duplicateAlias(_:)``, or a ``StoreError``.
    @discardableResult
    public func addStaff(_ member: StaffMember, at instant: Date) throws -> StaffMember {
        try write { db in
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE code = ?", arguments: [member.code]) == true {
                throw StaffError.duplicateCode(member.code)
            }
            if let registration = member.registration,
                try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE registration = ?", arguments: [registration]) == true
            {
                throw StaffError.duplicateRegistration(registration)
            }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM staff WHERE alias = ? COLLATE NOCASE", arguments: [member.alias]) == true {
                throw StaffError.duplicateAlias(member.alias)
            }
            try db.execute(
                sql: """
                    INSERT INTO staff (code, role, name, alias, registration, nip, status, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [member.code, member.role.rawValue, member.name, member.alias, member.registration,
                            member.nip, member.status.rawValue, instant])
            return member
        }
    }

    /// Changes a person's status (a WBP released, suspended, or back to active).
    public func setStatus(_ status: StaffStatus, of code: String) throws {
        try write { db in
            try db.execute(sql: "UPDATE staff SET status = ? WHERE code = ?", arguments: [status.rawValue, code])
            guard db.changesCount == 1 else { throw StaffError.unknownStaff(code) }
        }
    }

    public func staff(code: String) throws -> StaffMember? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]).map { Self.staffMember($0) } }
    }

    /// Everyone, baristas first, each group by code.
    public func allStaff() throws -> [StaffMember] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY role = 'barista' DESC, code").map { Self.staffMember($0) }
        }
    }

    /// The person behind `code` in a transaction, checked to be an active WBP.
    static func activeBaristaID(_ db: Database, code: String) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]) else {
            throw StaffError.unknownStaff(code)
        }
        let member = staffMember(row)
        guard member.role == .barista else { throw StaffError.notABarista(code) }
        guard member.status == .active else { throw StaffError.notActive(code: code, status: member.status) }
        return row["id"]
    }

    /// Reads a person from `row`, whose staff columns may carry a `prefix` (as in a join).
    static func staffMember(_ row: Row, prefix: String = "") -> StaffMember {
        StaffMember(
            code: row[prefix + "code"], role: StaffRole(rawValue: row[prefix + "role"]) ?? .barista,
            name: row[prefix + "name"], alias: row[prefix + "alias"], registration: row[prefix + "registration"],
            nip: row[prefix + "nip"], status: StaffStatus(rawValue: row[prefix + "status"]) ?? .suspended)
    }
}
