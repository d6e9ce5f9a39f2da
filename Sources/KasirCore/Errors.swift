import Foundation

/// Input a person typed that cannot be read. Nothing is changed when one is thrown.
///
/// Each case carries the offending text (clipped) so the one-line message can quote it;
/// KasirTerminal's message catalogue turns a case into that line in the interface language.
public enum InputError: Error, Equatable, Sendable {
    case malformedAmount(String)
    case amountTooLarge(String)
    case malformedQuantity(String)
    case quantityOutOfRange(String)
    case malformedItem(String)
    case malformedModifier(String)
    case malformedPayment(String)
    case malformedStaffCode(String)
    case malformedDate(String)
    case malformedText(field: String)
    case textTooLong(field: String, limit: Int)
    case malformedCount(String)
    case unknownDenomination(String)
    case malformedPIN
    case notOneOf(field: String, allowed: [String])
}

/// A rule of the café that an order or payment would break.
public enum OrderError: Error, Equatable, Sendable {
    case unknownItem(String)
    case itemUnavailable(String)
    case unknownModifierGroup(item: String, group: String)
    case unknownModifierOption(group: String, option: String)
    case tooManyChoices(group: String)
    case missingRequiredModifier(item: String, group: String)
    case emptyOrder
    case tooManyLines(limit: Int)
    case lineQuantityTooLarge(limit: Int)
    case nothingDueInCash
    case noSuchLine(Int)
    case noPayment
    case cashShort(due: Rupiah, tendered: Rupiah)
    case nonCashExceedsDue(due: Rupiah, paid: Rupiah)
    case paymentsDoNotCoverTotal(total: Rupiah, paid: Rupiah)
    case duplicateReference(String)
}

/// A rule about who may do what.
public enum StaffError: Error, Equatable, Sendable {
    case unknownStaff(String)
    case notABarista(String)
    case notActive(code: String, status: StaffStatus)
    case duplicateCode(String)
    case duplicateRegistration(String)
    case duplicateAlias(String)
    case noDecree(String)
    case decreeNotYetValid(code: String, from: BusinessDay)
    case decreeExpired(code: String, until: BusinessDay)
    case decreeRevoked(String)
    case notClockedIn(String)
    case alreadyClockedIn(String)
    case notOnBreak(String)
    case alreadyOnBreak(String)
}

/// A rule of the till: no sale and no drawer action without an open till and a supervisor.
public enum TillError: Error, Equatable, Sendable {
    case noOpenTill
    case tillAlreadyOpen
    case noSupervisorOnDuty
    case orderInClosedTill(Int)
    case alreadyVoided(Int)
    case refundExceedsOrder(remaining: Rupiah)
    case nothingToRefund
    case backupOverOpenTill
}
