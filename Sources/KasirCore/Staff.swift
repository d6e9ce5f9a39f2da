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

    /// Checks a free-text field such as a name, alias or registration number.
    public static func validatedText(_ text: String, field: String, limit: Int = 80) throws(InputError) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else {
            throw .malformedText(field: field)
        }
        guard trimmed.count <= limit else { throw .textTooLong(field: field, limit: limit) }
        return trimmed
    }
}

/// Why a WBP may not be rostered or serve today.
public enum Eligibility: Hashable, Sendable {
    case eligible
    case notActive(StaffStatus)
    case noDecree
    case decreeNotYetValid(from: BusinessDay)
    case decreeExpired(until: BusinessDay)
    case decreeRevoked
}

/// An assimilation decree (SK asimilasi): its number and the days it is valid.
public struct Decree: Hashable, Sendable, Codable {
    public var number: String
    public var validFrom: BusinessDay
    public var validUntil: BusinessDay
    public var revoked: Bool

    public init(number: String, validFrom: BusinessDay, validUntil: BusinessDay, revoked: Bool = false) {
        self.number = number
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revoked = revoked
    }
}

extension StaffMember {
    /// Whether this WBP may be rostered and serve on `day`, given their decree.
    ///
    /// Only an active WBP whose decree covers the day, and was not revoked, may work.
    public func eligibility(on day: BusinessDay, decree: Decree?) -> Eligibility {
        guard status == .active else { return .notActive(status) }
        guard let decree else { return .noDecree }
        if decree.revoked { return .decreeRevoked }
        if day < decree.validFrom { return .decreeNotYetValid(from: decree.validFrom) }
        if day > decree.validUntil { return .decreeExpired(until: decree.validUntil) }
        return .eligible
    }
}
