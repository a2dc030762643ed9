"""Draw the sample signature and seal images used by the examples.

Both are synthetic and marked as samples (the seal reads "MẪU"): real
offices use scans of their own signature and seal. Needs Pillow;
run from the repository root: python3 data/examples/images/make.py
"""
import math
import random

from PIL import Image, ImageDraw, ImageFont

FONT = "fonts/LiberationSerif-Bold.ttf"
OUT = "data/examples/images/"


def signature():
    # A blue, hand-like stroke on a transparent background.
    img = Image.new("RGBA", (900, 360), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    rnd = random.Random(68)
    pts = []
    for i in range(240):
        t = i / 239
        x = 60 + 760 * t
        y = 190 + 80 * math.sin(t * 11) * (1 - t) + 30 * math.sin(t * 37) + rnd.uniform(-4, 4)
        pts.append((x, y))
    d.line(pts, fill=(20, 40, 160, 255), width=9, joint="curve")
    d.line([(120, 290), (820, 250)], fill=(20, 40, 160, 255), width=7)
    img.save(OUT + "chu-ky-mau.png", optimize=True)


def seal():
    # A red round seal: ring text, a star, "MẪU" in the middle.
    n = 800
    img = Image.new("RGBA", (n, n), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    red = (210, 20, 30, 235)
    c = n / 2
    d.ellipse([8, 8, n - 8, n - 8], outline=red, width=16)
    d.ellipse([70, 70, n - 70, n - 70], outline=red, width=6)
    font = ImageFont.truetype(FONT, 58)
    text = "ĐẢNG ỦY PHƯỜNG GIANG BIÊN * QUẬN LONG BIÊN * "
    r = c - 40
    for i, ch in enumerate(text):
        a = -math.pi / 2 + 2 * math.pi * i / len(text)
        glyph = Image.new("RGBA", (80, 80), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((40, 40), ch, font=font, fill=red, anchor="mm")
        glyph = glyph.rotate(-math.degrees(a) - 90, resample=Image.BICUBIC)
        x, y = c + r * math.cos(a) - 40, c + r * math.sin(a) - 40
        img.alpha_composite(glyph, (int(x), int(y)))
    big = ImageFont.truetype(FONT, 150)
    d.text((c, c + 20), "MẪU", font=big, fill=red, anchor="mm")
    star = [(c + 60 * math.cos(math.pi / 2 + k * 4 * math.pi / 5), c - 150 - 60 * math.sin(math.pi / 2 + k * 4 * math.pi / 5)) for k in range(5)]
    d.polygon(star, fill=red)
    img.save(OUT + "con-dau-mau.png", optimize=True)


signature()
seal()
