#if DEBUG
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debug builds only: named moments at which a test has the process killed outright
/// (`KASIR_FAULT=after-lines`), so crash tests hit the same moment on every run. Nothing of it
/// exists in a release build.
public enum FaultInjection {
    /// The point to die at, set once at start-up from `KASIR_FAULT`.
    nonisolated(unsafe) public static var point: String?

    /// Dies with SIGKILL, leaving whatever is uncommitted uncommitted, when `name` is the point.
    public static func reach(_ name: String) {
        if point == name { kill(getpid(), SIGKILL) }
    }
}
#endif
