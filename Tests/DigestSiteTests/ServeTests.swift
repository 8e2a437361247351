import DigestKit
@testable import DigestServe
import Foundation
import Testing

/// `digest serve` on a free loopback port, driven by a plain socket client.
@Suite(.serialized) struct ServeTests {
    /// A running preview of a small site under /digest/.
    final class Preview: @unchecked Sendable {
        let site: TestSite
        let server: PreviewServer
        let task: Task<Void, Error>
        let port: UInt16
        var http: RawHTTP { RawHTTP(port: port) }

        init(basePath: String = "/digest/") async throws {
            site = try TestSite([
                "site.json": siteJSON(),
                "papers/a.json": "[\(paperJSON("2611.00001", day: "2026-11-20")), \(paperJSON("2611.00002", day: "2026-11-20", topics: ["Robotics"]))]",
            ])
            var configuration = PreviewServer.Configuration()
            configuration.build.content = site.content
            configuration.build.layouts = site.layouts
            configuration.port = 0
            configuration.basePath = basePath
            configuration.pollInterval = .milliseconds(50)
            configuration.settle = .milliseconds(50)
            let server = try PreviewServer(configuration, log: { _ in })
            self.server = server
            let (ready, continuation) = AsyncStream<String>.makeStream()
            task = Task { try await server.run { continuation.yield($0) } }
            var iterator = ready.makeAsyncIterator()
            guard let url = await iterator.next(), let port = URL(string: url)?.port else { throw URLError(.cannotConnectToHost) }
            self.port = UInt16(port)
        }

        func stop() async {
            task.cancel()
            _ = try? await task.value
            site.remove()
        }
    }

    @Test func servesPagesFeedsAndAssetsWithTheirTypes() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        let home = try await http.get("/digest/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("Paper 2611.00001"))
        // The reload script is added by the server, never written into the site.
        #expect(home.text.contains(#"<script src="/__digest/live-reload.js" defer></script></body>"#))
        let types = [
            "/digest/feed.xml": "application/rss+xml; charset=utf-8", "/digest/atom.xml": "application/atom+xml; charset=utf-8",
            "/digest/feed.json": "application/feed+json; charset=utf-8", "/digest/sitemap.xml": "application/xml; charset=utf-8",
            "/digest/search/index.json": "application/json; charset=utf-8", "/digest/assets/style.css": "text/css; charset=utf-8",
            "/digest/assets/digest.js": "text/javascript; charset=utf-8", "/digest/assets/favicon.svg": "image/svg+xml",
            "/digest/papers/2611.00001/": "text/html; charset=utf-8",
        ]
        for (path, type) in types {
            let response = try await http.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.headers["content-type"] == type, "\(path)")
        }
        #expect(try await http.get("/digest/feed.xml").text.contains("<rss version=\"2.0\""))
        #expect(SiteSnapshot.contentType("assets/katex/fonts/KaTeX_Main-Regular.woff2") == "font/woff2")
        #expect(SiteSnapshot.contentType("assets/logo.png") == "image/png")
        #expect(SiteSnapshot.contentType("sitemaps/papers-2026-11.xml") == "application/xml; charset=utf-8")
        #expect(try await http.get("/digest/", method: "HEAD").body.isEmpty)
    }

    @Test func foldersRedirectAndMissingPagesGetTheSites404() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        let folder = try await http.get("/digest/topics")
        #expect(folder.status == 301)
        #expect(folder.headers["location"] == "/digest/topics/")
        #expect(try await http.get("/").headers["location"] == "/digest/")
        let missing = try await http.get("/digest/no/such/page/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("Page not found"))
        #expect(try await http.get("/digest/assets/").status == 404)  // no directory listings
        #expect(try await http.get("/elsewhere/index.html").status == 404)  // outside the base path
    }

    @Test func nothingOutsideTheSiteCanBeReached() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        let attempts = [
            "/digest/../Content/site.json", "/digest/%2e%2e/Content/site.json", "/digest/%2E%2E%2FContent%2Fsite.json",
            "/digest/..%2f..%2fetc/passwd", "/digest/%252e%252e/etc/passwd", "/digest/papers/%00/", "/digest//etc/passwd",
            "/digest/./index.html", "/digest/assets/..\\..\\site.json",
        ]
        for path in attempts {
            let response = try await http.get(path)
            #expect(response.status == 404 || response.status == 400, "\(path) → \(response.status)")
            #expect(!response.text.contains("baseURL"), "\(path) leaked a content file")
        }
    }

    @Test func etagsLetBrowsersRevalidate() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        let first = try await http.get("/digest/assets/style.css")
        let etag = try #require(first.headers["etag"])
        let again = try await http.get("/digest/assets/style.css", headers: ["If-None-Match": etag])
        #expect(again.status == 304)
        #expect(again.body.isEmpty)
        #expect(try await http.get("/digest/assets/style.css", headers: ["If-None-Match": "\"stale\""]).status == 200)
    }

    @Test func aChangeRebuildsAndTellsOpenPagesToReload() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        #expect(try await http.get(LiveReload.scriptPath).text.contains("new EventSource"))
        let site = preview.site
        // Change a paper while a page listens for events.
        let events = Task { try await http.stream(LiveReload.eventsPath, seconds: 30) { $0.contains("event: reload") } }
        try await Task.sleep(for: .milliseconds(300))
        try site.write("Content/papers/a.json", "[\(paperJSON("2611.00001", day: "2026-11-20").replacingOccurrences(of: "Paper 2611.00001", with: "A Renamed Paper"))]")
        let received = try await events.value
        #expect(received.contains("event: hello"))
        #expect(received.contains("event: reload"))
        #expect(try await http.get("/digest/").text.contains("A Renamed Paper"))
    }

    @Test func aFailedRebuildKeepsTheLastSiteAndShowsTheError() async throws {
        let preview = try await Preview()
        defer { Task { await preview.stop() } }
        let http = preview.http
        let site = preview.site
        let events = Task { try await http.stream(LiveReload.eventsPath, seconds: 30) { $0.contains("event: build-error") } }
        try await Task.sleep(for: .milliseconds(300))
        try site.write("Content/papers/a.json", #"[{"id": "2611.00001", "title": "#)
        let received = try await events.value
        #expect(received.contains("event: build-error"))
        #expect(received.contains("papers/a.json:1:"))
        #expect(received.contains("malformed JSON"))
        // Still the previous site.
        #expect(try await http.get("/digest/").text.contains("Paper 2611.00001"))
        // A page opened now learns of the error at once.
        let late = try await http.stream(LiveReload.eventsPath, seconds: 30) { $0.contains("event: build-error") }
        #expect(late.contains("event: build-error"))
        // Fixing the file rebuilds and reloads.
        let fixed = Task { try await http.stream(LiveReload.eventsPath, seconds: 30) { $0.contains("event: reload") } }
        try await Task.sleep(for: .milliseconds(300))
        try site.write("Content/papers/a.json", "[\(paperJSON("2611.00001", day: "2026-11-20"))]")
        #expect(try await fixed.value.contains("event: reload"))
    }

    @Test func itListensOnLoopbackByDefault() throws {
        #expect(PreviewServer.Configuration().host == "127.0.0.1")
        #expect(PreviewServer.normalise("digest") == "/digest/")
        #expect(PreviewServer.normalise("/") == "/")
        #expect(PreviewServer.normalise("//a//b/") == "/a/b/")
    }

    @Test func theScriptGoesBeforeTheEndOfTheBody() {
        let page = Array("<html><body><p>x</p></body></html>".utf8)
        #expect(String(decoding: PreviewHandler.injectingReloadScript(page), as: UTF8.self)
            == "<html><body><p>x</p>\(LiveReload.scriptTag)</body></html>")
        #expect(String(decoding: PreviewHandler.injectingReloadScript(Array("<p>x".utf8)), as: UTF8.self) == "<p>x\(LiveReload.scriptTag)")
    }
}
