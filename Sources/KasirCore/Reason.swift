import Foundation

/// Why a person did an act that needs a reason on record: a void, a refund, cash paid in or
/// out, a no-sale, a discount, a write-off, a forgotten clock-out closed late.
///
/// Made only by its rule: not empty, no control characters, at most ``limit`` characters,
/// trimmed of spaces at either end.
///
/// ```swift
/// let reason = try Reason(" pelanggan batal ")   // reason.text == "pelanggan batal"
/// try Reason("   ")                               // throws InputError.reasonRequired
/// ```
public struct Reason: Hashable, Sendable, CustomStringConvertible {
    /// The most characters a reason may hold.
    public static let limit = 200

    /// The reason as typed, trimmed of spaces.
    public let text: String

    /// - Parameter text: what was typed; `nil` when nothing was (`--reason` left out).
    /// - Throws: ``InputError/reasonRequired`` when there is none or only spaces,
    ///   ``InputError/malformedText(field:)`` for control characters,
    ///   ``InputError/textTooLong(field:limit:)`` beyond ``limit``.
    public init(_ text: String?) throws(InputError) {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { throw .reasonRequired }
        self.text = try StaffMember.validatedText(text, field: "reason", limit: Self.limit)
    }

    public var description: String { text }
}
