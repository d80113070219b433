/// Expands command-line paths into the sorted list of inputs: files as named, folders
/// searched recursively for `*.xml` (`FolderWalk`), zip archives (`*.zip`) listed entry by
/// entry as `drop.zip!/path/inside.xml`. Symlink loops are cut; no report is read here.
public enum InputCollector {
    /// The paths of a list file: one per line (LF or CRLF), empty lines skipped.
    public static func paths(inList bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n")).compactMap { line in
            var line = line[...]
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            return line.isEmpty ? nil : String(decoding: line, as: UTF8.self)
        }
    }

    /// Every input, ordered and each once, as one list: for a caller that needs the whole
    /// batch up front (the commands stream `InputSequence` instead).
    public static func collect(_ arguments: [String], extensions: [String] = [".xml"],
                               archiveLimits: ZipDrop.Limits = ZipDrop.Limits()) -> [Input] {
        Array(InputSequence(arguments, extensions: extensions, archiveLimits: archiveLimits))
    }
}
