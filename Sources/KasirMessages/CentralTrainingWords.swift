import Foundation
import KasirCore

/// A heading of the centre's training, sales and PNBP reports (`kasir-central report training|sales|pnbp`).
public enum CentralTrainingWord: Sendable {
    case title, cafes, cafe, wbp, alias, hours, days, orders, items, premi, worked, share, participants, noActivity, legend
    case salesTitle, revenue, refunds, netRevenue, salesLegend
    case tillsClosed, due, deposited, tillsNotDeposited, notDeposited, deposits, depositedOn, billingCode, amount, tills, pnbpLegend
}

extension Catalog {
    /// A heading of the centre's training report, in the configured language.
    public func word(_ word: CentralTrainingWord) -> String {
        switch word {
        case .title: return pick("Pelatihan WBP di kafe-kafe", "Inmates' training across cafés")
        case .cafes: return pick("kafe", "cafés")
        case .cafe: return pick("Kafe", "Café")
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
        case .legend: return pick(
            "Kode WBP dan alias saja: pusat tidak menyimpan nama atau nomor registrasi. Angka dihitung dengan aturan kafe sendiri.",
            "WBP codes and aliases only: the centre keeps no names or registration numbers. Figures follow the café's own rules.")
        case .salesTitle: return pick("Penjualan kafe-kafe", "Sales across cafés")
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
