import Foundation
import KasirConfig
import KasirCore
import KasirStore

extension CafeActions {
    /// Reads an acquirer's settlement report by a layout of `config/settlement.toml` (or
    /// Kasir's own): nothing is recorded. A command reads the file before asking for a PIN, so
    /// no PIN is spent on a file that cannot be imported.
    ///
    /// - Parameter mapping: the layout's name; `nil` reads by the config's default one.
    /// - Throws: ``SettlementError`` (the line that cannot be read, a column missing, a layout
    ///   unknown), ``ConfigError`` for a `settlement.toml` that cannot be used.
    public func readSettlement(file: URL, mapping: String?) throws -> SettlementFile {
        let layout = try SettlementLayouts.load(from: config.folder).layout(named: mapping)
        // Its size before its bytes: a settlement report is never a disk image.
        let size = ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.intValue ?? 0
        guard size <= AppDatabase.largestSettlementFile else {
            throw SettlementError.tooLarge(name: file.lastPathComponent, limit: AppDatabase.largestSettlementFile)
        }
        guard let data = FileManager.default.contents(atPath: file.path), let text = String(data: data, encoding: .utf8) else {
            throw SettlementError.unreadable(file.lastPathComponent)
        }
        var settlement = try layout.read(text, name: file.lastPathComponent, sha256: AppDatabase.fileDigest(data))
        settlement.content = data
        return settlement
    }

    /// A supervisor imports a settlement report read by ``readSettlement(file:mapping:)``: each
    /// line is matched to a QRIS payment by reference (or bill number) and amount and recorded,
    /// its date checked against the payment's day, journaled; a
    /// matched payment is confirmed (source `settlement`) and its MDR becomes a cost of its
    /// month's premi. A line recorded before, from this file or another, changes nothing.
    ///
    /// ```swift
    /// let settlement = try actions.readSettlement(file: url, mapping: "xendit-billing")
    /// let summary = try actions.reconcileQRIS(settlement, by: approver)
    /// summary.matched.count, summary.notSettled
    /// ```
    public func reconcileQRIS(_ settlement: SettlementFile, by approver: Approver) throws -> SettlementSummary {
        try database.importSettlement(settlement, supervisor: approver.code, at: clock.now())
    }

    /// ``readSettlement(file:mapping:)`` and ``reconcileQRIS(_:by:)`` in one.
    public func reconcileQRIS(file: URL, mapping: String?, by approver: Approver) throws -> SettlementSummary {
        try reconcileQRIS(try readSettlement(file: file, mapping: mapping), by: approver)
    }
}
