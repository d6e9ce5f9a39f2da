import Foundation
import Testing
import KasirCore

@Suite struct EligibilityTests {
    static let today = BusinessDay(year: 2026, month: 11, day: 29)
    static let decree = try! Decree(number: "SK-1/2026", validFrom: BusinessDay(year: 2026, month: 1, day: 1),
                                    validUntil: BusinessDay(year: 2026, month: 12, day: 31))

    func barista(_ status: StaffStatus = .active) -> StaffMember {
        StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.1/2024", status: status)
    }

    /// The error the rule throws, or `nil` when it lets the person serve.
    func serving(_ member: StaffMember, decree: Decree? = EligibilityTests.decree, on day: BusinessDay = EligibilityTests.today,
                 shift: ShiftPresence = .working) -> StaffError? {
        let result = Result { () throws(StaffError) -> Void in try member.checkCanServe(on: day, decree: decree, shift: shift) }
        guard case .failure(let error) = result else { return nil }
        return error
    }

    @Test func anActiveBaristaWithADecreeAtWorkMayServe() {
        #expect(serving(barista()) == nil)
        // The decree's first and last days are covered.
        #expect(serving(barista(), on: Self.decree.validFrom) == nil)
        #expect(serving(barista(), on: Self.decree.validUntil) == nil)
    }

    @Test func eachFactRefusesWithItsOwnError() {
        let officer = StaffMember(code: "S1", role: .supervisor, name: "Hadi", alias: "S1", nip: "1980")
        #expect(serving(officer) == .notABarista("S1"))
        #expect(serving(barista(.released)) == .notActive(code: "W01", status: .released))
        #expect(serving(barista(.suspended)) == .notActive(code: "W01", status: .suspended))
        #expect(serving(barista(), decree: nil) == .noDecree("W01"))
        var revoked = Self.decree
        revoked.revoked = true
        #expect(serving(barista(), decree: revoked) == .decreeRevoked("W01"))
        #expect(serving(barista(), on: BusinessDay(year: 2025, month: 12, day: 31))
                == .decreeNotYetValid(code: "W01", from: Self.decree.validFrom))
        #expect(serving(barista(), on: BusinessDay(year: 2027, month: 1, day: 1))
                == .decreeExpired(code: "W01", until: Self.decree.validUntil))
        #expect(serving(barista(), shift: .notClockedIn) == .notClockedIn("W01"))
        #expect(serving(barista(), shift: .onBreak) == .onBreak("W01"))
    }

    /// The first fact that fails is the one said: who the person is, then their status, then
    /// their decree, then their shift.
    @Test func theFirstFailingFactIsTheOneSaid() {
        var revoked = Self.decree
        revoked.revoked = true
        #expect(serving(barista(.released), decree: nil, shift: .onBreak) == .notActive(code: "W01", status: .released))
        #expect(serving(barista(), decree: nil, shift: .notClockedIn) == .noDecree("W01"))
        #expect(serving(barista(), decree: revoked, on: BusinessDay(year: 2027, month: 1, day: 1)) == .decreeRevoked("W01"))
        #expect(serving(barista(), on: BusinessDay(year: 2027, month: 1, day: 1), shift: .onBreak)
                == .decreeExpired(code: "W01", until: Self.decree.validUntil))
    }

    /// Clocking in asks whether the WBP may work that day; their shift is not yet a fact.
    @Test func mayWorkLeavesTheShiftOut() throws {
        try barista().checkCanWork(on: Self.today, decree: Self.decree)
        #expect(throws: StaffError.decreeExpired(code: "W01", until: Self.decree.validUntil)) {
            try barista().checkCanWork(on: BusinessDay(year: 2027, month: 1, day: 1), decree: Self.decree)
        }
        #expect(throws: StaffError.notActive(code: "W01", status: .suspended)) {
            try barista(.suspended).checkCanWork(on: Self.today, decree: Self.decree)
        }
    }
}
