import Crypto
import Foundation
import KasirCore
import KasirLedger
import PostgresNIO

extension CentralDatabase {
    /// Re-checks every stored journal of the centre (or one café's): each entry's hash with the
    /// function the café's `audit verify` uses, each link from where the café's history here
    /// begins to the head held, and every batch taken: its signature by the café's enrolled key
    /// over its checkpoint, and the checkpoint against the entries held. Reads only.
    ///
    /// ```swift
    /// for cafe in try await central.verify(cafe: "BPN01") where !cafe.findings.isEmpty { … }
    /// ```
    ///
    /// - Throws: ``CentralError/unknownCafe(_:)`` for a café not enrolled.
    public func verify(cafe only: String? = nil) async throws -> [CentralVerification] {
        let cafes = try await connection.query("""
            SELECT code, public_key, head_seq, head_hash, base_seq, base_hash FROM cafes
            WHERE \(only)::text IS NULL OR code = \(only) ORDER BY code
            """, logger: logger).collect()
        if let only, cafes.isEmpty { throw CentralError.unknownCafe(only) }
        var results: [CentralVerification] = []
        for row in cafes {
            let (code, keyBytes, headSeq, headHash, baseSeq, baseHash) = try row.decode((String, Data, Int64, String, Int64, String).self)
            var result = CentralVerification(cafe: code)
            var hashes: [Int64: String] = [:]
            var expected = baseSeq + 1, previous = baseHash
            let entries = try await connection.query("""
                SELECT seq, encoding, prev_hash, hash, at, kind, actor, subject, payload, row_table, row_key, snapshot, private_digest
                FROM journal WHERE cafe = \(code) ORDER BY seq
                """, logger: logger)
            for try await entry in entries {
                let (seq, encoding, prevHash, hash, at, kind, actor, subject, payload, rowTable, rowKey, snapshot, privateDigest) = try entry.decode(
                    (Int64, Int, String, String, String, String, String?, String?, String, String?, String?, String?, String?).self)
                let ledger = LedgerEntry(seq: seq, encoding: encoding, prevHash: prevHash, hash: hash, fields: JournalFields(
                    at: at, kind: kind, actor: actor, subject: subject, payload: payload, rowTable: rowTable, rowKey: rowKey,
                    snapshot: snapshot, privateDigest: privateDigest))
                if seq != expected { result.findings.append(.missing(before: seq)) }
                if prevHash != previous { result.findings.append(.brokenLink(seq: seq)) }
                if !ledger.hashIsRight { result.findings.append(.hashMismatch(seq: seq)) }
                result.entries += 1
                result.firstSeq = result.firstSeq ?? seq
                result.lastSeq = seq
                hashes[seq] = hash
                previous = hash
                expected = seq + 1
            }
            if (result.lastSeq ?? 0) != headSeq || (headSeq > 0 && hashes[headSeq] != headHash) { result.findings.append(.headMismatch(seq: headSeq)) }
            let key = try Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
            // The furthest entry a batch signed by the café vouches for: its head, and through
            // the chain every entry before it. Anything past it came in some other way.
            var signedUpTo: Int64 = baseSeq
            let batches = try await connection.query("""
                SELECT id, claimed_cafe, first_seq, previous_hash, last_seq, head, sent_at, signature FROM batches
                WHERE cafe = \(code) AND outcome = 'stored' ORDER BY id
                """, logger: logger)
            for try await batch in batches {
                let (id, claimed, firstSeq, previousHash, lastSeq, head, sentAt, signature) = try batch.decode(
                    (Int64, String, Int64, String?, Int64, String, String, String?).self)
                result.batches += 1
                let checkpoint = LedgerCheckpoint(cafe: claimed, firstSeq: firstSeq, previousHash: previousHash ?? "", seq: lastSeq, head: head, at: sentAt)
                let signed = signature.flatMap { Data(base64Encoded: $0) }.map { key.isValidSignature($0, for: checkpoint.signedBytes) } ?? false
                // A batch may repeat entries held before where the café's history begins: only its head must be held.
                if !signed || hashes[lastSeq] != head {
                    result.findings.append(.badBatch(id: id))
                } else {
                    signedUpTo = max(signedUpTo, lastSeq)
                }
            }
            if let last = result.lastSeq, last > signedUpTo { result.findings.append(.unsigned(after: signedUpTo)) }
            results.append(result)
        }
        return results
    }
}
