#if canImport(Glibc)
import Glibc
#endif

/// The inputs under one folder, found as they are asked for, in byte-wise order of the printed
/// path: each folder's entries are read and ordered when the walk enters it (a folder sorts as
/// its name and a slash, as every path inside it does), so only the folders on the current path
/// are held, never the whole list. Symlink loops are cut; a folder that cannot be read is an
/// input with a problem. A class: the walk is handed around while it keeps its place.
final class FolderWalk: IteratorProtocol {
    private struct Entry {
        enum Kind {
            case file
            case folder
            /// Shown as an input with this problem, at the place of its name.
            case unreadableFolder(Diagnostic)
        }

        var name: String
        /// What the entry sorts by: a folder sorts as its name and a slash, as every path inside
        /// it does; a file, or a folder shown as one input, as its name.
        var key: String
        var kind: Kind
    }

    private struct Frame {
        var prefix: String
        var displayPrefix: String
        var entries: [Entry]
        var next = 0
    }

    private let suffixes: [[UInt8]]
    private var frames: [Frame] = []
    private var visited: Set<[UInt64]> = []
    /// A folder that could not be opened, reported before the walk goes on.
    private var pending: Input?

    init(folder path: String, display: String, extensions: [String]) {
        suffixes = extensions.map { Array($0.utf8) }
        enter(path, display: display)
    }

    func next() -> Input? {
        if let input = pending {
            pending = nil
            return input
        }
        while let top = frames.indices.last {
            guard frames[top].next < frames[top].entries.count else {
                frames.removeLast()
                continue
            }
            let entry = frames[top].entries[frames[top].next]
            frames[top].next += 1
            let child = frames[top].prefix + entry.name
            // Shown as it is read (the usual case): one string serves both, once per input.
            let shown = frames[top].prefix == frames[top].displayPrefix ? child : frames[top].displayPrefix + entry.name
            switch entry.kind {
            case .file:
                return Input(display: shown, path: child, problem: nil)
            case .unreadableFolder(let problem):
                return Input(display: shown, path: child, problem: problem)
            case .folder:
                enter(child, display: shown)
                if let input = pending {
                    pending = nil
                    return input
                }
            }
        }
        return nil
    }

    /// Why a folder cannot be listed, found when its parent is read so that it can be shown
    /// in its place (a folder that cannot be opened is one input, named without a slash).
    private static func unreadable(_ path: String) -> Diagnostic? {
        guard let dir = opendir(path) else { return openFailure() }
        closedir(dir)
        return nil
    }

    /// The problem of a folder `opendir` just refused, with the system's reason.
    private static func openFailure() -> Diagnostic {
        Diagnostic("cannot read the folder: \(String(cString: strerror(errno)))")
    }

    /// Reads and orders one folder's entries, or notes why it cannot be read.
    private func enter(_ path: String, display: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let dir = opendir(path) else {
            pending = Input(display: display, path: path, problem: Self.openFailure())
            return
        }
        defer { closedir(dir) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        var entries: [Entry] = []
        while let entry = readdir(dir) {
            let type = entry.pointee.d_type
            let mayBeFolder = type == UInt8(DT_DIR) || type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN)
            // Names are matched as bytes; only those that can be an input or a folder become Strings.
            let found: (name: String, isInput: Bool)? = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                let length = strnlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self), raw.count)
                let bytes = UnsafeRawBufferPointer(rebasing: raw[0..<length])
                if bytes.elementsEqual(".".utf8) || bytes.elementsEqual("..".utf8) { return nil }
                let matches = suffixes.contains { length >= $0.count && bytes[(length - $0.count)...].elementsEqual($0) }
                return matches || mayBeFolder ? (String(decoding: bytes, as: UTF8.self), matches) : nil
            }
            guard let (name, isInput) = found else { continue }
            var isDirectory = type == UInt8(DT_DIR)
            if type == UInt8(DT_LNK) || type == UInt8(DT_UNKNOWN) {
                var target = stat()
                isDirectory = stat(prefix + name, &target) == 0 && target.st_mode & S_IFMT == S_IFDIR
            }
            guard isDirectory || isInput else { continue }
            if !isDirectory {
                entries.append(Entry(name: name, key: name, kind: .file))
            } else if let problem = Self.unreadable(prefix + name) {
                entries.append(Entry(name: name, key: name, kind: .unreadableFolder(problem)))
            } else {
                entries.append(Entry(name: name, key: name + "/", kind: .folder))
            }
        }
        entries = entries.sortedByteWise(by: \.key)
        frames.append(Frame(prefix: prefix, displayPrefix: display.hasSuffix("/") ? display : display + "/",
                            entries: entries))
    }
}
