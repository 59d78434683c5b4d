#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A source of bytes read front to back. Readers of streaming formats pull from it in chunks.
public protocol ByteStream: AnyObject {
    /// Fills `buffer` with up to its count of bytes; returns 0 at the end of the stream.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

extension ByteStream {
    /// Reads everything that is left, refusing more than `limit` bytes.
    public func readToEnd(limit: Int, location: SourceLocation) throws -> [UInt8] {
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = try chunk.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            if out.count + n > limit {
                throw MentorBaseError.limit(location,
                    ru: "файл больше допустимого (\(limit / 1_048_576) МиБ)",
                    en: "the file is larger than allowed (\(limit / 1_048_576) MiB)")
            }
            out.append(contentsOf: chunk[0..<n])
        }
        return out
    }
}

/// Reads a file descriptor with `read(2)`; closes it when done if it owns it.
public final class FileDescriptorStream: ByteStream {
    private let fd: Int32
    private let owns: Bool
    private let location: SourceLocation
    private var closed = false

    public init(fd: Int32, owns: Bool, location: SourceLocation) {
        self.fd = fd
        self.owns = owns
        self.location = location
    }

    /// Opens a regular file for reading, with a clear error for missing files, folders and permissions.
    public convenience init(path: String, displayName: String) throws {
        let loc = SourceLocation(file: displayName)
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw FileDescriptorStream.openError(errno, loc)
        }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw MentorBaseError.io(loc, ru: "это папка, а не файл", en: "this is a directory, not a file")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileDescriptorStream.openError(errno, loc) }
        self.init(fd: fd, owns: true, location: loc)
    }

    static func openError(_ err: Int32, _ loc: SourceLocation) -> MentorBaseError {
        switch err {
        case ENOENT:
            return .io(loc, ru: "файл не найден", en: "file not found")
        case EACCES, EPERM:
            return .io(loc, ru: "нет прав на чтение файла", en: "permission denied")
        default:
            let msg = String(cString: strerror(err))
            return .io(loc, ru: "не удалось открыть файл: \(msg)", en: "cannot open the file: \(msg)")
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !closed, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = Glibc.read(fd, base, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            let err = errno
            if err == EISDIR {
                throw MentorBaseError.io(location, ru: "это папка, а не файл", en: "this is a directory, not a file")
            }
            let msg = String(cString: strerror(err))
            throw MentorBaseError.io(location, ru: "ошибка чтения: \(msg)", en: "read error: \(msg)")
        }
    }

    deinit {
        if owns && !closed { close(fd) }
    }
}

/// Bytes held in memory, handed out at most `chunkSize` at a time.
///
/// The conformance suite uses small chunk sizes (1, 7) to prove a reader copes with any split.
public final class MemoryStream: ByteStream {
    private let bytes: [UInt8]
    private var offset = 0
    private let chunkSize: Int

    public init(_ bytes: [UInt8], chunkSize: Int = .max) {
        self.bytes = bytes
        self.chunkSize = max(1, chunkSize)
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, chunkSize, bytes.count - offset)
        guard n > 0 else { return 0 }
        bytes.withUnsafeBytes { src in
            buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// Replays a saved prefix before the rest of the underlying stream (used after sniffing stdin).
final class PrefixedStream: ByteStream {
    private var prefix: [UInt8]
    private var prefixOffset = 0
    private let rest: any ByteStream

    init(prefix: [UInt8], rest: any ByteStream) {
        self.prefix = prefix
        self.rest = rest
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if prefixOffset < prefix.count {
            let n = min(buffer.count, prefix.count - prefixOffset)
            prefix.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + prefixOffset, byteCount: n)
            }
            prefixOffset += n
            return n
        }
        return try rest.read(into: buffer)
    }
}
