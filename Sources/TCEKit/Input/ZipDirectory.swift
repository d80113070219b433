#if canImport(Glibc)
import Glibc
#endif

/// One file record of a zip's central directory, as the archive states it: nothing here is
/// trusted until `ZipDrop` has checked it.
struct ZipRecord: Sendable {
    var name: String
    var flags: UInt16
    var method: UInt16
    var crc32: UInt32
    var compressedSize: UInt64
    var uncompressedSize: UInt64
    var localHeaderOffset: UInt64
    var nameLength: Int
    var versionMadeBy: UInt16
    var externalAttributes: UInt32

    /// Traditional PKWARE encryption (bit 0) or strong encryption (bit 6).
    var isEncrypted: Bool { flags & 0x0001 != 0 || flags & 0x0040 != 0 }

    /// The Unix file type, when a Unix-like system wrote the entry.
    private var unixType: UInt32? {
        let system = versionMadeBy >> 8
        guard system == 3 || system == 19 else { return nil }  // Unix, macOS
        let type = (externalAttributes >> 16) & UInt32(S_IFMT)
        return type == 0 ? nil : type
    }

    var isSymlink: Bool { unixType == UInt32(S_IFLNK) }

    var isDirectory: Bool {
        name.hasSuffix("/") || unixType == UInt32(S_IFDIR) || (versionMadeBy >> 8 == 0 && externalAttributes & 0x10 != 0)
    }
}

/// Reads the central directory of a zip (with ZIP64 for drops of more than 65 535 reports or
/// 4 GiB). tce lists entries itself rather than with ZIPFoundation's `Archive` (0.9.20), whose
/// listing ends silently at the first encrypted entry — every later report would vanish from the
/// batch — and whose `extract` can spin forever on a crafted entry at the end of the file;
/// decompression and checksums are ZIPFoundation's (see `ZipDrop`).
enum ZipDirectory {
    struct Listing {
        var records: [ZipRecord]
        /// Where the central directory starts: every entry's data must lie before it.
        var directoryOffset: UInt64
    }

    static let endSignature: UInt32 = 0x0605_4B50
    static let zip64LocatorSignature: UInt32 = 0x0706_4B50
    static let zip64EndSignature: UInt32 = 0x0606_4B50
    static let recordSignature: UInt32 = 0x0201_4B50

    static func read(_ file: ZipReader) throws(Diagnostic) -> Listing {
        let end = try findEnd(file)
        var cursor = ZipBytes(end.bytes, at: 4)
        let disk = try cursor.u16(), directoryDisk = try cursor.u16()
        _ = try cursor.u16()
        var count = UInt64(try cursor.u16())
        var directorySize = UInt64(try cursor.u32())
        var directoryOffset = UInt64(try cursor.u32())
        var directoryLimit = end.offset
        var zip64 = false
        if end.offset >= 20 {
            var locator = ZipBytes(try file.bytes(at: end.offset - 20, count: 20))
            zip64 = try locator.u32() == zip64LocatorSignature
            if zip64 {
                _ = try locator.u32()
                let recordOffset = try locator.u64()
                var record = ZipBytes(try file.bytes(at: recordOffset, count: 56))
                guard try record.u32() == zip64EndSignature else {
                    throw Diagnostic("the archive is damaged: its ZIP64 end record is missing")
                }
                try record.skip(8 + 2 + 2)
                let disk64 = try record.u32(), directoryDisk64 = try record.u32()
                guard disk64 == 0, directoryDisk64 == 0 else { throw multiDisk }
                _ = try record.u64()
                count = try record.u64()
                directorySize = try record.u64()
                directoryOffset = try record.u64()
                directoryLimit = recordOffset
            }
        }
        if !zip64, disk != 0 || directoryDisk != 0 { throw multiDisk }
        guard directoryOffset <= directoryLimit, directorySize <= directoryLimit - directoryOffset else {
            throw Diagnostic("the archive is damaged: its central directory lies outside the file")
        }
        guard count <= directorySize / 46 else {
            throw Diagnostic("the archive is damaged: it claims \(count) entries in a \(directorySize)-byte directory")
        }
        var directory = ZipBytes(try file.bytes(at: directoryOffset, count: Int(directorySize)))
        var records: [ZipRecord] = []
        records.reserveCapacity(Int(count))
        for _ in 0..<count {
            records.append(try record(&directory))
        }
        return Listing(records: records, directoryOffset: directoryOffset)
    }

    private static let multiDisk = Diagnostic("split (multi-disk) archives are not supported")

    /// The end-of-central-directory record: the last one in the final 64 KiB (its comment may follow).
    private static func findEnd(_ file: ZipReader) throws(Diagnostic) -> (offset: UInt64, bytes: [UInt8]) {
        let tailLength = Int(min(file.size, 22 + 65_535))
        guard tailLength >= 22 else { throw notZip }
        let tailStart = file.size - UInt64(tailLength)
        let tail = try file.bytes(at: tailStart, count: tailLength)
        var i = tailLength - 22
        while i >= 0 {
            if tail[i] == 0x50, tail[i + 1] == 0x4B, tail[i + 2] == 0x05, tail[i + 3] == 0x06 {
                let commentLength = Int(tail[i + 20]) | Int(tail[i + 21]) << 8
                if i + 22 + commentLength <= tailLength {
                    return (tailStart + UInt64(i), Array(tail[i..<i + 22]))
                }
            }
            i -= 1
        }
        throw notZip
    }

    private static let notZip = Diagnostic("not a zip archive: no end-of-central-directory record")

    private static func record(_ c: inout ZipBytes) throws(Diagnostic) -> ZipRecord {
        guard try c.u32() == recordSignature else {
            throw Diagnostic("the archive is damaged: a central directory record has a wrong signature")
        }
        let madeBy = try c.u16()
        _ = try c.u16()
        let flags = try c.u16(), method = try c.u16()
        try c.skip(4)
        let crc = try c.u32()
        var compressed = UInt64(try c.u32()), uncompressed = UInt64(try c.u32())
        let nameLength = Int(try c.u16()), extraLength = Int(try c.u16()), commentLength = Int(try c.u16())
        let diskStart = try c.u16()
        _ = try c.u16()
        let external = try c.u32()
        var offset = UInt64(try c.u32())
        let nameBytes = try c.take(nameLength)
        var extra = ZipBytes(try c.take(extraLength))
        try c.skip(commentLength)
        // ZIP64 extended information: only the fields saturated in the record are present, in this order.
        while extra.remaining >= 4 {
            let id = try extra.u16(), size = Int(try extra.u16())
            var field = ZipBytes(try extra.take(size))
            guard id == 0x0001 else { continue }
            if uncompressed == 0xFFFF_FFFF { uncompressed = try field.u64() }
            if compressed == 0xFFFF_FFFF { compressed = try field.u64() }
            if offset == 0xFFFF_FFFF { offset = try field.u64() }
        }
        guard diskStart == 0 || diskStart == 0xFFFF else { throw multiDisk }
        return ZipRecord(name: decodeName(nameBytes, utf8Flag: flags & 0x0800 != 0), flags: flags, method: method,
                         crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed,
                         localHeaderOffset: offset, nameLength: nameLength, versionMadeBy: madeBy,
                         externalAttributes: external)
    }

    /// Entry names are UTF-8 when flagged (or when they simply are valid UTF-8, as Info-ZIP writes
    /// them); Chinese Windows zips write GBK without a flag, which GB18030 decodes. Anything else
    /// keeps its odd bytes as %XX, so two different names never print alike.
    static func decodeName(_ bytes: [UInt8], utf8Flag: Bool) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        if !utf8Flag, let text = gb18030(bytes) { return text }
        return bytes.map { $0 < 0x80 && $0 >= 0x20 && $0 != 0x25 ? String(UnicodeScalar($0)) : "%" + hex($0) }.joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }

    private static func gb18030(_ bytes: [UInt8]) -> String? {
        let converter = iconv_open("UTF-8", "GB18030")
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var output = [CChar](repeating: 0, count: bytes.count * 4 + 4)
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer: UnsafeMutablePointer<CChar>? = inBuffer.baseAddress
                var outPointer: UnsafeMutablePointer<CChar>? = outBuffer.baseAddress
                var inLeft = inBuffer.count, outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(validating: output[0..<produced].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
