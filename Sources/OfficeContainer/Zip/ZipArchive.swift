#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import MentorBase

/// Random-access bytes of a zip container: a file read with `pread`, or bytes in memory.
public final class ZipBytes {
    private enum Storage {
        case file(fd: Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// The container's size in bytes.
    public let count: Int
    private let location: SourceLocation

    /// Opens a file read-only; the descriptor is closed with this object.
    public init(path: String, location: SourceLocation) throws {
        self.location = location
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let err = errno
            switch err {
            case ENOENT: throw MentorBaseError.io(location, ru: "файл не найден", en: "file not found")
            case EACCES, EPERM: throw MentorBaseError.io(location, ru: "нет прав на чтение файла", en: "permission denied")
            default:
                let m = String(cString: strerror(err))
                throw MentorBaseError.io(location, ru: "не удалось открыть файл: \(m)", en: "cannot open the file: \(m)")
            }
        }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw MentorBaseError.io(location, ru: "это не обычный файл", en: "this is not a regular file")
        }
        self.storage = .file(fd: fd)
        self.count = Int(st.st_size)
    }

    /// Bytes already in memory (standard input, tests).
    public init(bytes: [UInt8], location: SourceLocation) {
        self.location = location
        self.storage = .memory(bytes)
        self.count = bytes.count
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// Copies up to `count` bytes at `offset` into `buffer`; returns how many were copied.
    public func read(at offset: Int, count wanted: Int, into buffer: UnsafeMutableRawPointer) throws -> Int {
        guard offset >= 0, offset < count, wanted > 0 else { return 0 }
        let n = min(wanted, count - offset)
        switch storage {
        case .memory(let bytes):
            bytes.withUnsafeBytes { src in
                buffer.copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
            return n
        case .file(let fd):
            var done = 0
            while done < n {
                let r = pread(fd, buffer + done, n - done, off_t(offset + done))
                if r < 0 {
                    if errno == EINTR { continue }
                    let m = String(cString: strerror(errno))
                    throw MentorBaseError.io(location, ru: "ошибка чтения: \(m)", en: "read error: \(m)")
                }
                if r == 0 { break }
                done += r
            }
            return done
        }
    }

    /// Exactly `count` bytes at `offset`, or nil when the container is shorter.
    public func bytes(at offset: Int, count n: Int) throws -> [UInt8]? {
        guard n >= 0, offset >= 0, offset <= count - n else { return nil }
        var out = [UInt8](repeating: 0, count: n)
        let got = try out.withUnsafeMutableBytes { try read(at: offset, count: n, into: $0.baseAddress!) }
        return got == n ? out : nil
    }
}

/// One entry of a zip's central directory.
public struct ZipEntry: Sendable, Hashable {
    /// The name as stored, with `\` turned into `/`.
    public var name: String
    /// 0 stored, 8 deflated; anything else is refused when read.
    public var method: UInt16
    /// General-purpose flags (bit 0: encrypted).
    public var flags: UInt16
    /// The CRC-32 the directory declares, checked when the entry has been read.
    public var crc32: UInt32
    /// Compressed bytes, as declared.
    public var compressedSize: Int
    /// Uncompressed bytes, as declared (and enforced while inflating).
    public var uncompressedSize: Int
    /// Where the entry's local header starts.
    public var localHeaderOffset: Int

    /// The entry is encrypted (refused when read).
    public var isEncrypted: Bool { flags & 1 != 0 }
    /// The entry names a folder, not a part.
    public var isDirectory: Bool { name.hasSuffix("/") }
}

/// A zip container's central directory, read once, checked against the safety policy.
///
/// Only the directory is parsed here; entries are inflated on demand by ``ZipEntryStream``,
/// chunk by chunk, so nothing is ever written to disk and a part never has to sit in
/// memory whole.
///
/// ```swift
/// let archive = try ZipArchive(source: source, policy: ContainerSafetyPolicy(limits: options.limits),
///                              format: ContainerFormat(name: "ODS"))
/// guard let content = archive.entry(named: "content.xml") else { throw archive.missingPart("content.xml") }
/// try archive.parse(part: content, with: smallPartSink)     // a small part, parsed whole
/// let feeder = try XMLPartFeeder(archive: archive, entry: content, sink: rowSink)  // or pulled
/// ```
/// One archive belongs to one task (it counts the bytes inflated so far).
public final class ZipArchive {
    /// The container's bytes.
    public let bytes: ZipBytes
    /// Every entry of the central directory, in directory order.
    public let entries: [ZipEntry]
    /// Where the central directory starts: every entry's data must end before it.
    public let centralDirectoryOffset: Int
    private let index: [String: Int]
    /// The caps every entry read through this archive is held to.
    public let policy: ContainerSafetyPolicy
    /// How messages name the format and what they advise.
    public let format: ContainerFormat
    /// The whole file's location (its name); errors add the part.
    public let fileLocation: SourceLocation
    /// Inflated bytes of every part read so far, against `maxTotalUncompressedBytes`.
    public internal(set) var inflatedTotal = 0

    /// Reads and checks the central directory of `bytes`.
    public init(bytes: ZipBytes, policy: ContainerSafetyPolicy, format: ContainerFormat, location: SourceLocation) throws {
        self.bytes = bytes
        self.policy = policy
        self.format = format
        self.fileLocation = location
        let dir = try ZipArchive.readDirectory(bytes, policy: policy, format: format, location: location)
        self.entries = dir.entries
        self.centralDirectoryOffset = dir.offset
        var index: [String: Int] = [:]
        for (i, e) in dir.entries.enumerated() {
            let key = e.name.lowercased()
            if index[key] != nil {
                throw ZipArchive.corrupt(location, format, part: e.name,
                                         ru: "имя записи в zip повторяется", en: "the zip holds this entry name twice")
            }
            index[key] = i
        }
        self.index = index
    }

    /// Opens a source: a file is read in place with `pread`; standard input or memory is read
    /// whole first, up to `policy.limits.maxFileBytes`.
    public convenience init(source: InputSource, policy: ContainerSafetyPolicy, format: ContainerFormat) throws {
        let location = source.location
        let bytes: ZipBytes
        if let url = source.fileURL {
            bytes = try ZipBytes(path: url.path, location: location)
        } else {
            bytes = ZipBytes(bytes: try source.readAll(limit: policy.limits.maxFileBytes), location: location)
        }
        try self.init(bytes: bytes, policy: policy, format: format, location: location)
    }

    /// The entry named `name`; names compare without regard to case (as OPC requires, and
    /// harmless for OpenDocument, whose part names are fixed).
    public func entry(named name: String) -> ZipEntry? {
        index[name.lowercased()].map { entries[$0] }
    }

    /// The file's location with `part` set, for errors about one part.
    public func location(ofPart part: String) -> SourceLocation {
        var l = fileLocation
        l.part = part
        return l
    }

    /// A `source-error` saying the file is damaged (`ru`/`en` say how), with the format's repair hint.
    public func corrupt(part: String? = nil, ru: String, en: String) -> MentorBaseError {
        ZipArchive.corrupt(fileLocation, format, part: part, ru: ru, en: en)
    }

    /// A `source-error` for a part the format requires and the zip lacks. With
    /// `notThisFormat`, the message says the file is not of this format at all (its main part is missing).
    public func missingPart(_ part: String, notThisFormat: Bool = false) -> MentorBaseError {
        let l = location(ofPart: part)
        if notThisFormat {
            return MentorBaseError(code: "source-error", kind: .data, location: l,
                                   message: Localized(ru: "это не \(format.name): в архиве нет части \(part)",
                                                      en: "not an \(format.name) file: the archive has no part \(part)"),
                                   hint: format.notThisFormatHint)
        }
        return ZipArchive.corrupt(fileLocation, format, part: part, ru: "нет части \(part)", en: "part \(part) is missing")
    }

    static func corrupt(_ loc: SourceLocation, _ format: ContainerFormat, part: String? = nil,
                        ru: String, en: String) -> MentorBaseError {
        var l = loc
        if let part { l.part = part }
        return MentorBaseError(code: "source-error", kind: .data, location: l,
                               message: Localized(ru: "файл повреждён: \(ru)", en: "the file is damaged: \(en)"),
                               hint: format.repairHint)
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
    private static func u64(_ b: [UInt8], _ i: Int) -> Int {
        let lo = u32(b, i), hi = u32(b, i + 4)
        // Sizes past 2^62 cannot be real; clamp so arithmetic on them cannot overflow.
        return hi >= 1 << 30 ? Int.max / 4 : lo | hi << 32
    }

    private static func readDirectory(_ bytes: ZipBytes, policy: ContainerSafetyPolicy, format: ContainerFormat,
                                      location loc: SourceLocation)
        throws -> (entries: [ZipEntry], offset: Int)
    {
        let notZip = MentorBaseError(
            code: "source-error", kind: .data, location: loc,
            message: Localized(ru: "это не \(format.name): нет оглавления zip (файл обрезан или это другой формат)",
                               en: "not an \(format.name) file: no zip directory (the file is truncated or another format)"),
            hint: format.notThisFormatHint)
        // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
        let tailLength = min(bytes.count, 22 + 65_535)
        guard tailLength >= 22, let tail = try bytes.bytes(at: bytes.count - tailLength, count: tailLength) else {
            throw notZip
        }
        var eocd = -1
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06,
               i + 22 + u16(tail, i + 20) <= tailLength {
                eocd = i
                break
            }
            i -= 1
        }
        guard eocd >= 0 else { throw notZip }
        let eocdOffset = bytes.count - tailLength + eocd
        var total = u16(tail, eocd + 10)
        var cdSize = u32(tail, eocd + 12)
        var cdOffset = u32(tail, eocd + 16)
        if u16(tail, eocd + 4) != 0 || u16(tail, eocd + 6) != 0 {
            throw corrupt(loc, format, ru: "многотомные zip-архивы не поддерживаются", en: "multi-volume zips are not supported")
        }
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the record points at the 64-bit record.
            guard eocdOffset >= 20, let loc64 = try bytes.bytes(at: eocdOffset - 20, count: 20),
                  u32(loc64, 0) == 0x0706_4B50 else {
                throw corrupt(loc, format, ru: "нет записи zip64", en: "the zip64 record is missing")
            }
            let recOffset = u64(loc64, 8)
            guard let rec = try bytes.bytes(at: recOffset, count: 56), u32(rec, 0) == 0x0606_4B50 else {
                throw corrupt(loc, format, ru: "запись zip64 испорчена", en: "the zip64 record is broken")
            }
            total = u64(rec, 32)
            cdSize = u64(rec, 40)
            cdOffset = u64(rec, 48)
        }
        if total > policy.limits.maxEntries {
            throw MentorBaseError.limit(loc, ru: "в zip слишком много записей (\(total), допустимо \(policy.limits.maxEntries))",
                                        en: "the zip has too many entries (\(total), at most \(policy.limits.maxEntries))")
        }
        guard cdSize <= policy.maxCentralDirectoryBytes, cdOffset <= eocdOffset, cdSize <= eocdOffset - cdOffset,
              let cd = try bytes.bytes(at: cdOffset, count: cdSize) else {
            throw corrupt(loc, format, ru: "оглавление zip указывает за пределы файла", en: "the zip directory points outside the file")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(total)
        var p = 0
        for _ in 0..<total {
            guard p + 46 <= cd.count, u32(cd, p) == 0x0201_4B50 else {
                throw corrupt(loc, format, ru: "оглавление zip испорчено", en: "the zip directory is broken")
            }
            let nameLength = u16(cd, p + 28), extraLength = u16(cd, p + 30), commentLength = u16(cd, p + 32)
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                throw corrupt(loc, format, ru: "оглавление zip обрезано", en: "the zip directory is cut short")
            }
            let nameBytes = cd[(p + 46)..<(p + 46 + nameLength)]
            var entry = ZipEntry(name: String(decoding: nameBytes, as: UTF8.self).replacingOccurrences(of: "\\", with: "/"),
                                 method: UInt16(u16(cd, p + 10)), flags: UInt16(u16(cd, p + 8)),
                                 crc32: UInt32(u32(cd, p + 16)), compressedSize: u32(cd, p + 20),
                                 uncompressedSize: u32(cd, p + 24), localHeaderOffset: u32(cd, p + 42))
            if entry.uncompressedSize == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF {
                try applyZip64Extra(&entry, Array(cd[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)]), loc, format)
            }
            try checkName(entry.name, nameBytes.contains(0), loc)
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
        return (entries, cdOffset)
    }

    private static func applyZip64Extra(_ e: inout ZipEntry, _ extra: [UInt8], _ loc: SourceLocation,
                                        _ format: ContainerFormat) throws {
        var p = 0
        while p + 4 <= extra.count {
            let id = u16(extra, p), size = u16(extra, p + 2)
            let body = p + 4
            guard body + size <= extra.count else { break }
            if id == 0x0001 {
                var q = body
                func next() throws -> Int {
                    guard q + 8 <= body + size else {
                        throw corrupt(loc, format, part: e.name, ru: "поле zip64 обрезано", en: "the zip64 field is cut short")
                    }
                    defer { q += 8 }
                    return u64(extra, q)
                }
                if e.uncompressedSize == 0xFFFF_FFFF { e.uncompressedSize = try next() }
                if e.compressedSize == 0xFFFF_FFFF { e.compressedSize = try next() }
                if e.localHeaderOffset == 0xFFFF_FFFF { e.localHeaderOffset = try next() }
                return
            }
            p = body + size
        }
        throw corrupt(loc, format, part: e.name, ru: "нет поля zip64 у большой записи", en: "a large entry lacks its zip64 field")
    }

    /// Refuses names that could escape a folder if anyone ever extracted them.
    private static func checkName(_ name: String, _ hasNUL: Bool, _ loc: SourceLocation) throws {
        let segments = name.split(separator: "/", omittingEmptySubsequences: false)
        let drive = name.utf8.count >= 2 && name.utf8.dropFirst().first == UInt8(ascii: ":")
        if hasNUL || name.hasPrefix("/") || drive || segments.contains("..") {
            var l = loc
            l.part = name
            throw MentorBaseError.source(l, ru: "недопустимое имя записи в zip (выход за пределы папки)",
                                         en: "unsafe zip entry name (it escapes its folder)",
                                         hintRu: "такой файл не создаёт ни одна офисная программа; не открывайте его",
                                         hintEn: "no office program writes such a file; do not open it")
        }
    }
}
