import MentorBase

/// Pulls one zip entry through an XML push parser a chunk at a time: the engine of a
/// streaming row cursor.
///
/// A cursor's `next()` calls ``feedNextChunk()`` only while its sink has no finished row
/// queued, so a part is inflated and parsed just as far as the reader has asked:
/// ```swift
/// func next() throws -> Row? {
///     while sink.queue.isEmpty {
///         if !(try feeder.feedNextChunk()) { break }   // the part is parsed and verified
///     }
///     return sink.queue.isEmpty ? nil : sink.queue.removeFirst()
/// }
/// ```
/// Memory stays at one chunk plus what the sink keeps, whatever the part's size.
public final class XMLPartFeeder {
    private let stream: ZipEntryStream
    /// The parser, for readers that need to reach it.
    public let parser: XMLPushParser
    private let buffer: UnsafeMutableRawBufferPointer
    /// True once the whole part went through the parser (and its size and CRC were checked).
    public private(set) var isFinished = false

    /// Opens `entry` for streaming into `sink`. `streamed` (the default) bounds the part by the
    /// container's total cap, not `maxPartBytes`: right for parts that are never held whole.
    public init(archive: ZipArchive, entry: ZipEntry, sink: SAXSink, streamed: Bool = true,
                chunkSize: Int = 32 * 1024) throws {
        stream = try ZipEntryStream(archive: archive, entry: entry, streamed: streamed)
        parser = try XMLPushParser(sink: sink, format: archive.format)
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, chunkSize), alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Inflates and parses the next chunk; returns false once the part is complete (after
    /// which the sink has seen every event). Errors are located `MentorBaseError`s.
    public func feedNextChunk() throws -> Bool {
        if isFinished { return false }
        let n = try stream.read(into: buffer)
        if n == 0 {
            isFinished = true
            try parser.finish()
            return false
        }
        try parser.feed(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
        return true
    }
}
