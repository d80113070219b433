import Foundation

/// Files and folders that tests make once and share (a suite cannot tear down a shared
/// fixture): removed when the test process exits, so a run leaves nothing in the temporary
/// folder.
enum TemporaryFiles {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var paths: [URL] = []
    nonisolated(unsafe) private static var installed = false

    static func removeAtExit(_ url: URL) {
        lock.withLock {
            paths.append(url)
            if !installed {
                installed = true
                atexit { TemporaryFiles.removeAll() }
            }
        }
    }

    private static func removeAll() {
        for url in lock.withLock({ paths }) { try? FileManager.default.removeItem(at: url) }
    }
}
