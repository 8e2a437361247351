@preconcurrency import CLibXML2

/// A parsed HTML or XML document that can be queried with XPath.
///
/// Tests use it to check generated pages and feeds; the importer uses it to read
/// arXiv's Atom responses. Parsing never touches the network.
public final class XMLDocument: @unchecked Sendable {
    fileprivate let doc: xmlDocPtr

    private init(_ doc: xmlDocPtr) { self.doc = doc }
    deinit { xmlFreeDoc(doc) }

    /// A syntax error in an XML document, with libxml2's message and position.
    public struct ParseError: Error, CustomStringConvertible {
        public let message: String
        public let line: Int
        public let column: Int
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// Parses HTML leniently, as a browser would; never fails on markup errors.
    public static func html(_ bytes: [UInt8]) throws -> XMLDocument {
        let options = Int32(HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_NONET.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), "page.html", "UTF-8", options)
            }
        }
        guard let doc else { throw lastError(fallback: "not an HTML document") }
        return XMLDocument(doc)
    }

    /// Parses well-formed XML strictly: the first error is thrown.
    public static func xml(_ bytes: [UInt8]) throws -> XMLDocument {
        xmlResetLastError()
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let doc = bytes.withUnsafeBufferPointer { buffer -> xmlDocPtr? in
            guard let base = buffer.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), "document.xml", nil, options)
            }
        }
        guard let doc else { throw lastError(fallback: "empty document") }
        return XMLDocument(doc)
    }

    private static func lastError(fallback: String) -> ParseError {
        guard let error = xmlGetLastError() else { return ParseError(message: fallback, line: 1, column: 1) }
        let message = error.pointee.message.map { String(cString: $0) } ?? fallback
        return ParseError(
            message: message.trimmingTrailingNewlines(),
            line: Int(error.pointee.line),
            column: Int(error.pointee.int2)
        )
    }

    /// The root element.
    public var root: XMLNode? {
        xmlDocGetRootElement(doc).map { XMLNode(document: self, node: $0) }
    }

    /// Nodes matching an XPath expression, in document order.
    /// `namespaces` maps prefixes used in the expression to namespace URIs.
    public func nodes(_ xpath: String, namespaces: KeyValuePairs<String, String> = [:]) -> [XMLNode] {
        evaluate(xpath, context: nil, namespaces: namespaces)
    }

    fileprivate func evaluate(_ xpath: String, context: xmlNodePtr?, namespaces: KeyValuePairs<String, String>) -> [XMLNode] {
        guard let ctx = xmlXPathNewContext(doc) else { return [] }
        defer { xmlXPathFreeContext(ctx) }
        for (prefix, uri) in namespaces { xmlXPathRegisterNs(ctx, prefix, uri) }
        if let context { ctx.pointee.node = context }
        guard let result = xmlXPathEvalExpression(xpath, ctx) else { return [] }
        defer { xmlXPathFreeObject(result) }
        guard let set = result.pointee.nodesetval else { return [] }
        return (0..<Int(set.pointee.nodeNr)).compactMap { index in
            set.pointee.nodeTab[index].map { XMLNode(document: self, node: $0) }
        }
    }
}

/// An element, attribute or text node of an `XMLDocument`.
public struct XMLNode: @unchecked Sendable {
    private let document: XMLDocument  // keeps the libxml2 tree alive
    private let node: xmlNodePtr

    fileprivate init(document: XMLDocument, node: xmlNodePtr) {
        self.document = document
        self.node = node
    }

    /// The local name, e.g. `a` or `link`.
    public var name: String { node.pointee.name.map { String(cString: $0) } ?? "" }

    /// The namespace prefix, if any.
    public var prefix: String? {
        guard let ns = node.pointee.ns, let prefix = ns.pointee.prefix else { return nil }
        return String(cString: prefix)
    }

    /// The line the node starts on in the parsed document.
    public var line: Int { Int(xmlGetLineNo(node)) }

    /// The text content of the node and its descendants.
    public var text: String {
        guard let content = xmlNodeGetContent(node) else { return "" }
        defer { xmlFree(content) }
        return String(cString: content)
    }

    /// The value of an attribute, or nil.
    public subscript(attribute: String) -> String? {
        guard let value = xmlGetProp(node, attribute) else { return nil }
        defer { xmlFree(value) }
        return String(cString: value)
    }

    /// Every attribute as (name, value), in document order.
    public var attributes: [(name: String, value: String)] {
        var result: [(String, String)] = []
        var attr = node.pointee.properties
        while let current = attr {
            let name = String(cString: current.pointee.name)
            result.append((name, self[name] ?? ""))
            attr = current.pointee.next
        }
        return result
    }

    /// Nodes matching an XPath expression evaluated with this node as context.
    public func nodes(_ xpath: String, namespaces: KeyValuePairs<String, String> = [:]) -> [XMLNode] {
        document.evaluate(xpath, context: node, namespaces: namespaces)
    }
}

extension String {
    fileprivate func trimmingTrailingNewlines() -> String {
        var result = self
        while result.last?.isNewline == true { result.removeLast() }
        return result
    }
}
