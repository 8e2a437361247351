import FlyingFox
import FlyingSocks
import Foundation

/// Live reload over Server-Sent Events. The server adds a script to every HTML page it
/// serves (never to the files of `Site/`); the script listens on `/__digest/events` and
/// reloads the page after a rebuild, or shows the build error over the page until it is fixed.
actor LiveReload {
    static let scriptPath = "/__digest/live-reload.js"
    static let eventsPath = "/__digest/events"
    static let scriptTag = "<script src=\"\(scriptPath)\" defer></script>"

    private var generation = 0
    private var error: String?
    private var subscribers: [UUID: AsyncStream<[UInt8]>.Continuation] = [:]

    /// A new build is being served.
    func reload() {
        generation += 1
        error = nil
        send(Self.event("reload", String(generation)))
    }

    /// The last rebuild failed; the previous site is still served.
    func failed(_ message: String) {
        error = message
        send(Self.event("build-error", message))
    }

    var currentError: String? { error }

    /// The event stream for one browser tab: the current state first, then every change.
    func subscribe() -> AsyncStream<[UInt8]> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        continuation.yield(Self.event("hello", String(generation)))
        if let error { continuation.yield(Self.event("build-error", error)) }
        continuation.onTermination = { _ in Task { await self.unsubscribe(id) } }
        subscribers[id] = continuation
        return stream
    }

    /// Keeps idle connections open through proxies and tells us when a tab has gone.
    func ping() { send(Array(": ping\n\n".utf8)) }

    func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    private func send(_ bytes: [UInt8]) {
        for continuation in subscribers.values { continuation.yield(bytes) }
    }

    /// `event: name` and one `data:` line per line of the message.
    static func event(_ name: String, _ data: String) -> [UInt8] {
        let lines = data.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)\n" }.joined()
        return Array("event: \(name)\n\(lines)\n".utf8)
    }

    /// The page's side: reload on a new build, show an overlay on a failed one.
    static let script = """
        // Added by `digest serve` only; never part of the built site.
        (function () {
          "use strict";
          var overlay = null;
          var seen = null;
          function show(message) {
            if (!overlay) {
              overlay = document.createElement("div");
              overlay.setAttribute("role", "alert");
              overlay.id = "digest-build-error";
              var box = overlay.style;
              box.position = "fixed"; box.inset = "0"; box.zIndex = "2147483647"; box.overflow = "auto";
              box.background = "rgba(20, 20, 24, 0.94)"; box.color = "#ffd7d7"; box.padding = "2rem";
              box.font = "14px/1.5 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace"; box.whiteSpace = "pre-wrap";
              document.body.appendChild(overlay);
            }
            overlay.textContent = "digest serve: the last rebuild failed; this is the previous site.\\n\\n" + message;
          }
          var events = new EventSource("\(eventsPath)");
          events.addEventListener("hello", function (event) {
            if (seen !== null && event.data !== seen) { window.location.reload(); }
            seen = event.data;
          });
          events.addEventListener("reload", function (event) {
            if (event.data !== seen) { window.location.reload(); }
          });
          events.addEventListener("build-error", function (event) { show(event.data); });
        })();
        """
}

/// Bytes from an `AsyncStream`, in the shape FlyingFox streams a response body from.
struct StreamedBody: AsyncBufferedSequence {
    typealias Element = UInt8
    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<[UInt8]>.AsyncIterator
        var pending: [UInt8] = []

        mutating func next() async -> UInt8? {
            if pending.isEmpty { pending = await chunks.next() ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            if pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = chunk
            }
            let buffer = Array(pending.prefix(Swift.max(1, count)))
            pending.removeFirst(buffer.count)
            return buffer
        }
    }
}
