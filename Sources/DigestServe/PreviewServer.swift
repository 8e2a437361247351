import DigestKit
import FlyingFox
import FlyingSocks
import Foundation

/// `digest serve`: builds the site into memory, serves it, watches the content and layouts,
/// rebuilds after a change and tells open pages to reload. A failed rebuild keeps the
/// last good site and shows the error in the terminal and over the page.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        public var build = Pipeline.Options()
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port: UInt16 = 8000
        /// The path the site is served under, `/` or e.g. `/digest/`.
        public var basePath = "/"
        /// How often to look for changes, and how long they must settle before a rebuild.
        public var pollInterval: Duration = .milliseconds(250)
        public var settle: Duration = .milliseconds(150)

        public init() {}
    }

    public let configuration: Configuration
    /// Messages for the terminal (build summaries, errors).
    private let log: @Sendable (String) -> Void
    private let state = PreviewState()
    private let server: HTTPServer

    public init(_ configuration: Configuration, log: @escaping @Sendable (String) -> Void) throws {
        var configuration = configuration
        configuration.basePath = Self.normalise(configuration.basePath)
        self.configuration = configuration
        self.log = log
        let address: any SocketAddress = configuration.host.contains(":")
            ? try sockaddr_in6.inet6(ip6: configuration.host, port: configuration.port)
            : try sockaddr_in.inet(ip4: configuration.host, port: configuration.port)
        server = HTTPServer(
            config: HTTPServer.Configuration(address: address, timeout: 60, logger: .disabled),
            handler: PreviewHandler(basePath: configuration.basePath, state: state))
    }

    /// `digest` → `/digest/`, `` → `/`.
    static func normalise(_ path: String) -> String {
        let inner = path.split(separator: "/").joined(separator: "/")
        return inner.isEmpty ? "/" : "/" + inner + "/"
    }

    /// The URL pages are served at, once the server listens.
    public func url() async -> String? {
        guard case .ip4(let host, let port)? = await server.listeningAddress else {
            if case .ip6(let host, let port)? = await server.listeningAddress { return "http://[\(host)]:\(port)\(configuration.basePath)" }
            return nil
        }
        return "http://\(host):\(port)\(configuration.basePath)"
    }

    /// Builds, serves and watches until the task is cancelled. Throws if the first build
    /// fails (there is nothing to serve) or the address cannot be used. `ready` gets the URL
    /// once the first build is being served.
    public func run(ready: @Sendable (String) -> Void = { _ in }) async throws {
        let serving = Task { try await server.run() }
        do {
            try await server.waitUntilListening(timeout: 10)
        } catch {
            serving.cancel()
            throw DigestError("cannot listen on \(configuration.host):\(configuration.port): \(error.localizedDescription)")
        }
        let watcher = ChangeWatcher(folders: [configuration.build.content, configuration.build.layouts])
        var seen = watcher.fingerprint()
        do {
            try await rebuild(first: true)
        } catch {
            await server.stop()
            throw error
        }
        ready(await url() ?? "")
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await state.liveReload.ping()
            }
        }
        defer { heartbeat.cancel() }
        while !Task.isCancelled {
            try? await Task.sleep(for: configuration.pollInterval)
            var now = watcher.fingerprint()
            guard now != seen else { continue }
            // Wait for a burst of saves (an editor, a collector) to settle into one rebuild.
            while true {
                try? await Task.sleep(for: configuration.settle)
                let later = watcher.fingerprint()
                if later == now { break }
                now = later
            }
            let changed = ChangeWatcher.changes(from: seen, to: now)
            seen = now
            log("Changed: \(changed.prefix(3).joined(separator: ", "))\(changed.count > 3 ? " and \(changed.count - 3) more" : "")")
            try? await rebuild(first: false)
        }
        await state.liveReload.finishAll()
        await server.stop(timeout: 1)
        serving.cancel()
    }

    /// Runs blocking work (a build spreads over every core and waits for them) on a Dispatch
    /// thread, so Swift concurrency's few threads stay free to answer requests meanwhile.
    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Renders the site into a new snapshot; on failure keeps the old one and reports.
    private func rebuild(first: Bool) async throws {
        var options = configuration.build
        if let url = await url() { options.baseURL = BaseURL(url) }
        let start = ContinuousClock.now
        do {
            let settled = options
            let (report, files) = try await Self.offPool { try Pipeline.render(settled) }
            await state.replace(with: SiteSnapshot(files))
            await state.liveReload.reload()
            let elapsed = ContinuousClock.now - start
            let milliseconds = Int(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
            for warning in report.warnings { log(warning.description) }
            log("\(first ? "Built" : "Rebuilt") \(report.pages) pages and \(report.feeds) feeds from \(report.papers) papers in \(milliseconds) ms")
        } catch {
            // A first build that fails on anything but the content is the caller's to report.
            if first, !(error is DiagnosticsError) { throw error }
            let message = (error as? DiagnosticsError)?.description ?? (error as? DigestError)?.message ?? "\(error)"
            log(message)
            if first { throw error }
            log("The rebuild failed; still serving the previous site.")
            await state.liveReload.failed(message)
        }
    }
}
