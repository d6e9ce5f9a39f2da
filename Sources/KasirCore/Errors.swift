import Foundation

/// What an error says happened: the person's act was refused, or the machine failed.
///
/// The counter goes on after a refusal (the person corrects what they typed, or does
/// something else) and ends the order under way after a fault.
public enum ErrorNature: Sendable, Hashable {
    /// A rule refused what the person typed or asked for; nothing changed, and they can put it
    /// right, do something else, or try again (a database busy elsewhere).
    case refusal
    /// Something under the person's act failed: the store, the disk, a file, the config, the
    /// printer. What was under way cannot go on.
    case fault

    /// The nature of any error: a Kasir error's own; anything else is a fault, since an error
    /// from below Kasir that no mapping caught means the machine failed.
    ///
    /// ```swift
    /// ErrorNature(of: InputError.malformedPIN)   // .refusal
    /// ErrorNature(of: CocoaError(.fileNoSuchFile)) // .fault
    /// ```
    public init(of error: any Error) {
        self = (error as? any KasirError)?.nature ?? .fault
    }
}

/// An error Kasir throws. Every error type of Kasir conforms, and says case by case (a switch
/// without `default`, so that a new case needs a decision) whether it is a refusal or a fault.
/// KasirMessages says how each one reads.
///
/// ```swift
/// enum LabelError: KasirError {
///     case tooLong(String)   // what was typed
///     case printerJammed     // the machine
///
///     var nature: ErrorNature {
///         switch self {
///         case .tooLong: return .refusal
///         case .printerJammed: return .fault
///         }
///     }
/// }
/// ```
public protocol KasirError: Error, Sendable {
    /// Whether the person's act was refused or the machine failed.
    var nature: ErrorNature { get }
}

extension KasirError {
    /// The machine failed (``ErrorNature/fault``).
    public var isFault: Bool { nature == .fault }
}

/// Input a person typed that cannot be read. Nothing is changed when one is thrown.
///
/// Each case carries the offending text (clipped) so the one-line message can quote it;
/// KasirMessages' catalogue turns a case into that line in the interface language.
public enum InputError: KasirError, Equatable {
    /// Not an amount of Rupiah (`50000`, `50.000`, `Rp50.000`).
    case malformedAmount(String)
    /// An amount above the largest a person may type.
    case amountTooLarge(String)
    /// Not a quantity (`2`, `x2`).
    case malformedQuantity(String)
    /// A quantity outside 1–99.
    case quantityOutOfRange(String)
    /// Not an item request (`KSGA 2 size=L`).
    case malformedItem(String)
    /// Not a modifier choice (`size=L`).
    case malformedModifier(String)
    /// Not a payment (`cash:50000`, `qris:25000:REF`).
    case malformedPayment(String)
    /// Not a staff code.
    case malformedStaffCode(String)
    /// Not a date or time of the expected form.
    case malformedDate(String)
    /// A period whose last day comes before its first (a decree valid from 31 December until 1 January).
    case endsBeforeStart(from: BusinessDay, until: BusinessDay)
    /// A text field that is empty or holds control characters.
    case malformedText(field: String)
    /// A text field over its limit.
    case textTooLong(field: String, limit: Int)
    /// Not a cash count (`100000x2,50000x3`).
    case malformedCount(String)
    /// A cash count naming a denomination the café does not use.
    case unknownDenomination(String)
    /// A PIN that is not 6–12 digits.
    case malformedPIN
    /// A new PIN of the right form that is a first guess (``SupervisorPIN/weakness(of:nip:)``).
    case weakPIN(WeakPIN)
    /// A document number not of the form `TR-61682-9F3A-2C1B-7E04`.
    case malformedDocumentNumber(String)
    /// Not a journal head (64 hexadecimal digits, spaces and line breaks allowed): what was
    /// typed, without its spaces.
    case malformedJournalHead(String)
    /// A value outside its set.
    case notOneOf(field: String, allowed: [String])
    /// The command needs a reason (`--reason`).
    case reasonRequired
    /// A competency unit that config/competencies.toml does not list.
    case unknownCompetencyUnit(String)
    /// A float is opened with neither an amount nor a count (`--float`, `--count`).
    case floatRequired
    /// QRIS payments are named by neither, or by both, of an order and a reference.
    case orderOrReferenceRequired
}

/// A rule of the café that an order or payment would break.
public enum OrderError: KasirError, Equatable {
    /// No item with this code or number.
    case unknownItem(String)
    /// The item is sold out.
    case itemUnavailable(String)
    /// The item takes no such modifier group; `valid` are the groups it takes, for the message.
    case unknownModifierGroup(item: String, group: String, valid: [ModifierGroup])
    /// The group has no such option; the group is carried whole, so the message can name its options.
    case unknownModifierOption(group: ModifierGroup, option: String)
    /// Two options in a single-choice group.
    case tooManyChoices(group: ModifierGroup)
    /// A required group left without a choice and without a default.
    case missingRequiredModifier(item: String, group: String)
    /// An order without lines.
    case emptyOrder
    /// More lines than an order holds.
    case tooManyLines(limit: Int)
    /// More units on one line than it holds.
    case lineQuantityTooLarge(limit: Int)
    /// Cash was given where nothing is left to pay in cash.
    case nothingDueInCash
    /// No such line in the order.
    case noSuchLine(Int)
    /// No payment was given for an order with a total.
    case noPayment
    /// Cash handed over is less than what is due in cash.
    case cashShort(due: Rupiah, tendered: Rupiah)
    /// QRIS for more than is due (QRIS gives no change).
    case nonCashExceedsDue(due: Rupiah, paid: Rupiah)
    /// QRIS alone that does not match the total.
    case paymentsDoNotCoverTotal(total: Rupiah, paid: Rupiah)
    /// The same QRIS reference twice in one order.
    case duplicateReference(String)
    /// A QRIS reference that already paid another order.
    case referenceAlreadyUsed(String)
    /// A QRIS reference typed in the form of Kasir's bill numbers
    /// (``DynamicQRIS/isBillNumber(_:)``), which name the code, not the payment.
    case referenceIsBillNumber(String)
}

/// A rule about who may do what.
public enum StaffError: KasirError, Equatable {
    /// No one has this code.
    case unknownStaff(String)
    /// No one has this code, asked where only a barista can be meant (the counter's barista
    /// prompt, a maker): said as such, so the barista is not sent looking for an officer.
    case unknownBarista(String)
    /// The person is not a WBP barista.
    case notABarista(String)
    /// The person is released or suspended.
    case notActive(code: String, status: StaffStatus)
    /// The code is taken.
    case duplicateCode(String)
    /// The registration number is taken.
    case duplicateRegistration(String)
    /// The alias is taken.
    case duplicateAlias(String)
    /// No assimilation decree on record.
    case noDecree(String)
    /// The decree starts later.
    case decreeNotYetValid(code: String, from: BusinessDay)
    /// The decree has ended.
    case decreeExpired(code: String, until: BusinessDay)
    /// The decree was revoked.
    case decreeRevoked(String)
    /// No open shift.
    case notClockedIn(String)
    /// An open shift already.
    case alreadyClockedIn(String)
    /// No break to end.
    case notOnBreak(String)
    /// A break is already running.
    case alreadyOnBreak(String)
    /// On a break: may not serve nor be credited with an order until the break is ended.
    case onBreak(String)
}

/// A rule of the till: no sale and no drawer action without an open till and a supervisor.
public enum TillError: KasirError, Equatable {
    /// No till is open.
    case noOpenTill
    /// A till is open already.
    case tillAlreadyOpen
    /// The supervisor on duty is no longer an active supervisor.
    case noSupervisorOnDuty
    /// The order was sold in a till that is closed: it can be refunded, not voided.
    case orderInClosedTill(Int)
    /// The order is void already.
    case alreadyVoided(Int)
    /// Part of the order was refunded: the rest is refunded, not voided.
    case voidAfterRefund(Int)
    /// The order has nothing left to refund.
    case nothingToRefund
    /// A restore over an open till without saying so.
    case backupOverOpenTill
    /// No closed till to recount.
    case noClosedTill
    /// A float that does not agree with its count.
    case floatDisagreesWithCount(float: Rupiah, counted: Rupiah)
    /// The supervisor did not confirm the count on the terminal: nothing was recorded.
    case countNotConfirmed
}

// MARK: - Natures

extension InputError {
    public var nature: ErrorNature {
        switch self {
        case .malformedAmount, .amountTooLarge, .malformedQuantity, .quantityOutOfRange, .malformedItem, .malformedModifier,
             .malformedPayment, .malformedStaffCode, .malformedDate, .endsBeforeStart, .malformedText, .textTooLong, .malformedCount,
             .unknownDenomination, .malformedPIN, .weakPIN, .malformedDocumentNumber, .malformedJournalHead, .notOneOf,
             .reasonRequired, .unknownCompetencyUnit, .floatRequired, .orderOrReferenceRequired:
            return .refusal
        }
    }
}

extension OrderError {
    public var nature: ErrorNature {
        switch self {
        case .unknownItem, .itemUnavailable, .unknownModifierGroup, .unknownModifierOption, .tooManyChoices,
             .missingRequiredModifier, .emptyOrder, .tooManyLines, .lineQuantityTooLarge, .nothingDueInCash, .noSuchLine,
             .noPayment, .cashShort, .nonCashExceedsDue, .paymentsDoNotCoverTotal, .duplicateReference, .referenceAlreadyUsed,
            .referenceIsBillNumber:
            return .refusal
        }
    }
}

extension StaffError {
    public var nature: ErrorNature {
        switch self {
        case .unknownStaff, .unknownBarista, .notABarista, .notActive, .duplicateCode, .duplicateRegistration, .duplicateAlias,
             .noDecree, .decreeNotYetValid, .decreeExpired, .decreeRevoked, .notClockedIn, .alreadyClockedIn, .notOnBreak,
             .alreadyOnBreak, .onBreak:
            return .refusal
        }
    }
}

extension TillError {
    public var nature: ErrorNature {
        switch self {
        case .noOpenTill, .tillAlreadyOpen, .noSupervisorOnDuty, .orderInClosedTill, .alreadyVoided, .voidAfterRefund,
             .nothingToRefund, .backupOverOpenTill, .noClosedTill, .floatDisagreesWithCount, .countNotConfirmed:
            return .refusal
        }
    }
}

/// A command line whose options do not go together; nothing is changed when one is thrown.
public enum UsageError: KasirError, Equatable {
    /// `--decree`, `--decree-from` and `--decree-until` go together or not at all.
    case decreeNeedsAllThree
    /// `staff wbp-pin` takes `--by` (a supervisor sets it) or `--change` (the WBP changes theirs).
    case baristaPINByOrChange
    /// `init` registers the first supervisor only while there is none.
    case firstSupervisorExists
    /// A file the command would create is there already (`demo --db`).
    case fileExists(path: String)

    public var nature: ErrorNature {
        switch self {
        case .decreeNeedsAllThree, .baristaPINByOrChange, .firstSupervisorExists, .fileExists: return .refusal
        }
    }
}
