import Foundation

/// The words of the centre's public verification page (`/verifikasi`): read by an employer or
/// an assessor holding a transcript, who knows nothing of Kasir.
public struct VerificationWords: Sendable {
    let catalog: Catalog

    public init(_ catalog: Catalog) { self.catalog = catalog }

    func pick(_ id: String, _ en: String) -> String { catalog.pick(id, en) }

    public var title: String { pick("Verifikasi Transkrip Pelatihan Kerja", "Work Training Transcript Verification") }
    public var intro: String {
        pick("Periksa apakah transkrip pelatihan kerja warga binaan dari kafe asimilasi Pemasyarakatan tercatat di jurnal pusat. Halaman ini hanya menampilkan angka yang tercetak pada transkrip: tanpa nama dan tanpa nomor registrasi.",
             "Check whether a work training transcript from a correctional assimilation café is recorded in the central journal. This page shows only the figures printed on the transcript: no name, no registration number.")
    }
    public var numberLabel: String { pick("Nomor dokumen", "Document number") }
    public var cafeLabel: String { pick("Kode kafe (tidak wajib, tertera pada kode QR)", "Café code (optional, carried by the QR code)") }
    public var check: String { pick("Periksa", "Check") }
    public var otherLanguage: (label: String, code: String) { catalog.language == .id ? ("English", "en") : ("Bahasa Indonesia", "id") }
    public var malformedNumber: String {
        pick("Nomor dokumen tidak dikenali bentuknya. Contoh: TR-61682-9F3A-2C1B-7E04.", "That is not a document number. Example: TR-61682-9F3A-2C1B-7E04.")
    }
    public var malformedCafe: String { pick("Kode kafe terdiri dari 2–16 huruf besar dan angka.", "A café code is 2–16 capital letters and digits.") }
    public func tooMany(retryAfter seconds: Int) -> String {
        pick("Terlalu banyak pemeriksaan dari alamat ini. Coba lagi dalam \(seconds) detik.",
             "Too many checks from this address. Try again in \(seconds) seconds.")
    }
    public var unavailable: String {
        pick("Pusat sedang tidak dapat memeriksa. Coba lagi beberapa saat lagi.", "The centre cannot check just now. Try again in a while.")
    }

    // MARK: Verdicts

    public var anchoredHeading: String { pick("Tercatat: transkrip ini diterbitkan dan tercatat di jurnal pusat", "Recorded: this transcript was issued and is anchored in the central journal") }
    public func anchoredBy(cafe: String, code: String, upt: String, kanwil: String, issued: String, received: String, seq: Int64) -> String {
        pick("Diterbitkan oleh \(cafe) (\(code)), \(upt), Kanwil \(kanwil), pada \(issued) menurut jam kafe; diterima pusat \(received) (baris jurnal #\(seq)).",
             "Issued by \(cafe) (\(code)), \(upt), regional office \(kanwil), at \(issued) by the café's clock; received by the centre at \(received) (journal row #\(seq)).")
    }
    public var compareNote: String {
        pick("Cocokkan angka di bawah dengan yang tercetak pada kertas. Pusat tidak menyimpan nama: pastikan identitas pemegang transkrip dengan cara biasa.",
             "Compare the figures below with those printed on the paper. The centre holds no names: confirm who holds the transcript the usual way.")
    }
    public var alteredHeading: String { pick("Tidak cocok: catatan transkrip ini telah berubah", "Does not match: this transcript's record has changed") }
    public func altered(cafe: String, code: String, upt: String, problem: String) -> String {
        pick("\(cafe) (\(code)) mencatat nomor ini, tetapi catatannya tidak lagi cocok dengan yang dicatat saat diterbitkan (\(problem)). Angkanya tidak dapat dijamin; tanyakan kepada \(upt).",
             "\(cafe) (\(code)) journaled this number, but its record no longer matches what was journaled when it was issued (\(problem)). Its figures cannot be vouched for; ask \(upt).")
    }
    public func problem(_ code: String) -> String {
        switch code {
        case "digest": return pick("angka tidak sesuai sidik digitalnya", "the figures do not match their digest")
        case "changed": return pick("diubah setelah diterbitkan", "changed after it was issued")
        default: return pick("bukan catatan penerbitan yang sah", "not a valid record of issue")
        }
    }
    public var notYetHeading: String { pick("Belum tercatat di pusat", "Not yet recorded at the centre") }
    public func notYet(cafe: String, code: String) -> String {
        pick("Jurnal \(cafe) (\(code)) belum sampai di pusat sejauh tempat transkrip ini diterbitkan. Jurnal biasanya sampai dalam beberapa menit, dari kafe tanpa jaringan lewat flashdisk. Coba lagi nanti.",
             "\(cafe) (\(code)) has not yet sent its journal as far as where this transcript was issued. Journals usually arrive within minutes, from a café without a network on a USB stick. Try again later.")
    }
    public var unknownHeading: String { pick("Tidak dikenal: nomor ini tidak tercatat", "Unknown: this number is not recorded") }
    public var unknown: String {
        pick("Tidak ada kafe yang mencatat transkrip dengan nomor ini di jurnal pusat. Periksa ketikan nomornya. Untuk transkrip yang baru diterbitkan, isi juga kode kafe: pusat lalu dapat mengatakan apakah jurnal kafe itu sudah sampai.",
             "No café has journaled a transcript with this number at the centre. Check the number as typed. For a transcript issued recently, give the café code too: the centre can then say whether that café's journal has arrived.")
    }
    public var manyHeading: String { pick("Tidak dapat dipastikan: nomor ini dicatat oleh lebih dari satu kafe", "Cannot be vouched for: more than one café journaled this number") }
    public func many(_ cafes: [String]) -> String {
        pick("Kafe \(cafes.joined(separator: ", ")) mencatat nomor yang sama. Salah satunya tidak sah: tanyakan kepada UPT yang menerbitkan transkrip.",
             "Cafés \(cafes.joined(separator: ", ")) journaled the same number. One of them is not genuine: ask the UPT that issued the transcript.")
    }

    // MARK: The figures

    public var period: String { pick("Masa pelatihan", "Training period") }
    public var totalHours: String { pick("Jam pelatihan", "Training hours") }
    public var days: String { pick("Hari kerja", "Days worked") }
    public var items: String { pick("Item dibuat", "Items made") }
    public var orders: String { pick("Pesanan dilayani", "Orders served") }
    public var asOf: String { pick("Angka per", "Figures as of") }
    public var months: String { pick("Jam per bulan", "Hours per month") }
    public var month: String { pick("Bulan", "Month") }
    public var hours: String { pick("Jam", "Hours") }
    public var competencies: String { pick("Unit kompetensi", "Competency units") }
    public var unit: String { pick("Unit", "Unit") }
    public var unitTitle: String { pick("Judul", "Title") }
    public var practice: String { pick("Jam praktik", "Practice hours") }
    public var suggested: String { pick("Jam disarankan", "Suggested hours") }
    public var assessment: String { pick("Asesmen terakhir", "Latest assessment") }
    public var notAssessed: String { pick("belum diases", "not assessed") }
    public func result(_ code: String) -> String { code == "kompeten" ? pick("Kompeten", "Competent") : pick("Belum Kompeten", "Not Yet Competent") }
    public var unverifiedUnit: String {
        pick("* Unit yang kodenya belum dicocokkan dengan SKKNI yang berlaku.", "* A unit whose code has not yet been checked against the SKKNI in force.")
    }
    public var footer: String {
        pick("Kasir · jurnal pusat kafe asimilasi Pemasyarakatan. Pemeriksaan tidak dicatat; alamat pemeriksa hanya diingat sebentar, untuk membatasi jumlah pemeriksaan.",
             "Kasir · central journal of the correctional assimilation cafés. Checks are not recorded; the checker's address is kept briefly, only to limit the number of checks.")
    }
}
