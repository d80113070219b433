import Foundation
import ZIPFoundation

/// A ZIP container (DOCX, XLSX) built in memory with a fixed entry order and fixed dates,
/// so the same parts always give the same bytes.
public struct ZipPackage: Sendable {
    public struct Part: Sendable {
        public var path: String
        public var bytes: [UInt8]

        public init(_ path: String, _ text: String) {
            self.path = path
            bytes = Array(text.utf8)
        }
    }

    /// 1980-01-01 00:00 UTC, the earliest date a ZIP entry can carry.
    public static let epoch = Date(timeIntervalSince1970: 315_532_800)

    /// Parts smaller than this are stored: deflating a few hundred bytes saves little and costs a
    /// compressor set-up each (measured: half the time of writing a notice's DOCX).
    static let deflateFrom = 2048

    public var parts: [Part] = []
    /// Stamped on every entry; ZIPFoundation writes it in UTC, so the time zone does not matter.
    public var modified: Date

    public init(modified: Date = ZipPackage.epoch) {
        self.modified = modified
    }

    public mutating func add(_ path: String, _ text: String) {
        parts.append(Part(path, text))
    }

    /// The archive's bytes: entries in the order they were added, the larger ones deflated.
    public func bytes() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for part in parts {
            let data = Data(part.bytes)
            try archive.addEntry(
                with: part.path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified,
                permissions: 0o644, compressionMethod: part.bytes.count >= Self.deflateFrom ? .deflate : .none
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw ZipPackageError.noData }
        return [UInt8](data)
    }
}

enum ZipPackageError: Error, CustomStringConvertible {
    case noData
    var description: String { "the ZIP archive could not be assembled in memory" }
}
