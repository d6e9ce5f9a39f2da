import Foundation

/// Whether a WBP may work the counter.
public enum StaffStatus: String, StoredKind, Codable {
    case active
    case released
    case suspended
}

/// What a person may do in Kasir.
public enum StaffRole: String, StoredKind, Codable {
    /// A WBP working the counter.
    case barista
    /// A prison officer (petugas) who approves and runs the till.
    case supervisor
    case admin
}

/// A person known to Kasir.
///
/// Receipts and bar tickets show only `alias` (or `code`): a WBP's name and registration
/// number stay inside the supervisors' views.
public struct StaffMember: Hashable, Sendable, Codable {
    public var code: String
    public var role: StaffRole
    public var name: String
    public var alias: String
    /// The WBP's registration number (nomor registrasi); `nil` for officers.
    public var registration: String?
    /// An officer's NIP; `nil` for WBP.
    public var nip: String?
    public var status: StaffStatus

    public init(code: String, role: StaffRole, name: String, alias: String, registration: String? = nil, nip: String? = nil, status: StaffStatus = .active) {
        self.code = code
        self.role = role
        self.name = name
        self.alias = alias
        self.registration = registration
        self.nip = nip
        self.status = status
    }

    /// Reads a staff code: 1–12 letters, digits or dashes, starting with a letter or digit;
    /// returned upper-cased so `w01` and `W01` are the same person.
    public static func parseCode(_ text: String) throws(InputError) -> String {
        let code = text.trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...12).contains(code.count),
            code.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }),
            code.first != "-"
        else { throw .malformedStaffCode(clipped(text)) }
        return code
    }

    /// Checks a free-text field: trimmed of spaces, not empty, no control characters, at most
    /// `limit` characters. A person's own fields go through ``Field``, which knows their limits.
    ///
    /// - Throws: ``InputError/malformedText(field:)``, ``InputError/textTooLong(field:limit:)``.
    public static func validatedText(_ text: String, field: String, limit: Int) throws(InputError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            throw .malformedText(field: field)
        }
        guard trimmed.count <= limit else { throw .textTooLong(field: field, limit: limit) }
        return trimmed
    }
}

extension StaffMember {
    /// A field typed in for a person or their decree, with the one limit it has: receipts
    /// and reports are laid out for these lengths.
    ///
    /// ```swift
    /// let alias = try StaffMember.Field.alias.validated(" Bima ")   // "Bima"
    /// StaffMember.Field.alias.limit                                 // 20
    /// ```
    public enum Field: String, Sendable, CaseIterable {
        /// A person's full name.
        case name
        /// The first supervisor's name as `kasir init --supervisor-name` takes it: the same
        /// rule as ``name``, named after its option in a refusal.
        case supervisorName = "supervisor-name"
        /// The name on receipts and bar tickets.
        case alias
        /// A WBP's registration number (nomor registrasi).
        case registration
        /// An officer's NIP.
        case nip
        /// An assimilation decree's number.
        case decree

        /// The most characters the field may hold.
        public var limit: Int {
            switch self {
            case .name, .supervisorName: 80
            case .alias: 20
            case .registration: 40
            case .nip: 30
            case .decree: 80
            }
        }

        /// The text trimmed of spaces, if it is not empty, holds no control characters and
        /// fits ``limit``.
        ///
        /// - Throws: ``InputError/malformedText(field:)``, ``InputError/textTooLong(field:limit:)``,
        ///   naming the field by its raw value.
        public func validated(_ text: String) throws(InputError) -> String {
            try StaffMember.validatedText(text, field: rawValue, limit: limit)
        }
    }

    /// A WBP to be registered as a barista, from what was typed: the code read by
    /// ``parseCode(_:)``, then the name, alias and registration number, each by its ``Field``.
    ///
    /// ```swift
    /// let member = try StaffMember(barista: "w01", registration: "B.123/2024", name: "Budi Santoso", alias: "Bima")
    /// member.code   // "W01"
    /// ```
    ///
    /// - Throws: ``InputError``, for the first field (in that order) that breaks its rule.
    public init(barista code: String, registration: String, name: String, alias: String, status: StaffStatus = .active) throws(InputError) {
        let code = try Self.parseCode(code)
        let name = try Field.name.validated(name)
        let alias = try Field.alias.validated(alias)
        let registration = try Field.registration.validated(registration)
        self.init(code: code, role: .barista, name: name, alias: alias, registration: registration, status: status)
    }

    /// An officer to be registered as a supervisor, or an admin, from what was typed: the code
    /// (which is also their alias), the name and the NIP, each by its rule.
    ///
    /// ```swift
    /// let officer = try StaffMember(officer: "S2", name: "Rina", nip: "198502022010012002", admin: false)
    /// ```
    ///
    /// - Parameter nameField: the name's rule, ``Field/supervisorName`` for `kasir init`.
    /// - Throws: ``InputError``, for the first field (in that order) that breaks its rule.
    public init(officer code: String, name: String, nip: String?, admin: Bool, nameField: Field = .name) throws(InputError) {
        let code = try Self.parseCode(code)
        let name = try nameField.validated(name)
        var checkedNIP: String?
        if let nip { checkedNIP = try Field.nip.validated(nip) }
        self.init(code: code, role: admin ? .admin : .supervisor, name: name, alias: code, nip: checkedNIP)
    }
}

/// An assimilation decree (SK asimilasi): its number and the days it is valid.
///
/// Made only by its rule: a number that ``StaffMember/Field/decree`` accepts, valid from a
/// day no later than its last. A decree read back from the database is taken as recorded
/// (``init(unchecked:validFrom:validUntil:revoked:)``): one recorded before the rule held
/// everywhere still reads.
///
/// ```swift
/// let decree = try Decree(number: "W15.PAS-123", from: "2026-01-01", until: "2026-12-31")
/// try Decree(number: "SK", from: "2026-12-31", until: "2026-01-01")   // throws InputError.malformedDate("2026-01-01")
/// ```
public struct Decree: Hashable, Sendable, Codable {
    public let number: String
    public let validFrom: BusinessDay
    public let validUntil: BusinessDay
    /// Revoking a decree keeps its number and days: the WBP may no longer work under it.
    public var revoked: Bool

    /// A decree whose days are known.
    ///
    /// - Throws: ``InputError/malformedText(field:)`` or ``InputError/textTooLong(field:limit:)``
    ///   for the number; ``InputError/endsBeforeStart(from:until:)`` when `validUntil` is
    ///   before `validFrom`.
    public init(number: String, validFrom: BusinessDay, validUntil: BusinessDay, revoked: Bool = false) throws(InputError) {
        let number = try StaffMember.Field.decree.validated(number)
        guard validFrom <= validUntil else { throw .endsBeforeStart(from: validFrom, until: validUntil) }
        self.init(unchecked: number, validFrom: validFrom, validUntil: validUntil, revoked: revoked)
    }

    /// A decree as typed: its number, then the days it is valid from and until as
    /// `YYYY-MM-DD`, checked in that order.
    ///
    /// - Throws: ``InputError``, as ``init(number:validFrom:validUntil:revoked:)`` and
    ///   ``BusinessDay/parse(_:)`` do.
    public init(number: String, from: String, until: String) throws(InputError) {
        let number = try StaffMember.Field.decree.validated(number)
        let validFrom = try BusinessDay.parse(from)
        let validUntil = try BusinessDay.parse(until)
        try self.init(number: number, validFrom: validFrom, validUntil: validUntil)
    }

    /// A decree as the database recorded it, not checked again: only the store reads one back.
    package init(unchecked number: String, validFrom: BusinessDay, validUntil: BusinessDay, revoked: Bool) {
        self.number = number
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revoked = revoked
    }
}
