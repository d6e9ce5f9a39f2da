/// What `kasir-central verify` found wrong with a café's journal as the centre holds it. Here
/// rather than beside the centre's store, so the message catalogue words it without linking
/// PostgreSQL's client.
public enum CentralFinding: Hashable, Sendable {
    /// An entry's fields do not give its hash: changed in PostgreSQL after it was verified.
    case hashMismatch(seq: Int64)
    /// An entry does not follow the one before it (or, first, where the café's history begins).
    case brokenLink(seq: Int64)
    /// Entries missing before this one.
    case missing(before: Int64)
    /// The head the centre holds is not its last entry.
    case headMismatch(seq: Int64)
    /// A batch the centre took is not signed by the café's enrolled key, or its checkpoint
    /// does not name the entries it brought.
    case badBatch(id: Int64)
    /// Entries after this one are in no batch the café signed: written into PostgreSQL some
    /// other way (the server's role can insert; only a café's signature vouches).
    case unsigned(after: Int64)
    /// An old branch kept as evidence by an acceptance is not as it was held: an entry whose
    /// fields do not give its hash, one missing or not following the one before it, or the
    /// branch not meeting the journal where the acceptance says it parted.
    case badEvidence(acceptance: Int64, seq: Int64)
}

/// One café's journal at the centre, re-checked.
public struct CentralVerification: Hashable, Sendable {
    public var cafe: String
    public var entries: Int
    public var firstSeq: Int64?
    public var lastSeq: Int64?
    public var batches: Int
    public var findings: [CentralFinding]
    /// New branches of the café an officer accepted after a restore.
    public var acceptances: Int
    /// The old branches' entries the acceptances kept as evidence (checked with the journal
    /// when the reader may read them).
    public var evidenceEntries: Int
    /// Acceptances whose evidence this reader may not read (only the directorate does): the
    /// batches of those old branches were taken on the acceptance's word, not checked.
    public var uncheckedAcceptances: [Int64]

    public init(cafe: String, entries: Int = 0, firstSeq: Int64? = nil, lastSeq: Int64? = nil, batches: Int = 0, findings: [CentralFinding] = [],
                acceptances: Int = 0, evidenceEntries: Int = 0, uncheckedAcceptances: [Int64] = []) {
        self.cafe = cafe
        self.entries = entries
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.batches = batches
        self.findings = findings
        self.acceptances = acceptances
        self.evidenceEntries = evidenceEntries
        self.uncheckedAcceptances = uncheckedAcceptances
    }
}

