#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A place bytes are written to, front to back.
public protocol ByteSink: AnyObject {
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// Flushes and releases the destination. Writing after close is an error.
    func close() throws
}

extension ByteSink {
    public func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }
    public func write(_ string: String) throws {
        var s = string
        try s.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }
}

/// A buffered writer over a file descriptor (a file or standard output).
public final class FileSink: ByteSink {
    private let fd: Int32
    private let owns: Bool
    private let location: SourceLocation
    private var buffer: [UInt8] = []
    private let capacity = 256 * 1024
    private var closed = false

    public init(fd: Int32, owns: Bool, location: SourceLocation) {
        self.fd = fd
        self.owns = owns
        self.location = location
        buffer.reserveCapacity(capacity)
    }

    /// Creates or truncates a file; `mode` is applied to a new file (0o600 keeps personal data private).
    public convenience init(path: String, displayName: String, mode: mode_t = 0o644) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        let loc = SourceLocation(file: displayName)
        guard fd >= 0 else {
            let err = errno
            switch err {
            case EISDIR: throw MentorBaseError.io(loc, ru: "это папка, а не файл", en: "this is a directory, not a file")
            case ENOENT: throw MentorBaseError.io(loc, ru: "папка для файла не существует", en: "the folder does not exist")
            case EACCES, EPERM: throw MentorBaseError.io(loc, ru: "нет прав на запись", en: "permission denied")
            default:
                let m = String(cString: strerror(err))
                throw MentorBaseError.io(loc, ru: "не удалось создать файл: \(m)", en: "cannot create the file: \(m)")
            }
        }
        self.init(fd: fd, owns: true, location: loc)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !closed else {
            throw MentorBaseError.io(location, ru: "запись после закрытия", en: "write after close")
        }
        if buffer.count + bytes.count > capacity { try flush() }
        if bytes.count >= capacity {
            try writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    public func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) throws {
        var off = 0
        while off < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + off, bytes.count - off)
            if n < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw MentorBaseError.io(location, ru: "канал закрыт", en: "broken pipe") }
                let m = String(cString: strerror(errno))
                throw MentorBaseError.io(location, ru: "ошибка записи: \(m)", en: "write error: \(m)")
            }
            off += n
        }
    }

    public func close() throws {
        guard !closed else { return }
        defer { closed = true; if owns { Glibc.close(fd) } }
        try flush()
    }

    deinit {
        if !closed {
            try? flush()
            if owns { Glibc.close(fd) }
        }
    }
}

/// Collects written bytes in memory (tests, previews, the conformance suite).
public final class MemorySink: ByteSink {
    public private(set) var bytes: [UInt8] = []
    public private(set) var isClosed = false
    public init() {}
    public func write(_ b: UnsafeRawBufferPointer) throws { bytes.append(contentsOf: b) }
    public func close() throws { isClosed = true }
}

/// Where a writer puts its output: a file path, or a sink (standard output, memory).
///
/// Writers of streaming formats call ``openSink()``. Writers whose library needs a file
/// name (libxlsxwriter) write to ``filePath`` when there is one, else to a private
/// temporary file that ``copyFileToSink(_:)`` then streams into the sink.
public final class OutputTarget {
    private enum Destination {
        case file(path: String)
        case sink(any ByteSink)
    }

    public let name: String
    private let destination: Destination

    public init(path: String, displayName: String? = nil) {
        self.name = displayName ?? path
        self.destination = .file(path: path)
    }

    public init(sink: any ByteSink, name: String) {
        self.name = name
        self.destination = .sink(sink)
    }

    public static func standardOutput() -> OutputTarget {
        OutputTarget(sink: FileSink(fd: 1, owns: false, location: SourceLocation(file: "stdout")), name: "stdout")
    }

    public var location: SourceLocation { SourceLocation(file: name) }

    /// The path when the destination is a file.
    public var filePath: String? {
        if case .file(let p) = destination { return p }
        return nil
    }

    /// The file name's extension, lower-cased, without the dot.
    public var fileExtension: String? {
        FileName.extension(of: name)
    }

    public func openSink() throws -> any ByteSink {
        switch destination {
        case .file(let p): return try FileSink(path: p, displayName: name)
        case .sink(let s): return s
        }
    }

    /// Streams a finished temporary file into the destination (for writers that need a path).
    public func copyFileToSink(_ path: String) throws {
        let input = try FileDescriptorStream(path: path, displayName: name)
        let sink = try openSink()
        var chunk = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try input.read(into: $0) }
            if n == 0 { break }
            try chunk.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
        }
        try sink.close()
    }
}
