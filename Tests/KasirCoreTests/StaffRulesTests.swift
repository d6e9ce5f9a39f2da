import Foundation
import Testing
import KasirCore

/// The rules a person's registration, their decree and a reason are made by.
@Suite struct StaffRulesTests {
    static let january = BusinessDay(year: 2026, month: 1, day: 1)
    static let december = BusinessDay(year: 2026, month: 12, day: 31)

    // MARK: Fields

    @Test(arguments: [
        (StaffMember.Field.name, 80), (.supervisorName, 80), (.alias, 20), (.registration, 40), (.nip, 30), (.decree, 80),
    ])
    func eachFieldTakesUpToItsLimit(field: StaffMember.Field, limit: Int) throws {
        #expect(field.limit == limit)
        let longest = String(repeating: "x", count: limit)
        #expect(try field.validated(longest) == longest)
        #expect(throws: InputError.textTooLong(field: field.rawValue, limit: limit)) { try field.validated(longest + "x") }
    }

    @Test(arguments: StaffMember.Field.allCases)
    func anEmptyFieldOrOneWithControlCharactersIsRefused(field: StaffMember.Field) {
        #expect(throws: InputError.malformedText(field: field.rawValue)) { try field.validated("   ") }
        #expect(throws: InputError.malformedText(field: field.rawValue)) { try field.validated("B.1\u{7}") }
    }

    @Test func aFieldIsTrimmed() throws {
        #expect(try StaffMember.Field.alias.validated("  Bima ") == "Bima")
        // The limit counts what is kept, not the spaces around it.
        #expect(try StaffMember.Field.alias.validated(" " + String(repeating: "a", count: 20) + " ").count == 20)
    }

    @Test func theFirstSupervisorsNameIsNamedAfterItsOption() {
        #expect(throws: InputError.malformedText(field: "supervisor-name")) {
            try StaffMember(officer: "S1", name: "", nip: nil, admin: true, nameField: .supervisorName)
        }
    }

    // MARK: People

    @Test func aBaristaIsReadFromWhatWasTyped() throws {
        let member = try StaffMember(barista: " w01 ", registration: " B.1/2024", name: "Budi Santoso ", alias: "Bima", status: .released)
        #expect(member == StaffMember(code: "W01", role: .barista, name: "Budi Santoso", alias: "Bima", registration: "B.1/2024", status: .released))
    }

    @Test func aBaristasFieldsAreCheckedCodeNameAliasThenRegistration() {
        let tooLongAlias = String(repeating: "a", count: 21)
        #expect(throws: InputError.malformedStaffCode("W 1")) {
            try StaffMember(barista: "W 1", registration: "", name: "", alias: tooLongAlias)
        }
        #expect(throws: InputError.malformedText(field: "name")) {
            try StaffMember(barista: "W01", registration: "", name: "", alias: tooLongAlias)
        }
        #expect(throws: InputError.textTooLong(field: "alias", limit: 20)) {
            try StaffMember(barista: "W01", registration: "", name: "Budi", alias: tooLongAlias)
        }
        #expect(throws: InputError.textTooLong(field: "registration", limit: 40)) {
            try StaffMember(barista: "W01", registration: String(repeating: "1", count: 41), name: "Budi", alias: "Bima")
        }
    }

    @Test func anOfficersAliasIsTheirCode() throws {
        let officer = try StaffMember(officer: "s2", name: "Rina", nip: " 1985 ", admin: false)
        #expect(officer == StaffMember(code: "S2", role: .supervisor, name: "Rina", alias: "S2", nip: "1985"))
        #expect(try StaffMember(officer: "S1", name: "Hadi", nip: nil, admin: true).role == .admin)
        #expect(throws: InputError.textTooLong(field: "nip", limit: 30)) {
            try StaffMember(officer: "S2", name: "Rina", nip: String(repeating: "1", count: 31), admin: false)
        }
    }

    // MARK: Decrees

    @Test func aDecreeCoversItsDays() throws {
        let decree = try Decree(number: " SK-1/2026 ", validFrom: Self.january, validUntil: Self.december)
        #expect(decree.number == "SK-1/2026")
        #expect(decree.validFrom == Self.january && decree.validUntil == Self.december && !decree.revoked)
        // A decree of one day is a decree.
        #expect(try Decree(number: "SK", validFrom: Self.january, validUntil: Self.january).validUntil == Self.january)
    }

    @Test func aDecreeMayNotEndBeforeItStarts() {
        #expect(throws: InputError.endsBeforeStart(from: Self.december, until: Self.january)) {
            try Decree(number: "SK", validFrom: Self.december, validUntil: Self.january)
        }
        #expect(throws: InputError.endsBeforeStart(from: Self.december, until: Self.january)) {
            try Decree(number: "SK", from: "2026-12-31", until: "2026-01-01")
        }
    }

    @Test func aDecreesNumberHasTheFieldsRule() {
        #expect(throws: InputError.malformedText(field: "decree")) {
            try Decree(number: " ", validFrom: Self.january, validUntil: Self.december)
        }
        #expect(throws: InputError.textTooLong(field: "decree", limit: 80)) {
            try Decree(number: String(repeating: "9", count: 81), validFrom: Self.january, validUntil: Self.december)
        }
    }

    @Test func aTypedDecreeIsCheckedNumberFromThenUntil() throws {
        #expect(try Decree(number: "SK", from: "2026-01-01", until: "2026-12-31")
                == Decree(number: "SK", validFrom: Self.january, validUntil: Self.december))
        #expect(throws: InputError.malformedText(field: "decree")) { try Decree(number: "", from: "1 Jan", until: "31 Dec") }
        #expect(throws: InputError.malformedDate("1 Jan")) { try Decree(number: "SK", from: "1 Jan", until: "31 Dec") }
        #expect(throws: InputError.malformedDate("2026-02-30")) { try Decree(number: "SK", from: "2026-01-01", until: "2026-02-30") }
    }

    // MARK: Reasons

    @Test func aReasonIsTrimmed() throws {
        #expect(try Reason(" pelanggan batal ").text == "pelanggan batal")
        #expect(try Reason("salah ketik").description == "salah ketik")
        let longest = String(repeating: "r", count: Reason.limit)
        #expect(try Reason(longest).text == longest)
    }

    @Test(arguments: [nil, "", "   "] as [String?])
    func noReasonIsRefusedAsRequired(text: String?) {
        #expect(throws: InputError.reasonRequired) { try Reason(text) }
    }

    @Test func aReasonHasNoControlCharactersAndAtMost200() {
        #expect(Reason.limit == 200)
        #expect(throws: InputError.malformedText(field: "reason")) { try Reason("batal\u{1B}[2J") }
        #expect(throws: InputError.textTooLong(field: "reason", limit: 200)) { try Reason(String(repeating: "r", count: 201)) }
    }
}
