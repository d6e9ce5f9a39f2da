import Foundation
import KasirCore

/// A heading of the centre's reports.
public enum CentralReportWord: Sendable {
    case cafesReport, alarmsReport, cafe, name, upt, kanwil, headHeld, lastAnchor, entriesInMonth, alarmsInMonth, stale, never
    case kind, at, detail, noAlarms, staleLegend, unknownCafe
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
        }
    }
}
