extension UInt8 {
    /// XML's white space (production S): space, tab, line feed, carriage return. The schema's
    /// whitespace facets and the declaration's syntax use exactly these four.
    var isXMLBlank: Bool { self == 0x20 || self == 0x09 || self == 0x0A || self == 0x0D }
}
