import Foundation
import GRDB
import KasirCore

extension AppDatabase {
    /// Registers a WBP as a barista, with their assimilation decree when known.
    ///
    /// ```swift
    /// try database.addStaff(StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.123/2024"),
    ///                       decree: decree, approvedBy: "S1", at: now)
    /// ```
    ///
    /// - Throws: ``StaffError/duplicateCode(_:)``, ``StaffError/duplicateRegistration(_:)``,
    ///   ``StaffError/duplicateAlias(_:)``, or a ``StoreError``.
    @discardableResult
    public func addStaff(_ member: StaffMember, decree: Decree? = nil, approvedBy approver: String? = nil, at instant: Date) throws -> StaffMember {
        try write { db in
            if let approver { _ = try Self.supervisorID(db, code: approver) }
            try Self.insertStaff(db, member, at: instant)
            let id = db.lastInsertedRowID
            if let decree { try Self.storeDecree(db, decree, staffID: id) }
            try Self.journal(db, kind: "staff_added", actor: approver, subject: member.code, row: JournalRow(.staff, id), at: instant)
            return member
        }
    }

    static func insertStaff(_ db: Database, _ member: StaffMember, at instant: Date) throws {
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
                INSERT INTO staff (code, role, name, alias, registration, nip, status, created_at, pii_salt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, lower(hex(randomblob(16))))
                """,
            arguments: [member.code, member.role.rawValue, member.name, member.alias, member.registration,
                        member.nip, member.status.rawValue, Timestamp.string(instant)])
    }

    static func storeDecree(_ db: Database, _ decree: Decree, staffID: Int64) throws {
        try db.execute(
            sql: "UPDATE staff SET decree_number = ?, decree_from = ?, decree_until = ?, decree_revoked = ? WHERE id = ?",
            arguments: [decree.number, decree.validFrom.description, decree.validUntil.description, decree.revoked, staffID])
    }

    /// Records (or replaces, or revokes) a WBP's assimilation decree.
    ///
    /// A revoked decree ends the WBP's open shift at this moment, as a suspension does.
    ///
    /// A decree that does not cover `day` (revoked, not yet valid, ended) ends the open shift
    /// too: the hours after it would otherwise count as training nobody could have done.
    public func setDecree(_ decree: Decree, of code: String, approvedBy approver: String, on day: BusinessDay, at instant: Date) throws {
        try write { db in
            let approverID = try Self.supervisorID(db, code: approver)
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE code = ? AND role = 'barista'", arguments: [code]) else {
                throw StaffError.unknownStaff(code)
            }
            try Self.storeDecree(db, decree, staffID: id)
            try Self.journal(db, kind: decree.revoked ? "decree_revoked" : "decree_set", actor: approver, subject: code,
                             row: JournalRow(.staff, id), at: instant)
            if decree.revoked {
                try Self.endOpenShift(db, staffID: id, code: code, approverID: approverID, approver: approver, reason: "decree revoked", at: instant)
            } else if !(decree.validFrom...decree.validUntil).contains(day) {
                try Self.endOpenShift(db, staffID: id, code: code, approverID: approverID, approver: approver, reason: "decree not valid today", at: instant)
            }
        }
    }

    /// Ends the WBP's open shift, if any, at `instant`.
    static func endOpenShift(_ db: Database, staffID: Int64, code: String, approverID: Int64, approver: String, reason: String, at instant: Date) throws {
        guard let shift = try Int64.fetchOne(db, sql: "SELECT id FROM attendance WHERE staff_id = ? AND clock_out IS NULL", arguments: [staffID]) else { return }
        try endShift(db, shift: shift, code: code, supervisorID: approverID, supervisor: approver, at: instant,
                     lateEntry: false, recordedAt: instant, reason: reason)
    }

    /// Changes a person's status: a WBP released, suspended, or back to active; a supervisor
    /// suspended or reactivated (which needs an admin).
    ///
    /// A WBP who stops being active leaves their open shift at this moment, so no hours run on
    /// while they are away.
    ///
    /// - Throws: ``StaffError/unknownStaff(_:)``, ``AccessError/notAnAdmin(_:)``.
    public func setStatus(_ status: StaffStatus, of code: String, approvedBy approver: String, at instant: Date) throws {
        try write { db in
            let approverID = try Self.supervisorID(db, code: approver)
            guard let row = try Row.fetchOne(db, sql: "SELECT id, role FROM staff WHERE code = ?", arguments: [code]) else {
                throw StaffError.unknownStaff(code)
            }
            let id: Int64 = row["id"]
            let role: StaffRole = try row.kind("role", table: "staff")
            if role != .barista { _ = try Self.adminID(db, code: approver) }
            try db.execute(sql: "UPDATE staff SET status = ? WHERE id = ?", arguments: [status.rawValue, id])
            try Self.journal(db, kind: "staff_status", actor: approver, subject: code, payload: ["status": .string(status.rawValue)],
                             row: JournalRow(.staff, id), at: instant)
            if status != .active, role == .barista {
                try Self.endOpenShift(db, staffID: id, code: code, approverID: approverID, approver: approver, reason: "status: \(status.rawValue)", at: instant)
            }
        }
    }

    /// Checks that `code` may serve an order or make its items on `day`, by the rule the commit
    /// applies (``StaffMember/checkCanServe(on:decree:shift:)``): the counter asks before any PIN
    /// is typed, so a WBP who may not serve is told so on their own line.
    ///
    /// ```swift
    /// let member = try database.checkCanServe("W01", on: today)   // or StaffError.onBreak("W01"), …
    /// ```
    ///
    /// - Returns: the WBP as recorded.
    /// - Throws: ``StaffError/unknownBarista(_:)`` when no one has the code (only a barista can
    ///   be meant here), or what the rule throws.
    @discardableResult
    public func checkCanServe(_ code: String, on day: BusinessDay) throws -> StaffMember {
        try read { db in try Self.eligibleBarista(db, code: code, on: day, clockedIn: true, unknown: StaffError.unknownBarista).member }
    }

    /// A WBP's decree, if one is recorded.
    public func decree(of code: String) throws -> Decree? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]).flatMap(Self.decree) }
    }

    static func decree(_ row: Row) -> Decree? {
        guard let number: String = row["decree_number"], let from: String = row["decree_from"], let until: String = row["decree_until"],
            let validFrom = try? BusinessDay.parse(from), let validUntil = try? BusinessDay.parse(until)
        else { return nil }
        return Decree(unchecked: number, validFrom: validFrom, validUntil: validUntil, revoked: row["decree_revoked"])
    }

    public func staff(code: String) throws -> StaffMember? {
        try read { db in try Row.fetchOne(db, sql: "SELECT * FROM staff WHERE code = ?", arguments: [code]).map { try Self.staffMember($0) } }
    }

    /// Everyone, baristas first, each group by code.
    public func allStaff() throws -> [StaffMember] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM staff ORDER BY role = 'barista' DESC, code").map { try Self.staffMember($0) }
        }
    }

    /// The WBP behind `code` in a transaction, checked by the one rule: when `clockedIn`, that
    /// they may serve or make an order (``StaffMember/checkCanServe(on:decree:shift:)``), else
    /// that they may be rostered (``StaffMember/checkCanWork(on:decree:)``).
    static func eligibleBaristaID(_ db: Database, code: String, on day: BusinessDay, clockedIn: Bool) throws -> Int64 {
        try eligibleBarista(db, code: code, on: day, clockedIn: clockedIn).id
    }

    /// The same, with the person as recorded; `unknown` is what a code no one has is refused as.
    static func eligibleBarista(
        _ db: Database, code: String, on day: BusinessDay, clockedIn: Bool, unknown: (String) -> StaffError = StaffError.unknownStaff
    ) throws -> (id: Int64, member: StaffMember) {
        guard let facts = try baristaFacts(db, code: code) else { throw unknown(code) }
        if clockedIn {
            try facts.member.checkCanServe(on: day, decree: facts.decree, shift: facts.shift)
        } else {
            try facts.member.checkCanWork(on: day, decree: facts.decree)
        }
        return (facts.id, facts.member)
    }

    /// What the rule reads about `code`: the person, their decree and where they stand in their
    /// shift, in one query read by column position (a sale reads it for each of its people).
    static func baristaFacts(_ db: Database, code: String) throws -> (id: Int64, member: StaffMember, decree: Decree?, shift: ShiftPresence)? {
        guard let row = try Row.fetchOne(try db.cachedStatement(sql: """
            SELECT id, code, role, name, alias, registration, nip, status, decree_number, decree_from, decree_until, decree_revoked,
                EXISTS (SELECT 1 FROM attendance a WHERE a.staff_id = staff.id AND a.clock_out IS NULL),
                EXISTS (SELECT 1 FROM attendance a JOIN breaks b ON b.attendance_id = a.id
                        WHERE a.staff_id = staff.id AND a.clock_out IS NULL AND b.ended_at IS NULL)
            FROM staff WHERE code = ?
            """), arguments: [code])
        else { return nil }
        let member = StaffMember(code: row[1], role: try StaffRole.stored(row[2] as String), name: row[3], alias: row[4],
                                 registration: row[5], nip: row[6], status: try StaffStatus.stored(row[7] as String))
        var decree: Decree?
        if let number: String = row[8], let from: String = row[9], let until: String = row[10],
            let validFrom = try? BusinessDay.parse(from), let validUntil = try? BusinessDay.parse(until) {
            decree = Decree(unchecked: number, validFrom: validFrom, validUntil: validUntil, revoked: row[11])
        }
        let shift: ShiftPresence = (row[13] as Bool) ? .onBreak : ((row[12] as Bool) ? .working : .notClockedIn)
        return (row[0], member, decree, shift)
    }

    /// Reads a person from `row`, whose staff columns may carry a `prefix` (as in a join).
    static func staffMember(_ row: Row, prefix: String = "") throws -> StaffMember {
        StaffMember(
            code: row[prefix + "code"], role: try row.kind(prefix + "role", table: "staff"),
            name: row[prefix + "name"], alias: row[prefix + "alias"], registration: row[prefix + "registration"],
            nip: row[prefix + "nip"], status: try row.kind(prefix + "status", table: "staff"))
    }
}
