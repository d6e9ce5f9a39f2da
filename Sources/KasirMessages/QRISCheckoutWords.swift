import Foundation
import KasirCore

/// The words of a QRIS code with the amount in it at the counter's checkout: the bill, where
/// the customer scans it, and the reference their app shows once they have paid.
extension Catalog {
    /// Above the code: what it asks for and the bill number in it.
    ///
    /// ```swift
    /// catalog.qrisBillHeading(amount: 18_000, billNumber: "20261129-T1-100000")
    /// // "Tagihan QRIS Rp18.000 · no. 20261129-T1-100000"
    /// ```
    public func qrisBillHeading(amount: Rupiah, billNumber: String) -> String {
        pick("Tagihan QRIS \(amount) · no. \(billNumber)", "QRIS bill \(amount) · no. \(billNumber)")
    }

    /// Where the customer scans the code: the screen, the printed "Tagihan QRIS", both, or
    /// neither (the screen too small for `rows` lines of `columns`, and no printer).
    public func qrisCodeWhere(onScreen: Bool, onSlip: Bool, rows: Int, columns: Int) -> String {
        switch (onScreen, onSlip) {
        case (true, true):
            return pick("Hadapkan layar ke pelanggan untuk dipindai, atau berikan struk Tagihan QRIS yang tercetak.",
                        "Turn the screen to the customer to scan, or hand them the printed QRIS bill.")
        case (true, false):
            return pick("Hadapkan layar ke pelanggan untuk dipindai.", "Turn the screen to the customer to scan.")
        case (false, true):
            return pick("Kode QRIS ada di struk Tagihan QRIS yang tercetak (layar terlalu kecil untuk menampilkannya): berikan ke pelanggan untuk dipindai.",
                        "The QRIS code is on the printed QRIS bill (the screen is too small to show it): hand it to the customer to scan.")
        case (false, false):
            return pick("Kode QRIS tidak bisa ditampilkan: layar perlu \(rows) baris × \(columns) kolom dan tidak ada printer. "
                            + "Perbesar layar, atau pelanggan membayar di stan QRIS statis: qris JUMLAH REF.",
                        "The QRIS code cannot be shown: the screen needs \(rows) lines × \(columns) columns and there is no printer. "
                            + "Enlarge the screen, or the customer pays at the static QRIS stand: qris AMOUNT REF.")
        }
    }

    /// Asked once the customer has scanned the code and paid.
    public var qrisReferencePrompt: String {
        pick("Referensi QRIS dari aplikasi pelanggan: ", "QRIS reference from the customer's app: ")
    }

    /// `kembali` (or Ctrl-C) at the reference prompt: the code is set aside, nothing recorded.
    public var qrisCodeWithdrawn: String {
        pick("Tagihan QRIS dibatalkan: tidak ada yang dicatat. Bila pelanggan sudah membayar, ketik qris JUMLAH REF.",
             "QRIS bill withdrawn: nothing recorded. If the customer has paid, type qris AMOUNT REF.")
    }
}
