import CLibXML2
import MentorBase

/// Inflates one zip entry on demand: each ``read(into:)`` returns the next piece of the part.
///
/// Pull-based on purpose: a row cursor asks for the next chunk only when it needs more rows,
/// so a sheet is never inflated ahead of its reader. Every byte is counted against the
/// declared size and the safety caps while it streams, which stops zip bombs whose headers lie.
final class ZipEntryStream {
    private let archive: ZipArchive
    let entry: ZipEntry
    private let location: SourceLocation
    /// On the heap: zlib checks that the stream never moves between calls.
    private let zs: UnsafeMutablePointer<z_stream>
    private var streamReady = false
    private var inputBuffer: UnsafeMutableRawPointer
    private let inputCapacity = 64 * 1024
    /// Next compressed byte to read, and where the entry's compressed bytes end.
    private var inputOffset: Int
    private let inputEnd: Int
    private(set) var produced = 0
    private var crc: UInt = 0
    private var finished = false

    /// The most this part may inflate to: `maxPartBytes` for parts held in memory; a streamed
    /// sheet never is, so only the workbook's total cap bounds it.
    private let partCap: Int

    init(archive: ZipArchive, entry: ZipEntry, streamed: Bool = false) throws {
        self.archive = archive
        self.entry = entry
        var loc = archive.fileLocation
        loc.part = entry.name
        self.location = loc
        let policy = archive.policy
        partCap = streamed ? policy.limits.maxTotalUncompressedBytes : policy.limits.maxPartBytes
        guard !entry.isEncrypted else {
            throw ZipArchive.corrupt(loc, part: entry.name, ru: "часть зашифрована", en: "the part is encrypted")
        }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipArchive.corrupt(loc, part: entry.name, ru: "неизвестный способ сжатия \(entry.method)",
                                     en: "unknown compression method \(entry.method)")
        }
        // Declared sizes first: a bomb that tells the truth is refused before inflating a byte.
        if entry.uncompressedSize > partCap {
            throw ZipEntryStream.tooBig(loc, entry.uncompressedSize, partCap)
        }
        if archive.inflatedTotal + entry.uncompressedSize > policy.limits.maxTotalUncompressedBytes {
            throw ZipEntryStream.totalTooBig(loc, policy.limits.maxTotalUncompressedBytes)
        }
        if entry.uncompressedSize > policy.ratioFloorBytes,
           entry.uncompressedSize / max(entry.compressedSize, 1) > policy.limits.maxCompressionRatio {
            throw ZipEntryStream.bomb(loc)
        }
        // The local header repeats the name and may carry a different extra field length.
        guard let header = try archive.bytes.bytes(at: entry.localHeaderOffset, count: 30),
              header[0] == 0x50, header[1] == 0x4B, header[2] == 0x03, header[3] == 0x04 else {
            throw ZipArchive.corrupt(loc, part: entry.name, ru: "заголовок записи испорчен", en: "the entry's header is broken")
        }
        let nameLength = Int(header[26]) | Int(header[27]) << 8
        let extraLength = Int(header[28]) | Int(header[29]) << 8
        let start = entry.localHeaderOffset + 30 + nameLength + extraLength
        guard start <= archive.centralDirectoryOffset, entry.compressedSize <= archive.centralDirectoryOffset - start else {
            throw ZipArchive.corrupt(loc, part: entry.name, ru: "данные записи выходят за пределы файла (файл обрезан?)",
                                     en: "the entry's data runs past the file (truncated?)")
        }
        if entry.method == 0 && entry.compressedSize != entry.uncompressedSize {
            throw ZipArchive.corrupt(loc, part: entry.name, ru: "размеры несжатой записи не совпадают",
                                     en: "the stored entry's sizes disagree")
        }
        self.inputOffset = start
        self.inputEnd = start + entry.compressedSize
        self.inputBuffer = UnsafeMutableRawPointer.allocate(byteCount: inputCapacity, alignment: 16)
        self.zs = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        zs.initialize(to: z_stream())
        if entry.method == 8 {
            guard mb_inflate_init_raw(zs) == Z_OK else {
                // deinit releases the buffers (the object is fully initialised here).
                throw MentorBaseError.io(loc, ru: "zlib не запустился", en: "zlib failed to start")
            }
            streamReady = true
        }
    }

    deinit {
        if streamReady { inflateEnd(zs) }
        inputBuffer.deallocate()
        zs.deallocate()
    }

    /// Fills `buffer` with the next inflated bytes; 0 means the part is complete and verified.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !finished, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        let n = entry.method == 0 ? try readStored(base, buffer.count) : try readDeflated(base, buffer.count)
        if n == 0 {
            try finish()
            return 0
        }
        try count(base, n)
        return n
    }

    private func readStored(_ base: UnsafeMutableRawPointer, _ capacity: Int) throws -> Int {
        let want = min(capacity, inputEnd - inputOffset)
        guard want > 0 else { return 0 }
        let got = try archive.bytes.read(at: inputOffset, count: want, into: base)
        guard got == want else { throw truncated() }
        inputOffset += got
        return got
    }

    private func readDeflated(_ base: UnsafeMutableRawPointer, _ capacity: Int) throws -> Int {
        if finishedDeflate { return 0 }
        zs.pointee.next_out = base.assumingMemoryBound(to: Bytef.self)
        zs.pointee.avail_out = UInt32(min(capacity, Int(UInt32.max)))
        while zs.pointee.avail_out > 0 {
            if zs.pointee.avail_in == 0 {
                let want = min(inputCapacity, inputEnd - inputOffset)
                if want > 0 {
                    let got = try archive.bytes.read(at: inputOffset, count: want, into: inputBuffer)
                    guard got == want else { throw truncated() }
                    inputOffset += got
                    zs.pointee.next_in = inputBuffer.assumingMemoryBound(to: Bytef.self)
                    zs.pointee.avail_in = UInt32(got)
                }
            }
            let outBefore = zs.pointee.avail_out, inBefore = zs.pointee.avail_in
            let r = inflate(zs, Z_NO_FLUSH)
            if r == Z_STREAM_END {
                // Trailing bytes after the deflate stream are ignored; sizes and CRC are checked at the end.
                let n = capacity - Int(zs.pointee.avail_out)
                inflateEnd(zs)
                streamReady = false
                finishedDeflate = true
                return n
            }
            if r == Z_DATA_ERROR || r == Z_NEED_DICT || r == Z_MEM_ERROR || r == Z_STREAM_ERROR {
                throw ZipArchive.corrupt(location, part: entry.name, ru: "сжатые данные испорчены",
                                         en: "the compressed data is broken")
            }
            if zs.pointee.avail_out == outBefore && zs.pointee.avail_in == inBefore {
                // Neither input taken nor output made: the deflate stream never ends in its bytes.
                throw truncated()
            }
            if zs.pointee.avail_out < outBefore { break }
        }
        return capacity - Int(zs.pointee.avail_out)
    }

    private var finishedDeflate = false

    private func count(_ base: UnsafeMutableRawPointer, _ n: Int) throws {
        produced += n
        archive.inflatedTotal += n
        let policy = archive.policy
        if produced > entry.uncompressedSize {
            throw ZipArchive.corrupt(location, part: entry.name, ru: "часть больше заявленного размера (zip-бомба?)",
                                     en: "the part is larger than declared (a zip bomb?)")
        }
        if produced > partCap { throw ZipEntryStream.tooBig(location, produced, partCap) }
        if archive.inflatedTotal > policy.limits.maxTotalUncompressedBytes {
            throw ZipEntryStream.totalTooBig(location, policy.limits.maxTotalUncompressedBytes)
        }
        let consumed = inputOffset - (inputEnd - entry.compressedSize) - Int(zs.pointee.avail_in)
        if produced > policy.ratioFloorBytes && produced / max(consumed, 1) > policy.limits.maxCompressionRatio {
            throw ZipEntryStream.bomb(location)
        }
        crc = crc32(crc, base.assumingMemoryBound(to: Bytef.self), UInt32(n))
    }

    private func finish() throws {
        finished = true
        if entry.method == 8 && !finishedDeflate { throw truncated() }
        guard produced == entry.uncompressedSize else {
            throw ZipArchive.corrupt(location, part: entry.name, ru: "размер части не совпадает с заявленным",
                                     en: "the part's size differs from the declared one")
        }
        guard UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
            throw ZipArchive.corrupt(location, part: entry.name, ru: "контрольная сумма части не сходится",
                                     en: "the part's checksum does not match")
        }
    }

    private func truncated() -> MentorBaseError {
        ZipArchive.corrupt(location, part: entry.name, ru: "сжатые данные обрываются (файл обрезан?)",
                           en: "the compressed data ends early (truncated file?)")
    }

    static func tooBig(_ loc: SourceLocation, _ size: Int, _ cap: Int) -> MentorBaseError {
        MentorBaseError.limit(loc, ru: "часть книги слишком велика: \(size / 1_048_576) МиБ (допустимо \(cap / 1_048_576) МиБ)",
                              en: "a workbook part is too large: \(size / 1_048_576) MiB (at most \(cap / 1_048_576) MiB)")
    }

    static func totalTooBig(_ loc: SourceLocation, _ cap: Int) -> MentorBaseError {
        MentorBaseError.limit(loc, ru: "книга после распаковки больше \(cap / 1_048_576) МиБ",
                              en: "the workbook inflates to more than \(cap / 1_048_576) MiB")
    }

    static func bomb(_ loc: SourceLocation) -> MentorBaseError {
        MentorBaseError.limit(loc, ru: "подозрительно сильное сжатие (zip-бомба); файл не читается",
                              en: "suspiciously high compression (a zip bomb); the file is not read")
    }
}
