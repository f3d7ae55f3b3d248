import Foundation
import PostgresNIO
import ReinstateCore

/// What can go wrong with a PostgreSQL team store, in one line a seller (or the agency's admin) can act
/// on. No case names the password: messages carry the redacted address only.
public enum PostgresStoreError: Error, Equatable, CustomStringConvertible, LocalizedError {
    case badAddress(String)
    case unreachable(address: String, why: String)
    case loginRefused(address: String, why: String)
    case tls(address: String, why: String)
    case foreign(address: String, tables: [String])
    case newer(address: String, migration: String)
    case notInitialized(address: String)
    case needsUpgrade(address: String)
    case notEmpty(address: String)
    case noRights(address: String, why: String)
    /// The role may log in but was never given a client account (`team grant`): it cannot even read
    /// which version of Reinstate set the store up.
    case notGranted(address: String)
    /// A staff role tried to put a case (or something of one) under an account it was not given.
    case otherClient(address: String)
    case failed(address: String, why: String)
    /// The connection went away after COMMIT was sent and before its answer came: the server may have
    /// saved the change or not, and only reading the store again can tell.
    case outcomeUnknown(address: String, why: String)

    public var errorDescription: String? { description }

    public var description: String {
        switch self {
        case .badAddress(let why):
            return why
        case .unreachable(let address, let why):
            return "Cannot reach the PostgreSQL server of \(address): \(why). Nothing was changed."
        case .loginRefused(let address, let why):
            return "The PostgreSQL server refused the login to \(address): \(why). Nothing was changed."
        case .tls(let address, let why):
            return "No secure connection to \(address): \(why). Nothing was changed."
        case .foreign(let address, let tables):
            let shown = tables.prefix(3).joined(separator: ", ") + (tables.count > 3 ? ", …" : "")
            return "\(address) holds something else (tables \(shown)); it is not a Reinstate store and was left untouched. "
                + "Give an empty database."
        case .newer(let address, let migration):
            return "\(address) was set up by a newer version of Reinstate (it has migration \(migration)). "
                + "It was left untouched. Update Reinstate to use it."
        case .notInitialized(let address):
            return "\(address) is not a Reinstate store yet; run: reinstate store init \(address)"
        case .needsUpgrade(let address):
            return "\(address) was set up by an earlier Reinstate; run: reinstate store init \(address) to upgrade it."
        case .notEmpty(let address):
            return "\(address) already holds cases; a copy goes only into an empty store. Nothing was changed."
        case .otherClient(let address):
            return "The database role may add and change cases only of the client accounts it was given on \(address) "
                + "(`reinstate team list` shows them), and this is not one of them. Nothing was changed."
        case .noRights(let address, let why):
            return "The database role has no right to do this on \(address): \(why). Nothing was changed."
        case .notGranted(let address):
            return "The database role has no right to read \(address): it has no client account there (none was given, "
                + "or each was taken back). The store's owner gives one with: reinstate team grant ROLE --account NAME. "
                + "Nothing was changed."
        case .failed(let address, let why):
            return "The PostgreSQL store \(address) failed: \(why). Nothing was changed."
        case .outcomeUnknown(let address, let why):
            return "The connection to the PostgreSQL server of \(address) was lost while the change was being saved "
                + "(\(why)): it is not known whether it was saved. It was saved whole or not at all; "
                + "look before doing it again (`reinstate case show CASE --store …` for a case)."
        }
    }

    /// A postgres-nio error in words, for the store at `address` (already redacted).
    static func from(_ error: any Error, address: String) -> PostgresStoreError {
        if let known = error as? PostgresStoreError { return known }
        guard let psql = error as? PSQLError else {
            return .failed(address: address, why: String(describing: error))
        }
        let server = psql.serverInfo
        let state = server?[.sqlState] ?? ""
        let message = server?[.message] ?? ""
        // The connection lost while the server was answering COMMIT: the change may be saved or not.
        if let lost = lostConnection(psql), psql.query?.sql.trimmingCharacters(in: .whitespaces).uppercased() == "COMMIT" {
            return .outcomeUnknown(address: address, why: lost)
        }
        if let lost = lostConnection(psql), psql.code != .connectionError {
            return .unreachable(address: address, why: lost)
        }
        switch psql.code {
        case .server:
            switch state {
            case "28000" where message.hasSuffix("no encryption"):
                // pg_hba.conf lets this client in over TLS only (hostssl lines).
                return .tls(address: address, why: "the server accepts this login only over TLS (use sslmode=require or verify-full)")
            case "28P01", "28000":
                return .loginRefused(address: address, why: message.isEmpty ? "wrong user or password" : message)
            case "3D000":
                return .loginRefused(address: address, why: message.isEmpty ? "the database does not exist" : message)
            case "42501" where message.hasSuffix("table reinstate_migration"):
                // The first table every command reads, granted with any account.
                return .notGranted(address: address)
            case "42501" where message.hasPrefix("new row violates row-level security policy"):
                return .otherClient(address: address)
            case "42501":
                return .noRights(address: address, why: message)
            case "53300":
                return .unreachable(address: address, why: "the server has too many connections; try again later")
            default:
                return .failed(address: address, why: message.isEmpty ? "error \(state)" : "\(message) (\(state))")
            }
        case .authMechanismRequiresPassword:
            return .loginRefused(
                address: address,
                why: "the server asks for a password and none was given (in the URL, PGPASSWORD or ~/.pgpass)")
        case .unsupportedAuthMechanism:
            return .loginRefused(address: address, why: "the server asks for a way of logging in that Reinstate does not support")
        case .saslError:
            return .loginRefused(address: address, why: "password authentication failed")
        case .sslUnsupported:
            return .tls(address: address, why: "the server does not offer TLS (sslmode asks for it)")
        case .failedToAddSSLHandler:
            return .tls(address: address, why: "TLS could not be set up")
        case .connectionError:
            return .unreachable(address: address, why: describe(psql.underlying))
        case .serverClosedConnection, .uncleanShutdown:
            return .unreachable(address: address, why: "the server closed the connection")
        default:
            if let underlying = psql.underlying {
                return .failed(address: address, why: describe(underlying))
            }
            return .failed(address: address, why: "\(psql.code)")
        }
    }

    /// A server certificate that TLS refused (signed by an authority not trusted here, or made out to
    /// another name) in words, naming what it was checked against; nil for any other error.
    static func certificateRefused(
        _ error: any Error, host: String, roots: PostgresAddress.RootCertificate, address: String
    ) -> PostgresStoreError? {
        let underlying = (error as? PSQLError)?.underlying ?? error
        if let extra = underlying as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return .tls(
                address: address,
                why: "the server's certificate is not made out to \(host) (sslmode=verify-full checks the host name; "
                    + "connect by a name the certificate holds)")
        }
        guard underlying is NIOSSLError || underlying is BoringSSLError else { return nil }
        let text = String(describing: underlying)
        guard text.contains("CERTIFICATE_VERIFY_FAILED") || text.lowercased().contains("certificate verify failed") else {
            return nil
        }
        let trusted: String
        switch roots {
        case .file(let path): trusted = "a certificate authority in \(path)"
        case .system, .defaulted: trusted = "a certificate authority this system trusts (name yours with sslrootcert=FILE)"
        }
        return .tls(address: address, why: "the server's certificate is not signed by \(trusted)")
    }

    /// Why the connection was lost, in words, when `error` says it was (the server stopped or restarted,
    /// the backend terminated, the network gone); nil for any other error.
    static func lostConnection(_ error: PSQLError) -> String? {
        switch error.code {
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection:
            return "the connection was lost (the server stopped, restarted or closed it)"
        case .connectionError:
            return describe(error.underlying)
        case .server:
            let state = error.serverInfo?[.sqlState] ?? ""
            // 57P01 admin shutdown or pg_terminate_backend, 57P02 crash of another backend, 57P03 cannot
            // connect now (starting up, shutting down), class 08 connection exceptions.
            switch state {
            case "57P01", "57P02":
                return "the server ended the connection (it was stopped, restarted or the session was terminated)"
            case "57P03":
                return "the server is starting up or shutting down; try again in a moment"
            default:
                return state.hasPrefix("08") ? "the connection failed (\(state))" : nil
            }
        default:
            return nil
        }
    }

    /// NIO's connection errors in words: refused, timed out, no such host, a certificate not trusted.
    static func describe(_ error: (any Error)?) -> String {
        guard let error else { return "the connection failed" }
        if let ssl = error as? NIOSSLError {
            return "the server's certificate was not accepted (\(ssl))"
        }
        let text = String(describing: error)
        // ETIMEDOUT on a connection made: the keepalive or the unacknowledged-data timeout gave up
        // (`PostgresStore.DeadNetwork`).
        if text.contains("errno: 110"), text.contains("read(") || text.contains("write(") || text.contains("writev(") {
            return "the server stopped answering (the network may be down)"
        }
        if text.contains("connectTimeout") || text.contains("timeout") { return "no answer in time (is the host right? is it up?)" }
        if text.contains("refused") || text.contains("ECONNREFUSED") { return "the connection was refused (is the server running on that port?)" }
        if text.contains("No such file") || text.contains("ENOENT") { return "there is no server socket there (is the server running?)" }
        if text.contains("resolve") || text.contains("NXDOMAIN") || text.contains("getaddrinfo") || text.contains("UnknownHost") {
            return "the host name is not known"
        }
        if text.contains("certificate") || text.contains("handshake") { return "the server's certificate was not accepted (\(text))" }
        return text
    }
}
