import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A private cupsd with the virtual receipt printer of scripts/test-printer, for one test.
final class PrivateCUPS {
    let folder: URL
    var socket: String { folder.appendingPathComponent("cups.sock").path }
    var jobs: URL { folder.appendingPathComponent("jobs") }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kasir-cups-\(UUID().uuidString)")
        try start()
    }

    func start() throws {
        let result = try KasirProcess.execute(
            URL(fileURLWithPath: "/bin/bash"), [KasirProcess.repository.appendingPathComponent("scripts/test-printer").path, "start", folder.path],
            input: "", environment: [:], in: KasirProcess.repository)
        try #require(result.status == 0, "cupsd did not start: \(result.stderr)")
    }

    func stop() {
        _ = try? KasirProcess.execute(
            URL(fileURLWithPath: "/bin/bash"), [KasirProcess.repository.appendingPathComponent("scripts/test-printer").path, "stop", folder.path],
            input: "", environment: [:], in: KasirProcess.repository)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Runs a CUPS admin command (cupsdisable, cupsreject, …) against this server.
    func admin(_ command: String, _ arguments: String...) throws {
        let result = try KasirProcess.execute(
            URL(fileURLWithPath: "/usr/sbin/\(command)"), arguments, input: "", environment: ["CUPS_SERVER": socket], in: folder)
        try #require(result.status == 0, "\(command): \(result.stderr)")
    }

    /// The files the virtual printer wrote, by CUPS job id.
    func printed() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: jobs.path).filter { $0.hasSuffix(".bin") }.sorted {
            $0.compare($1, options: .numeric) == .orderedAscending
        }
    }

    func bytes(_ file: String) throws -> Data { try Data(contentsOf: jobs.appendingPathComponent(file)) }

    /// Whether the daemon this test started is still alive (a killed one that nobody reaped
    /// yet is a zombie: it exists for `kill(pid, 0)` but runs no more).
    var isRunning: Bool {
        guard let pid = (try? String(contentsOf: folder.appendingPathComponent("cupsd.pid"), encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let end = stat.range(of: ") ", options: .backwards)
        else { return false }
        return !["Z", "X"].contains(stat[end.upperBound...].prefix(1))
    }

    /// For a failed expectation about what printed: is the daemon alive, what did the virtual
    /// printer get, and the last lines of the daemon's log.
    var diagnosis: String {
        let log = (try? String(contentsOf: folder.appendingPathComponent("log/error_log"), encoding: .utf8)) ?? ""
        let tail = log.split(separator: "\n").suffix(8).joined(separator: "\n")
        return "cupsd \(isRunning ? "running" : "NOT running"); printed: \((try? printed()) ?? []); error_log:\n\(tail)"
    }
}

/// A unix socket that accepts connections (the kernel's backlog does) and never answers.
final class SilentServer {
    let path: String
    let descriptor: Int32

    init(in folder: URL) throws {
        path = folder.appendingPathComponent("silent.sock").path
        descriptor = Glibc.socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0, "bind \(path)")
        try #require(listen(descriptor, 64) == 0)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
