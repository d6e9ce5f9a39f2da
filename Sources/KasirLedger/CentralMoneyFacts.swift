import Foundation

/// A PNBP deposit as the centre holds it: the SIMPONI billing code, the NTPN, the tills it covers.
public struct CentralDeposit: Sendable, Codable, Equatable {
    public var depositedOn: String
    public var billingCode: String
    public var ntpn: String
    public var amount: Int64
    public var tills: [Int64]

    public init(depositedOn: String, billingCode: String, ntpn: String, amount: Int64, tills: [Int64]) {
        self.depositedOn = depositedOn
        self.billingCode = billingCode
        self.ntpn = ntpn
        self.amount = amount
        self.tills = tills
    }
}

/// A café's PNBP for a month: what its tills closed in the month owe, what was deposited in
/// the month with an NTPN, and what every closed till not yet deposited owes.
public struct CentralPNBP: Sendable, Codable {
    public var cafe: String
    /// The PNBP share of the tills closed in the month: as deposited, or as owed.
    public var due: Int64
    public var deposited: Int64
    public var notDeposited: Int64
    public var tillsClosed: Int
    public var tillsNotDeposited: Int
    public var deposits: [CentralDeposit]

    public init(cafe: String, due: Int64, deposited: Int64, notDeposited: Int64, tillsClosed: Int, tillsNotDeposited: Int, deposits: [CentralDeposit]) {
        self.cafe = cafe
        self.due = due
        self.deposited = deposited
        self.notDeposited = notDeposited
        self.tillsClosed = tillsClosed
        self.tillsNotDeposited = tillsNotDeposited
        self.deposits = deposits
    }
}

