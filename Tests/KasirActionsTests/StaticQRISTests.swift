import Foundation
import GRDB
import KasirActions
import KasirCore
import KasirStore
import KasirTestSupport
import Testing

/// The counter checks the database's static QRIS payload before it opens: the fixture's demo
/// payload passes; one broken in the file (a digit changed, so the CRC no longer holds) is
/// refused naming tag 63, before any customer pays by QRIS.
@Suite struct StaticQRISTests {
    @Test func aBrokenStoredPayloadIsRefusedAtStart() throws {
        let folder = TemporaryFolder("kasir-static-qris")
        let clock = TestClock(Timestamp.date("2026-11-29T02:00:00.000Z")!)
        let (database, config) = try newCafe(in: folder, at: clock.now())
        let actions = cafeActions(database, config, clock: clock, folder: folder)
        try actions.checkStaticQRIS()
        let stored = try #require(try database.moneyRules()?.rules.qrisPayload)
        let broken = stored.replacingOccurrences(of: "BALIKPAPAN", with: "BALIKPAPAM")
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("kasir.sqlite").path)
        try queue.write { db in try db.execute(sql: "UPDATE money_rules SET qris_payload = ?", arguments: [broken]) }
        #expect(throws: QRISPayloadError.self) { try actions.checkStaticQRIS() }
        do {
            try actions.checkStaticQRIS()
        } catch let error as QRISPayloadError {
            guard case .badCRC = error else { Issue.record("not the CRC: \(error)"); return }
        }
    }
}
