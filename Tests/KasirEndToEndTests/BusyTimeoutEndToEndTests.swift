import Foundation
import Testing

/// The database's busy timeout, on the wall clock: another process holds the write lock, and a
/// command gives up after the configured second with one line, changing nothing.
///
/// Timing-sensitive: scripts/test runs it after all other tests, one test at a time, with the
/// kiosk and printing suites (see `timing_sensitive` there), so that no other test loads the
/// machine while it counts the second.
@Suite(.serialized) struct BusyTimeoutEndToEndTests {
    @Test func aLockedDatabaseGivesOneLineAfterTheTimeout() throws {
        let kasir = try KasirProcess()
        try kasir.edit("kasir.toml", "busy_timeout_seconds = 10", "busy_timeout_seconds = 1")
        try kasir.prepareCafe()
        let before = try kasir.dump()
        // Another process holds the write lock: an open exclusive transaction in the sqlite3 shell.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        holder.arguments = [kasir.database.path]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN EXCLUSIVE;\nSELECT 'locked';\n".utf8))
        _ = output.fileHandleForReading.availableData   // waits for "locked"
        let result = try kasir.run(["order", "new", "--server", "W01", "--item", "PGR", "--pay", "cash:10000"])
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(result.status == 1)
        #expect(result.stderr == "Basis data sedang dipakai proses lain terlalu lama; coba lagi.\n")
        #expect(try kasir.dump() == before)
    }
}
