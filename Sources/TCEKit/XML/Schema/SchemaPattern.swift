/// An XSD `pattern` facet compiled to a deterministic automaton, so that checking a value costs
/// one table lookup per character.
///
/// Covers the part of XSD regular expressions a report schema needs: literal characters,
/// single-character escapes, `.`, character classes with ranges and `^`, groups, `|`, and the
/// quantifiers `?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`. Anything else (`\d`, `\p{…}`, class
/// subtraction, a bare `^` or `$`) is refused with `CompiledSchema.Unsupported`, and the schema
/// is then validated by libxml2 alone. XSD patterns match the whole value: no anchors needed.
struct SchemaPattern: Sendable {
    let source: String
    /// Sorted starts of the character classes the pattern distinguishes; class `k` is
    /// `boundaries[k] ..< boundaries[k + 1]` (the last one runs to the end of Unicode).
    private let boundaries: [UInt32]
    /// The class of each ASCII character, to skip the search for the usual characters.
    private let asciiClass: [UInt8]
    private let classCount: Int
    /// `transitions[state * classCount + class]`: the next state, or -1 when the value cannot match.
    private let transitions: [Int16]
    private let accepting: [Bool]

    /// Limits that keep a hostile or careless schema from compiling into something huge.
    static let maximumStates = 2_000
    static let maximumRepeat = 1_000
    /// Groups nested deeper than this are refused: the parser recurses once per group.
    static let maximumNesting = 64

    init(_ source: String) throws(CompiledSchema.Unsupported) {
        self.source = source
        var parser = PatternParser(Array(source.unicodeScalars), source: source)
        let tree = try parser.parse()
        var cuts: Set<UInt32> = [0]
        tree.collectBoundaries(into: &cuts)
        let boundaries = cuts.sorted()
        var nfa = NFA(classCount: boundaries.count, boundaries: boundaries)
        let start = try nfa.compile(tree, then: nfa.add(.accept))
        let (transitions, accepting) = try nfa.determinize(from: start)
        self.boundaries = boundaries
        classCount = boundaries.count
        asciiClass = (0..<128).map { UInt8(Self.classIndex(of: UInt32($0), in: boundaries)) }
        self.transitions = transitions
        self.accepting = accepting
    }

    private static func classIndex(of scalar: UInt32, in boundaries: [UInt32]) -> Int {
        var low = 0, high = boundaries.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if boundaries[mid] <= scalar { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Whether the UTF-8 text (as libxml2 hands it over: well-formed) matches the whole pattern.
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        transitions.withUnsafeBufferPointer { table in
            var state = 0
            var i = 0
            while i < text.count {
                let lead = text[i]
                let cls: Int
                if lead < 0x80 {
                    cls = Int(asciiClass[Int(lead)])
                    i += 1
                } else {
                    let (scalar, length) = Self.decode(text, at: i)
                    cls = Self.classIndex(of: scalar, in: boundaries)
                    i += length
                }
                state = Int(table[state * classCount + cls])
                if state < 0 { return false }
            }
            return accepting[state]
        }
    }

    private static func decode(_ text: UnsafeBufferPointer<UInt8>, at i: Int) -> (UInt32, Int) {
        let lead = UInt32(text[i])
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        guard i + length <= text.count else { return (0xFFFD, text.count - i) }
        var scalar = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length { scalar = scalar << 6 | UInt32(text[i + k] & 0x3F) }
        return (scalar, length)
    }
}

/// A set of Unicode scalars as sorted, closed ranges.
private struct ScalarSet {
    var ranges: [ClosedRange<UInt32>]

    static let all = ScalarSet(ranges: [0...0x10FFFF])

    /// XSD's `.`: every character but line feed and carriage return.
    static let dot = ScalarSet(ranges: [0...0x09, 0x0B...0x0C, 0x0E...0x10FFFF])

    func inverted() -> ScalarSet {
        var result: [ClosedRange<UInt32>] = []
        var next: UInt32 = 0
        for r in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if r.lowerBound > next { result.append(next...(r.lowerBound - 1)) }
            next = max(next, r.upperBound &+ 1)
        }
        if next <= 0x10FFFF { result.append(next...0x10FFFF) }
        return ScalarSet(ranges: result)
    }

    func contains(_ scalar: UInt32) -> Bool { ranges.contains { $0.contains(scalar) } }
}

private indirect enum PatternNode {
    case set(ScalarSet)
    case sequence([PatternNode])
    case choice([PatternNode])
    case repeated(PatternNode, min: Int, max: Int?)

    func collectBoundaries(into cuts: inout Set<UInt32>) {
        switch self {
        case .set(let s):
            for r in s.ranges {
                cuts.insert(r.lowerBound)
                if r.upperBound < 0x10FFFF { cuts.insert(r.upperBound + 1) }
            }
        case .sequence(let items), .choice(let items):
            for item in items { item.collectBoundaries(into: &cuts) }
        case .repeated(let item, _, _):
            item.collectBoundaries(into: &cuts)
        }
    }
}

/// Reads XSD regular-expression syntax (XML Schema Part 2, appendix F) into a `PatternNode`.
private struct PatternParser {
    let scalars: [Unicode.Scalar]
    let source: String
    var position = 0
    var depth = 0

    init(_ scalars: [Unicode.Scalar], source: String) {
        self.scalars = scalars
        self.source = source
    }

    private func unsupported(_ what: String) -> CompiledSchema.Unsupported {
        CompiledSchema.Unsupported("pattern '\(source)': \(what)")
    }

    private var peek: Unicode.Scalar? { position < scalars.count ? scalars[position] : nil }

    mutating func parse() throws(CompiledSchema.Unsupported) -> PatternNode {
        let node = try choice()
        if position != scalars.count { throw unsupported("unexpected '\(scalars[position])'") }
        return node
    }

    private mutating func choice() throws(CompiledSchema.Unsupported) -> PatternNode {
        var branches = [try branch()]
        while peek == "|" {
            position += 1
            branches.append(try branch())
        }
        return branches.count == 1 ? branches[0] : .choice(branches)
    }

    private mutating func branch() throws(CompiledSchema.Unsupported) -> PatternNode {
        var pieces: [PatternNode] = []
        while let c = peek, c != "|", c != ")" {
            pieces.append(try quantified(try atom()))
        }
        return .sequence(pieces)
    }

    private mutating func atom() throws(CompiledSchema.Unsupported) -> PatternNode {
        guard let c = peek else { throw unsupported("unexpected end") }
        position += 1
        switch c {
        case "(":
            depth += 1
            defer { depth -= 1 }
            guard depth <= SchemaPattern.maximumNesting else {
                throw unsupported("groups nested more than \(SchemaPattern.maximumNesting) deep")
            }
            let inner = try choice()
            guard peek == ")" else { throw unsupported("unclosed group") }
            position += 1
            return inner
        case "[": return .set(try characterClass())
        case ".": return .set(.dot)
        case "\\":
            let escaped = try escape()
            return .set(ScalarSet(ranges: [escaped.value...escaped.value]))
        case "?", "*", "+", "{", "}", ")", "]", "^", "$":
            throw unsupported("'\(c)' where a character was expected")
        default: return .set(ScalarSet(ranges: [c.value...c.value]))
        }
    }

    /// The character a single-character escape stands for (the backslash already read).
    private mutating func escape() throws(CompiledSchema.Unsupported) -> Unicode.Scalar {
        guard peek != nil else { throw unsupported("a backslash at the end") }
        position += 1
        return try escape(at: position - 1)
    }

    /// The character of the escape whose letter is at `index` (no reading).
    private func escape(at index: Int) throws(CompiledSchema.Unsupported) -> Unicode.Scalar {
        let c = scalars[index]
        switch c {
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "\\", "|", ".", "?", "*", "+", "(", ")", "{", "}", "-", "[", "]", "^": return c
        default: throw unsupported("the escape '\\\(c)'")
        }
    }

    private mutating func characterClass() throws(CompiledSchema.Unsupported) -> ScalarSet {
        var negated = false
        if peek == "^" {
            negated = true
            position += 1
        }
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        while true {
            guard let c = peek else { throw unsupported("unclosed character class") }
            if c == "]" && !first { position += 1; break }
            if c == "[" { throw unsupported("a class inside a class") }
            // A '-' is literal only first or last in a class; elsewhere it is an error or subtraction.
            if c == "-", !first, position + 1 < scalars.count, scalars[position + 1] != "]" {
                throw unsupported("'-' inside a character class")
            }
            let low = try classCharacter()
            if peek == "-", position + 1 < scalars.count, scalars[position + 1] != "]" {
                position += 1
                if peek == "[" { throw unsupported("class subtraction") }
                let high = try classCharacter()
                guard low.value <= high.value else { throw unsupported("the range \(low)-\(high)") }
                ranges.append(low.value...high.value)
            } else {
                ranges.append(low.value...low.value)
            }
            first = false
        }
        let set = ScalarSet(ranges: ranges)
        return negated ? set.inverted() : set
    }

    private mutating func classCharacter() throws(CompiledSchema.Unsupported) -> Unicode.Scalar {
        guard let c = peek else { throw unsupported("unclosed character class") }
        position += 1
        return c == "\\" ? try escape() : c
    }

    private mutating func quantified(_ node: PatternNode) throws(CompiledSchema.Unsupported) -> PatternNode {
        switch peek {
        case "?": position += 1; return .repeated(node, min: 0, max: 1)
        case "*": position += 1; return .repeated(node, min: 0, max: nil)
        case "+": position += 1; return .repeated(node, min: 1, max: nil)
        case "{":
            position += 1
            let low = try number()
            var high: Int? = low
            if peek == "," {
                position += 1
                high = peek == "}" ? nil : try number()
            }
            guard peek == "}" else { throw unsupported("an unclosed quantifier") }
            position += 1
            if let high, high < low { throw unsupported("the quantifier {\(low),\(high)}") }
            if low > SchemaPattern.maximumRepeat || (high ?? 0) > SchemaPattern.maximumRepeat {
                throw unsupported("a repeat count over \(SchemaPattern.maximumRepeat)")
            }
            return .repeated(node, min: low, max: high)
        default: return node
        }
    }

    private mutating func number() throws(CompiledSchema.Unsupported) -> Int {
        var value = 0, digits = 0
        while let c = peek, ("0"..."9").contains(c), digits < 6 {
            value = value * 10 + Int(c.value - 48)
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw unsupported("a quantifier without a number") }
        return value
    }
}

/// Thompson's construction over character classes, then the subset construction.
private struct NFA {
    enum State {
        case consume(ScalarSet, next: Int)
        case split([Int])
        case accept
    }

    let classCount: Int
    let boundaries: [UInt32]
    var states: [State] = []

    init(classCount: Int, boundaries: [UInt32]) {
        self.classCount = classCount
        self.boundaries = boundaries
    }

    mutating func add(_ state: State) -> Int {
        states.append(state)
        return states.count - 1
    }

    /// Compiles `node` so that it continues at `next`; returns its entry state.
    mutating func compile(_ node: PatternNode, then next: Int) throws(CompiledSchema.Unsupported) -> Int {
        guard states.count < SchemaPattern.maximumStates else {
            throw CompiledSchema.Unsupported("a pattern with more than \(SchemaPattern.maximumStates) states")
        }
        switch node {
        case .set(let set):
            return add(.consume(set, next: next))
        case .sequence(let items):
            var entry = next
            for item in items.reversed() { entry = try compile(item, then: entry) }
            return entry
        case .choice(let items):
            var entries: [Int] = []
            for item in items { entries.append(try compile(item, then: next)) }
            return add(.split(entries))
        case .repeated(let item, let min, let max):
            var entry = next
            if let max {
                // The optional copies, innermost last: each may stop and go on to `next`.
                for _ in 0..<(max - min) {
                    let body = try compile(item, then: entry)
                    entry = add(.split([body, next]))
                }
            } else {
                let loop = add(.split([]))
                let body = try compile(item, then: loop)
                states[loop] = .split([body, next])
                entry = loop
            }
            for _ in 0..<min { entry = try compile(item, then: entry) }
            return entry
        }
    }

    private func closure(_ seeds: [Int]) -> [Int] {
        var seen = Set<Int>()
        var stack = seeds
        var result: [Int] = []
        while let s = stack.popLast() {
            guard seen.insert(s).inserted else { continue }
            if case .split(let targets) = states[s] { stack.append(contentsOf: targets) } else { result.append(s) }
        }
        return result.sorted()
    }

    func determinize(from start: Int) throws(CompiledSchema.Unsupported) -> ([Int16], [Bool]) {
        var index: [[Int]: Int] = [:]
        var sets: [[Int]] = []
        var transitions: [Int16] = []
        var accepting: [Bool] = []
        func intern(_ set: [Int]) -> Int {
            if let known = index[set] { return known }
            index[set] = sets.count
            sets.append(set)
            return sets.count - 1
        }
        _ = intern(closure([start]))
        var next = 0
        while next < sets.count {
            guard sets.count <= Int(Int16.max) else {
                throw CompiledSchema.Unsupported("a pattern whose automaton is too large")
            }
            let current = sets[next]
            accepting.append(current.contains { if case .accept = states[$0] { true } else { false } })
            for cls in 0..<classCount {
                let scalar = boundaries[cls]
                var targets: [Int] = []
                for s in current {
                    if case .consume(let set, let to) = states[s], set.contains(scalar) { targets.append(to) }
                }
                transitions.append(targets.isEmpty ? -1 : Int16(intern(closure(targets))))
            }
            next += 1
        }
        return (transitions, accepting)
    }
}
