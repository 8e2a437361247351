import Foundation
import Mustache

/// The layouts: Mustache templates and the assets copied beside the pages.
/// The only file that talks to the template engine.
///
/// Template values are HTML-escaped by `{{name}}`; only values that hold HTML we made
/// (rendered Markdown) are meant for `{{{name}}}`.
public struct Theme: Sendable {
    /// Templates every layout folder must have, one per kind of page.
    public static let requiredTemplates = [
        "base", "day", "topic", "topics", "paper", "archive", "archive-month", "feeds", "search", "page", "best", "404", "partials/card",
    ]

    private let library: MustacheLibrary
    /// Every template's name; pages whose template is not required are made only when the layouts have it.
    let templateNames: Set<String>
    /// Nil when the layouts use something skeletons cannot reproduce; pages are then rendered one by one.
    private let skeletons: TemplateSkeletons?
    private let direct = Counter()
    /// Files under `assets/`, by path relative to it, in path order.
    public let assets: [SourceFile]
    /// A hash of every template and asset: pages made with other layouts are other pages.
    let fingerprint: UInt64
    /// The strings, dates and numbers of the site's language.
    public let interface: Interface

    /// Parses every template; problems are reported with the template's file and line.
    /// `templates` are named by their path relative to the layouts folder (`partials/card.mustache`).
    /// `skeletons: false` renders every page with the template engine (for comparison in tests).
    /// `{{t.key}}` tags take their text from `interface` (see `TemplateStrings`).
    public init(
        templates: [SourceFile], assets: [SourceFile], folder: String, interface: Interface = .english, skeletons: Bool = true
    ) throws(DiagnosticsError) {
        var parsed: [String: MustacheTemplate] = [:]
        var sources: [String] = []
        var problems: [Diagnostic] = []
        for file in templates {
            let name = String(file.path.dropLast(".mustache".count))
            let location = folder.isEmpty ? file.path : folder + "/" + file.path
            guard let source = String(validating: file.bytes, as: UTF8.self) else {
                problems.append(Diagnostic(file: location, message: "template is not valid UTF-8"))
                continue
            }
            let (text, stringProblems) = TemplateStrings.translate(source, interface)
            if !stringProblems.isEmpty {
                let places = file.lineColumns(of: stringProblems.map(\.offset))
                for problem in stringProblems {
                    let place = places[problem.offset]
                    problems.append(Diagnostic(file: location, line: place?.line, column: place?.column, message: problem.message))
                }
                continue
            }
            sources.append(text)
            do {
                parsed[name] = try MustacheTemplate(string: text)
            } catch let error as MustacheTemplate.ParserError {
                problems.append(
                    Diagnostic(
                        file: location, line: error.context.lineNumber, column: error.context.columnNumber,
                        message: "template syntax error: \(Self.explain(error.error))"))
            } catch {
                problems.append(Diagnostic(file: location, message: "template syntax error: \(error)"))
            }
        }
        for name in Self.requiredTemplates where parsed[name] == nil && !problems.contains(where: { $0.file.hasSuffix("/\(name).mustache") }) {
            problems.append(Diagnostic(file: folder.isEmpty ? "\(name).mustache" : "\(folder)/\(name).mustache", message: "required template is missing"))
        }
        guard problems.isEmpty else { throw DiagnosticsError(problems) }
        self.library = MustacheLibrary(templates: parsed)
        self.interface = interface
        self.templateNames = Set(parsed.keys)
        self.skeletons = skeletons && TemplateSkeletons.supports(templateSources: sources) ? TemplateSkeletons() : nil
        self.assets = assets.sorted { $0.path < $1.path }
        var hasher = KeyHasher(interface.fingerprint)
        for file in templates.sorted(by: { $0.path < $1.path }) + [SourceFile(path: "assets/", bytes: [])] + self.assets {
            hasher.add(file.path)
            hasher.add(ContentHash.of(file.bytes))
        }
        fingerprint = hasher.value
    }

    /// How pages were made so far: spliced into a skeleton made for an earlier page of the
    /// same shape, or rendered by the template engine (skeletons made, and pages it cannot do).
    public var renderCounts: (spliced: Int, rendered: Int) {
        let skeletonCounts = skeletons?.counts ?? (reused: 0, made: 0)
        return (skeletonCounts.reused, skeletonCounts.made + direct.value)
    }

    /// Takes over the skeletons an earlier build made with these layouts (see `KeptFile`).
    func take(_ kept: TemplateSkeletons.Kept) { skeletons?.take(kept) }

    /// The skeletons to keep for the next build; nil when pages are rendered one by one.
    var keptSkeletons: TemplateSkeletons.Kept? { skeletons?.kept() }

    /// Renders a template with a page's values.
    func render(_ template: String, _ context: TemplateObject) -> [UInt8] {
        if let skeletons, let page = skeletons.render(template, context, with: { engine(template, $0) }) {
            return page
        }
        direct.add(1)
        return Array(renderDirectly(template, context).utf8)
    }

    /// `partials/card` for one paper: rendered once per card (most cards share a skeleton),
    /// and inserted into day and topic pages as HTML.
    func renderCard(_ values: TemplateObject) -> String {
        String(decoding: render("partials/card", values), as: UTF8.self)
    }

    /// The template engine itself, page by page.
    func renderDirectly(_ template: String, _ context: TemplateObject) -> String {
        engine(template, context.engineValue as! [String: Any])
    }

    private func engine(_ template: String, _ context: [String: Any]) -> String {
        library.render(context, withTemplate: template) ?? ""
    }

    private static func explain(_ error: Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a closing tag {{/…}} does not match the section it closes"
        case .unfinishedName: return "a tag is not closed with }}"
        case .expectedSectionEnd: return "a section {{#…}} or {{^…}} is never closed"
        case .invalidSetDelimiter: return "malformed set-delimiter tag"
        case .transformAppliedToInheritanceSection: return "a transform cannot be applied to an inheritance section"
        case .illegalTokenInsideInheritSection: return "only {{$block}} overrides may appear inside {{<parent}}"
        case .textInsideInheritSection: return "text may not appear directly inside {{<parent}}"
        case .invalidConfigVariableSyntax: return "malformed pragma"
        case .unrecognisedConfigVariable: return "unknown pragma"
        }
    }
}

/// A count shared by the threads rendering pages.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func add(_ amount: Int) { lock.withLock { count += amount } }
}
