import Foundation
import KasirCore

/// A heading of the centre's reports.
public enum CentralReportWord: Sendable {
    case cafesReport, alarmsReport, cafe, name, upt, kanwil, headHeld, lastAnchor, entriesInMonth, alarmsInMonth, stale, never
    case kind, at, detail, noAlarms, staleLegend, unknownCafe
    case branchesAccepted, forkAt, keptAsEvidence, acceptedAt, acceptedBy, reason, branchesLegend
}

extension Catalog {
    /// A heading of the centre's reports, in the configured language.
    public func word(_ word: CentralReportWord) -> String {
        switch word {
        case .cafesReport: return pick("Kafe dan jangkarnya di pusat", "Cafés and their anchors at the centre")
        case .alarmsReport: return pick("Alarm pusat", "The centre's alarms")
        case .cafe: return pick("Kafe", "Café")
        case .name: return pick("Nama", "Name")
        case .upt: return "UPT"
        case .kanwil: return "Kanwil"
        case .headHeld: return pick("Tercatat s.d.", "Held up to")
        case .lastAnchor: return pick("Jangkar terakhir", "Last anchored")
        case .entriesInMonth: return pick("Entri bulan ini", "Entries this month")
        case .alarmsInMonth: return pick("Alarm bulan ini", "Alarms this month")
        case .stale: return pick("Diam", "Quiet")
        case .never: return pick("belum pernah", "never")
        case .kind: return pick("Jenis", "Kind")
        case .at: return pick("Waktu", "At")
        case .detail: return pick("Keterangan", "Detail")
        case .noAlarms: return pick("Tidak ada alarm bulan ini.", "No alarm this month.")
        case .staleLegend: return pick("Diam: jangkar terakhir lebih lama dari batasnya (bawaan 3 hari), atau belum pernah mengirim.",
                                       "Quiet: the last anchor is older than the limit (3 days by default), or it never sent.")
        case .unknownCafe: return pick("(tidak dikenal)", "(unknown)")
        case .branchesAccepted: return pick("Cabang baru yang diterima", "New branches accepted")
        case .forkAt: return pick("Berpisah di", "Parted at")
        case .keptAsEvidence: return pick("Disimpan sebagai bukti", "Kept as evidence")
        case .acceptedAt: return pick("Diterima", "Accepted")
        case .acceptedBy: return pick("Oleh", "By")
        case .reason: return pick("Alasan", "Reason")
        case .branchesLegend: return pick("Cabang baru: kafe memulihkan cadangan; entri yang dipegang pusat sejak titik pisah disimpan sebagai bukti, dan kafe melanjutkan dari entri sebelumnya.",
                                          "New branch: the café restored a backup; the entries the centre held from where it parted are kept as evidence, and the café goes on from the entry before.")
        }
    }
}
