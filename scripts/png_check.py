"""Check that a PNG screenshot is not blank: decode it with the standard library and require
both enough non-background pixels and enough distinct colours. usage: png_check.py FILE.png"""
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), f"unexpected PNG format (depth {depth}, colour type {colour})"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b, c = previous[i], previous[i - channels] if i >= channels else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line)); previous = line
    return width, height, channels, rows

width, height, channels, rows = pixels(sys.argv[1])
colours, ink = set(), 0
for row in rows[::4]:
    for x in range(0, width * channels, channels * 4):
        px = row[x:x + 3]
        colours.add(px)
        if px != b"\xff\xff\xff": ink += 1
sampled = (height // 4 + 1) * (width // 4 + 1)
print(f"{width}x{height}: {len(colours)} colours, {100 * ink / sampled:.1f} % non-white")
if len(colours) < 20 or ink / sampled < 0.02:
    sys.exit("FAIL: the screenshot is blank or nearly so")
