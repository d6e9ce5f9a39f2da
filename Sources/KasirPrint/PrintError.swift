import KasirCore

/// Why a slip could not be printed or rendered, or a printer cannot be used.
///
/// One definition for every failure of printing: a command that prints throws it, and the
/// ``PrintWorker`` records it on a job that did not print, as its ``PrintFailure`` code and
/// detail (``failure``). Reading a stored job gives the same case back
/// (``init(failure:detail:acceptedByCUPS:)``), so a failed job and a thrown error read alike.
///
/// ```swift
/// let error = PrintError.aborted("job aborted")
/// error.failure                                  // (.aborted, "job aborted"): what the queue keeps
/// PrintError(failure: .aborted, detail: "job aborted") == error   // true
/// ```
public enum PrintError: Error, Hashable, Sendable {
    /// A template cannot be read or does not parse; names the file.
    case template(file: String, problem: String)
    /// No printer is configured: slips are kept and shown on screen.
    case noPrinterConfigured
    /// CUPS could not be reached (server down, socket missing, timeout).
    case serverUnreachable(String)
    /// CUPS accepted the job and then stopped answering: the server died or was stopped in the
    /// middle of the job, which may or may not have printed.
    case serverStopped(String)
    /// CUPS refused the job (no such queue, not accepting jobs, …), in its own words.
    case refused(String)
    /// CUPS took the job but it ended aborted, cancelled or stopped (`"job aborted"`).
    case aborted(String)
    /// The job was still not printed when its deadline passed; what CUPS last said of it
    /// (`"job pending"`).
    case deadlinePassed(state: String)
    /// The process sending the job ended before the printer answered (the next worker finds
    /// it so): it may or may not have printed.
    case interrupted
    /// The text cannot be made into a QR code: it is empty, or longer than the largest QR code
    /// holds at the error correction asked for; `bytes` is its length in UTF-8.
    case qrEncoding(bytes: Int)

    /// The code the print queue keeps, and CUPS's own words when there are any.
    ///
    /// The codes' raw strings are what `print_jobs.failure` holds; they never change, so the
    /// rows of every release read back.
    public var failure: (code: PrintFailure, detail: String?) {
        switch self {
        case .template(let file, let problem): return (.template, Self.words(file.isEmpty ? problem : "\(file): \(problem)"))
        case .noPrinterConfigured: return (.noPrinter, nil)
        case .serverUnreachable(let detail): return (.unreachable, Self.words(detail))
        case .serverStopped(let detail): return (.unreachable, Self.words(detail))
        case .refused(let detail): return (.refused, Self.words(detail))
        case .aborted(let detail): return (.aborted, Self.words(detail))
        case .deadlinePassed(let state): return (.late, Self.words(state))
        case .interrupted: return (.interrupted, nil)
        // A QR code is made before its slip is queued, so no job fails this way; it is kept as
        // what it comes closest to, a slip that could not be rendered.
        case .qrEncoding(let bytes): return (.template, "QR code: \(bytes) bytes")
        }
    }

    /// The failure a print job's stored code and detail stand for.
    ///
    /// - Parameter acceptedByCUPS: the job has a CUPS job id: a server that cannot be reached
    ///   after that stopped in the middle of the job (``serverStopped(_:)``).
    public init(failure code: PrintFailure, detail: String?, acceptedByCUPS: Bool = false) {
        let detail = detail ?? ""
        switch code {
        case .template:
            // Stored as "file: problem"; a failure that was not a template's keeps its words whole.
            if let colon = detail.range(of: ": ") {
                self = .template(file: String(detail[..<colon.lowerBound]), problem: String(detail[colon.upperBound...]))
            } else {
                self = .template(file: "", problem: detail)
            }
        case .noPrinter: self = .noPrinterConfigured
        case .unreachable: self = acceptedByCUPS ? .serverStopped(detail) : .serverUnreachable(detail)
        case .refused: self = .refused(detail)
        case .aborted: self = .aborted(detail)
        case .late: self = .deadlinePassed(state: detail)
        case .interrupted: self = .interrupted
        }
    }

    /// No words is no detail: a row stored without any reads back as it was.
    static func words(_ text: String) -> String? { text.isEmpty ? nil : text }
}

extension PrintError: KasirError {
    /// Every failure of printing is the printer's or its setup's, never the person's input.
    public var nature: ErrorNature {
        switch self {
        case .template, .noPrinterConfigured, .serverUnreachable, .serverStopped, .refused, .aborted, .deadlinePassed, .interrupted,
             .qrEncoding:
            return .fault
        }
    }
}
