import Foundation

/// Paints the demo listings' photos: a simple view of the house (sky, façade with a grid of windows
/// and balconies, entrance, trees) and of a room (wall, floor, window, sofa), in each listing's
/// colours. They are drawings, and their alt texts say what they show.
struct DemoPhotoPainter {
    let width = 720
    let height = 480
    private(set) var pixels: [UInt8]

    init() { pixels = [UInt8](repeating: 0, count: 720 * 480 * 3) }

    typealias Colour = (r: UInt8, g: UInt8, b: UInt8)

    mutating func fill(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ c: Colour) {
        for y in max(0, y0)..<min(height, y1) {
            var i = (y * width + max(0, x0)) * 3
            for _ in max(0, x0)..<min(width, x1) {
                pixels[i] = c.r; pixels[i + 1] = c.g; pixels[i + 2] = c.b
                i += 3
            }
        }
    }

    mutating func gradient(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, from top: Colour, to bottom: Colour) {
        for y in y0..<y1 {
            let t = Double(y - y0) / Double(max(1, y1 - y0))
            func mix(_ a: UInt8, _ b: UInt8) -> UInt8 { UInt8(Double(a) + (Double(b) - Double(a)) * t) }
            fill(x0, y, x1, y + 1, (mix(top.r, bottom.r), mix(top.g, bottom.g), mix(top.b, bottom.b)))
        }
    }

    mutating func disc(_ cx: Int, _ cy: Int, _ radius: Int, _ c: Colour) {
        for y in (cy - radius)...(cy + radius) where y >= 0 && y < height {
            let half = Int(Double(radius * radius - (y - cy) * (y - cy)).squareRoot())
            fill(cx - half, y, cx + half, y + 1, c)
        }
    }

    /// A block of flats: `floors` storeys of `columns` windows, balconies on every other column.
    static func house(facade: Colour, accent: Colour, floors: Int, columns: Int) throws -> Data {
        var p = DemoPhotoPainter()
        p.gradient(0, 0, 720, 380, from: (116, 170, 219), to: (200, 225, 242))
        p.fill(0, 380, 720, 480, (96, 140, 84))
        p.fill(0, 400, 720, 430, (150, 150, 150))
        let left = 130, right = 590, top = 380 - floors * 44 - 20
        p.fill(left - 10, top - 12, right + 10, top, (90, 90, 95))
        p.fill(left, top, right, 380, facade)
        let step = (right - left) / columns
        for floor in 0..<floors {
            let y = top + 18 + floor * 44
            for column in 0..<columns {
                let x = left + column * step + step / 2 - 14
                p.fill(x, y, x + 28, y + 26, (60, 92, 125))
                p.fill(x + 13, y, x + 15, y + 26, (235, 235, 235))
                if column % 2 == 1 { p.fill(x - 8, y + 26, x + 36, y + 32, accent) }
            }
        }
        let door = left + (right - left) / 2
        p.fill(door - 22, 330, door + 22, 380, (70, 55, 45))
        p.fill(door - 30, 322, door + 30, 330, accent)
        for (x, r) in [(70, 48), (650, 56), (40, 34)] {
            p.fill(x - 5, 380 - r, x + 5, 400, (90, 64, 40))
            p.disc(x, 380 - r - r / 2, r, (58, 112, 62))
        }
        return try PNGWriter.rgb(width: p.width, height: p.height, rgb: p.pixels)
    }

    /// A living room: wall, wooden floor, a window with the sky, a sofa and a lamp.
    static func room(wall: Colour, sofa: Colour) throws -> Data {
        var p = DemoPhotoPainter()
        p.fill(0, 0, 720, 330, wall)
        p.gradient(0, 330, 720, 480, from: (170, 128, 86), to: (130, 92, 58))
        for x in stride(from: 0, to: 720, by: 90) { p.fill(x, 330, x + 2, 480, (120, 85, 55)) }
        p.fill(420, 60, 640, 260, (245, 245, 245))
        p.gradient(430, 70, 630, 250, from: (140, 190, 230), to: (205, 228, 245))
        p.fill(527, 70, 533, 250, (245, 245, 245))
        p.fill(60, 250, 360, 330, sofa)
        p.fill(40, 230, 80, 340, sofa)
        p.fill(340, 230, 380, 340, sofa)
        p.fill(80, 200, 340, 260, (UInt8(Double(sofa.r) * 0.85), UInt8(Double(sofa.g) * 0.85), UInt8(Double(sofa.b) * 0.85)))
        p.fill(60, 330, 70, 350, (60, 45, 35))
        p.fill(350, 330, 360, 350, (60, 45, 35))
        p.fill(395, 120, 399, 340, (60, 60, 60))
        p.disc(397, 110, 22, (250, 230, 170))
        return try PNGWriter.rgb(width: p.width, height: p.height, rgb: p.pixels)
    }
}
