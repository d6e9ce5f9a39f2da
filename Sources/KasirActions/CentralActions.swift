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
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil, url.count <= 500 else {
            throw SyncError.badURL(clipped(url, to: 80))
        }
        guard (2...16).contains(cafe.count), cafe.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw SyncError.badCafeCode(clipped(cafe))
        }
        guard let centre = try? Curve25519.Signing.PublicKey(rawRepresentation: centreKey) else { throw SyncError.badCentreKey }
        if let joined = try database.centralLink() { throw SyncError.alreadyJoined(cafe: joined.cafe) }
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

    /// The key in the file at `path` (base64 of the raw private key), once the file is private.
    func readCentralKey(_ path: String) throws -> Curve25519.Signing.PrivateKey {
        try checkPrivate(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let raw = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw SyncError.keyUnreadable(path: path) }
        return key
    }

    /// A key file only this account reads: mode 0600 (nothing for group or others), owned by it.
    func checkPrivate(_ path: String) throws {
        var status = stat()
        guard lstat(path, &status) == 0 else { throw SyncError.keyUnreadable(path: path) }
        guard (status.st_mode & S_IFMT) == S_IFREG, status.st_mode & 0o077 == 0, status.st_uid == geteuid() else {
            throw SyncError.keyExposed(path: path)
        }
    }

    /// The key file's key, or a new one written there (0600, never over an existing file).
    func loadOrMakeCentralKey() throws -> Curve25519.Signing.PrivateKey {
        let path = centralKeyFile.path
        if FileManager.default.fileExists(atPath: path) { return try readCentralKey(path) }
        let key = Curve25519.Signing.PrivateKey()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw SyncError.cannotWrite(path: path) }
        let bytes = Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)
        let written = write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        // A half-written key would stop every later join: none is left behind.
        guard written else {
            unlink(path)
            throw SyncError.cannotWrite(path: path)
        }
        return key
    }
}
