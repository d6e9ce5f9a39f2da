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
    /// Supervisor mode at the counter ends after this long without an act (a command carried
    /// out; an empty line, `?`, a key or a refused line is none).
    public var supervisorIdleSeconds: Int
    /// How many days back a time from the paper sign-in sheet may be entered.
    public var maxBackdateDays: Int
    /// Supervisor mode at the counter ends this long after its PIN was given, acts or not.
    public var supervisorSessionCapSeconds: Int = 600
    /// A shift longer than this many hours is recorded only with a supervisor's reason.
    public var maxShiftHours: Int = 12

    public static let ranges = (
        pinAttempts: 1...20, pinLockoutMinutes: 1...1_440, supervisorIdleSeconds: 10...3_600, maxBackdateDays: 0...90,
        supervisorSessionCapSeconds: 60...3_600, maxShiftHours: 1...24
    )

    public static let standard = SecurityPolicy(unchecked: 5, 15, 120, 7)

    /// A policy whose every figure is within its range.
    ///
    /// - Throws: ``InputError/notOneOf(field:allowed:)`` naming the figure out of range.
    public init(
        pinAttempts: Int, pinLockoutMinutes: Int, supervisorIdleSeconds: Int, maxBackdateDays: Int,
        supervisorSessionCapSeconds: Int = 600, maxShiftHours: Int = 12
    ) throws(InputError) {
        func check(_ value: Int, _ range: ClosedRange<Int>, _ field: String) throws(InputError) {
            guard range.contains(value) else { throw .notOneOf(field: field, allowed: ["\(range.lowerBound)–\(range.upperBound)"]) }
        }
        try check(pinAttempts, Self.ranges.pinAttempts, "pin_attempts")
        try check(pinLockoutMinutes, Self.ranges.pinLockoutMinutes, "pin_lockout_minutes")
        try check(supervisorIdleSeconds, Self.ranges.supervisorIdleSeconds, "supervisor_idle_seconds")
        try check(maxBackdateDays, Self.ranges.maxBackdateDays, "max_backdate_days")
        try check(supervisorSessionCapSeconds, Self.ranges.supervisorSessionCapSeconds, "supervisor_session_cap_seconds")
        try check(maxShiftHours, Self.ranges.maxShiftHours, "max_shift_hours")
        self.init(unchecked: pinAttempts, pinLockoutMinutes, supervisorIdleSeconds, maxBackdateDays)
        self.supervisorSessionCapSeconds = supervisorSessionCapSeconds
        self.maxShiftHours = maxShiftHours
    }

    init(unchecked attempts: Int, _ minutes: Int, _ idle: Int, _ days: Int) {
        pinAttempts = attempts
        pinLockoutMinutes = minutes
        supervisorIdleSeconds = idle
        maxBackdateDays = days
    }

    public var lockout: TimeInterval { TimeInterval(pinLockoutMinutes * 60) }
    public var supervisorIdle: TimeInterval { TimeInterval(supervisorIdleSeconds) }
    public var supervisorSessionCap: TimeInterval { TimeInterval(supervisorSessionCapSeconds) }
}

/// A supervisor's PIN: 6 to 12 digits, never stored or journaled in clear.
///
/// A new PIN is refused when it is a guess someone at the counter would try first (``WeakPIN``):
/// wherever a PIN is set — a new supervisor, a change, an admin's reset, the first run.
///
/// ```swift
/// try SupervisorPIN.validate("583017", nip: "198001012005011001")   // fine
/// SupervisorPIN.weakness(of: "123456", nip: nil)                       // .sequence
/// SupervisorPIN.weakness(of: "010180", nip: "198001012005011001")      // .nip (the birth date)
/// ```
public enum SupervisorPIN {
    public static let lengths = 6...12

    /// Checks a new PIN: its form, then that it is not weak.
    ///
    /// - Parameter nip: the supervisor's NIP, when known: a PIN taken from it is refused.
    /// - Throws: ``InputError/malformedPIN``, ``InputError/weakPIN(_:)``.
    public static func validate(_ pin: String, nip: String? = nil) throws(InputError) {
        guard lengths.contains(pin.count), pin.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformedPIN }
        if let weakness = weakness(of: pin, nip: nip) { throw .weakPIN(weakness) }
    }

    /// Why `pin` (digits) is weak, or `nil`. The rules, in the order they are tried:
    ///
    /// - one digit over and over (`000000`);
    /// - digits counting up or down by one, also round past 9 and 0 (`123456`, `654321`,
    ///   `0123456789`, `890123`);
    /// - a block repeated (`121212`, `123123`, `12341234`), or runs of one digit counting up or
    ///   down (`112233`, `111222`, `998877`);
    /// - the short list ``common``;
    /// - contained in the NIP's digits, or the birth date at the NIP's start written as
    ///   DDMMYY, DDMMYYYY, MMDDYY or MMDDYYYY.
    public static func weakness(of pin: String, nip: String?) -> WeakPIN? {
        let digits = pin.compactMap { $0.isASCII ? $0.wholeNumberValue : nil }
        guard digits.count == pin.count, digits.count >= 2 else { return nil }
        if Set(digits).count == 1 { return .oneDigit }
        if isSequence(digits) { return .sequence }
        let count = digits.count
        for block in 2...max(2, count / 2) where count % block == 0 && count / block >= 2 {
            if (block..<count).allSatisfy({ digits[$0] == digits[$0 - block] }) { return .pattern }
        }
        for run in 2...max(2, count / 2) where count % run == 0 && count / run >= 2 {
            let heads = stride(from: 0, to: count, by: run).map { digits[$0] }
            let runsOfOne = (0..<count).allSatisfy { digits[$0] == digits[$0 - $0 % run] }
            if runsOfOne && isSequence(heads) { return .pattern }
        }
        if common.contains(pin) { return .common }
        if let nip {
            let nipDigits = String(nip.filter { $0.isASCII && $0.isNumber })
            if nipDigits.contains(pin) { return .nip }
            if nipDigits.count >= 8 {
                let year = String(nipDigits.prefix(4)), month = String(nipDigits.dropFirst(4).prefix(2))
                let day = String(nipDigits.dropFirst(6).prefix(2)), shortYear = String(year.suffix(2))
                let dates: [String] = [day + month + shortYear, day + month + year, month + day + shortYear, month + day + year]
                if dates.contains(pin) { return .nip }
            }
        }
        return nil
    }

    /// PINs people choose most that the rules above do not already catch: lines and shapes
    /// on a keypad, mirrored sequences, and a few chosen for what they say.
    public static let common: Set<String> = [
        "147258", "258369", "147258369", "369258", "963852", "852741", "741852", "852963", "147852", "258963",
        "159753", "357951", "951753", "753951", "159357", "147369", "369147", "789456", "456123", "123654",
        "321654", "123321", "321123", "456654", "654456", "112211", "102030", "100200", "5201314", "1314520",
    ]

    /// Whether each digit is one more (or each one less) than the one before, round past 9.
    static func isSequence(_ digits: [Int]) -> Bool {
        guard digits.count >= 2 else { return false }
        let step = (digits[1] - digits[0] + 10) % 10
        guard step == 1 || step == 9 else { return false }
        return (1..<digits.count).allSatisfy { (digits[$0] - digits[$0 - 1] + 10) % 10 == step }
    }
}

/// Why a PIN of the right form is refused: each is a guess someone at the counter tries first.
public enum WeakPIN: String, Hashable, Sendable, CaseIterable {
    /// One digit over and over: `000000`, `777777`.
    case oneDigit
    /// Digits counting up or down by one: `123456`, `654321`, `0123456789`.
    case sequence
    /// A block repeated, or runs of one digit counting: `121212`, `123123`, `112233`, `111222`.
    case pattern
    /// On the short list of PINs people choose most: `147258`, `159753`.
    case common
    /// Taken from the supervisor's NIP, or the birth date it starts with.
    case nip
}
