import Foundation

/// Where a PostgreSQL team store lives, read from a `postgresql://` (or `postgres://`) URL the way
/// libpq reads one: `postgresql://[user[:password]@][host][:port][/database][?param=value&…]`, with
/// the `host`, `port`, `dbname`, `user`, `password`, `sslmode`, `sslrootcert` and `connect_timeout` parameters, a host
/// that is a folder (`?host=/run/postgresql`, or `%2Frun%2Fpostgresql` in place of the host) for a
/// Unix socket, and libpq's environment variables (PGHOST, PGPORT, PGDATABASE, PGUSER, PGSSLMODE,
/// PGSSLROOTCERT) for what the
/// URL leaves out. The password is never part of `description` or `redacted`.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    /// libpq's `sslmode`, as far as Reinstate supports it.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// No TLS.
        case disable
        /// TLS when the server offers it (libpq's default over TCP); the certificate is not checked.
        case prefer
        /// TLS or no connection; the certificate is not checked.
        case require
        /// TLS, and the server's certificate must be valid for the host name.
        case verifyFull = "verify-full"
    }

    /// A host name or address, or (starting with "/") the folder holding the server's Unix socket.
    public var host: String
    public var port: Int
    public var database: String
    public var user: String
    /// The password written in the URL, if any (PGPASSWORD and ~/.pgpass are looked up by `password(…)`).
    public var urlPassword: String?
    public var sslMode: SSLMode
    /// libpq's `sslrootcert`: the file (or folder) of certificate authorities the server's certificate
    /// must chain to, or `system` for the operating system's trusted roots. Nil when the URL and
    /// PGSSLROOTCERT leave it out: libpq's default, `~/.postgresql/root.crt`, is looked up by
    /// `rootCertificate(home:)`.
    public var sslRootCert: String?
    /// Seconds to wait for the server before saying it cannot be reached.
    public var connectTimeout: Int

    /// Debian's (and most Linux packages') folder for the server's socket, libpq's default host there.
    public static let defaultSocketFolder = "/var/run/postgresql"

    /// Whether `text` names a PostgreSQL store rather than a file.
    public static func isURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Whether the connection goes through a Unix socket.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file libpq would use: `HOST/.s.PGSQL.PORT`.
    public var socketPath: String { host + "/.s.PGSQL.\(port)" }

    /// The address without its password, for every message, log and error.
    public var redacted: String {
        var hostPart = ""
        var query: [String] = []
        if isUnixSocket {
            query.append("host=" + Self.encode(host, keeping: Self.pathSafe))
        } else {
            hostPart = host.contains(":") ? "[\(host)]" : Self.encode(host, keeping: Self.unreserved)
        }
        if port != 5432 { hostPart += ":\(port)" }
        if sslMode != .prefer && !isUnixSocket || sslMode != .disable && isUnixSocket {
            query.append("sslmode=" + sslMode.rawValue)
        }
        if let sslRootCert { query.append("sslrootcert=" + Self.encode(sslRootCert, keeping: Self.pathSafe)) }
        return "postgresql://" + Self.encode(user, keeping: Self.unreserved) + "@" + hostPart + "/"
            + Self.encode(database, keeping: Self.unreserved) + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    public var description: String { redacted }

    /// Reads a URL. `environment` gives libpq's defaults (PGHOST, PGPORT, PGDATABASE, PGUSER) and
    /// `loginName` the user when none is given, as libpq takes the operating system's user name.
    public init(url: String, environment: [String: String] = [:], loginName: String) throws {
        guard Self.isURL(url) else { throw PostgresAddressError("it does not start with postgresql://") }
        guard let scheme = url.range(of: "://") else { throw PostgresAddressError("it does not start with postgresql://") }
        var body = url[scheme.upperBound...]
        var queryText: Substring = ""
        if let q = body.firstIndex(of: "?") {
            queryText = body[body.index(after: q)...]
            body = body[..<q]
        }
        if body.contains("#") { throw PostgresAddressError("a # has no place in it (percent-encode it as %23)") }
        var authority = body
        var path: Substring = ""
        if let slash = body.firstIndex(of: "/") {
            authority = body[..<slash]
            path = body[body.index(after: slash)...]
        }
        var userText: String? = nil
        var password: String? = nil
        if let at = authority.lastIndex(of: "@") {
            let userInfo = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = userInfo.firstIndex(of: ":") {
                userText = try Self.decode(userInfo[..<colon], "user name")
                password = try Self.decode(userInfo[userInfo.index(after: colon)...], "password")
            } else {
                userText = try Self.decode(userInfo, "user name")
            }
        }
        if authority.contains(",") {
            throw PostgresAddressError("it names several hosts; Reinstate connects to one (give one host)")
        }
        var hostText: String? = nil
        var portText: String? = nil
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw PostgresAddressError("an IPv6 address lacks its closing ]") }
            hostText = String(authority[authority.index(after: authority.startIndex)..<close])
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresAddressError("unexpected text after the IPv6 address") }
                portText = String(after.dropFirst())
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostText = try Self.decode(authority[..<colon], "host")
            portText = String(authority[authority.index(after: colon)...])
        } else if !authority.isEmpty {
            hostText = try Self.decode(authority, "host")
        }
        var databaseText = path.isEmpty ? nil : try Self.decode(path, "database name")
        var sslText: String? = nil
        var rootCertText: String? = nil
        var timeoutText: String? = nil
        for pair in queryText.split(separator: "&", omittingEmptySubsequences: true) {
            guard let eq = pair.firstIndex(of: "=") else {
                throw PostgresAddressError("the parameter \"\(Self.shown(pair))\" has no value (write name=value)")
            }
            let name = try Self.decode(pair[..<eq], "parameter name")
            let value = try Self.decode(pair[pair.index(after: eq)...], "parameter \(name)")
            switch name {
            case "host": hostText = value
            case "port": portText = value
            case "dbname": databaseText = value
            case "user": userText = value
            case "password": password = value
            case "sslmode": sslText = value
            case "sslrootcert": rootCertText = value
            case "connect_timeout": timeoutText = value
            case "application_name", "fallback_application_name": break  // harmless: Reinstate names itself
            default:
                throw PostgresAddressError(
                    "the parameter \"\(Self.shown(name))\" is not one Reinstate understands "
                        + "(host, port, dbname, user, password, sslmode, sslrootcert, connect_timeout)")
            }
        }
        func given(_ value: String?) -> String? { value.flatMap { $0.isEmpty ? nil : $0 } }
        host = given(hostText) ?? given(environment["PGHOST"]) ?? Self.defaultSocketFolder
        if host.contains(",") { throw PostgresAddressError("it names several hosts; Reinstate connects to one (give one host)") }
        let portValue = given(portText) ?? given(environment["PGPORT"]) ?? "5432"
        guard let port = Int(portValue), (1...65_535).contains(port) else {
            throw PostgresAddressError("the port \"\(Self.shown(portValue))\" is not a number from 1 to 65535")
        }
        self.port = port
        user = given(userText) ?? given(environment["PGUSER"]) ?? loginName
        database = given(databaseText) ?? given(environment["PGDATABASE"]) ?? user
        urlPassword = password
        sslRootCert = given(rootCertText) ?? given(environment["PGSSLROOTCERT"])
        let sslValue = given(sslText) ?? given(environment["PGSSLMODE"])
        if let sslValue {
            guard let mode = SSLMode(rawValue: sslValue) else {
                throw PostgresAddressError(
                    "sslmode=\(Self.shown(sslValue)) is not one Reinstate supports (disable, prefer, require, verify-full)")
            }
            sslMode = mode
        } else if host.hasPrefix("/") {
            sslMode = .disable  // a Unix socket never uses TLS
        } else {
            // libpq's default: try TLS over the network; with sslrootcert=system, check it fully.
            sslMode = sslRootCert == "system" ? .verifyFull : .prefer
        }
        if sslRootCert == "system", sslMode != .verifyFull, !host.hasPrefix("/") {
            // libpq refuses the same: anyone can get a certificate from a public authority, for their own name.
            throw PostgresAddressError("sslrootcert=system needs sslmode=verify-full (the system's roots vouch only for host names)")
        }
        if host.hasPrefix("/"), sslMode == .require || sslMode == .verifyFull {
            throw PostgresAddressError("sslmode=\(sslMode.rawValue) needs a network host; a Unix socket (\(host)) has no TLS")
        }
        let timeoutValue = given(timeoutText) ?? given(environment["PGCONNECT_TIMEOUT"]) ?? "10"
        guard let timeout = Int(timeoutValue), timeout >= 0, timeout <= 3600 else {
            throw PostgresAddressError("connect_timeout \"\(Self.shown(timeoutValue))\" is not a number of seconds (0 to 3600)")
        }
        connectTimeout = timeout == 0 ? 10 : max(timeout, 2)  // libpq: 0 is "wait for ever", 1 counts as 2
        if user.isEmpty { throw PostgresAddressError("it names no user") }
    }

    /// Where the server's certificate is checked against, libpq's way: the `sslrootcert` given (`system`
    /// for the operating system's trusted roots), else `HOME/.postgresql/root.crt` when that file
    /// exists, else the system's roots (`defaulted`: nothing was named). The file is not read here.
    public func rootCertificate(home: String) -> RootCertificate {
        if let sslRootCert {
            return sslRootCert == "system" ? .system : .file(sslRootCert)
        }
        let standard = home + "/.postgresql/root.crt"
        return FileManager.default.fileExists(atPath: standard) ? .file(standard) : .defaulted
    }

    /// The certificate authorities a server's certificate is checked against.
    public enum RootCertificate: Sendable, Equatable {
        /// A PEM file of certificate authorities (or a folder of them).
        case file(String)
        /// The operating system's trusted roots, asked for with `sslrootcert=system`.
        case system
        /// The operating system's trusted roots, because no file was named and ~/.postgresql/root.crt is absent.
        case defaulted
    }

    /// The password to send: the URL's, else `PGPASSWORD`, else the first matching line of the password
    /// file (`PGPASSFILE`, else `~/.pgpass`), which is read only when no one but its owner can read it.
    /// Whatever was noticed on the way (a password file that others can read) is in `warnings`.
    public func password(environment: [String: String], home: String) -> (password: String?, warnings: [String]) {
        if let urlPassword { return (urlPassword, []) }
        if let env = environment["PGPASSWORD"], !env.isEmpty { return (env, []) }
        let file = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? (home + "/.pgpass")
        return PasswordFile.lookup(path: file, address: self)
    }

    // MARK: - Percent-encoding

    static let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".unicodeScalars)
    static let pathSafe = unreserved.union(["/"])

    static func encode(_ text: String, keeping allowed: Set<Unicode.Scalar>) -> String {
        var out = ""
        for byte in text.utf8 {
            let scalar = Unicode.Scalar(byte)
            if byte < 0x80, allowed.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += String(format: "%%%02X", byte)
            }
        }
        return out
    }

    static func decode(_ text: Substring, _ what: String) throws -> String {
        guard text.contains("%") else { return String(text) }
        guard let decoded = text.removingPercentEncoding else {
            // Never quote the text: it may be the password.
            throw PostgresAddressError("its \(what) holds a % that is not followed by two hexadecimal digits")
        }
        return decoded
    }

    /// A piece of the URL safe to show: one line, short. Never called on a password.
    static func shown<S: StringProtocol>(_ text: S) -> String {
        let line = String(text.prefix(40)).map { $0.isNewline || $0.asciiValue.map { $0 < 0x20 } == true ? "?" : $0 }
        return String(line)
    }
}

/// A `postgresql://` URL that cannot be used, said without its password.
public struct PostgresAddressError: Error, Equatable, CustomStringConvertible {
    public let why: String
    public init(_ why: String) { self.why = why }
    public var description: String { "The PostgreSQL store address is not usable: \(why)." }
}
