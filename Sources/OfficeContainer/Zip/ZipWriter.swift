#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CLibXML2
import MentorBase

/// Writes a zip container front to back into a `ByteSink`: for writers of zip + XML formats
/// (ODS, …) that have no C library to do it.
///
/// Entries go out in the order they are added; nothing is held back but one entry's
/// compression state, so a big part can be written row by row:
/// ```swift
/// let zip = ZipWriter(sink: try target.openSink(), location: target.location)
/// try zip.addStored("mimetype", Array("application/vnd.oasis.opendocument.spreadsheet".utf8))  // first, uncompressed
/// let content = try zip.beginEntry("content.xml")     // deflated as it is written
/// try content.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>…")
/// try content.close()
/// try zip.addDeflated("META-INF/manifest.xml", manifestBytes)
/// try zip.finish()                                   // the central directory; closes the sink
/// ```
/// Entries written with ``beginEntry(_:)`` use a data descriptor (sizes after the data), which
/// every zip reader accepts. Sizes and offsets must stay under 4 GiB (no zip64 on the write
/// side); past that the writer throws `limit-exceeded`. Errors are `MentorBaseError`s naming the output.
public final class ZipWriter {
    struct CentralRecord {
        var name: [UInt8]
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressed: Int
        var uncompressed: Int
        var offset: Int
    }

    private let sink: any ByteSink
    private let location: SourceLocation
    private var records: [CentralRecord] = []
    private var names = Set<String>()
    private(set) var offset = 0
    private var openEntry = false
    private var finished = false
    private let dosTime: UInt16
    private let dosDate: UInt16

    /// A writer over `sink`; `location` names the output in errors.
    public init(sink: any ByteSink, location: SourceLocation) {
        self.sink = sink
        self.location = location
        var now = time(nil)
        var parts = tm()
        localtime_r(&now, &parts)
        dosTime = UInt16((Int(parts.tm_hour) << 11) | (Int(parts.tm_min) << 5) | (Int(parts.tm_sec) / 2))
        dosDate = UInt16((max(0, Int(parts.tm_year) - 80) << 9) | ((Int(parts.tm_mon) + 1) << 5) | Int(parts.tm_mday))
    }

    /// Adds a whole entry without compression (ODF's `mimetype` must be stored, first).
    public func addStored(_ name: String, _ bytes: [UInt8]) throws {
        try checkName(name)
        let crc = bytes.withUnsafeBytes { b in
            UInt32(truncatingIfNeeded: crc32(0, b.baseAddress?.assumingMemoryBound(to: Bytef.self), UInt32(b.count)))
        }
        let record = CentralRecord(name: Array(name.utf8), method: 0, flags: 0x0800, crc: crc,
                                   compressed: bytes.count, uncompressed: bytes.count, offset: offset)
        try emit(localHeader(record))
        try emit(bytes)
        try append(record)
    }

    /// Adds a whole entry, deflated.
    public func addDeflated(_ name: String, _ bytes: [UInt8]) throws {
        let entry = try beginEntry(name)
        try entry.write(bytes)
        try entry.close()
    }

    /// Starts a deflated entry written piece by piece; ``ZipEntryWriter/close()`` ends it.
    /// One entry is open at a time.
    public func beginEntry(_ name: String) throws -> ZipEntryWriter {
        try checkName(name)
        openEntry = true
        let record = CentralRecord(name: Array(name.utf8), method: 8, flags: 0x0808, crc: 0,
                                   compressed: 0, uncompressed: 0, offset: offset)
        try emit(localHeader(record))
        return try ZipEntryWriter(zip: self, record: record)
    }

    /// Writes the central directory and closes the sink. The writer cannot be used after.
    public func finish() throws {
        guard !finished else { return }
        guard !openEntry else { throw misuse("an entry is still open") }
        finished = true
        let start = offset
        for r in records {
            var h = Bytes()
            h.u32(0x0201_4B50); h.u16(20); h.u16(20); h.u16(r.flags); h.u16(r.method)
            h.u16(dosTime); h.u16(dosDate); h.u32(Int(r.crc)); h.u32(r.compressed); h.u32(r.uncompressed)
            h.u16(r.name.count); h.u16(0); h.u16(0); h.u16(0); h.u16(0); h.u32(0); h.u32(r.offset)
            h.raw(r.name)
            try emit(h.bytes)
        }
        let size = offset - start
        try checkFits(start)
        try checkFits(size)
        guard records.count < 0xFFFF else { throw tooLarge() }
        var e = Bytes()
        e.u32(0x0605_4B50); e.u16(0); e.u16(0); e.u16(records.count); e.u16(records.count)
        e.u32(size); e.u32(start); e.u16(0)
        try emit(e.bytes)
        try sink.close()
    }

    // MARK: Internals shared with ZipEntryWriter

    func emit(_ bytes: [UInt8]) throws {
        try sink.write(bytes)
        offset += bytes.count
    }

    func emit(_ bytes: UnsafeRawBufferPointer) throws {
        try sink.write(bytes)
        offset += bytes.count
    }

    func closeEntry(_ record: CentralRecord) throws {
        var d = Bytes()
        try checkFits(record.compressed)
        try checkFits(record.uncompressed)
        d.u32(0x0807_4B50); d.u32(Int(record.crc)); d.u32(record.compressed); d.u32(record.uncompressed)
        try emit(d.bytes)
        openEntry = false
        try append(record)
    }

    private func append(_ record: CentralRecord) throws {
        try checkFits(record.offset)
        records.append(record)
    }

    private func localHeader(_ r: CentralRecord) -> [UInt8] {
        var h = Bytes()
        h.u32(0x0403_4B50); h.u16(20); h.u16(r.flags); h.u16(r.method); h.u16(dosTime); h.u16(dosDate)
        h.u32(Int(r.crc)); h.u32(r.compressed); h.u32(r.uncompressed); h.u16(r.name.count); h.u16(0)
        h.raw(r.name)
        return h.bytes
    }

    private func checkName(_ name: String) throws {
        guard !finished else { throw misuse("the zip is already finished") }
        guard !openEntry else { throw misuse("an entry is still open") }
        guard !name.isEmpty, !name.hasPrefix("/"), !name.split(separator: "/").contains(".."), name.utf8.count < 0xFFFF
        else { throw misuse("bad entry name “\(name)”") }
        guard names.insert(name.lowercased()).inserted else { throw misuse("entry “\(name)” added twice") }
    }

    private func checkFits(_ n: Int) throws {
        if n >= 0xFFFF_FFFF { throw tooLarge() }
    }

    private func tooLarge() -> MentorBaseError {
        MentorBaseError.limit(location, ru: "файл получается больше 4 ГиБ, так его не записать",
                              en: "the output would exceed 4 GiB, which this writer cannot store")
    }

    /// A programming error in the calling writer, reported rather than trapped.
    private func misuse(_ what: String) -> MentorBaseError {
        MentorBaseError(code: "writer-misuse", kind: .io, location: location,
                        message: Localized(ru: "ошибка записи zip: \(what)", en: "zip writer misuse: \(what)"))
    }
}

/// One deflated entry being written: a `ByteSink`, so text writers can write into it directly.
public final class ZipEntryWriter: ByteSink {
    private let zip: ZipWriter
    private var record: ZipWriter.CentralRecord
    private let zs: UnsafeMutablePointer<z_stream>
    private let out: UnsafeMutableRawBufferPointer
    private var closed = false
    private var uncompressed = 0
    private var crc: UInt = 0

    init(zip: ZipWriter, record: ZipWriter.CentralRecord) throws {
        self.zip = zip
        self.record = record
        zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        out = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
        guard mb_deflate_init_raw(zs, Z_DEFAULT_COMPRESSION) == Z_OK else {
            zs.deallocate()
            out.deallocate()
            throw MentorBaseError.io(SourceLocation(), ru: "zlib не запустился", en: "zlib failed to start")
        }
    }

    deinit {
        deflateEnd(zs)
        zs.deallocate()
        out.deallocate()
    }

    /// Compresses `bytes` into the entry.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !closed else { throw MentorBaseError.io(SourceLocation(), ru: "запись после закрытия", en: "write after close") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), UInt32(bytes.count))
        uncompressed += bytes.count
        var offset = 0
        while offset < bytes.count {
            let n = min(bytes.count - offset, 1 << 30)
            zs.pointee.next_in = UnsafeMutablePointer(mutating: (base + offset).assumingMemoryBound(to: Bytef.self))
            zs.pointee.avail_in = UInt32(n)
            try pump(Z_NO_FLUSH)
            offset += n
        }
    }

    /// Ends the entry (flushes the compressor, writes the data descriptor). The zip goes on.
    public func close() throws {
        guard !closed else { return }
        closed = true
        zs.pointee.next_in = nil
        zs.pointee.avail_in = 0
        try pump(Z_FINISH)
        record.crc = UInt32(truncatingIfNeeded: crc)
        record.uncompressed = uncompressed
        try zip.closeEntry(record)
    }

    private func pump(_ flush: Int32) throws {
        while true {
            zs.pointee.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
            zs.pointee.avail_out = UInt32(out.count)
            let r = deflate(zs, flush)
            guard r == Z_OK || r == Z_STREAM_END || r == Z_BUF_ERROR else {
                throw MentorBaseError.io(SourceLocation(), ru: "ошибка zlib \(r)", en: "zlib error \(r)")
            }
            let produced = out.count - Int(zs.pointee.avail_out)
            if produced > 0 {
                try zip.emit(UnsafeRawBufferPointer(rebasing: out[0..<produced]))
                record.compressed += produced
            }
            if flush == Z_FINISH ? r == Z_STREAM_END : (zs.pointee.avail_in == 0 && zs.pointee.avail_out > 0) { return }
        }
    }
}

/// Little-endian header bytes.
private struct Bytes {
    var bytes: [UInt8] = []
    mutating func u16(_ v: Int) { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8((v >> 8) & 0xFF)) }
    mutating func u16(_ v: UInt16) { u16(Int(v)) }
    mutating func u32(_ v: Int) { u16(v & 0xFFFF); u16((v >> 16) & 0xFFFF) }
    mutating func raw(_ b: [UInt8]) { bytes += b }
}
