import CCUPS
import Foundation

/// What CUPS says of a job.
public enum PrinterJobState: String, Sendable {
    case pending, held, processing, stopped, canceled, aborted, completed, unknown

    init(ippValue: Int32) {
        switch ippValue {
        case 3: self = .pending
        case 4: self = .held
        case 5: self = .processing
        case 6: self = .stopped
        case 7: self = .canceled
        case 8: self = .aborted
        case 9: self = .completed
        default: self = .unknown
        }
    }

    /// Whether CUPS is done with the job, one way or another.
    public var isFinal: Bool { self == .completed || self == .canceled || self == .aborted }
}

/// What CUPS says of a queue.
public struct PrinterStatus: Hashable, Sendable {
    public var queue: String
    /// idle, processing or stopped.
    public var state: String
    public var acceptingJobs: Bool
    public var message: String
    public var reasons: [String]
}

/// A receipt printer: takes bytes, and says what became of them.
public protocol ReceiptPrinter: Sendable {
    var queue: String { get }
    /// Seconds any one request to the printer may take: how long submitting or cancelling a
    /// job can hold a command up, beyond the job's own deadline.
    var timeout: Double { get }
    /// Hands `bytes` to the printer as one job; returns the printer's job id.
    func submit(_ bytes: [UInt8], title: String) throws(PrintError) -> Int
    func state(ofJob id: Int) throws(PrintError) -> PrinterJobState
    /// Withdraws a job that missed its deadline, so it cannot print unexpectedly later.
    func cancel(job id: Int)
    func status() throws(PrintError) -> PrinterStatus
}

/// A CUPS queue, reached on a connection of its own with a timeout on every request.
///
/// Each call opens its own connection to the server named by `CUPS_SERVER` (or the system
/// default) and sends plain IPP requests, because libcups's convenience calls on the default
/// connection can block for minutes on a server that accepts and never answers.
///
/// ```swift
/// let printer = CUPSPrinter(queue: "receipt", timeout: 3)
/// let job = try printer.submit(bytes, title: "Pesanan 12")
/// try printer.state(ofJob: job)   // .completed once the printer has it
/// ```
public struct CUPSPrinter: ReceiptPrinter {
    public let queue: String
    /// Seconds any one connect, request or reply may take.
    public let timeout: Double
    /// The server: a socket path or host name; `nil` means libcups's default (CUPS_SERVER, client.conf).
    public let server: String?

    public init(queue: String, timeout: Double = 3, server: String? = nil) {
        self.queue = queue
        self.timeout = timeout
        self.server = server
    }

    var printerURI: String { "ipp://localhost/printers/\(queue)" }

    /// Opens a fresh connection with the timeout set.
    func connect() throws(PrintError) -> OpaquePointer {
        let host = server ?? String(cString: cupsServer())
        let port = host.hasPrefix("/") ? 0 : ippPort()
        guard let http = httpConnect2(host, port, nil, AF_UNSPEC, HTTP_ENCRYPTION_IF_REQUESTED, 1, Int32(timeout * 1000), nil) else {
            throw .serverUnreachable("\(host): " + String(cString: cupsLastErrorString()))
        }
        httpSetTimeout(http, timeout, nil, nil)
        return http
    }

    /// Sends `request` and returns the response, or throws with CUPS's own words.
    func send(_ request: OpaquePointer, on http: OpaquePointer, resource: String) throws(PrintError) -> OpaquePointer {
        let response = cupsDoRequest(http, request, resource)
        let status = cupsLastError()
        let message = String(cString: cupsLastErrorString())
        guard let response else {
            if status.rawValue >= 0x0500 && status.rawValue < 0x0600 && status != IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS
                && status != IPP_STATUS_ERROR_SERVICE_UNAVAILABLE
            {
                throw .serverUnreachable(message)
            }
            throw .refused(message)
        }
        let code = ippGetStatusCode(response)
        guard code.rawValue < 0x0400 else {
            ippDelete(response)
            throw .refused(message)
        }
        return response
    }

    func newRequest(_ operation: ipp_op_t) throws(PrintError) -> OpaquePointer {
        guard let request = ippNewRequest(operation) else { throw .serverUnreachable(String(cString: cupsLastErrorString())) }
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", nil, printerURI)
        ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_NAME, "requesting-user-name", nil, cupsUser())
        return request
    }

    /// A job name CUPS is safe with: letters, digits, `.`, `_` and `-`; anything else becomes `-`.
    ///
    /// ```swift
    /// CUPSPrinter.plainJobName("kasir receipt 2026-12-02 #3")   // "kasir-receipt-2026-12-02-3"
    /// ```
    public static func plainJobName(_ title: String) -> String {
        var name = ""
        for scalar in title.unicodeScalars.prefix(255) {
            let plain = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || "._-".unicodeScalars.contains(scalar))
            if plain {
                name.unicodeScalars.append(scalar)
            } else if !name.hasSuffix("-") {
                name += "-"
            }
        }
        let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return trimmed.isEmpty ? "kasir" : trimmed
    }

    /// Submits the bytes as one raw job: Create-Job, then one Send-Document.
    ///
    /// The request is the plainest there is, the one `lp -o raw` makes for standard input: a
    /// `job-name` of plain characters and **no `document-name`**. Debian's CUPS security update
    /// 2.4.2-3+deb12u10 (bookworm-security, December 2026) segfaults `cupsd` when it starts a job
    /// whose `document-name` contains a space — Kasir used to send "kasir receipt 2026-12-02 #3",
    /// and every slip killed the café's print server (`lp -d receipt "/tmp/my doc.bin"` kills it
    /// the same way). The older build (deb12u9 and before) prints either way. Found by bisecting
    /// the request from the client side; `PrintingEndToEndTests` submits the names that crashed.
    public func submit(_ bytes: [UInt8], title: String) throws(PrintError) -> Int {
        let http = try connect()
        defer { httpClose(http) }
        let create = try newRequest(IPP_OP_CREATE_JOB)
        ippAddString(create, IPP_TAG_OPERATION, IPP_TAG_NAME, "job-name", nil, Self.plainJobName(title))
        let response = try send(create, on: http, resource: "/printers/\(queue)")
        let jobID = ippFindAttribute(response, "job-id", IPP_TAG_INTEGER).map { ippGetInteger($0, 0) } ?? 0
        ippDelete(response)
        guard jobID > 0 else { throw .refused("no job id") }

        let started = cupsStartDocument(http, queue, jobID, nil, CUPS_FORMAT_RAW, 1)
        guard started == HTTP_STATUS_CONTINUE else {
            throw .refused(String(cString: cupsLastErrorString()))
        }
        let written = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                cupsWriteRequestData(http, $0, buffer.count)
            }
        }
        guard written == HTTP_STATUS_CONTINUE else {
            _ = cupsFinishDocument(http, queue)
            throw .serverUnreachable(String(cString: cupsLastErrorString()))
        }
        let finished = cupsFinishDocument(http, queue)
        guard finished.rawValue < 0x0400 else {
            // No answer to the document (the server went away) is not a refusal.
            let status = cupsLastError()
            let message = String(cString: cupsLastErrorString())
            if status.rawValue >= 0x0500 && status != IPP_STATUS_ERROR_NOT_ACCEPTING_JOBS && status != IPP_STATUS_ERROR_SERVICE_UNAVAILABLE {
                throw .serverUnreachable(message)
            }
            throw .refused(message)
        }
        return Int(jobID)
    }

    public func state(ofJob id: Int) throws(PrintError) -> PrinterJobState {
        let http = try connect()
        defer { httpClose(http) }
        let request = try newRequest(IPP_OP_GET_JOB_ATTRIBUTES)
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(id))
        let response = try send(request, on: http, resource: "/")
        defer { ippDelete(response) }
        guard let attribute = ippFindAttribute(response, "job-state", IPP_TAG_ENUM) else { return .unknown }
        return PrinterJobState(ippValue: ippGetInteger(attribute, 0))
    }

    public func cancel(job id: Int) {
        guard let http = try? connect() else { return }
        defer { httpClose(http) }
        guard let request = try? newRequest(IPP_OP_CANCEL_JOB) else { return }
        ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", Int32(id))
        if let response = try? send(request, on: http, resource: "/jobs/") { ippDelete(response) }
    }

    public func status() throws(PrintError) -> PrinterStatus {
        let http = try connect()
        defer { httpClose(http) }
        let response = try send(try newRequest(IPP_OP_GET_PRINTER_ATTRIBUTES), on: http, resource: "/")
        defer { ippDelete(response) }
        let state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM).map { ippGetInteger($0, 0) } ?? 0
        let accepting = ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN).map { ippGetBoolean($0, 0) != 0 } ?? false
        let message = ippFindAttribute(response, "printer-state-message", IPP_TAG_TEXT)
            .flatMap { ippGetString($0, 0, nil) }.map { String(cString: $0) } ?? ""
        var reasons: [String] = []
        if let attribute = ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD) {
            for index in 0..<ippGetCount(attribute) {
                if let reason = ippGetString(attribute, index, nil) { reasons.append(String(cString: reason)) }
            }
        }
        let stateName = [3: "idle", 4: "processing", 5: "stopped"][Int(state)] ?? "unknown"
        return PrinterStatus(queue: queue, state: stateName, acceptingJobs: accepting, message: message, reasons: reasons)
    }
}
