import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirStore
import KasirTestSupport
import Testing

/// Only the gate makes an ``Approver``: before the first supervisor an act needs none; after,
/// a code and that supervisor's own PIN; an admin's act, an admin.
@Suite struct SupervisorGateTests {
    static let s1PIN = "246810"
    static let s2PIN = "580317"
    let folder = TemporaryFolder("kasir-gate")
    let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
    let database: AppDatabase
    let gate: SupervisorGate

    init() throws {
        database = try newCafe(in: folder, at: clock.now()).database
        gate = SupervisorGate(database: database, clock: clock)
    }

    func registerS1() throws -> Approver {
        try gate.firstSupervisor(StaffMember(code: "S1", role: .admin, name: "Hadi", alias: "S1", nip: "1980"), pin: Self.s1PIN)
    }

    @Test func beforeTheFirstSupervisorNoPINIsAskedAndAfterItOneIs() throws {
        var asked: [String] = []
        let before = try gate.authorize(nil, readPIN: { asked.append($0); return nil })
        #expect(before == nil)
        #expect(asked.isEmpty)
        #expect(try registerS1().code == "S1")
        #expect(throws: AccessError.supervisorRequired) { try gate.authorize(nil, readPIN: { _ in Self.s1PIN }) }
        let after = try gate.authorize("s1", readPIN: { asked.append($0); return Self.s1PIN })
        #expect(after?.code == "S1")
        #expect(asked == ["S1"])   // asked once, by the code as stored
    }

    @Test func aWrongOrMissingPINMakesNoApprover() throws {
        _ = try registerS1()
        #expect(throws: AccessError.supervisorRequired) { try gate.require(nil, readPIN: { _ in Self.s1PIN }) }
        #expect(throws: AccessError.wrongPIN(code: "S1", attemptsLeft: 4)) { try gate.require("S1", readPIN: { _ in "000000" }) }
        #expect(throws: InputError.malformedPIN) { try gate.require("S1", readPIN: { _ in nil }) }
        #expect(throws: AccessError.unknownSupervisor("S9")) { try gate.require("S9", readPIN: { _ in Self.s1PIN }) }
        #expect(try gate.require("S1", readPIN: { _ in Self.s1PIN }).code == "S1")
    }

    @Test func anAdminsActNeedsAnAdmin() throws {
        _ = try registerS1()
        try database.addSupervisor(StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1990"), pin: Self.s2PIN,
                                   approvedBy: "S1", at: clock.now())
        #expect(try gate.require("S2", readPIN: { _ in Self.s2PIN }).code == "S2")
        #expect(throws: AccessError.notAnAdmin("S2")) { try gate.requireAdmin("S2", readPIN: { _ in Self.s2PIN }) }
        #expect(try gate.requireAdmin("S1", readPIN: { _ in Self.s1PIN }).code == "S1")
    }
}
