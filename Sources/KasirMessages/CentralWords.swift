import Foundation
import KasirCore
import KasirLedger
import KasirStore

/// The words of the café's journal leaving for the centre: batches refused, and why.
extension Catalog {
    func line(for error: LedgerBatchError) -> String {
        switch error {
        case .empty:
            return pick("Kiriman jurnal kosong: tidak ada entri.", "The journal batch is empty: no entry.")
        case .badSignature(let cafe):
            return pick("Tanda tangan kiriman jurnal \(clipped(cafe)) tidak cocok dengan kunci kafe yang terdaftar: ditolak.",
                        "The signature of \(clipped(cafe))'s journal batch is not the enrolled café key's: refused.")
        case .notInSequence(let seq, let expected):
            return pick("Entri jurnal #\(seq) bukan urutannya (seharusnya #\(expected)): kiriman ditolak.",
                        "Journal entry #\(seq) is out of sequence (#\(expected) expected): the batch is refused.")
        case .brokenLink(let seq):
            return pick("Entri jurnal #\(seq) tidak menyambung ke entri sebelumnya: kiriman ditolak.",
                        "Journal entry #\(seq) does not follow the entry before it: the batch is refused.")
        case .hashMismatch(let seq):
            return pick("Hash entri jurnal #\(seq) tidak sama dengan isinya: diubah; kiriman ditolak.",
                        "The hash of journal entry #\(seq) does not match its fields: altered; the batch is refused.")
        case .unknownEncoding(let seq, let encoding):
            return pick("Entri jurnal #\(seq) memakai pengodean \(encoding) yang tidak dikenal: kiriman ditolak.",
                        "Journal entry #\(seq) uses an unknown encoding \(encoding): the batch is refused.")
        case .checkpointMismatch(let cafe):
            return pick("Titik periksa kiriman jurnal \(clipped(cafe)) tidak sesuai dengan entrinya: ditolak.",
                        "The checkpoint of \(clipped(cafe))'s journal batch does not match its entries: refused.")
        case .seqOutOfRange(let seq):
            return pick("Nomor entri jurnal #\(seq) di luar jurnal mana pun: kiriman ditolak.",
                        "Journal entry number #\(seq) is beyond any journal: the batch is refused.")
        case .olderEncodingAfterNewer(let seq):
            return pick("Entri jurnal #\(seq) memakai pengodean lama sesudah yang baru: ditulis tangan; kiriman ditolak.",
                        "Journal entry #\(seq) uses the old encoding after the new one: written by hand; the batch is refused.")
        case .ambiguousEntry(let seq):
            return pick("Entri jurnal #\(seq) (pengodean lama) memuat pemisah di isinya, jadi bisa dibaca sebagai entri lain: kiriman ditolak.",
                        "Journal entry #\(seq) (old encoding) holds the separator in a field, so it could be read as another entry: the batch is refused.")
        }
    }

    func line(for error: CentralError) -> String {
        switch error {
        case .badDatabaseURL(let url):
            return pick("URL PostgreSQL tidak bisa dibaca: \(url) (contoh: postgres://kasir@127.0.0.1:5432/kasir_central).",
                        "The PostgreSQL URL cannot be read: \(url) (e.g. postgres://kasir@127.0.0.1:5432/kasir_central).")
        case .unreachable(let detail):
            return pick("PostgreSQL pusat tidak bisa dihubungi (\(clipped(detail, to: 120))).",
                        "The centre's PostgreSQL cannot be reached (\(clipped(detail, to: 120))).")
        case .badCafeCode(let code):
            return pick("Kode kafe \"\(code)\" harus 2–16 huruf besar dan angka, mis. BPN01.",
                        "The café code \"\(code)\" must be 2–16 capital letters and digits, e.g. BPN01.")
        case .badPublicKey:
            return pick("Kunci publik kafe harus kunci Ed25519 32 bita dalam base64 (dari kasir central join).",
                        "The café's public key must be a 32-byte Ed25519 key in base64 (from kasir central join).")
        case .cafeExists(let code):
            return pick("Kafe \(clipped(code)), atau kuncinya, sudah terdaftar.", "The café \(clipped(code)), or its key, is enrolled already.")
        case .noDatabase:
            return pick("PostgreSQL pusat belum ditentukan: --db URL, KASIR_CENTRAL_DB, atau url di /etc/kasir/central.toml.",
                        "No PostgreSQL for the centre: --db URL, KASIR_CENTRAL_DB, or url in /etc/kasir/central.toml.")
        case .badUserName(let name):
            return pick("Nama pengguna \(clipped(name)) tidak bisa dipakai: 3–32 huruf kecil, angka atau _, diawali huruf.",
                        "The user name \(clipped(name)) cannot be used: 3–32 lower-case letters, digits or _, starting with a letter.")
        case .userExists(let name):
            return pick("Pengguna \(clipped(name)) sudah ada: tidak dibuat ulang.", "The user \(clipped(name)) exists already: not made again.")
        case .passwordsDiffer:
            return pick("Kata sandi dan ulangannya berbeda: pengguna tidak dibuat.", "The password and its confirmation differ: no user made.")
        case .badNote:
            return pick("Catatan wajib diisi, paling banyak 500 karakter, tanpa karakter kendali.",
                        "A note is required: at most 500 characters, no control characters.")
        case .alreadyAcknowledged(let id):
            return pick("Alarm #\(id) sudah ditanggapi; tanggapannya tetap tercatat.", "Alarm #\(id) has been acknowledged already; that acknowledgement stays recorded.")
        case .weakPassword:
            return pick("Kata sandi minimal 12 karakter, tanpa karakter kendali: pengguna tidak dibuat.",
                        "A password needs at least 12 characters and no control character: no user made.")
        case .badScope(let role):
            return pick("Peran \(clipped(role)): --kanwil hanya untuk peran kanwil dan wajib baginya, --cafe hanya untuk peran cafe dan wajib baginya.",
                        "Role \(clipped(role)): --kanwil is for the kanwil role and required by it, --cafe for the cafe role and required by it.")
        case .unknownCafe(let code):
            return pick("Kafe \(clipped(code)) belum terdaftar di pusat.", "No café \(clipped(code)) is enrolled at the centre.")
        case .unreadableBatch(let file):
            return pick("Berkas \(file) bukan kiriman jurnal Kasir.", "The file \(file) is not a Kasir journal batch.")
        case .database(let message):
            return pick("PostgreSQL pusat menolak: \(clipped(message, to: 160)).", "The centre's PostgreSQL refused: \(clipped(message, to: 160)).")
        case .nothingToAccept(let code):
            return pick("Tidak ada cabang baru \(clipped(code)) untuk diterima: pusat belum menyimpan bukti fork atau rollback darinya sejak penerimaan terakhir.",
                        "There is no new branch of \(clipped(code)) to accept: the centre has kept no fork or rollback evidence from it since its last acceptance.")
        case .evidenceDoesNotConnect(let code):
            return pick("Bukti dari \(clipped(code)) tidak menunjukkan di mana jurnalnya berpisah dari yang dipegang pusat: bawa kiriman yang memuat titik pisahnya "
                        + "(di kafe: kasir sync export BERKAS --by PETUGAS, seluruh jurnal sejak bergabung; di pusat: kasir-central import BERKAS), lalu ulangi.",
                        "The evidence from \(clipped(code)) does not show where its journal parts from the centre's: bring a batch that holds the fork "
                        + "(at the café: kasir sync export FILE --by SUP, the whole journal since it joined; at the centre: kasir-central import FILE), then accept again.")
        case .badReason:
            return pick("Penerimaan cabang baru perlu alasan: --reason \"…\", 1–500 karakter dalam satu baris.",
                        "Accepting a new branch needs a reason: --reason \"…\", 1–500 characters on one line.")
        case .forkBeforeHistory(let code, let base):
            return pick("Jurnal \(clipped(code)) berpisah dari yang dipegang pusat sebelum riwayatnya di pusat dimulai (sesudah #\(base)): cabang itu tidak bisa diterima.",
                        "\(clipped(code))'s journal parts from the centre's before its history there begins (after #\(base)): that branch cannot be accepted.")
        case .restoreNotRecorded(let code):
            return pick("Cabang baru \(clipped(code)) tidak mencatat pemulihan cadangan (backup_restored) di titik pisahnya: jurnal yang ditulis ulang tidak diterima.",
                        "\(clipped(code))'s new branch records no backup restore (backup_restored) where it parts: a rewritten journal is not accepted.")
        case .unreadableFact(let cafe, let table, let value):
            return pick("Kafe \(clipped(cafe)): \(table) di pusat memuat \"\(clipped(value))\", yang tidak pernah ditulis kafe: laporan tidak dibuat; periksa kafe itu.",
                        "Café \(clipped(cafe)): \(table) at the centre holds \"\(clipped(value))\", which no café writes: no report made; look into that café.")
        }
    }

    /// `kasir-central cafe accept`: which entries went to evidence, and where the centre now holds the café.
    public func branchAccepted(_ acceptance: BranchAcceptance) -> String {
        let moved = acceptance.forkSeq == acceptance.oldHeadSeq ? "#\(acceptance.forkSeq)" : "#\(acceptance.forkSeq)–#\(acceptance.oldHeadSeq)"
        return pick("Cabang baru \(acceptance.cafe) diterima: entri \(moved) (\(acceptance.supersededEntries) entri) disimpan sebagai bukti "
                    + "(penerimaan \(acceptance.id)); pusat kini memegang #\(acceptance.newHeadSeq).",
                    "\(acceptance.cafe)'s new branch accepted: entries \(moved) (\(acceptance.supersededEntries) entries) kept as evidence "
                    + "(acceptance \(acceptance.id)); the centre now holds up to #\(acceptance.newHeadSeq).")
    }
}

extension Catalog {
    func line(for error: SyncError) -> String {
        switch error {
        case .alreadyJoined(let cafe):
            return pick("Kafe ini sudah bergabung dengan pusat sebagai \(cafe): kuncinya tidak dibuat ulang.",
                        "This café has joined the centre already, as \(cafe): its key is not made again.")
        case .notJoined:
            return pick("Kafe belum bergabung dengan pusat: kasir central join --url URL --cafe KODE --by PETUGAS.",
                        "The café has not joined a centre: kasir central join --url URL --cafe CODE --by SUP.")
        case .keyUnreadable(let path):
            return pick("Kunci kafe \(clipped(path, to: 80)) tidak bisa dibaca oleh akun ini.",
                        "The café's key \(clipped(path, to: 80)) cannot be read by this account.")
        case .keyMismatch(let path):
            return pick("Kunci kafe \(clipped(path, to: 80)) bukan kunci yang didaftarkan ke pusat: diganti; tidak ada yang ditandatangani.",
                        "The café's key \(clipped(path, to: 80)) is not the one enrolled at the centre: swapped; nothing was signed.")
        case .badURL(let url):
            return pick("Alamat pusat \(url) harus http:// atau https://.", "The centre's address \(url) must be http:// or https://.")
        case .badCafeCode(let code):
            return pick("Kode kafe \"\(code)\" harus 2–16 huruf besar dan angka, mis. BPN01.",
                        "The café code \"\(code)\" must be 2–16 capital letters and digits, e.g. BPN01.")
        case .badCentreKey:
            return pick("Kunci publik pusat harus kunci Ed25519 32 bita dalam base64 (kasir-central key).",
                        "The centre's public key must be a 32-byte Ed25519 key in base64 (kasir-central key).")
        case .keyExposed(let path):
            return pick("Kunci kafe \(clipped(path, to: 80)) bisa dibaca akun lain atau milik akun lain (harus 0600 milik akun pengirim): tidak dipakai.",
                        "The café's key \(clipped(path, to: 80)) can be read by other accounts or belongs to another (it must be 0600, the sender's): not used.")
        case .cannotWrite(let path):
            return pick("Berkas \(clipped(path, to: 80)) tidak bisa ditulis (sudah ada, atau foldernya menolak): tidak ada yang diekspor.",
                        "The file \(clipped(path, to: 80)) cannot be written (it exists, or its folder refuses): nothing was exported.")
        case .journalNotIntact(let findings):
            return pick("Jurnal tidak utuh (\(findings) temuan kasir audit verify): kafe tidak bergabung, sebab bergabung mencatat setiap baris apa adanya. Selesaikan dulu temuan itu.",
                        "The journal is not intact (\(findings) findings of kasir audit verify): the café did not join, for joining records every row as it stands. Settle those findings first.")
        // Sending over the network: worded with the other sync words (SyncWords.swift).
        case .unreachable, .refused, .badReceipt, .centreDisagrees, .unknownAtCentre, .centreKeyDiffers, .unsendable:
            return networkLine(for: error)
        }
    }

    /// `kasir central join`: the café's key for the enrolment form, and the centre's as pinned.
    public func centralJoined(_ joined: CentralJoin) -> [String] {
        [pick("Kafe \(joined.cafe) bergabung dengan pusat.", "Café \(joined.cafe) joined the centre."),
         pick("Kunci publik kafe (untuk formulir pendaftaran): \(joined.publicKey)", "The café's public key (for the enrolment form): \(joined.publicKey)"),
         pick("Sidik jari kunci kafe: \(joined.fingerprint)", "The café key's fingerprint: \(joined.fingerprint)"),
         pick("Sidik jari kunci pusat yang disematkan: \(joined.centreFingerprint) (cocokkan dengan yang dibacakan petugas pusat)",
              "The centre key's fingerprint as pinned: \(joined.centreFingerprint) (compare it with what the centre's staff read out)")]
    }

    /// `kasir sync export`: what the file carries.
    public func batchExported(_ batch: LedgerBatch, file: String) -> String {
        pick("Jurnal #\(batch.checkpoint.firstSeq)–#\(batch.checkpoint.seq) (\(batch.entries.count) entri) ditandatangani \(batch.checkpoint.cafe) dan ditulis ke \(clipped(file, to: 80)).",
             "Journal #\(batch.checkpoint.firstSeq)–#\(batch.checkpoint.seq) (\(batch.entries.count) entries) signed by \(batch.checkpoint.cafe) and written to \(clipped(file, to: 80)).")
    }
}
