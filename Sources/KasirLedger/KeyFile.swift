import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import KasirCore

/// A private Ed25519 key kept in a file of its own: one line, the base64 of the raw key. The
/// café's signing key and the centre's are kept alike, by this one implementation.
///
/// A key file is used only when nobody but the account using it can read it: a regular file
/// (not a link), mode 0600 or stricter, owned by this account. Anyone who read it could sign
/// as its owner. A new one is written 0600, never over anything already there, and synced
/// before it is used; a half-written one is removed.
///
/// ```swift
/// let file = Ed25519KeyFile(path: "/var/lib/kasir-central/centre.key")
/// let (key, created) = try file.loadOrCreate()
/// key.publicKey.fingerprint
/// ```
public struct Ed25519KeyFile: Hashable, Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// The key in the file, once the file is private.
    ///
    /// - Throws: ``KeyFileError/exposed(path:)`` for a file others can read, another account's,
    ///   or not a regular file; ``KeyFileError/unreadable(path:)`` for one missing or not a key.
    public func load() throws(KeyFileError) -> Curve25519.Signing.PrivateKey {
        var named = stat()
        guard lstat(path, &named) == 0 else { throw .unreadable(path: path) }
        guard Self.isPrivate(named) else { throw .exposed(path: path) }
        // Opened without following a link, and looked at again through the descriptor: the
        // file read is the one just checked, not one swapped in between.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadable(path: path) }
        defer { close(descriptor) }
        var opened = stat()
        guard fstat(descriptor, &opened) == 0 else { throw .unreadable(path: path) }
        guard Self.isPrivate(opened), opened.st_ino == named.st_ino, opened.st_dev == named.st_dev else { throw .exposed(path: path) }
        // A key line is 45 bytes; anything much longer is not a key file.
        var buffer = [UInt8](repeating: 0, count: 4096)
        var count = 0
        while count < buffer.count {
            let got = buffer.withUnsafeMutableBytes { bytes in Glibc.read(descriptor, bytes.baseAddress! + count, bytes.count - count) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            count += got
        }
        let text = String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else {
            throw .unreadable(path: path)
        }
        return key
    }

    /// A new key, written to the file: 0600, never over anything already at the path (not
    /// even a link), synced to disk before it is returned.
    ///
    /// - Throws: ``KeyFileError/cannotWrite(path:)``; nothing is left at the path then.
    public func create() throws(KeyFileError) -> Curve25519.Signing.PrivateKey {
        let key = Curve25519.Signing.PrivateKey()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .cannotWrite(path: path) }
        let bytes = Array((key.rawRepresentation.base64EncodedString() + "\n").utf8)
        // The umask may take bits away, never add them; fchmod makes it exactly 0600.
        let written = fchmod(descriptor, 0o600) == 0 && write(descriptor, bytes, bytes.count) == bytes.count && fsync(descriptor) == 0
        close(descriptor)
        // A half-written key would stop every later use: none is left behind.
        guard written else {
            unlink(path)
            throw .cannotWrite(path: path)
        }
        return key
    }

    /// The key in the file, or a new one written there the first time.
    ///
    /// - Returns: the key, and whether it was made now.
    /// - Throws: what ``load()`` and ``create()`` throw.
    public func loadOrCreate() throws(KeyFileError) -> (key: Curve25519.Signing.PrivateKey, created: Bool) {
        var status = stat()
        if lstat(path, &status) != 0 && errno == ENOENT {
            if let key = try? create() { return (key, true) }
            // Made by another process in the meantime: that one is the key. Else the folder refuses.
            var again = stat()
            guard lstat(path, &again) == 0 else { throw .cannotWrite(path: path) }
        }
        return (try load(), false)
    }

    /// A regular file, nothing for group or others, owned by the account that runs.
    static func isPrivate(_ status: stat) -> Bool {
        (status.st_mode & S_IFMT) == S_IFREG && status.st_mode & 0o077 == 0 && status.st_uid == geteuid()
    }
}

/// Why a key file cannot be used.
public enum KeyFileError: KasirError, Equatable {
    /// The file is not there, not readable by this account, or holds no key.
    case unreadable(path: String)
    /// Other accounts can read it, another account owns it, or it is not a regular file: it is
    /// not used, for anyone who read it could sign as its owner.
    case exposed(path: String)
    /// A new key file cannot be written there (something is there already, or the folder refuses).
    case cannotWrite(path: String)
}

extension KeyFileError {
    public var nature: ErrorNature {
        switch self {
        // A file under the act is missing, wrong, or cannot be made: the machine's state.
        case .unreadable, .exposed, .cannotWrite:
            return .fault
        }
    }
}
