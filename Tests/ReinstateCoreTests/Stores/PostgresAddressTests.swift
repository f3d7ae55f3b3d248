import Foundation
import Testing
@testable import ReinstateCore

/// Reading `postgresql://` URLs with libpq's conventions, and never showing the password.
@Suite struct PostgresAddressTests {
    func address(_ url: String, _ environment: [String: String] = [:]) throws -> PostgresAddress {
        try PostgresAddress(url: url, environment: environment, loginName: "seller")
    }

    @Test func aFullURL() throws {
        let a = try address("postgresql://alice:s3cr%40t@db.example.com:6543/reinstate?sslmode=verify-full")
        #expect(a.host == "db.example.com")
        #expect(a.port == 6543)
        #expect(a.user == "alice")
        #expect(a.urlPassword == "s3cr@t")
        #expect(a.database == "reinstate")
        #expect(a.sslMode == .verifyFull)
        #expect(!a.isUnixSocket)
    }

    @Test func theShortSchemeAndLibpqDefaults() throws {
        let a = try address("postgres://db.example.com")
        #expect(a.port == 5432)
        #expect(a.user == "seller")  // the login name, as libpq
        #expect(a.database == "seller")  // the user's name when none is given
        #expect(a.sslMode == .prefer)
        let env = try address("postgresql:///", ["PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "bob", "PGDATABASE": "cases"])
        #expect((env.host, env.port, env.user, env.database) == ("pg.internal", 5433, "bob", "cases"))
    }

    @Test func aUnixSocketAsAParameterOrAnEncodedHost() throws {
        let a = try address("postgresql:///reinstate?host=/run/postgresql")
        #expect(a.isUnixSocket)
        #expect(a.socketPath == "/run/postgresql/.s.PGSQL.5432")
        #expect(a.sslMode == .disable)
        #expect(a.database == "reinstate")
        let b = try address("postgresql://%2Ftmp%2Fpg:5499/x")
        #expect(b.host == "/tmp/pg")
        #expect(b.socketPath == "/tmp/pg/.s.PGSQL.5499")
        // No host at all: the distribution's socket folder, as Debian's libpq.
        #expect(try address("postgresql:///reinstate").host == PostgresAddress.defaultSocketFolder)
    }

    @Test func anIPv6Host() throws {
        let a = try address("postgresql://u@[::1]:5433/d")
        #expect(a.host == "::1")
        #expect(a.port == 5433)
        #expect(a.redacted == "postgresql://u@[::1]:5433/d")
    }

    @Test func theRootCertificateAsLibpqFindsIt() throws {
        let a = try address("postgresql://u@db.example.com/d?sslmode=verify-full&sslrootcert=%2Fetc%2Fca%20file.crt")
        #expect(a.sslRootCert == "/etc/ca file.crt")
        #expect(a.rootCertificate(home: "/nowhere") == .file("/etc/ca file.crt"))
        #expect(a.redacted == "postgresql://u@db.example.com/d?sslmode=verify-full&sslrootcert=/etc/ca%20file.crt")
        let env = try address("postgresql://u@db.example.com/d?sslmode=verify-full", ["PGSSLROOTCERT": "/etc/team-ca.crt"])
        #expect(env.sslRootCert == "/etc/team-ca.crt")
        // Nothing named: ~/.postgresql/root.crt when it exists, else the system's roots.
        let plain = try address("postgresql://u@db.example.com/d?sslmode=verify-full")
        let home = NSTemporaryDirectory() + "home-\(UUID().uuidString)"
        #expect(plain.rootCertificate(home: home) == .defaulted)
        try FileManager.default.createDirectory(atPath: home + "/.postgresql", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: home) }
        FileManager.default.createFile(atPath: home + "/.postgresql/root.crt", contents: Data())
        #expect(plain.rootCertificate(home: home) == .file(home + "/.postgresql/root.crt"))
        // sslrootcert=system: the system's roots, and (libpq 16) verify-full unless said otherwise.
        let system = try address("postgresql://u@db.example.com/d?sslrootcert=system")
        #expect(system.sslMode == .verifyFull)
        #expect(system.rootCertificate(home: home) == .system)
    }

    @Test func malformedURLsAreRefusedInWords() {
        let bad = [
            "postgresql://h:99999/d": "port",
            "postgresql://h:abc/d": "port",
            "postgresql://h/d?sslmode=sometimes": "sslmode",
            "postgresql://h/d?colour=blue": "not one Reinstate understands",
            "postgresql://h1,h2/d": "several hosts",
            "postgresql://[::1/d": "IPv6",
            "postgresql:///d?host=/run/postgresql&sslmode=require": "Unix socket",
            "postgresql://h/d?sslmode": "no value",
            "postgresql://h/d?sslmode=require&sslrootcert=system": "sslrootcert=system needs sslmode=verify-full",
        ]
        for (url, words) in bad {
            #expect(throws: PostgresAddressError.self) { try address(url) }
            do {
                _ = try address(url)
            } catch {
                #expect("\(error)".contains(words), "\(url): \(error)")
            }
        }
    }

    @Test func thePasswordIsNeverShown() throws {
        let a = try address("postgresql://alice:hunter2@db.example.com/reinstate?password=hunter3")
        #expect(a.urlPassword == "hunter3")  // the parameter wins, as in libpq
        #expect(!a.redacted.contains("hunter"))
        #expect(!"\(a)".contains("hunter"))
        #expect(a.redacted == "postgresql://alice@db.example.com/reinstate")
        // A broken percent sign in the password is reported without quoting it.
        do {
            _ = try address("postgresql://alice:hun%zzter2@db/x")
            Issue.record("a bad escape was accepted")
        } catch {
            #expect(!"\(error)".contains("hun"))
        }
    }

    @Test func passwordsComeFromTheURLThenPGPASSWORDThenThePasswordFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/.pgpass"
        try """
            # host:port:database:user:password
            other.example.com:*:*:alice:nope
            db.example.com:5432:reinstate:alice:from\\:file\\\\
            *:*:*:*:fallback
            """.write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o600)
        let a = try address("postgresql://alice@db.example.com/reinstate")
        #expect(a.password(environment: [:], home: folder).password == "from:file\\")
        #expect(a.password(environment: ["PGPASSWORD": "env"], home: folder).password == "env")
        let b = try address("postgresql://bob@elsewhere/x")
        #expect(b.password(environment: [:], home: folder).password == "fallback")
        #expect(b.password(environment: ["PGPASSFILE": folder + "/none"], home: folder).password == nil)
        // Readable by others: ignored, with a warning that names the fix but not the password.
        chmod(file, 0o644)
        let loose = a.password(environment: [:], home: folder)
        #expect(loose.password == nil)
        #expect(loose.warnings.count == 1)
        #expect(loose.warnings[0].contains("chmod 600"))
        #expect(!loose.warnings[0].contains("from"))
    }

    @Test func aSocketConnectionMatchesLocalhostInThePasswordFile() throws {
        let a = try address("postgresql://alice@/reinstate?host=/run/postgresql")
        #expect(PasswordFile.password(in: "localhost:5432:reinstate:alice:pw\n", for: a) == "pw")
        #expect(PasswordFile.password(in: "db:5432:reinstate:alice:pw\n", for: a) == nil)
    }
}
