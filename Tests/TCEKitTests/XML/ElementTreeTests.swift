import Testing
@testable import TCEKit

/// The flat element tree, built through its own calls (the streaming tests build it from SAX).
@Suite struct ElementTreeTests {
    static func withBytes(_ text: String, _ body: (UnsafePointer<UInt8>, Int) -> Void) {
        var copy = text
        copy.withUTF8 { body($0.baseAddress!, $0.count) }
    }

    static func start(_ tree: ElementTree, _ name: String, line: Int) {
        var copy = name + "\0"
        copy.withUTF8 { tree.start(name: $0.baseAddress!, line: line) }
    }

    static func attribute(_ tree: ElementTree, _ name: String, _ value: String, namespaced: Bool = false) {
        var n = name + "\0"
        n.withUTF8 { namePointer in
            withBytes(value) { tree.attribute(name: namePointer.baseAddress!, value: $0, count: $1, namespaced: namespaced) }
        }
    }

    @Test func anEmptyTreeHasNoRoot() {
        #expect(ElementTree().root == nil)
    }

    @Test func childrenAttributesAndTextAreFoundByName() throws {
        let tree = ElementTree()
        Self.start(tree, "Projects", line: 3)
        for i in 0..<3 {
            Self.start(tree, "Project", line: 4 + i)
            Self.attribute(tree, "id", "P-\(i)")
            Self.attribute(tree, "id", "foreign", namespaced: true)
            tree.end()
        }
        Self.start(tree, "Note", line: 7)
        Self.withBytes("  瓜州 ") { tree.characters($0, count: $1) }
        tree.end()
        tree.end()
        let root = try #require(tree.root)
        #expect(root.name == "Projects" && root.line == 3)
        #expect(root.children.map(\.name) == ["Project", "Project", "Project", "Note"])
        #expect(root.children("Project").compactMap { $0.attribute("id") } == ["P-0", "P-1", "P-2"])
        #expect(root.child("Project")?.attribute("missing") == nil)
        #expect(root.child("Note")?.text == "  瓜州 ")
        #expect(root.child("Absent") == nil)
        // Whitespace between children is not the parent's text.
        #expect(root.text == "")
        #expect(root.outline == "Projects@3[]{Project@4[id=P-0,id(ns)=foreign]{} Project@5[id=P-1,id(ns)=foreign]{} Project@6[id=P-2,id(ns)=foreign]{} Note@7[]{瓜州}}")
    }

    @Test func textInPiecesIsJoinedEvenWhenSomethingCameBetween() throws {
        let tree = ElementTree()
        Self.start(tree, "Name", line: 1)
        Self.withBytes("瓜州") { tree.characters($0, count: $1) }
        Self.withBytes("县") { tree.characters($0, count: $1) }
        // An attribute stored after the first pieces puts other bytes behind them.
        Self.attribute(tree, "lang", "zh")
        Self.withBytes("公司") { tree.characters($0, count: $1) }
        tree.end()
        let root = try #require(tree.root)
        #expect(root.text == "瓜州县公司")
        #expect(root.attribute("lang") == "zh")
        root.withText { #expect(Array($0) == Array("瓜州县公司".utf8)) }
    }

    @Test func growsPastItsFirstCapacity() throws {
        let tree = ElementTree()
        Self.start(tree, "Energy", line: 1)
        let long = String(repeating: "煤", count: 3000)   // 9,000 bytes, past the first 4,096
        for i in 0..<200 {
            Self.start(tree, "Item", line: 2 + i)
            Self.attribute(tree, "type", "t\(i)")
            Self.withBytes(i == 199 ? long : "\(i)") { tree.characters($0, count: $1) }
            tree.end()
        }
        tree.end()
        let items = try #require(tree.root).children("Item")
        #expect(items.count == 200)
        #expect(items.enumerated().allSatisfy { i, item in
            item.line == 2 + i && item.attribute("type") == "t\(i)" && (i == 199 ? item.text == long : item.text == "\(i)")
        })
    }
}
