import Foundation
import ZIPFoundation

/// Writes zip files byte by byte, so tests can build the hostile archives no zip tool would
/// write: lying sizes and checksums, encrypted flags, symlinks, traversal names, overlapping
/// entries, truncated data. Compression is ZIPFoundation's raw deflate.
struct ZipBuilder {
    struct Entry {
        var nameBytes: [UInt8]
        var content: [UInt8]
        var method: UInt16 = 8
        var flags: UInt16 = 0x0800
        var versionMadeBy: UInt16 = 3 << 8 | 20
        var externalAttributes: UInt32 = 0o100644 << 16
        /// Lies the directory tells.
        var crc: UInt32?
        var declaredSize: UInt64?
        /// The stored data, replacing the honest compressed bytes (truncated or corrupted).
        var data: [UInt8]?
        /// The directory record points at this earlier entry's local header instead of its own.
        var sharesDataWith: Int?

        init(_ name: String, _ content: String, method: UInt16 = 8) {
            nameBytes = Array(name.utf8)
            self.content = Array(content.utf8)
            self.method = method
        }

        init(nameBytes: [UInt8], content: [UInt8], method: UInt16 = 8) {
            self.nameBytes = nameBytes
            self.content = content
            self.method = method
        }
    }

    var entries: [Entry] = []
    /// Write ZIP64 end records (and a ZIP64 offset in every directory record).
    var zip64 = false

    static func deflate(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var position = 0
        _ = try! Data.compress(size: Int64(bytes.count), bufferSize: 64 * 1024, provider: { _, size in
            let chunk = Data(bytes[position..<min(bytes.count, position + size)])
            position += chunk.count
            return chunk
        }, consumer: { out.append(contentsOf: $0) })
        return out
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 { Data(bytes).crc32(checksum: 0) }

    func bytes() -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        var offsets: [UInt64] = []
        for e in entries {
            let data = e.data ?? (e.method == 8 ? Self.deflate(e.content) : e.content)
            let crc = e.crc ?? Self.crc32(e.content)
            let size = e.declaredSize ?? UInt64(e.content.count)
            let offset = e.sharesDataWith.map { offsets[$0] } ?? UInt64(out.count)
            offsets.append(offset)
            if e.sharesDataWith == nil {
                out += u32(0x0403_4B50) + u16(20) + u16(e.flags) + u16(e.method) + u16(0) + u16(0x21)
                out += u32(crc) + u32(UInt32(data.count)) + u32(UInt32(truncatingIfNeeded: size))
                out += u16(UInt16(e.nameBytes.count)) + u16(0) + e.nameBytes + data
            }
            // ZIP64 extra field: the sizes that do not fit 32 bits (here only ever the uncompressed one), then the offset.
            let bigSize = zip64 && size >= 0xFFFF_FFFF
            let extra = zip64 ? u16(1) + u16(bigSize ? 16 : 8) + (bigSize ? u64(size) : []) + u64(offset) : []
            central += u32(0x0201_4B50) + u16(e.versionMadeBy) + u16(zip64 ? 45 : 20) + u16(e.flags) + u16(e.method)
            central += u16(0) + u16(0x21) + u32(crc) + u32(UInt32(data.count)) + u32(bigSize ? 0xFFFF_FFFF : UInt32(truncatingIfNeeded: size))
            central += u16(UInt16(e.nameBytes.count)) + u16(UInt16(extra.count)) + u16(0) + u16(0) + u16(0)
            central += u32(e.externalAttributes) + u32(zip64 ? 0xFFFF_FFFF : UInt32(offset)) + e.nameBytes + extra
        }
        let directoryOffset = UInt64(out.count)
        out += central
        if zip64 {
            let recordOffset = UInt64(out.count)
            out += u32(0x0606_4B50) + u64(44) + u16(45) + u16(45) + u32(0) + u32(0)
            out += u64(UInt64(entries.count)) + u64(UInt64(entries.count)) + u64(UInt64(central.count)) + u64(directoryOffset)
            out += u32(0x0706_4B50) + u32(0) + u64(recordOffset) + u32(1)
            out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(0xFFFF) + u16(0xFFFF) + u32(0xFFFF_FFFF) + u32(0xFFFF_FFFF) + u16(0)
        } else {
            out += u32(0x0605_4B50) + u16(0) + u16(0) + u16(UInt16(entries.count)) + u16(UInt16(entries.count))
            out += u32(UInt32(central.count)) + u32(UInt32(directoryOffset)) + u16(0)
        }
        return out
    }

    @discardableResult
    func write(to url: URL) throws -> URL {
        try Data(bytes()).write(to: url)
        return url
    }

    private func u16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    private func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
    private func u64(_ v: UInt64) -> [UInt8] { (0..<8).map { UInt8((v >> (8 * UInt64($0))) & 0xFF) } }
}
