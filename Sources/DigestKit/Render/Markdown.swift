import CCmarkGFM
import CCmarkSupport
import Foundation

/// Markdown to HTML through cmark-gfm. The only file that talks to the C library.
///
/// GitHub's extensions (tables, strikethrough, autolinks, task lists, the tag filter) and
/// footnotes are on. Content is untrusted: raw HTML is omitted (cmark's safe mode), and
/// links survive only with http, https or mailto URLs, images only with http or https;
/// any other link is reduced to its text.
public enum Markdown {
    /// Renders a document, giving its headings unique, readable ids (avoiding `reservedIDs`).
    /// TeX math (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`) is taken out before cmark sees it and put
    /// back untouched as `<code class="math …">`, so `_` and `*` inside it stay TeX.
    /// `relativeLinks` also keeps links without a scheme (`../criteria/`), for pages the site's
    /// owner writes; summaries from collectors never get them.
    public static func render(_ source: String, reservedIDs: Set<String> = [], relativeLinks: Bool = false) -> RenderedMarkdown {
        let (protected, math, key) = MathSpans.protect(source)
        return withDocument(protected) { document, extensions in
            let headings = prepare(document, reservedIDs: reservedIDs, math: math, key: key, relativeLinks: relativeLinks)
            let html = HTMLRewriter.addingHeadingIDs(renderHTML(document, extensions: extensions), ids: headings.map(\.id))
            return RenderedMarkdown(html: MathSpans.restore(html, spans: math, key: key), headings: headings, hasMath: !math.isEmpty)
        }
    }

    /// Renders a short text such as a highlight: a lone paragraph loses its `<p>` wrapper.
    public static func renderInline(_ source: String) -> String {
        let (protected, math, key) = MathSpans.protect(source)
        return withDocument(protected, footnotes: false) { document, extensions in
            _ = prepare(document, reservedIDs: [], math: math, key: key)
            let child = cmark_node_first_child(document)
            let loneParagraph = child != nil && cmark_node_next(child) == nil && cmark_node_get_type(child) == CMARK_NODE_PARAGRAPH
            var html = renderHTML(document, extensions: extensions, footnotes: false)
            if loneParagraph, html.hasPrefix("<p>"), html.hasSuffix("</p>\n") {
                html = String(html.dropFirst(3).dropLast(5))
            }
            return MathSpans.restore(html, spans: math, key: key)
        }
    }

    /// The text of a short Markdown string without its markup, for search and feed summaries.
    /// Math keeps its TeX source.
    public static func plainText(_ source: String) -> String {
        // Most highlights have no markup at all; only those that do go through cmark.
        guard source.utf8.contains(where: isMarkup) else { return source }
        let (protected, math, key) = MathSpans.protect(source)
        return withDocument(protected, footnotes: false) { document, _ in
            _ = prepare(document, reservedIDs: [], math: math, key: key)
            guard let text = cmark_render_plaintext(document, options(footnotes: false), 0) else { return source }
            defer { free(text) }
            return MathSpans.restorePlain(String(cString: text), spans: math, key: key).trimmingWhitespace()
        }
    }

    /// Bytes that may start Markdown markup, entities, math or HTML.
    private static func isMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "<"),
            UInt8(ascii: ">"), UInt8(ascii: "\\"), UInt8(ascii: "~"), UInt8(ascii: "#"), UInt8(ascii: "|"), UInt8(ascii: "!"),
            UInt8(ascii: "&"), UInt8(ascii: "$"):
            true
        default: false
        }
    }

    /// Footnotes only in whole documents: in a one-line highlight they make no sense, and their
    /// ids would repeat on every card of a day page.
    private static func options(footnotes: Bool) -> Int32 { footnotes ? CMARK_OPT_FOOTNOTES : CMARK_OPT_DEFAULT }
    private static let extensionNames = ["table", "strikethrough", "autolink", "tasklist", "tagfilter"]

    /// Registration is not thread-safe in this cmark-gfm version: do it once, before any render.
    private static let registered: Void = cmark_gfm_core_extensions_ensure_registered()

    /// True when cmark-gfm may run on several threads at once (see CCmarkSupport); otherwise
    /// every render takes `serial`, slower but still correct.
    static let concurrencySafe: Bool = {
        _ = registered
        return digest_cmark_concurrency_fix_active()
    }()
    private static let serial = NSLock()

    private static func withDocument<T>(
        _ source: String, footnotes: Bool = true, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> T
    ) -> T {
        if concurrencySafe { return parse(source, footnotes: footnotes, body) }
        return serial.withLock { parse(source, footnotes: footnotes, body) }
    }

    private static func parse<T>(
        _ source: String, footnotes: Bool, _ body: (OpaquePointer, UnsafeMutablePointer<cmark_llist>?) -> T
    ) -> T {
        _ = registered
        let parser = cmark_parser_new(options(footnotes: footnotes))!
        defer { cmark_parser_free(parser) }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var source = source
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { cmark_parser_feed(parser, $0.baseAddress, $0.count) }
        }
        let document = cmark_parser_finish(parser)!
        defer { cmark_node_free(document) }
        return body(document, cmark_parser_get_syntax_extensions(parser))
    }

    private static func renderHTML(_ document: OpaquePointer, extensions: UnsafeMutablePointer<cmark_llist>?, footnotes: Bool = true) -> String {
        // Passing the parser's extensions is what makes the tag filter and tables render.
        guard let html = cmark_render_html(document, options(footnotes: footnotes), extensions) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Removes unsafe links and images and collects the headings outside footnotes, in order.
    private static func prepare(
        _ document: OpaquePointer, reservedIDs: Set<String>, math: [MathSpans.Span], key: String, relativeLinks: Bool = false
    ) -> [RenderedMarkdown.Heading] {
        var unsafe: [OpaquePointer] = []
        var headingNodes: [OpaquePointer] = []
        var footnoteDepth = 0
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_FOOTNOTE_DEFINITION {
                footnoteDepth += event == CMARK_EVENT_ENTER ? 1 : -1
                continue
            }
            guard event == CMARK_EVENT_ENTER else { continue }
            if type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
                let allowed = type == CMARK_NODE_LINK
                    ? URLPolicy.isAllowedLink(url) || (relativeLinks && URLPolicy.isRelativeLink(url))
                    : URLPolicy.isSafeWebURL(url)
                if !allowed { unsafe.append(node) }
            } else if type == CMARK_NODE_HEADING, footnoteDepth == 0 {
                headingNodes.append(node)
            }
        }
        // Unwrap after iterating: the iterator must not see the tree change under it.
        for node in unsafe.reversed() {
            while let child = cmark_node_first_child(node) { cmark_node_insert_before(node, child) }
            cmark_node_free(node)
        }
        var anchors = AnchorNamer(reserved: reservedIDs)
        return headingNodes.map { node in
            let text = MathSpans.restorePlain(plainText(node), spans: math, key: key)
            return RenderedMarkdown.Heading(level: Int(cmark_node_get_heading_level(node)), text: text, id: anchors.unique(for: text))
        }
    }

    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        let iterator = cmark_iter_new(node)
        defer { cmark_iter_free(iterator) }
        while case let event = cmark_iter_next(iterator), event != CMARK_EVENT_DONE {
            guard event == CMARK_EVENT_ENTER, let child = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(child)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE {
                text += cmark_node_get_literal(child).map { String(cString: $0) } ?? ""
            } else if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK {
                text += " "
            }
        }
        return text.trimmingWhitespace()
    }
}

/// Unique, readable fragment ids from heading text: `Results`, `Results` → `results`, `results-2`.
struct AnchorNamer {
    private var used: Set<String>

    init(reserved: Set<String>) { used = reserved }

    mutating func unique(for text: String) -> String {
        var base = Slug.make(text, fallbackPrefix: "section")
        // cmark-gfm names footnotes fn-<label> and fnref-<label>; headings keep out of the way.
        if base.hasPrefix("fn-") || base.hasPrefix("fnref-") { base = "section-" + base }
        var candidate = base
        var counter = 2
        while !used.insert(candidate).inserted {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        return candidate
    }
}
