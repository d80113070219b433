import Foundation
import TCEKit

/// Buffered writing to stdout or a file; a write failure (full disk, closed pipe) is an error,
/// not a silent truncation.
final class OutputSink: TextSink {
    private let handle: UnsafeMutablePointer<FILE>
    private let ownsHandle: Bool
    let path: String?
    /// Files are written under a temporary name and renamed when complete: never a partial file.
    private let temporary: String?

    init(path: String?) throws {
        var info = stat()
        if let path, stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            // A device, pipe or terminal (/dev/stdout, /dev/full, a FIFO) is written as it is:
            // renaming a finished file over it would replace it.
            guard info.st_mode & S_IFMT != S_IFDIR else {
                throw CLIFailure(message: "cannot write \(path): it is a directory")
            }
            guard let f = fopen(path, "wb") else {
                throw CLIFailure(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            handle = f
            ownsHandle = true
            temporary = nil
        } else if let path {
            let temporary = path + ".tce-\(getpid()).tmp"
            self.temporary = temporary
            guard let f = fopen(temporary, "wbx") else {
                throw CLIFailure(message: "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            handle = f
            ownsHandle = true
        } else {
            handle = fdopen(dup(STDOUT_FILENO), "wb")!
            ownsHandle = true
            temporary = nil
        }
        self.path = path
        // A report's JSON is a few KB: stdio's default buffer would cost a write call per report.
        // A terminal keeps its line buffering, so people see text output as it comes.
        // (glibc ignores the size unless it is given the buffer.)
        if isatty(fileno(handle)) == 0 {
            buffer = .allocate(capacity: Self.bufferSize)
            setvbuf(handle, buffer, _IOFBF, Self.bufferSize)
        }
    }

    private static let bufferSize = 1 << 18
    private var buffer: UnsafeMutablePointer<CChar>?

    deinit {
        // The stream must not outlive its buffer: flush and close it if `close` was not called.
        if !closed && ownsHandle { fclose(handle) }
        buffer?.deallocate()
    }

    func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        var text = text
        let ok = text.withUTF8 { fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
        guard ok else { throw failure() }
    }

    func write(_ bytes: [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        let ok = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, handle) == $0.count }
        guard ok else { throw failure() }
    }

    private var closed = false

    func close() throws {
        let flushed = fflush(handle) == 0
        let closedCleanly = ownsHandle ? fclose(handle) == 0 : true
        closed = true
        guard flushed && closedCleanly else {
            let error = failure()
            discard()
            throw error
        }
        if let temporary, let path, rename(temporary, path) != 0 {
            let error = failure()
            discard()
            throw error
        }
    }

    /// Removes the unfinished temporary file after a failure.
    func discard() {
        if let temporary { unlink(temporary) }
    }

    private func failure() -> CLIFailure {
        CLIFailure(message: "cannot write \(path ?? "the output"): \(String(cString: strerror(errno)))")
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
}

/// A one-line progress count on stderr, for long batches on a terminal. The batch is walked
/// as it is checked, so there is no total to show: the count appears once 500 are done and
/// is erased when the batch ends.
struct Progress {
    let enabled = OutputSink.stderrIsTerminal
    /// The rule set's word for "checked" (`rules/messages.yaml`), shown after the count.
    let label: String
    private var done = 0

    init(label: String) {
        self.label = label
    }

    mutating func step() {
        done += 1
        guard enabled, done % 250 == 0, done >= 500 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K\(done) \(label)".utf8))
    }

    /// Clears the count before the command's own last lines.
    func finish() {
        if enabled && done >= 500 { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
