import Foundation
import KasirCore
import KasirStore

/// The words of who is at the counter: a WBP's own PIN, and QRIS payments confirmed or
/// written off before a month's premi is closed.
extension Catalog {
    func line(for error: BaristaPINError) -> String {
        switch error {
        case .pinNotSet(let code):
            return pick("\(code) belum punya PIN barista: petugas memasangnya bersama \(code) (kasir staff wbp-pin \(code) --by KODE).",
                        "\(code) has no barista PIN yet: a supervisor sets it with \(code) present (kasir staff wbp-pin \(code) --by CODE).")
        case .wrongPIN(let code, let left):
            return pick("PIN \(code) salah (sisa \(left) kali sebelum terkunci).", "Wrong PIN for \(code) (\(left) tries left before lockout).")
        case .locked(let code):
            return pick("\(code) terkunci karena PIN salah berulang: petugas memasang PIN baru bersama \(code) (kasir staff wbp-pin \(code) --by KODE).",
                        "\(code) is locked after repeated wrong PINs: a supervisor sets a new PIN with \(code) present (kasir staff wbp-pin \(code) --by CODE).")
        }
    }

    func line(for error: QRISError) -> String {
        switch error {
        case .malformedOrder(let text):
            return pick("Pesanan tidak dikenali: \"\(clipped(text))\" (contoh: 2026-11-29#3).", "Order not understood: \"\(clipped(text))\" (e.g. 2026-11-29#3).")
        case .noQRISPayment(let day, let number):
            return pick("Pesanan #\(number) pada \(day) tidak dibayar dengan QRIS.", "Order #\(number) of \(day) was not paid by QRIS.")
        case .unknownReference(let reference):
            return pick("Tidak ada pembayaran QRIS dengan referensi \(clipped(reference)).", "No QRIS payment has the reference \(clipped(reference)).")
        case .alreadyConfirmed(let what):
            return pick("QRIS \(clipped(what)) sudah dikonfirmasi.", "QRIS \(clipped(what)) is already confirmed.")
        case .unconfirmed(let month, let count, let total):
            return pick("Premi \(month) belum bisa ditutup: \(count) pembayaran QRIS (\(total)) belum dikonfirmasi. "
                            + "Konfirmasi (kasir qris confirm), atau admin menghapusbukukannya (kasir qris write-off --month \(month)).",
                        "The premi of \(month) cannot be closed yet: \(count) QRIS \(count == 1 ? "payment" : "payments") (\(total)) not confirmed. "
                            + "Confirm them (kasir qris confirm), or an admin writes them off (kasir qris write-off --month \(month)).")
        case .nothingToWriteOff(let month):
            return pick("Tidak ada pembayaran QRIS \(month) yang belum dikonfirmasi.", "No QRIS payment of \(month) is unconfirmed.")
        case .monthNotOver(let month):
            return pick("Bulan \(month) belum selesai: pembayaran QRIS-nya masih bisa dikonfirmasi.",
                        "\(month) is not over: its QRIS payments may still be confirmed.")
        case .noStaticPayload:
            return pick("Kafe belum punya payload QRIS statis, jadi kode QRIS berjumlah tidak bisa dibuat: admin memasangnya "
                            + "(kasir policy set --qris-payload ...). Sementara itu: qris JUMLAH REF dari stan QRIS statis.",
                        "The café has no static QRIS payload, so no QRIS code with the amount can be made: an admin sets it "
                            + "(kasir policy set --qris-payload ...). Meanwhile: qris AMOUNT REF from the static QRIS stand.")
        }
    }

    /// `kasir staff wbp-pin W01 --by S1`.
    public func baristaPINSet(_ code: String, by supervisor: String) -> String {
        pick("PIN barista \(code) dipasang, disaksikan \(supervisor).", "\(code)'s barista PIN set, witnessed by \(supervisor).")
    }

    /// `staff wbp-pin` with both `--by` and `--change`, or neither.

    /// At the first run, before the new WBP types their PIN.
    public func baristaTypesOwnPIN(_ code: String) -> String {
        pick("\(code) mengetik PIN pribadinya untuk mengambil kasir (6–12 angka), disaksikan petugas.",
             "\(code) types their own PIN for taking the counter (6–12 digits), with the supervisor watching.")
    }

    /// A QRIS payment just confirmed; one that was written off is back in revenue.
    public func qrisConfirmed(_ payment: QRISPaymentRecord, by supervisor: String) -> String {
        let reference = payment.reference ?? "-"
        let line = pick("QRIS \(reference) \(payment.amount) pesanan #\(payment.number) (\(payment.day)) dikonfirmasi oleh \(supervisor).",
                        "QRIS \(reference) \(payment.amount) of order #\(payment.number) (\(payment.day)) confirmed by \(supervisor).")
        guard payment.wasWrittenOff else { return line }
        return line + pick(" Tadinya dihapusbukukan: kembali ke pendapatan dan premi.", " It had been written off: back in revenue and premi.")
    }

    /// `kasir qris write-off`.
    public func qrisWrittenOff(month: BusinessMonth, _ tally: QRISTally, by admin: String) -> String {
        pick("\(tally.count) pembayaran QRIS \(month) (\(tally.total)) dihapusbukukan oleh \(admin): keluar dari pendapatan dan premi.",
             "\(tally.count) QRIS \(tally.count == 1 ? "payment" : "payments") of \(month) (\(tally.total)) written off by \(admin): out of revenue and premi.")
    }

    public func qrisStatusName(_ status: QRISStatus) -> String {
        switch status {
        case .unconfirmed: return pick("belum dikonfirmasi", "unconfirmed")
        case .confirmed: return pick("dikonfirmasi", "confirmed")
        case .writtenOff: return pick("dihapusbukukan", "written off")
        }
    }

    /// One line of `kasir qris list`: the order, the reference, the amount, where it stands.
    public func qrisLine(_ payment: QRISPaymentRecord) -> String {
        ["\(payment.day)#\(payment.number)", payment.reference ?? "-", payment.amount.formatted, qrisStatusName(payment.status)]
            .joined(separator: "\t")
    }

    /// `kasir demo`: the WBP's PIN for taking the demo café's counter.
    public func demoBaristaPIN(_ pin: String, codes: [String]) -> String {
        let who = codes.count > 1 ? "\(codes.first!)–\(codes.last!)" : codes.first ?? ""
        return pick("PIN barista \(who): \(pin).", "Barista PIN of \(who): \(pin).")
    }
}
