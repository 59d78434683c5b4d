import Foundation

/// Where a reader's bytes come from: a file, standard input, or memory.
///
/// Sniffing peeks at the first bytes without losing them; readers of streaming formats
/// call ``openStream()``, readers that need random access (zip containers) use
/// ``fileURL`` when there is one and ``readAll(limit:)`` otherwise.
public final class InputSource {
    private enum Origin {
        case file(path: String)
        case memory([UInt8], chunkSize: Int)
        case stream(any ByteStream)
    }

    /// The name shown in messages: the path as the user typed it, or `stdin`.
    public let name: String
    private let origin: Origin
    private var peeked: [UInt8]?
    private var streamTaken = false

    /// A file on disk; nothing is opened until it is read.
    public init(path: String, displayName: String? = nil) {
        self.name = displayName ?? path
        self.origin = .file(path: path)
    }

    /// Bytes in memory, handed to stream readers `chunkSize` at a time.
    public init(bytes: [UInt8], name: String, chunkSize: Int = .max) {
        self.name = name
        self.origin = .memory(bytes, chunkSize: chunkSize)
    }

    /// A one-shot stream such as standard input.
    public init(stream: any ByteStream, name: String) {
        self.name = name
        self.origin = .stream(stream)
    }

    /// Standard input.
    public static func standardInput() -> InputSource {
        InputSource(stream: FileDescriptorStream(fd: 0, owns: false, location: SourceLocation(file: "stdin")),
                    name: "stdin")
    }

    /// The location of the whole source, for errors that concern all of it.
    public var location: SourceLocation { SourceLocation(file: name) }

    /// The file's URL when the source is a file on disk.
    public var fileURL: URL? {
        if case .file(let path) = origin { return URL(fileURLWithPath: path) }
        return nil
    }

    /// The file name's extension, lower-cased, without the dot (`csv`), or nil.
    public var fileExtension: String? {
        FileName.extension(of: name)
    }

    /// Up to `count` bytes from the start, without consuming them.
    public func peek(_ count: Int = 64 * 1024) throws -> [UInt8] {
        if let peeked, peeked.count >= count || streamTaken { return Array(peeked.prefix(count)) }
        switch origin {
        case .file(let path):
            let s = try FileDescriptorStream(path: path, displayName: name)
            peeked = try readUpTo(s, count)
        case .memory(let bytes, _):
            peeked = Array(bytes.prefix(count))
        case .stream(let s):
            precondition(!streamTaken, "peek after the stream was opened")
            var have = peeked ?? []
            if have.count < count { have += try readUpTo(s, count - have.count) }
            peeked = have
        }
        return peeked ?? []
    }

    private func readUpTo(_ s: any ByteStream, _ count: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try out.withUnsafeMutableBytes { buf in
                try s.read(into: UnsafeMutableRawBufferPointer(rebasing: buf[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        out.removeSubrange(filled...)
        return out
    }

    /// A stream over the whole source from its first byte. A one-shot source opens once.
    public func openStream() throws -> any ByteStream {
        switch origin {
        case .file(let path):
            return try FileDescriptorStream(path: path, displayName: name)
        case .memory(let bytes, let chunkSize):
            return MemoryStream(bytes, chunkSize: chunkSize)
        case .stream(let s):
            guard !streamTaken else {
                throw MentorBaseError.io(location, ru: "поток уже прочитан", en: "the stream was already read")
            }
            streamTaken = true
            return PrefixedStream(prefix: peeked ?? [], rest: s)
        }
    }

    /// The whole source in memory, refusing more than `limit` bytes.
    public func readAll(limit: Int) throws -> [UInt8] {
        if case .memory(let bytes, _) = origin {
            if bytes.count > limit {
                throw MentorBaseError.limit(location, ru: "файл больше допустимого", en: "the file is larger than allowed")
            }
            return bytes
        }
        return try openStream().readToEnd(limit: limit, location: location)
    }
}
