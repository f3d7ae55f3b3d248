import Foundation

/// The aspect and the topic of one request.
///
/// The topic's canonical form, so that one issue asked about under several aspects reads the same
/// ("Greater detail on the root cause(s) of customer complaints of unresponsive or poor customer
/// service." and "… the steps you have taken to prevent complaints of unresponsive or poor customer
/// service going forward." both give "unresponsive or poor customer service"):
///
/// 1. the words after the aspect's marker ("root cause(s) of", "to resolve", "to prevent", "Ursachen
///    für", "pour résoudre" …), up to a closing marker where the language has one ("um … zu beheben");
///    in Japanese and Chinese the words before it ("…の根本原因", "…的根本原因");
/// 2. without trailing punctuation and time phrases ("going forward", "in the future", "from
///    happening again", "künftig", "à l'avenir", "en el futuro", "in futuro", "今後", "再次发生");
/// 3. without a leading "future", "customer complaints of/about/regarding", "complaints of/about";
///    in French, Spanish and Italian also without a leading article or "de/des/du/del/della";
/// 4. generic references ("the issue", "this issue", "it", "them") become "", and a pronoun takes the
///    topic of the request before it in the same message;
/// 5. the first letter lower-cased unless the first word is an acronym ("ODR" stays);
/// 6. white space collapsed. English articles are kept ("the authenticity of your items").
///
/// Evidence and other requests carry a topic only when their words contain the topic of another
/// request of the same message.
enum RequestTopic {
    static func aspect(of text: String) -> Aspect {
        let folded = FoldedText(text)
        let candidates: [(Aspect, [String])] = [
            (.rootCause, RequestPhrases.rootCause), (.correctiveAction, RequestPhrases.corrective),
            (.preventiveMeasure, RequestPhrases.preventive), (.evidence, RequestPhrases.evidence),
        ]
        var best: (Aspect, Int)? = nil
        for (aspect, cues) in candidates {
            if let o = folded.earliest(cues), best.map({ o < $0.1 }) ?? true { best = (aspect, o) }
        }
        return best?.0 ?? .other
    }

    /// Whether the text carries any aspect cue.
    static func hasCue(_ text: String) -> Bool { aspect(of: text) != .other }

    private struct Marker {
        var start: [[UInt32]]
        var end: [[UInt32]]
        /// The topic stands before the marker (Japanese, Chinese).
        var before: Bool
        var romance: Bool

        init(start: [String], end: [String] = [], before: Bool = false, romance: Bool = false) {
            self.start = start.map(LoweredText.lowered)
            self.end = end.map(LoweredText.lowered)
            self.before = before
            self.romance = romance
        }
    }

    private static let markers: [Aspect: [Marker]] = [
        .rootCause: [
            Marker(start: [
                "root cause(s) of", "root causes of", "root cause of", "root cause(s) for", "root causes for", "root cause for",
                "root cause(s) behind", "root causes behind", "root cause behind", "root cause(s) that led to", "root causes that led to",
                "root cause that led to", "root cause(s) leading to", "root cause leading to", "underlying cause(s) of",
                "underlying causes of", "underlying cause of", "cause(s) of", "causes of", "cause of", "reason(s) for", "reasons for",
                "reason for",
            ]),
            Marker(start: ["Ursache(n) für", "Ursachen für", "Ursache für", "Ursachen von", "Ursache von", "Ursachen der", "Ursache der",
                           "Ursachen des", "Ursache des", "Gründe für", "Grund für"]),
            Marker(start: ["causes profondes", "cause profonde", "causes premières", "cause première", "causes principales",
                           "cause principale", "la ou les causes", "les causes", "la cause",
                           "causas raíz", "causa raíz", "causa raiz", "causas principales", "causa principal", "causas fundamentales",
                           "causa fundamental", "las causas", "la causa",
                           "cause principali", "causa principale", "causa alla radice", "cause alla radice", "causa profonda",
                           "le cause"], romance: true),
            Marker(start: ["の根本原因", "の原因", "的根本原因", "的原因"], before: true),
        ],
        .correctiveAction: [
            Marker(start: ["taken to resolve", "take to resolve", "took to resolve", "taken to address", "taken to fix", "taken to correct",
                           "to resolve", "to address", "to fix", "to correct", "to remedy", "to remediate", "resolving", "addressing",
                           "resolve", "corrective action(s) for", "corrective actions for", "corrective action for"]),
            Marker(start: [" um "], end: [" zu beheben", " zu lösen", " zu beseitigen", " zu korrigieren"]),
            Marker(start: ["Behebung von", "Behebung der", "Behebung des", "Lösung von", "Lösung der", "Lösung des"]),
            Marker(start: ["pour résoudre", "pour remédier", "pour corriger", "résoudre", "remédier", "para resolver", "para solucionar",
                           "para corregir", "resolver", "per risolvere", "per correggere", "per rimediare", "risolvere"], romance: true),
            Marker(start: ["を解決するため", "を解決する", "に対処するため", "に対処する", "を是正するため", "を改善するため"], before: true),
            Marker(start: ["为了解决", "为解决", "解决"], end: ["而采取", "所采取", "采取", "的措施"]),
        ],
        .preventiveMeasure: [
            Marker(start: ["taken to prevent", "take to prevent", "will take to prevent", "to prevent", "preventing", "prevent",
                           "to avoid", "avoiding", "avoid", "to ensure", "to stop"]),
            Marker(start: [" um "], end: [" zu verhindern", " zu vermeiden", " vorzubeugen"]),
            Marker(start: ["Vermeidung von", "Vermeidung der", "Verhinderung von", "Verhinderung der"]),
            Marker(start: ["pour éviter", "pour empêcher", "pour prévenir", "éviter", "empêcher", "prévenir", "para evitar", "para prevenir",
                           "evitar", "prevenir", "per evitare", "per prevenire", "evitare", "prevenire"], romance: true),
            Marker(start: ["の再発を防止", "の再発防止", "を防止するため", "を防止する", "を防ぐため", "を防ぐ"], before: true),
            Marker(start: ["为了防止", "为防止", "防止", "为避免", "避免", "为预防", "预防"], end: ["再次发生", "而采取", "所采取", "采取", "的措施"]),
        ],
    ]

    static let trailingPhrases = [
        " going forward", " in the future", " in future", " moving forward", " from happening again", " from happening in the future",
        " from recurring", " from reoccurring", " from occurring again", " from occurring", " from happening", " again",
        " künftig", " zukünftig", " in Zukunft", " erneut", " à l'avenir", " à nouveau", " dorénavant", " en el futuro", " de nuevo",
        " nuevamente", " en adelante", " in futuro", " di nuovo", " nuovamente", "再次发生", "今后", "再発",
    ]
    static let leadingPhrases = [
        "future ", "further ", "any future ", "customer complaints of ", "customer complaints about ", "customer complaints regarding ",
        "customer complaints related to ", "customer complaints concerning ", "buyer complaints of ", "buyer complaints about ",
        "complaints of ", "complaints about ", "complaints regarding ", "complaints related to ", "complaints concerning ",
        "the customer complaints of ", "the customer complaints about ", "the customer complaints regarding ", "the complaints of ",
        "the complaints about ", "the complaints regarding ", "the complaints related to ", "the buyer complaints about ",
        "künftig ", "zukünftig ", "in Zukunft ", "à l'avenir ", "en el futuro ", "in futuro ", "今後、", "今後", "将来的に", "今后", "将来", "未来",
        "有关", "关于", "您",
    ]
    static let romanceLeading = [
        "de la ", "de l'", "de los ", "de las ", "des ", "du ", "de ", "d'", "les ", "le ", "la ", "l'", "aux ", "au ", "à ",
        "los ", "las ", "el ", "del ", "delle ", "della ", "dei ", "degli ", "dello ", "dell'", "di ", "il ", "lo ", "gli ",
        "alle ", "ai ", "al ", "agli ", "i ",
    ]
    static let cutPhrases = ["; ", ", including", ", such as", ", as well as", " (e.g.", " (for example", " (such as", ": "]

    /// A topic as read: canonical text, or a pronoun ("resolve it") that refers to the request before.
    struct Reading: Equatable {
        var text: String
        var pronoun: Bool = false
    }

    /// The canonical topic of a request of the given aspect ("" when none can be read).
    static func topic(of text: String, aspect: Aspect) -> Reading {
        guard let list = markers[aspect] else { return Reading(text: "") }
        let lowered = LoweredText(text)
        var best: (raw: String, romance: Bool, at: Int)? = nil
        for marker in list {
            guard let found = lowered.firstRange(ofAny: marker.start) else { continue }
            var raw: String
            if marker.before {
                raw = String(text[lowered.range(0, found.start)])
            } else {
                if !marker.end.isEmpty {
                    guard let close = lowered.firstRange(ofAny: marker.end, from: found.end) else { continue }
                    raw = String(text[lowered.range(found.end, close.start)])
                } else {
                    raw = String(text[lowered.range(found.end, lowered.scalars.count)])
                }
            }
            if best.map({ found.start < $0.at }) ?? true { best = (raw, marker.romance, found.start) }
        }
        guard let best else { return Reading(text: "") }
        return canonical(best.raw, romance: best.romance)
    }

    private static let trimSet = Set(" .,;:!?。、，；：！？…\"'“”‘’()（）\u{A0}".unicodeScalars.map(\.value))
    private static let trailingLower = trailingPhrases.map(LoweredText.lowered)
    private static let leadingLower = leadingPhrases.map(LoweredText.lowered)
    private static let leadingAndRomanceLower = (leadingPhrases + romanceLeading).map(LoweredText.lowered)
    private static let cutLower = cutPhrases.map(LoweredText.lowered)

    static func canonical(_ raw: String, romance: Bool) -> Reading {
        let text = TextCleanup.collapseSpaces(raw)
        let lw = LoweredText(text)
        let s = lw.scalars
        var a = 0
        var b = s.count
        for cut in cutLower {
            if let o = lw.find(cut), o < b { b = o }
        }
        var changed = true
        var rounds = 0
        while changed && rounds < 30 {
            changed = false
            rounds += 1
            while a < b, trimSet.contains(s[a]) { a += 1 }
            while b > a, trimSet.contains(s[b - 1]) { b -= 1 }
            for p in trailingLower {
                if b - a > p.count, s[(b - p.count)..<b].elementsEqual(p) {
                    b -= p.count
                    changed = true
                } else if p.first == 0x20, b - a == p.count - 1, s[a..<b].elementsEqual(p.dropFirst()) {
                    b = a  // nothing but "going forward"
                }
            }
            for p in romance ? leadingAndRomanceLower : leadingLower where b - a > p.count && s[a..<(a + p.count)].elementsEqual(p) {
                a += p.count
                changed = true
            }
        }
        let t = String(text[lw.range(a, b)])
        let lower = t.lowercased()
        if RequestPhrases.genericTopics.contains(lower) {
            return Reading(text: "", pronoun: RequestPhrases.pronounTopics.contains(lower))
        }
        return Reading(text: lowerFirst(t))
    }

    /// "Unresponsive service" → "unresponsive service"; "ODR" and "ASIN B0…" stay.
    static func lowerFirst(_ t: String) -> String {
        guard let first = t.first, first.isUppercase else { return t }
        let second = t.dropFirst().first
        if let s = second, s.isUppercase || s.isNumber { return t }
        return first.lowercased() + t.dropFirst()
    }

    /// Splits a request that names several aspects in one sentence ("the root cause of the issue, the
    /// actions you have taken to resolve it, and the steps you will take to prevent it") into one part
    /// per aspect, or returns nil when it asks for one thing.
    static func splitAspects(_ text: String) -> [String]? {
        guard text.utf8.count < 1500 else { return nil }
        let folded = FoldedText(text)
        let mainAspects = [RequestPhrases.rootCause, RequestPhrases.corrective, RequestPhrases.preventive].filter { folded.containsAny($0) }
        guard mainAspects.count >= 2 else { return nil }
        // Cut at ", and ", ", ", "; ", " and ", " as well as "; a piece without a cue of its own is glued back.
        let lowered = LoweredText(text)
        let separators = [", and ", "; and ", ", as well as ", " as well as ", "; ", ", ", " and ", ", und ", " und ", ", et ", " et ",
                          ", y ", " y ", ", e ", " e ", "、", "，", "以及", "和"].map { LoweredText.lowered($0) }
        var pieces: [(sep: String, text: String)] = []
        var pieceStart = 0
        var sep = ""
        var i = 0
        let n = lowered.scalars.count
        while i < n {
            var matched: [UInt32]? = nil
            for s in separators where s.count > (matched?.count ?? 0) && i + s.count <= n {
                var k = 0
                while k < s.count && lowered.scalars[i + k] == s[k] { k += 1 }
                if k == s.count { matched = s }
            }
            if let m = matched {
                pieces.append((sep, String(text[lowered.range(pieceStart, i)])))
                sep = String(text[lowered.range(i, i + m.count)])
                i += m.count
                pieceStart = i
                if pieces.count > 40 { return nil }
            } else {
                i += 1
            }
        }
        pieces.append((sep, String(text[lowered.range(pieceStart, n)])))
        var merged: [(text: String, aspect: Aspect)] = []
        for piece in pieces {
            let a = aspect(of: piece.text)
            // A piece without a cue, or one after a leading clause without one ("In order to …,"), is glued on.
            if let last = merged.last, a == .other || a == last.aspect || last.aspect == .other {
                merged[merged.count - 1].text += piece.sep + piece.text
                if last.aspect == .other { merged[merged.count - 1].aspect = a }
            } else {
                merged.append((piece.text, a))
            }
        }
        let aspects = Set(merged.map(\.aspect))
        let main = aspects.intersection([.rootCause, .correctiveAction, .preventiveMeasure])
        guard merged.count >= 2, aspects.count == merged.count, !aspects.contains(.other), main.count >= 2 else { return nil }
        return merged.map { TextCleanup.trim($0.text) }
    }
}
