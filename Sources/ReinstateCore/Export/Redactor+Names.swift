import Foundation

extension Redactor {
    /// Words that follow "Hello"/"Dear" without being anyone's name.
    static let notNames: Set<String> = [
        "seller", "sellers", "all", "there", "sir", "madam", "sir or madam", "sir/madam", "partner",
        "seller partner", "selling partner", "valued seller", "amazon seller", "amazon", "customer", "friend",
    ]

    /// Closing words after which a seller signs with a name.
    static let signOffs: Set<String> = [
        "sincerely", "yours sincerely", "sincerely yours", "regards", "best regards", "kind regards",
        "warm regards", "with regards", "best", "thank you", "thanks", "many thanks", "respectfully",
        "yours faithfully", "yours truly", "cordially",
    ]

    /// Names a text greets ("Hello Blue Harbor Goods LLC,", "Dear Jane Doe,") or signs with
    /// ("Sincerely,\nJane Doe"). Amazon's teams and generic greetings are not names.
    public static func personalNames(in text: String) -> [String] {
        var found: [String] = []
        let lines = TerminalSafe.clean(text).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        for (i, line) in lines.enumerated() {
            let lowered = line.lowercased()
            for greeting in ["hello ", "dear ", "hi "] where lowered.hasPrefix(greeting) {
                guard let last = line.last, ",:!".contains(last) else { continue }
                let name = String(line.dropFirst(greeting.count).dropLast()).trimmingCharacters(in: .whitespaces)
                if isName(name) { found.append(name) }
            }
            var closing = lowered
            while let last = closing.last, ",.!".contains(last) { closing.removeLast() }
            if signOffs.contains(closing), let next = lines[(i + 1)...].first(where: { !$0.isEmpty }),
                isName(next), next.split(separator: " ").count <= 5, next.count <= 40,
                !next.contains(where: \.isNumber), next.first?.isUppercase ?? false
            {
                found.append(next)
            }
        }
        return found
    }

    static func isName(_ name: String) -> Bool {
        let lowered = name.lowercased()
        guard (2...60).contains(name.count), !notNames.contains(lowered), !name.contains("@") else { return false }
        for word in ["team", "amazon", "performance", "support", "department"] where lowered.contains(word) {
            return false
        }
        // "The owner", "Our team", "My family": a role, not a name.
        let first = lowered.split(separator: " ").first.map(String.init) ?? ""
        return !["the", "our", "my", "your", "a", "an", "all", "everyone"].contains(first)
    }

    /// A redactor for exporting `histories`: it knows every case's account name and the names their
    /// messages, plans and notes greet or sign with, plus `extraNames` the seller gave.
    public static func forExport(of histories: [CaseHistory], extraNames: [String] = []) -> Redactor {
        var names = NameCollector(extraNames: extraNames)
        for h in histories { names.collect(h) }
        return names.redactor()
    }

    /// The names `forExport(of:)` finds, gathered one case at a time, so a whole store can be read in
    /// batches before anything is redacted: every placeholder must know every name first.
    public struct NameCollector: Sendable {
        private var accounts: [String] = []
        private var sellers: [String] = []
        private var seenAccounts = Set<String>()
        private var seenSellers = Set<String>()

        public init(extraNames: [String] = []) {
            for name in extraNames { addSeller(name) }
        }

        public mutating func collect(_ h: CaseHistory) {
            let account = h.suspensionCase.account
            if !account.isEmpty, seenAccounts.insert(account).inserted { accounts.append(account) }
            for m in h.messages { for name in personalNames(in: m.text) { addSeller(name) } }
            for p in h.plans { for name in personalNames(in: p.text) { addSeller(name) } }
            for n in h.notes { for name in personalNames(in: n.text) { addSeller(name) } }
        }

        /// The same name twice is kept once: the redactor would keep only the first anyway.
        private mutating func addSeller(_ name: String) {
            if seenSellers.insert(name).inserted { sellers.append(name) }
        }

        public func redactor() -> Redactor {
            Redactor(accountNames: accounts, sellerNames: sellers)
        }
    }
}
