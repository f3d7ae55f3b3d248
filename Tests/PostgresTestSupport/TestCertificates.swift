import Foundation

/// Certificates for a TLS test, made with the `openssl` command line in a temporary folder: a certificate
/// authority, a server certificate it signs for `localhost` only (its one subject alternative name, no IP
/// address), and a second authority that signed nothing the server holds. Removed with `remove()`.
public struct TestCertificates: Sendable {
    /// The `openssl` program, or nil when it is not installed.
    public static let openssl: String? = {
        let folders = ["/usr/bin", "/usr/local/bin"] + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        return folders.map { $0 + "/openssl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Why the TLS tests cannot run here (no PostgreSQL, or no openssl), or nil when they can.
    public static let unavailableReason: String? = {
        if let reason = TestPostgresServer.unavailableReason { return reason }
        if openssl == nil { return "the openssl command line is not installed (apt-get install openssl)" }
        return nil
    }()

    public static var isAvailable: Bool { unavailableReason == nil }

    public let folder: String
    /// The authority that signed the server's certificate.
    public var authority: String { folder + "/ca.crt" }
    /// An authority the server's certificate does not chain to.
    public var otherAuthority: String { folder + "/other-ca.crt" }
    /// The server's certificate (CN and DNS name `localhost`) and its key.
    public var serverCertificate: String { folder + "/server.crt" }
    public var serverKey: String { folder + "/server.key" }

    public init() throws {
        guard let openssl = Self.openssl else { throw TestServerError("openssl is not installed") }
        folder = "/tmp/reinstate-tls-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try Self.run(openssl, ["req", "-x509"] + key + ["-keyout", "ca.key", "-out", "ca.crt", "-days", "2",
                                                         "-subj", "/CN=Reinstate test CA"], in: folder)
        try Self.run(openssl, ["req", "-x509"] + key + ["-keyout", "other-ca.key", "-out", "other-ca.crt", "-days", "2",
                                                         "-subj", "/CN=Reinstate other test CA"], in: folder)
        try Self.run(openssl, ["req"] + key + ["-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost"], in: folder)
        try """
            subjectAltName=DNS:localhost
            basicConstraints=critical,CA:FALSE
            keyUsage=critical,digitalSignature,keyEncipherment
            extendedKeyUsage=serverAuth

            """.write(toFile: folder + "/server.ext", atomically: false, encoding: .utf8)
        try Self.run(openssl, ["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                               "-out", "server.crt", "-days", "2", "-extfile", "server.ext"], in: folder)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    private static func run(_ program: String, _ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let log = folder + "/openssl.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? handle.close() }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw TestServerError("openssl \(arguments.first ?? "") failed (status \(process.terminationStatus)): \(output)")
        }
    }
}
