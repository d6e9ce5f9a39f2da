import Crypto
import Foundation
import KasirCore
import KasirLedger
import Logging
import PostgresNIO

extension CentralDatabase {
    /// An officer accepts café `cafe`'s new branch: the café restored a backup on purpose (its
    /// journal records the restore), so its journal parts from what the centre holds, and the
    /// centre refuses every batch of it as a fork or rollback. Without this the café could
    /// never be anchored again.
    ///
    /// Where the branches part is taken from the café's own signed evidence, never from the
    /// officer: the newest batch refused as a fork or rollback since the café's last acceptance
    /// whose signature is the enrolled key's and which shows the fork, an entry that differs
    /// from the one held right after one held (a batch beginning after the fork cannot say
    /// where the new branch starts, and is passed over for an older one that can). Then, in
    /// one transaction under the café's row lock, `kasir_accept_branch` records the
    /// acceptance, keeps the entries held from the fork on as evidence (`journal_superseded`),
    /// takes them out of the journal and moves the head back to the entry before the fork:
    /// the café's next `kasir sync` finds that head in its own journal and sends its new
    /// branch from there as usual. Only the tables' owner may do it (the function is granted
    /// to no role).
    ///
    /// ```swift
    /// let acceptance = try await central.acceptBranch(cafe: "BPN01", reason: "Restored after the disk failed", now: Date())
    /// acceptance.forkSeq, acceptance.supersededEntries, acceptance.newHeadSeq
    /// ```
    ///
    /// - Parameter now: the acceptance's time, as the centre stamps a batch it receives.
    /// - Throws: ``CentralError/badReason``, ``CentralError/unknownCafe(_:)``,
    ///   ``CentralError/nothingToAccept(_:)``, ``CentralError/evidenceDoesNotConnect(_:)``,
    ///   ``CentralError/forkBeforeHistory(cafe:base:)``, ``CentralError/database(_:)`` (not
    ///   the owner, among others).
    public func acceptBranch(cafe: String, reason typed: String, now: Date) async throws -> BranchAcceptance {
        let reason = try Self.acceptanceReason(typed)
        do {
            return try await connection.withTransaction(logger: logger) { connection in
                let cafes = try await connection.query("""
                    SELECT public_key, head_seq, base_seq, base_hash FROM cafes WHERE code = \(cafe) FOR UPDATE
                    """, logger: logger).collect()
                guard let row = cafes.first else { throw CentralError.unknownCafe(clipped(cafe)) }
                let (keyBytes, headSeq, baseSeq, baseHash) = try row.decode((Data, Int64, Int64, String).self)
                let key = try Curve25519.Signing.PublicKey(rawRepresentation: keyBytes)
                // What the café showed since its last acceptance, newest first: what came before
                // it showed where the café parted from the journal that acceptance replaced.
                let candidates = try await connection.query("""
                    SELECT b.id FROM batches b
                    WHERE b.cafe = \(cafe) AND b.outcome = 'refused' AND b.evidence IS NOT NULL
                        AND b.id > (SELECT COALESCE(MAX(p.last_batch_id), 0) FROM acceptances p WHERE p.cafe = \(cafe))
                        AND EXISTS (SELECT 1 FROM alarms a WHERE a.batch_id = b.id AND a.kind IN ('fork', 'rollback'))
                    ORDER BY b.id DESC
                    """, logger: logger).collect().map { try $0.decode(Int64.self) }
                guard !candidates.isEmpty else { throw CentralError.nothingToAccept(cafe) }
                var refusal: CentralError?
                for id in candidates {
                    // Decoded as the server decodes `POST /v1/batches`, and checked again: the
                    // bytes are as they came, and only the café's key makes its evidence.
                    let kept = try await connection.query("SELECT evidence FROM batches WHERE id = \(id)", logger: logger).collect()
                    let raw: Data? = try kept.first?.decode(Data?.self)
                    guard let bytes = raw, let batch = try? JSONDecoder().decode(LedgerBatch.self, from: bytes), batch.checkpoint.cafe == cafe,
                        (try? batch.verify(signedBy: key)) != nil
                    else {
                        refusal = refusal ?? CentralError.evidenceDoesNotConnect(cafe)
                        continue
                    }
                    // The entries held that the batch covers, and the one before its first.
                    var held: [Int64: String] = [baseSeq: baseHash]
                    let from = max(batch.checkpoint.firstSeq - 1, baseSeq + 1), to = min(batch.checkpoint.seq, headSeq)
                    if from <= to {
                        let rows = try await connection.query("""
                            SELECT seq, hash FROM journal WHERE cafe = \(cafe) AND seq BETWEEN \(from) AND \(to)
                            """, logger: logger).collect()
                        for row in rows {
                            let (seq, hash) = try row.decode((Int64, String).self)
                            held[seq] = hash
                        }
                    }
                    switch Self.forkPoint(of: batch, held: held, baseSeq: baseSeq, headSeq: headSeq) {
                    case .failure(let problem):
                        refusal = refusal ?? problem
                    case .success(let fork) where !batch.entries.contains(where: { $0.seq == fork && $0.fields.kind == "backup_restored" }):
                        // Only a café that restored a backup on purpose, and whose journal says so
                        // where it parts (a restore's first entry), has a branch to accept: a
                        // journal rewritten by hand does not. A café holds its own key, so this is
                        // a check of what an honest café does, not a proof.
                        refusal = refusal ?? CentralError.restoreNotRecorded(cafe)
                    case .success(let fork):
                        let accepted = try await connection.query("""
                            SELECT kasir_accept_branch(\(cafe), \(fork), \(id), \(reason), \(now))
                            """, logger: logger).collect()
                        let acceptanceID = try accepted[0].decode(Int64.self)
                        // The old branch's shifts went with its rows: the monthly hours follow.
                        try await Self.keepMonthlyHours(cafe: cafe, months: nil, connection: connection, logger: logger)
                        let made = try await Self.acceptances(connection, cafe: cafe, kanwil: nil, id: acceptanceID, logger: logger)
                        guard let acceptance = made.first else { throw CentralError.database("acceptance \(acceptanceID) not found") }
                        return acceptance
                    }
                }
                throw refusal ?? CentralError.evidenceDoesNotConnect(cafe)
            }
        } catch {
            throw Self.plain(error)
        }
    }

    /// The new branches accepted of the cafés the reader may see (one café's, or a Kanwil's),
    /// oldest first by café: a café's history at the centre is read with them.
    ///
    /// ```swift
    /// for branch in try await central.acceptances(cafe: "BPN01") { branch.forkSeq, branch.reason }
    /// ```
    public func acceptances(cafe: String? = nil, kanwil: String? = nil) async throws -> [BranchAcceptance] {
        try await Self.acceptances(connection, cafe: cafe, kanwil: kanwil, logger: logger)
    }

    static func acceptances(_ connection: PostgresConnection, cafe: String?, kanwil: String?, id: Int64? = nil, logger: Logger) async throws
        -> [BranchAcceptance]
    {
        let rows = try await connection.query("""
            SELECT a.id, a.cafe, a.fork_seq, a.old_head_seq, a.old_head_hash, a.evidence_batch_id, a.reason, a.accepted_by, a.accepted_at
            FROM acceptances a JOIN cafes c ON c.code = a.cafe
            WHERE (\(cafe)::text IS NULL OR a.cafe = \(cafe)) AND (\(kanwil)::text IS NULL OR c.kanwil = \(kanwil))
                AND (\(id)::bigint IS NULL OR a.id = \(id))
            ORDER BY a.cafe, a.id
            """, logger: logger)
        var found: [BranchAcceptance] = []
        for try await row in rows {
            let (number, code, forkSeq, oldHeadSeq, oldHeadHash, evidence, reason, acceptedBy, acceptedAt) = try row.decode(
                (Int64, String, Int64, Int64, String, Int64, String, String, Date).self)
            found.append(BranchAcceptance(id: number, cafe: code, forkSeq: forkSeq, oldHeadSeq: oldHeadSeq, oldHeadHash: oldHeadHash,
                                          evidenceBatchID: evidence, reason: reason, acceptedBy: acceptedBy, acceptedAt: acceptedAt))
        }
        return found
    }

    /// The officer's reason as it is kept: without the spaces around it, one line of 1–500
    /// characters (as PostgreSQL counts them). Checked before anything is opened.
    ///
    /// - Throws: ``CentralError/badReason``.
    public static func acceptanceReason(_ typed: String) throws(CentralError) -> String {
        let reason = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        let breaking: [Unicode.GeneralCategory] = [.control, .lineSeparator, .paragraphSeparator]
        guard (1...500).contains(reason.unicodeScalars.count), !reason.unicodeScalars.contains(where: { breaking.contains($0.properties.generalCategory) })
        else { throw .badReason }
        return reason
    }

    /// Where the café's signed `batch` parts from the journal the centre holds (`held`: the
    /// hashes of the entries it covers and the one before, with `baseSeq`, the entry before
    /// the café's history here, as `base_hash`): its first entry that differs from the one held,
    /// provided it follows the entry held before it. Entries before where the café's history
    /// here begins are neither held nor compared, but the one at `baseSeq` must be `base_hash`.
    ///
    /// - Returns: the first entry of the new branch, or why the batch does not show one.
    static func forkPoint(of batch: LedgerBatch, held: [Int64: String], baseSeq: Int64, headSeq: Int64) -> Result<Int64, CentralError> {
        let cafe = batch.checkpoint.cafe
        if let before = batch.entries.first(where: { $0.seq == baseSeq }), before.hash != held[baseSeq] {
            return .failure(.forkBeforeHistory(cafe: cafe, base: baseSeq))
        }
        guard let differing = batch.entries.first(where: { $0.seq > baseSeq && $0.seq <= headSeq && held[$0.seq] != $0.hash }) else {
            return .failure(.evidenceDoesNotConnect(cafe))
        }
        // Only an entry that follows one held begins a branch here: one after the fork follows
        // an entry of the new branch, and says nothing of where it began.
        guard differing.prevHash == held[differing.seq - 1] else {
            return .failure(differing.seq - 1 == baseSeq ? .forkBeforeHistory(cafe: cafe, base: baseSeq) : .evidenceDoesNotConnect(cafe))
        }
        return .success(differing.seq)
    }
}
