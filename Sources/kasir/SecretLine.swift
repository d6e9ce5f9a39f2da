import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A PIN read by a one-shot command: the command line's own reader. (The counter reads its
/// PINs through its `Prompter`, which already holds the terminal in raw mode.)
///
/// ```swift
/// let pin = SecretLine.read(prompt: "PIN S1: ", promptTo: .standardError)
/// ```
enum SecretLine {
    /// Reads one line without echo when standard input is a terminal (the prompt goes to
    /// `promptTo`, so standard output stays the command's answer); from a pipe, the next line
    /// as it is, and no prompt.
    static func read(prompt: String, promptTo handle: FileHandle) -> String? {
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
}
