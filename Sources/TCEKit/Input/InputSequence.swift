#if canImport(Glibc)
import Glibc
#endif

/// The inputs of a batch one at a time, in byte-wise order of the printed path (SPEC §5),
/// each path once. Folders are walked as more is asked for (`FolderWalk`); files named one by
/// one (and the entries of zip drops) are listed up front, sorted, and merged in.
///
/// The commands hand this sequence straight to `BatchRunner`, which asks for one window of
/// inputs ahead of the reports being checked, so a batch's paths are never all held at once.
/// A folder is listed whole when the walk enters it: a file deleted after that is still in
/// the batch, as unreadable; a file deleted before the walk reaches its folder is not in it,
/// as with `find`.
public struct InputSequence: Sequence, IteratorProtocol {
    private enum Source {
        case walk(FolderWalk)
        case list(IndexingIterator<[Input]>)

        mutating func next() -> Input? {
            switch self {
            case .walk(let walk):
                return walk.next()
            case .list(var list):
                let input = list.next()
                self = .list(list)
                return input
            }
        }
    }

    /// More ordered sources than this are merged up front instead (a `--files-from` list naming
    /// thousands of folders): picking the least of the heads costs one comparison per source.
    static let mergedLimit = 32

    private var sources: [Source] = []
    private var heads: [Input?] = []
    private var last: String?

    public init(_ arguments: [String], extensions: [String] = [".xml"],
                archiveLimits: ZipDrop.Limits = ZipDrop.Limits()) {
        var loose: [Input] = []
        var walks: [FolderWalk] = []
        var archives: [[Input]] = []
        for argument in arguments {
            var info = stat()
            guard stat(argument, &info) == 0 else {
                loose.append(Input(display: argument, path: argument,
                                   problem: Diagnostic("cannot read: \(String(cString: strerror(errno)))")))
                continue
            }
            if info.st_mode & S_IFMT == S_IFDIR {
                walks.append(FolderWalk(folder: argument, display: argument, extensions: extensions))
            } else if argument.lowercased().hasSuffix(".zip") {
                archives.append(Self.entries(ofArchive: argument, limits: archiveLimits, extensions: extensions))
            } else {
                loose.append(Input(display: argument, path: argument, problem: nil))
            }
        }
        if walks.count + archives.count >= Self.mergedLimit {
            for walk in walks { while let input = walk.next() { loose.append(input) } }
            walks = []
            loose += archives.joined()
            archives = []
        }
        // Stable: of inputs shown alike, the one named first stays first.
        for list in [loose] + archives where !list.isEmpty {
            sources.append(.list(list.sortedByteWise(by: \.display).makeIterator()))
        }
        sources += walks.map { .walk($0) }
        heads = sources.indices.map { sources[$0].next() }
    }

    /// The least head next (the earlier source on a tie); a path seen just before is skipped,
    /// so a file named twice, or inside two named folders, comes once.
    public mutating func next() -> Input? {
        while true {
            var least: Int?
            for i in heads.indices {
                guard let head = heads[i] else { continue }
                if let l = least, !head.display.utf8Precedes(heads[l]!.display) { continue }
                least = i
            }
            guard let i = least, let input = heads[i] else { return nil }
            heads[i] = sources[i].next()
            if input.display == last { continue }
            last = input.display
            return input
        }
    }

    /// One input per report in the archive, or the archive itself as one invalid input when it is rejected.
    private static func entries(ofArchive path: String, limits: ZipDrop.Limits, extensions: [String]) -> [Input] {
        do {
            let drop = try ZipDrop.open(path, limits: limits, extensions: extensions)
            return drop.entryNames.enumerated().map { index, name in
                Input(display: path + "!/" + name, source: .archiveEntry(drop, index: index))
            }
        } catch {
            return [Input(display: path, path: path, problem: error)]
        }
    }
}
