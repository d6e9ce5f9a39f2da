import KasirCore

/// Why `kasir-central serve` cannot start as asked. Here rather than beside the server, so that
/// the message catalogue words it without linking the HTTP server.
public enum CentralServeError: KasirError, Equatable {
    /// `--listen` is not `HOST:PORT` with a port 1–65535.
    case badListen(String)
    /// Only one of `--tls-certificate` and `--tls-key` was given.
    case tlsHalfGiven
    /// The certificate file cannot be read as PEM certificates.
    case unreadableCertificate(path: String)
    /// The TLS private key file cannot be read as a PEM key.
    case unreadableTLSKey(path: String)
}

extension CentralServeError {
    public var nature: ErrorNature {
        switch self {
        // What the operator typed cannot be used; nothing started.
        case .badListen, .tlsHalfGiven:
            return .refusal
        // A file the server needs is missing or wrong.
        case .unreadableCertificate, .unreadableTLSKey:
            return .fault
        }
    }
}
