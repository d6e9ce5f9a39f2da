import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KasirCore
import KasirLedger
import KasirStore

extension CafeActions {
    /// The café's signing key: a file beside the database, readable only by the account that
    /// sends (0600). Never in the database, so a copy of the database cannot sign.
    public var centralKeyFile: URL {
        URL(fileURLWithPath: database.path).deletingLastPathComponent().appendingPathComponent("central.key")
    }

    /// A supervisor joins the café to a centre, once: makes the café's Ed25519 key (a file
    /// only this account reads), pins the centre's public key, and records both, journaled.
    ///
    /// ```swift
    /// let joined = try actions.joinCentral(url: "https://pusat.example/", cafe: "BPN01", centreKey: key, by: approver)
    /// joined.publicKey, joined.fingerprint   // for the enrolment form
    /// ```
    ///
    /// - Throws: ``SyncError`` (a bad URL, code or centre key; joined already), and what
    ///   writing the key file throws.
    public func joinCentral(url: String, cafe: String, centreKey: Data, by approver: Approver) throws -> CentralJoin {
        _ = try Self.centralURL(url)
        guard (2...16).contains(cafe.count), cafe.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw SyncError.badCafeCode(clipped(cafe))
        }
        guard let centre = try? Curve25519.Signing.PublicKey(rawRepresentation: centreKey) else { throw SyncError.badCentreKey }
        if let joined = try database.centralLink() { throw SyncError.alreadyJoined(cafe: joined.cafe) }
        // The join journals every row as it stands (the centre's tables start from them): a row
        // changed behind Kasir's back would be vouched for from then on. So the journal must
        // check first, as `audit verify` checks it.
        let audit = try database.verifyJournal()
        guard audit.findings.isEmpty else { throw SyncError.journalNotIntact(findings: audit.findings.count) }
        let key = try loadOrMakeCentralKey()
        try database.joinCentral(url: url, cafe: cafe, centreKey: centreKey, cafeKey: key.publicKey.rawRepresentation,
                                 supervisor: approver.code, at: clock.now())
        return CentralJoin(cafe: cafe, publicKey: key.publicKey.rawRepresentation.base64EncodedString(), fingerprint: key.publicKey.fingerprint,
                           centreFingerprint: centre.fingerprint)
    }

    /// The journal after entry `seq`, signed as this café's batch for the centre: what
    /// `kasir sync export` writes for a centre reached by hand.
    ///
    /// - Throws: ``SyncError/notJoined``, ``SyncError/keyUnreadable(path:)``,
    ///   ``SyncError/keyMismatch(path:)``, ``LedgerBatchError/empty`` when nothing follows `seq`.
    public func signedBatch(after seq: Int64, limit: Int = 1_000_000) throws -> LedgerBatch {
        guard let link = try database.centralLink() else { throw SyncError.notJoined }
        let key = try centralKey(enrolled: link.cafeKey)
        let entries = try database.ledgerEntries(after: seq, limit: limit)
        return try LedgerBatch.signed(cafe: link.cafe, entries: entries, at: Timestamp.string(clock.now()), key: key)
    }

    /// The key file's key, refused when it is not the one the link enrolled.
    func centralKey(enrolled: Data) throws -> Curve25519.Signing.PrivateKey {
        let path = centralKeyFile.path
        let key = try readCentralKey(path)
        guard key.publicKey.rawRepresentation == enrolled else { throw SyncError.keyMismatch(path: path) }
        return key
    }

    /// The key in the file at `path` (base64 of the raw private key), once the file is private
    /// (``Ed25519KeyFile``, which the centre's key uses too).
    func readCentralKey(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        do {
            return try Ed25519KeyFile(path: path).load()
        } catch let error as KeyFileError {
            throw Self.syncError(error)
        }
    }

    /// The key file's key, or a new one written there (0600, never over an existing file).
    func loadOrMakeCentralKey() throws -> Curve25519.Signing.PrivateKey {
        do {
            return try Ed25519KeyFile(path: centralKeyFile.path).loadOrCreate().key
        } catch let error as KeyFileError {
            throw Self.syncError(error)
        }
    }

    /// A key file's trouble as the café's sending words it.
    static func syncError(_ error: KeyFileError) -> SyncError {
        switch error {
        case .unreadable(let path): return .keyUnreadable(path: path)
        case .exposed(let path): return .keyExposed(path: path)
        case .cannotWrite(let path): return .cannotWrite(path: path)
        }
    }
}
