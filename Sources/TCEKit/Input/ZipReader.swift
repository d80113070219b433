import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Random access to a zip file with `pread`, which has no shared file position, so every
/// worker thread can read its own entry at the same time through one descriptor.
final class ZipReader: Sendable {
    let fd: Int32
    let size: UInt64

    /// Opens a regular file; anything else (a FIFO named `drop.zip`) is refused before a read can block.
    init(path: String) throws(Diagnostic) {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { throw Diagnostic("cannot open the archive: \(InputFile.errorText())") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = Diagnostic("cannot read the archive: \(InputFile.errorText())")
            close(fd)
            throw error
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw Diagnostic("cannot check this archive: it is not a regular file")
        }
        self.fd = fd
        size = UInt64(info.st_size)
    }

    deinit { close(fd) }

    /// Exactly `count` bytes at `offset`, or an error: a zip that claims more than it holds is damaged.
    func bytes(at offset: UInt64, count: Int) throws(Diagnostic) -> [UInt8] {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else {
            throw Diagnostic("the archive is damaged: it points past its end (offset \(offset), \(count) bytes)")
        }
        var buffer = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress! + filled, count - filled, off_t(offset) + off_t(filled))
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw Diagnostic("cannot read the archive: \(InputFile.errorText())")
            }
            if n == 0 { throw Diagnostic("the archive is damaged: it ends early (it shrank while being read?)") }
            filled += n
        }
        return buffer
    }
}

/// Little-endian fields of zip structures, bounds-checked.
struct ZipBytes {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    var remaining: Int { bytes.count - position }

    mutating func u16() throws(Diagnostic) -> UInt16 { UInt16(try fixed(2)) }
    mutating func u32() throws(Diagnostic) -> UInt32 { UInt32(try fixed(4)) }
    mutating func u64() throws(Diagnostic) -> UInt64 { try fixed(8) }

    mutating func take(_ count: Int) throws(Diagnostic) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw Self.truncated }
        defer { position += count }
        return Array(bytes[position..<position + count])
    }

    mutating func skip(_ count: Int) throws(Diagnostic) {
        guard count >= 0, count <= remaining else { throw Self.truncated }
        position += count
    }

    private mutating func fixed(_ width: Int) throws(Diagnostic) -> UInt64 {
        guard width <= remaining else { throw Self.truncated }
        var value: UInt64 = 0
        for i in 0..<width { value |= UInt64(bytes[position + i]) << (8 * UInt64(i)) }
        position += width
        return value
    }

    static let truncated = Diagnostic("the archive is damaged: a directory record is cut short")
}
