/// MT19937 (Matsumoto & Nishimura, ACM TOMACS 8, 3, 1998) seeded as numpy's legacy
/// `RandomState(seed)` seeds it, with `RandomState.shuffle`'s draw rule.
///
/// Sieve uses it for one thing: cutting k folds exactly as scikit-learn's
/// `KFold(shuffle=True, random_state=seed)` does, so Matbench's folds (seed 18012019) come out
/// bit for bit. Everything else draws from ``Xoshiro256``.
public struct MersenneTwister: Sendable {
    private var state = [UInt32](repeating: 0, count: 624)
    private var position = 624

    /// `numpy.random.RandomState(seed)` for a seed in 0 ..< 2³² (numpy's `init_genrand`).
    public init(seed: UInt32) {
        state[0] = seed
        for i in 1..<624 {
            let previous = state[i - 1]
            state[i] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(i)
        }
    }

    /// The next 32-bit output (`genrand_int32`).
    public mutating func nextUInt32() -> UInt32 {
        if position >= 624 { twist() }
        var y = state[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    private mutating func twist() {
        for i in 0..<624 {
            let y = (state[i] & 0x8000_0000) | (state[(i + 1) % 624] & 0x7FFF_FFFF)
            var next = state[(i + 397) % 624] ^ (y >> 1)
            if y & 1 != 0 { next ^= 0x9908_B0DF }
            state[i] = next
        }
        position = 0
    }

    /// A uniform integer in 0 ... max by numpy's `random_interval`: draws masked to the smallest
    /// all-ones bit pattern covering `max`, rejected until one is at most `max`.
    public mutating func interval(_ max: UInt32) -> UInt32 {
        guard max > 0 else { return 0 }
        var mask = max
        mask |= mask >> 1; mask |= mask >> 2; mask |= mask >> 4; mask |= mask >> 8; mask |= mask >> 16
        while true {
            let value = nextUInt32() & mask
            if value <= max { return value }
        }
    }

    /// Shuffles in place as `RandomState.shuffle` does a one-dimensional array: Fisher–Yates
    /// from the last element down, swapping element i with a draw in 0 ... i.
    public mutating func shuffle<T>(_ elements: inout [T]) {
        guard elements.count > 1 else { return }
        for i in stride(from: elements.count - 1, through: 1, by: -1) {
            let j = Int(interval(UInt32(i)))
            elements.swapAt(i, j)
        }
    }
}
