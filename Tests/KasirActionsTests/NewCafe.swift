import Foundation
import KasirActions
import KasirConfig
import KasirCore
import KasirPrint
import KasirStore
import KasirTestSupport

/// A new café database in `folder`, its rules established from the fixture config at
/// `instant`, as `kasir init` would make it: what every suite here starts from.
func newCafe(in folder: TemporaryFolder, at instant: Date) throws -> (database: AppDatabase, config: KasirConfiguration) {
    let database = try AppDatabase.open(path: folder.appendingPathComponent("kasir.sqlite").path, logger: quietLogger)
    let config = try CafeActions.establishRules(in: database, from: try KasirConfiguration.load(from: fixtureConfig), at: instant)
    return (database, config)
}

/// The acts on `database`, with the print worker `config` and an empty environment give, and
/// backups in `folder`.
func cafeActions(_ database: AppDatabase, _ config: KasirConfiguration, clock: TestClock, folder: TemporaryFolder) -> CafeActions {
    let worker = PrintWorker.configured(config, database: database, clock: clock, environment: [:], logger: quietLogger)
    return CafeActions(database: database, config: config, clock: clock, printer: worker, backupFolder: folder.appendingPathComponent("backups"))
}
