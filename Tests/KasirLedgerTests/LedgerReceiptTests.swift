import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KasirCore
import Testing
@testable import KasirLedger

/// Issue 20: the centre countersigns where its copy of a café's journal ends, and the café
/// believes a receipt only when the pinned centre key signed it as it reads.
@Suite struct LedgerReceiptTests {
    let centre = Curve25519.Signing.PrivateKey()
    let head = String(repeating: "ab", count: 32)

    func receipt() throws -> LedgerReceipt {
        try LedgerReceipt.signed(cafe: "BPN01", seq: 8812, head: head, batch: 41, result: .stored, stored: 120,
                                 receivedAt: "2026-12-02T06:05:00.000Z", key: centre)
    }

    func refusal(_ receipt: LedgerReceipt, key: Curve25519.Signing.PublicKey? = nil) -> LedgerReceiptError? {
        let result = Result { () throws(LedgerReceiptError) in try receipt.verify(signedBy: key ?? centre.publicKey) }
        if case .failure(let error) = result { return error }
        return nil
    }

    @Test func aSignedReceiptVerifiesAndReadsBackAsItWasSent() throws {
        let signed = try receipt()
        #expect(refusal(signed) == nil)
        let json = try JSONEncoder().encode(signed)
        let keys = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any]).keys.sorted()
        #expect(keys == ["batch", "cafe", "head", "received_at", "result", "seq", "signature", "stored"])
        let read = try JSONDecoder().decode(LedgerReceipt.self, from: json)
        #expect(read == signed && refusal(read) == nil)
    }

    @Test func aChangedFieldOrAnotherKeyFails() throws {
        let signed = try receipt()
        #expect(refusal(signed, key: Curve25519.Signing.PrivateKey().publicKey) == .badSignature(cafe: "BPN01"))
        var changes: [(inout LedgerReceipt) -> Void] = []
        changes.append { $0.cafe = "BPN02" }
        changes.append { $0.seq = 8813 }
        changes.append { $0.head = String(repeating: "cd", count: 32) }
        changes.append { $0.batch = 42 }
        changes.append { $0.result = .duplicate }
        changes.append { $0.stored = 121 }
        changes.append { $0.receivedAt = "2026-12-02T06:05:00.001Z" }
        changes.append { $0.signature = "not base64" }
        for change in changes {
            var altered = signed
            change(&altered)
            #expect(refusal(altered) == .badSignature(cafe: altered.cafe))
        }
        // The same fields signed as a checkpoint do not pass for a receipt: each names what it is.
        #expect(signed.signedBytes.starts(with: Data("kasir-receipt".utf8) + Data([0, 1])))
    }

    @Test func theCheckpointsSignedBytesAreUnchanged() {
        // A batch signed before the layout was shared still verifies: the bytes are the same.
        let checkpoint = LedgerCheckpoint(cafe: "BPN01", firstSeq: 1, previousHash: "p", seq: 2, head: "h", at: "t")
        var expected = Data("kasir-ledger-checkpoint".utf8) + Data([0, 1])
        for field in ["BPN01", "1", "p", "2", "h", "t"] {
            expected += Data([0, 0, 0, UInt8(field.utf8.count)]) + Data(field.utf8)
        }
        #expect(checkpoint.signedBytes == expected)
    }
}

/// The café's key and the centre's are kept alike: a file only the account using it reads.
@Suite struct KeyFileTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-keyfile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    @Test func madeOnceThenRead() throws {
        defer { remove() }
        let file = Ed25519KeyFile(path: folder.appendingPathComponent("centre.key").path)
        let (made, created) = try file.loadOrCreate()
        #expect(created)
        #expect((try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let (read, again) = try file.loadOrCreate()
        #expect(!again && read.rawRepresentation == made.rawRepresentation)
        // Never over a file already there.
        #expect(throws: KeyFileError.cannotWrite(path: file.path)) { try file.create() }
        #expect(try file.load().rawRepresentation == made.rawRepresentation)
    }

    @Test func aFileOthersCanReadIsNotUsed() throws {
        defer { remove() }
        let file = Ed25519KeyFile(path: folder.appendingPathComponent("centre.key").path)
        _ = try file.create()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        #expect(throws: KeyFileError.exposed(path: file.path)) { try file.load() }
        #expect(throws: KeyFileError.exposed(path: file.path)) { try file.loadOrCreate() }
        // Nor a link to a private key: the link is what the path names.
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        let link = folder.appendingPathComponent("link.key").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: file.path)
        #expect(throws: KeyFileError.exposed(path: link)) { try Ed25519KeyFile(path: link).load() }
        // Missing, or not a key.
        #expect(throws: KeyFileError.unreadable(path: folder.appendingPathComponent("none.key").path)) {
            try Ed25519KeyFile(path: folder.appendingPathComponent("none.key").path).load()
        }
        let garbage = folder.appendingPathComponent("garbage.key").path
        #expect(FileManager.default.createFile(atPath: garbage, contents: Data("not a key\n".utf8), attributes: [.posixPermissions: 0o600]))
        #expect(throws: KeyFileError.unreadable(path: garbage)) { try Ed25519KeyFile(path: garbage).load() }
    }

    /// Owned by another account, even 0600: whoever owns it can read it. Only root can give a
    /// file away, so the test runs as root (as CI does).
    @Test(.enabled(if: geteuid() == 0, "chown needs root")) func aFileOfAnotherAccountIsNotUsed() throws {
        defer { remove() }
        let file = Ed25519KeyFile(path: folder.appendingPathComponent("centre.key").path)
        _ = try file.create()
        #expect(chown(file.path, 65_534, 65_534) == 0)
        #expect(throws: KeyFileError.exposed(path: file.path)) { try file.load() }
    }
}
