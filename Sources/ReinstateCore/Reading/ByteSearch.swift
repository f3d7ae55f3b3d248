import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain substring search over bytes: linear for the short needles the reader uses.
enum ByteSearch {
    static func firstOffset(of needle: [UInt8], in hay: [UInt8], from start: Int = 0) -> Int? {
        needle.withUnsafeBufferPointer { firstOffset(of: $0, in: hay, from: start) }
    }

    static func firstOffset(of np: UnsafeBufferPointer<UInt8>, in hay: [UInt8], from start: Int = 0) -> Int? {
        let n = np.count, h = hay.count
        guard n > 0, start >= 0, h - start >= n else { return n == 0 ? start : nil }
        // Jump with memchr to the first letter (phrases mostly start with a space, which is everywhere).
        let anchor = n > 1 && np[0] == 0x20 ? 1 : 0
        let a = np[anchor]
        return hay.withUnsafeBufferPointer { hp -> Int? in
            guard let base = hp.baseAddress else { return nil }
            var i = start + anchor
            let last = h - n + anchor
            while i <= last {
                guard let found = memchr(base + i, Int32(a), last - i + 1) else { return nil }
                let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let s = at - anchor
                var k = 0
                while k < n && hp[s + k] == np[k] { k += 1 }
                if k == n { return s }
                i = at + 1
            }
            return nil
        }
    }
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared byte for byte (no Foundation bridging).
    func includes(_ needle: String) -> Bool {
        let hay = Array(self.utf8)
        return ByteSearch.firstOffset(of: Array(needle.utf8), in: hay) != nil
    }
}
