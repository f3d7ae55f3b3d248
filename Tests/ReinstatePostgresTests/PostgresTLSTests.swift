import Foundation
import PostgresTestSupport
import ReinstateCore
import ReinstatePostgres
import Testing

/// TLS against a real, throwaway server on TCP localhost that accepts network logins over TLS only, with
/// a certificate authority and a `localhost` certificate made with openssl for the run. Skipped, with the
/// reason, where PostgreSQL or openssl is missing.
@Suite(
    .serialized,
    .enabled(if: TestCertificates.isAvailable, "\(TestCertificates.unavailableReason ?? "PostgreSQL and openssl are available")"))
struct PostgresTLSTests {
    /// The server and certificates of this test process, made on first use and removed at exit.
    final class Fixture: Sendable {
        let server: TestPostgresServer
        let certificates: TestCertificates
        /// A home folder with no ~/.postgresql/root.crt, so the user's own files play no part.
        let emptyHome: String

        nonisolated(unsafe) private static var made: Fixture?
        private static let lock = NSLock()

        static func shared() throws -> Fixture {
            try lock.withLock {
                if let made { return made }
                let fixture = try Fixture()
                made = fixture
                atexit {
                    Fixture.lock.withLock {
                        Fixture.made?.server.stop()
                        Fixture.made?.certificates.remove()
                        Fixture.made = nil
                    }
                }
                return fixture
            }
        }

        private init() throws {
            certificates = try TestCertificates()
            server = try TestPostgresServer.startTLS(
                certificate: certificates.serverCertificate, key: certificates.serverKey, tlsOnly: true)
            emptyHome = certificates.folder + "/home"
            try FileManager.default.createDirectory(atPath: emptyHome, withIntermediateDirectories: false)
        }
    }

    /// Connects with `url` (the password in it) and `home` for ~/.postgresql/root.crt.
    func connect(_ url: String, home: String? = nil) async throws -> PostgresStore {
        let fixture = try Fixture.shared()
        let address = try PostgresAddress(url: url, loginName: "nobody")
        return try await PostgresStore.connect(to: address, password: address.urlPassword, home: home ?? fixture.emptyHome)
    }

    /// The one line a refused connection gives, checked for what every refusal must be.
    func refusal(_ url: String, home: String? = nil) async throws -> String {
        do {
            let store = try await connect(url, home: home)
            await store.close()
            Issue.record("connected: \(url)")
            return ""
        } catch let error as PostgresStoreError {
            let text = "\(error)"
            #expect(!text.contains(TestPostgresServer.password), "the password shows: \(text)")
            #expect(!text.contains("\n"), "more than one line: \(text)")
            #expect(text.hasSuffix("Nothing was changed."), "\(text)")
            return text
        }
    }

    @Test func requireConnectsOverTLS() async throws {
        let fixture = try Fixture.shared()
        let store = try await connect(fixture.server.tcpURL(database: "postgres", sslMode: "require"))
        let encryption = try await store.encryption()
        await store.close()
        #expect(encryption.tls)
        #expect(encryption.version?.hasPrefix("TLSv1.") == true, "\(encryption)")
    }

    @Test func verifyFullWithTheRightAuthorityConnects() async throws {
        let fixture = try Fixture.shared()
        let url = fixture.server.tcpURL(
            database: "postgres", sslMode: "verify-full", parameters: "sslrootcert=" + fixture.certificates.authority)
        let store = try await connect(url)
        #expect(try await store.encryption().tls)
        await store.close()
    }

    @Test func verifyFullFindsTheAuthorityInTheHomeFolderAsLibpqDoes() async throws {
        let fixture = try Fixture.shared()
        let home = fixture.certificates.folder + "/home-with-root"
        try FileManager.default.createDirectory(atPath: home + "/.postgresql", withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: fixture.certificates.authority, toPath: home + "/.postgresql/root.crt")
        let url = fixture.server.tcpURL(database: "postgres", sslMode: "verify-full")
        let store = try await connect(url, home: home)
        #expect(try await store.encryption().tls)
        await store.close()
        // Without it, the system's roots are asked, and they do not know the test authority.
        let text = try await refusal(url)
        #expect(text.contains("not signed by a certificate authority this system trusts"), "\(text)")
    }

    @Test func verifyFullAgainstAnotherAuthorityIsRefused() async throws {
        let fixture = try Fixture.shared()
        let other = fixture.certificates.otherAuthority
        let text = try await refusal(
            fixture.server.tcpURL(database: "postgres", sslMode: "verify-full", parameters: "sslrootcert=" + other))
        #expect(text.hasPrefix("No secure connection to postgresql://postgres@localhost:\(fixture.server.port)/postgres"), "\(text)")
        #expect(text.contains("the server's certificate is not signed by a certificate authority in \(other)"), "\(text)")
    }

    @Test func requireWithARootCertificateChecksTheChainAsLibpqDoes() async throws {
        let fixture = try Fixture.shared()
        let right = fixture.server.tcpURL(
            database: "postgres", host: "127.0.0.1", sslMode: "require", parameters: "sslrootcert=" + fixture.certificates.authority)
        let store = try await connect(right)  // the chain only: 127.0.0.1 is not the certificate's name
        #expect(try await store.encryption().tls)
        await store.close()
        let text = try await refusal(fixture.server.tcpURL(
            database: "postgres", sslMode: "require", parameters: "sslrootcert=" + fixture.certificates.otherAuthority))
        #expect(text.contains("not signed by a certificate authority in"), "\(text)")
    }

    @Test func verifyFullToAnAddressTheCertificateDoesNotNameIsRefused() async throws {
        let fixture = try Fixture.shared()
        let text = try await refusal(fixture.server.tcpURL(
            database: "postgres", host: "127.0.0.1", sslMode: "verify-full",
            parameters: "sslrootcert=" + fixture.certificates.authority))
        #expect(text.contains("the server's certificate is not made out to 127.0.0.1"), "\(text)")
    }

    @Test func aMissingRootCertificateFileIsSaid() async throws {
        let fixture = try Fixture.shared()
        let missing = fixture.certificates.folder + "/no-such.crt"
        let text = try await refusal(fixture.server.tcpURL(
            database: "postgres", sslMode: "verify-full", parameters: "sslrootcert=" + missing))
        #expect(text.contains("the root certificate file \(missing) does not exist"), "\(text)")
    }

    @Test func noTLSToAServerThatRequiresItIsRefused() async throws {
        let fixture = try Fixture.shared()
        let text = try await refusal(fixture.server.tcpURL(database: "postgres", sslMode: "disable"))
        #expect(text.contains("the server accepts this login only over TLS"), "\(text)")
    }
}
