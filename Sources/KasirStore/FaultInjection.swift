#if DEBUG
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debug builds only: named moments at which a test has the process killed outright
/// (`KASIR_FAULT=after-lines`, or `after-lines:3` for the third time it is reached), so crash
/// tests hit the same moment on every run. Nothing of it exists in a release build.
///
/// The points: `after-lines` (an order's lines written, not committed), `after-order` (an
/// order committed, nothing shown), `after-count` (a blind count committed, the till open),
/// `in-close` (the till marked closed, not committed), `after-close` (closed, no backup yet).
public enum FaultInjection {
    /// The point to die at, set once at start-up from `KASIR_FAULT`.
    nonisolated(unsafe) public static var point: String? {
        didSet {
            let parts = point?.split(separator: ":") ?? []
            name = parts.first.map(String.init)
            remaining = parts.count > 1 ? Int(parts[1]) ?? 1 : 1
        }
    }
    nonisolated(unsafe) static var name: String?
    nonisolated(unsafe) static var remaining = 1

    /// Dies with SIGKILL, leaving whatever is uncommitted uncommitted, when `point` names this
    /// moment (and its count is reached).
    public static func reach(_ point: String) {
        guard name == point else { return }
        remaining -= 1
        if remaining <= 0 { kill(getpid(), SIGKILL) }
    }
}
#endif
