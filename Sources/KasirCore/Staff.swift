import Foundation

/// Whether a WBP may work the counter.
public enum StaffStatus: String, Sendable, Codable, CaseIterable {
    case active
    case released
    case suspended
}

/// What a person may do in Kasir.
public enum StaffRole: String, Sendable, Codable, CaseIterable {
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

