import FlyingFox
import Foundation

/// Answers every request from the current snapshot: the site under its base path, the
/// live-reload endpoints, and nothing else.
struct PreviewHandler: HTTPHandler {
    let basePath: String
    let state: PreviewState

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: HTTPHeaders([HTTPHeader("Allow"): "GET, HEAD"]))
        }
        let rawPath = request.target.path(percentEncoded: true)
        switch rawPath {
        case LiveReload.scriptPath:
            return response(Array(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", request: request, etag: nil)
        case LiveReload.eventsPath:
            let stream = await state.liveReload.subscribe()
            return HTTPResponse(
                statusCode: .ok,
                headers: [.contentType: "text/event-stream; charset=utf-8", .cacheControl: "no-store"],
                body: HTTPBodySequence(from: StreamedBody(chunks: stream), suggestedBufferSize: 4096))
        default:
            break
        }
        // Decode once; a path that decodes to something odd ("%2e%2e", "%00") resolves to nothing.
        guard let path = rawPath.removingPercentEncoding, path.hasPrefix(basePath) else {
            if rawPath == "/" || rawPath == basePath.dropLast() {
                return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: basePath]))
            }
            return await notFound(request)
        }
        let snapshot = await state.snapshot
        switch snapshot.lookup(String(path.dropFirst(basePath.count))) {
        case .file(let name):
            let file = snapshot.files[name]!
            return response(file.bytes, type: file.contentType, request: request, etag: file.etag)
        case .redirect(let folder):
            return HTTPResponse(statusCode: .movedPermanently, headers: HTTPHeaders([.location: basePath + folder]))
        case .notFound:
            return await notFound(request)
        }
    }

    /// The site's own 404 page, with status 404.
    private func notFound(_ request: HTTPRequest) async -> HTTPResponse {
        let snapshot = await state.snapshot
        guard let page = snapshot.files["404.html"] else {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found\n".utf8))
        }
        var response = response(page.bytes, type: page.contentType, request: request, etag: nil)
        response.statusCode = .notFound
        return response
    }

    private func response(_ bytes: [UInt8], type: String, request: HTTPRequest, etag: String?) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-cache"]
        if let etag {
            headers[.eTag] = etag
            if request.headers[HTTPHeader("If-None-Match")]?.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag }) == true {
                return HTTPResponse(statusCode: .notModified, headers: headers)
            }
        }
        var body = bytes
        if type.hasPrefix("text/html") { body = Self.injectingReloadScript(body) }
        headers[.contentLength] = String(body.count)
        return HTTPResponse(statusCode: .ok, headers: headers, body: request.method == .HEAD ? Data() : Data(body))
    }

    /// The page with the live-reload script added before `</body>` (or at the end).
    static func injectingReloadScript(_ page: [UInt8]) -> [UInt8] {
        let tag = Array(LiveReload.scriptTag.utf8)
        let close = Array("</body>".utf8)
        var index = page.count - close.count
        while index >= 0 {
            if page[index] == UInt8(ascii: "<"), page[index..<index + close.count].elementsEqual(close) {
                return Array(page[..<index]) + tag + Array(page[index...])
            }
            index -= 1
        }
        return page + tag
    }
}

/// The snapshot being served and the live-reload hub, shared by the server and the watcher.
actor PreviewState {
    private(set) var snapshot = SiteSnapshot([])
    let liveReload = LiveReload()

    func replace(with snapshot: SiteSnapshot) {
        self.snapshot = snapshot
    }
}
