import Foundation
import KasirCore
import KasirStore

/// The words of QRIS reconciliation: a settlement report refused, what importing one found,
/// and the MDR and the unconfirmed payments on the premi report.
extension Catalog {
    func line(for error: SettlementError) -> String {
        switch error {
        case .unreadable(let file):
            return pick("Laporan settlement tidak bisa dibaca: \(clipped(file)) (harus berkas teks CSV, UTF-8).",
                        "The settlement report cannot be read: \(clipped(file)) (it must be a CSV text file, UTF-8).")
        case .empty(let file):
            return pick("Laporan settlement \(clipped(file)) tidak berisi satu pun baris settlement QRIS.",
                        "The settlement report \(clipped(file)) holds no QRIS settlement line.")
        case .missingColumn(let column):
            return pick("Kolom \"\(clipped(column))\" tidak ada di baris judul laporan: pilih tata letak yang sesuai (--mapping NAMA).",
                        "The column \"\(clipped(column))\" is not in the report's header: choose the layout it follows (--mapping NAME).")
        case .malformedCSV(let line):
            return pick("Baris \(line) laporan settlement bukan CSV yang benar (tanda kutip): tidak ada yang dicatat.",
                        "Line \(line) of the settlement report is not well-formed CSV (quotes): nothing was recorded.")
        case .fieldCount(let line, let found, let expected):
            return pick("Baris \(line) laporan settlement berisi \(found) kolom, judulnya \(expected): tidak ada yang dicatat.",
                        "Line \(line) of the settlement report has \(found) fields where the header has \(expected): nothing was recorded.")
        case .malformedField(let line, let column, let value):
            return pick("Baris \(line) laporan settlement: \(clipped(column)) \"\(value)\" tidak bisa dibaca; tidak ada yang dicatat.",
                        "Line \(line) of the settlement report: \(clipped(column)) \"\(value)\" cannot be read; nothing was recorded.")
        case .feeMismatch(let line):
            return pick("Baris \(line) laporan settlement: biaya dan nilai bersihnya tidak cocok dengan nominalnya; tidak ada yang dicatat.",
                        "Line \(line) of the settlement report: its fee and net do not add up to its amount; nothing was recorded.")
        case .duplicateLine(let line, let first):
            return pick("Baris \(line) laporan settlement mengulang baris \(first) (referensi, tanggal dan nominal sama); tidak ada yang dicatat.",
                        "Line \(line) of the settlement report repeats line \(first) (the same reference, date and amount); nothing was recorded.")
        case .dateAfterImport(let line, let day):
            return pick("Baris \(line) laporan settlement bertanggal \(day), sesudah hari ini: tidak ada yang dicatat.",
                        "Line \(line) of the settlement report is dated \(day), after today: nothing was recorded.")
        case .feeAboveCeiling(let line, let fee, let amount, let ceiling):
            return pick("Baris \(line) laporan settlement: biaya \(fee) dari \(amount) (\(share(fee, of: amount))) di atas batas MDR \(ceiling.formatted); "
                            + "tidak ada yang dicatat (batasnya diubah admin: kasir policy set --qris-mdr-ceiling).",
                        "Line \(line) of the settlement report: a fee of \(fee) on \(amount) (\(share(fee, of: amount))) is above the MDR ceiling of "
                            + "\(ceiling.formatted); nothing was recorded (an admin changes it: kasir policy set --qris-mdr-ceiling).")
        case .tooLarge(let name, let limit):
            return pick("Laporan settlement \(clipped(name)) lebih dari \(limit >> 20) MB: bukan laporan settlement; tidak ada yang dicatat.",
                        "The settlement report \(clipped(name)) is over \(limit >> 20) MB: not a settlement report; nothing was recorded.")
        case .duplicateColumn(let column):
            return pick("Kolom \"\(clipped(column))\" muncul lebih dari sekali di baris judul laporan: tidak jelas mana yang dibaca; tidak ada yang dicatat.",
                        "The column \"\(clipped(column))\" appears more than once in the report's header: which one to read is unclear; nothing was recorded.")
        case .unknownLayout(let name, let known):
            return pick("Tata letak laporan \"\(clipped(name))\" tidak ada di config/settlement.toml (ada: \(known.joined(separator: ", "))).",
                        "No settlement layout \"\(clipped(name))\" in config/settlement.toml (there are: \(known.joined(separator: ", "))).")
        }
    }

    /// `kasir qris reconcile`: what importing a settlement report found, a line each, the
    /// payments named under each heading.
    ///
    /// ```swift
    /// catalog.settlementSummary(summary)
    /// // ["Laporan settlement november.csv (kasir), 2026-11-01 s/d 2026-11-30: 3 baris.", "Cocok: 1, dikonfirmasi 1; biaya MDR Rp0.", …]
    /// ```
    public func settlementSummary(_ summary: SettlementSummary) -> [String] {
        var lines = [pick(
            "Laporan settlement \(clipped(summary.file, to: 80)) (\(summary.layout)), \(summary.coversFrom) s/d \(summary.coversThrough): \(summary.lines) baris.",
            "Settlement report \(clipped(summary.file, to: 80)) (\(summary.layout)), \(summary.coversFrom) to \(summary.coversThrough): \(summary.lines) \(summary.lines == 1 ? "line" : "lines").")]
        if summary.alreadyImported {
            lines.append(pick("Berkas ini sudah pernah diimpor: tidak ada yang dicatat.", "This file was imported before: nothing was recorded."))
        } else {
            let confirmed = summary.matched.filter(\.confirmedNow).count
            let settled = summary.matched.reduce(Rupiah.zero) { $0 + $1.line.amount }
            lines.append(pick("Cocok: \(summary.matched.count), dikonfirmasi sekarang \(confirmed); biaya MDR \(summary.fees) (\(share(summary.fees, of: settled)) dari \(settled)).",
                              "Matched: \(summary.matched.count), confirmed now \(confirmed); MDR fees \(summary.fees) (\(share(summary.fees, of: settled)) of \(settled))."))
            if summary.recordedBefore > 0 {
                lines.append(pick("Sudah tercatat dari laporan lain (tidak diubah): \(summary.recordedBefore).",
                                  "Recorded before from another report (left as they were): \(summary.recordedBefore)."))
            }
            lines.append(pick("Nominal berbeda (tidak dikonfirmasi): \(summary.amountDiffers.count).",
                              "Amount differs (not confirmed): \(summary.amountDiffers.count)."))
            for match in summary.amountDiffers {
                lines.append("  " + pick(
                    "\(match.line.reference) baris \(match.line.line): laporan \(match.line.amount), Kasir \(match.payment.amount) (\(match.payment.day)#\(match.payment.number))",
                    "\(match.line.reference) line \(match.line.line): report \(match.line.amount), Kasir \(match.payment.amount) (\(match.payment.day)#\(match.payment.number))"))
            }
            if !summary.dateDiffers.isEmpty {
                lines.append(pick("Tanggal tidak cocok dengan hari pembayarannya (tidak dikonfirmasi): \(summary.dateDiffers.count).",
                                  "Date cannot be the payment's settlement (not confirmed): \(summary.dateDiffers.count)."))
                for match in summary.dateDiffers {
                    lines.append("  " + pick(
                        "\(match.line.reference) baris \(match.line.line): laporan \(match.line.day), dibayar \(match.payment.day) (#\(match.payment.number))",
                        "\(match.line.reference) line \(match.line.line): report \(match.line.day), paid \(match.payment.day) (#\(match.payment.number))"))
                }
            }
            if !summary.duplicates.isEmpty {
                lines.append(pick("Di-settle dua kali (pembayarannya sudah cocok dengan baris lain): \(summary.duplicates.count).",
                                  "Settled twice (the payment was matched by another line): \(summary.duplicates.count)."))
                for match in summary.duplicates {
                    lines.append("  \(match.line.reference) \(match.line.day) \(match.line.amount) (\(match.payment.day)#\(match.payment.number))")
                }
            }
            if !summary.ambiguous.isEmpty {
                lines.append(pick("Menunjuk lebih dari satu pembayaran (referensi atau nomor tagihan; tidak dikonfirmasi): \(summary.ambiguous.count).",
                                  "Names more than one payment (by reference or bill number; not confirmed): \(summary.ambiguous.count)."))
                for line in summary.ambiguous {
                    lines.append("  \(line.reference) \(line.day) \(line.amount)")
                }
            }
            lines.append(pick("Ada di laporan, tidak ada di Kasir: \(summary.notInKasir.count).",
                              "Settled but not in Kasir: \(summary.notInKasir.count)."))
            for line in summary.notInKasir {
                lines.append("  \(line.reference) \(line.day) \(line.amount)")
            }
        }
        lines.append(pick("Ada di Kasir, belum di-settle (hari yang sudah dicakup laporan): \(summary.notSettled.count).",
                          "In Kasir but not settled (days a report covers): \(summary.notSettled.count)."))
        for payment in summary.notSettled {
            lines.append("  \(payment.day)#\(payment.number) \(payment.reference ?? "-") \(payment.amount) \(qrisStatusName(payment.status))")
        }
        return lines
    }

    /// The premi report's line for the MDR the acquirer kept.
    public var settlementFeesRow: String { pick("Biaya MDR QRIS", "QRIS MDR fees") }

    /// The premi report's line for the part of it that is earlier months' MDR, imported after their close.
    public var settlementFeesCarriedInRow: String {
        pick("  termasuk MDR bulan lalu (diimpor setelah ditutup)", "  of which earlier months' MDR (imported after their close)")
    }

    /// The premi report's note while QRIS payments of the month have no settlement line yet.
    public func qrisNotYetSettled(count: Int, total: Rupiah, month: String) -> String {
        pick("\(count) pembayaran QRIS \(month) (\(total)) belum ada di laporan settlement yang diimpor: biaya MDR-nya belum dihitung; "
                + "laporan yang diimpor setelah premi \(month) ditutup dihitung di bulan impornya.",
             "\(count) QRIS \(count == 1 ? "payment" : "payments") of \(month) (\(total)) on no imported settlement report: their MDR is not counted yet; "
                + "a report imported after the premi of \(month) is closed counts in the month it is imported.")
    }

    /// A fee as a share of what it was kept from, to the hundredth of a percent: `0,3%`.
    func share(_ fee: Rupiah, of amount: Rupiah) -> String {
        guard amount.value > 0 else { return "0%" }
        return Percentage(basisPoints: (fee.value * 10_000 + amount.value / 2) / amount.value).formatted
    }

    /// The premi report's note while QRIS payments of the month wait for confirmation.
    public func premiWaitsForQRIS(count: Int, total: Rupiah, month: String) -> String {
        pick("\(count) pembayaran QRIS (\(total)) belum dikonfirmasi: premi \(month) baru bisa ditutup setelah dikonfirmasi "
                + "(kasir qris reconcile, kasir qris confirm) atau dihapusbukukan.",
             "\(count) QRIS \(count == 1 ? "payment" : "payments") (\(total)) not confirmed: the premi of \(month) closes once they are confirmed "
                + "(kasir qris reconcile, kasir qris confirm) or written off.")
    }
}
