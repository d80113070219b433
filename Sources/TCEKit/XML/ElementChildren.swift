/// Finding an element's children, for the two views of a report's elements (libxml2's tree,
/// `XMLElement`, and the flat `ElementTree`): each walks its own storage, the lookups are shared.
protocol ElementChildren {
    /// Calls `body` with each element child (named `name`, when given) until it returns false.
    func forEachChild(named name: StaticString?, _ body: (Self) -> Bool)
}

extension ElementChildren {
    /// Element children in document order.
    var children: [Self] {
        var result: [Self] = []
        forEachChild(named: nil) { result.append($0); return true }
        return result
    }

    func child(_ name: StaticString) -> Self? {
        var found: Self?
        forEachChild(named: name) { found = $0; return false }
        return found
    }

    func children(_ name: StaticString) -> [Self] {
        var result: [Self] = []
        forEachChild(named: name) { result.append($0); return true }
        return result
    }
}
