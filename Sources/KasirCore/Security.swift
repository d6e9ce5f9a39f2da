import Foundation

/// The rules that guard supervisors' PINs, supervisor mode and late attendance entries.
///
/// They live in the database, set once from the config when the database is created and
/// changed after that only with an admin's PIN, so a copied config file cannot loosen them.
///
/// ```swift
/// let policy = try SecurityPolicy(pinAttempts: 5, pinLockoutMinutes: 15, supervisorIdleSeconds: 120, maxBackdateDays: 7)
/// policy.lockout   // 900 seconds
/// ```
public struct SecurityPolicy: Hashable, Sendable, Codable {
    /// Wrong PINs in a row before a supervisor is locked out.
    public var pinAttempts: Int
    /// How long a lockout lasts.
    public var pinLockoutMinutes: Int
    /// Supervisor mode at the counter ends after this long without a command.
    public var supervisorIdleSeconds: Int
    /// How many days back a time from the paper sign-in sheet may be entered.
    public var maxBackdateDays: Int

    public static let ranges = (
        pinAttempts: 1...20, pinLockoutMinutes: 1...1_440, supervisorIdleSeconds: 10...3_600, maxBackdateDays: 0...90
    )

    public static let standard = SecurityPolicy(unchecked: 5, 15, 120, 7)

    /// A policy whose every figure is within its range.
    ///
    /// - Throws: ``InputError/notOneOf(field:allowed:)`` naming the figure out of range.
    public init(pinAttempts: Int, pinLockoutMinutes: Int, supervisorIdleSeconds: Int, maxBackdateDays: Int) throws(InputError) {
        func check(_ value: Int, _ range: ClosedRange<Int>, _ field: String) throws(InputError) {
            guard range.contains(value) else { throw .notOneOf(field: field, allowed: ["\(range.lowerBound)–\(range.upperBound)"]) }
        }
        try check(pinAttempts, Self.ranges.pinAttempts, "pin_attempts")
        try check(pinLockoutMinutes, Self.ranges.pinLockoutMinutes, "pin_lockout_minutes")
        try check(supervisorIdleSeconds, Self.ranges.supervisorIdleSeconds, "supervisor_idle_seconds")
        try check(maxBackdateDays, Self.ranges.maxBackdateDays, "max_backdate_days")
        self.init(unchecked: pinAttempts, pinLockoutMinutes, supervisorIdleSeconds, maxBackdateDays)
    }

    init(unchecked attempts: Int, _ minutes: Int, _ idle: Int, _ days: Int) {
        pinAttempts = attempts
        pinLockoutMinutes = minutes
        supervisorIdleSeconds = idle
        maxBackdateDays = days
    }

    public var lockout: TimeInterval { TimeInterval(pinLockoutMinutes * 60) }
    public var supervisorIdle: TimeInterval { TimeInterval(supervisorIdleSeconds) }
}

/// A supervisor's PIN: 6 to 12 digits, never stored or journaled in clear.
public enum SupervisorPIN {
    public static let lengths = 6...12

    /// Checks a new PIN's form.
    ///
    /// - Throws: ``InputError/malformedPIN``.
    public static func validate(_ pin: String) throws(InputError) {
        guard lengths.contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformedPIN }
    }
}
