#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one input file safely: regular files only (a FIFO named `*.xml` must not hang the
/// batch), never more than the size limit.
enum InputFile {
    static func read(_ path: String, maxSize: Int) -> Result<[UInt8], Diagnostic> {
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)
        guard fd >= 0 else { return .failure(Diagnostic("cannot open the file: \(errorText())")) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(Diagnostic("cannot read the file: \(errorText())")) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let kind = info.st_mode & S_IFMT == S_IFDIR ? "a directory" : "not a regular file"
            return .failure(Diagnostic("cannot check this input: it is \(kind)"))
        }
        let size = Int(info.st_size)
        guard size <= maxSize else {
            return .failure(Diagnostic("the file is \(size) bytes, over the size limit of \(maxSize) bytes (--max-size)"))
        }
        guard size > 0 else { return .failure(Diagnostic("the file is empty", line: 1, column: 1)) }
        var buffer = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let n = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(fd, raw.baseAddress! + filled, size - filled)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(Diagnostic("cannot read the file: \(errorText())"))
            }
            if n == 0 { break }  // shrank while reading
            filled += n
        }
        if filled < size { buffer.removeLast(size - filled) }
        return .success(buffer)
    }

    static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
