import Foundation

/// A minimal HTTP/1.1 client over a plain socket, for testing the preview server with
/// nothing of the server's own library: one request per connection, or a stream read
/// until something appears.
struct RawHTTP: Sendable {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    let port: UInt16

    /// Socket I/O blocks, so it runs on a Dispatch thread: Swift concurrency's few threads
    /// must stay free for the server under test, which runs in the same process.
    func get(_ target: String, headers: [String: String] = [:], method: String = "GET") async throws -> Response {
        try await Self.offPool { try getBlocking(target, headers: headers, method: method) }
    }

    func stream(_ target: String, seconds: Double, until: @escaping @Sendable (String) -> Bool) async throws -> String {
        try await Self.offPool { try streamBlocking(target, seconds: seconds, until: until) }
    }

    private static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }

    private func getBlocking(_ target: String, headers: [String: String], method: String) throws -> Response {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, target: target, method: method, headers: headers)
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        // Until the server closes the connection; a busy machine may take a while to answer.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                data += buffer[0..<count]
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                break
            }
        }
        return try parse(data)
    }

    /// Reads a streaming response until `until` returns true for everything received so far, or the time is up.
    private func streamBlocking(_ target: String, seconds: Double, until: (String) -> Bool) throws -> String {
        let fd = try connect()
        defer { close(fd) }
        try send(fd, target: target, method: "GET", headers: [:], keepAlive: true)
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let count = read(fd, &buffer, buffer.count)
            if count > 0 {
                received += buffer[0..<count]
                if until(String(decoding: received, as: UTF8.self)) { break }
            } else if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
                break
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    private func connect() throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            close(fd)
            throw URLError(.cannotConnectToHost)
        }
        return fd
    }

    private func send(_ fd: Int32, target: String, method: String, headers: [String: String], keepAlive: Bool = false) throws {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if !keepAlive { request += "Connection: close\r\n" }
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        guard write(fd, bytes, bytes.count) == bytes.count else { throw URLError(.networkConnectionLost) }
    }

    private func parse(_ data: [UInt8]) throws -> Response {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = (0..<max(0, data.count - 3)).first(where: { data[$0..<$0 + 4].elementsEqual(separator) }) else {
            throw URLError(.badServerResponse)
        }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(data[(end + 4)...]))
    }
}
