import Foundation
import HTTPTypes
import Hummingbird
import KasirCentral
import KasirConfig
import KasirCore
import KasirLedger
import KasirReports
import Logging

/// The officers' pages on the centre's server:
///
/// - `GET /masuk` (the sign-in form, with a CSRF token in a cookie of its own) and
///   `POST /masuk` (`nama`, `sandi`, `csrf`): a session cookie, `__Host-kasir_sesi`, HttpOnly,
///   Secure, SameSite=Strict, for 8 hours; `POST /keluar` ends it.
/// - `GET /[?bulan=YYYY-MM]`: the overview of the cafés the officer may see.
/// - `GET /alarm[?bulan=YYYY-MM]`: the month's alarms of their cafés with their evidence, and
///   `POST /alarm/{id}/akui` (`catatan`): an acknowledgement, recorded once with who and when.
/// - `GET /kafe/{code}[?bulan=YYYY-MM]`: one café's month (where its journal stands, its
///   alarms, its training, sales and PNBP reports with their charts), and
///   `GET /kafe/{code}/{pelatihan|penjualan|pnbp}.{csv|json}`: each as a download. Another
///   Kanwil's café is refused (403) and logged.
/// - `GET /kafe/{code}/wbp/{staff}[?bulan=]`: a WBP's progress (code and alias only): six months
///   of hours and skills, competencies, the transcripts issued with their numbers.
///
/// Without a session every page but the sign-in goes to `/masuk` (303). A form whose CSRF
/// token is not the session's (or, for the sign-in, the cookie's) is refused (403).
/// What the pages need of the config folder: the competency units and the skills, as
/// `kasir-central report training` reads them.
public struct PageFigures: Sendable {
    public var competencies: [CompetencyUnit]
    public var skills: [String]
    /// The settings a café's training report is laid out with, as the café prints it (its
    /// name and language set per page).
    public var settings: CafeSettings

    /// From a loaded config folder.
    public init(_ config: KasirConfiguration) {
        competencies = config.competencies
        skills = Array(Set(config.menu.items.map(\.skill))).sorted()
        settings = config.cafe
    }

    /// A café's training report of `month` laid out as the café's own `report training` does,
    /// with its charts: hours per WBP and station, items per skill, competencies, premi.
    func cafeTraining(_ result: CentralTrainingResult, name: String, month: BusinessMonth, language: Language) -> ReportDocument {
        var settings = settings
        settings.name = name
        settings.language = language
        return ReportLayout(settings: settings).document(result.report(month: month.description), skills: skills)
    }
}

extension CentralServer {
    static let sessionCookie = "__Host-kasir_sesi"
    static let signInCookie = "__Host-kasir_csrf"
    /// The largest form taken: a name and a password.
    static let largestForm = 8 * 1024

    static func addOfficeRoutes(to router: Router<CentralRequestContext>, service: CentralService, staleAfter: TimeInterval, figures: PageFigures) {
        let signIns = AddressLimiter(burst: 10, refill: 6)
        addAlarmRoutes(to: router, service: service)

        router.get("/masuk") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            if try await signedIn(request, service) != nil {
                return redirect(pages.language == .en ? "/?lang=en" : "/")
            }
            let csrf = CentralDatabase.newToken()
            var response = html(.ok, pages.signIn(csrf: csrf, problem: nil))
            response.headers.append(HTTPField(name: .setCookie, value: "\(signInCookie)=\(csrf); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600"))
            return response
        }

        router.post("/masuk") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            let address = context.clientAddress(request)
            var request = request
            guard let form = try? await formFields(&request) else { return html(.contentTooLarge, pages.problem(pages.words.formExpired, officer: nil)) }
            // The token must be the one the form was given with its cookie: a page elsewhere
            // cannot sign a browser in to an account of its choosing.
            guard let sent = form["csrf"], let expected = cookie(request, signInCookie), sent == expected else {
                context.logger.warning("sign-in without its CSRF token", metadata: ["address": "\(address)"])
                let fresh = CentralDatabase.newToken()
                var response = html(.forbidden, pages.signIn(csrf: fresh, problem: pages.words.formExpired))
                response.headers.append(HTTPField(name: .setCookie, value: "\(signInCookie)=\(fresh); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=3600"))
                return response
            }
            if let wait = await signIns.take(address) {
                var response = html(.tooManyRequests, pages.signIn(csrf: sent, problem: pages.words.addressLimited))
                response.headers[.retryAfter] = "\(wait)"
                return response
            }
            let name = form["nama"] ?? ""
            let outcome: SignInOutcome
            do {
                outcome = try await service.signIn(name: name, password: form["sandi"] ?? "", address: address)
            } catch {
                context.logger.error("sign-in failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
                return html(.serviceUnavailable, pages.problem(pages.words.unavailable, officer: nil))
            }
            switch outcome {
            case .signedIn(let token, let officer):
                context.logger.info("signed in", metadata: ["user": "\(officer.name)", "address": "\(address)"])
                var response = redirect(pages.language == .en ? "/?lang=en" : "/")
                response.headers.append(HTTPField(name: .setCookie, value: "\(sessionCookie)=\(token); Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=\(Int(CentralDatabase.sessionLength))"))
                response.headers.append(HTTPField(name: .setCookie, value: "\(signInCookie)=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"))
                return response
            case .refused(let why):
                context.logger.warning("sign-in refused", metadata: ["user": "\(clipped(name))", "address": "\(address)", "why": "\(why.rawValue)"])
                let (status, text): (HTTPResponse.Status, String) = switch why {
                case .wrongCredentials: (.unauthorized, pages.words.wrongCredentials)
                case .locked: (.tooManyRequests, pages.words.locked)
                case .addressLimited: (.tooManyRequests, pages.words.addressLimited)
                case .busy: (.serviceUnavailable, pages.words.busy)
                }
                return html(status, pages.signIn(csrf: sent, problem: text, name: String(name.prefix(64))))
            }
        }

        router.post("/keluar") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            guard let token = cookie(request, sessionCookie), let officer = try await service.officer(token: token) else { return redirect("/masuk") }
            var request = request
            guard let form = try? await formFields(&request), form["csrf"] == officer.csrf else {
                context.logger.warning("form without its CSRF token", metadata: ["user": "\(officer.name)", "path": "/keluar"])
                return html(.forbidden, pages.problem(pages.words.formExpired, officer: officer))
            }
            try await service.signOut(token: token, officer: officer, address: context.clientAddress(request))
            var response = redirect("/masuk")
            response.headers.append(HTTPField(name: .setCookie, value: "\(sessionCookie)=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0"))
            return response
        }

        router.get("/") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            guard let officer = try await signedIn(request, service) else { return redirect("/masuk" + pages.languageQuery) }
            guard let month = month(request) else { return html(.badRequest, pages.problem(pages.words.badMonth, officer: officer)) }
            let interval = CafeCalendar.wita.interval(of: month)
            do {
                let scope = officer.scope(start: interval.start, end: interval.end)
                let statuses = try await service.cafeStatuses(scope, staleAfter: staleAfter)
                // The month's figures by each café's own rules, as its reports give them.
                let training = try await service.trainingResults(scope, month: month, competencies: figures.competencies)
                let sales = Dictionary(try await service.salesResults(scope, month: month).map { ($0.cafe, $0.report.netRevenue) }, uniquingKeysWith: { a, _ in a })
                let pnbp = Dictionary(try await service.pnbpResults(scope, month: month).map { ($0.cafe, $0) }, uniquingKeysWith: { a, _ in a })
                var monthFigures: [String: OfficePages.MonthFigures] = [:]
                for result in training {
                    monthFigures[result.cafe] = OfficePages.MonthFigures(
                        hours: TrainingHours.hundredths(result.staff.reduce(0) { $0 + $1.hours }), netRevenue: sales[result.cafe] ?? 0,
                        pnbpDue: pnbp[result.cafe]?.due ?? 0, pnbpDeposited: pnbp[result.cafe]?.deposited ?? 0)
                }
                return html(.ok, pages.overview(officer, statuses: statuses, figures: monthFigures, month: month, now: Date()))
            } catch {
                context.logger.error("overview failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
                return html(.serviceUnavailable, pages.problem(pages.words.unavailable, officer: officer))
            }
        }

        router.get("/kafe/:code") { (request: Request, context: CentralRequestContext) async throws -> Response in
            try await withCafe(request, context, service: service, staleAfter: staleAfter) { pages, officer, month, scope, status in
                let alarms = try await service.alarms(scope)
                let training = try await service.trainingResults(scope, month: month, competencies: figures.competencies)
                let sales = try await service.salesResults(scope, month: month)
                let pnbp = try await service.pnbpResults(scope, month: month)
                let layout = CentralReportLayout(language: pages.language)
                // The training report as the café prints it; the download is the centre's table of it.
                let trainingDocument = training.first.map { figures.cafeTraining($0, name: status.name, month: month, language: pages.language) }
                    ?? layout.training(training, month: month.description, skills: figures.skills)
                let documents = [("pelatihan", trainingDocument),
                                 ("penjualan", layout.sales(sales, month: month.description)), ("pnbp", layout.pnbp(pnbp, month: month.description))]
                return html(.ok, pages.cafe(officer, status: status, alarms: alarms, staff: training.first?.staff ?? [], documents: documents,
                                            month: month, now: Date()))
            }
        }

        router.get("/kafe/:code/wbp/:staff") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let staff = String(try context.parameters.require("staff").prefix(16))
            return try await withCafe(request, context, service: service, staleAfter: staleAfter) { pages, officer, month, scope, status in
                let training = try await service.trainingResults(scope, month: month, competencies: figures.competencies)
                guard let entry = training.first?.staff.first(where: { $0.code == staff }) else {
                    return html(.notFound, pages.problem(pages.words.noSuchWBP, officer: officer))
                }
                let transcripts = try await service.issuedTranscripts(cafe: status.code, staff: entry.code)
                return html(.ok, pages.wbp(officer, cafe: status, entry: entry, transcripts: transcripts, month: month))
            }
        }

        // Each table of a café's month as CSV or JSON, as `report … --format csv|json` gives it.
        router.get("/kafe/:code/:file") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let file = try context.parameters.require("file")
            let parts = file.split(separator: ".").map(String.init)
            return try await withCafe(request, context, service: service, staleAfter: staleAfter) { pages, officer, month, scope, status in
                guard parts.count == 2, ["pelatihan", "penjualan", "pnbp"].contains(parts[0]), ["csv", "json"].contains(parts[1]) else {
                    return html(.notFound, pages.problem(pages.words.notFound, officer: officer))
                }
                let layout = CentralReportLayout(language: pages.language)
                let json = parts[1] == "json"
                let body: Data
                switch parts[0] {
                case "pelatihan":
                    let results = try await service.trainingResults(scope, month: month, competencies: figures.competencies)
                    body = json ? try await CentralReportJSON.training(results, month: month)
                        : Data(layout.training(results, month: month.description, skills: figures.skills).csvText.utf8)
                case "penjualan":
                    let results = try await service.salesResults(scope, month: month)
                    body = json ? try await CentralReportJSON.sales(results, month: month) : Data(layout.sales(results, month: month.description).csvText.utf8)
                default:
                    let results = try await service.pnbpResults(scope, month: month)
                    body = json ? try await CentralReportJSON.pnbp(results, month: month) : Data(layout.pnbp(results, month: month.description).csvText.utf8)
                }
                var headers = pageHeaders()
                headers[.contentType] = json ? "application/json" : "text/csv; charset=utf-8"
                headers[.contentDisposition] = "attachment; filename=\"\(status.code)-\(month)-\(file)\""
                return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
            }
        }
    }

    /// A page of one café: signed in, a month that reads, the café in the officer's scope
    /// (else 403, logged), then `body`; a database that fails is a 503 page.
    static func withCafe(
        _ request: Request, _ context: CentralRequestContext, service: CentralService, staleAfter: TimeInterval,
        _ body: (OfficePages, Officer, BusinessMonth, CentralScope, CentralCafeStatus) async throws -> Response
    ) async throws -> Response {
            let pages = OfficePages(request)
            guard let officer = try await signedIn(request, service) else { return redirect("/masuk" + pages.languageQuery) }
            guard let month = month(request) else { return html(.badRequest, pages.problem(pages.words.badMonth, officer: officer)) }
            let code = String(try context.parameters.require("code").prefix(16))
        do {
            guard let (scope, status) = try await cafeInScope(officer, code: code, month: month, service: service, staleAfter: staleAfter) else {
                context.logger.warning("café refused", metadata: ["user": "\(officer.name)", "cafe": "\(clipped(code))"])
                return html(.forbidden, pages.problem(pages.words.notYours, officer: officer))
            }
            return try await body(pages, officer, month, scope, status)
        } catch {
            context.logger.error("café page failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
            return html(.serviceUnavailable, pages.problem(pages.words.unavailable, officer: officer))
        }
    }

    /// `GET /alarm[?bulan=]` and `POST /alarm/{id}/akui` (`csrf`, `catatan`).
    static func addAlarmRoutes(to router: Router<CentralRequestContext>, service: CentralService) {
        router.get("/alarm") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            guard let officer = try await signedIn(request, service) else { return redirect("/masuk" + pages.languageQuery) }
            guard let month = month(request) else { return html(.badRequest, pages.problem(pages.words.badMonth, officer: officer)) }
            let interval = CafeCalendar.wita.interval(of: month)
            do {
                let records = try await service.alarmRecords(officer.scope(start: interval.start, end: interval.end))
                return html(.ok, pages.alarms(officer, records: records, month: month))
            } catch {
                context.logger.error("alarms page failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
                return html(.serviceUnavailable, pages.problem(pages.words.unavailable, officer: officer))
            }
        }

        router.post("/alarm/:id/akui") { (request: Request, context: CentralRequestContext) async throws -> Response in
            let pages = OfficePages(request)
            guard let officer = try await signedIn(request, service) else { return redirect("/masuk" + pages.languageQuery) }
            guard let month = month(request), let id = Int64(try context.parameters.require("id")) else {
                return html(.badRequest, pages.problem(pages.words.notFound, officer: officer))
            }
            var request = request
            guard let form = try? await formFields(&request), form["csrf"] == officer.csrf else {
                context.logger.warning("form without its CSRF token", metadata: ["user": "\(officer.name)", "path": "/alarm/\(id)/akui"])
                return html(.forbidden, pages.problem(pages.words.formExpired, officer: officer))
            }
            let back = "/alarm?bulan=\(month)" + (pages.language == .en ? "&lang=en" : "") + "#alarm-\(id)"
            do {
                guard try await service.acknowledgeAlarm(id, by: officer, note: form["catatan"] ?? "") else {
                    context.logger.warning("alarm refused", metadata: ["user": "\(officer.name)", "alarm": "\(id)"])
                    return html(.forbidden, pages.problem(pages.words.notYourAlarm, officer: officer))
                }
                context.logger.info("alarm acknowledged", metadata: ["user": "\(officer.name)", "alarm": "\(id)"])
                return redirect(back)
            } catch let error as CentralError {
                let interval = CafeCalendar.wita.interval(of: month)
                let records = (try? await service.alarmRecords(officer.scope(start: interval.start, end: interval.end))) ?? []
                return html(.badRequest, pages.alarms(officer, records: records, month: month, problem: pages.catalog.describe(error)))
            } catch {
                context.logger.error("acknowledgement failed", metadata: ["error": "\(CentralDatabase.plain(error))"])
                return html(.serviceUnavailable, pages.problem(pages.words.unavailable, officer: officer))
            }
        }
    }

    /// The scope of café `code` in `month` and where its journal stands, when the officer may
    /// see it; `nil` for another Kanwil's café and for one that does not exist alike, so the
    /// answer does not say which codes exist.
    static func cafeInScope(_ officer: Officer, code: String, month: BusinessMonth, service: CentralService, staleAfter: TimeInterval)
        async throws -> (CentralScope, CentralCafeStatus)? {
        if let own = officer.cafe, own != code { return nil }
        let interval = CafeCalendar.wita.interval(of: month)
        var scope = officer.scope(start: interval.start, end: interval.end)
        scope.cafe = code
        guard let status = try await service.cafeStatuses(scope, staleAfter: staleAfter).first else { return nil }
        return (scope, status)
    }

    static func language(_ request: Request) -> Language { request.uri.queryParameters["lang"] == "en" ? .en : .id }

    /// `?bulan=YYYY-MM`, or this month in WITA; `nil` when malformed.
    static func month(_ request: Request) -> BusinessMonth? {
        guard let text = request.uri.queryParameters["bulan"].map(String.init) else { return CafeCalendar.wita.month(of: Date()) }
        return try? BusinessMonth.parse(text)
    }

    /// The officer the request's session cookie opens; `nil` without one, or for a cookie no
    /// session has (forged, ended, expired).
    ///
    /// - Throws: when PostgreSQL cannot be asked: an error (500), not a sign-in page that
    ///   would hide it.
    static func signedIn(_ request: Request, _ service: CentralService) async throws -> Officer? {
        guard let token = cookie(request, sessionCookie) else { return nil }
        return try await service.officer(token: token)
    }

    /// The value of cookie `name`, if the request carries it once.
    static func cookie(_ request: Request, _ name: String) -> String? {
        let values = request.headers[values: .cookie].flatMap { $0.split(separator: ";") }.compactMap { pair -> String? in
            let parts = pair.trimmingCharacters(in: CharacterSet.whitespaces).split(separator: "=", maxSplits: 1)
            return parts.count == 2 && parts[0] == name ? String(parts[1]) : nil
        }
        return values.count == 1 ? values[0] : nil
    }

    /// The fields of a form sent as `application/x-www-form-urlencoded`, each name once (the
    /// first). Read by hand, byte by byte: whatever the body holds, a field is what it decodes
    /// to, and a malformed escape is kept as it came, never an error.
    static func formFields(_ request: inout Request) async throws -> [String: String] {
        let body = try await request.collectBody(upTo: largestForm)
        var fields: [String: String] = [:]
        for pair in body.readableBytesView.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = formDecoded(parts[0]), value = parts.count > 1 ? formDecoded(parts[1]) : ""
            if fields[name] == nil { fields[name] = value }
        }
        return fields
    }

    /// One name or value of a form: `+` is a space, `%XX` a byte; the bytes read as UTF-8.
    static func formDecoded<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
            default: return nil
            }
        }
        while index != bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let first = bytes.index(index, offsetBy: 1, limitedBy: bytes.endIndex), first != bytes.endIndex,
                      let second = bytes.index(first, offsetBy: 1, limitedBy: bytes.endIndex), second != bytes.endIndex,
                      let high = hex(bytes[first]), let low = hex(bytes[second]) {
                out.append(high << 4 | low)
                index = second
            } else {
                out.append(byte)
            }
            index = bytes.index(after: index)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: pageHeaders(location: location))
    }
}
