import KasirConfig
import KasirCore
import KasirLedger
import KasirPrint
import KasirStore

/// A Kasir error that reads as one line of the catalogue.
///
/// Every error type of Kasir conforms here, each through its own `describe(_:)` of the
/// catalogue (a switch over its cases without `default`), and ``Catalog/describe(_:)``
/// dispatches through this protocol: a new error type is said once it conforms, never as an
/// "unexpected error".
///
/// ```swift
/// let error: any Error = TillError.noOpenTill
/// (error as? any MessageDescribable)?.line(in: Catalog(language: .en))
/// // "The till is not open: a supervisor opens it first (kasir till open)."
/// ```
public protocol MessageDescribable: KasirError {
    /// The one line a person reads for this error, in the catalogue's language and wording
    /// for where it is read (the counter or the command line).
    func line(in catalog: Catalog) -> String
}

extension InputError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension OrderError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension StaffError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension TillError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension AttendanceError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension RefundError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension UnknownKind: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension ConfigError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension StoreError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension AccessError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension BackupError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension PremiError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension DocumentError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension RulesError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension BaristaPINError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension QRISError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension PrintError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension Catalog {
    /// A command line the argument parser could not read (an unknown option, a missing
    /// argument, a value of the wrong form), with the parser's own words, and where its help is.
    ///
    /// ```swift
    /// Catalog(language: .id).commandNotUnderstood("Unknown option '--bogus'", help: "kasir order list --help")
    /// // "Perintah tidak dikenali: Unknown option '--bogus'. Lihat kasir order list --help."
    /// ```
    public func commandNotUnderstood(_ problem: String, help: String) -> String {
        // The parser's words may end in a question ("Did you mean '--db'?"): no full stop after it.
        let stop = problem.hasSuffix("?") || problem.hasSuffix("!") ? "" : "."
        return pick("Perintah tidak dikenali: \(problem)\(stop) Lihat \(help).", "Command not understood: \(problem)\(stop) See \(help).")
    }
}

extension UsageError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension QRISPayloadError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension SettlementError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension LedgerBatchError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension SyncError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension CentralError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension KeyFileError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension LedgerReceiptError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}

extension CentralServeError: MessageDescribable {
    public func line(in catalog: Catalog) -> String { catalog.line(for: self) }
}
