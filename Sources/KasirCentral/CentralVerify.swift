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
    /// A café whose new branch an officer accepted (`cafe accept`) has batches whose head is no
    /// longer in the journal but on the old branch, kept as evidence: each old branch is checked
    /// as the journal is (hashes, links, ending at the head the centre held, meeting the journal
    /// where the acceptance says it parted), and such a batch is checked against it. A reader
    /// who may not read the evidence (only the directorate does) is told those batches were
    /// not checked, rather than shown them as broken.
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
        let evidenceReadable = try await connection.query("SELECT has_table_privilege('journal_superseded', 'SELECT')", logger: logger).collect()
            .first?.decode(Bool.self) ?? false
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
                let ledger = try Self.ledgerEntry(entry)
                let seq = ledger.seq
                if seq != expected { result.findings.append(.missing(before: seq)) }
                if ledger.prevHash != previous { result.findings.append(.brokenLink(seq: seq)) }
                if !ledger.hashIsRight { result.findings.append(.hashMismatch(seq: seq)) }
                result.entries += 1
                result.firstSeq = result.firstSeq ?? seq
                result.lastSeq = seq
                hashes[seq] = ledger.hash
                previous = ledger.hash
                expected = seq + 1
            }
            // After an acceptance that took every entry back to evidence, the head is where the
            // café's history here begins.
            let headHeld: String? = headSeq == baseSeq ? baseHash : hashes[headSeq]
            if (result.lastSeq ?? baseSeq) != headSeq || (headSeq > 0 && headHeld != headHash) { result.findings.append(.headMismatch(seq: headSeq)) }

            var branches: [OldBranch] = []
            let accepted = try await connection.query("""
                SELECT id, fork_seq, old_head_seq, old_head_hash FROM acceptances WHERE cafe = \(code) ORDER BY id
                """, logger: logger)
            for try await acceptance in accepted {
                let (id, forkSeq, oldHeadSeq, oldHeadHash) = try acceptance.decode((Int64, Int64, Int64, String).self)
                branches.append(OldBranch(id: id, forkSeq: forkSeq, oldHeadSeq: oldHeadSeq, oldHeadHash: oldHeadHash))
            }
            result.acceptances = branches.count
            result.evidenceEntries = Int(branches.reduce(Int64(0)) { $0 + ($1.oldHeadSeq - $1.forkSeq + 1) })
            if evidenceReadable {
                for index in branches.indices {
                    let id = branches[index].id
                    let kept = try await connection.query("""
                        SELECT seq, encoding, prev_hash, hash, at, kind, actor, subject, payload, row_table, row_key, snapshot, private_digest
                        FROM journal_superseded WHERE cafe = \(code) AND acceptance_id = \(id) ORDER BY seq
                        """, logger: logger)
                    var expected = branches[index].forkSeq
                    var previous: String?
                    for try await entry in kept {
                        let ledger = try Self.ledgerEntry(entry)
                        if ledger.seq != expected || (previous.map({ $0 != ledger.prevHash }) ?? false) || !ledger.hashIsRight {
                            result.findings.append(.badEvidence(acceptance: id, seq: ledger.seq))
                            branches[index].intact = false
                        }
                        if previous == nil { branches[index].firstPrevious = ledger.prevHash }
                        branches[index].hashes[ledger.seq] = ledger.hash
                        previous = ledger.hash
                        expected = ledger.seq + 1
                    }
                    // The old branch ends at the head the centre held before the acceptance.
                    let oldHead = branches[index].oldHeadSeq
                    if expected != oldHead + 1 || branches[index].hashes[oldHead] != branches[index].oldHeadHash {
                        result.findings.append(.badEvidence(acceptance: id, seq: oldHead))
                        branches[index].intact = false
                    }
                }
            }

            /// The furthest entry the journal holds now that entry `seq` with `hash` vouches for
            /// through the chain: itself when the journal holds it; else, when an intact old branch
            /// holds it, the entry before that branch parted, followed in turn.
            func reaches(_ seq: Int64, _ hash: String, hops: Int = 0) -> Int64? {
                if seq == baseSeq { return hash == baseHash ? baseSeq : nil }
                if hashes[seq] == hash { return seq }
                guard hops < branches.count, let branch = branches.first(where: { $0.intact && $0.hashes[seq] == hash }),
                    let first = branch.firstPrevious
                else { return nil }
                return reaches(branch.forkSeq - 1, first, hops: hops + 1)
            }

            // Each old branch meets the journal (or an older branch, or where the history here
            // begins) where its acceptance says it parted.
            if evidenceReadable {
                for index in branches.indices where branches[index].intact {
                    let branch = branches[index]
                    if branch.firstPrevious.flatMap({ reaches(branch.forkSeq - 1, $0) }) == nil {
                        result.findings.append(.badEvidence(acceptance: branch.id, seq: branch.forkSeq))
                        branches[index].intact = false
                    }
                }
            }

            let key = try Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
            // The furthest entry a batch signed by the café vouches for: its head, and through
            // the chain every entry before it. Anything past it came in some other way.
            var signedUpTo: Int64 = baseSeq
            // Below every fork no entry ever left the journal: a batch of any branch vouches for those.
            let sharedUpTo = branches.map { $0.forkSeq - 1 }.min()
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
                if !signed {
                    result.findings.append(.badBatch(id: id))
                } else if hashes[lastSeq] == head {
                    signedUpTo = max(signedUpTo, lastSeq)
                } else if evidenceReadable, let reached = reaches(lastSeq, head) {
                    // A batch of an old branch, its head kept as evidence.
                    signedUpTo = max(signedUpTo, reached)
                } else if !evidenceReadable, let shared = sharedUpTo,
                    let branch = branches.first(where: { $0.forkSeq <= lastSeq && lastSeq <= $0.oldHeadSeq })
                {
                    if !result.uncheckedAcceptances.contains(branch.id) { result.uncheckedAcceptances.append(branch.id) }
                    signedUpTo = max(signedUpTo, min(lastSeq, shared))
                } else {
                    result.findings.append(.badBatch(id: id))
                }
            }
            if let last = result.lastSeq, last > signedUpTo { result.findings.append(.unsigned(after: signedUpTo)) }
            results.append(result)
        }
        return results
    }

    /// A journal row (of `journal` or `journal_superseded`) as the café sent it, read from the
    /// columns `seq, encoding, prev_hash, hash, at, kind, actor, subject, payload, row_table,
    /// row_key, snapshot, private_digest`, in that order.
    static func ledgerEntry(_ row: PostgresRow) throws -> LedgerEntry {
        let (seq, encoding, prevHash, hash, at, kind, actor, subject, payload, rowTable, rowKey, snapshot, privateDigest) = try row.decode(
            (Int64, Int, String, String, String, String, String?, String?, String, String?, String?, String?, String?).self)
        return LedgerEntry(seq: seq, encoding: encoding, prevHash: prevHash, hash: hash, fields: JournalFields(
            at: at, kind: kind, actor: actor, subject: subject, payload: payload, rowTable: rowTable, rowKey: rowKey,
            snapshot: snapshot, privateDigest: privateDigest))
    }
}

/// An old branch an acceptance kept as evidence, as `verify` reads it.
private struct OldBranch {
    var id: Int64
    var forkSeq: Int64
    var oldHeadSeq: Int64
    var oldHeadHash: String
    /// Its entries' hashes by sequence, and the hash its first entry follows.
    var hashes: [Int64: String] = [:]
    var firstPrevious: String?
    /// Whether it is as it was held: only then does it vouch for a batch.
    var intact = true
}
