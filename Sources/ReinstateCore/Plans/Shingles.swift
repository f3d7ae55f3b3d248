import Foundation

/// Word shingles: every run of `size` consecutive words, hashed. Two texts that share a passage share
/// its shingles whatever comes around it, so the share of a sentence's shingles found in another text
/// tells how much of the sentence was copied. Words are compared lower-cased, punctuation ignored.
struct Shingles: Sendable {
    static let size = 4

    /// The hashes of a text's shingles, in order (a text shorter than `size` words has one shingle of
    /// all its words).
    static func hashes(_ words: [PlanWord], size: Int = Shingles.size) -> [UInt64] {
        guard !words.isEmpty else { return [] }
        let hashed = words.map { fnv($0.lower) }
        if hashed.count < size { return [combine(hashed[...])] }
        var out: [UInt64] = []
        out.reserveCapacity(hashed.count - size + 1)
        for i in 0...(hashed.count - size) { out.append(combine(hashed[i..<(i + size)])) }
        return out
    }

    static func set(of text: String) -> Set<UInt64> { Set(hashes(PlanWords.of(text))) }

    /// The share (0…1) of `shingles` found in `other`.
    static func containment(_ shingles: [UInt64], in other: Set<UInt64>) -> Double {
        guard !shingles.isEmpty else { return 0 }
        return Double(shingles.filter { other.contains($0) }.count) / Double(shingles.count)
    }

    private static func fnv(_ s: String) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    private static func combine(_ hashes: ArraySlice<UInt64>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15
        for x in hashes { h = (h ^ x) &* 0xBF58_476D_1CE4_E5B9 &+ 0x94D0_49BB_1331_11EB }
        return h
    }
}
