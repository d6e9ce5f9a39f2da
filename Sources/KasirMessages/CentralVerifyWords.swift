import Foundation
import KasirCore
import KasirLedger

/// The words of `kasir-central verify`: a line for each café, and one for each thing found.
extension Catalog {
    /// Each café's line, then what was found wrong with it, if anything.
    public func centralVerified(_ result: CentralVerification) -> [String] {
        let span = result.firstSeq.map { first in " (#\(first)–#\(result.lastSeq ?? first))" } ?? ""
        // Said only of a café with accepted branches, so every other café's line stays as it was.
        let evidence: (id: String, en: String) = result.acceptances == 0 ? ("", "")
            : (", \(result.evidenceEntries) entri bukti dari \(result.acceptances) penerimaan cabang",
               ", \(result.evidenceEntries) evidence entries of \(result.acceptances) branch acceptances")
        let numbers = result.uncheckedAcceptances.map { String($0) }.joined(separator: ", ")
        let unchecked: [String] = result.uncheckedAcceptances.isEmpty ? [] : [pick(
            "  Kiriman cabang lama (penerimaan \(numbers)) tidak diperiksa: buktinya hanya dibaca direktorat.",
            "  The old branches' batches (acceptance \(numbers)) were not checked: only the directorate reads their evidence.")]
        guard !result.findings.isEmpty else {
            return [pick("\(result.cafe): \(result.entries) entri\(span), \(result.batches) kiriman\(evidence.id): hash, rantai dan tanda tangan utuh.",
                         "\(result.cafe): \(result.entries) entries\(span), \(result.batches) batches\(evidence.en): hashes, chain and signatures intact.")] + unchecked
        }
        return [pick("\(result.cafe): \(result.entries) entri\(span): \(result.findings.count) masalah.",
                     "\(result.cafe): \(result.entries) entries\(span): \(result.findings.count) problems.")]
            + result.findings.map { "  " + line(for: $0) } + unchecked
    }

    func line(for finding: CentralFinding) -> String {
        switch finding {
        case .hashMismatch(let seq):
            return pick("Entri #\(seq): hash tidak sama dengan isinya (diubah di PostgreSQL sesudah diterima).",
                        "Entry #\(seq): the hash does not match its fields (changed in PostgreSQL after it was taken in).")
        case .brokenLink(let seq):
            return pick("Entri #\(seq): tidak menyambung ke entri sebelumnya.", "Entry #\(seq): does not follow the entry before it.")
        case .missing(let seq):
            return pick("Entri sebelum #\(seq) hilang.", "Entries before #\(seq) are missing.")
        case .headMismatch(let seq):
            return pick("Kepala yang dicatat (#\(seq)) bukan entri terakhir yang disimpan.", "The head recorded (#\(seq)) is not the last entry stored.")
        case .unsigned(let seq):
            return pick("Entri sesudah #\(seq) tidak ada dalam kiriman yang ditandatangani kafe: masuk ke PostgreSQL dengan cara lain.",
                        "Entries after #\(seq) are in no batch the café signed: they reached PostgreSQL some other way.")
        case .badBatch(let id):
            return pick("Kiriman \(id): tanda tangan atau titik periksanya tidak cocok dengan kunci kafe dan entri yang disimpan.",
                        "Batch \(id): its signature or checkpoint does not match the café's key and the entries stored.")
        case .badEvidence(let acceptance, let seq):
            return pick("Bukti penerimaan \(acceptance), entri #\(seq): tidak seperti yang dipegang (diubah, hilang, atau tidak menyambung).",
                        "Evidence of acceptance \(acceptance), entry #\(seq): not as it was held (altered, missing, or not linked).")
        }
    }
}
