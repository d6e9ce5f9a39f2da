import KasirCore

/// The words of the café's QRIS payload: why one cannot be used, naming its tag, and what
/// `kasir doctor` says of the one in force.
extension Catalog {
    func line(for error: QRISPayloadError) -> String {
        switch error {
        case .malformedObject(let template, let offset):
            guard let template else {
                return pick("Payload QRIS rusak setelah \(offset) karakter: di situ harus ada tag dua angka, panjang dua angka, lalu isinya.",
                            "The QRIS payload breaks off after \(offset) characters: a two-digit tag, a two-digit length and the value belong there.")
            }
            return pick("Payload QRIS rusak di dalam tag \(template), setelah \(offset) karakter: isi tag \(template) harus tag, panjang dan isi.",
                        "The QRIS payload breaks off inside tag \(template), after \(offset) characters: tag \(template) holds tags, lengths and values.")
        case .duplicateTag(let tag):
            return pick("Payload QRIS memuat tag \(tag) dua kali.", "The QRIS payload has tag \(tag) twice.")
        case .missingTag(let tag):
            return pick("Payload QRIS tidak memuat tag \(tag) (\(qrisTagName(tag))).", "The QRIS payload has no tag \(tag) (\(qrisTagName(tag))).")
        case .misplacedTag(let tag):
            return tag == "00"
                ? pick("Tag 00 harus paling depan dalam payload QRIS.", "Tag 00 must come first in a QRIS payload.")
                : pick("Tag \(tag) (CRC) harus paling akhir dalam payload QRIS.", "Tag \(tag) (the CRC) must come last in a QRIS payload.")
        case .badCRC(let expected, let found):
            return pick("CRC payload QRIS (tag 63) salah: tertulis \(clipped(found)), seharusnya \(expected). Payload tersalin tidak utuh atau diubah?",
                        "The QRIS payload's CRC (tag 63) is wrong: it says \(clipped(found)), the payload gives \(expected). Copied in part, or changed?")
        case .invalidValue(let tag, let value):
            return pick("Tag \(tag) payload QRIS tidak sah: \"\(clipped(value))\" (\(qrisTagForm(tag))).",
                        "Tag \(tag) of the QRIS payload is not valid: \"\(clipped(value))\" (\(qrisTagForm(tag))).")
        case .currencyNotRupiah(let code):
            return pick("Payload QRIS bukan dalam Rupiah: tag 53 bernilai \(clipped(code)), seharusnya 360.",
                        "The QRIS payload is not in Rupiah: tag 53 is \(clipped(code)), not 360.")
        case .countryNotIndonesia(let code):
            return pick("Payload QRIS bukan dari Indonesia: tag 58 bernilai \(clipped(code)), seharusnya ID.",
                        "The QRIS payload is not Indonesian: tag 58 is \(clipped(code)), not ID.")
        case .noNationalMerchantAccount:
            return pick("Payload QRIS tanpa tag 51 berisi ID.CO.QRIS.WWW dan NMID: pakai isi kode QRIS yang diterbitkan bank kafe.",
                        "The QRIS payload has no tag 51 with ID.CO.QRIS.WWW and an NMID: use the contents of the QRIS code the café's bank issued.")
        case .amountOutOfRange(let amount):
            return pick("Jumlah \(amount.formatted) tidak bisa masuk tag 54 QRIS: harus lebih dari Rp0 dan paling banyak 13 angka.",
                        "\(amount.formatted) cannot go in QRIS tag 54: it must be above Rp0 and at most 13 digits.")
        case .valueTooLong(let tag, let limit):
            return pick("Tag \(tag) payload QRIS lebih dari \(limit) karakter.", "Tag \(tag) of the QRIS payload is over \(limit) characters.")
        }
    }

    /// What a tag holds, for a missing one.
    func qrisTagName(_ tag: String) -> String {
        switch tag {
        case "00": return pick("indikator format payload", "payload format indicator")
        case "01": return pick("statis atau dinamis", "static or dynamic")
        case "52": return pick("kategori merchant, MCC", "merchant category code")
        case "53": return pick("mata uang", "currency")
        case "58": return pick("negara", "country")
        case "59": return pick("nama merchant", "merchant name")
        case "60": return pick("kota merchant", "merchant city")
        case "63": return "CRC"
        default: return tag.hasSuffix(".02") ? "NMID" : pick("wajib dalam QRIS", "required by QRIS")
        }
    }

    /// What a tag's value must be, for one that is not.
    func qrisTagForm(_ tag: String) -> String {
        switch tag {
        case "00": return pick("harus 01", "must be 01")
        case "01": return pick("11 untuk statis, 12 untuk dinamis", "11 for static, 12 for dynamic")
        case "52": return pick("MCC, 4 angka", "an MCC, 4 digits")
        case "63": return pick("CRC, 4 angka heksadesimal", "a CRC, 4 hexadecimal digits")
        case "62.01", "62.07": return pick("huruf, angka dan tanda baca ASCII saja", "ASCII letters, digits and punctuation only")
        default:
            return tag.hasSuffix(".02") ? pick("NMID: ID lalu 13 huruf atau angka", "an NMID: ID and 13 letters or digits")
                : pick("tidak sesuai QRIS", "not as QRIS has it")
        }
    }

    /// `kasir doctor`: the static QRIS payload in force, read.
    ///
    /// ```swift
    /// catalog.staticQRIS(payload) // "KASIR DEMO BUKAN MERCHANT, BALIKPAPAN · NMID ID0000000000000 · MCC 5814"
    /// ```
    public func staticQRIS(_ payload: QRISPayload) -> String {
        "\(payload.merchantName), \(payload.merchantCity) · NMID \(payload.nationalMerchantID) · MCC \(payload.merchantCategoryCode)"
    }

    /// `kasir doctor` when the café has no static QRIS payload.
    public var noStaticQRIS: String {
        pick("tidak ada: pelanggan mengetik jumlahnya di stan QRIS statis",
             "none: customers type the amount at the static QRIS stand")
    }
}
