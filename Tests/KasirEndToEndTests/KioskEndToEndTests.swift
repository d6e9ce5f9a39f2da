import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A terminal a test can type into and read, on a tmux server of its own.
final class TmuxTerminal {
    let socket = "kasir-test-\(UUID().uuidString.prefix(8))"
    let session = "kasir"

    /// Starts `command` in a fresh terminal, 100×40 unless told (a text console is 80 wide).
    init(_ command: String, environment: [String: String] = [:], columns: Int = 100) throws {
        let exports = environment.map { "\($0.key)=\($0.value)" }
        try tmux(["new-session", "-d", "-s", session, "-x", String(columns), "-y", "40", "env"] + exports + ["bash", "-c", command])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    @discardableResult
    func tmux(_ arguments: [String]) throws -> String {
        try run(arguments).stdout
    }

    /// Runs a tmux command with no descriptor open but the standard three: Foundation learns
    /// that a child ended from a descriptor the child holds, and a tmux server started by it
    /// would otherwise hold that descriptor for as long as it lives.
    func run(_ arguments: [String]) throws -> KasirProcess.Result {
        let closeInherited = #"for fd in /proc/$$/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; "#
        return try KasirProcess.execute(URL(fileURLWithPath: "/bin/bash"), ["-c", closeInherited + #"exec tmux -L "$0" "$@" </dev/null"#, socket] + arguments,
                                        input: "", environment: [:], in: FileManager.default.temporaryDirectory)
    }

    /// Types `text` (literally) and presses Enter.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", session, "-l", text])
        try tmux(["send-keys", "-t", session, "Enter"])
    }

    /// Presses keys by tmux's names: `C-z`, `C-\\`, `C-c`, `C-d`, `C-l`.
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    /// What the screen shows now.
    var screen: String { (try? tmux(["capture-pane", "-p", "-t", session, "-S", "-60"])) ?? "" }

    /// Waits (at most `seconds`) until the screen shows `text`; the screen then.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 10) -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let shown = screen
            if shown.contains(text) { return shown }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return screen
    }

    /// The last line with text on it: where the cursor waits.
    var lastLine: String {
        screen.split(separator: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.map(String.init) ?? ""
    }

    /// The process the terminal runs (its shell, or the kiosk loop).
    var panePID: Int32? { Int32((try? tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "") }

    /// Whether the session still runs.
    var alive: Bool { (try? run(["has-session", "-t", session]))?.status == 0 }
}

/// The counter at a real terminal: its keys, its restart window after a crash, its idle timeout.
///
/// Timing-sensitive (a restart within seconds, a 10-second idle window, screens waited for): one
/// test at a time, and scripts/test runs the suite after all other tests, with the printing and
/// busy-timeout suites (see `timing_sensitive` there), so that no other test loads the machine.
@Suite(.serialized) struct KioskEndToEndTests {
    /// At 80 columns a line longer than the row scrolls sideways on its own row: the prompt
    /// is never repeated, nothing passes the edge, and the whole line is what gets recorded.
    @Test func aLongLineScrollsAt80Columns() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let terminal = try TmuxTerminal("\(KasirProcess.binary.path) counter", environment: [
            "KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now,
        ], columns: 80)
        #expect(terminal.waitFor("Barista (kode):").contains("Barista (kode):"))
        try terminal.type("W01")
        terminal.waitFor("PIN W01:")
        try terminal.type("135790")
        terminal.waitFor("Pesanan baru")
        try terminal.type("PGR")
        terminal.waitFor("Total (1 item)")
        let note = "tolong dibungkus rapi dengan kertas coklat dan jangan pakai sedotan plastik, untuk anak kecil yang alergi"
        try terminal.press("-l", "catatan " + note)
        let typed = terminal.waitFor("yang alergi")
        let rows = typed.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.allSatisfy { $0.count <= 80 }, "\(typed)")
        #expect(rows.filter { $0.hasPrefix("> ") }.count == 2, "\(typed)")   // "> PGR" and the line being typed
        #expect(rows.contains { $0.hasPrefix("> …") && $0.hasSuffix("yang alergi") }, "\(typed)")
        try terminal.press("Home")
        #expect(terminal.waitFor("> catatan tolong").contains("> catatan tolong dibungkus"))
        try terminal.press("Enter")
        // Two lines arriving in one read (typed ahead, pasted, a busy machine): both count.
        try terminal.press("-l", "AIR\rPGR\r")
        #expect(terminal.waitFor("Total (3 item)").contains("Total (3 item)"))
        for line in ["bayar", "pas", "y"] { try terminal.type(line) }
        #expect(terminal.waitFor("✔ Pesanan #1 tersimpan").contains("✔ Pesanan #1 tersimpan"))
        #expect(try kasir.sqlite("SELECT note FROM orders;") == note + "\n")
    }

    /// The counter at a real terminal, under the kiosk login's loop: no key reaches a shell,
    /// a crash restarts it within two seconds saying so, and only a supervisor ends it.
    @Test func noKeyLeavesTheCounter() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCounter()
        let kiosk = KasirProcess.repository.appendingPathComponent("scripts/kiosk-session").path
        let terminal = try TmuxTerminal(kiosk, environment: [
            "KASIR_BIN": KasirProcess.binary.path, "KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now,
        ])
        #expect(terminal.waitFor("Barista (kode):").contains("Barista (kode):"))
        try terminal.type("W01")
        terminal.waitFor("PIN W01:")
        try terminal.type("135790")
        terminal.waitFor("Pesanan baru")
        try terminal.type("PGR")
        terminal.waitFor("Total (1 item)")
        // Ctrl-Z and Ctrl-\ do nothing; Ctrl-L clears the screen and is no part of the line.
        try terminal.press("C-z")
        try terminal.press("C-\\")
        try terminal.press("A", "I", "R", "C-l", "Enter")
        #expect(terminal.waitFor("Total (2 item)").contains("Total (2 item)"))
        // Ctrl-C cancels the order, not the program.
        try terminal.press("C-c")
        #expect(terminal.waitFor("Pesanan dibatalkan").contains("Pesanan dibatalkan; tidak ada yang disimpan."))
        try terminal.type("AIR")
        try terminal.type("bayar")
        try terminal.type("pas")
        try terminal.type("y")
        #expect(terminal.waitFor("Pesanan terakhir: #1").contains("✔ Pesanan #1 tersimpan"))
        // Ctrl-D and `keluar` go back to the barista prompt; `keluar` there ends nothing.
        try terminal.press("C-d")
        try terminal.type("keluar")
        #expect(terminal.waitFor("Hanya petugas").contains("Hanya petugas yang menutup program: spv, lalu tutup-program."))
        #expect(terminal.lastLine.hasPrefix("Barista (kode):"))
        // Arrow keys edit the line: "PXR", left, backspace, "G", End gives "PGR".
        try terminal.type("W01")
        try terminal.type("135790")
        try terminal.press("P", "X", "R", "Left", "BSpace", "G", "End", "Enter")
        #expect(terminal.waitFor("Pisang Goreng").contains("1. 1× Pisang Goreng"))
        try terminal.press("C-d")
        // A crash: the loop starts the counter again within two seconds, and says so.
        // This terminal's counter: the child of its kiosk loop (other tests run counters too).
        let loop = try #require(terminal.panePID)
        let pid = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/pgrep"), ["-P", String(loop), "-f", "counter"], input: "",
                                           environment: [:], in: kasir.folder).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(Int32(pid) != nil, "the counter's process")
        kill(Int32(pid)!, SIGSEGV)
        #expect(terminal.waitFor("dimulai ulang", seconds: 3).contains("Kasir dimulai ulang setelah gangguan: pesanan yang sedang diketik tidak tersimpan"))
        #expect(terminal.waitFor("Barista (kode):").contains("Barista (kode):"))
        #expect(!terminal.screen.contains("$ ") && !terminal.screen.contains("# ") && !terminal.screen.contains("crashed"))
        // bash's own report of the killed child ("line 19: … Segmentation fault …") stays off the screen.
        #expect(!terminal.screen.contains("Segmentation") && !terminal.screen.contains("Killed") && !terminal.screen.contains("line "),
                "\(terminal.screen)")
        // A supervisor ends it, and with it the login.
        try terminal.type("spv")
        try terminal.type("S1")
        try terminal.type("246810")
        try terminal.type("tutup-program")
        let deadline = Date().addingTimeInterval(5)
        while terminal.alive && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        #expect(!terminal.alive)
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM orders;") == "1\n")
    }

    /// A kiosk's counter on a café not set up yet registers nobody: whoever sits there first
    /// would become the admin.
    @Test func aKioskNeverMakesTheFirstAdmin() throws {
        let kasir = try KasirProcess()
        let result = try kasir.run(["counter", "--kiosk"], input: "S1\nSaya\n246810\n246810\n")
        #expect(result.status == 1)
        #expect(result.stdout.contains("Kasir belum disiapkan: petugas mendaftar dulu dari terminal petugas (kasir init, kasir staff add).\n"))
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM staff;") == "0\n")
    }

    /// Supervisor mode ends after the policy's idle time; a money act then needs the PIN again.
    @Test func supervisorModeEndsWhenNobodyTypes() throws {
        let kasir = try KasirProcess()
        try kasir.prepareCafe()
        #expect(try kasir.supervised(["security", "set", "--supervisor-idle-seconds", "10"]).status == 0)
        let terminal = try TmuxTerminal("\(KasirProcess.binary.path) counter", environment: [
            "KASIR_DB": kasir.database.path, "KASIR_CONFIG": kasir.config.path, "KASIR_NOW": kasir.now,
        ])
        terminal.waitFor("Barista (kode):")
        try terminal.type("spv")
        try terminal.type("S1")
        try terminal.type("246810")
        terminal.waitFor("spv S1> ")
        #expect(terminal.waitFor("Mode petugas berakhir", seconds: 15).contains("Mode petugas berakhir (10 detik tanpa perintah)."))
        try terminal.type("kas keluar 5000 es")
        #expect(terminal.waitFor("Kode petugas tidak sah").contains("Barista (kode): kas keluar 5000 es"))
        #expect(try kasir.sqlite("SELECT COUNT(*) FROM cash_movements;") == "0\n")
    }
}

/// Serialized: the installs write the same folders, and the real one writes the machine's.
@Suite(.serialized) struct InstallEndToEndTests {
    static var built: Bool {
        FileManager.default.fileExists(atPath: KasirProcess.releaseBinary.path)
            && FileManager.default.fileExists(atPath: KasirProcess.repository.appendingPathComponent(".build/manual/kasir.1").path)
    }

    func script(_ name: String, _ arguments: [String] = [], environment: [String: String] = [:]) throws -> KasirProcess.Result {
        try KasirProcess.execute(URL(fileURLWithPath: "/bin/bash"), [KasirProcess.repository.appendingPathComponent("scripts/\(name)").path] + arguments,
                                 input: "", environment: environment, in: KasirProcess.repository)
    }

    func mode(_ path: String) -> Int { ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1 }

    /// Into a scratch root: Debian's layout and modes; a config file the café edited is kept,
    /// the new default beside it; uninstall keeps the data and the config.
    @Test(.enabled(if: built, "scripts/test builds the release binary and manual first"))
    func installsIntoAScratchRoot() throws {
        let root = try KasirProcess()
        let destination = root.folder.appendingPathComponent("root").path
        let first = try script("install", ["--no-build"], environment: ["DESTDIR": destination])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(mode("\(destination)/usr/local/bin/kasir") == 0o755)
        #expect(mode("\(destination)/usr/local/lib/kasir/kiosk-session") == 0o755)
        #expect(mode("\(destination)/etc/kasir/kasir.toml") == 0o644)
        #expect(mode("\(destination)/var/lib/kasir") == 0o2770)
        #expect(mode("\(destination)/var/lib/kasir/backups") == 0o2770)
        #expect(try String(contentsOfFile: "\(destination)/usr/local/share/man/man1/kasir.1", encoding: .utf8).contains(".Nm kasir"))
        // The installed binary finds the installed config from any folder, with its templates built in.
        let edited = "\(destination)/etc/kasir/kasir.toml"
        try (try String(contentsOfFile: edited, encoding: .utf8)).replacingOccurrences(of: "width_mm = 58", with: "width_mm = 80")
            .write(toFile: edited, atomically: true, encoding: .utf8)
        let again = try script("install", ["--no-build"], environment: ["DESTDIR": destination])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: edited, encoding: .utf8).contains("width_mm = 80"))
        #expect(try String(contentsOfFile: edited + ".dist", encoding: .utf8).contains("width_mm = 58"))
        #expect(!FileManager.default.fileExists(atPath: "\(destination)/etc/kasir/menu.toml.dist"))
        // A group member swapped the backups folder for a link: the installer stops, touching nothing there.
        let elsewhere = "\(destination)/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try FileManager.default.removeItem(atPath: "\(destination)/var/lib/kasir/backups")
        try FileManager.default.createSymbolicLink(atPath: "\(destination)/var/lib/kasir/backups", withDestinationPath: elsewhere)
        let linked = try script("install", ["--no-build"], environment: ["DESTDIR": destination])
        #expect(linked.status != 0)
        #expect(linked.stderr.contains("is not a plain folder"))
        #expect(mode(elsewhere) == 0o700)
        try FileManager.default.removeItem(atPath: "\(destination)/var/lib/kasir/backups")
        try "data".write(toFile: "\(destination)/var/lib/kasir/kasir.sqlite", atomically: true, encoding: .utf8)
        #expect(try script("uninstall", environment: ["DESTDIR": destination]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(destination)/usr/local/bin/kasir"))
        #expect(FileManager.default.fileExists(atPath: "\(destination)/var/lib/kasir/kasir.sqlite"))
        #expect(FileManager.default.fileExists(atPath: edited))
    }

    /// With a centre: the sending account's units (or cron line), which run `kasir sync`; the
    /// command they name, run on a café that has not joined, says so in one line.
    @Test(.enabled(if: built, "scripts/test builds the release binary and manual first"))
    func installsTheJournalsSendingToACentre() throws {
        let cafe = try KasirProcess()
        try cafe.prepareCafe()
        let destination = cafe.folder.appendingPathComponent("root").path
        let installed = try script("install", ["--no-build", "--central", "https://pusat.example/kasir"], environment: ["DESTDIR": destination])
        #expect(installed.status == 0, "\(installed.stderr)")
        #expect(installed.stdout.contains("runuser -u kasir-sync -- kasir central join --url https://pusat.example/kasir --cafe CODE --centre-key KEY --by SUPERVISOR"))
        let service = try String(contentsOfFile: "\(destination)/etc/systemd/system/kasir-sync.service", encoding: .utf8)
        let timer = try String(contentsOfFile: "\(destination)/etc/systemd/system/kasir-sync.timer", encoding: .utf8)
        #expect(service.contains("\nUser=kasir-sync\n") && service.contains("\nType=oneshot\n"))
        #expect(timer.contains("\nOnUnitActiveSec=5min\n") && timer.contains("\nWantedBy=timers.target\n"))
        let command = try #require(service.split(separator: "\n").first { $0.hasPrefix("ExecStart=") }).dropFirst("ExecStart=".count)
            .split(separator: " ").map(String.init)
        #expect(command == ["/usr/local/bin/kasir", "sync"])
        // The command the unit names, from the installed binary.
        let ran = try KasirProcess.execute(URL(fileURLWithPath: destination + command[0]), Array(command.dropFirst()), input: "",
                                           environment: ["KASIR_DB": cafe.database.path, "KASIR_CONFIG": cafe.config.path], in: cafe.folder)
        #expect(ran.status == 1 && ran.stderr == "Kafe belum bergabung dengan pusat: kasir central join --url URL --cafe KODE --by PETUGAS.\n",
                "\(ran.stdout)\(ran.stderr)")
        // A URL a shell or systemd would read more into is refused before anything is written.
        let odd = try script("install", ["--no-build", "--central", "https://pusat.example/$(id)"], environment: ["DESTDIR": destination + "2"])
        #expect(odd.status == 2 && !FileManager.default.fileExists(atPath: destination + "2"))
        #expect(try script("uninstall", environment: ["DESTDIR": destination]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: "\(destination)/etc/systemd/system/kasir-sync.timer"))
    }

    /// The kiosk account the real install makes.
    static let kioskUser = "kasirtest"

    /// What of Kasir is already on this machine: the real install runs only where none is, so
    /// that its cleanup removes only what it made (scripts/test says so loudly when it skips).
    static var kasirAlreadyHere: [String] {
        var found = ["/usr/local/bin/kasir", "/usr/local/lib/kasir", "/usr/local/share/man/man1/kasir.1", "/etc/kasir", "/var/lib/kasir"]
            .filter { path in (try? FileManager.default.attributesOfItem(atPath: path)) != nil }
        if getgrnam("kasir") != nil { found.append("group kasir") }
        if getpwnam(kioskUser) != nil { found.append("account \(kioskUser)") }
        return found
    }

    /// For real, as CI does it as root: install with a kiosk account, set the café up, check it
    /// with `kasir doctor`, take an order as the kiosk user at a terminal, uninstall — on a
    /// machine where Kasir is not installed, and never deleting what was there before.
    @Test(.enabled(if: built && getuid() == 0 && ProcessInfo.processInfo.environment["CI"] == "true",
                   "installs into / as root: CI only (CI=true)"),
          .enabled(if: kasirAlreadyHere.isEmpty,
                   "Kasir is already on this machine (program, /etc/kasir, /var/lib/kasir, group kasir or the test's account): not touched"))
    func installsForRealWithAKioskAccount() throws {
        let user = Self.kioskUser
        let scratch = try KasirProcess()
        // Everything below was made by this test: nothing of Kasir was here when it started.
        defer {
            _ = try? script("uninstall")
            _ = try? KasirProcess.execute(URL(fileURLWithPath: "/usr/sbin/userdel"), ["-r", user], input: "", environment: [:], in: scratch.folder)
            _ = try? KasirProcess.execute(URL(fileURLWithPath: "/usr/sbin/groupdel"), ["kasir"], input: "", environment: [:], in: scratch.folder)
            try? FileManager.default.removeItem(atPath: "/var/lib/kasir")
            try? FileManager.default.removeItem(atPath: "/etc/kasir")
        }
        let install = try script("install", ["--no-build", "--kiosk", user])
        #expect(install.status == 0, "\(install.stderr)")
        func kasir(_ arguments: [String], input: String = "") throws -> KasirProcess.Result {
            // No KASIR_DB, no KASIR_CONFIG: the installed lookup, from a folder with no config in it.
            try KasirProcess.execute(URL(fileURLWithPath: "/usr/local/bin/kasir"), arguments, input: input, environment: [:], in: scratch.folder)
        }
        let pin = "246810\n"
        #expect(try kasir(["init", "--supervisor-code", "S1", "--supervisor-name", "Pak Hadi"], input: pin + pin).status == 0)
        #expect(try kasir(["staff", "add", "--code", "W01", "--registration", "B.1", "--name", "Budi", "--alias", "Bima", "--decree", "SK-1",
                           "--decree-from", "2020-01-01", "--decree-until", "2099-12-31", "--by", "S1"], input: pin).status == 0)
        #expect(try kasir(["attendance", "in", "W01", "--station", "kasir", "--by", "S1"], input: pin).status == 0)
        #expect(try kasir(["staff", "wbp-pin", "W01", "--by", "S1"], input: pin + "135790\n135790\n").status == 0)
        #expect(try kasir(["till", "open", "--float", "100000", "--by", "S1"], input: pin).status == 0)
        #expect(mode("/var/lib/kasir/kasir.sqlite") == 0o660)
        let doctor = try kasir(["doctor"])
        #expect(doctor.status == 0, "\(doctor.stdout)")
        #expect(doctor.stdout.contains("✔ konfigurasi: /etc/kasir"))
        // The kiosk account's login is the counter.
        let terminal = try TmuxTerminal("su - \(user)")
        #expect(terminal.waitFor("Barista (kode):").contains("Barista (kode):"))
        for line in ["W01", "135790", "AIR", "bayar", "pas", "y"] { try terminal.type(line) }
        #expect(terminal.waitFor("✔ Pesanan #1 tersimpan").contains("✔ Pesanan #1 tersimpan"))
        try terminal.press("C-z")
        try terminal.press("C-\\")
        try terminal.press("C-c")
        try terminal.press("C-d")
        try terminal.type("keluar")
        terminal.waitFor("Hanya petugas")
        #expect(terminal.lastLine.hasPrefix("Barista (kode):"))
        #expect(try kasir(["order", "list"]).stdout.contains("#1\t"))
        #expect(try kasir(["report", "training", "--month", String(ISO8601DateFormatter().string(from: Date()).prefix(7))]).status == 0)
        let manual = try KasirProcess.execute(URL(fileURLWithPath: "/usr/bin/man"), ["-P", "cat", "kasir"], input: "", environment: ["MANWIDTH": "80"],
                                              in: scratch.folder)
        #expect(manual.stdout.contains("kasir"), "\(manual.stderr)")
        #expect(try script("uninstall").status == 0)
        #expect(!FileManager.default.fileExists(atPath: "/usr/local/bin/kasir"))
        #expect(FileManager.default.fileExists(atPath: "/var/lib/kasir/kasir.sqlite"))
    }
}
