import Foundation

/// Where a flow asks its questions and says what happened.
///
/// The counter runs the same way on a person's terminal and on a script's pipe; tests drive
/// it with a scripted prompter.
public protocol Prompter: AnyObject {
    /// Shows `prompt` and reads one line; `nil` at end of input.
    func readLine(prompt: String) -> String?
    /// Shows one or more lines.
    func show(_ text: String)
    /// Reads a secret (a PIN): without echo on a terminal, else the next line of input.
    func readSecret(prompt: String) -> String?
}

/// The process's standard input and output.
public final class StandardPrompter: Prompter {
    /// Whether standard input is a terminal; when it is not, typed lines are echoed so a
    /// transcript of a piped session reads like the screen would.
    let echoInput: Bool

    public init() {
        echoInput = isatty(STDIN_FILENO) == 0
    }

    public func readLine(prompt: String) -> String? {
        FileHandle.standardOutput.write(Data(prompt.utf8))
        guard let line = Swift.readLine(strippingNewline: true) else {
            if echoInput { FileHandle.standardOutput.write(Data("\n".utf8)) }
            return nil
        }
        if echoInput { FileHandle.standardOutput.write(Data((Self.printable(line) + "\n").utf8)) }
        return line
    }

    public func show(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    public func readSecret(prompt: String) -> String? {
        Self.readSecretLine(prompt: prompt, promptTo: FileHandle.standardOutput)
    }

    /// Reads one line without echo when standard input is a terminal (the prompt goes to
    /// `promptTo`); from a pipe, the next line as it is, and no prompt.
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
