#if canImport(Glibc)
import Glibc
#endif

/// Expands command-line paths into the sorted list of inputs: files as named, folders
/// searched recursively for `*.xml`, zip archives (`*.zip`) listed entry by entry as
/// `drop.zip!/path/inside.xml`. Symlink loops are cut; no report is read here.
public enum InputCollector {
    /// The paths of a list file: one per line (LF or CRLF), empty lines skipped.
    public static func paths(inList bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            var line = line[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
        }
    }

    public static func collect(_ arguments: [String], extensions: [String] = [".xml"],
                               archiveLimits: ZipDrop.Limits = ZipDrop.Limits()) -> [Input] {
        var inputs: [Input] = []
        for argument in arguments {
            var info = stat()
            guard stat(argument, &info) == 0 else {
                inputs.append(Input(display: argument, path: argument,
                                    problem: Diagnostic("cannot read: \(String(cString: strerror(errno)))")))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                var visited: Set<[UInt64]> = []
                walk(argument, display: argument, extensions: extensions, visited: &visited, into: &inputs)
            } else if argument.lowercased().hasSuffix(".zip") {
                archive(argument, limits: archiveLimits, extensions: extensions, into: &inputs)
            } else {
                inputs.append(Input(display: argument, path: argument, problem: nil))
            }
        }
        // Byte-wise order of the printed path, each path once. A folder's walk already comes
        // out in this order, so the sort is needed only when several paths were named.
        if !inputs.indices.dropFirst().allSatisfy({ !inputs[$0].display.utf8Precedes(inputs[$0 - 1].display) }) {
            inputs.sort { $0.display.utf8Precedes($1.display) }
        }
        // Sorted, so a path named twice stands next to itself.
        var unique: [Input] = []
        unique.reserveCapacity(inputs.count)
        for input in inputs where unique.last?.display != input.display { unique.append(input) }
        return unique
    }

    /// One input per report in the archive, or the archive itself as one invalid input when it is rejected.
    private static func archive(_ path: String, limits: ZipDrop.Limits, extensions: [String], into inputs: inout [Input]) {
        do {
            let drop = try ZipDrop.open(path, limits: limits, extensions: extensions)
            for (index, name) in drop.entryNames.enumerated() {
                inputs.append(Input(display: path + "!/" + name, source: .archiveEntry(drop, index: index)))
            }
        } catch {
            inputs.append(Input(display: path, path: path, problem: error))
        }
    }

    private static func walk(_ path: String, display: String, extensions: [String],
                             visited: inout Set<[UInt64]>, into inputs: inout [Input]) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
        guard let dir = opendir(path) else {
            inputs.append(Input(display: display, path: path,
                                problem: Diagnostic("cannot read the folder: \(String(cString: strerror(errno)))")))
            return
        }
        defer { closedir(dir) }
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let displayPrefix = display.hasSuffix("/") ? display : display + "/"
        let suffixes = extensions.map { Array($0.utf8) }
        var entries: [(name: String, key: String, isDirectory: Bool)] = []
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
            // A folder sorts as its name and a slash, as every path inside it does: the walk then
            // yields paths in byte-wise order of the whole path.
            entries.append((name, isDirectory ? name + "/" : name, isDirectory))
        }
        entries.sort { $0.key.utf8Precedes($1.key) }
        for (name, _, isDirectory) in entries {
            let child = prefix + name
            // Shown as it is read (the usual case): one string serves both, once per input.
            let shown = prefix == displayPrefix ? child : displayPrefix + name
            if isDirectory {
                walk(child, display: shown, extensions: extensions, visited: &visited, into: &inputs)
            } else {
                inputs.append(Input(display: shown, path: child, problem: nil))
            }
        }
    }
}
