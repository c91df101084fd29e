/// The innermost loops of histogram building: add each row's packed gradient (see
/// ``GradientQuantizer``) to its bin, for a group of features at once.
///
/// A row's value is read once per group and the group's features update histograms of their own,
/// so consecutive updates do not wait on each other. Rows are given by index (`rows[begin..<end]`,
/// ascending), codes are column-major (`columns[j][row]`); a bin is one `Int64`, added with
/// wrapping integer addition (exact: see ``GradientQuantizer``).
enum HistogramKernels {
    typealias Columns = UnsafePointer<UnsafePointer<UInt8>>
    typealias Bins = UnsafePointer<UnsafeMutablePointer<Int64>>

    /// Adds rows `rows[begin..<end]` into the histograms of `count` features.
    static func accumulate(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                           columns: Columns, bins: Bins, count: Int) {
        var j = 0
        while count - j >= 8 {
            accumulate8(rows, begin, end, g, columns + j, bins + j)
            j += 8
        }
        switch count - j {
        case 7: accumulate4(rows, begin, end, g, columns + j, bins + j); accumulate3(rows, begin, end, g, columns + j + 4, bins + j + 4)
        case 6: accumulate3(rows, begin, end, g, columns + j, bins + j); accumulate3(rows, begin, end, g, columns + j + 3, bins + j + 3)
        case 5: accumulate3(rows, begin, end, g, columns + j, bins + j); accumulate2(rows, begin, end, g, columns + j + 3, bins + j + 3)
        case 4: accumulate4(rows, begin, end, g, columns + j, bins + j)
        case 3: accumulate3(rows, begin, end, g, columns + j, bins + j)
        case 2: accumulate2(rows, begin, end, g, columns + j, bins + j)
        case 1: accumulate1(rows, begin, end, g, columns + j, bins + j)
        default: break
        }
    }

    @inline(__always)
    static func accumulate8(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                            _ c: Columns, _ h: Bins) {
        let (c0, c1, c2, c3, c4, c5, c6, c7) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7])
        let (h0, h1, h2, h3, h4, h5, h6, h7) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
        for k in begin..<end {
            let r = Int(rows[k])
            let v = g[r]
            h0[Int(c0[r])] &+= v; h1[Int(c1[r])] &+= v; h2[Int(c2[r])] &+= v; h3[Int(c3[r])] &+= v
            h4[Int(c4[r])] &+= v; h5[Int(c5[r])] &+= v; h6[Int(c6[r])] &+= v; h7[Int(c7[r])] &+= v
        }
    }

    @inline(__always)
    static func accumulate4(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                            _ c: Columns, _ h: Bins) {
        let (c0, c1, c2, c3) = (c[0], c[1], c[2], c[3])
        let (h0, h1, h2, h3) = (h[0], h[1], h[2], h[3])
        for k in begin..<end {
            let r = Int(rows[k])
            let v = g[r]
            h0[Int(c0[r])] &+= v; h1[Int(c1[r])] &+= v; h2[Int(c2[r])] &+= v; h3[Int(c3[r])] &+= v
        }
    }

    @inline(__always)
    static func accumulate3(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                            _ c: Columns, _ h: Bins) {
        let (c0, c1, c2) = (c[0], c[1], c[2])
        let (h0, h1, h2) = (h[0], h[1], h[2])
        for k in begin..<end {
            let r = Int(rows[k])
            let v = g[r]
            h0[Int(c0[r])] &+= v; h1[Int(c1[r])] &+= v; h2[Int(c2[r])] &+= v
        }
    }

    @inline(__always)
    static func accumulate2(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                            _ c: Columns, _ h: Bins) {
        let (c0, c1) = (c[0], c[1])
        let (h0, h1) = (h[0], h[1])
        for k in begin..<end {
            let r = Int(rows[k])
            let v = g[r]
            h0[Int(c0[r])] &+= v; h1[Int(c1[r])] &+= v
        }
    }

    @inline(__always)
    static func accumulate1(_ rows: UnsafePointer<Int32>, _ begin: Int, _ end: Int, _ g: UnsafePointer<Int64>,
                            _ c: Columns, _ h: Bins) {
        let c0 = c[0], h0 = h[0]
        for k in begin..<end {
            let r = Int(rows[k])
            h0[Int(c0[r])] &+= g[r]
        }
    }
}
