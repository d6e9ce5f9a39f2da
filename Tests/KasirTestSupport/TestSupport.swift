import Foundation
import KasirCore
import Logging

/// A folder of its own under the system's temporary folder, removed with the last reference
/// to it: tests leave nothing behind.
public final class TemporaryFolder: @unchecked Sendable {
    public let url: URL

    public init(_ prefix: String) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func appendingPathComponent(_ component: String) -> URL { url.appendingPathComponent(component) }
    public var path: String { url.path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The config every test runs on (`Tests/Fixtures/config`): its own menu and prices, written
/// for the tests. The end-to-end tests copy the same folder (`KasirProcess.fixtureConfig`); only
/// KasirConfigTests reads the shipped `config/`, to check that what ships loads and is valid.
public let fixtureConfig = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/config")

/// Logs nothing: a test reads outcomes, not log lines.
public let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}()

/// A clock a test can move forward.
public final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    public init(_ instant: Date) { self.instant = instant }

    public func now() -> Date {
        lock.lock()
        defer { lock.unlock() }
        return instant
    }

    public func advance(_ seconds: TimeInterval) {
        lock.lock()
        instant = instant.addingTimeInterval(seconds)
        lock.unlock()
    }
}
