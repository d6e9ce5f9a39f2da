import Foundation
import KasirMessages
#if canImport(Glibc)
import Glibc
#endif

/// What came back from a prompt.
public enum PromptResult: Equatable, Sendable {
    case line(String)
    /// Ctrl-C at a terminal.
    case interrupted
    /// End of input on a pipe; Ctrl-D on an empty line at a terminal.
    case endOfInput
    /// Nothing was typed for the idle time asked for.
    case idle
    /// The terminal itself went away (hung up, closed): nothing more can be read.
    case terminalClosed
}

/// Where a flow asks its questions and says what happened.
///
/// The counter runs the same way on a person's terminal and on a script's pipe; tests drive
/// it with a scripted prompter.
public protocol Prompter: AnyObject {
    /// Whether a person sits at a terminal (the kiosk rules apply), not a script on a pipe.
    var isTerminal: Bool { get }
    /// Shows `prompt` and reads one line, with `history` under the arrow keys; gives up with
    /// `.idle` when no line was ended within `idleAfter` seconds of the prompt (keys typed in
    /// the meantime do not put it off).
    func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult
    /// Shows one or more lines.
    func show(_ text: String)
    /// Reads a secret (a PIN): without echo on a terminal, else the next line of input.
    func readSecret(prompt: String) -> String?
    /// How wide the screen is, for laying out help and long lines.
    var columns: Int { get }
    /// The screen's lines and columns, for what must fit whole (a QR code); `nil` where there
    /// is no screen to measure (a script's pipe, a test).
    var terminalSize: (rows: Int, columns: Int)? { get }
}

extension Prompter {
    /// A script's pipe has no width: wide enough for two columns of help.
    public var columns: Int { 100 }

    /// A pipe has no screen.
    public var terminalSize: (rows: Int, columns: Int)? { nil }

    /// The line typed, or `nil` for anything else.
    public func readLine(prompt: String) -> String? {
        if case .line(let text) = read(prompt: prompt, history: [], idleAfter: nil) { return text }
        return nil
    }
}

/// The process's standard input and output.
///
/// On a terminal it edits lines itself (arrows, Home/End, history, Ctrl-L) with the keyboard's
/// signals turned off, so Ctrl-Z, Ctrl-\ and Ctrl-C are keys the counter decides about, never
/// a way out to a shell. On a pipe it reads plain lines and echoes them, so a transcript of a
/// piped session reads like the screen would.
public final class StandardPrompter: Prompter {
    public let isTerminal: Bool
    var original: termios?
    var decoder = KeyDecoder()
    /// Keys that arrived after the Enter that ended the last line (typed ahead, pasted, or read
    /// together while the machine was busy): the next read starts with them.
    var typedAhead: [EditorKey] = []

    public init() {
        isTerminal = isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
        guard isTerminal else { return }
        var settings = termios()
        guard tcgetattr(STDIN_FILENO, &settings) == 0 else { return }
        original = settings
        // Keys arrive one by one, unechoed, and none of them raises a signal or stops output.
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG | IEXTEN)
        settings.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &settings)
        for sig in [SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU] { signal(sig, SIG_IGN) }
    }

    /// Gives the terminal back as it was.
    public func restore() {
        guard var original else { return }
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
        self.original = nil
    }

    deinit { restore() }

    /// On a terminal, long lines break between words rather than where the edge falls.
    public func show(_ text: String) {
        write((isTerminal ? HelpLayout.wrap(text, columns: columns) : text) + "\n")
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult {
        guard isTerminal else { return readPiped(prompt: prompt) }
        var editor = LineEditor(history: history)
        // The time runs from the prompt, not from the last key: keys alone never keep it waiting.
        let giveUpAt = idleAfter.map { ProcessInfo.processInfo.systemUptime + $0 }
        write(prompt)
        // Redraws go over the prompt's last row only; a prompt that leaves too little room on
        // its row gets the line on a row of its own.
        var row = prompt.components(separatedBy: "\n").last ?? ""
        if Self.visibleWidth(row) > columns - 12 {
            write("\n")
            row = "› "
            write(row)
        }
        while true {
            let keys: [EditorKey]
            if typedAhead.isEmpty {
                let left = giveUpAt.map { $0 - ProcessInfo.processInfo.systemUptime }
                guard left.map({ $0 > 0 }) ?? true, let bytes = nextBytes(idleAfter: left) else {
                    write("\n")
                    return .idle
                }
                if bytes.isEmpty { return .terminalClosed }
                keys = decoder.keys(from: bytes) + (pendingEscapeOnly() ? decoder.flush() : [])
            } else {
                keys = typedAhead
                typedAhead = []
            }
            for (index, key) in keys.enumerated() {
                switch editor.apply(key) {
                case .none: break
                case .redraw: redraw(row, editor)
                case .submit(let line):
                    typedAhead = Array(keys[(index + 1)...])
                    write("\n")
                    return .line(line)
                case .interrupt:
                    typedAhead = Array(keys[(index + 1)...])
                    write("^C\n")
                    return .interrupted
                case .endOfInput:
                    typedAhead = Array(keys[(index + 1)...])
                    write("\n")
                    return .endOfInput
                case .clearScreen:
                    write("\u{1B}[H\u{1B}[2J")
                    redraw(row, editor)
                }
            }
        }
    }

    /// Whether the decoder holds only the start of an escape sequence that no more bytes are
    /// following (a lone ESC key).
    func pendingEscapeOnly() -> Bool {
        guard !decoder.pending.isEmpty else { return false }
        var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 30) == 0
    }

    /// Writes the prompt's row again with the part of the line that fits beside it, never
    /// reaching the last column (where the terminal would wrap).
    func redraw(_ row: String, _ editor: LineEditor) {
        let (shown, cursor) = editor.window(width: columns - 1 - Self.visibleWidth(row))
        let tail = shown.count - cursor
        write("\r" + row + shown + "\u{1B}[K" + (tail > 0 ? "\u{1B}[\(tail)D" : ""))
    }

    /// The terminal's width in columns (100 on a pipe, 80 when a terminal does not say).
    public var columns: Int {
        guard isTerminal else { return 100 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
        return Int(size.ws_col)
    }

    /// The terminal's lines and columns; `nil` on a pipe, or when the terminal does not say.
    public var terminalSize: (rows: Int, columns: Int)? {
        guard isTerminal else { return nil }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_row), Int(size.ws_col))
    }

    /// Columns `text` takes on screen: escape sequences take none.
    static func visibleWidth(_ text: String) -> Int {
        var width = 0
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
            } else if scalar == "\u{1B}" {
                inEscape = true
            } else if scalar.properties.generalCategory != .nonspacingMark {
                width += 1
            }
        }
        return width
    }

    /// Bytes from the terminal: empty at end of input, `nil` when `idleAfter` passed first.
    func nextBytes(idleAfter: TimeInterval?) -> [UInt8]? {
        if let idleAfter {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat {
                ready = poll(&descriptor, 1, Int32(max(idleAfter, 0) * 1000))
            } while ready < 0 && errno == EINTR
            if ready == 0 { return nil }
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        var count: Int
        repeat {
            count = Glibc.read(STDIN_FILENO, &buffer, buffer.count)
        } while count < 0 && errno == EINTR
        return count <= 0 ? [] : Array(buffer[0..<count])
    }

    func readPiped(prompt: String) -> PromptResult {
        write(prompt)
        guard let line = Swift.readLine(strippingNewline: true) else {
            write("\n")
            return .endOfInput
        }
        write(Self.printable(line) + "\n")
        return .line(line)
    }

    public func readSecret(prompt: String) -> String? {
        guard isTerminal else { return Swift.readLine(strippingNewline: true) }
        write(prompt)
        var secret: [Character] = []
        while true {
            let keys: [EditorKey]
            if typedAhead.isEmpty {
                let bytes = nextBytes(idleAfter: nil) ?? []
                if bytes.isEmpty { return nil }
                keys = decoder.keys(from: bytes)
            } else {
                keys = typedAhead
                typedAhead = []
            }
            for (index, key) in keys.enumerated() {
                switch key {
                case .character(let character) where secret.count < 64: secret.append(character)
                case .backspace: if !secret.isEmpty { secret.removeLast() }
                case .enter:
                    typedAhead = Array(keys[(index + 1)...])
                    write("\n")
                    return String(secret)
                case .interrupt, .endOfTransmission:
                    typedAhead = Array(keys[(index + 1)...])
                    write("\n")
                    return nil
                default: break
                }
            }
        }
    }

    /// Replaces control characters so an echoed line cannot move the cursor or clear a screen.
    static func printable(_ line: String) -> String {
        let scalars = line.unicodeScalars.prefix(200).map { scalar -> Character in
            scalar.properties.generalCategory == .control ? "?" : Character(scalar)
        }
        return String(scalars) + (line.unicodeScalars.count > 200 ? "…" : "")
    }
}
