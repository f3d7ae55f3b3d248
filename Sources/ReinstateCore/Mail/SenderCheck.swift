import Foundation

/// Whether a message comes from Amazon: judged on the sender's domain and on the verdicts the receiving
/// server wrote in `Authentication-Results`, never on the text (anyone can write "Amazon" in a mail).
public enum SenderVerdict: Sendable, Equatable {
    /// From an Amazon domain; `verified` when DKIM, SPF or DMARC passed for it, false when the receiving
    /// server wrote no verdict (a mailbox exported without those headers).
    case amazon(verified: Bool)
    /// From an Amazon domain, but authentication failed: very likely a forgery.
    case failedAuthentication(String)
    /// From another domain (its domain, for the summary).
    case notAmazon(String)
}

public enum SenderCheck {
    /// Whether `domain` is Amazon's: a marketplace's domain or a name under it ("amazon.de",
    /// "marketplace.amazon.co.uk"); "amazon.de.example.org" and "notamazon.com" are not.
    public static func isAmazonDomain(_ domain: String) -> Bool {
        let d = domain.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ". "))
        return Marketplace.known.contains { d == $0 || d.hasSuffix("." + $0) }
    }

    /// The verdict for a message from `fromAddress` carrying `authenticationResults`.
    ///
    /// Only the first `Authentication-Results` header counts: the receiving server puts its own on top,
    /// and any below it came with the message, where a forger can write what he likes.
    public static func verdict(fromAddress: String, authenticationResults: String?) -> SenderVerdict {
        let domain = MailEnvelope.domain(fromAddress)
        guard isAmazonDomain(domain) else { return .notAmazon(domain.isEmpty ? "no sender address" : domain) }
        guard let results = authenticationResults else { return .amazon(verified: false) }
        var passed = false
        var failed: [String] = []
        for clause in results.split(separator: ";").dropFirst() {
            let words = clause.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
            guard let first = words.first, let eq = first.firstIndex(of: "=") else { continue }
            let method = String(first[..<eq])
            let result = String(first[first.index(after: eq)...])
            guard ["dkim", "spf", "dmarc"].contains(method) else { continue }
            // The domain the verdict is about: header.d / header.i for DKIM, smtp.mailfrom for SPF,
            // header.from for DMARC. A pass for another domain says nothing about Amazon.
            let about = words.compactMap { w -> String? in
                for key in ["header.d=", "header.i=", "smtp.mailfrom=", "header.from="] where w.hasPrefix(key) {
                    let value = String(w.dropFirst(key.count))
                    return value.contains("@") ? MailEnvelope.domain(value) : value
                }
                return nil
            }.first
            switch result {
            case "pass":
                if about.map(isAmazonDomain) ?? (method == "dmarc") { passed = true }
            case "fail", "softfail", "permerror":
                failed.append("\(method.uppercased()) \(result)")
            default:
                break
            }
        }
        if passed { return .amazon(verified: true) }
        if !failed.isEmpty {
            return .failedAuthentication(
                "it says it is from \(domain), but the receiving server's check failed (\(failed.joined(separator: ", "))): possibly a forgery")
        }
        return .amazon(verified: false)
    }
}
