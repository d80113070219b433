import Foundation
@testable import TCEKit

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tce-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }

    func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: target)
        return target
    }

    /// Copies a file of the checkout (e.g. `samples/2011-hongyun-mining.xml`) to `name`.
    @discardableResult
    func copy(_ checkoutPath: String, to name: String) throws -> URL {
        let target = file(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.root.appendingPathComponent(checkoutPath), to: target)
        return target
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A sink that keeps what is written.
final class StringSink: TextSink {
    var text = ""
    func write(_ text: String) throws { self.text += text }
    func write(_ bytes: [UInt8]) throws { text += String(decoding: bytes, as: UTF8.self) }
}

enum Pipeline {
    /// The samples that are checked (not samples/invalid), by name.
    static let checkedSamples = [
        "2011-beihewan-lime.xml", "2011-honglingwa-pv.xml", "2011-hongyun-mining.xml", "2011-jinyuan-coal.xml",
        "2011-mofeng-cement.xml", "2011-neiwai-granite.xml", "2011-shaye-building-materials.xml", "2011-suoyang-agri.xml",
        "2011-tianqi-smelting.xml", "2011-xinyuan-ferrosilicon.xml", "2011-xiyu-sunshine.xml",
        "2011-yatai-metal-resubmitted.xml", "2011-yatai-metal.xml",
    ]

    /// Runs the batch through one reporter, as `tce check --format` does, from the checkout's root.
    static func render(_ format: OutputFormat, _ paths: [String], gate: Gate = Gate(), language: Language = .en,
                       workingDirectory: String? = Fixtures.root.path) throws -> (text: String, summary: BatchSummary) {
        var messages = Fixtures.ruleSet.messages
        messages.language = language
        let context = OutputContext(ruleSet: Fixtures.ruleSet, messages: messages, baseline: gate.baseline,
                                    workingDirectory: workingDirectory)
        let sink = StringSink()
        let checker = language == .en ? Fixtures.checker : Fixtures.checkerZH
        let summary = try ReportStream.run(InputCollector.collect(paths), checker: checker,
                                           outputs: [.init(reporter: format.reporter(context: context), sink: sink)], gate: gate)
        return (sink.text, summary)
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
