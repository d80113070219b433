import Foundation
import ZIPFoundation

/// A drop of reports packed as a zip. Opening it reads only the central directory and rejects
/// a hostile archive outright; each report is decompressed later, on a worker thread, when the
/// batch reaches its window, so a large drop is never held in memory at once. Nothing is ever
/// written to disk.
public final class ZipDrop: Sendable {
    /// Bounds on what an archive may expand to.
    public struct Limits: Sendable {
        /// Sum of the declared sizes of the reports in one archive. Each entry is also held to
        /// its declared size while it is decompressed, so this bounds the real total too.
        public var maxTotalSize: UInt64

        public static let defaultMaxTotalSize: UInt64 = 4 << 30

        public init(maxTotalSize: UInt64 = Limits.defaultMaxTotalSize) {
            self.maxTotalSize = maxTotalSize
        }
    }

    /// Entries that are checked: files named `*.xml`, in the archive's order.
    public let entryNames: [String]
    let records: [ZipRecord]
    let file: ZipReader
    let directoryOffset: UInt64

    private init(file: ZipReader, records: [ZipRecord], directoryOffset: UInt64) {
        self.file = file
        self.records = records
        self.entryNames = records.map(\.name)
        self.directoryOffset = directoryOffset
    }

    /// Opens and vets an archive. Rejected (one diagnostic naming every reason): path-traversal or
    /// absolute names, symlinks, encrypted entries, entries whose data overlap (the trick of
    /// non-recursive zip bombs), two reports with one name, and a declared total over the limit.
    public static func open(_ path: String, limits: Limits = Limits(), extensions: [String] = [".xml"]) throws(Diagnostic) -> ZipDrop {
        let file = try ZipReader(path: path)
        let listing = try ZipDirectory.read(file)
        var reasons: [String] = []
        func reject(_ what: String, _ records: [ZipRecord]) {
            guard !records.isEmpty else { return }
            let names = records.prefix(3).map { "'\($0.name)'" }.joined(separator: ", ") + (records.count > 3 ? ", …" : "")
            reasons.append("\(records.count) \(records.count == 1 ? "entry" : "entries") \(what) (\(names))")
        }
        reject("with a path that leaves the archive (absolute or with ..)", listing.records.filter { escapes($0.name) })
        reject("that are symbolic links", listing.records.filter(\.isSymlink))
        reject("that are encrypted", listing.records.filter(\.isEncrypted))
        reject("whose data overlap another entry's (a zip-bomb technique)", overlapping(listing))
        let checked = listing.records.filter { record in
            !record.isDirectory && !record.isSymlink && extensions.contains(where: { record.name.hasSuffix($0) })
                && !record.name.hasPrefix("__MACOSX/")
        }
        var seen: Set<String> = [], repeated: [ZipRecord] = []
        for record in checked where !seen.insert(record.name).inserted { repeated.append(record) }
        reject("whose name another entry already has", repeated)
        let total = checked.reduce(UInt64(0)) { sum, record in
            let (next, overflow) = sum.addingReportingOverflow(record.uncompressedSize)
            return overflow ? .max : next
        }
        if total > limits.maxTotalSize {
            reasons.append("its reports would expand to \(total) bytes, over the limit of \(limits.maxTotalSize) bytes (--max-archive-size)")
        }
        guard reasons.isEmpty else {
            throw Diagnostic("the archive is rejected: " + reasons.joined(separator: "; "))
        }
        return ZipDrop(file: file, records: checked, directoryOffset: listing.directoryOffset)
    }

    /// Absolute (`/x`, `\x`, `C:x`) or climbing (`..`) names, and names with NUL, that an
    /// extracting tool could write outside its folder. Backslashes count as separators.
    static func escapes(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix("/") || name.hasPrefix("\\") || name.contains("\0") { return true }
        let scalars = Array(name.unicodeScalars)
        if scalars.count >= 2, scalars[1] == ":", scalars[0].isASCII, scalars[0].properties.isAlphabetic {
            return true
        }
        return name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).contains("..")
    }

    /// Entries whose local data run into the next entry (in file order) or into the directory.
    static func overlapping(_ listing: ZipDirectory.Listing) -> [ZipRecord] {
        let byOffset = listing.records.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        var result: [ZipRecord] = []
        for (i, record) in byOffset.enumerated() {
            let next = i + 1 < byOffset.count ? byOffset[i + 1].localHeaderOffset : listing.directoryOffset
            // The local header is at least 30 bytes and the name; extra fields only add to it.
            let (end, overflow) = record.localHeaderOffset.addingReportingOverflow(30 + UInt64(record.nameLength))
            let (dataEnd, overflow2) = end.addingReportingOverflow(record.compressedSize)
            if overflow || overflow2 || dataEnd > next { result.append(record) }
        }
        return result
    }

    /// The bytes of one report, decompressed in memory and held to its declared size, the size
    /// limit and its CRC-32.
    public func read(entry index: Int, maxSize: Int) -> Result<[UInt8], Diagnostic> {
        let record = records[index]
        do {
            return .success(try bytes(of: record, maxSize: maxSize))
        } catch {
            return .failure(error)
        }
    }

    private func bytes(of record: ZipRecord, maxSize: Int) throws(Diagnostic) -> [UInt8] {
        guard record.method == 0 || record.method == 8 else {
            throw Diagnostic("the entry is compressed with method \(record.method), which tce cannot read (store or deflate it)")
        }
        guard record.uncompressedSize <= UInt64(maxSize) else {
            throw Diagnostic("the file is \(record.uncompressedSize) bytes, over the size limit of \(maxSize) bytes (--max-size)")
        }
        guard record.uncompressedSize > 0 else { throw Diagnostic("the file is empty", line: 1, column: 1) }
        var header = ZipBytes(try file.bytes(at: record.localHeaderOffset, count: 30))
        guard try header.u32() == 0x0403_4B50 else {
            throw Diagnostic("the entry is damaged: its local header is missing")
        }
        try header.skip(22)
        let nameLength = UInt64(try header.u16()), extraLength = UInt64(try header.u16())
        let start = record.localHeaderOffset + 30 + nameLength + extraLength
        guard start <= directoryOffset, record.compressedSize <= directoryOffset - start else {
            throw Diagnostic("the entry is damaged: its data run into the archive's directory")
        }
        let expected = Int(record.uncompressedSize)
        var output: [UInt8] = []
        let checksum: UInt32
        if record.method == 0 {
            guard record.compressedSize == record.uncompressedSize else {
                throw Diagnostic("the entry is damaged: it is stored uncompressed, yet its two sizes differ")
            }
            output = try file.bytes(at: start, count: expected)
            checksum = output.withUnsafeBytes { Data($0) }.crc32(checksum: 0)
        } else {
            checksum = try inflate(record, from: start, expected: expected, into: &output)
        }
        guard output.count == expected else {
            throw Diagnostic("the entry is damaged: it holds \(output.count) bytes, not the \(expected) its directory states")
        }
        guard checksum == record.crc32 else {
            throw Diagnostic("the entry is damaged: its CRC-32 checksum does not match its content")
        }
        return output
    }

    private enum InflateStop: Error {
        case truncated, tooLarge
    }

    /// Inflates with ZIPFoundation's streaming decoder. On Linux that decoder hands zlib a full
    /// buffer's worth of input on every call and asks for more until the stream ends (so through
    /// `Archive` it reads past the entry, and at the end of the file asks forever). So the buffer is exactly the entry's
    /// compressed size: the first request gets all of it, a second request means the stream is cut
    /// short and is an error. Deflate expands incompressible data by a few bytes per 16 KiB at most,
    /// so larger compressed data is damage, refused before it is read. The output stops at the
    /// declared size.
    private func inflate(_ record: ZipRecord, from start: UInt64, expected: Int, into output: inout [UInt8]) throws(Diagnostic) -> UInt32 {
        guard record.compressedSize <= UInt64(expected) + UInt64(expected) / 1000 + 1024 else {
            throw Diagnostic("the entry is damaged: \(record.compressedSize) bytes of compressed data cannot hold \(expected) bytes")
        }
        let chunkSize = max(1, Int(record.compressedSize))
        var given = false
        var out: [UInt8] = []
        out.reserveCapacity(expected)
        let file = self.file
        do {
            let checksum = try Data.decompress(
                size: Int64(record.compressedSize), bufferSize: chunkSize, skipCRC32: false,
                provider: { _, _ in
                    guard !given, record.compressedSize > 0 else { throw InflateStop.truncated }
                    given = true
                    return Data(try file.bytes(at: start, count: chunkSize))
                },
                consumer: { data in
                    guard out.count + data.count <= expected else { throw InflateStop.tooLarge }
                    out.append(contentsOf: data)
                })
            output = out
            return checksum
        } catch InflateStop.tooLarge {
            throw Diagnostic("the entry decompresses to more than the \(expected) bytes its directory states (damaged, or a zip bomb)")
        } catch InflateStop.truncated {
            throw Diagnostic("the entry is damaged: its compressed data end before the stream does")
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic("the entry is damaged: its compressed data cannot be inflated")
        }
    }
}
