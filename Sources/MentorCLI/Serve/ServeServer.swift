#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import MentorBase
import NIOCore

/// Everything the server was started with; fixed for its lifetime.
struct ServeSettings: Sendable {
    var host: String
    var port: Int
    /// The store path or URL, opened per operation as the store commands do.
    var store: String
    var password: String?
    var maxUploadBytes: Int
    /// An upload no page used for this long is deleted (`--keep-uploads`, minutes).
    var uploadIdleSeconds: Double = 7200
    var lang: Language
    var referenceDate: CalendarDate
    var registry: FormatRegistry
    var quiet: Bool
}

extension ServeSettings {
    /// Seconds shown as whole minutes (at least 1).
    static func minutes(_ seconds: Double) -> Int { max(1, Int((seconds / 60).rounded())) }
}

/// The password rule: loopback needs none; any other address needs one.
enum ServePassword {
    /// The password from `--password-file` (first line) or `MENTORBASE_PASSWORD`; nil when neither is set.
    static func resolve(file: String?, environment: [String: String]) throws -> String? {
        if let file {
            let bytes = try InputSource(path: file).readAll(limit: 64 * 1024)
            let text = String(decoding: bytes, as: UTF8.self)
            let first = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).first.map(String.init) ?? ""
            guard !first.isEmpty else {
                throw MentorBaseError.usage(ru: "файл пароля пуст: \(file)", en: "the password file is empty: \(file)")
            }
            return first
        }
        if let env = environment["MENTORBASE_PASSWORD"], !env.isEmpty { return env }
        return nil
    }

    /// 127.0.0.0/8, ::1 and `localhost` reach this computer only.
    static func isLoopback(_ host: String) -> Bool {
        let h = host.lowercased()
        if h == "localhost" || h == "::1" || h == "[::1]" { return true }
        let parts = h.split(separator: ".")
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}

/// Starts Hummingbird, hands each request to `ServeApp`, and cleans the upload folder at exit.
enum ServeServer {
    static func run(_ settings: ServeSettings) throws {
        let scratch = try ScratchFolder.create()
        let app = ServeApp(settings: settings, scratch: scratch)
        let lang = settings.lang
        let announce: @Sendable (Int) -> Void = { port in
            let shownHost = settings.host.contains(":") ? "[\(settings.host)]" : settings.host
            let url = "http://\(shownHost):\(port)/"
            var lines: [String] = []
            if lang == .ru {
                lines.append("mentorbase serve: страница открыта по адресу \(url)")
                lines.append(settings.password == nil
                    ? "  доступ: только с этого компьютера (адрес \(settings.host)), без пароля"
                    : "  доступ: по паролю (HTTP Basic, любое имя пользователя); адрес \(settings.host)")
                lines.append("  хранилище: \(settings.store); загрузки до \(settings.maxUploadBytes / 1_048_576) МБ во временной папке \(scratch.path) (удаляется после импорта, через \(ServeSettings.minutes(settings.uploadIdleSeconds)) мин без дела и при остановке)")
                lines.append("  остановить: Ctrl+C")
            } else {
                lines.append("mentorbase serve: the page is at \(url)")
                lines.append(settings.password == nil
                    ? "  access: this computer only (address \(settings.host)), no password"
                    : "  access: password required (HTTP Basic, any user name); address \(settings.host)")
                lines.append("  store: \(settings.store); uploads up to \(settings.maxUploadBytes / 1_048_576) MB in the temporary folder \(scratch.path) (deleted after the import, after \(ServeSettings.minutes(settings.uploadIdleSeconds)) min unused, and at exit)")
                lines.append("  stop: Ctrl+C")
            }
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        var logger = Logger(label: "mentorbase.serve")
        // Hummingbird's own messages could carry request details: only problems are logged.
        logger.logLevel = .warning
        let responder = CallbackResponder<ServeRequestContext> { request, context in
            await app.respond(to: request, client: context.remoteAddress?.ipAddress)
        }
        let application = Application(
            responder: responder,
            configuration: ApplicationConfiguration(address: .hostname(settings.host, port: settings.port),
                                                    serverName: nil),
            onServerRunning: { channel in
                announce(channel.localAddress?.port ?? settings.port)
            },
            logger: logger)
        let done = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Task.detached {
            do {
                try await application.runService()
            } catch {
                failure.set(error)
            }
            done.signal()
        }
        done.wait()
        scratch.removeAll()
        if let error = failure.error {
            throw MentorBaseError(code: "serve-failed", kind: .io,
                                  message: Localized(ru: "сервер остановился с ошибкой: \(error)",
                                                     en: "the server stopped with an error: \(error)"),
                                  hint: Localized(ru: "возможно, порт \(settings.port) занят: укажите другой --port",
                                                  en: "the port \(settings.port) may be taken: pass another --port"))
        }
    }
}

/// Hummingbird's basic context plus the client's address (for the password throttle).
struct ServeRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}

/// An error handed from the server task to the waiting thread.
///
/// `@unchecked Sendable`: every access holds `lock`.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: (any Error)?

    func set(_ e: any Error) {
        lock.lock()
        stored = e
        lock.unlock()
    }

    var error: (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// The converter between Hummingbird's request and response and the app's plain ones.
extension ServeApp {
    func respond(to request: Request, client: String?) async -> Response {
        let started = DispatchTime.now().uptimeNanoseconds
        var incoming = ServeRequest(method: request.method.rawValue, path: request.uri.path,
                                    query: ServeForm.parseURLEncoded(request.uri.query ?? ""),
                                    authority: request.head.authority, client: client)
        for field in request.headers { incoming.headers.append((field.name.canonicalName, field.value)) }
        var out: ServeResponse
        if let early = precheck(incoming) {
            out = early
        } else if incoming.method == "POST" || incoming.method == "PUT" || incoming.method == "DELETE" || incoming.method == "PATCH" {
            switch await collect(request.body, declared: incoming.header("content-length").flatMap { Int($0) }) {
            case .some(let bytes):
                incoming.body = bytes
                out = await handle(incoming)
            case .none:
                out = tooLarge(incoming)
            }
        } else {
            out = await handle(incoming)
        }
        let response = convert(out)
        let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        log(method: incoming.method, path: incoming.path, status: out.status, ms: ms)
        return response
    }

    /// The body up to the upload limit; nil when larger (the rest is read and dropped, up to a bound,
    /// so the browser gets the 413 page instead of a reset connection).
    private func collect(_ body: RequestBody, declared: Int?) async -> [UInt8]? {
        let limit = settings.maxUploadBytes + 256 * 1024
        if let declared, declared > limit * 4 { return nil }
        var bytes: [UInt8] = []
        var seen = 0
        do {
            for try await chunk in body {
                seen += chunk.readableBytes
                if seen > limit {
                    bytes = []
                    if seen > limit * 4 { return nil }
                    continue
                }
                chunk.withUnsafeReadableBytes { bytes.append(contentsOf: $0) }
            }
        } catch {
            return seen > limit ? nil : []
        }
        return seen > limit ? nil : bytes
    }

    private func convert(_ r: ServeResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in r.headers {
            if let n = HTTPField.Name(name) { headers.append(HTTPField(name: n, value: value)) }
        }
        let body = ByteBuffer(bytes: r.body)
        return Response(status: HTTPResponse.Status(code: r.status), headers: headers, body: ResponseBody(byteBuffer: body))
    }

    /// Method, path (never the query: it may hold a name), status and time; nothing else.
    private func log(method: String, path: String, status: Int, ms: Double) {
        guard !settings.quiet else { return }
        let safePath = path.count > 200 ? String(path.prefix(200)) + "…" : path
        let line = "\(Clock.nowUTC)Z \(method) \(safePath) \(status) \(String(format: "%.1f", ms)) ms\n"
        FileHandle.standardError.write(Data(line.utf8))
    }
}

/// The private temporary folder for uploads and generated files: mode 0700, removed at exit.
final class ScratchFolder: Sendable {
    let path: String

    private init(path: String) { self.path = path }

    static func create() throws -> ScratchFolder {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((base + "/mentorbase-serve.XXXXXX").utf8CString)
        let made: String? = template.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let path = made else {
            throw MentorBaseError.io(SourceLocation(file: base), ru: "не удалось создать временную папку", en: "cannot create a temporary folder")
        }
        chmod(path, 0o700)
        return ScratchFolder(path: path)
    }

    /// A new private subfolder (0700) for one upload or one generated file.
    func makeFolder() throws -> String {
        let p = path + "/" + ServeToken.random(bytes: 12)
        guard mkdir(p, 0o700) == 0 else {
            throw MentorBaseError.io(SourceLocation(file: p), ru: "не удалось создать папку", en: "cannot create a folder")
        }
        return p
    }

    /// Removes one subfolder and what it holds (uploads are flat: files only).
    func remove(folder: String) {
        guard folder.hasPrefix(path + "/") else { return }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: folder) {
            for n in names { unlink(folder + "/" + n) }
        }
        rmdir(folder)
    }

    func removeAll() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Random tokens for CSRF, upload ids and CSP nonces.
enum ServeToken {
    static func random(bytes n: Int) -> String {
        var g = SystemRandomNumberGenerator()
        var out = ""
        for _ in 0..<n {
            let b = UInt8.random(in: 0...255, using: &g)
            out += String(b, radix: 16).count == 1 ? "0" + String(b, radix: 16) : String(b, radix: 16)
        }
        return out
    }

    /// Compares without stopping at the first difference.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}
