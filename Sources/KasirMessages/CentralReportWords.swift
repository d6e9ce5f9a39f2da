import Foundation
import KasirCore

/// A heading of the centre's reports: of the cafés and alarms, and of their figures.
public enum CentralReportWord: Sendable {
    case cafesReport, alarmsReport, cafe, name, upt, kanwil, headHeld, lastAnchor, entriesInMonth, alarmsInMonth, stale, never
    case kind, at, detail, noAlarms, staleLegend, unknownCafe
    case branchesAccepted, forkAt, keptAsEvidence, acceptedAt, acceptedBy, reason, branchesLegend
    // The figures: training, sales and PNBP across cafés.
    case trainingReport, cafesCount, wbp, alias, hours, days, orders, items, premi, worked, share, participants, noActivity, trainingLegend
    case salesReport, revenue, refunds, netRevenue, salesLegend
    case tillsClosed, due, deposited, tillsNotDeposited, notDeposited, deposits, depositedOn, billingCode, amount, tills, pnbpLegend
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
        case .trainingReport: return pick("Pelatihan WBP di kafe-kafe", "Inmates' training across cafés")
        case .cafesCount: return pick("kafe", "cafés")
        case .wbp: return "WBP"
        case .alias: return "Alias"
        case .hours: return pick("Jam", "Hours")
        case .days: return pick("Hari", "Days")
        case .orders: return pick("Pesanan", "Orders")
        case .items: return pick("Item", "Items")
        case .premi: return "Premi"
        case .worked: return pick("Bekerja", "Worked")
        case .share: return pick("Porsi bekerja", "Share who worked")
        case .participants: return pick("WBP terdaftar", "WBP enrolled")
        case .noActivity: return pick("Tidak ada jam atau pesanan bulan ini.", "No hours or orders this month.")
        case .trainingLegend: return pick(
            "Kode WBP dan alias saja: pusat tidak menyimpan nama atau nomor registrasi. Angka dihitung dengan aturan kafe sendiri.",
            "WBP codes and aliases only: the centre keeps no names or registration numbers. Figures follow the café's own rules.")
        case .salesReport: return pick("Penjualan kafe-kafe", "Sales across cafés")
        case .revenue: return pick("Pendapatan", "Revenue")
        case .refunds: return pick("Refund", "Refunds")
        case .netRevenue: return pick("Bersih", "Net")
        case .salesLegend: return pick(
            "Pendapatan: pesanan yang tidak dibatalkan, sebelum refund; refund: yang dikembalikan bulan itu. Per cara bayar sesudah kolom Bersih.",
            "Revenue: orders not voided, before refunds; refunds: what was given back that month. By payment after the Net column.")
        case .tillsClosed: return pick("Laci ditutup", "Tills closed")
        case .due: return pick("PNBP terutang", "PNBP due")
        case .deposited: return pick("Disetor", "Deposited")
        case .tillsNotDeposited: return pick("Laci belum disetor", "Tills not deposited")
        case .notDeposited: return pick("Belum disetor", "Not deposited")
        case .deposits: return pick("Setoran bulan ini", "Deposits this month")
        case .depositedOn: return pick("Tanggal setor", "Deposited on")
        case .billingCode: return pick("Kode billing", "Billing code")
        case .amount: return pick("Jumlah", "Amount")
        case .tills: return pick("Laci", "Tills")
        case .pnbpLegend: return pick(
            "Terutang: bagian PNBP laci yang ditutup bulan ini (yang sudah disetor menurut setorannya). Belum disetor: semua laci tertutup yang belum disetor sampai sekarang.",
            "Due: the PNBP share of the tills closed this month (deposited ones as their deposit recorded). Not deposited: every closed till not yet deposited, to date.")
        }
    }
}
