#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MentorBase

/// Random-access bytes of a zip container: a file read with `pread`, or bytes in memory.
final class ZipBytes {
    private enum Storage {
        case file(fd: Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    let count: Int
    private let location: SourceLocation

    /// Opens a file read-only; the descriptor is closed with this object.
    init(path: String, location: SourceLocation) throws {
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

    init(bytes: [UInt8], location: SourceLocation) {
        self.location = location
        self.storage = .memory(bytes)
        self.count = bytes.count
    }

    deinit {
        if case .file(let fd) = storage { close(fd) }
    }

    /// Copies up to `count` bytes at `offset` into `buffer`; returns how many were copied.
    func read(at offset: Int, count wanted: Int, into buffer: UnsafeMutableRawPointer) throws -> Int {
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
    func bytes(at offset: Int, count n: Int) throws -> [UInt8]? {
        guard n >= 0, offset >= 0, offset <= count - n else { return nil }
        var out = [UInt8](repeating: 0, count: n)
        let got = try out.withUnsafeMutableBytes { try read(at: offset, count: n, into: $0.baseAddress!) }
        return got == n ? out : nil
    }
}

/// One entry of a zip's central directory.
struct ZipEntry: Sendable {
    /// The name as stored, with `\` turned into `/`.
    var name: String
    var method: UInt16
    var flags: UInt16
    var crc32: UInt32
    var compressedSize: Int
    var uncompressedSize: Int
    var localHeaderOffset: Int

    var isEncrypted: Bool { flags & 1 != 0 }
    var isDirectory: Bool { name.hasSuffix("/") }
}

/// A zip container's central directory, read once, checked against the safety policy.
///
/// Only the directory is parsed here; entries are inflated on demand by ``ZipEntryStream``,
/// chunk by chunk, so nothing is ever written to disk and a part never has to sit in
/// memory whole.
final class ZipArchive {
    let bytes: ZipBytes
    let entries: [ZipEntry]
    /// Where the central directory starts: every entry's data must end before it.
    let centralDirectoryOffset: Int
    private let index: [String: Int]
    let policy: XLSXSafetyPolicy
    let fileLocation: SourceLocation
    /// Inflated bytes of every part read so far, against `maxTotalUncompressedBytes`.
    var inflatedTotal = 0

    init(bytes: ZipBytes, policy: XLSXSafetyPolicy, location: SourceLocation) throws {
        self.bytes = bytes
        self.policy = policy
        self.fileLocation = location
        let dir = try ZipArchive.readDirectory(bytes, policy: policy, location: location)
        self.entries = dir.entries
        self.centralDirectoryOffset = dir.offset
        var index: [String: Int] = [:]
        for (i, e) in dir.entries.enumerated() {
            let key = e.name.lowercased()
            if index[key] != nil {
                throw ZipArchive.corrupt(location, part: e.name,
                                         ru: "имя записи в zip повторяется", en: "the zip holds this entry name twice")
            }
            index[key] = i
        }
        self.index = index
    }

    /// The entry named `name` (OPC part names compare without regard to case).
    func entry(named name: String) -> ZipEntry? {
        index[name.lowercased()].map { entries[$0] }
    }

    static func corrupt(_ loc: SourceLocation, part: String? = nil, ru: String, en: String) -> MentorBaseError {
        var l = loc
        l.part = part
        return MentorBaseError.source(l, ru: "файл повреждён: \(ru)", en: "the file is damaged: \(en)",
                                      hintRu: "откройте файл в Excel или LibreOffice и сохраните заново как XLSX",
                                      hintEn: "open the file in Excel or LibreOffice and save it again as XLSX")
    }

    private static func u16(_ b: [UInt8], _ i: Int) -> Int { Int(b[i]) | Int(b[i + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ i: Int) -> Int { u16(b, i) | u16(b, i + 2) << 16 }
    private static func u64(_ b: [UInt8], _ i: Int) -> Int {
        let lo = u32(b, i), hi = u32(b, i + 4)
        // Sizes past 2^62 cannot be real; clamp so arithmetic on them cannot overflow.
        return hi >= 1 << 30 ? Int.max / 4 : lo | hi << 32
    }

    private static func readDirectory(_ bytes: ZipBytes, policy: XLSXSafetyPolicy, location loc: SourceLocation)
        throws -> (entries: [ZipEntry], offset: Int)
    {
        let notZip = MentorBaseError.source(loc, ru: "это не XLSX: нет оглавления zip (файл обрезан или это другой формат)",
                                            en: "not an XLSX: no zip directory (the file is truncated or another format)",
                                            hintRu: "проверьте, что файл скачан целиком и сохранён как книга Excel (.xlsx)",
                                            hintEn: "check that the file was downloaded whole and saved as an Excel workbook (.xlsx)")
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
            throw corrupt(loc, ru: "многотомные zip-архивы не поддерживаются", en: "multi-volume zips are not supported")
        }
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the record points at the 64-bit record.
            guard eocdOffset >= 20, let loc64 = try bytes.bytes(at: eocdOffset - 20, count: 20),
                  u32(loc64, 0) == 0x0706_4B50 else {
                throw corrupt(loc, ru: "нет записи zip64", en: "the zip64 record is missing")
            }
            let recOffset = u64(loc64, 8)
            guard let rec = try bytes.bytes(at: recOffset, count: 56), u32(rec, 0) == 0x0606_4B50 else {
                throw corrupt(loc, ru: "запись zip64 испорчена", en: "the zip64 record is broken")
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
            throw corrupt(loc, ru: "оглавление zip указывает за пределы файла", en: "the zip directory points outside the file")
        }
        var entries: [ZipEntry] = []
        entries.reserveCapacity(total)
        var p = 0
        for _ in 0..<total {
            guard p + 46 <= cd.count, u32(cd, p) == 0x0201_4B50 else {
                throw corrupt(loc, ru: "оглавление zip испорчено", en: "the zip directory is broken")
            }
            let nameLength = u16(cd, p + 28), extraLength = u16(cd, p + 30), commentLength = u16(cd, p + 32)
            guard p + 46 + nameLength + extraLength + commentLength <= cd.count else {
                throw corrupt(loc, ru: "оглавление zip обрезано", en: "the zip directory is cut short")
            }
            let nameBytes = cd[(p + 46)..<(p + 46 + nameLength)]
            var entry = ZipEntry(name: String(decoding: nameBytes, as: UTF8.self).replacingOccurrences(of: "\\", with: "/"),
                                 method: UInt16(u16(cd, p + 10)), flags: UInt16(u16(cd, p + 8)),
                                 crc32: UInt32(u32(cd, p + 16)), compressedSize: u32(cd, p + 20),
                                 uncompressedSize: u32(cd, p + 24), localHeaderOffset: u32(cd, p + 42))
            if entry.uncompressedSize == 0xFFFF_FFFF || entry.compressedSize == 0xFFFF_FFFF
                || entry.localHeaderOffset == 0xFFFF_FFFF {
                try applyZip64Extra(&entry, Array(cd[(p + 46 + nameLength)..<(p + 46 + nameLength + extraLength)]), loc)
            }
            try checkName(entry.name, nameBytes.contains(0), loc)
            entries.append(entry)
            p += 46 + nameLength + extraLength + commentLength
        }
        return (entries, cdOffset)
    }

    private static func applyZip64Extra(_ e: inout ZipEntry, _ extra: [UInt8], _ loc: SourceLocation) throws {
        var p = 0
        while p + 4 <= extra.count {
            let id = u16(extra, p), size = u16(extra, p + 2)
            let body = p + 4
            guard body + size <= extra.count else { break }
            if id == 0x0001 {
                var q = body
                func next() throws -> Int {
                    guard q + 8 <= body + size else {
                        throw corrupt(loc, part: e.name, ru: "поле zip64 обрезано", en: "the zip64 field is cut short")
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
        throw corrupt(loc, part: e.name, ru: "нет поля zip64 у большой записи", en: "a large entry lacks its zip64 field")
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
                                         hintRu: "такой файл не создаёт ни Excel, ни LibreOffice; не открывайте его",
                                         hintEn: "neither Excel nor LibreOffice writes such a file; do not open it")
        }
    }
}
