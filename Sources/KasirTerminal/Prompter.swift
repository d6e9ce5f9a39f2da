import Foundation
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
    /// `.idle` after `idleAfter` seconds without a key.
    func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult
    /// Shows one or more lines.
    func show(_ text: String)
    /// Reads a secret (a PIN): without echo on a terminal, else the next line of input.
    func readSecret(prompt: String) -> String?
}

extension Prompter {
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

    public func show(_ text: String) {
        write(text + "\n")
    }

    func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    public func read(prompt: String, history: [String], idleAfter: TimeInterval?) -> PromptResult {
        guard isTerminal else { return readPiped(prompt: prompt) }
        var editor = LineEditor(history: history)
        write(prompt)
        while true {
            guard let bytes = nextBytes(idleAfter: idleAfter) else {
                write("\n")
                return .idle
            }
            if bytes.isEmpty { return .terminalClosed }
            for key in decoder.keys(from: bytes) + (pendingEscapeOnly() ? decoder.flush() : []) {
                switch editor.apply(key) {
                case .none: break
                case .redraw: redraw(prompt, editor)
                case .submit(let line):
                    write("\n")
                    return .line(line)
                case .interrupt:
                    write("^C\n")
                    return .interrupted
                case .endOfInput:
                    write("\n")
                    return .endOfInput
                case .clearScreen:
                    write("\u{1B}[H\u{1B}[2J")
                    redraw(prompt, editor)
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

    func redraw(_ prompt: String, _ editor: LineEditor) {
        let tail = editor.text.count - editor.cursor
        write("\r" + prompt + editor.line + "\u{1B}[K" + (tail > 0 ? "\u{1B}[\(tail)D" : ""))
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
            let bytes = nextBytes(idleAfter: nil) ?? []
            if bytes.isEmpty { return nil }
            for key in decoder.keys(from: bytes) {
                switch key {
                case .character(let character) where secret.count < 64: secret.append(character)
                case .backspace: if !secret.isEmpty { secret.removeLast() }
                case .enter:
                    write("\n")
                    return String(secret)
                case .interrupt, .endOfTransmission:
                    write("\n")
                    return nil
                default: break
                }
            }
        }
    }

    /// Reads one line without echo when standard input is a terminal (the prompt goes to
    /// `promptTo`); from a pipe, the next line as it is, and no prompt. For one-shot commands.
    public static func readSecretLine(prompt: String, promptTo handle: FileHandle) -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return Swift.readLine(strippingNewline: true) }
        handle.write(Data(prompt.utf8))
        var original = termios()
        tcgetattr(STDIN_FILENO, &original)
        var silent = original
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &original)
            handle.write(Data("\n".utf8))
        }
        return Swift.readLine(strippingNewline: true)
    }

    /// Replaces control characters so an echoed line cannot move the cursor or clear a screen.
    static func printable(_ line: String) -> String {
        let scalars = line.unicodeScalars.prefix(200).map { scalar -> Character in
            scalar.properties.generalCategory == .control ? "?" : Character(scalar)
        }
        return String(scalars) + (line.unicodeScalars.count > 200 ? "…" : "")
    }
}
